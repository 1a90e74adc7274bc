"""The documents' side of the site: one function per page, shared by HTML and JSON.

Each function returns a view object; the HTML route renders it with a template and the
API route returns `view.to_dict()`. No SQL and no HTML here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from onrecord.archive import (
    DOCUMENT_SORTS,
    Archive,
    DocumentDiff,
    DocumentSummary,
    Filters,
    PersonSummary,
    ResultPage,
    RevisionInfo,
    Stats,
)
from onrecord.lint import quality_of, with_quality
from onrecord.model import Annotation, Document
from onrecord.store import backend
from onrecord.web import figures as figures_mod
from onrecord.web import reader
from onrecord.web.cite import Citation, cite
from onrecord.web.query import Paging

RECENT = 10
TOP_FACETS = 12
TOP_SPEAKERS = 50  # in the search form's menu; any other speaker can be typed in the URL


@dataclass(frozen=True)
class Count:
    value: str
    count: int


@dataclass
class HomeView:
    stats: Stats
    recent: list[DocumentSummary]
    years: list[Count]
    places: list[Count]
    speakers: list[PersonSummary]

    def to_dict(self) -> dict[str, Any]:
        stats = self.stats.to_dict()
        stats.pop("by_speaker", None)
        return {
            "stats": stats,
            "recent": [reader.summary_dict(d) for d in self.recent],
            "facets": {
                "year": [{"value": c.value, "count": c.count} for c in self.years],
                "place": [{"value": c.value, "count": c.count} for c in self.places],
                "speaker": [
                    {"value": p.id, "name": p.name, "count": p.documents} for p in self.speakers
                ],
            },
        }


class FacetCache:
    """Corpus-wide counts and speaker names, recounted when the archive file changes."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._version: tuple[int, ...] | None = None
        self._facets: tuple[list[Count], list[Count]] = ([], [])
        self._names: dict[str, str] = {}
        self._top: list[PersonSummary] = []
        self._menu = ""
        self._lock = threading.Lock()

    def expire(self) -> None:
        self._version = None

    def _refresh(self, archive: Archive) -> None:
        version = backend.write_mark(self.db_path)
        if version == self._version:
            return
        with self._lock:
            facets = corpus_facets(archive)
            people = archive.speakers()
            self._facets = facets
            self._names = {p.id: p.name for p in people}
            self._top = people[:TOP_SPEAKERS]
            self._menu = "".join(
                f'<option value="{escape(p.id)}">{escape(p.name)}</option>' for p in self._top
            )
            self._version = version

    def get(self, archive: Archive) -> tuple[list[Count], list[Count]]:
        self._refresh(archive)
        return self._facets

    def top_speakers(self, archive: Archive) -> list[PersonSummary]:
        """The speakers with the most words, for the search form's speaker menu."""
        self._refresh(archive)
        return self._top

    def speaker_menu(self, archive: Archive, selected: str | None) -> Markup:
        """The `<option>`s of the search form's speaker menu, `selected` marked (added at
        the end when it is not among the top speakers): rendered once per archive version
        rather than escaped option by option on every search page."""
        self._refresh(archive)
        menu = self._menu
        if not selected:
            return Markup(menu)
        value = escape(selected)
        option = f'<option value="{value}">'
        if option in menu:
            return Markup(menu.replace(option, f'<option value="{value}" selected>', 1))
        name = escape(self._names.get(selected, selected))
        return Markup(f'{menu}<option value="{value}" selected>{name}</option>')

    def names(self, archive: Archive) -> dict[str, str]:
        """Person id -> name, for facets that count by id."""
        self._refresh(archive)
        return self._names


def corpus_facets(archive: Archive) -> tuple[list[Count], list[Count]]:
    """Documents per year and the commonest places, counted by the database (one pass
    over the documents' table, not a walk through every page of the list)."""
    years, places = archive.document_facets(TOP_FACETS)
    return [Count(y, n) for y, n in years], [Count(p, n) for p, n in places]


def home(archive: Archive, facets: FacetCache) -> HomeView:
    years, places = facets.get(archive)
    return HomeView(
        stats=archive.stats(),
        recent=archive.list_documents(limit=RECENT).items,
        years=years,
        places=places,
        speakers=archive.speakers(limit=TOP_FACETS),
    )


@dataclass
class DocumentsView:
    page: ResultPage
    filters: Filters
    paging: Paging
    sort: str = DOCUMENT_SORTS[0]

    def to_dict(self) -> dict[str, Any]:
        data = self.page.to_dict()
        data["items"] = [reader.summary_dict(d) for d in self.page.items]
        data["filters"] = _filters_dict(self.filters)
        data["sort"] = self.sort
        return data


def documents(
    archive: Archive,
    filters: Filters,
    paging: Paging,
    quality: str | None = None,
    sort: str = DOCUMENT_SORTS[0],
) -> DocumentsView:
    """A page of the documents, by date (`sort`: newest or oldest first)."""
    size, offset = paging.size, paging.offset
    if quality:  # the quality report's grade (onrecord.lint): low or ok
        page = with_quality(archive, quality, filters, limit=size, offset=offset, sort=sort)
    else:
        page = archive.list_documents(filters, limit=size, offset=offset, sort=sort)
    return DocumentsView(page, filters, paging, sort)


@dataclass
class DocumentView:
    document: Document
    revision: int
    revisions: list[RevisionInfo]
    blocks: list[reader.ReaderUnit] = field(default_factory=list)
    legend: list[reader.LegendEntry] = field(default_factory=list)
    licence: dict[str, str] | None = None
    figures: figures_mod.Figures = field(default_factory=figures_mod.Figures)
    # The documents just before and after this one by date (then id): the reader's
    # previous and next links.
    previous: DocumentSummary | None = None
    next: DocumentSummary | None = None

    @property
    def preamble(self) -> list[str]:
        """The text before the first turn (all of a news item), spaced as the turns are."""
        return [reader.readable(p) for p in self.document.preamble]

    @property
    def current(self) -> bool:
        return self.revision == self.revisions[-1].revision if self.revisions else True

    @property
    def quality(self) -> dict[str, Any]:
        """The badge figures of the quality report (no rule run: the Quality tab has those)."""
        figures = quality_of(self.document).to_dict()
        keep = ("quality", "turns", "unknown_speaker_share", "warnings", "missing")
        return {k: figures[k] for k in keep}

    def to_dict(self) -> dict[str, Any]:
        data = reader.public_dict(self.document)
        pairs = [[b.turns[0].index, b.turns[1].index] for b in self.blocks if b.kind == "qa"]
        data.update(
            revision=self.revision,
            revisions=len(self.revisions),
            current=self.current,
            attribution=self.licence,
            qa_pairs=pairs,
            claims=[c.to_dict() for c in self.figures.claims],
            inconsistencies=[i.to_dict() for i in self.figures.inconsistencies],
            restatements=[i.to_dict() for i in self.figures.restatements],
            quality=self.quality,
            previous=self.previous.id if self.previous else None,
            next=self.next.id if self.next else None,
        )
        return data


def document(archive: Archive, doc_id: str, revision: int | None = None) -> DocumentView:
    doc = archive.get(doc_id, revision)
    history = archive.revisions(doc_id)
    number = revision or next((r.revision for r in history if r.current), len(history))
    # Stored annotations are of the current revision: an older one is shown without them.
    current = not history or number == history[-1].revision
    previous, following = archive.neighbours(doc_id)
    return DocumentView(
        document=doc,
        revision=number,
        revisions=history,
        blocks=reader.pair_questions(reader.turn_views(doc), reader.interviewers(doc)),
        legend=reader.legend(doc),
        licence=reader.licence(doc),
        figures=(
            figures_mod.build(doc, reader_annotations(archive, doc_id))
            if current
            else figures_mod.Figures()
        ),
        previous=previous,
        next=following,
    )


def reader_annotations(archive: Archive, doc_id: str) -> list[Annotation]:
    """Only the kinds the reader shows: sentences and entities (most of the rows of a long
    transcript) are not read, nor their JSON decoded, on every page view."""
    return archive.annotations(doc_id, figures_mod.KINDS)


@dataclass
class RevisionsView:
    doc_id: str
    title: str
    revisions: list[RevisionInfo]

    def to_dict(self) -> dict[str, Any]:
        items = [{**r.to_dict(), "source": reader.public_source(r.source)} for r in self.revisions]
        return {"doc_id": self.doc_id, "title": self.title, "revisions": items}


def revisions(archive: Archive, doc_id: str) -> RevisionsView:
    doc = archive.get(doc_id)
    return RevisionsView(doc_id, doc.title, archive.revisions(doc_id))


@dataclass
class DiffView:
    title: str
    diff: DocumentDiff

    def to_dict(self) -> dict[str, Any]:
        return self.diff.to_dict()


def diff(archive: Archive, doc_id: str, a: int | None, b: int | None) -> DiffView:
    doc = archive.get(doc_id)
    return DiffView(doc.title, archive.diff(doc_id, a, b))


@dataclass
class CiteView:
    citation: Citation
    title: str

    def to_dict(self) -> dict[str, Any]:
        return self.citation.to_dict()


def citation(archive: Archive, doc_id: str, p: str, base_url: str) -> CiteView:
    turn, paragraph = reader.parse_anchor(p)
    doc = archive.get(doc_id)
    return CiteView(cite(doc, turn, paragraph, base_url), doc.title)


def _filters_dict(filters: Filters) -> dict[str, str | None]:
    return {
        "speaker": filters.speaker,
        "from": filters.date_from,
        "to": filters.date_to,
        "place": filters.place,
    }
