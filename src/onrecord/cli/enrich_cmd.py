"""Commands over enrichment: claims, entities, mentions, quote, enrich.

Thin shells: each opens the archive, gathers (document, annotations) pairs and calls one
function of `onrecord.enrich.reports` / `onrecord.enrich.quotes`. Documents stored without
annotations are annotated on the fly (nothing is written, except by `enrich`). The
whole-archive `entities` and `mentions` read the archive's entity index instead
(`onrecord.entities`): stored annotations only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import click

from onrecord import entities as entity_reports
from onrecord.archive import Archive, Filters
from onrecord.cli import enrich_text
from onrecord.cli.options import db_option, format_option
from onrecord.enrich import DEFAULT_PIPELINE, annotate
from onrecord.enrich.quotes import find_quote
from onrecord.enrich.reports import claims_report, entity_report
from onrecord.errors import NotFoundError, QueryError
from onrecord.model import Annotation, Document

F = Callable[..., Any]


def _common(command: F) -> F:
    return db_option(format_option()(command))


def _emit(fmt: str, report: dict[str, Any], text: Callable[[dict[str, Any]], str]) -> None:
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if fmt == "json" else text(report))


def _items(
    archive: Archive, documents: Iterator[Document]
) -> Iterator[tuple[Document, list[Annotation]]]:
    for document in documents:
        yield document, archive.annotations(document.id) or annotate(document)


def _documents(archive: Archive, doc_id: str | None, speaker: str | None) -> Iterator[Document]:
    if doc_id:
        yield archive.get(doc_id)
    else:
        yield from archive.iter_documents(Filters(speaker=speaker) if speaker else None)


@click.command("claims")
@click.argument("doc_id", required=False)
@click.option("--speaker", help="Claims by this person (id or part of the name), over time.")
@click.option("--about", help="Only claims about this entity or subject (CSTO, Afghan border).")
@_common
def claims(
    doc_id: str | None, speaker: str | None, about: str | None, fmt: str, db: str | None
) -> None:
    """Check-worthy statements with their figures, and the figures that disagree."""
    if not doc_id and not speaker:
        raise QueryError("give a document ID or --speaker NAME")
    with Archive.open(db, create=False) as archive:
        report = claims_report(
            _items(archive, _documents(archive, doc_id, speaker)), speaker=speaker, about=about
        )
    _emit(fmt, report, enrich_text.claims_text)


@click.command("entities")
@click.option("--doc", "doc_id", help="Only this document.")
@click.option("--speaker", "by_speaker", is_flag=True, help="Count who mentions each entity.")
@_common
def entities(doc_id: str | None, by_speaker: bool, fmt: str, db: str | None) -> None:
    """People, organisations, places and events mentioned, linked to the gazetteer."""
    with Archive.open(db, create=False) as archive:
        if doc_id or by_speaker:  # who mentions them is read from the documents
            report = entity_report(
                _items(archive, _documents(archive, doc_id, None)), by_speaker=by_speaker
            )
        else:
            report = {"entities": entity_reports.listing(archive).items}
    _emit(fmt, report, enrich_text.entities_text)


@click.command("mentions")
@click.argument("entity")
@_common
def mentions(entity: str, fmt: str, db: str | None) -> None:
    """Every mention of ENTITY (id, name or alias: CSTO, "the US"), by year, with co-mentions."""
    with Archive.open(db, create=False) as archive:
        report = entity_reports.report_or_none(archive, entity)
    if report is None:
        raise NotFoundError(f"no such entity: {entity[:60]!r} (not in the gazetteer, never named)")
    _emit(fmt, report.to_dict(), enrich_text.mentions_text)


@click.command("quote")
@click.argument("text")
@click.option("--speaker", help="Said by this person (id or part of the name).")
@_common
def quote(text: str, speaker: str | None, fmt: str, db: str | None) -> None:
    """Did they say this? The closest passage, exact or near with the differences shown."""
    with Archive.open(db, create=False) as archive:
        result = find_quote(_documents(archive, None, speaker), text, speaker=speaker)
    _emit(fmt, result, enrich_text.quote_text)


@click.command("enrich")
@click.argument("doc_ids", nargs=-1)
@click.option(
    "--statistical",
    is_flag=True,
    help="Add spaCy's NER where the rules find no entity (needs spaCy and an English model).",
)
@db_option
def enrich(doc_ids: tuple[str, ...], statistical: bool, db: str | None) -> None:
    """Run the enrichers again on stored documents (all, or DOC_IDS) and store the result."""
    names = list(DEFAULT_PIPELINE)
    if statistical:
        from onrecord.enrich import statistical as fallback

        fallback.register()
        names[names.index("entities.v1")] = fallback.ENTITIES_SPACY
    with Archive.open(db, create=False) as archive:
        ids = list(doc_ids) or list(_all_ids(archive))
        for doc_id in ids:
            archive.put_annotations(doc_id, annotate(archive.get(doc_id), names))
    click.echo(f"enriched {len(ids)} documents")


def _all_ids(archive: Archive, page_size: int = 500) -> Iterator[str]:
    offset = 0
    while True:
        page = archive.list_documents(limit=page_size, offset=offset)
        yield from (item.id for item in page.items)
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


commands: list[click.Command] = [claims, entities, mentions, quote, enrich]
