"""JSON and JSON Lines: the record schema (`Document.to_dict()`), one record per document."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from onrecord.export.base import ExportOptions, ExportResult, tracked
from onrecord.model import Document


def dumps(document: Document) -> str:
    """One record on one line; the same document always gives the same bytes."""
    return json.dumps(document.to_dict(), ensure_ascii=False)


class JsonlExporter:
    name = "jsonl"
    version = "jsonl.v1"
    target = "file"

    def write(
        self, documents: Iterable[Document], out: Path, options: ExportOptions
    ) -> ExportResult:
        result = ExportResult(files=[Path(out.name)])
        with out.open("w", encoding="utf-8", newline="\n") as handle:
            for document in tracked(documents, result):
                handle.write(dumps(document) + "\n")
        return result


class JsonExporter:
    """A JSON array of records, written as it streams (one record per line inside it)."""

    name = "json"
    version = "json.v1"
    target = "file"

    def write(
        self, documents: Iterable[Document], out: Path, options: ExportOptions
    ) -> ExportResult:
        result = ExportResult(files=[Path(out.name)])
        with out.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write("[")
            for n, document in enumerate(tracked(documents, result)):
                handle.write(("\n" if n == 0 else ",\n") + dumps(document))
            handle.write("\n]\n")
        return result
