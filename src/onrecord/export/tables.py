"""The tabular view of documents shared by CSV and Parquet: one row per turn or paragraph.

The text before the first speaker (the preamble: most of a news item or a speech without
labels) comes first, with an empty turn_index and speaker, so that no text is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from onrecord.model import Document, Turn

TURN_COLUMNS = (
    "document_id",
    "url",
    "date",
    "title",
    "place",
    "turn_index",
    "speaker_id",
    "speaker_name",
    "role",
    "text",
    "start",
    "end",
)
PARAGRAPH_COLUMNS = (
    "document_id",
    "turn_index",
    "paragraph_index",
    "speaker_id",
    "speaker_name",
    "text",
)
ROLE_SEPARATOR = "; "
PARAGRAPH_JOIN = "\n\n"  # as Turn.text joins paragraphs


@dataclass
class Part:
    """A turn, or the preamble (the text before the first speaker: turn_index None)."""

    turn_index: int | None
    speaker_id: str
    speaker_name: str
    role: str
    paragraphs: list[str]
    start: float | None = None
    end: float | None = None


def parts(document: Document) -> Iterator[Part]:
    """The preamble, when there is one, then every turn: no text of the document is left out."""
    if document.preamble:
        yield Part(None, "", "", "", document.preamble)
    for turn in document.turns:
        name, role = _speaker_name_role(document, turn)
        yield Part(turn.index, turn.speaker, name, role, turn.paragraphs, turn.start, turn.end)


def turn_rows(document: Document) -> Iterator[dict[str, Any]]:
    for part in parts(document):
        yield {
            "document_id": document.id,
            "url": document.url,
            "date": document.date,
            "title": document.title,
            "place": document.place,
            "turn_index": part.turn_index,
            "speaker_id": part.speaker_id,
            "speaker_name": part.speaker_name,
            "role": part.role,
            "text": PARAGRAPH_JOIN.join(part.paragraphs),
            "start": part.start,
            "end": part.end,
        }


def paragraph_rows(document: Document) -> Iterator[dict[str, Any]]:
    for part in parts(document):
        for n, paragraph in enumerate(part.paragraphs):
            yield {
                "document_id": document.id,
                "turn_index": part.turn_index,
                "paragraph_index": n,
                "speaker_id": part.speaker_id,
                "speaker_name": part.speaker_name,
                "text": paragraph,
            }


def _speaker_name_role(document: Document, turn: Turn) -> tuple[str, str]:
    speaker = document.speaker(turn.speaker)
    if speaker is None:
        return turn.label, ""
    # The role written in this turn's label, else every role the speaker had in the document.
    in_label = [role for role in speaker.roles if role and role in turn.label]
    return speaker.name, ROLE_SEPARATOR.join(in_label or speaker.roles)


def paragraphs_path_name(name: str) -> str:
    """`turns.csv` -> `turns.paragraphs.csv`: where the paragraph table goes beside the turns."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.paragraphs.{suffix}" if dot else f"{name}.paragraphs"
