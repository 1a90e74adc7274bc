"""Page → Document: find labels, cut turns, resolve speakers, collect notes."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable
from pathlib import PurePath

from onrecord.errors import NoStructureError
from onrecord.model import Document, Note, Turn
from onrecord.parse import attribution, narration
from onrecord.parse.cast import people
from onrecord.parse.examination import EXAMINER_LINE
from onrecord.parse.labels import (
    GENERIC_LABELS,
    OFFICE_WITH_ARTICLE,
    coded_voice_opening,
    one_word_opening,
    split_label,
)
from onrecord.parse.notes import find_notes, label_notes
from onrecord.parse.page import Block, Page, collapse_ascii_spaces
from onrecord.parse.speakers import slug
from onrecord.sources import RawInput


def build_document(page: Page, raw: RawInput, parser: dict[str, str]) -> Document:
    blocks = page.blocks if page.labels_from_markup else _label_blocks(page.blocks)
    preamble, turns = _cut_turns(blocks)
    if not turns and not preamble and not page.title:
        raise NoStructureError("no transcript text found", source=raw.source)
    speakers = people(turns, preamble)
    document = Document(
        id=page.page_id or file_id(raw.source) or _content_id(raw.data),
        source=raw.source,
        sha256=raw.sha256,
        parser=parser,
        title=one_line(page.title),
        date=page.date,
        time=page.time,
        place=one_line(page.place),
        lead="\n\n".join(one_line(p) for p in page.lead.split("\n\n")),
        language=page.language if page.language_known else guess_language(preamble, turns),
        url=page.url,
        speakers=speakers,
        turns=turns,
        preamble=preamble,
        notes=_notes(preamble, turns),
        warnings=list(page.warnings),
    )
    return attribution.check(document)


# Share of Cyrillic among the letters above which a text is taken as Russian.
CYRILLIC_SHARE = 0.3
LANGUAGE_SAMPLE_CHARS = 5000
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


def guess_language(preamble: list[str], turns: list[Turn]) -> str:
    sample = " ".join(_first_chars(preamble + [p for t in turns for p in t.paragraphs]))
    letters = sum(map(str.isalpha, sample))
    cyrillic = len(_CYRILLIC_LETTER.findall(sample))
    return "ru" if letters and cyrillic / letters > CYRILLIC_SHARE else "en"


def _first_chars(paragraphs: list[str]) -> list[str]:
    taken, size = [], 0
    for paragraph in paragraphs:
        if size >= LANGUAGE_SAMPLE_CHARS:
            break
        taken.append(paragraph[: LANGUAGE_SAMPLE_CHARS - size])
        size += len(taken[-1])
    return taken


def file_id(source: str) -> str:
    """A readable id for a file that names no page of its own: its name's stem as a slug
    (`Briefing 2024-07-08.txt` -> `briefing-2024-07-08`); '' for input with no file name.
    Two different files with one stem in one run are told apart by onrecord.readers
    (`IdClaims`: the second gets `stem-<8 hex of its sha256>`); in later runs one stem is
    one document, a new revision when its text changed."""
    stem = PurePath(source.replace("\\", "/")).stem
    if not stem or source.startswith("<"):
        return ""
    return slug(stem.replace("_", "-"))[:MAX_FILE_ID].strip("-")


MAX_FILE_ID = 80


def _content_id(data: bytes) -> str:
    return "sha-" + hashlib.sha256(data).hexdigest()[:16]


def _label_blocks(blocks: list[Block]) -> list[Block]:
    out = []
    for block in blocks:
        match = split_label(block.text)
        out.append(Block(match.rest, match.label) if match else block)
    out = _offices_that_recur(_field_rows(_leader_rows(_coded_voices(out))))
    out = _single_words_among_labels(out)
    out = _header_fields(_sections_named(_list_titles(out)))
    return _merge_diarized(out) if _is_diarized(blocks) and _segmented(out) else out


MAX_FIELD_WORDS = 5
# Dot leaders, as a record's front page sets out who sits where (`President:  Mr. Costa
# Filho . . . . . . (Brazil)` atop a UN verbatim record): a row of a list, not speech.
_DOT_LEADERS = re.compile(r"(?:\.[ \t]{0,2}){6,}")


def _leader_rows(blocks: list[Block]) -> list[Block]:
    """Above the first turn, a label whose text runs on dot leaders is a row of the page's
    head: kept as text."""
    return _head_rows(blocks, lambda block: bool(_DOT_LEADERS.search(block.text)))


def _field_rows(blocks: list[Block]) -> list[Block]:
    """Above the first words spoken, a label said once whose text is a name or a value, not
    a sentence (`President: Mr. Nunes (Brazil)` atop a UN verbatim record, `Interviewer:
    Jane Doe`), is a row of the page's head: kept as text."""
    counts = Counter(block.label for block in blocks if block.label is not None)
    said_once = {label for label, n in counts.items() if n == 1}
    return _head_rows(blocks, lambda block: block.label in said_once and _value_row(block.text))


def _head_rows(blocks: list[Block], is_row: Callable[[Block], bool]) -> list[Block]:
    """The labelled blocks above the first that `is_row` refuses, kept as text."""
    out = list(blocks)
    for at, block in enumerate(blocks):
        if block.label is None:
            continue
        if not is_row(block):
            break
        out[at] = Block(f"{block.label}: {block.text}")
    return out


_VALUE_WORD = re.compile(r"[(\[]?[A-Z0-9]")
# A name with its jobs, as a briefing's head lists who speaks (`SPEAKER: Julie Kozack,
# Director, Communications Department, IMF`): more words, between commas.
MAX_LISTED_WORDS = 15
_VALUE_JOINERS = frozenset("of and the for on in at de van von".split())


def _value_row(text: str) -> bool:
    """`Mr. Nunes (Brazil)`, `Jane Doe`, `Julie Kozack, Director of Communications, IMF`: a
    few words (more where commas part them), each capitalised, in brackets or a word that
    joins a name's or a job's (`of`), and no stop at the end."""
    words = text.split()
    return (
        0 < len(words) <= (MAX_LISTED_WORDS if "," in text else MAX_FIELD_WORDS)
        and text.rstrip()[-1] not in ".!?:,;…"
        and all(_VALUE_WORD.match(word) or word in _VALUE_JOINERS for word in words)
    )


def _header_fields(blocks: list[Block]) -> list[Block]:
    """Above the first words spoken, a label alone on its line that never comes back, over
    a short line that is no sentence (`President:` / `Mr. Koonjul` / `(Mauritius)` atop a
    UN verbatim record), is a field of the page's head, not a turn: kept as text."""
    counts = Counter(block.label for block in blocks if block.label is not None)
    spoken = next(
        (i for i, b in enumerate(blocks) if b.label is not None and b.text.strip()), len(blocks)
    )
    out = list(blocks)
    for at in range(min(spoken, len(blocks) - 1)):
        block = blocks[at]
        if block.label is not None and counts[block.label] == 1 and _field_value(blocks[at + 1]):
            out[at] = Block(f"{block.label}:")
    return out


def _sections_named(blocks: list[Block]) -> list[Block]:
    """A label said once with no words of its own, straight above another label, names a
    section (`Prepared Remarks:` / `Operator`, `Questions and Answers:`): a heading, not a
    turn of someone who said nothing. An examination's heading (`DIRECT EXAMINATION BY MR.
    SMITH:`) stays a label: it names who asks the questions below (`examination`)."""
    counts = Counter(block.label for block in blocks if block.label is not None)
    out = list(blocks)
    for at, (block, below) in enumerate(itertools.pairwise(blocks)):
        if (
            block.label is not None
            and not block.text.strip()
            and counts[block.label] == 1
            and below.label is not None
            and not EXAMINER_LINE.fullmatch(block.label)
        ):
            out[at] = Block(f"{block.label}:", heading=True)
    return out


MAX_LIST_TITLE_WORDS = 4


def _list_titles(blocks: list[Block]) -> list[Block]:
    """A few words and a colon over a heading title the list below (`Call participants:`
    over the names): a heading too, not the last words of the turn above."""
    out = list(blocks)
    for at, (block, below) in enumerate(itertools.pairwise(blocks)):
        text = block.text.strip()
        if (
            block.label is None
            and below.heading
            and text.endswith(":")
            and len(text.split()) <= MAX_LIST_TITLE_WORDS
        ):
            out[at] = Block(block.text, heading=True)
    return out


def _field_value(block: Block) -> bool:
    text = block.text.strip()
    words = text.split()
    return block.label is None and 0 < len(words) <= MAX_FIELD_WORDS and text[-1] not in ".!?:"


# `The Prime Minister: ...`, `An Ceann Comhairle: ...`: an office named with its article
# opens a sentence as often as a turn, so it is a label only where it comes back as the
# opening of paragraphs, or where the text is labelled throughout and it has their shape.
_THE_OFFICE_LABEL = re.compile(rf"^({OFFICE_WITH_ARTICLE}): (?=\S)")
MIN_OFFICE_TURNS = 2
MIN_OTHER_LABELS = 3  # labelled paragraphs that make a lone `The Taoiseach: ...` a turn


def _offices_that_recur(blocks: list[Block]) -> list[Block]:
    found = [_THE_OFFICE_LABEL.match(b.text) if b.label is None else None for b in blocks]
    counts: dict[str, int] = {}
    for match in found:
        if match:
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    labelled = sum(1 for b in blocks if b.label is not None)
    labelled += sum(n for n in counts.values() if n >= MIN_OFFICE_TURNS)
    needed = 1 if labelled >= MIN_OTHER_LABELS else MIN_OFFICE_TURNS
    if not any(n >= needed for n in counts.values()):
        return blocks
    return [
        Block(b.text[m.end() :], m.group(1)) if m and counts[m.group(1)] >= needed else b
        for b, m in zip(blocks, found, strict=True)
    ]


MIN_CODED_TURNS = 2  # each code at least this often
CODED_SHARE = 0.5  # of the paragraphs, opened by the codes and the labels found


def _coded_voices(blocks: list[Block]) -> list[Block]:
    """An interview coded by a research team (`I: ...` / `R: ...`, `INT:` / `RESP:`, `P1:` /
    `P2:`, `Interviewer:` / `Respondent:`): short codes that open paragraphs, two or more that
    come back, take turns with each other (or with the labels found) and open half the
    paragraphs at least, are labels, the first turn's included."""
    openings = [coded_voice_opening(b.text) if b.label is None else None for b in blocks]
    counts = Counter(match.group(1) for match in openings if match)
    codes = {code for code, n in counts.items() if n >= MIN_CODED_TURNS}
    if not codes:
        return blocks
    voices = [
        match.group(1) if match and match.group(1) in codes else block.label
        for block, match in zip(blocks, openings, strict=True)
    ]
    spoken = [voice for voice in voices if voice is not None]
    changes = sum(1 for a, b in itertools.pairwise(spoken) if a != b)
    if len(spoken) < CODED_SHARE * len(blocks) or changes < (len(spoken) - 1) / 2:
        return blocks
    return [
        Block(block.text[match.end() :], match.group(1))
        if match and match.group(1) in codes
        else block
        for block, match in zip(blocks, openings, strict=True)
    ]


# `Bloomberg: A follow-up question.` where news agencies ask (`CCTV:`, `AFP:`) and a
# spokesperson answers: one capitalised word opens a turn where the text is labelled
# throughout and names some voices with one word already (`labels.one_word_opening`).


def _single_words_among_labels(blocks: list[Block]) -> list[Block]:
    """Below the first turn only: above it, `Presenter: ...` is a field of the page's head.
    A word counts where other voices are named in one word, or where it comes back itself
    (`Wagner:` answering twice in a government's press conference)."""
    labels = [b.label for b in blocks if b.label is not None]
    if len(labels) < MIN_OTHER_LABELS:
        return blocks
    one_word = any(_one_word_voice(label) for label in labels)
    openings, started = [], False
    for block in blocks:
        started = started or block.label is not None
        openings.append(one_word_opening(block.text) if started and block.label is None else None)
    returning = Counter(match.group(1) for match in openings if match)
    return [
        Block(block.text[match.end() :], match.group(1))
        if match and (one_word or returning[match.group(1)] >= MIN_OFFICE_TURNS)
        else block
        for block, match in zip(blocks, openings, strict=True)
    ]


def _one_word_voice(label: str) -> bool:
    """`CCTV`, `Reuters`: a voice named in one word (not `Q` or `Question`, everyone's)."""
    one = len(label.split()) == 1 and label[:1].isupper()
    return one and label.casefold() not in GENERIC_LABELS


def _is_diarized(blocks: list[Block]) -> bool:
    """Speech-to-text output opens with a tag (`[SPEAKER_00]: ...`); a bracketed line of page
    furniture (`[Pages 273-379]` atop the Congressional Record) is no tag."""
    if not blocks or not blocks[0].text.startswith("["):
        return False
    match = split_label(blocks[0].text)
    return match is not None and match.diarized


# Speech-to-text cuts one speaker's words into many tagged segments in a row; a transcript
# whose labels were written as tags by the reader itself (bold Markdown labels) repeats a
# label in a row only where the publisher printed two turns of one speaker (page 56699).
SEGMENTED_SHARE = 0.3


def _segmented(blocks: list[Block]) -> bool:
    """Whether a label follows a block of the same label often enough for speech-to-text."""
    labels = [block.label for block in blocks if block.label is not None]
    repeats = sum(1 for before, now in itertools.pairwise(labels) if before == now)
    return repeats >= SEGMENTED_SHARE * max(1, len(labels) - 1)


def _merge_diarized(blocks: list[Block]) -> list[Block]:
    """Speech-to-text lines: consecutive lines of one speaker are one turn."""
    out: list[Block] = []
    current: str | None = None
    for block in blocks:
        if block.label is not None and block.label == current:
            out.append(Block(block.text))
            continue
        current = block.label if block.label is not None else current
        out.append(block)
    return out


def _cut_turns(blocks: list[Block]) -> tuple[list[str], list[Turn]]:
    """Turns at the labels. A heading is kept with the preamble, as no one's words; text
    between a heading and the next label has no known speaker: a turn with no label. The
    record's narration (`The bill clerk proceeded to call the roll.`) is no one's words
    either: a turn with no label, which what it says is read or printed (`..., as
    follows:`) joins; other text after it has no known speaker."""
    preamble: list[str] = []
    turns: list[Turn] = []
    after_heading = narrating = False
    for block in blocks:
        text = _clean(block.text)
        if block.label is not None:
            label = one_line(block.label)
            turns.append(Turn(len(turns), label, "", [text] if text else []))
            after_heading = narrating = False
        elif not text:
            continue
        elif block.heading or not turns:
            preamble.append(text)
            after_heading, narrating = bool(turns), False
        elif narration.is_narration(text):
            if narrating:
                turns[-1].paragraphs.append(text)
            else:
                turns.append(Turn(len(turns), "", "", [text]))
            narrating, after_heading = True, not text.endswith(":")
        elif after_heading and _title_line(text):
            preamble.append(text)  # `Adoption of the agenda` below `The agenda was ...`
        elif after_heading:
            turns.append(Turn(len(turns), "", "", [text]))
            after_heading = narrating = False
        else:
            turns[-1].paragraphs.append(text)
            narrating = False
    return preamble, turns


MAX_TITLE_WORDS = 8


def _title_line(text: str) -> bool:
    """A short line with no stop at its end: an item's title between narration and speech."""
    return (
        text[:1].isupper()
        and len(text.split()) <= MAX_TITLE_WORDS
        and not text.rstrip().endswith((".", "?", "!", ":", ";", ",", "…", '"', "”"))
    )


def one_line(text: str) -> str:
    """Metadata and labels: every whitespace run, NBSP included, is one space (`str.split`
    and the regex `\\s` know the same whitespace; splitting is the faster)."""
    return " ".join(text.split())


def _clean(text: str) -> str:
    """Collapse ASCII whitespace; the site's non-breaking spaces are kept as written."""
    return collapse_ascii_spaces(text)


def _notes(preamble: list[str], turns: list[Turn]) -> list[Note]:
    notes: list[Note] = []
    for index, paragraph in enumerate(preamble):
        notes.extend(find_notes(paragraph, None, index))
    for turn in turns:
        notes.extend(label_notes(turn.label, turn.index))
        for index, paragraph in enumerate(turn.paragraphs):
            if not turn.label and narration.is_narration(paragraph):
                notes.append(Note("stage", paragraph, turn.index, index, 0, len(paragraph)))
            else:
                notes.extend(find_notes(paragraph, turn.index, index))
    return notes
