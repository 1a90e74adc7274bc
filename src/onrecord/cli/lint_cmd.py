"""`onrecord lint ID|PATH`: a publisher's quality report of one transcript."""

from __future__ import annotations

import os
from pathlib import Path

import click

from onrecord.archive import Archive
from onrecord.cli.archive_cmd import emit
from onrecord.cli.options import db_option, format_option
from onrecord.errors import NotFoundError
from onrecord.lint import RULES, LintReport, lint_archived, lint_document, pick_rules
from onrecord.model import Document
from onrecord.parse import parse_file
from onrecord.store.backend import is_url
from onrecord.store.sqlite import resolve_path


@click.command("lint")
@db_option
@format_option()
@click.option(
    "--rules",
    metavar="RULE,...",
    help=f"Only these rules (with or without their version): {', '.join(RULES)}.",
)
@click.argument("target", metavar="ID|PATH")
def lint_command(db: str | None, fmt: str, rules: str | None, target: str) -> None:
    """Typos, glued words, agreement slips, unbalanced brackets and quotes, doubled words,
    speaker labels and roles written two ways, missing metadata and the parse's warnings,
    each with its permalink, offsets, text and suggested fix.

    PATH is a saved page (parsed, not stored); ID a document of the archive. The archive
    (when there is one) lends its names and words, so that names are not flagged."""
    chosen = pick_rules(rules.split(",")) if rules else None
    archive = _archive(db)
    try:
        document = _document(archive, target)
        if archive is None:
            report = lint_document(document, rules=chosen)
        else:
            report = lint_archived(archive, document, chosen)
    finally:
        if archive is not None:
            archive.close()
    emit(fmt, report, report_text)


def _archive(db: str | None) -> Archive | None:
    path = resolve_path(db)
    if path != ":memory:" and not is_url(path) and not os.path.exists(path):
        return None
    return Archive.open(path, create=False, readonly=True)


def _document(archive: Archive | None, target: str) -> Document:
    if Path(target).exists():
        return parse_file(target)
    if archive is None:
        raise NotFoundError("no such file, and no archive to find a document of that id in",
                            source=target)  # fmt: skip
    return archive.get(target)


def report_text(report: LintReport) -> str:
    lines = [
        f"{report.doc_id}: {report.title or '(no title)'}",
        f"quality {report.quality}: {report.turns} turns, "
        f"{report.unknown_speaker_share:.0%} with an unknown speaker, "
        f"{report.warnings} parse warnings"
        + (f", no {', '.join(report.missing)}" if report.missing else ""),
    ]
    for f in report.findings:
        where = f"{f.permalink}" + (f":{f.start}-{f.end}" if f.start is not None else "")
        fix = f" -> {f.suggestion!r}" if f.suggestion is not None else ""
        text = f" {f.text!r}{fix}:" if f.text else ""
        lines.append(f"{where} [{f.rule}]{text} {f.message}")
    lines.append(f"{len(report.findings)} findings")
    return "\n".join(lines)


commands: list[click.Command] = [lint_command]
