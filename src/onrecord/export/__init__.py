"""Exports: documents -> files that researchers' tools read.

    from onrecord.export import ExportOptions, export
    manifest = export(documents, "csv", Path("out/turns.csv"), ExportOptions(paragraphs=True))

Exporters are registered by name (`EXPORTERS`, `get_exporter`); each takes an iterable
of Documents and streams them out, so memory stays flat. Every export writes a manifest
beside what it wrote (`FILE.manifest.json`, or `DIR/manifest.json` for the directory
formats tei and convokit); see `onrecord.export.manifest`.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from onrecord.errors import ExportError
from onrecord.export.base import Exporter, ExportOptions, ExportResult
from onrecord.export.convokit import ConvokitExporter
from onrecord.export.csv_export import CsvExporter
from onrecord.export.jsonl import JsonExporter, JsonlExporter
from onrecord.export.manifest import build_manifest, manifest_path, write_manifest
from onrecord.export.markdown import MarkdownExporter
from onrecord.export.parquet import ParquetExporter
from onrecord.export.people import DatedRole, Person
from onrecord.export.tei import TeiExporter
from onrecord.model import Document

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        JsonExporter(),
        JsonlExporter(),
        CsvExporter(),
        ParquetExporter(),
        MarkdownExporter(),
        TeiExporter(),
        ConvokitExporter(),
    )
}


def get_exporter(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise ExportError(f"unknown export format {name!r} (known: {known})") from None


def export(
    documents: Iterable[Document],
    fmt: str,
    out: str | os.PathLike[str],
    options: ExportOptions | None = None,
) -> dict[str, Any]:
    """Write `documents` as `fmt` to `out`, then the manifest beside it; returns the manifest."""
    exporter = get_exporter(fmt)
    options = options or ExportOptions()
    out = Path(out)
    try:
        if exporter.target == "file":
            out.parent.mkdir(parents=True, exist_ok=True)
        result = exporter.write(documents, out, options)
        manifest = build_manifest(exporter, out, options, result)
        write_manifest(manifest_path(out, exporter.target), manifest)
    except OSError as err:
        reason = err.strerror or str(err)
        raise ExportError(f"cannot write {fmt} export: {reason}", source=str(out)) from err
    return manifest


class _Package(types.ModuleType):
    """This package, which called is its `export`: `onrecord.export` names the package (the
    import system binds it so once it is loaded) and is the library's export entry point,
    `onrecord.export(documents, "tei", out)`, either way."""

    def __call__(
        self,
        documents: Iterable[Document],
        fmt: str,
        out: str | os.PathLike[str],
        options: ExportOptions | None = None,
    ) -> dict[str, Any]:
        return export(documents, fmt, out, options)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "EXPORTERS",
    "DatedRole",
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "Person",
    "export",
    "get_exporter",
]
