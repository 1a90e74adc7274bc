"""The JSON Schema of a document record, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from onrecord.errors import SchemaError


@cache
def document_schema() -> dict[str, Any]:
    text = files("onrecord.schema").joinpath("document.schema.json").read_text("utf-8")
    return json.loads(text)


def validate_record(record: Any, source: str = "<record>") -> None:
    """Raise SchemaError naming the record and the first field that violates the schema."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(document_schema())
    error = next(iter(sorted(validator.iter_errors(record), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(record)"
        raise SchemaError(f"field {where}: {error.message}", source=source)
