"""Plain text → paragraphs, whatever the way it was saved.

Blank-line paragraphs (the seed), single-newline paragraphs, hard-wrapped e-mail text
(72 columns, with or without blank lines), Windows line endings, stray whitespace.
"""

from __future__ import annotations

import re

from onrecord.parse.labels import split_label

_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u200b\ufeff]*\n")
_LINE_SPACE = re.compile(r"[ \t\u200b\ufeff]+$|^[ \t\u200b\ufeff]+", re.MULTILINE)
# Text is taken as hard-wrapped when most of its lines run close to one width.
WRAP_MAX_WIDTH = 100
WRAP_SHARE = 0.5
WRAP_FULL_LINE = 0.7  # a line this share of the width or longer is a wrapped one


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def paragraphs(text: str) -> list[str]:
    text = _LINE_SPACE.sub("", normalise_newlines(text))
    chunks = [c for c in _BLANK_LINE.split(text) if c.strip()]
    if len(chunks) > 2:
        return [_unwrap(chunk) for chunk in chunks]
    lines = [line for line in text.split("\n") if line.strip()]
    if _hard_wrapped(lines):
        return _rewrap(lines)
    return [line.strip() for line in lines]


def starts_turn(line: str) -> bool:
    match = split_label(line.strip())
    return match is not None and bool(match.rest)


def _unwrap(chunk: str) -> str:
    return " ".join(line.strip() for line in chunk.split("\n") if line.strip())


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 8:
        return False
    width = sorted(len(line) for line in lines)[int(len(lines) * 0.95) - 1]
    if width > WRAP_MAX_WIDTH:
        return False
    full = sum(1 for line in lines if len(line) >= WRAP_FULL_LINE * width)
    return full > WRAP_SHARE * len(lines)


def _rewrap(lines: list[str]) -> list[str]:
    width = max(len(line) for line in lines)
    out: list[str] = []
    open_paragraph = False
    for line in lines:
        if open_paragraph and not starts_turn(line):
            out[-1] += " " + line.strip()
        else:
            out.append(line.strip())
        open_paragraph = len(line) >= WRAP_FULL_LINE * width
    return out
