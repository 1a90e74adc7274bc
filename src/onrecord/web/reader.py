"""A stored Document shaped for reading: turns with names, roles, anchors, Q&A pairs.

Anchors are `t{turn}-p{paragraph}` (0-based, as the archive's permalinks): they come
from the parser's turn and paragraph indexes, so they stay put across re-ingest.
"""

from __future__ import annotations

import re
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
# Who asks in an interview or a press conference: a role that says so, or a generic voice
# from the floor (`Question:`, `Voice from the audience:`).
_ASKER_ROLE = re.compile(
    r"\b(journalist|correspondent|interviewer|host|moderator|anchor|presenter|reporter|"
    r"editor|question|audience|hall)\b",
    re.IGNORECASE,
)
# The turn pattern of an interviewer, checked on the 36 fixture pages: at least half of
# their turns hold a question mark and they speak under half the words of whoever speaks
# most (the NBC interview: 11 of 16 turns, a fifth of the President's words).
_ASKER_QUESTION_SHARE = 0.5
_ASKER_WORD_SHARE = 0.5
_COURTESY = re.compile(r"^\W*(thank|thanks|goodbye|good\s+(bye|night|luck))\b", re.IGNORECASE)


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
class ReaderUnit:
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


def readable(text: str) -> str:
    """The source's non-breaking spaces (after every short word on en.kremlin.ru) as plain
    spaces, so lines break evenly; the same length, so annotation offsets still hold."""
    return text.replace("\u00a0", " ")


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
            ParagraphView(anchor(turn.index, i), i, readable(text))
            for i, text in enumerate(turn.paragraphs)
        ]
        views.append(TurnView(turn.index, f"t{turn.index}", turn.speaker, name, role, paragraphs))
    return views


def _asks(turn: TurnView) -> bool:
    return bool(turn.paragraphs) and "?" in turn.paragraphs[-1].text[-_QUESTION_TAIL:]


def interviewers(document: Document) -> set[str]:
    """The speakers who ask, by role or by turn pattern; never whoever speaks most."""
    words: dict[str, int] = {}
    turns: dict[str, int] = {}
    asking: dict[str, int] = {}
    for turn in document.turns:
        text = turn.text
        words[turn.speaker] = words.get(turn.speaker, 0) + len(text.split())
        turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
        asking[turn.speaker] = asking.get(turn.speaker, 0) + ("?" in text)
    if len(words) < 2:
        return set()
    top = max(words, key=lambda s: words[s])
    found = set()
    for speaker in document.speakers:
        if speaker.id == top or speaker.id not in words:
            continue
        by_role = any(_ASKER_ROLE.search(r) for r in speaker.roles) or (
            speaker.generic and bool(_ASKER_ROLE.search(speaker.name))
        )
        by_pattern = (
            turns[speaker.id] >= 2
            and asking[speaker.id] >= _ASKER_QUESTION_SHARE * turns[speaker.id]
            and words[speaker.id] < _ASKER_WORD_SHARE * words[top]
        )
        if by_role or by_pattern:
            found.add(speaker.id)
    return found


def _interviewer_asks(turn: TurnView, following: TurnView, askers: set[str]) -> bool:
    """An interviewer's turn that the other side answers is a question, whether or not it
    ends in a question mark ("That sounds like a justification."), unless it is a courtesy."""
    if turn.speaker_id not in askers or following.speaker_id in askers:
        return False
    text = " ".join(p.text for p in turn.paragraphs)
    return "?" in text or not _COURTESY.match(text)


def pair_questions(turns: list[TurnView], askers: set[str] | None = None) -> list[ReaderUnit]:
    """Group a question with the next turn by someone else, its answer.

    With `askers` (see `interviewers`), a question is an asker's turn that a non-asker
    answers: the interviewee's rhetorical "True, isn't it?" is not one. Without them, a
    question is a turn that ends in a question mark.
    """
    blocks: list[ReaderUnit] = []
    i = 0
    while i < len(turns):
        turn = turns[i]
        following = turns[i + 1] if i + 1 < len(turns) else None
        if following is None or following.speaker_id == turn.speaker_id:
            asks = False
        elif askers:
            asks = _interviewer_asks(turn, following, askers)
        else:
            asks = _asks(turn)
        if following and asks:
            turn.qa, turn.pair = "question", following.index
            following.qa, following.pair = "answer", turn.index
            blocks.append(ReaderUnit("qa", [turn, following]))
            i += 2
        else:
            blocks.append(ReaderUnit("turn", [turn]))
            i += 1
    return blocks


@dataclass(frozen=True)
class LegendEntry:
    speaker_id: str
    name: str
    roles: list[str]
    generic: bool
    turns: int
    first_turn: int | None = None  # the index of their first turn, for a jump link


def legend(document: Document) -> list[LegendEntry]:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for turn in document.turns:
        counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
        first.setdefault(turn.speaker, turn.index)
    return [
        LegendEntry(s.id, s.name, list(s.roles), s.generic, counts.get(s.id, 0), first.get(s.id))
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
