"""Search and the speakers' side of the site: one function per page, shared by HTML and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onrecord.archive import (
    Archive,
    DocumentSummary,
    Filters,
    PersonDetail,
    PersonSummary,
    SearchHit,
    SearchResult,
    Stats,
)
from onrecord.identity import name_key
from onrecord.web import reader
from onrecord.web.chart import BarChart, bar_chart, fill_years
from onrecord.web.query import Paging

TURN_EXCERPT_CHARS = 320
DOCS_PER_TURN_PAGE = 5  # the speaker page reads these documents' text for the turn list


def segments(text: str, spans: list[tuple[int, int]] | list[list[int]]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, highlighted) runs; the template escapes each piece."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


@dataclass
class SearchView:
    query: str
    filters: Filters
    paging: Paging
    result: SearchResult | None

    @property
    def hits(self) -> list[tuple[SearchHit, list[tuple[str, bool]]]]:
        if self.result is None:
            return []
        return [(h, segments(h.snippet, h.highlights)) for h in self.result.hits]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"query": self.query, "total": 0, "hits": [], "facets": {}}
        if self.result is not None:
            data = self.result.to_dict()
        data["filters"] = {
            "speaker": self.filters.speaker,
            "from": self.filters.date_from,
            "to": self.filters.date_to,
            "place": self.filters.place,
            "doc": self.filters.doc_id,
        }
        data["page"] = self.paging.page
        return data


def search(
    archive: Archive,
    query: str,
    filters: Filters,
    paging: Paging,
    facets: bool = True,
    sort: str = "relevance",
) -> SearchView:
    """Nothing to search for gives an empty view (the HTML form), not an error."""
    if not query:
        return SearchView(query, filters, paging, None)
    result = archive.search(
        query, filters, limit=paging.size, offset=paging.offset, facets=facets, sort=sort
    )
    return SearchView(query, filters, paging, result)


@dataclass
class SpeakersView:
    query: str
    speakers: list[PersonSummary]
    paging: Paging
    more: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "page": self.paging.page,
            "more": self.more,
            "items": [s.to_dict() for s in self.speakers],
        }


def speakers(archive: Archive, query: str, paging: Paging) -> SpeakersView:
    found = archive.speakers(query or None, limit=paging.size + 1, offset=paging.offset)
    return SpeakersView(query, found[: paging.size], paging, len(found) > paging.size)


@dataclass(frozen=True)
class TurnExcerpt:
    doc: DocumentSummary
    turn: int
    anchor: str
    role: str
    text: str
    paragraphs: int


@dataclass
class SpeakerView:
    detail: PersonDetail
    paging: Paging
    turns: list[TurnExcerpt] = field(default_factory=list)
    charts: list[BarChart] = field(default_factory=list)

    @property
    def person(self) -> PersonSummary:
        return self.detail.person

    @property
    def turn_pages(self) -> int:
        return self.paging.pages(self.detail.appearances_total)

    def to_dict(self) -> dict[str, Any]:
        data = self.detail.to_dict()
        data["appearances"] = [reader.summary_dict(d) for d in self.detail.appearances]
        data["appearances_per_year"] = dict(self.detail.documents_per_year)
        data["page"] = self.paging.page
        data["turns"] = [
            {
                "doc_id": t.doc.id,
                "turn": t.turn,
                "permalink": f"{t.doc.id}#{t.anchor}",
                "role": t.role,
                "excerpt": t.text,
                "paragraphs": t.paragraphs,
            }
            for t in self.turns
        ]
        return data


def speaker(archive: Archive, person_id: str, paging: Paging) -> SpeakerView:
    """One page of a person's documents (`paging`), their turns in them, and charts of
    all of them: a speaker in tens of thousands of documents costs a page, not the lot."""
    detail = archive.speaker(person_id, limit=paging.size, offset=paging.offset)
    charts = [
        bar_chart("Documents per year", "documents", fill_years(detail.documents_per_year)),
        bar_chart("Words per year", "words", fill_years(dict(detail.words_per_year))),
    ]
    turns = speaker_turns(archive, detail.person, detail.appearances)
    return SpeakerView(detail, paging, turns, charts)


def speaker_turns(
    archive: Archive, person: PersonSummary, docs: list[DocumentSummary]
) -> list[TurnExcerpt]:
    """The person's turns in `docs`, matched by every spelling linked to them."""
    keys = {name_key(n) for n in [person.name, *person.names]}
    out = []
    for summary in docs:
        doc = archive.get(summary.id)
        mine = {s.id for s in doc.speakers if name_key(s.name) in keys}
        for turn in doc.turns:
            if turn.speaker in mine and turn.paragraphs:
                _, role = reader.speaker_of(doc, turn)
                out.append(
                    TurnExcerpt(
                        summary,
                        turn.index,
                        reader.anchor(turn.index, 0),
                        role,
                        _excerpt(turn.paragraphs[0]),
                        len(turn.paragraphs),
                    )
                )
    return out


def _excerpt(text: str) -> str:
    if len(text) <= TURN_EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, TURN_EXCERPT_CHARS)
    return text[: cut if cut > 0 else TURN_EXCERPT_CHARS] + "…"


def stats(archive: Archive, doc_id: str | None) -> Stats:
    return archive.stats(doc_id)
