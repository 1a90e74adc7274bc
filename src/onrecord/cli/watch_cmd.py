"""`onrecord watch add|list|show|remove|run`: saved questions, thin shells over onrecord.watch."""

from __future__ import annotations

import os

import click

from onrecord import watch
from onrecord.archive import Archive
from onrecord.cli.archive_cmd import emit, reader
from onrecord.cli.options import db_option, filter_options, format_option
from onrecord.errors import DeliveryError
from onrecord.watch import DeliveryPolicy, RunReport, Watch, WatchSpec

BASE_URL_ENV = "ONRECORD_BASE_URL"


@click.group("watch")
def watch_group() -> None:
    """Saved questions with Atom feeds and webhooks: tell me when X says Y."""


def _watch_text(w: Watch) -> str:
    question = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in w.question.items())
    hook = f"\n  webhook: {w.webhook}" if w.webhook else ""
    return f"{w.id}  {w.name}\n  {question}\n  feed: {w.feed}{hook}"


@watch_group.command("add")
@db_option
@format_option()
@click.argument("query", required=False)
@filter_options
@click.option("--entity", help="Paragraphs that mention this entity (id, name or alias).")
@click.option("--figure", metavar="SUBJECT", help="New figures for SUBJECT from --speaker.")
@click.option("--webhook", metavar="URL", help="POST new matches to this http(s) URL.")
@click.option("--secret", help="Sign webhook bodies with this (default: made up, shown once).")
@click.option("--name", help="A name for the watch (default: its question).")
def add_command(db: str | None, fmt: str, query: str | None, **options: str | None) -> None:
    """Save a watch: QUERY (search syntax) and/or --speaker, --entity, --place, dates."""
    spec = WatchSpec(query=query, **options)
    with Archive.open(db, create=False) as archive:
        saved, secret = watch.add(archive, spec)
    if fmt == "json":
        emit(fmt, {**saved.to_dict(), "secret": secret}, str)
        return
    click.echo(f"watch {saved.id} saved: {saved.name}\n  feed: {saved.feed}")
    if secret:
        click.echo(f"  webhook: {saved.webhook}\n  secret (signs each body; shown once): {secret}")


@watch_group.command("list")
@db_option
@format_option()
def list_command(db: str | None, fmt: str) -> None:
    """The saved watches."""
    with reader(db) as archive:
        found = watch.watches(archive)
    if fmt == "json":
        emit(fmt, {"watches": [w.to_dict() for w in found]}, str)
    else:
        click.echo("\n".join(_watch_text(w) for w in found) or "no watches")


@watch_group.command("show")
@db_option
@format_option()
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.argument("watch_id")
def show_command(db: str | None, fmt: str, limit: int, watch_id: str) -> None:
    """A watch's newest matches (with permalinks) and its last deliveries."""
    with reader(db) as archive:
        saved = watch.get(archive, watch_id)
        found = list(reversed(watch.matches(archive, saved.spec(), newest=limit)))
        sent = watch.deliveries(archive, saved.id)
    if fmt == "json":
        emit(fmt, {**saved.to_dict(), "matches": [m.to_dict() for m in found],
                   "deliveries": [d.to_dict() for d in sent]}, str)  # fmt: skip
        return
    click.echo(_watch_text(saved))
    for m in found:
        click.echo(
            f"- {m.quote.date} {m.summary}\n  {m.quote.marked()}\n  {m.diff or m.quote.href}"
        )
    for d in sent:
        click.echo(f"delivery {d.at} {d.status} ({d.items} items, {d.attempts} attempts) {d.error}")


@watch_group.command("remove")
@db_option
@click.argument("watch_id")
def remove_command(db: str | None, watch_id: str) -> None:
    """Remove a watch and its delivery record."""
    with Archive.open(db, create=False) as archive:
        removed = watch.remove(archive, watch_id)
    click.echo(f"watch {removed.id} removed: {removed.name}")


@watch_group.command("run")
@db_option
@format_option()
@click.option("--attempts", type=click.IntRange(1, 10), default=4, show_default=True,
              help="Tries per webhook request.")  # fmt: skip
@click.option("--backoff", type=click.FloatRange(0, 60), default=1.0, show_default=True,
              help="Seconds before the second try; doubled before each next one.")  # fmt: skip
@click.option("--timeout", type=click.FloatRange(0.1, 120), default=10.0, show_default=True,
              help="Seconds to wait for a receiver's answer.")  # fmt: skip
@click.option("--base-url", envvar=BASE_URL_ENV, default="", metavar="URL",
              help="Where the archive is served: links in bodies made absolute.")  # fmt: skip
@click.argument("watch_id", required=False)
def run_command(
    db: str | None,
    fmt: str,
    attempts: int,
    backoff: float,
    timeout: float,
    base_url: str,
    watch_id: str | None,
) -> None:
    """Deliver what is new since each watch's last delivery (or WATCH_ID's): POST it to the
    watch's webhook, or print it. Exit 18 when a webhook still failed after its tries."""
    policy = DeliveryPolicy(attempts=attempts, backoff=backoff, timeout=timeout, base_url=base_url)
    with Archive.open(db, create=False) as archive:
        report = watch.run(archive, watch_id, policy=policy)
    emit(fmt, report, run_text)
    if report.failed:
        ids = ", ".join(str(r.watch.id) for r in report.failed)
        raise DeliveryError(f"webhook delivery failed for watch {ids}; the next run tries again")


def run_text(report: RunReport) -> str:
    lines = []
    for run in report.runs:
        w = run.watch
        lines.append(f"watch {w.id} ({w.name}): {len(run.matches)} new")
        if run.error:
            lines.append(f"  error: {run.error}")
        if not w.webhook:
            lines += [
                f"  - {m.quote.date} {m.summary}: {m.diff or m.quote.href}" for m in run.matches
            ]
        for d in run.deliveries:
            if w.webhook:
                code = f"HTTP {d.http_status}" if d.http_status else d.error
                lines.append(f"  {d.status}: {d.items} items, {d.attempts} attempts, {code}")
    return "\n".join(lines) or "no watches"


def after_ingest(archive: Archive) -> None:
    """Deliver the webhooks' new matches after an ingest; a failure is said, not fatal."""
    policy = DeliveryPolicy(base_url=os.environ.get(BASE_URL_ENV, ""))
    report = watch.run(archive, only_webhooks=True, policy=policy)
    for run in report.failed:
        why = run.error or "the receiver did not take it"
        click.echo(
            f"onrecord: warning: webhook of watch {run.watch.id} failed ({why});"
            " `onrecord watch run` tries again",
            err=True,
        )


commands: list[click.Command] = [watch_group]
