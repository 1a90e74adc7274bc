"""`POST /api/v1/documents`: add a transcript over HTTP, only with the configured token.

Off unless ONRECORD_TOKEN is set (403); then `Authorization: Bearer <token>` is required
(401 otherwise). The body is the raw page (saved text or HTML), at most `max_body` bytes
(413, enforced by `security.BodyLimit` before the body is read).
"""

from __future__ import annotations

import hmac
import re
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from onrecord.errors import EmptyInputError
from onrecord.parse import parse_bytes
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


def source_name(name: str | None) -> str:
    """A file name to record as the source: no folders, only plain characters."""
    cleaned = _SAFE_NAME.sub("_", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    return cleaned.strip("._")[:100] or "upload.txt"


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
    name = source_name(source)
    return await run_in_threadpool(_store, request, data, name)


def _store(request: Request, data: bytes, name: str) -> dict[str, Any]:
    document = parse_bytes(data, name)
    with request.app.state.access.writer() as archive:
        status = archive.put_document(document, data)
    request.app.state.facets.expire()
    return {
        "id": document.id,
        "status": status,
        "title": document.title,
        "url": f"/documents/{document.id}",
    }
