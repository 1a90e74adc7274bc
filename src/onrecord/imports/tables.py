"""A transcript as a table: one row an utterance, a column for who and one for what.

    Time,Speaker,Text                          (CSV or TSV, as spreadsheets, Descript,
    00:00:04,"Maya, Host",Welcome back.         Happy Scribe and hand-made files give it)

    | Time | Speaker | Transcript |             (a Markdown pipe table, as a page copied
    |---|---|---|                                to Markdown or a wiki gives it)
    | 00:00:04 | Maya, Host | Welcome back. |

The header names the columns (`onrecord.parse.columns`: speaker, text, time, any case); a
table without a speaker and a text column is not this format. Rows of the same speaker in a
row are one turn, a paragraph each; a row without a speaker is narration. Speakers are
resolved as the text parser resolves labels (`Maya, Host`: person Maya, role Host). A `#`
heading of a Markdown file above the table is its title.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import PurePath
from typing import TYPE_CHECKING

from onrecord.errors import InputError
from onrecord.imports.base import FileReader, decoded, parser_info
from onrecord.model import Document, Turn

if TYPE_CHECKING:
    from onrecord.parse.columns import Columns

DELIMITERS = (",", "\t", ";")
SNIFF_CHARS = 4096
_PIPE_ROW = re.compile(r"^[ \t]*\|(?P<cells>.*)\|[ \t]*$")
_PIPE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$")
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>\S.*?)[ \t#]*$")
_CLOCK = re.compile(r"^(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{1,2}(?:[.,]\d+)?)$")


def _pipe_cells(line: str) -> list[str] | None:
    found = _PIPE_ROW.match(line)
    return [c.strip() for c in found.group("cells").split("|")] if found else None


def _pipe_table(text: str) -> tuple[str, list[list[str]]] | None:
    """(title, rows with the header first) of the first pipe table in a Markdown text."""
    lines = text.splitlines()
    for at in range(len(lines) - 1):
        header = _pipe_cells(lines[at])
        if header is None or not _PIPE_RULE.match(lines[at + 1]):
            continue
        rows = [header]
        for line in lines[at + 2 :]:
            cells = _pipe_cells(line)
            if cells is None:
                break
            rows.append(cells)
        above = [m.group("title") for m in map(_HEADING.match, lines[:at]) if m]
        return (above[0] if above else ""), rows
    return None


def _delimited(text: str) -> list[list[str]] | None:
    """The rows of a CSV or TSV text, by the delimiter its header line uses."""
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    if first.count(delimiter) == 0:
        return None
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if row]
    except csv.Error:
        return None


def _table(text: str, name: str) -> tuple[str, list[list[str]]] | None:
    if name.lower().endswith((".csv", ".tsv")):
        rows = _delimited(text)
        return ("", rows) if rows else None
    return _pipe_table(text)


def _seconds(value: str) -> float | None:
    found = _CLOCK.match(value.strip())
    if not found:
        return None
    hours = int(found.group("h") or 0)
    return hours * 3600 + int(found.group("m")) * 60 + float(found.group("s").replace(",", "."))


class TableReader(FileReader):
    name = "table"
    suffixes: tuple[str, ...] = (".csv", ".tsv")
    version = "1"

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        if not name.lower().endswith((".csv", ".tsv", ".md", ".markdown", ".txt")):
            return False
        if not name.lower().endswith((".csv", ".tsv")) and b"|" not in data[: SNIFF_CHARS * 4]:
            return False  # a page or a text, not a pipe table: most .md and .txt inputs
        from onrecord.parse.columns import columns  # the parser loads only for a likely table

        head = data[: SNIFF_CHARS * 4].decode("utf-8", "replace").lstrip("\ufeff")
        found = _table(head, name)
        return found is not None and columns(found[1][0]) is not None

    def parse(self, data: bytes, source: str) -> list[Document]:
        from onrecord.parse.columns import columns
        from onrecord.parse.speakers import resolve_speakers

        name = PurePath(source).name
        found = _table(decoded(data, source), name)
        header = columns(found[1][0]) if found else None
        if found is None or header is None:
            wanted = "/".join(("speaker", "text"))
            raise InputError(f"not a table with {wanted} columns (field: header)", source=source)
        title, rows = found
        turns: list[Turn] = []
        for number, row in enumerate(rows[1:], start=2):
            _add_row(turns, row, header, f"{source}: row {number}")
        speakers, ids = resolve_speakers(list(dict.fromkeys(t.label for t in turns if t.label)))
        for turn in turns:
            turn.speaker = ids.get(turn.label, "")
        return [
            Document(
                id=PurePath(source).stem,
                source=source,
                sha256=hashlib.sha256(data).hexdigest(),
                parser=parser_info(self),
                title=title,
                speakers=speakers,
                turns=turns,
            )
        ]


def _add_row(turns: list[Turn], row: list[str], columns: Columns, where: str) -> None:
    if len(row) <= max(columns.speaker, columns.text):
        raise InputError(f"has {len(row)} cells, the header more (field: text)", source=where)
    said = " ".join(row[columns.text].split())
    if not said:
        return
    name = " ".join(row[columns.speaker].strip("*_ ").split())
    last = turns[-1] if turns else None
    if last is not None and last.label == name:
        last.paragraphs.append(said)
        return
    start = _seconds(row[columns.time]) if columns.time is not None else None
    turns.append(Turn(len(turns), name, "", [said], start, None))
