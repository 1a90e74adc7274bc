"""Text renderings of archive results for a terminal: aligned columns, colour when it is one.

`click.echo` drops the colour codes when the output is not a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from onrecord.archive import (
    AskResult,
    DocumentDiff,
    IngestReport,
    PersonDetail,
    PersonSummary,
    ResultPage,
    SearchResult,
    Stats,
)
from onrecord.cli.render import count

TITLE_WIDTH = 60


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int]) -> str:
    """Columns padded to their widest cell; numbers right-aligned."""
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        parts = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        line = "  ".join(parts).rstrip()
        lines.append(click.style(line, bold=True) if n == 0 else line)
    return "\n".join(lines)


def clip(text: str, width: int = TITLE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def ingest_report(report: IngestReport) -> str:
    megabytes = report.bytes / 1_000_000
    line = (
        f"inserted {report.inserted}, updated {report.updated}, "
        f"unchanged {report.unchanged}, failed {len(report.failed)}"
        f"{f', uncertain {len(report.uncertain)}' if report.uncertain else ''}, "
        f"skipped {len(report.skipped)} "
        f"({report.seconds:.1f} s, {megabytes:.1f} MB)"
    )
    return click.style(line, fg="red" if report.failed else "green")


def documents(page: ResultPage) -> str:
    rows = [(d.id, d.date, d.turns, d.words, d.revisions, clip(d.title)) for d in page.items]
    shown = f"{page.offset + 1}-{page.offset + len(page.items)}" if page.items else "none"
    body = table(("id", "date", "turns", "words", "rev", "title"), rows, {2, 3, 4})
    return f"{body}\n{shown} of {count(page.total, 'document')}"


def _highlighted(snippet: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        out += [snippet[pos:start], click.style(snippet[start:end], fg="yellow", bold=True)]
        pos = end
    return "".join(out) + snippet[pos:]


def search(result: SearchResult) -> str:
    lines = [f"{count(result.total, 'matching paragraph')} for {result.query!r}"]
    if result.relaxed:
        verb = "has" if result.total == 1 else "have"
        lines[0] = (
            f"No paragraph has all the words of {result.query!r}; {result.total} {verb}"
            " some of them"
        )
    if result.did_you_mean:
        lines.append(f"Did you mean: {result.did_you_mean}")
    for n, hit in enumerate(result.hits, result.offset + 1):
        who = hit.speaker + (f" ({clip(hit.role, 50)})" if hit.role else "")
        lines.append("")
        lines.append(f"{n:>3}. {click.style(hit.permalink, fg='cyan')}  {hit.date}  {who}")
        lines.append(f"     {clip(hit.title, 80)}")
        lines.append("     " + _highlighted(hit.snippet, hit.highlights))
    for name, facets in result.facets.items():
        if not facets:
            continue
        values = ", ".join(f"{f.value} {f.count}" for f in facets[:10])
        lines.append(f"\n{name}: {values}")
    return "\n".join(lines)


def ask(result: AskResult) -> str:
    if not result.hits:
        return f"No answer found for {result.question!r}: try other words, or `onrecord search`."
    clues = result.clues
    looking = "Looking for " + ", ".join(clues.words)
    if clues.people:
        looking += "; said by " + " or ".join(clues.people) + " first"
    if clues.years:
        looking += "; from " + " or ".join(map(str, clues.years)) + " first"
    lines = [looking + ".", ""]
    for n, hit in enumerate(result.hits, 1):
        who = (hit.speaker or "Unknown speaker") + (f" ({clip(hit.role, 50)})" if hit.role else "")
        lines.append(f"{n:>3}. {click.style(hit.permalink, fg='cyan')}  {hit.date}  {who}")
        lines.append(f"     {clip(hit.title, 80)}")
        start, end = hit.answer_span
        inside = [(a - start, b - start) for a, b in hit.highlights if a >= start and b <= end]
        lines.append("     " + _highlighted(hit.text[start:end].strip(), inside))
        lines.append("")
    return "\n".join(lines).rstrip()


def stats(data: Stats, limit: int = 20) -> str:
    scope = f"document {data.doc_id}" if data.doc_id else "corpus"
    dates = f"{data.date_from} to {data.date_to}" if data.date_from else "undated"
    head = (
        f"{scope}: {count(data.documents, 'document')} ({count(data.revisions, 'revision')}),"
        f" {count(data.turns, 'turn')}, {count(data.paragraphs, 'paragraph')},"
        f" {count(data.words, 'word')}, {count(data.speakers, 'speaker')}; {dates}"
    )
    rows = [
        (s.person_id or "-", clip(s.name, 40), s.documents, s.turns, s.words, f"{s.share:.1%}")
        for s in data.by_speaker[:limit]
    ]
    more = len(data.by_speaker) - limit
    tail = f"\n... and {more} more" if more > 0 else ""
    headers = ("id", "speaker", "docs", "turns", "words", "share")
    return head + "\n\n" + table(headers, rows, {2, 3, 4, 5}) + tail


def _roles(person: PersonSummary) -> str:
    return "; ".join(f"{r.role} ({r.first[:4]}-{r.last[:4]})" for r in person.roles)


def speakers(people: list[PersonSummary]) -> str:
    rows = [
        (p.id, clip(p.name, 30), p.documents, p.turns, p.words, clip(_roles(p), 70)) for p in people
    ]
    body = table(("id", "name", "docs", "turns", "words", "roles"), rows, {2, 3, 4})
    return f"{body}\n{count(len(people), 'speaker')}"


def speaker(detail: PersonDetail) -> str:
    p = detail.person
    lines = [click.style(f"{p.name} ({p.id})", bold=True)]
    lines.append(
        f"{count(p.documents, 'document')}, {count(p.turns, 'turn')}, {count(p.words, 'word')}"
    )
    if len(p.names) > 1:
        lines.append("spellings: " + "; ".join(p.names))
    for role in p.roles:
        lines.append(f"  {role.role}: {role.first} to {role.last}, {role.documents} documents")
    years = ", ".join(f"{y} {w}" for y, w in detail.words_per_year.items())
    lines.append(f"words per year: {years}")
    rows = [(d.id, d.date, clip(d.title)) for d in detail.appearances]
    return "\n".join(lines) + "\n\n" + table(("id", "date", "title"), rows, set())


def word_diff(result: DocumentDiff) -> str:
    """Turn by turn with the speaker; removed words as [-old-], added as {+new+} (as
    `wdiff`), in red and green on a terminal."""
    if result.identical:
        return f"{result.doc_id}: revisions {result.a} and {result.b} are identical"
    lines = [click.style(f"{result.doc_id}: revision {result.a} -> {result.b}", bold=True)]
    for change in result.changes:
        lines.append(f"{change.field}: {change.old!r} -> {change.new!r}")
    for turn in result.turns:
        where = f"t{turn.new}" if turn.new is not None else f"t{turn.old} (revision {result.a})"
        lines += ["", click.style(f"{where} {turn.speaker}: {turn.status}", fg="cyan")]
        words = []
        for op, text in turn.segments:
            if op == "-":
                words.append(click.style(f"[-{text}-]", fg="red"))
            elif op == "+":
                words.append(click.style(f"{{+{text}+}}", fg="green"))
            else:
                words.append(text)
        lines.append("".join(words))
    return "\n".join(lines)


def diff(result: DocumentDiff) -> str:
    if result.identical:
        return f"{result.doc_id}: revisions {result.a} and {result.b} are identical"
    lines = [click.style(f"{result.doc_id}: revision {result.a} -> {result.b}", bold=True)]
    if result.restores is not None:
        lines.append(f"revision {result.b} restores revision {result.restores}")
    for change in result.changes:
        lines.append(f"{change.field}: {change.old!r} -> {change.new!r}")
    colours = {"+": "green", "-": "red", "@": "cyan"}
    for line in result.text_diff:
        lines.append(click.style(line, fg=colours.get(line[:1])))
    return "\n".join(lines)
