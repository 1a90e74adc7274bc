"""Plain text → paragraphs, whatever the way it was saved.

Blank-line paragraphs (the seed), single-newline paragraphs, hard-wrapped e-mail text
(72 columns, with or without blank lines), Windows line endings, stray whitespace.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

from onrecord.parse.labels import split_label

_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u200b\ufeff]*\n")
_LINE_SPACE = re.compile(r"[ \t\u200b\ufeff]+$|^[ \t\u200b\ufeff]+", re.MULTILINE)
# Text is taken as hard-wrapped when most of its lines run close to one width.
WRAP_MAX_WIDTH = 100
WRAP_SHARE = 0.5
WRAP_FULL_LINE = 0.7  # a line this share of the width or longer is a wrapped one
MIN_WRAP_WIDTH = 60  # lines shorter than this were broken by hand, not wrapped
MIN_PAGES = 3  # a form feed or two is not a printed document
PAGE_EDGE_LINES = 3
_DIGITS = re.compile(r"\d+")
_HEAD_PARTS = re.compile(r"\s{3,}")  # `pdftotext -layout` puts date and title on one line
MIN_TITLE_LETTERS = 4
SITE_SEPARATORS = (" • ", " | ", " — ", " – ", " - ")
# Print dates, page numbers and addresses in a running head or foot.
_STAMP = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d\d(?:\s?[AP]M)?"  # 11/29/26, 10:44 PM
_NOT_A_TITLE = re.compile(
    rf"^(?:{_STAMP}|Page \d+.*|\d+\s*(?:/|of)\s*\d+|(?:file|https?)://\S+)$", re.IGNORECASE
)
_PRINT_STAMP = re.compile(rf"^{_STAMP}\s+")
SENTENCE_END = (".", "?", "!", "…", "”", '"', ")", ">", "]")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def drop_page_furniture(text: str) -> tuple[str, str]:
    """Text printed to PDF without the running heads and feet of its pages, and the title a
    running head gives (`Interview to ... • President of Russia`), or ''.

    Pages are split at form feeds; a line among the first (or the last) lines of a page that
    comes back there on at least half of the pages, digits aside (page numbers, print dates),
    is furniture. The pages are joined with a single newline, so a paragraph broken by a page
    runs on.
    """
    pages = [page.split("\n") for page in text.split("\f")]
    if len(pages) < MIN_PAGES:
        return text, ""
    heads = [_edge(lines, reverse=False) for lines in pages]
    feet = [_edge(lines, reverse=True) for lines in pages]
    needed = max(2, sum(1 for lines in pages if "".join(lines).strip()) // 2)
    head_keys, foot_keys = _repeated(pages, heads, needed), _repeated(pages, feet, needed)
    kept: list[str] = []
    for lines, head, foot in zip(pages, heads, feet, strict=True):
        drop = {i for i in head if _furniture_key(lines[i]) in head_keys}
        drop |= {i for i in foot if _furniture_key(lines[i]) in foot_keys}
        page = "\n".join(line for i, line in enumerate(lines) if i not in drop).strip("\n")
        if page.strip():
            kept.append(page)
    printed = [pages[p][i] for p, head in enumerate(heads) for i in head]
    title = _title_from_heads([line for line in printed if _furniture_key(line) in head_keys])
    return "\n".join(kept), title


def _edge(lines: list[str], reverse: bool) -> list[int]:
    """Indexes of the first (or last) non-blank lines of a page."""
    order = range(len(lines) - 1, -1, -1) if reverse else range(len(lines))
    return [i for i in order if lines[i].strip()][:PAGE_EDGE_LINES]


def _repeated(pages: list[list[str]], edges: list[list[int]], needed: int) -> set[str]:
    counts = Counter(
        key
        for lines, edge in zip(pages, edges, strict=True)
        for key in {_furniture_key(lines[i]) for i in edge}
    )
    return {key for key, count in counts.items() if count >= needed}


def _furniture_key(line: str) -> str:
    return _DIGITS.sub("0", " ".join(line.split()))


def _title_from_heads(heads: list[str]) -> str:
    """The page title a browser prints at the head of each page, without the site's name."""
    for line in heads:
        for part in _HEAD_PARTS.split(_PRINT_STAMP.sub("", line.strip())):
            if _NOT_A_TITLE.match(part) or sum(c.isalpha() for c in part) < MIN_TITLE_LETTERS:
                continue
            for separator in SITE_SEPARATORS:
                title, found, _site = part.rpartition(separator)
                if found and len(title) >= MIN_TITLE_LETTERS:
                    return title.strip()
            return part.strip()
    return ""


def paragraphs(text: str) -> list[str]:
    text = _LINE_SPACE.sub("", normalise_newlines(text))
    chunks = [c for c in _BLANK_LINE.split(text) if c.strip()]
    if len(chunks) > 2:
        return [para for chunk in chunks for para in _chunk_paragraphs(chunk)]
    lines = [line for line in text.split("\n") if line.strip()]
    if _hard_wrapped(lines):
        return _rewrap(lines)
    return [line.strip() for line in lines]


def starts_turn(line: str) -> bool:
    match = split_label(line.strip())
    return match is not None and bool(match.rest)


def _chunk_paragraphs(chunk: str) -> list[str]:
    """A blank-line chunk is one paragraph, unless it holds several turns: text from a PDF has
    blank lines only around page breaks, not between paragraphs."""
    lines = [line.strip() for line in chunk.split("\n") if line.strip()]
    if len(lines) > 1 and (_holds_turns(lines) or _holds_short_lines(lines)):
        return _rewrap(lines)
    return [_unwrap(chunk)]


def _holds_turns(lines: list[str]) -> bool:
    return any(
        starts_turn(line) and before.endswith(SENTENCE_END)
        for before, line in itertools.pairwise(lines)
    )


def _holds_short_lines(lines: list[str]) -> bool:
    """A line that ends well before the others inside a chunk ends a paragraph (a title above
    its lead, a menu item), unless the lines are too short to have been wrapped."""
    width = max(len(line) for line in lines)
    return width >= MIN_WRAP_WIDTH and any(
        len(line) < WRAP_FULL_LINE * width for line in lines[:-1]
    )


def _unwrap(chunk: str) -> str:
    lines = [line.strip() for line in chunk.split("\n") if line.strip()]
    return functools.reduce(_joined, lines[1:], lines[0]) if lines else ""


# A line broken after a hyphen inside a word (`high-` / `tech`) or a range's dash (`1.6–` /
# `1.7`), as wrapping and printing break them: the word is one.
_BROKEN_AFTER_DASH = re.compile(r"(?:[^\W\d_]-|\d[–-])$")


def _joined(text: str, line: str) -> str:
    if _BROKEN_AFTER_DASH.search(text) and line[:1].isalnum():
        return text + line
    return f"{text} {line}"


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 8:
        return False
    # lines in capitals (`MONDAY 16 APRIL 2007`, a witness's name) head a page: not prose,
    # they say nothing of where its prose was wrapped
    prose = [line for line in lines if not line.isupper()] or lines
    width = sorted(len(line) for line in prose)[max(0, int(len(prose) * 0.95) - 1)]
    if width > WRAP_MAX_WIDTH:
        return False
    full = sum(1 for line in prose if len(line) >= WRAP_FULL_LINE * width)
    return full > WRAP_SHARE * len(prose)


def _rewrap(lines: list[str]) -> list[str]:
    width = max(len(line) for line in lines)
    out: list[str] = []
    open_paragraph = False
    for before, line in zip([".", *lines], lines, strict=False):
        new_turn = starts_turn(line) and before.rstrip().endswith(SENTENCE_END)
        if open_paragraph and not new_turn:
            out[-1] = _joined(out[-1], line.strip())
        else:
            out.append(line.strip())
        open_paragraph = len(line) >= WRAP_FULL_LINE * width
    return out


# The last line of a saved page, its links to the site's legal pages (`Legal notice - Privacy
# policy`, `Juridisk meddelelse - Databeskyttelsespolitik`, `Impressum | Datenschutz`): items
# of a few words between ` - ` or `|`, one of them about the law, privacy or cookies.
_LINK_ITEMS = re.compile(r"[ \t]+[-–|][ \t]+|[ \t]*\|[ \t]*")
_LEGAL_WORDS = re.compile(
    r"(?i)legal|légal|jurid|rechtlich|privacy|privac|confidentialit|datenschutz|databeskyt"
    r"|dataskydd|gegevensbescherm|cookie|impressum|imprint|disclaimer|copyright|terms of"
)
MAX_LINK_ROW_CHARS = 120
MAX_LINK_WORDS = 4


def is_legal_link_row(paragraph: str) -> bool:
    """A row of links to the site's legal pages, which a copy of a page ends with."""
    line = paragraph.strip()
    if len(line) > MAX_LINK_ROW_CHARS or "\n" in line or line.endswith((".", "!", "?", ":")):
        return False
    items = _LINK_ITEMS.split(line)
    return (
        len(items) >= 2
        and all(0 < len(item.split()) <= MAX_LINK_WORDS and item[:1].isupper() for item in items)
        and _LEGAL_WORDS.search(line) is not None
    )
