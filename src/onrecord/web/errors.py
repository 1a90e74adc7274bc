"""Errors to responses, in one place: JSON for the API, an HTML page for people.

Statuses come from the exception classes (`OnrecordError.http_status`); request
validation is 422; anything unexpected is a 500 with a one-line message and never a
traceback.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from onrecord.errors import DatabaseUnreachableError, OnrecordError
from onrecord.store.sqlite import failure
from onrecord.web.templating import render

log = logging.getLogger("onrecord.web")


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: Request, status: int, message: str, details: list[Any] | None = None
) -> Response:
    name = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body: dict[str, Any] = {"error": name, "status": status, "message": message}
    if details:
        body["details"] = details
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    response = render(request, "error.html", {"error": body})
    response.status_code = status
    return response


async def onrecord_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, OnrecordError)
    response = error_response(request, err.http_status, str(err))
    if isinstance(err, DatabaseUnreachableError):  # away for now: ask again shortly
        response.headers["Retry-After"] = "1"
    return response


async def http_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, StarletteHTTPException)
    message = err.detail if isinstance(err.detail, str) else HTTPStatus(err.status_code).phrase
    response = error_response(request, err.status_code, message)
    for key, value in (err.headers or {}).items():
        response.headers[key] = value
    return response


def _field(error: dict[str, Any]) -> str:
    return ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path"))


async def validation_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, RequestValidationError)
    details = [{"field": _field(e), "message": e.get("msg", "invalid")} for e in err.errors()]
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in details)
    return error_response(request, 422, f"invalid request: {summary}", details)


async def unexpected_error(request: Request, err: Exception) -> Response:
    fault = failure(err, "")  # a full disk, a damaged or read-only database file
    if fault is not None:
        log.error("%s on %s", fault, request.url.path)
        return error_response(request, fault.http_status, str(fault))
    log.exception("internal error on %s", request.url.path)
    return error_response(request, 500, f"internal error ({type(err).__name__})")


def install(app: FastAPI) -> None:
    app.add_exception_handler(OnrecordError, onrecord_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected_error)
