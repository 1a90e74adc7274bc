"""Editorial material inside transcript text, found as annotations with offsets.

`[the Taliban]` (an insertion by the editor), `(Applause.)` (a stage direction), `<…>` (a
cut), `(retranslated)` (a remark on the label), `* * *` (a section break).
"""

from __future__ import annotations

import re

from onrecord.model import Note

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cut", re.compile(r"<\s*(?:…|\.\.\.)\s*>|\[\s*(?:…|\.\.\.)\s*\]")),
    ("insertion", re.compile(r"\[[^\[\]\n]{1,200}\]")),
    ("stage", re.compile(r"\((?:[A-Z][^()\n]{0,80}?[.!]|[A-Z][a-z]+(?: [a-z]+){0,3})\)")),
    ("separator", re.compile(r"^\s*(?:\*\s*){3}$")),
)
_REMARK = re.compile(r"\(([^()]*)\)")
_TRANSLATION = re.compile(r"translat", re.IGNORECASE)


def find_notes(paragraph: str, turn: int | None, index: int) -> list[Note]:
    notes: list[Note] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(paragraph):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            if kind == "stage" and not _is_stage(match.group(0)):
                continue
            taken.append(span)
            notes.append(Note(kind, match.group(0), turn, index, span[0], span[1]))
    return sorted(notes, key=lambda n: n.start)


def _is_stage(text: str) -> bool:
    # '(Applause.)', '(Laughter)', '(In Russian.)' — not '(CSTO)' or '(VEB)'
    inner = text[1:-1]
    return not inner.isupper() and len(inner) > 3


def label_notes(label: str, turn: int) -> list[Note]:
    """Remarks in a label, `(retranslated)`, as notes on paragraph -1 (the label itself)."""
    notes = []
    for match in _REMARK.finditer(label):
        kind = "retranslated" if _TRANSLATION.search(match.group(1)) else "label-remark"
        notes.append(Note(kind, match.group(0), turn, -1, match.start(), match.end()))
    return notes
