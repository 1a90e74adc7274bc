"""Plain records the archive returns: what a reader sees of the store, without SQL.

These are the shapes the CLI and the web app render (text, HTML, JSON): each has a
`to_dict()` whose keys are stable and documented in `onrecord.archive`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Filters:
    """Narrow a listing, a search or an export. Every field is optional; None means any.

    `speaker` is a person id (`vladimir-putin`) or a name, matched against the registry.
    `date_from` / `date_to` are ISO dates (`2017`, `2017-04`, `2017-04-12`), inclusive.
    `place` matches a substring of the place, case-insensitively.
    """

    speaker: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    doc_id: str | None = None

    def is_empty(self) -> bool:
        return not any((self.speaker, self.date_from, self.date_to, self.place, self.doc_id))


@dataclass(frozen=True)
class DocumentSummary:
    """One line of a listing: the current revision of a document, without its text."""

    id: str
    title: str
    date: str
    time: str
    place: str
    url: str
    source: str
    revision: int
    revisions: int
    turns: int
    words: int
    speakers: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ResultPage:
    """A slice of a longer list: `items`, and `total` for the whole list."""

    items: list[Any]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        items = [i.to_dict() if hasattr(i, "to_dict") else i for i in self.items]
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": items}


@dataclass(frozen=True)
class RevisionInfo:
    """Where a stored revision came from: its raw input, hash and the parser that read it."""

    doc_id: str
    revision: int
    source: str
    sha256: str
    parser: str  # versioned name, e.g. "kremlin-html.v1"
    ingested_at: str
    current: bool
    restores: int | None = None  # the earlier revision whose text this one brings back
    also: list[str] = field(default_factory=list)  # sources of the same text in other bytes

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StoredInput:
    """The bytes a revision was parsed from, exactly as read."""

    source: str
    sha256: str
    data: bytes
    reader: str = "parse"  # parse | record | import: how ingest read it


@dataclass(frozen=True)
class SpeakerShare:
    """How much one speaker said, in a document or in the corpus."""

    person_id: str
    name: str
    turns: int
    words: int
    share: float  # words / all words, 0..1
    documents: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Stats:
    """Counts for the corpus (`doc_id` None) or one document."""

    doc_id: str | None
    documents: int
    revisions: int
    turns: int
    paragraphs: int
    words: int
    speakers: int
    by_speaker: list[SpeakerShare]
    date_from: str
    date_to: str

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["by_speaker"] = [s.to_dict() for s in self.by_speaker]
        return data


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DocumentDiff:
    """What changed between two revisions: metadata fields, then the text as a unified diff."""

    doc_id: str
    a: int
    b: int
    changes: list[FieldChange]
    text_diff: list[str]  # unified diff lines of the rendered transcript, without line ends
    restores: int | None = None  # revision b brings back the text of this earlier revision
    turns: list[TurnChange] = field(default_factory=list)  # the same, word by word per turn

    @property
    def identical(self) -> bool:
        return not self.changes and not self.text_diff

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "a": self.a,
            "b": self.b,
            "restores": self.restores,
            "identical": self.identical,
            "changes": [c.to_dict() for c in self.changes],
            "text_diff": self.text_diff,
            "turns": [t.to_dict() for t in self.turns],
        }


@dataclass(frozen=True)
class TurnChange:
    """One turn that changed, with its speaker, as word segments: `op` is "=" (the same,
    possibly shortened to the words around a change), "-" (removed) or "+" (added).
    `status` is "changed", "added" or "removed"; `old`/`new` are the turn indexes."""

    status: str
    speaker: str
    old: int | None
    new: int | None
    segments: list[tuple[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "speaker": self.speaker,
            "old": self.old,
            "new": self.new,
            "segments": [{"op": op, "text": text} for op, text in self.segments],
        }


@dataclass(frozen=True)
class RoleSpan:
    """A role a person is given, dated by the first and last document that gives it."""

    role: str
    first: str
    last: str
    documents: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PersonSummary:
    """One person of the corpus-wide registry, with counts over the current revisions."""

    id: str
    name: str
    roles: list[RoleSpan]
    documents: int
    turns: int
    words: int
    names: list[str] = field(default_factory=list)  # every spelling linked to this person

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["roles"] = [r.to_dict() for r in self.roles]
        return data


@dataclass(frozen=True)
class PersonDetail:
    """A person with the documents they speak in and their words per year."""

    person: PersonSummary
    words_per_year: dict[str, int]
    appearances: list[DocumentSummary]  # all of them, or the page asked for
    appearances_total: int = 0
    documents_per_year: dict[str, int] = field(default_factory=dict)  # dated documents

    def to_dict(self) -> dict[str, Any]:
        data = self.person.to_dict()
        data["words_per_year"] = dict(self.words_per_year)
        data["appearances"] = [d.to_dict() for d in self.appearances]
        data["appearances_total"] = self.appearances_total
        return data
