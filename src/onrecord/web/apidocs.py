"""The API documentation page, built from the app's own OpenAPI schema.

No Swagger UI from a CDN (offline it was an unstyled page): `/docs` is an ordinary page
of the site, with its stylesheet and view settings, listing every operation with its
parameters and answers; the schema itself stays at /api/v1/openapi.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # path | query | header
    required: bool
    type: str
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: list[Parameter] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)  # (status, description)
    body: str = ""  # the request body's media types, for an upload


@dataclass
class ApiDocsView:
    title: str
    version: str
    description: str
    schema_url: str
    groups: list[tuple[str, list[Operation]]]


def build(schema: dict[str, Any], schema_url: str) -> ApiDocsView:
    groups: dict[str, list[Operation]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            tag = (op.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append(_operation(method, path, op))
    info = schema.get("info", {})
    return ApiDocsView(
        title=str(info.get("title", "API")),
        version=str(info.get("version", "")),
        description=str(info.get("description", "")),
        schema_url=schema_url,
        groups=list(groups.items()),
    )


def _operation(method: str, path: str, op: dict[str, Any]) -> Operation:
    anchor = "op-" + "".join(c if c.isalnum() else "-" for c in f"{method}{path}").strip("-")
    parameters = [
        Parameter(
            str(p.get("name", "")),
            str(p.get("in", "")),
            bool(p.get("required")),
            _type(p.get("schema", {})),
            str(p.get("description") or p.get("schema", {}).get("description") or ""),
        )
        for p in op.get("parameters", [])
    ]
    responses = [
        (str(code), str(r.get("description", ""))) for code, r in op.get("responses", {}).items()
    ]
    body = ", ".join(op.get("requestBody", {}).get("content", {}))
    return Operation(
        method.upper(),
        path,
        str(op.get("summary", "")),
        str(op.get("description", "")),
        anchor,
        parameters,
        responses,
        body,
    )


def _type(schema: dict[str, Any]) -> str:
    """A parameter's type in words: `integer (1 to 100)`, `string or null`."""
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    kind = str(schema.get("type", "any"))
    bounds = [schema.get(k) for k in ("minimum", "maximum")]
    if any(b is not None for b in bounds):
        low, high = ("…" if b is None else str(b) for b in bounds)
        kind += f" ({low} to {high})"
    if "maxLength" in schema:
        kind += f", at most {schema['maxLength']} characters"
    if "enum" in schema:
        kind += ": " + ", ".join(str(v) for v in schema["enum"])
    return kind
