"""onrecord's own interchange format: JSON (one record or an array) and JSON Lines.

Each record is `Document.to_dict()`, checked against the JSON Schema
(`onrecord/schema/document.schema.json`); a record that fails raises SchemaError naming
the file, the line (JSONL) or record number (JSON), and the field. Records keep their own provenance
(source, sha256, parser): re-importing an export changes nothing.
"""

from __future__ import annotations

from typing import Any

from onrecord.errors import SchemaError
from onrecord.imports.base import FileReader, decoded, json_of, start_of
from onrecord.model import Document
from onrecord.schema import validate_record
from onrecord.sources import limits


def to_document(record: Any, where: str) -> Document:
    validate_record(record, where)
    try:
        return Document.from_dict(record)
    except (TypeError, KeyError, ValueError) as err:
        raise SchemaError(f"field '(record)': {err}", source=where) from err


class JsonlReader(FileReader):
    name = "onrecord-jsonl"
    suffixes: tuple[str, ...] = (".jsonl",)
    version = "1"

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        start = start_of(data).lstrip()
        if not _looks_like_record(start):
            return False
        # by name, or by content: a record on its first line, and another line after it
        return name.lower().endswith(".jsonl") or _two_records(data.removeprefix(b"\xef\xbb\xbf"))

    def parse(self, data: bytes, source: str) -> list[Document]:
        documents = []
        for n, line in enumerate(decoded(data, source).splitlines(), start=1):
            if line.strip():
                documents.append(to_document(_loads(line, f"{source}:{n}"), f"{source}:{n}"))
        return documents


class JsonReader(FileReader):
    name = "onrecord-json"
    suffixes: tuple[str, ...] = (".json",)
    version = "1"

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        start = start_of(data).lstrip()
        return start[:1] in (b"{", b"[") and _looks_like_record(start)

    def parse(self, data: bytes, source: str) -> list[Document]:
        parsed = _loads(decoded(data, source), source)
        records = parsed if isinstance(parsed, list) else [parsed]
        return [to_document(r, f"{source}: record {n}") for n, r in enumerate(records, start=1)]


def _two_records(data: bytes) -> bool:
    first, newline, rest = data.lstrip().partition(b"\n")
    if not (newline and first.rstrip().endswith(b"}") and rest.lstrip().startswith(b"{")):
        return False
    return isinstance(json_of(first), dict)


def _looks_like_record(start: bytes) -> bool:
    return b'"id"' in start and (b'"parser"' in start or b'"turns"' in start)


def _loads(text: str, where: str) -> Any:
    return limits.loads(text, where)
