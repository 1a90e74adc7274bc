"""Speaker labels as other transcript services and archives write them.

- Otter, Zoom and Teams exports: `John Smith  0:05`, the speech on the lines below;
- Rev and Descript: `Speaker 1 (00:05):`, `Joe Biden: (00:05)`, `[00:01:23] John Smith: text`;
- copies of Hansard: `Rishi Sunak (Richmond (Yorks)) (Con)`, the speech on the lines below;
- the US Congressional Record and hearings: `Mr. SCHUMER. Mr. President, I rise ...`;
- White House transcripts: `Q  Thanks, Jen.`, a question with no colon;
- depositions and printed interviews: `Q. Where do you live?` and `A. In Boston.`

Each is rewritten, line by line, to the one form the segmenter reads (`Label: speech`) when
at least two lines of the text have that shape: one line alone may be a heading. Timestamps
are not speech and are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from onrecord.parse.labels import NUMBERED_VOICE, looks_like_label

MIN_LINES = 2
_TIME = r"\d{1,2}:\d\d(?::\d\d)?(?:[.,]\d{1,3})?"

_NAME_THEN_TIME = re.compile(rf"^(?P<label>[^\s:\d][^:]{{0,60}}?)[ \t]+(?P<time>{_TIME})$")
_TIME_IN_LABEL = re.compile(rf"^(?P<label>[^:()]{{1,80}}?)\s*\({_TIME}\)\s*:(?:\s+(?P<rest>.*))?$")
_TIME_AFTER_LABEL = re.compile(rf"^(?P<label>[^:()]{{1,80}}):\s*\({_TIME}\)(?:\s+(?P<rest>.*))?$")
_TIME_FIRST = re.compile(rf"^\[{_TIME}\]\s*(?P<rest>\S.*)$")
_PARENTHESES = r"\((?:[^()]|\([^()]*\))*\)"
_NAME_THEN_SEAT = re.compile(
    rf"^(?P<label>(?:[A-Z][\w’'.-]*\s){{1,5}}{_PARENTHESES}(?:\s{_PARENTHESES})*)$"
)
# White House transcripts: `Q  Thanks, Jen.` (no colon, two spaces or a no-break space).
_BARE_Q = re.compile(r"^Q(?:\u00a0\s*| {2,}| (?=[A-Z“\"‘']))(?P<rest>\S.*)$")
# Depositions and printed interviews: `Q. Where do you live?` / `A. In Boston.`
_DOTTED_Q_A = re.compile(r"^(?P<label>[QA])\.\s+(?P<rest>\S.*)$")
_RECORD_STYLE = re.compile(
    r"^(?P<label>(?:Mr|Mrs|Ms|Miss|Dr)\.\s+[A-Z][A-Z’'-]+(?:\s+of\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
    r"|The\s+[A-Z]{2,}(?:\s+[A-Z]{2,})*(?:\s+pro\s+tempore)?)\.\s+(?P<rest>\S.*)$"
)


def _is_voice(label: str) -> bool:
    return bool(NUMBERED_VOICE.match(label)) or looks_like_label(label)


def _own_line(match: re.Match[str]) -> str | None:
    label = match.group("label").strip()
    return f"{label}:" if _is_voice(label) else None


def _inline(match: re.Match[str]) -> str | None:
    label = match.group("label").strip()
    if not _is_voice(label):
        return None
    rest = match.group("rest")
    return f"{label}: {rest}" if rest else f"{label}:"


def _time_first(match: re.Match[str]) -> str | None:
    return match.group("rest")


def _seat(match: re.Match[str]) -> str | None:
    return f"{match.group('label').strip()}:"


def _record(match: re.Match[str]) -> str | None:
    return f"{match.group('label')}: {match.group('rest')}"


def _bare_q(match: re.Match[str]) -> str | None:
    return f"Q: {match.group('rest')}"


def _dotted_q_a(match: re.Match[str]) -> str | None:
    return f"{match.group('label')}: {match.group('rest')}"


Rewrite = Callable[[re.Match[str]], "str | None"]
SHAPES: tuple[tuple[re.Pattern[str], Rewrite], ...] = (
    (_TIME_FIRST, _time_first),
    (_TIME_IN_LABEL, _inline),
    (_TIME_AFTER_LABEL, _inline),
    (_NAME_THEN_TIME, _own_line),
    (_NAME_THEN_SEAT, _seat),
    (_RECORD_STYLE, _record),
    (_BARE_Q, _bare_q),
    (_DOTTED_Q_A, _dotted_q_a),
)


def normalise_label_lines(text: str) -> str:
    """`text` with each label shape that occurs on two lines or more rewritten to `Label:`."""
    lines = text.split("\n")
    for pattern, rewrite in SHAPES:
        found = _rewrites(lines, pattern, rewrite)
        if len(found) >= MIN_LINES and _both_voices_if_q_a(pattern, found):
            for index, line in found.items():
                lines[index] = line
    return "\n".join(lines)


def _both_voices_if_q_a(pattern: re.Pattern[str], found: dict[int, str]) -> bool:
    # 'A. Lincoln said' opens a sentence: Q. and A. count only together.
    return pattern is not _DOTTED_Q_A or {line[:2] for line in found.values()} == {"Q:", "A:"}


def _rewrites(lines: list[str], pattern: re.Pattern[str], rewrite: Rewrite) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, line in enumerate(lines):
        match = pattern.match(line.strip())
        if match:
            new = rewrite(match)
            if new is not None:
                found[index] = new
    return found
