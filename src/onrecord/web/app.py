"""The app factory: `create_app(config)` -> a FastAPI app with pages, API and static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from onrecord import __version__
from onrecord.budget import stop_children
from onrecord.store.sqlite import resolve_path
from onrecord.web import api, apidocs, errors, pages, quality, watches
from onrecord.web.access import ArchiveAccess
from onrecord.web.cache import PageCache
from onrecord.web.config import CACHE_BYTES, WebConfig
from onrecord.web.security import BodyLimit, HeadAsGet, SecurityHeaders
from onrecord.web.templating import make_templates, render
from onrecord.web.views_docs import FacetCache

STATIC = Path(__file__).parent / "static"
SCHEMA_URL = "/api/v1/openapi.json"

DESCRIPTION = """Who said what, when and where, on the record: the archive's documents,
turns, speakers and search as JSON. Every HTML page of the site links its JSON twin here.
Errors are `{"error", "status", "message"}` objects."""


def create_app(config: WebConfig) -> FastAPI:
    access = ArchiveAccess(config.db_path)
    access.prepare()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        stop_children()  # an upload still being parsed must not hold the exit
        access.close()

    app = FastAPI(
        title="onrecord",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=SCHEMA_URL,
    )
    app.state.config = config
    app.state.access = access
    app.state.facets = FacetCache(config.db_path)
    app.state.templates = make_templates()
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    for router in (watches.api, watches.feed_routes, watches.pages, quality.api, quality.pages):
        app.include_router(router)
    app.add_api_route("/docs", api_docs, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(
        PageCache, db_path=config.db_path, max_entries=config.cache_entries, max_bytes=CACHE_BYTES
    )
    app.add_middleware(BodyLimit, max_body=config.max_body)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """The app for `uvicorn --factory` and for each of `onrecord serve --workers N`'s
    processes: the archive is $ONRECORD_DB (or ./onrecord.db)."""
    return create_app(WebConfig.from_env(resolve_path(None)))


def api_docs(request: Request) -> Response:
    """The API documentation as an ordinary page of the site, from the OpenAPI schema:
    nothing loaded from elsewhere, so it reads the same offline."""
    view = apidocs.build(request.app.openapi(), SCHEMA_URL)
    return render(request, "api_docs.html", {"view": view}, json_url=SCHEMA_URL)
