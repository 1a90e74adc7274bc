"""Plain data of a parsed transcript: Document → Speaker, Turn, Note.

The JSON form of a Document is the interchange format (`schema/document.schema.json`),
a superset of the scoring format in `shared/eval/README.md`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Speaker:
    """One person (or one anonymous generic voice) within a document."""

    id: str
    name: str
    roles: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    generic: bool = False


@dataclass
class Turn:
    """What one speaker said before the next label: paragraphs without the label."""

    index: int
    label: str
    speaker: str
    paragraphs: list[str]
    start: float | None = None  # seconds, for timed sources (VTT, SRT, speech-to-text)
    end: float | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class Note:
    """Editorial material inside the text, kept where it stands.

    `turn` is the turn index (None for the preamble), `paragraph` the paragraph index
    within it, `start`/`end` character offsets into that paragraph.
    """

    kind: str  # insertion | stage | cut | retranslated | separator
    text: str
    turn: int | None
    paragraph: int
    start: int
    end: int


@dataclass
class Document:
    id: str
    source: str
    sha256: str
    parser: dict[str, str]
    title: str = ""
    date: str = ""
    time: str = ""
    place: str = ""
    lead: str = ""
    language: str = "en"
    url: str = ""
    speakers: list[Speaker] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # How sure the parse is of who said what (1.0: no sign of a misattribution); the
    # warnings say what lowered it (`onrecord.parse.attribution`).
    confidence: float = 1.0

    def speaker(self, speaker_id: str) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for turn, out in zip(self.turns, data["turns"], strict=True):
            out["text"] = turn.text
            for key in ("start", "end"):
                if out[key] is None:
                    del out[key]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["speakers"] = [Speaker(**s) for s in data.get("speakers", [])]
        kwargs["turns"] = [_turn_from_dict(t) for t in data.get("turns", [])]
        kwargs["notes"] = [Note(**n) for n in data.get("notes", [])]
        return cls(**kwargs)


def _turn_from_dict(data: dict[str, Any]) -> Turn:
    paragraphs = data.get("paragraphs")
    if paragraphs is None:
        paragraphs = [p for p in data.get("text", "").split("\n\n") if p]
    return Turn(
        index=data["index"],
        label=data.get("label", ""),
        speaker=data.get("speaker", ""),
        paragraphs=list(paragraphs),
        start=data.get("start"),
        end=data.get("end"),
    )


@dataclass
class Annotation:
    """What an enricher found in the text, by character offsets; the text is never rewritten.

    `turn` is the turn index, None for the lead, or -1 (`PREAMBLE`) for the preamble.
    `start`/`end` are offsets into `Turn.text` (paragraphs joined with a blank line), into
    `Document.lead`, or into the preamble paragraphs joined the same way.
    """

    kind: str  # sentence | entity | quantity | claim | inconsistency | ...
    producer: str  # versioned name, e.g. "quantities.v1"
    turn: int | None
    start: int
    end: int
    text: str
    data: dict[str, Any] = field(default_factory=dict)
