"""Markdown: a readable transcript, one section per document, a heading per speaker turn."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from onrecord.export.attribution import attribution
from onrecord.export.base import ExportOptions, ExportResult, tracked
from onrecord.model import Document, Turn

# Text must read as text: what CommonMark would take for markup is backslash-escaped.
# Anywhere: emphasis, code, backslashes; `<` opening a tag or autolink; `&` opening an
# entity; `]` closing a link or a reference definition; `#` (a heading's closing run).
_INLINE = re.compile(r"[\\`*_~#]|<(?=[A-Za-z/!?])|&(?=#?\w+;)|\](?=[(\[:])")
# At a line's start: a heading, quote, list, rule, table or setext underline; a number
# followed by `.` or `)` (an ordered list item) gets its `.` or `)` escaped.
_BLOCK_START = re.compile(r"^(?:[>+\-=|]|\d{1,9}(?=[.)]))")
_SEPARATOR = "\n---\n\n"
# Raw HTML in the text (`<script>`, `<img onerror=...>`) would pass through a Markdown
# renderer as HTML: a backslash before each `<` makes it text (CommonMark escapes any ASCII
# punctuation so), and reads as a plain `<` once rendered.


def render(document: Document) -> str:
    """One document as Markdown: title, where and when, lead, then the turns."""
    return "\n".join(_lines(document))


def _lines(document: Document) -> Iterator[str]:
    yield f"# {_inline(document.title or document.id)}\n"
    facts = [f"**{k}:** {_inline(v)}" for k, v in _facts(document) if v]
    if facts:
        yield "  \n".join(facts) + "\n"
    if document.lead:
        yield f"*{_inline(document.lead)}*\n"
    for paragraph in document.preamble:
        yield _paragraph(paragraph) + "\n"
    for turn in document.turns:
        heading = _heading(document, turn)
        if heading:
            yield f"### {heading}\n"
        for paragraph in turn.paragraphs:
            yield _paragraph(paragraph) + "\n"
    line = attribution(document)
    if line:
        yield f"*{_inline(line)}*\n"


def _facts(document: Document) -> list[tuple[str, str]]:
    when = " ".join(x for x in (document.date, document.time) if x)
    return [
        ("Date", when),
        ("Place", document.place),
        ("Source", document.url),
        ("Id", document.id),
    ]


def _heading(document: Document, turn: Turn) -> str:
    speaker = document.speaker(turn.speaker)
    name = turn.label or (speaker.name if speaker else "")
    if turn.start is not None:
        name = f"{name} [{_clock(turn.start)}]".strip()
    return _inline(name)


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _inline(text: str) -> str:
    return _escape(" ".join(text.split()))


def _escape(line: str) -> str:
    line = _INLINE.sub(lambda m: "\\" + m.group(), line)
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    end = match.end()
    if match.group().isdigit():
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def _paragraph(text: str) -> str:
    """Each line escaped; leading spaces dropped (four would make a code block)."""
    return "\n".join(_escape(line.lstrip()) for line in text.splitlines())


class MarkdownExporter:
    name = "markdown"
    version = "markdown.v1"
    target = "file"

    def write(
        self, documents: Iterable[Document], out: Path, options: ExportOptions
    ) -> ExportResult:
        result = ExportResult(files=[Path(out.name)])
        with out.open("w", encoding="utf-8", newline="\n") as handle:
            for n, document in enumerate(tracked(documents, result)):
                handle.write((_SEPARATOR if n else "") + render(document))
        return result
