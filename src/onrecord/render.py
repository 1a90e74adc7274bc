"""Documents as plain text for people (terminal output, markdown-like)."""

from __future__ import annotations

import textwrap

from onrecord.model import Document

WIDTH = 88


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


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text.replace("\u00a0", " "), WIDTH, initial_indent=indent, subsequent_indent=indent
    )
