"""Parquet: the same tables as CSV, typed, for DuckDB, pandas, polars and Spark.

Rows are written in row groups of `BATCH_ROWS` so memory stays flat however large the
export; the paragraph table goes to `NAME.paragraphs.parquet` beside the turn table.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from onrecord.errors import ExportError
from onrecord.export.base import ExportOptions, ExportResult, tracked
from onrecord.export.csv_export import RowsOf
from onrecord.export.tables import paragraph_rows, paragraphs_path_name, turn_rows
from onrecord.model import Document

# A row group of ~10k turns is a few MB of text: small enough to hold, big enough to compress.
BATCH_ROWS = 10_000

TURN_SCHEMA = pa.schema(
    [
        ("document_id", pa.string()),
        ("url", pa.string()),
        ("date", pa.date32()),  # null when the source gives no date
        ("title", pa.string()),
        ("place", pa.string()),
        ("turn_index", pa.int32()),
        ("speaker_id", pa.string()),
        ("speaker_name", pa.string()),
        ("role", pa.string()),
        ("text", pa.string()),
        ("start", pa.float64()),
        ("end", pa.float64()),
    ]
)
PARAGRAPH_SCHEMA = pa.schema(
    [
        ("document_id", pa.string()),
        ("turn_index", pa.int32()),
        ("paragraph_index", pa.int32()),
        ("speaker_id", pa.string()),
        ("speaker_name", pa.string()),
        ("text", pa.string()),
    ]
)


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """ISO date strings as dates, so DuckDB, pandas and Spark can compare and group them."""
    if "date" in row:
        try:
            row["date"] = date.fromisoformat(row["date"]) if row["date"] else None
        except ValueError as err:
            message = f"date {row['date']!r} is not an ISO date (field: date)"
            raise ExportError(message, source=f"document {row['document_id']}") from err
    return row


class _Table:
    """One Parquet file filled in batches."""

    def __init__(self, path: Path, schema: pa.Schema, rows: RowsOf) -> None:
        self.writer = pq.ParquetWriter(path, schema, compression="zstd")
        self.schema = schema
        self.rows = rows
        self.pending: list[dict[str, Any]] = []

    def add(self, document: Document) -> None:
        self.pending.extend(_typed(row) for row in self.rows(document))
        if len(self.pending) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            batch = pa.Table.from_pylist(self.pending, schema=self.schema)
            self.writer.write_table(batch)
            self.pending = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


class ParquetExporter:
    name = "parquet"
    version = "parquet.v1"
    target = "file"

    def write(
        self, documents: Iterable[Document], out: Path, options: ExportOptions
    ) -> ExportResult:
        result = ExportResult(files=[Path(out.name)])
        tables = [_Table(out, TURN_SCHEMA, turn_rows)]
        if options.paragraphs:
            para = out.with_name(paragraphs_path_name(out.name))
            tables.append(_Table(para, PARAGRAPH_SCHEMA, paragraph_rows))
            result.files.append(Path(para.name))
        with ExitStack() as stack:
            for table in tables:
                stack.callback(table.close)
            for document in tracked(documents, result):
                for table in tables:
                    table.add(document)
        return result
