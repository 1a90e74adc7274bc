"""Sentence boundaries by rule: fast, offsets only, never a rewrite of the text.

A boundary is a `.`, `!`, `?` or `…` (with closing quotes or brackets) followed by space and
something that can open a sentence, unless the word before is an abbreviation (`Mr.`,
`St.`, `U.S.`, an initial). Paragraph breaks always end a sentence. A run of text with no
boundary at all is cut into pieces of at most `MAX_SENTENCE_CHARS`, at a space where one
exists, so that nothing downstream sees an unbounded sentence.
"""

from __future__ import annotations

import re

MAX_SENTENCE_CHARS = 5_000  # far above the longest real sentence on DEV (about 1,400 chars)

ABBREVIATIONS = frozenset(
    "mr mrs ms dr st prof gen lt col maj capt sgt jr sr vs etc e.g i.e no nos art fig "
    "approx dept govt inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n a.m p.m ph.d cf al".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9А-ЯЁ<*–—-])|\n+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group()[0] == "." and _is_abbreviation(text, m.start()):
            continue
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
