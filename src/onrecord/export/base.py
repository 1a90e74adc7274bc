"""What every exporter shares: the options, the result, and the protocol an exporter follows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from onrecord.export.people import Person
from onrecord.model import Document


@dataclass(frozen=True)
class ExportOptions:
    """How to write an export, and what the manifest records about where it came from.

    `people` is corpus-level information about speakers (canonical names, roles with
    dates) keyed by speaker id, e.g. from the archive; speakers missing from it are
    described from the documents themselves.
    """

    paragraphs: bool = False  # csv, parquet: also write the one-row-per-paragraph table
    bom: bool = False  # csv: start with a UTF-8 byte order mark (for old spreadsheet tools)
    people: Mapping[str, Person] = field(default_factory=dict)
    query: Mapping[str, Any] = field(default_factory=dict)  # the query and filters used
    content_hash: str = ""  # the archive's content hash, when read from an archive


@dataclass
class ExportResult:
    """What an exporter wrote: the document ids in order and the files, relative to `out`."""

    ids: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    attributions: set[str] = field(default_factory=set)


class Exporter(Protocol):
    """Writes documents, streaming, to `out` (a file or a directory, as `target` says)."""

    name: str  # registry name, e.g. "csv"
    version: str  # versioned producer name, e.g. "csv.v1"
    target: str  # "file" or "directory"

    def write(
        self, documents: Iterable[Document], out: Path, options: ExportOptions
    ) -> ExportResult: ...


def tracked(documents: Iterable[Document], result: ExportResult) -> Iterable[Document]:
    """Pass documents through, noting their ids and attribution lines in `result`."""
    from onrecord.export.attribution import attribution

    for document in documents:
        result.ids.append(document.id)
        line = attribution(document)
        if line:
            result.attributions.add(line)
        yield document
