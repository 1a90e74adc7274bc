"""Documents as plain text for people (terminal output, markdown-like)."""

from __future__ import annotations

import re
import textwrap

from onrecord.errors import NotFoundError
from onrecord.model import Document

WIDTH = 88


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`1 matching paragraph`, `2 matching paragraphs`: counts for people read right."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def document_as_text(document: Document) -> str:
    lines = [document.title or "(untitled)"]
    meta = ", ".join(x for x in (document.date, document.time, document.place) if x)
    if meta:
        lines.append(meta)
    if document.url:
        lines.append(document.url)
    if document.lead:
        lines += ["", _wrap(document.lead)]
    for paragraph in document.preamble:
        lines += ["", _wrap(paragraph)]
    for turn in document.turns:
        speaker = document.speaker(turn.speaker)
        who = speaker.name if speaker else turn.label
        role = f" ({speaker.roles[0]})" if speaker and speaker.roles else ""
        lines += ["", f"[t{turn.index}] {who}{role}:"]
        lines.append("\n\n".join(_wrap(p, indent="    ") for p in turn.paragraphs))
    for warning in document.warnings:
        lines += ["", f"warning: {warning}"]
    return "\n".join(lines)


_ANCHOR = re.compile(r"^t(\d{1,6})(?:-p(\d{1,6}))?$")


def passage_as_text(document: Document, anchor: str, context: int = 0) -> str:
    """The turn (`t5`) or the paragraph (`t5-p1`) a permalink names, with `context`
    paragraphs of the same turn either side of a paragraph, each labelled `[t5-p1]`."""
    match = _ANCHOR.match(anchor)
    turn = next((t for t in document.turns if match and t.index == int(match.group(1))), None)
    if match is None or turn is None:
        raise NotFoundError(f"no turn or paragraph {anchor[:40]!r}", source=document.id)
    if match.group(2) is None:
        wanted = range(len(turn.paragraphs))
    else:
        number = int(match.group(2))
        if number >= len(turn.paragraphs):
            raise NotFoundError(f"no paragraph {anchor}", source=document.id)
        wanted = range(max(0, number - context), min(len(turn.paragraphs), number + context + 1))
    speaker = document.speaker(turn.speaker)
    who = speaker.name if speaker else turn.label
    role = f" ({speaker.roles[0]})" if speaker and speaker.roles else ""
    meta = ", ".join(x for x in (document.title, document.date, document.place) if x)
    lines = [meta, f"{who}{role}:"]
    for i in wanted:
        lines += ["", f"[t{turn.index}-p{i}]", _wrap(turn.paragraphs[i], indent="    ")]
    return "\n".join(lines)


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text.replace("\u00a0", " "), WIDTH, initial_indent=indent, subsequent_indent=indent
    )
