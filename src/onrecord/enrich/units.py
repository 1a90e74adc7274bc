"""The pieces of a document that annotations point into.

`turn` None is the lead, a turn index is `Turn.text`, and `PREAMBLE` (-1) is the preamble
(the body of a page without speaker labels, its paragraphs joined with a blank line, as
`Turn.text` joins a turn's).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from onrecord.model import Document

PREAMBLE = -1


@dataclass(frozen=True)
class Unit:
    turn: int | None
    text: str
    speaker: str  # speaker id ("" for the lead and preamble)


def units(document: Document) -> Iterator[Unit]:
    if document.lead:
        yield Unit(None, document.lead, "")
    if document.preamble:
        yield Unit(PREAMBLE, "\n\n".join(document.preamble), "")
    for turn in document.turns:
        yield Unit(turn.index, turn.text, turn.speaker)


def unit_text(document: Document, turn: int | None) -> str:
    """The text that annotations with this `turn` point into ("" if there is none)."""
    for unit in units(document):
        if unit.turn == turn:
            return unit.text
    return ""


def speaker_names(document: Document) -> dict[str, str]:
    return {s.id: s.name for s in document.speakers if not s.generic}
