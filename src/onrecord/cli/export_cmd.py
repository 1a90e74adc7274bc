"""`onrecord export`: the archive's documents in the formats researchers' tools read."""

from __future__ import annotations

from pathlib import Path

import click

from onrecord.archive import Archive
from onrecord.cli.options import db_option, filter_options
from onrecord.cli.render import count
from onrecord.export import EXPORTERS
from onrecord.export.manifest import manifest_path
from onrecord.export.selection import Selection, export_archive


@click.command("export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(sorted(EXPORTERS)),
    help="json/jsonl: records; csv/parquet: a row per turn; markdown; tei: a directory of "
    "Parla-CLARIN TEI; convokit: a ConvoKit corpus directory.",
)
@click.option(
    "--out", required=True, type=click.Path(), help="File to write (tei, convokit: a directory)."
)
@filter_options
@click.option("--query", help="Only documents with a paragraph matching this search.")
@click.option("--doc", "doc_ids", multiple=True, help="Only this document id (repeatable).")
@click.option("--paragraphs", is_flag=True, help="csv, parquet: also a table of paragraphs.")
@click.option("--bom", is_flag=True, help="csv: start with a UTF-8 byte order mark.")
@db_option
def export_command(
    fmt: str,
    out: str,
    speaker: str | None,
    date_from: str | None,
    date_to: str | None,
    place: str | None,
    query: str | None,
    doc_ids: tuple[str, ...],
    paragraphs: bool,
    bom: bool,
    db: str | None,
) -> None:
    """Export documents from the archive, with a manifest beside them for reproducibility.

    Filters choose whole documents. The manifest (FILE.manifest.json, or manifest.json in
    the tei/convokit directory) records the filters, the archive's content hash, the
    onrecord version, the time and the ids exported.
    """
    selection = Selection(
        speaker=speaker,
        date_from=date_from,
        date_to=date_to,
        place=place,
        query=query,
        doc_ids=doc_ids,
    )
    with Archive.open(db, create=False) as archive:
        manifest = export_archive(archive, fmt, out, selection, paragraphs=paragraphs, bom=bom)
    target = EXPORTERS[fmt].target
    click.echo(
        f"exported {count(manifest['documents'], 'document')} as {fmt} to {out} "
        f"(manifest: {manifest_path(Path(out), target)})"
    )


commands: list[click.Command] = [export_command]
