"""`onrecord parse`: print the structure of saved transcripts."""

from __future__ import annotations

import json
import sys

import click

from onrecord import budget, readers
from onrecord.cli.batch import BatchReport, run_batch
from onrecord.cli.render import document_as_text
from onrecord.errors import UncertainError
from onrecord.model import Document
from onrecord.parse import attribution
from onrecord.store.documents import text_hash


@click.command("parse")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text"]),
    default="json",
    show_default=True,
    help="json: pretty records; jsonl: one per line; text: for reading.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="A document whose attribution is unsure is an error (exit 17), not printed.",
)
@click.argument("paths", nargs=-1, required=True)
def parse_command(fmt: str, strict: bool, paths: tuple[str, ...]) -> None:
    """Recover who said what, when and where from saved transcripts.

    Reads saved pages (text, HTML, Markdown, MHTML; any site), PDF and Word documents,
    subtitles (WebVTT, SRT), speech-to-text JSON, ConvoKit and TEI corpora, and onrecord's
    own JSON/JSONL.

    PATHS are files, folders or globs. Bad files are reported one line each on stderr and
    the rest are still parsed. A document whose attribution is unsure (lines that look like
    speaker labels kept as text, turns without a speaker) is printed with a warning on stderr,
    or refused with --strict.
    """
    report = BatchReport()
    found = list(readers.expand(paths))
    inputs = {item.path: item for item in found if not item.skipped}
    skipped = [item for item in found if item.skipped]
    as_array = fmt == "json" and (len(inputs) > 1 or any(i.corpus for i in inputs.values()))
    if as_array:
        click.echo("[")
    first = True
    claims = readers.IdClaims()
    unsure = 0
    for source, read in run_batch(inputs, lambda path: _read_in_budget(inputs[path]), report):
        documents = read.documents
        refused = 0
        for document in documents:
            reason = attribution.uncertain(document)
            if reason and strict:
                report.failed.append((source, UncertainError(reason, source=source)))
                refused += 1
                continue
            if reason:
                click.echo(f"onrecord: warning: {source}: {reason}", err=True)
                unsure += 1
            by_stem = document.id in read.by_stem
            document.id = claims.claim(document, by_stem, text_hash(document))
            _emit(document, fmt, first)
            first = False
        if documents and refused == len(documents):
            report.done -= 1  # nothing of this file was given out
    if as_array:
        click.echo("]")
    elif fmt == "json" and report.done:
        click.echo()
    for _source, err in report.failed:
        click.echo(f"onrecord: error: {err}", err=True)
    for item in skipped:
        click.echo(f"onrecord: skipped: {item.path}: {item.skipped}", err=True)
    if (report.failed or unsure or skipped) and report.done + len(report.failed) + len(skipped) > 1:
        uncertain = f"{unsure} uncertain, " if unsure else ""
        counts = f"{report.done} parsed, {uncertain}{len(report.failed)} failed"
        counts += f", {len(skipped)} skipped" if skipped else ""
        click.echo(f"onrecord: {counts}", err=True)
    sys.exit(report.exit_code)


def _read_in_budget(item: readers.Input) -> readers.Read:
    """One input's documents, within the time budget of a file (exit 18 past it)."""
    try:
        with budget.time_budget(budget.FILE_SECONDS, item.path):
            return readers.read_input(item)
    except MemoryError:
        raise budget.over_memory(item.path) from None


def _emit(document: Document, fmt: str, first: bool) -> None:
    if fmt == "jsonl":
        click.echo(json.dumps(document.to_dict(), ensure_ascii=False))
    elif fmt == "text":
        click.echo(("" if first else "\n" + "=" * 72 + "\n") + document_as_text(document))
    else:
        body = json.dumps(document.to_dict(), ensure_ascii=False, indent=2)
        click.echo(body if first else ",\n" + body, nl=False)


commands = [parse_command]
