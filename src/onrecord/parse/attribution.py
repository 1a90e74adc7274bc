"""How sure a parse is of who said what, and what it did not understand.

Run on every document a reader makes (saved pages, subtitles, speech-to-text). It looks for
what a wrong attribution leaves behind:

- paragraphs kept as text that open the way labels do (`Q    Hi, Karine.`, `Emma  0:37`,
  `**The Prime Minister:**`, `Hon. Jane Doe (Lib.):`), when that opening comes back: a voice
  the parser did not recognise, whose words went to the speaker before;
- a turn with no speaker (but for the record's narration: `The clerk proceeded to call the
  roll.`), or one turn holding nearly the whole of a long text;
- a label that is a title whose name was left out (`Mr.`): nobody known said it.

`check(document)` sets `document.confidence` (1.0: nothing found; lower with each sign) and
adds one warning a finding, naming an example and where it is (`turn 12, paragraph 3`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from onrecord.model import Document
from onrecord.parse.labels import FUNCTION_WORDS, SENTENCE_OPENERS, one_word_opening
from onrecord.parse.narration import is_narration

# The opening of a paragraph that looks like a speaker label of some common shape: a
# capitalised phrase before `: `, `Q`/`A` with no colon, a name and a time, `Mr. SMITH.`
_LABEL_LIKE = re.compile(
    r"^(?:\*\*|__)?(?P<label>"
    r"Q(?=[ \t\u00a0]{2,}|\.\s|:| [A-Z(\[“\"])"  # `Q    Hi`, `Q. Where`, `Q:`, `Q (Inaudible.)`
    r"|A(?=\.\s)"
    r"|[A-Z][^:\n]{0,150}?(?=(?:\*\*|__)?:(?:\s|\*\*|__))"
    r"|[A-Z][^:\n]{0,60}?(?=[ \t]{2,}\d{1,2}:\d\d)"
    r"|(?:Mr|Mrs|Ms|Dr)\.[ \u00a0][A-Z][A-Z’'-]+(?=\.\s)"  # `Mr. SMITH. text`
    r"|[A-Z][A-Z’'-]+(?: [A-Z][A-Z’'-]+){1,3}(?=\.\s)"  # `CHAIRMAN POWELL. text`
    r"|[A-Z][A-Z’'-]+(?: [A-Z][A-Z’'-]+){0,3}(?= [—–-] )"  # `JANE DOE — text`
    r"|[A-Z][\w’'-]*[a-z](?: [A-Z][\w’'-]*[a-z]){1,3}$"  # `Peter Beck`, alone above the speech
    r")"
)
_REMARKS = re.compile(r"\([^()]*\)|\d")
# A title left without its name (released copies blank out staff names: `Mr.   Of course.`)
_BLANKED_NAME = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?$")
BLANKED_WEIGHT = 0.3
MIN_REPEATS = 2  # an opening that comes back: one alone may be a heading or a quotation
MAX_LABEL_WORDS = 12
LONG_TEXT_WORDS = 2000
ONE_TURN_SHARE = 0.9  # of a long text's words in one turn, with other voices present
UNSURE = 0.8  # below this confidence a document is reported as uncertain
WARNING_PREFIX = "attribution: "
UNSURE_PREFIX = "attribution uncertain"


@dataclass(frozen=True)
class _Where:
    turn: int | None
    paragraph: int
    text: str

    def __str__(self) -> str:
        place = "preamble" if self.turn is None else f"turn {self.turn}"
        return f"{place}, paragraph {self.paragraph} {_clip(self.text)!r}"


def check(document: Document) -> Document:
    """Set `document.confidence` and add warnings for what looks misattributed."""
    findings: list[tuple[float, str]] = []
    kept = _label_like_kept_as_text(document)
    if kept:
        paragraphs = sum(len(t.paragraphs) for t in document.turns) + len(document.preamble)
        share = len(kept) / max(1, paragraphs)
        what = "no turns were found" if not document.turns else "were kept as text"
        findings.append(
            (
                1.0 if not document.turns else min(1.0, 5 * share),
                f"{len(kept)} paragraphs look like speaker labels but {what}, e.g. {kept[0]}",
            )
        )
    unlabelled = [t for t in document.turns if not t.label and not _narrated(t.paragraphs)]
    if unlabelled:
        findings.append(
            (0.5, f"{len(unlabelled)} turns have no speaker, e.g. turn {unlabelled[0].index}")
        )
    blanked = [t for t in document.turns if _BLANKED_NAME.match(t.label)]
    if blanked:
        findings.append(
            (
                BLANKED_WEIGHT,
                f"{len(blanked)} turns name a title with no name (e.g. turn {blanked[0].index}, "
                f"{blanked[0].label!r}): who spoke is unknown, and one such label may stand "
                "for several people",
            )
        )
    findings += _one_turn_holds_all(document)
    for weight, message in findings:
        document.warnings.append(WARNING_PREFIX + message)
        document.confidence = round(max(0.0, document.confidence - weight * 0.5), 2)
    if kept and not document.turns:
        document.confidence = 0.0
    return document


def _narrated(paragraphs: list[str]) -> bool:
    """A turn with no speaker that the record's narration opens: nobody's words, by the
    record's own account (`The clerk read as follows:` and what was read)."""
    return not paragraphs or is_narration(paragraphs[0])


def uncertain(document: Document) -> str:
    """'' when the attribution is sure enough, else one line saying why."""
    if document.confidence >= UNSURE:
        return ""
    prefix = WARNING_PREFIX
    reasons = [w.removeprefix(prefix) for w in document.warnings if w.startswith(prefix)]
    return f"{UNSURE_PREFIX} ({document.confidence:.2f}): {'; '.join(reasons)}"


def _label_like_kept_as_text(document: Document) -> list[_Where]:
    candidates: list[tuple[str, _Where]] = []
    for index, paragraph in enumerate(document.preamble):
        candidates += _candidate(paragraph, None, index)
    for turn in document.turns:
        for index, paragraph in enumerate(turn.paragraphs):
            candidates += _candidate(paragraph, turn.index, index)
    if not candidates:
        return []  # most documents
    labels = {_key(turn.label) for turn in document.turns if turn.label}
    unknown = [(key, where) for key, where in candidates if key not in labels]
    counts = Counter(key for key, _ in unknown)
    labelled = len(document.turns) >= MIN_TURNS_FOR_ONE
    return [
        where
        for key, where in unknown
        if counts[key] >= MIN_REPEATS
        or (labelled and where.turn is not None and one_word_opening(where.text) is not None)
    ]


# a text labelled this much: one `Wagner: Das Amt ...` kept as text is a voice unrecognised
MIN_TURNS_FOR_ONE = 3


HEAD_CHARS = 120
MAX_NAME_CHARS = 60  # a paragraph this short may be a name alone above its speech


def _has_mark(head: str) -> bool:
    """A label-like opening has one of these near its start: a cheap test before the pattern
    (string searches, where a regex of alternatives would try each at every character)."""
    return (
        ":" in head
        or "**" in head
        or "__" in head
        or head[:2] in _QA_OPENINGS
        or " — " in head
        or " – " in head
        or " - " in head
        or (head[1:2] in _CAPS_SECOND and _CAPS_OPENING.match(head) is not None)
    )


_QA_OPENINGS = frozenset(f"{q}{after}" for q in "QA" for after in " .\u00a0")
_CAPS_OPENING = re.compile(r"[A-Z][A-Z’'-]+ [A-Z][A-Z]")  # `CHAIRMAN POWELL. ...`
_CAPS_SECOND = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ’'-")  # what the pattern's second may be


def _candidate(paragraph: str, turn: int | None, index: int) -> list[tuple[str, _Where]]:
    head = paragraph[:HEAD_CHARS]
    if not _has_mark(head) and (len(paragraph) > MAX_NAME_CHARS or " " not in paragraph):
        return []
    found = _LABEL_LIKE.match(paragraph)
    if found is None or len(found.group("label").split()) > MAX_LABEL_WORDS:
        return []
    if _sentence_like(found.group("label")):
        return []  # 'Mr. Chief Justice, and may it please the Court: ...' is speech
    return [(_key(found.group("label")), _Where(turn, index, paragraph))]


MAX_LOWER_WORDS = 2  # lower-case words, function words aside, that a label may hold


def _sentence_like(label: str) -> bool:
    words = _REMARKS.sub(" ", label).split()
    if len(words) > 1 and words[0].casefold() in SENTENCE_OPENERS:
        return True  # 'He says: ...'
    lower = [w for w in words if w[:1].islower() and w.strip(",;") not in FUNCTION_WORDS]
    return len(lower) > MAX_LOWER_WORDS


def _key(label: str) -> str:
    """A label's opening without remarks and numbers, which change from turn to turn."""
    return " ".join(_REMARKS.sub(" ", label.strip("*_ ")).split()).casefold()


def _one_turn_holds_all(document: Document) -> list[tuple[float, str]]:
    words = [sum(p.count(" ") + 1 for p in turn.paragraphs) for turn in document.turns]
    total = sum(words)
    if total < LONG_TEXT_WORDS or len(document.turns) < 2:
        if len(document.turns) == 1 and total >= LONG_TEXT_WORDS and not document.turns[0].label:
            return [(1.0, f"one turn of {total} words with no speaker")]
        return []
    biggest = max(range(len(words)), key=words.__getitem__)
    if words[biggest] < ONE_TURN_SHARE * total:
        return []
    return [
        (
            0.4,
            f"turn {biggest} holds {words[biggest]} of the text's {total} words: "
            "other voices may have been merged into it",
        )
    ]


def _clip(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"
