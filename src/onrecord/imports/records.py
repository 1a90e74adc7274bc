"""onrecord's own interchange format: JSON (one record or an array) and JSON Lines.

Each record is `Document.to_dict()`; it is checked against the JSON Schema in
`onrecord/schema/document.schema.json` when the package ships it, else against the
required fields below. A record that fails raises SchemaError naming the file, the line
(JSONL) or record number (JSON), and the field. Records keep their own provenance
(source, sha256, parser): re-importing an export changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

from onrecord.errors import InputError, SchemaError
from onrecord.imports.base import head, read_text
from onrecord.model import Document

SCHEMA_RESOURCE = "schema/document.schema.json"
# Used only while the package has no JSON Schema: field -> the JSON types it may have.
FieldTypes = dict[str, type]
REQUIRED: FieldTypes = {"id": str, "source": str, "sha256": str, "parser": dict, "turns": list}
OPTIONAL: FieldTypes = {"title": str, "date": str, "time": str, "place": str, "lead": str}
OPTIONAL |= {"language": str, "url": str, "speakers": list, "preamble": list, "notes": list}
TURN_REQUIRED: FieldTypes = {"index": int}
TURN_OPTIONAL: FieldTypes = {"label": str, "speaker": str, "text": str, "paragraphs": list}


@lru_cache(maxsize=1)
def _validator() -> Any | None:
    schema_file = resources.files("onrecord").joinpath(SCHEMA_RESOURCE)
    if not schema_file.is_file():
        return None
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    cls = validator_for(schema, default=Draft202012Validator)
    return cls(schema)


def check_record(record: Any, where: str) -> None:
    """SchemaError naming `where` and the first offending field, if `record` is not valid."""
    validator = _validator()
    if validator is not None:
        error = best_match(validator.iter_errors(record))
        if error is not None:
            field = "/".join(str(p) for p in error.absolute_path) or "(record)"
            raise SchemaError(f"field '{field}': {error.message}", source=where)
        return
    _check_fields(record, where)


def _check_fields(record: Any, where: str) -> None:
    if not isinstance(record, dict):
        raise SchemaError("field '(record)': not an object", source=where)
    _check_types(record, REQUIRED, OPTIONAL, "", where)
    for n, turn in enumerate(record["turns"]):
        if not isinstance(turn, dict):
            raise SchemaError(f"field 'turns/{n}': not an object", source=where)
        _check_types(turn, TURN_REQUIRED, TURN_OPTIONAL, f"turns/{n}/", where)


def _check_types(
    data: dict[str, Any],
    required: FieldTypes,
    optional: FieldTypes,
    prefix: str,
    where: str,
) -> None:
    for key in required:
        if key not in data:
            raise SchemaError(f"field '{prefix}{key}': required", source=where)
    for key, kind in (required | optional).items():
        value = data.get(key)
        if key in data and (not isinstance(value, kind) or isinstance(value, bool)):
            raise SchemaError(f"field '{prefix}{key}': not a {kind.__name__}", source=where)


def to_document(record: Any, where: str) -> Document:
    check_record(record, where)
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
