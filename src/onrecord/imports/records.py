"""onrecord's own interchange format: JSON (one record or an array) and JSON Lines.

Each record is `Document.to_dict()`, checked against the JSON Schema
(`onrecord/schema/document.schema.json`); a record that fails raises SchemaError naming
the file, the line (JSONL) or record number (JSON), and the field. Records keep their own provenance
(source, sha256, parser): re-importing an export changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from onrecord.errors import InputError, SchemaError
from onrecord.imports.base import head, read_text
from onrecord.model import Document
from onrecord.schema import validate_record


def to_document(record: Any, where: str) -> Document:
    validate_record(record, where)
    try:
        return Document.from_dict(record)
    except (TypeError, KeyError, ValueError) as err:
        raise SchemaError(f"field '(record)': {err}", source=where) from err


class JsonlReader:
    name = "onrecord-jsonl"
    version = "1"

    def sniff(self, path: Path) -> bool:
        start = head(path).lstrip()
        return path.is_file() and path.suffix.lower() == ".jsonl" and _looks_like_record(start)

    def read(self, path: Path) -> list[Document]:
        return list(self.iter_documents(path))

    def iter_documents(self, path: Path) -> Iterator[Document]:
        _raw, text = read_text(path)
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield to_document(_loads(line, f"{path}:{n}"), f"{path}:{n}")


class JsonReader:
    name = "onrecord-json"
    version = "1"

    def sniff(self, path: Path) -> bool:
        start = head(path).lstrip()
        return path.is_file() and start[:1] in (b"{", b"[") and _looks_like_record(start)

    def read(self, path: Path) -> list[Document]:
        _raw, text = read_text(path)
        data = _loads(text, str(path))
        records = data if isinstance(data, list) else [data]
        return [to_document(r, f"{path}: record {n}") for n, r in enumerate(records, start=1)]


def _looks_like_record(start: bytes) -> bool:
    return b'"id"' in start and (b'"parser"' in start or b'"turns"' in start)


def _loads(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}", source=where
        ) from err
