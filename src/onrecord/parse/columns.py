"""Which columns of a transcript table say who and what: read off its header row.

Shared by the table import (CSV, TSV, Markdown pipe tables) and the HTML reader (a
`<table>` whose header names a speaker and a text column).
"""

from __future__ import annotations

from dataclasses import dataclass

SPEAKER_NAMES = ("speaker", "speaker name", "name", "who", "voice", "person", "author")
TEXT_NAMES = ("text", "transcript", "utterance", "content", "words", "dialogue", "message")
TIME_NAMES = ("time", "start", "start time", "timestamp", "in", "timecode")


@dataclass(frozen=True)
class Columns:
    speaker: int
    text: int
    time: int | None


def columns(header: list[str]) -> Columns | None:
    """The speaker, text and time columns a header names (any case), or None without a
    speaker and a text column."""
    names = [" ".join(cell.strip().strip("*_").split()).casefold() for cell in header]
    speaker = next((i for i, n in enumerate(names) if n in SPEAKER_NAMES), None)
    text = next((i for i, n in enumerate(names) if n in TEXT_NAMES), None)
    if speaker is None or text is None or speaker == text:
        return None
    time = next((i for i, n in enumerate(names) if n in TIME_NAMES), None)
    return Columns(speaker, text, time)
