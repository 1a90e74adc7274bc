"""Layout clean-up before labels: what a printed or exported transcript carries that is not
speech, taken off so that no furniture reaches a name, a role or a turn.

- YAML front matter of a Markdown or text copy (`---` / `title: ...` / `date: ...` / `---`);
- the numbered lines of court and hearing transcripts (`9    MR. LONG: Thank you.`), with
  their double spacing; a paragraph there starts where a line is indented past the text;
- a page's continuation marks (`MORE`, `MORE KAVANAUGH`, `(MORE)`) and reporters' markers
  before a label (`[*] GRASSLEY:`);
- the caption of a court case (the parties between two rows of dashes, `)` column and docket
  number aside), which is the document's title;
- paragraphs marked by the indent of their first line alone, with no blank line between them
  (the US Congressional Record as the GPO prints it), set apart by blank lines.

`clean_layout(text)` returns the text and what it learned of the metadata (`Head`).
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from onrecord.names import UNKNOWN_VOICE
from onrecord.parse.label_lines import QUESTION_NUMBER
from onrecord.parse.layout import SENTENCE_END, starts_turn

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>(?:.*\n){0,60}?)(?:---|\.\.\.)[ \t]*\n")
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)$")
# `12    text`, `3`: a line number, then the line at its own column.
_NUMBERED = re.compile(r"^[ \t]{0,4}(?P<number>\d{1,2})(?=[ \t]+\S|[ \t]*$)")
NUMBERED_SHARE = 0.6  # of the non-blank lines, for a text to be taken as line-numbered
MIN_NUMBERED = 20
INDENT_STEP = 3  # columns past the text's own column that open a paragraph
_CONTINUED = re.compile(
    r"^[ \t]*(?:\(MORE\)|-+ ?MORE ?-+|MORE(?:[ \t]+[A-Z][A-Z.'’ -]{1,40})?)[ \t]*$"
)
_MARKER = re.compile(r"^([ \t]*)\[[*#+]\][ \t]*(?=[A-Z])", re.MULTILINE)
# Rows of dashes around a caption (`- - - - x` in older transcripts), its `)` or `:` column.
_CAPTION_RULE = re.compile(r"^[ \t]*(?:-[ \t]){5,}-?[ \t]*x?[ \t]*$|^[ \t]*[-_=]{10,}x?[ \t]*$")
_CAPTION_COLUMN = re.compile(r"[ \t]{2,}[):].*$|[ \t]+[):][ \t]*(?:(?:No|Case|Docket)\b.*)?$")
MAX_CAPTION_LINES = 14
SHORT_LINE = 0.6  # of the text's width: a line this short ends its paragraph
_COLUMNS = re.compile(r"[ \t]{3,}")


@dataclass
class Head:
    """Metadata the clean-up found (front matter, a case caption); '' where none."""

    title: str = ""
    date: str = ""
    place: str = ""
    line_numbered: bool = False


# Pages that quote Hansard head each speech with the member's picture, its alt text run into
# the label (`Jane Roe Portrait The Prime Minister (Jane Roe)`), and a row of links under it
# (`- View Speech - Hansard - - - Excerpts`).
_LINK_ROW = re.compile(r"^[ \t]*-(?:[ \t]+(?:[A-Z]\w*(?: [A-Z]\w*)*|-))+[ \t]*$", re.MULTILINE)
_PORTRAIT = re.compile(
    r"^[ \t]*[A-Z][^\n]{0,60}? Portrait (?P<label>[^\n]{2,150}?)[ \t]*\n(?=[ \t]*\n?[ \t]*-[ \t])",
    re.MULTILINE,
)
MIN_PORTRAITS = 2


def _portrait_labels(text: str) -> str:
    """Each member's heading as the segmenter's label known from outside its words."""
    if "Portrait " not in text or len(_PORTRAIT.findall(text)) < MIN_PORTRAITS:
        return text
    text = _PORTRAIT.sub(lambda m: f"[{m.group('label')}]:\n", text)
    return _LINK_ROW.sub("", text)


# TheyWorkForYou and its sister sites (KildareStreet) head each speech with the member's photo,
# its alt text run into the name it repeats, then what the member is and when they spoke
# (`Photo of Jane Roe Jane Roe Shadow Chancellor 2:40 pm, 16th October 2019`, `Photo of Enda
# KennyEnda Kenny (Mayo, Fine Gael)`).
_PHOTO_OF = re.compile(
    r"^[ \t]*(?:Photo|Picture|Image|Portrait) of (?P<name>[A-Z][^\n]{1,60}?) ?(?P=name)"
    r"(?P<rest>(?:[ \t,(][^\n]{0,150})?)$",
    re.MULTILINE,
)
_SPOKEN_AT = re.compile(r",?[ \t]*\d{1,2}[:.]\d\d[ \t]*(?:[ap]\.?m\.?)?(?:,[^\n]{0,40})?[ \t]*$")


def _photo_labels(text: str) -> str:
    """Each member's heading as the segmenter's label known from outside its words: the name,
    and what they are in brackets (`[Jane Roe (Shadow Chancellor)]:`), the time dropped."""
    if " of " not in text or len(_PHOTO_OF.findall(text)) < MIN_PORTRAITS:
        return text
    return _PHOTO_OF.sub(_photo_label, text)


def _photo_label(match: re.Match[str]) -> str:
    name = match.group("name").strip()
    rest = _SPOKEN_AT.sub("", match.group("rest")).strip(" \t,")
    if rest.startswith("(") and rest.endswith(")"):
        return f"[{name} {rest}]:\n"
    # one level of brackets, which the speakers' reading of a label's brackets needs
    rest = rest.replace(" (", ", ").replace("(", "").replace(")", "")
    return f"[{name} ({rest})]:\n" if rest else f"[{name}]:\n"


# The buttons a parliament's page puts under each speaker's name (`Share` on
# hansard.parliament.uk), copied with the text: a line of its own that comes back.
_WIDGET = re.compile(
    r"^[ \t]*(?:Share|Share this (?:contribution|speech)|Copy link|Link to this (?:contribution"
    r"|speech)|In context|Individually|Link to this[ \t]*[:|][^\n]*)[ \t]*(?:\n|\Z)",
    re.MULTILINE | re.IGNORECASE,
)
MIN_WIDGETS = 2


def _without_widgets(text: str) -> str:
    """The widgets taken off; where they stand under the speakers' names, each name above one
    is written as the segmenter's label known from outside its words: there the widget
    vouches for a label of any shape (`Hon. Members` / `Share` / `Hear, hear!`)."""
    widgets = list(_WIDGET.finditer(text))
    if len(widgets) < MIN_WIDGETS:
        return text
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    at_line = {start: index for index, start in enumerate(starts)}
    above = [_name_above(lines, at_line.get(w.start(), 0)) for w in widgets]
    if sum(1 for index in above if index is not None) >= MIN_WIDGETS:
        for index in above:
            if index is not None:
                lines[index] = f"[{_QUESTION_NUMBER.sub('', lines[index].strip())}]:"
        text = "\n".join(lines)
    return _WIDGET.sub("", text)


MAX_NAME_ABOVE_WIDGET_WORDS = 12
# Prime Minister's Questions number each question and give its id before the name.
_QUESTION_NUMBER = re.compile(rf"^{QUESTION_NUMBER}")


def _name_above(lines: list[str], widget: int) -> int | None:
    """The index of the line right above a widget's line, where it reads as a name: short,
    opening with a capital, ending with no stop and no colon (a party's bracket may)."""
    index = widget - 1
    line = lines[index].strip() if index >= 0 else ""
    fits = (
        line[:1].isupper()
        and len(line.split()) <= MAX_NAME_ABOVE_WIDGET_WORDS
        and (line.endswith(")") or not line.endswith((*SENTENCE_END, ":", ",", ";")))
    )
    return index if fits else None


# The line a transcription service signs its export with, below the last words spoken.
_TOOL_MARK = re.compile(
    r"^[ \t]*Transcribed by (?:https?://)?(?:otter\.ai|Otter(?:\.ai)?)/?[ \t]*(?:\n|\Z)",
    re.MULTILINE | re.IGNORECASE,
)


# Broadcast captions saved as text (C-SPAN's, a newsroom's feed) mark each change of voice
# with `>>`, and name some voices only (`>> SENATOR SMITH: Thank you.` / `>> Order.`).
_CAPTION_MARK = re.compile(r"^[ \t]*>>[ \t]*(?=\S)", re.MULTILINE)
_NAMED_AFTER_MARK = re.compile(r"[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,5}:(?:[ \t]|$)")
MIN_CAPTION_MARKS = 2


def _caption_voices(text: str) -> str:
    """Each `>>` line as a turn: the name it gives as the label, else a voice of no name;
    never the mark in a name, nor an unnamed voice's words in the turn of the voice above."""
    if ">>" not in text or len(_CAPTION_MARK.findall(text)) < MIN_CAPTION_MARKS:
        return text
    return _CAPTION_MARK.sub(_caption_voice, text)


def _caption_voice(match: re.Match[str]) -> str:
    named = _NAMED_AFTER_MARK.match(match.string, match.end())
    return "\n" if named else f"\n{UNKNOWN_VOICE}: "


def clean_layout(text: str) -> tuple[str, Head]:
    text, head = front_matter(text)
    text = _caption_voices(_TOOL_MARK.sub("", text))
    text = _without_widgets(_photo_labels(_portrait_labels(text)))
    text = _MARKER.sub(r"\1", text)
    text = "\n".join(line for line in text.split("\n") if not _CONTINUED.match(line))
    head.title = head.title or caption_title(text)
    _header_fields(text, head)
    numbered = _unnumbered(text)
    if numbered is not None:
        text, head.line_numbered = numbered, True
    else:
        text = indented_paragraphs(text)
    return text, head


# A paragraph's first line indented by a few spaces, the lines after it flush with the margin:
# how many such openings make a text's convention (one or two may be a quotation's).
MIN_INDENTED_OPENINGS = 3
MAX_FIRST_LINE_INDENT = 4  # deeper indents centre headings or set quotations off


def indented_paragraphs(text: str) -> str:
    """A text whose paragraphs open with an indented line and run on flush with the margin
    (`  Mr. ALLARD. Mr. President, ...` / `the Senate will ...`), with a blank line before
    each indented opening, so that paragraphs are told apart as blank lines tell them."""
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip(" ")) if line.strip() else -1 for line in lines]
    openings: Counter[int] = Counter(
        indent
        for indent, after in itertools.pairwise(indents)
        if 0 < indent <= MAX_FIRST_LINE_INDENT and after == 0
    )
    if not openings:
        return text
    step, count = openings.most_common(1)[0]
    if count < MIN_INDENTED_OPENINGS:
        return text
    out: list[str] = []
    for index, line in enumerate(lines):
        if indents[index] == step and index and indents[index - 1] >= 0:
            out.append("")
        out.append(line)
    return "\n".join(out)


# `Place: Washington, D.C.`, `Date: January 21, 2020` on a cover page or above a transcript.
_FIELD = re.compile(
    r"^[ \t]*(?P<key>Date|Place|Location|Venue)[ \t]*:[ \t]*(?P<value>\S.{0,80}?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
HEAD_CHARS = 6000


def _header_fields(text: str, head: Head) -> None:
    for found in _FIELD.finditer(text, 0, HEAD_CHARS):
        key, value = found.group("key").casefold(), found.group("value")
        if key == "date":
            head.date = head.date or value
        else:
            head.place = head.place or value


def front_matter(text: str) -> tuple[str, Head]:
    """The text without its YAML front matter, and the title, date and place it gave."""
    head = Head()
    found = _FRONT_MATTER.match(text)
    if not found:
        return text, head
    fields = _yaml_fields(found.group("body")) or _plain_fields(found.group("body"))
    if not fields:
        return text, head
    head.title = " ".join(fields.get("title", "").split())
    head.date = fields.get("date", "")[:10]
    head.place = fields.get("place", "") or fields.get("location", "")
    return text[found.end() :], head


def _yaml_fields(body: str) -> dict[str, str]:
    """The front matter's text and date fields as YAML reads them (quoted titles folded
    over lines, escapes); {} when it is not YAML."""
    import yaml

    try:
        loaded = yaml.safe_load(body)
    except yaml.YAMLError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    # only scalars: a list or a mapping (or an alias bomb) is no title
    scalar = (str, int, float, datetime.date)
    return {
        str(key).casefold(): str(value).strip()
        for key, value in loaded.items()
        if isinstance(value, scalar) and not isinstance(value, bool)
    }


def _plain_fields(body: str) -> dict[str, str]:
    """`key: value` lines, for front matter that YAML refuses (an unquoted colon in a title)."""
    fields = {}
    for line in body.split("\n"):
        pair = _FRONT_KEY.match(line.strip())
        if pair:
            fields[pair.group("key").casefold()] = pair.group("value").strip().strip("\"'")
    return fields


def caption_title(text: str) -> str:
    """The parties of a court case as its caption sets them out between two rules."""
    lines = text.split("\n", 400)[:400]
    rules = [i for i, line in enumerate(lines) if _CAPTION_RULE.match(line)]
    for top, bottom in itertools.pairwise(rules):
        body = [line for line in lines[top + 1 : bottom] if line.strip()]
        columned = any(")" in line or line.rstrip().endswith(":") for line in body)
        if not 2 <= len(body) <= MAX_CAPTION_LINES or not columned:
            continue
        parts = [_CAPTION_COLUMN.sub("", _without_number(line)).strip() for line in body]
        title = " ".join(part for part in parts if part)
        if " v. " in f" {title} " or " vs. " in title or "In re " in title:
            return " ".join(title.split())
    return ""


def _without_number(line: str) -> str:
    found = _NUMBERED.match(line)
    return line[found.end() :] if found else line


def _unnumbered(text: str) -> str | None:
    """The text without its line numbers, one paragraph a blank-line block, or None when
    its lines are not numbered."""
    lines = text.split("\n")
    nonblank = [line for line in lines if line.strip()]
    numbered = [_NUMBERED.match(line) for line in nonblank]
    count = sum(1 for found in numbered if found)
    if count < MIN_NUMBERED or count < NUMBERED_SHARE * len(nonblank):
        return None
    if not _counts_up([int(found.group("number")) for found in numbered if found]):
        return None
    column = _text_column(lines)
    width = _text_width(lines)
    out: list[list[str]] = []  # paragraphs, as their lines
    ended = True  # the line before ended its paragraph
    for line in lines:
        found = _NUMBERED.match(line)
        if not found:
            if line.strip():
                out.append([line.strip()])  # a line outside the numbered body stands alone
                ended = True
            continue
        rest = line[found.end() :]
        content = _COLUMNS.sub(" ", rest.strip())
        if not content:
            continue
        indent = found.end() + len(rest) - len(rest.lstrip())
        new_turn = starts_turn(content) and out[-1][-1].endswith(SENTENCE_END) if out else False
        if ended or new_turn or indent >= column + INDENT_STEP:
            out.append([content])
        else:
            out[-1].append(content)
        ended = len(line.rstrip()) < SHORT_LINE * width
    return "\n\n".join(_joined(paragraph) for paragraph in out)


def _text_width(lines: list[str]) -> int:
    """The column where the numbered lines of running text end (most of them)."""
    ends = sorted(len(line.rstrip()) for line in lines if _NUMBERED.match(line))
    return ends[int(len(ends) * 0.8)] if ends else 0


def _counts_up(numbers: list[int]) -> bool:
    """Line numbers go up by one and start again at 1 on each page."""
    steps = sum(1 for a, b in itertools.pairwise(numbers) if b == a + 1 or b == 1)
    return steps >= 0.9 * (len(numbers) - 1)


def _text_column(lines: list[str]) -> int:
    columns: Counter[int] = Counter()
    for line in lines:
        found = _NUMBERED.match(line)
        if found and line[found.end() :].strip():
            rest = line[found.end() :]
            columns[found.end() + len(rest) - len(rest.lstrip())] += 1
    return min(columns.most_common(2))[0] if columns else 0


def _joined(lines: list[str]) -> str:
    """A paragraph's lines as one, a word broken after its hyphen made whole again."""
    parts = [lines[0]]
    for before, line in itertools.pairwise(lines):
        soft = before.endswith("-") and before[-2:-1].isalpha() and line[:1].islower()
        parts.append(line if soft else f" {line}")  # `non-` / `signatory`: `non-signatory`
    return "".join(parts)
