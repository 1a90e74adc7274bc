"""Export from the archive: which documents (filters, a search query, ids), and the manifest's
record of how they were chosen.

    from onrecord.archive import Archive
    from onrecord.export.selection import Selection, export_archive
    with Archive.open("onrecord.db", create=False, readonly=True) as archive:
        manifest = export_archive(archive, "tei", "out/tei", Selection(speaker="vladimir-putin"))

Documents are exported whole: a filter or query chooses documents, it does not cut turns
out of them, so that conversations keep their context.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from onrecord.archive import Archive, Filters
from onrecord.export import ExportOptions, Person, export
from onrecord.model import Document

SEARCH_PAGE = 500  # hits fetched per search call while collecting the matching documents


@dataclass(frozen=True)
class Selection:
    speaker: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    query: str | None = None  # the archive's search syntax; documents with a matching paragraph
    doc_ids: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["doc_ids"] = list(self.doc_ids)
        return {k: v for k, v in data.items() if v}


def select_documents(archive: Archive, selection: Selection) -> Iterator[Document]:
    """The chosen documents, streamed in the archive's order (date, id)."""
    matching = _query_matches(archive, selection.query, selection) if selection.query else None
    for filters in _filters(selection):
        for document in archive.iter_documents(filters):
            if matching is None or document.id in matching:
                yield document


def _filters(selection: Selection) -> list[Filters]:
    base = {
        "speaker": selection.speaker,
        "date_from": selection.date_from,
        "date_to": selection.date_to,
        "place": selection.place,
    }
    if not selection.doc_ids:
        return [Filters(**base)]
    return [Filters(**base, doc_id=doc_id) for doc_id in dict.fromkeys(selection.doc_ids)]


def _query_matches(archive: Archive, query: str, selection: Selection) -> set[str]:
    """Ids of the documents with a paragraph matching `query` (ids are filtered later)."""
    filters = _filters(Selection(**{**asdict(selection), "doc_ids": ()}))[0]
    found: set[str] = set()
    offset = 0
    while True:
        result = archive.search(query, filters, limit=SEARCH_PAGE, offset=offset)
        found.update(hit.doc_id for hit in result.hits)
        offset += SEARCH_PAGE
        if not result.hits or offset >= result.total:
            return found


def archive_people(archive: Archive) -> dict[str, Person]:
    """Corpus-level people from the archive's registry: names and roles with their dates."""
    return {p.id: Person.from_summary(p.to_dict()) for p in archive.speakers()}


def export_archive(
    archive: Archive,
    fmt: str,
    out: str | os.PathLike[str],
    selection: Selection | None = None,
    *,
    paragraphs: bool = False,
    bom: bool = False,
) -> dict[str, Any]:
    """Export the selected documents of `archive` as `fmt` to `out`; returns the manifest."""
    selection = selection or Selection()
    options = ExportOptions(
        paragraphs=paragraphs,
        bom=bom,
        people=archive_people(archive),
        query={**selection.to_dict(), "archive": str(archive.location)},
        content_hash=archive.content_hash(),
    )
    return export(select_documents(archive, selection), fmt, out, options)
