"""Archive commands: ingest, reparse, diff, list, show, search, stats, speakers.

Each is a thin shell: parse the arguments, call one `Archive` method, print text for
people or JSON (`--format json`, the same `to_dict()` shapes as the web API).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from typing import Any

import click

from onrecord.archive import Archive, Filters
from onrecord.cli import archive_text as text
from onrecord.cli.batch import BATCH_FAILED_EXIT
from onrecord.cli.options import date_options, db_option, filter_options, format_option
from onrecord.cli.render import count, document_as_text, passage_as_text
from onrecord.errors import OverBudgetError, UncertainError
from onrecord.names import parse_permalink

F = Callable[..., Any]


def emit(fmt: str, value: Any, render: Callable[[Any], str]) -> None:
    if fmt == "json":
        data = value.to_dict() if hasattr(value, "to_dict") else value
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render(value))


def reader(db: str | None) -> Archive:
    return Archive.open(db, create=False)


@click.command("ingest")
@db_option
@click.option("--workers", type=click.IntRange(min=1), help="Parser processes (default: CPUs).")
@format_option()
@click.option("--no-enrich", is_flag=True, help="Skip enrichment (annotations) for speed.")
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse a document whose attribution is unsure (exit 17) instead of storing it.",
)
@click.option(
    "--dask",
    metavar="ADDRESS",
    callback=lambda _ctx, _param, value: _dask_address(value),
    help="Parse and enrich as Dask tasks: a scheduler (tcp://host:8786) or local:N workers.",
)
@click.argument("paths", nargs=-1, required=True)
def ingest_command(
    db: str | None,
    workers: int | None,
    fmt: str,
    no_enrich: bool,
    strict: bool,
    dask: str | None,
    paths: tuple[str, ...],
) -> None:
    """Store transcripts (files, folders, globs; text, HTML or JSONL records) in the archive.

    The same content again changes nothing; a changed transcript becomes a new revision.
    Safe to interrupt and run again.
    """
    from onrecord.cli.watch_cmd import after_ingest  # the watch commands import these

    with Archive.open(db) as archive:
        report = archive.ingest(
            paths,
            workers=workers,
            progress=sys.stderr.isatty(),
            enrich=not no_enrich,
            strict=strict,
            dask=dask,
        )
        after_ingest(archive)  # webhooks of watches: what this ingest brought
    _report(report, fmt, strict)


def _dask_address(value: str | None) -> str | None:
    if value is None:
        return None
    from onrecord.distributed import check_address  # dask loads only when it is used

    try:
        return check_address(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


def _report(report: Any, fmt: str, strict: bool = False) -> None:
    emit(fmt, report, text.ingest_report)
    for source, message in getattr(report, "uncertain", []):
        click.echo(f"onrecord: warning: {source}: {message}", err=True)
    for source, message in report.failed:
        message = message.removeprefix(f"{source}: ")  # errors name their file already
        click.echo(f"onrecord: failed: {source}: {message}", err=True)
    for source, reason in getattr(report, "skipped", []):
        click.echo(f"onrecord: skipped: {source}: {reason}", err=True)
    if report.failed:
        from onrecord.parse.attribution import UNSURE_PREFIX as UNSURE  # not at start-up

        only_unsure = strict and all(m.startswith(UNSURE) for _, m in report.failed)
        only_over_budget = report.over_budget == len(report.failed)
        stored = report.inserted + report.updated + report.unchanged
        if only_unsure and not stored:
            sys.exit(UncertainError.exit_code)
        if only_over_budget and not stored:
            sys.exit(OverBudgetError.exit_code)
        sys.exit(BATCH_FAILED_EXIT)


@click.command("reparse")
@db_option
@click.option("--workers", type=click.IntRange(min=1), help="Parser processes (default: CPUs).")
@format_option()
@click.option(
    "--stale", is_flag=True, help="Only documents read by an earlier version of their reader."
)
@click.argument("ids", nargs=-1)
def reparse_command(
    db: str | None, workers: int | None, fmt: str, stale: bool, ids: tuple[str, ...]
) -> None:
    """Parse the kept raw input again with the current parser (all documents, or IDS).

    Documents whose parse changed get a new revision.
    """
    with Archive.open(db, create=False) as archive:
        chosen = archive.stale_ids() if stale else (ids or None)
        report = archive.reparse(chosen, workers=workers, progress=sys.stderr.isatty())
    _report(report, fmt)


@click.command("reindex")
@db_option
def reindex_command(db: str | None) -> None:
    """Rebuild the search index beside the database (`<db>.index/`) from the database,
    and the sentence vectors of `ask` when the `dense` extra is installed.

    Never needed for correctness (every write keeps it in step, and a missing or stale
    index is rebuilt on the next search); useful after copying the database alone.
    """
    with Archive.open(db, create=False) as archive:
        started = time.perf_counter()
        documents = archive.rebuild_index()
    click.echo(f"indexed {count(documents, 'document')} in {time.perf_counter() - started:.1f} s")


@click.command("diff")
@db_option
@format_option()
@click.argument("doc_id")
@click.argument("a", type=int, required=False)
@click.argument("b", type=int, required=False)
@click.option("--words", is_flag=True, help="Turn by turn with the speaker, changed words marked.")
def diff_command(
    db: str | None, fmt: str, doc_id: str, a: int | None, b: int | None, words: bool
) -> None:
    """Show what changed between two revisions of a document (default: the last two).

    Text as a unified diff of lines; with --words, each changed turn with its speaker and
    the changed words marked [-removed-] {+added+}.
    """
    with reader(db) as archive:
        emit(fmt, archive.diff(doc_id, a, b), text.word_diff if words else text.diff)


@click.command("list")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option(
    "--quality", type=click.Choice(["low", "ok"]), help="Only documents of this quality (lint)."
)
@click.option(
    "--sort",
    type=click.Choice(["newest", "oldest"]),  # onrecord.archive.DOCUMENT_SORTS
    default="newest",
    show_default=True,
    help="By date (then id): newest or oldest first.",
)
@format_option()
def list_command(
    db: str | None,
    limit: int,
    offset: int,
    fmt: str,
    quality: str | None,
    sort: str,
    **filters: Any,
) -> None:
    """List documents, newest (or oldest) first: by date, then id."""
    with reader(db) as archive:
        if quality:
            from onrecord.lint import with_quality  # the quality report's grade

            page = with_quality(
                archive, quality, Filters(**filters), limit=limit, offset=offset, sort=sort
            )
        else:
            page = archive.list_documents(Filters(**filters), limit=limit, offset=offset, sort=sort)
        emit(fmt, page, text.documents)


@click.command("show")
@db_option
@click.option("--revision", type=click.IntRange(min=1), help="An earlier revision.")
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=0,
    help="With ID#t12-p3: also this many paragraphs of the turn either side.",
)
@format_option("text", "md", "json")
@click.argument("doc_id")
def show_command(db: str | None, revision: int | None, context: int, fmt: str, doc_id: str) -> None:
    """Show a document, or what a permalink names: ID#t12 (a turn), ID#t12-p3 (a paragraph),
    ID#p3 (the text before the first turn)."""
    anchor = doc_id.partition("#")[2]
    doc_id, turn, _paragraph = parse_permalink(doc_id)
    whole_turn = re.fullmatch(r"t(\d+)", anchor)  # ID#t12: a permalink names paragraphs
    turn = int(whole_turn.group(1)) if whole_turn else turn
    with reader(db) as archive:
        document = archive.get(doc_id, revision)
    if turn is not None and turn >= 0 and fmt == "text":
        click.echo(passage_as_text(document, anchor, context))
        return
    if turn is not None and turn >= 0:  # ID#t12-p3 as md or json: that turn
        document.turns = [t for t in document.turns if t.index == turn]
    elif turn is not None:  # ID#p3: the text before the first turn
        document.turns = []
    if fmt == "md":
        from onrecord.export.markdown import render

        click.echo(render(document))
    else:
        emit(fmt, document, document_as_text)


@click.command("search")
@db_option
@filter_options
@click.option("--doc", "doc_id", help="Only in this document.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--facets", is_flag=True, help="Also count matches by year, speaker and place.")
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    default="relevance",
    show_default=True,
    help="Best matches first, or by the transcript's date.",
)
@format_option()
@click.argument("query")
def search_command(
    db: str | None,
    limit: int,
    offset: int,
    facets: bool,
    sort: str,
    fmt: str,
    query: str,
    **filters: Any,
) -> None:
    """Find paragraphs: words, "a phrase", prefix*, OR, NOT word (or -word), (groups).

    A word also finds its other forms and spellings (militant: militants; defense:
    defence), and the transcripts whose title, lead, speaker or place has it."""
    with reader(db) as archive:
        result = archive.search(
            query, Filters(**filters), limit=limit, offset=offset, facets=facets, sort=sort
        )
    emit(fmt, result, text.search)


@click.command("ask")
@db_option
@click.option("--speaker", help="Only turns of this person (id or name).")
@date_options
@click.option("--limit", type=click.IntRange(min=1, max=100), default=5, show_default=True)
@format_option()
@click.argument("question")
def ask_command(db: str | None, limit: int, fmt: str, question: str, **filters: Any) -> None:
    """Answer a question in plain language with the turns that answer it best.

    QUESTION is asked as a person would ask it: `what did Putin say about Afghanistan
    in 2017?`. A person named in it and a year are preferred, not required; --speaker,
    --from and --to filter."""
    with reader(db) as archive:
        result = archive.ask(question, Filters(**filters), limit=limit)
    if result.notice and fmt != "json":
        click.echo(f"onrecord: {result.notice}", err=True)
    emit(fmt, result, text.ask)


@click.command("stats")
@db_option
@format_option()
@click.argument("doc_id", required=False)
def stats_command(db: str | None, fmt: str, doc_id: str | None) -> None:
    """Documents, turns, words and each speaker's share, for the corpus or one document."""
    with reader(db) as archive:
        emit(fmt, archive.stats(doc_id), text.stats)


@click.group("speakers", invoke_without_command=True)
@db_option
@click.option("--search", help="Only people whose name contains this.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many.")
@format_option()
@click.pass_context
def speakers_command(
    ctx: click.Context, db: str | None, search: str | None, limit: int | None, fmt: str
) -> None:
    """List the people of the archive with their dated roles and counts (most words first)."""
    if ctx.invoked_subcommand is not None:
        return
    with reader(db) as archive:
        people = archive.speakers(search, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in people], ensure_ascii=False, indent=2))
    else:
        click.echo(text.speakers(people))


def speakers_db(command: F) -> F:
    """`--db` of a `speakers` subcommand: without it, the group's (`speakers --db X show`),
    which falls back to $ONRECORD_DB and ./onrecord.db; the environment never overrides
    a --db given to the group."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        help="Database file (default: the one given to `speakers`, $ONRECORD_DB, ./onrecord.db).",
    )(command)


def _speakers_db(db: str | None) -> str | None:
    parent = click.get_current_context().parent
    return db or (parent.params.get("db") if parent is not None else None)


@speakers_command.command("show")
@speakers_db
@format_option()
@click.argument("person_id")
def speaker_show(db: str | None, fmt: str, person_id: str) -> None:
    """One person: roles with dates, words per year, documents."""
    with reader(_speakers_db(db)) as archive:
        emit(fmt, archive.speaker(person_id), text.speaker)


@speakers_command.command("merge")
@speakers_db
@format_option()
@click.argument("keep")
@click.argument("absorb")
def speaker_merge(db: str | None, fmt: str, keep: str, absorb: str) -> None:
    """Record that ABSORB is the same person as KEEP (kept across re-ingests)."""
    with reader(_speakers_db(db)) as archive:
        person = archive.merge_speakers(keep, absorb)
    emit(fmt, person, lambda p: f"merged {absorb} into {p.id}: {p.documents} documents")


@speakers_command.command("split")
@speakers_db
@format_option()
@click.option("--name", help="The spelling that belongs to somebody else.")
@click.option("--doc", "doc_ids", multiple=True, help="A document where it is somebody else.")
@click.option("--new-name", help="Name of the new person.")
@click.argument("person_id")
def speaker_split(
    db: str | None,
    fmt: str,
    name: str | None,
    doc_ids: tuple[str, ...],
    new_name: str | None,
    person_id: str,
) -> None:
    """Separate a person: one spelling (--name) or some documents (--doc) are somebody else."""
    with reader(_speakers_db(db)) as archive:
        person = archive.split_speaker(person_id, name=name, doc_ids=doc_ids, new_name=new_name)
    emit(fmt, person, lambda p: f"split {p.id} ({p.name}) from {person_id}")


commands: list[click.Command] = [
    ingest_command,
    reparse_command,
    reindex_command,
    diff_command,
    list_command,
    show_command,
    search_command,
    ask_command,
    stats_command,
    speakers_command,
]
