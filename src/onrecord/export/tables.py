"""The tabular view of documents shared by CSV and Parquet: one row per turn or paragraph."""

from __future__ import annotations

from collections.abc import Iterator
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


def turn_rows(document: Document) -> Iterator[dict[str, Any]]:
    for turn in document.turns:
        name, role = _speaker_name_role(document, turn)
        yield {
            "document_id": document.id,
            "url": document.url,
            "date": document.date,
            "title": document.title,
            "place": document.place,
            "turn_index": turn.index,
            "speaker_id": turn.speaker,
            "speaker_name": name,
            "role": role,
            "text": turn.text,
            "start": turn.start,
            "end": turn.end,
        }


def paragraph_rows(document: Document) -> Iterator[dict[str, Any]]:
    for turn in document.turns:
        name, _ = _speaker_name_role(document, turn)
        for n, paragraph in enumerate(turn.paragraphs):
            yield {
                "document_id": document.id,
                "turn_index": turn.index,
                "paragraph_index": n,
                "speaker_id": turn.speaker,
                "speaker_name": name,
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
