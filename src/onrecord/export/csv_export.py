"""CSV: one row per turn (and, optionally, a second file with one row per paragraph).

RFC 4180 as Python's csv module writes it: CRLF line ends, fields quoted when they hold
a separator, a quote or a line break. UTF-8, with a byte order mark on request so that
older spreadsheet tools guess the encoding right. A text cell that a spreadsheet would
run as a formula (it starts with = + - @, a tab or CR) gets a `'` before it (OWASP).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from onrecord.export.base import ExportOptions, ExportResult, tracked
from onrecord.export.tables import (
    PARAGRAPH_COLUMNS,
    TURN_COLUMNS,
    paragraph_rows,
    paragraphs_path_name,
    turn_rows,
)
from onrecord.model import Document

RowsOf = Callable[[Document], Iterator[dict[str, Any]]]
# A cell that starts so is a formula to a spreadsheet (`=HYPERLINK(...)`, `@SUM(...)`, and
# tab or CR before one): OWASP's advice is a single quote before it, which spreadsheets
# show as text and do not display.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CsvExporter:
    name = "csv"
    version = "csv.v1"
    target = "file"

    def write(
        self, documents: Iterable[Document], out: Path, options: ExportOptions
    ) -> ExportResult:
        result = ExportResult(files=[Path(out.name)])
        encoding = "utf-8-sig" if options.bom else "utf-8"
        with ExitStack() as stack:
            tables: list[tuple[csv.DictWriter[str], RowsOf]] = [
                (_writer(stack.enter_context(_open(out, encoding)), TURN_COLUMNS), turn_rows)
            ]
            if options.paragraphs:
                para = out.with_name(paragraphs_path_name(out.name))
                handle = stack.enter_context(_open(para, encoding))
                tables.append((_writer(handle, PARAGRAPH_COLUMNS), paragraph_rows))
                result.files.append(Path(para.name))
            for document in tracked(documents, result):
                for writer, rows in tables:
                    writer.writerows(_neutral(row) for row in rows(document))
        return result


def _neutral(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _cell(value) for key, value in row.items()}


def _cell(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _open(path: Path, encoding: str) -> TextIO:
    return path.open("w", encoding=encoding, newline="")


def _writer(handle: TextIO, columns: tuple[str, ...]) -> csv.DictWriter[str]:
    writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    return writer
