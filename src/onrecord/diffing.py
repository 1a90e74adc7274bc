"""What changed between two revisions of a document: metadata fields and the text."""

from __future__ import annotations

import difflib

from onrecord.model import Document
from onrecord.store.records import DocumentDiff, FieldChange

COMPARED_FIELDS = ("title", "date", "time", "place", "lead", "url", "language", "source", "sha256")
CONTEXT_LINES = 1


def transcript_lines(doc: Document) -> list[str]:
    """The text as lines to diff: the preamble, then each turn's label and paragraphs."""
    lines = [*doc.preamble]
    for turn in doc.turns:
        lines.append(f"[t{turn.index}] {turn.label}:")
        lines.extend(f"  {p}" for p in turn.paragraphs)
    return lines


def diff_documents(doc_id: str, a: int, b: int, old: Document, new: Document) -> DocumentDiff:
    changes = [
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in COMPARED_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    if old.parser != new.parser:
        changes.append(FieldChange("parser", old.parser, new.parser))
    text = difflib.unified_diff(
        transcript_lines(old),
        transcript_lines(new),
        fromfile=f"{doc_id}@{a}",
        tofile=f"{doc_id}@{b}",
        n=CONTEXT_LINES,
        lineterm="",
    )
    return DocumentDiff(doc_id=doc_id, a=a, b=b, changes=changes, text_diff=list(text))
