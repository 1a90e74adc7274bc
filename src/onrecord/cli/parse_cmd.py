"""`onrecord parse`: print the structure of saved transcripts."""

from __future__ import annotations

import json
import sys

import click

from onrecord import budget
from onrecord.batch import BatchReport, run_batch
from onrecord.errors import UncertainError
from onrecord.model import Document
from onrecord.parse import attribution
from onrecord.readers import read_documents
from onrecord.render import document_as_text
from onrecord.sources import expand_paths


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
    files = list(expand_paths(paths))
    as_array = fmt == "json" and len(files) > 1
    if as_array:
        click.echo("[")
    first = True
    unsure = 0
    for source, documents in run_batch(files, _read_in_budget, report):
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
    if (report.failed or unsure) and report.done + len(report.failed) > 1:
        uncertain = f"{unsure} uncertain, " if unsure else ""
        counts = f"{report.done} parsed, {uncertain}{len(report.failed)} failed"
        click.echo(f"onrecord: {counts}", err=True)
    sys.exit(report.exit_code)


def _read_in_budget(path: str) -> list[Document]:
    """One file's documents, within the time budget of a file (exit 18 past it)."""
    try:
        with budget.time_budget(budget.FILE_SECONDS, path):
            return read_documents(path)
    except MemoryError:
        raise budget.over_memory(path) from None


def _emit(document: Document, fmt: str, first: bool) -> None:
    if fmt == "jsonl":
        click.echo(json.dumps(document.to_dict(), ensure_ascii=False))
    elif fmt == "text":
        click.echo(("" if first else "\n" + "=" * 72 + "\n") + document_as_text(document))
    else:
        body = json.dumps(document.to_dict(), ensure_ascii=False, indent=2)
        click.echo(body if first else ",\n" + body, nl=False)


commands = [parse_command]
