"""Editorial material inside transcript text, found as annotations with offsets.

`[the Taliban]` (an insertion by the editor), `(Applause.)` (a stage direction), `<…>` (a
cut), `(retranslated)` (a remark on the label), `* * *` (a section break), and a paragraph
where the record says who called out without giving their words (`Honourable members
interjecting—`, as Hansards print it: a stage direction, not the words of the turn's speaker),
or gives the time (`(1420)`).
"""

from __future__ import annotations

import re

from onrecord.model import Note

# (kind, pattern, what a match must hold, one of: most paragraphs have none)
_PATTERNS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("cut", re.compile(r"<\s*(?:…|\.\.\.)\s*>|\[\s*(?:…|\.\.\.)\s*\]"), ("<", "[")),
    ("insertion", re.compile(r"\[[^\[\]\n]{1,200}\]"), ("[",)),
    ("stage", re.compile(r"\((?:[A-Z][^()\n]{0,80}?[.!]|[A-Z][a-z]+(?: [a-z]+){0,3})\)"), ("(",)),
    ("stage", re.compile(r"^[A-Z][^.!?:\n]{0,60} interjecting(?:[—–-]+|\.)?$"), ("interjecting",)),
    # a paragraph wholly in brackets, of two words or more: what the record tells between
    # the words (`(Beifall bei der SPD, dem BÜNDNIS 90/DIE GRÜNEN und der FDP)`)
    ("stage", re.compile(r"^\([A-ZÀ-ÞА-ЯЁ][^()\n]{0,300}? [^()\n]{1,300}\)$"), ("(",)),
    # the Canadian Hansard's clock between paragraphs: `(1420)`, alone on its paragraph
    ("stage", re.compile(r"^\((?:[01]\d|2[0-3])[0-5]\d\)$"), ("(",)),
    ("separator", re.compile(r"^\s*(?:\*\s*){3,5}$"), ("*",)),  # `* * *`, `* * * * *`
)
_REMARK = re.compile(r"\(([^()]*)\)")
_TRANSLATION = re.compile(r"translat", re.IGNORECASE)


_ANY_MARK = tuple({mark for _, _, marks in _PATTERNS for mark in marks})


def find_notes(paragraph: str, turn: int | None, index: int) -> list[Note]:
    if not any(map(paragraph.__contains__, _ANY_MARK)):
        return []  # most paragraphs: no bracket, no asterisk
    notes: list[Note] = []
    taken: list[tuple[int, int]] = []  # sorted, not overlapping
    for kind, pattern, marks in _PATTERNS:
        if not any(map(paragraph.__contains__, marks)):  # no generator frame per mark
            continue
        found = []
        for match in pattern.finditer(paragraph):
            if kind == "stage" and not _is_stage(match.group(0)):
                continue
            found.append(match)
        kept = _not_overlapping(found, taken)
        notes.extend(Note(kind, m.group(0), turn, index, m.start(), m.end()) for m in kept)
        taken = sorted([*taken, *(m.span() for m in kept)])
    return sorted(notes, key=lambda n: n.start)


def _not_overlapping(
    matches: list[re.Match[str]], taken: list[tuple[int, int]]
) -> list[re.Match[str]]:
    """The matches (in text order, not overlapping each other) that overlap no taken span:
    one walk along both lists, so that a paragraph of 100,000 notes is not quadratic."""
    kept = []
    i = 0
    for match in matches:
        start, end = match.span()
        while i < len(taken) and taken[i][1] <= start:
            i += 1
        if i < len(taken) and taken[i][0] < end:
            continue
        kept.append(match)
    return kept


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
