"""`POST /api/v1/documents`: add a transcript over HTTP, only with the configured token.

Off unless ONRECORD_TOKEN is set (403); then `Authorization: Bearer <token>` is required
(401 otherwise). The body is one input file of any format `onrecord ingest` reads (a saved
page, subtitles, a message list, onrecord JSON...), at most `max_body` bytes (413,
enforced by `security.BodyLimit` before the body is read); it is read and enriched by the
same path as `onrecord ingest` (`Archive.ingest_bytes`). The answer names the first
document and lists all (`documents`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from onrecord.errors import EmptyInputError, NoStructureError
from onrecord.model import Document
from onrecord.parse import attribution
from onrecord.web.config import WebConfig

router = APIRouter()
_SAFE_NAME = re.compile(r"[^\w.\-]+")
# RFC 7235: `credentials = auth-scheme 1*SP token68`, the scheme case-insensitive.
_BEARER = re.compile(r"bearer[ \t]+(\S+)", re.IGNORECASE)

BODY_SCHEMA = {
    "requestBody": {
        "required": True,
        "description": "A transcript page as saved text or HTML (UTF-8).",
        "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}


def check_token(config: WebConfig, authorization: str | None) -> None:
    if not config.token:
        raise HTTPException(403, "uploads are off: start the server with ONRECORD_TOKEN set")
    match = _BEARER.fullmatch((authorization or "").strip())
    given = match.group(1) if match else ""
    if not match or not hmac.compare_digest(given.encode(), config.token.encode()):
        raise HTTPException(
            401,
            "a valid 'Authorization: Bearer <token>' header is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """A dependency of the routes that write: the token is checked before the body is."""
    check_token(request.app.state.config, authorization)


def source_name(name: str | None, data: bytes = b"", content_type: str | None = None) -> str:
    """A file name to record as the source: no folders, only plain characters. Without
    one, `upload-<12 hex of the body's sha256>` with a suffix from the content type: a
    page without a page id is named by it, so two anonymous uploads are two documents."""
    cleaned = _SAFE_NAME.sub("_", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    cleaned = cleaned.strip("._")[:100]
    if cleaned:
        return cleaned
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    suffix = next((s for t, s in _SUFFIXES.items() if kind.endswith(t)), ".txt")
    return f"upload-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


# the content type's end -> the suffix that tells the reader what the body is
_SUFFIXES = {"json": ".json", "html": ".html", "vtt": ".vtt", "subrip": ".srt", "xml": ".xml"}


@router.post(
    "/documents",
    tags=["documents"],
    status_code=201,
    openapi_extra=BODY_SCHEMA,
    summary="Add a transcript (needs the server's token)",
    responses={
        401: {"description": "Missing or wrong token"},
        403: {"description": "Uploads are off"},
        413: {"description": "Body over the size limit"},
    },
)
async def upload(
    request: Request,
    source: Annotated[str | None, Query(max_length=200, description="The file's name")] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    config: WebConfig = request.app.state.config
    check_token(config, authorization)
    data = await request.body()
    if not data.strip():
        raise EmptyInputError("the request body is empty")
    name = source_name(source, data, request.headers.get("content-type"))
    return await run_in_threadpool(_store, request, data, name)


def _store(request: Request, data: bytes, name: str) -> dict[str, Any]:
    """Read, enrich and store the body as `onrecord ingest` does a file of this name."""
    with request.app.state.access.writer() as archive:
        stored = archive.ingest_bytes(data, name)
        # how sure the parse is of who said what, and why not (as `ingest` warns)
        honesty = {doc_id: _attribution(archive.get(doc_id)) for doc_id, _t, _s in stored}
    request.app.state.facets.expire()
    items = [
        {"id": doc_id, "status": status, "title": title, "url": f"/documents/{doc_id}"}
        | honesty[doc_id]
        for doc_id, title, status in stored
    ]
    if not items:  # every document of it was refused
        raise NoStructureError("no document in the upload could be stored", source=name)
    return {**items[0], "documents": items}


def _attribution(document: Document) -> dict[str, Any]:
    prefix = attribution.WARNING_PREFIX
    warnings = [w.removeprefix(prefix) for w in document.warnings if w.startswith(prefix)]
    return {"confidence": document.confidence, "attribution_warnings": warnings}
