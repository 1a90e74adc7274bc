"""A stored Document shaped for reading: turns with names, roles, anchors, Q&A pairs.

Anchors are `t{turn}-p{paragraph}` (0-based, as the archive's permalinks): they come
from the parser's turn and paragraph indexes, so they stay put across re-ingest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from onrecord import names
from onrecord.archive import DocumentSummary
from onrecord.errors import NotFoundError, QueryError
from onrecord.export.attribution import KREMLIN_LICENCE, attribution
from onrecord.model import Document, Turn

# A turn ends in a question when its last paragraph has a question mark within its
# last characters: tolerates a closing quote or a bracketed stage note after it.
_QUESTION_TAIL = 40


@dataclass(frozen=True)
class ParagraphView:
    anchor: str
    index: int
    text: str


@dataclass
class TurnView:
    index: int
    anchor: str
    speaker_id: str
    name: str
    role: str
    paragraphs: list[ParagraphView]
    qa: str = ""  # "question" | "answer" | ""
    pair: int | None = None  # the index of the other turn of the pair


@dataclass
class Block:
    """What the reader shows as one unit: a single turn or a question with its answer."""

    kind: str  # "turn" | "qa"
    turns: list[TurnView] = field(default_factory=list)


def anchor(turn: int, paragraph: int) -> str:
    """The paragraph's anchor, as every permalink writes it (`onrecord.names`)."""
    return names.anchor(turn, paragraph)


def parse_anchor(value: str) -> tuple[int, int]:
    found = names.parse_anchor(value or "")
    if found is None:
        raise QueryError(f"p: expected a paragraph anchor like t12-p3, got {value[:40]!r}")
    return found


def paragraph_at(document: Document, turn: int, paragraph: int) -> tuple[Turn, str]:
    if turn == names.PREAMBLE and 0 <= paragraph < len(document.preamble):
        text = document.preamble[paragraph]
        return Turn(names.PREAMBLE, "", "", [text]), text
    for candidate in document.turns:
        if candidate.index == turn and 0 <= paragraph < len(candidate.paragraphs):
            return candidate, candidate.paragraphs[paragraph]
    raise NotFoundError(f"no paragraph {anchor(turn, paragraph)}", source=document.id)


def speaker_of(document: Document, turn: Turn) -> tuple[str, str]:
    """The display name and the role of whoever speaks `turn`."""
    speaker = document.speaker(turn.speaker)
    if speaker is None:
        return turn.label or "Unknown speaker", ""
    return speaker.name, speaker.roles[0] if speaker.roles else ""


def turn_views(document: Document) -> list[TurnView]:
    views = []
    for turn in document.turns:
        name, role = speaker_of(document, turn)
        paragraphs = [
            ParagraphView(anchor(turn.index, i), i, text) for i, text in enumerate(turn.paragraphs)
        ]
        views.append(TurnView(turn.index, f"t{turn.index}", turn.speaker, name, role, paragraphs))
    return views


def _asks(turn: TurnView) -> bool:
    return bool(turn.paragraphs) and "?" in turn.paragraphs[-1].text[-_QUESTION_TAIL:]


def pair_questions(turns: list[TurnView]) -> list[Block]:
    """Group a turn that ends in a question with the next turn by someone else."""
    blocks: list[Block] = []
    i = 0
    while i < len(turns):
        turn = turns[i]
        following = turns[i + 1] if i + 1 < len(turns) else None
        if following and _asks(turn) and following.speaker_id != turn.speaker_id:
            turn.qa, turn.pair = "question", following.index
            following.qa, following.pair = "answer", turn.index
            blocks.append(Block("qa", [turn, following]))
            i += 2
        else:
            blocks.append(Block("turn", [turn]))
            i += 1
    return blocks


@dataclass(frozen=True)
class LegendEntry:
    speaker_id: str
    name: str
    roles: list[str]
    generic: bool
    turns: int


def legend(document: Document) -> list[LegendEntry]:
    counts: dict[str, int] = {}
    for turn in document.turns:
        counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
    return [
        LegendEntry(s.id, s.name, list(s.roles), s.generic, counts.get(s.id, 0))
        for s in document.speakers
    ]


def licence(document: Document) -> dict[str, str] | None:
    """The attribution the source asks for, with its licence link, or None."""
    line = attribution(document)
    return {"text": line, "url": KREMLIN_LICENCE} if line else None


def public_dict(document: Document) -> dict[str, Any]:
    """The document as JSON, without the server's file paths."""
    data = document.to_dict()
    data["source"] = public_source(document.source)
    return data


def public_source(source: str) -> str:
    """A stored source path without the server's folders."""
    return PurePath(source.replace("\\", "/")).name


def summary_dict(summary: DocumentSummary) -> dict[str, Any]:
    """A listing line as JSON, without the server's file paths."""
    data = summary.to_dict()
    data["source"] = public_source(summary.source)
    return data
