"""What a watch is and what it finds: plain records with their JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# The parts of a question; a watch has at least one of them.
QUESTION = ("query", "speaker", "entity", "place", "date_from", "date_to", "figure")


@dataclass(frozen=True)
class WatchSpec:
    """A saved question: a search query and/or a speaker, an entity, a place, a date
    range; or `figure` (a subject, with `speaker`): "a new figure for it from them".

    `webhook` (http or https) receives new matches as signed JSON; `secret` signs them
    (made up when the watch is added without one)."""

    query: str | None = None
    speaker: str | None = None
    entity: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    figure: str | None = None
    name: str | None = None
    webhook: str | None = None
    secret: str | None = None

    def question(self) -> dict[str, str]:
        return {k: v for k in QUESTION if (v := getattr(self, k))}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WatchSpec:
        known = {f.name for f in fields(cls)}
        values = {k: str(v) for k, v in data.items() if k in known and v is not None}
        return cls(**values)


@dataclass(frozen=True)
class Watch:
    id: int
    name: str
    question: dict[str, str]
    webhook: str | None
    created_at: str

    @property
    def feed(self) -> str:
        return f"/feeds/watch/{self.id}.atom"

    def spec(self) -> WatchSpec:
        return WatchSpec(**self.question)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            **{k: self.question.get(k) for k in QUESTION},
            "webhook": self.webhook,
            "created_at": self.created_at,
            "feed": self.feed,
        }


@dataclass(frozen=True)
class Quote:
    """Words of one paragraph: `text`, the `highlights` in it (offsets), and where it is."""

    doc_id: str
    date: str
    title: str
    speaker: str
    permalink: str  # ID#t12-p3
    text: str
    highlights: tuple[tuple[int, int], ...] = ()

    @property
    def href(self) -> str:
        doc, _, anchor = self.permalink.partition("#")
        return f"/documents/{doc}" + (f"#{anchor}" if anchor else "")

    def marked(self) -> str:
        """The text with the matching words in [brackets]: for plain-text renderings."""
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.text[last:start], "[", self.text[start:end], "]"]
            last = end
        return "".join([*out, self.text[last:]])

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "date": self.date,
            "title": self.title,
            "speaker": self.speaker,
            "permalink": self.permalink,
            "url": self.href,
            "text": self.text,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True)
class Match:
    """One thing a watch found: a `paragraph` (query, speaker, entity), a `document`
    (place, dates, the new-documents feed), a `figure` that differs from the speaker's
    `earlier` one, or a `revision` of a document (with the diff link)."""

    kind: str
    revision: int
    quote: Quote
    updated: str  # when the revision was stored (RFC 3339)
    summary: str
    earlier: Quote | None = None
    diff: str | None = None  # /documents/ID/diff?a=1&b=2
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """What this match is within its revision: delivered once per watch and revision."""
        start = self.quote.highlights[0][0] if self.quote.highlights else 0
        return f"{self.kind}:{self.quote.permalink}:{start}"

    @property
    def doc_id(self) -> str:
        return self.quote.doc_id

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "doc_id": self.doc_id,
            "revision": self.revision,
            "updated": self.updated,
            "summary": self.summary,
            "quote": self.quote.to_dict(),
        }
        if self.earlier is not None:
            data["earlier"] = self.earlier.to_dict()
        if self.diff:
            data["diff"] = self.diff
        return {**data, **self.extra}
