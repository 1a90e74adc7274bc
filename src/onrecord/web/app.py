"""The app factory: `create_app(config)` -> a FastAPI app with pages, API and static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from onrecord import __version__
from onrecord.budget import stop_children
from onrecord.store.sqlite import resolve_path
from onrecord.web import api, errors, pages, quality, watches
from onrecord.web.access import ArchiveAccess
from onrecord.web.cache import PageCache
from onrecord.web.config import CACHE_BYTES, WebConfig
from onrecord.web.security import SWAGGER_CDN, BodyLimit, HeadAsGet, SecurityHeaders
from onrecord.web.templating import make_templates
from onrecord.web.views_docs import FacetCache

STATIC = Path(__file__).parent / "static"
SWAGGER_VERSION = "5"

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
        openapi_url="/api/v1/openapi.json",
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
    app.add_api_route("/docs", api_docs, include_in_schema=False, response_class=HTMLResponse)
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


def api_docs() -> HTMLResponse:
    """Swagger UI without inline script: its start-up code is `static/swagger-init.js`."""
    cdn = f"{SWAGGER_CDN}/npm/swagger-ui-dist@{SWAGGER_VERSION}"
    return HTMLResponse(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>onrecord API</title>"
        f"<link rel='stylesheet' href='{cdn}/swagger-ui.css'></head><body>"
        "<main id='swagger-ui'><h1>onrecord API</h1><p>The interactive documentation loads "
        "Swagger UI from its CDN. The schema itself is at "
        "<a href='/api/v1/openapi.json'>/api/v1/openapi.json</a>.</p></main>"
        f"<script src='{cdn}/swagger-ui-bundle.js'></script>"
        "<script src='/static/swagger-init.js'></script></body></html>"
    )
