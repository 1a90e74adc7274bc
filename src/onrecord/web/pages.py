"""HTML pages. Each route calls the same view function as its JSON twin in `api`.

The frequent pages (home, listings, reader, search, speakers) are `async def`: they run
on the event loop rather than in FastAPI's thread pool. Their work is Python holding the
GIL (SQLite reads and rendering of a few milliseconds), so threads add no parallelism,
only a hand-off per request and GIL contention with the loop that reads the sockets:
under 50 concurrent clients the pool cost about a quarter of the server's CPU
(docs/figures-web.md). Pages that may read many documents (an entity's page reads those
of its 200 mentions shown, diff) and the settings form's POST stay plain `def` routes in
the pool, so they never stall the loop.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from onrecord.archive import DOCUMENT_SORTS, Archive
from onrecord.web import views_ask, views_docs, views_entities, views_people
from onrecord.web.access import ArchiveAccess
from onrecord.web.config import PAGE_SIZE
from onrecord.web.query import (
    MODES,
    SORTS,
    FilterParams,
    Paging,
    choice_param,
    filter_query,
    query_text,
    text_param,
    within,
)
from onrecord.web.templating import query_string, render, view_settings
from onrecord.web.views_docs import FacetCache
from onrecord.web.viewsettings import COOKIE, COOKIE_MAX_AGE, safe_next

router = APIRouter(include_in_schema=False)

Text = Annotated[str | None, Query()]
# Pages and revisions: bounded like the API's numbers, so that a number past SQLite's
# 64-bit integers is a 422, not an OverflowError and a 500.
PageNo = Annotated[int | None, Query(ge=0, le=1_000_000)]


def archive_of(request: Request) -> Archive:
    """The calling thread's archive (see `access`): call it inside the route body."""
    access: ArchiveAccess = request.app.state.access
    return access.reader()


def _q(value: str) -> str:
    return quote(value, safe="")


@router.get("/")
async def home(request: Request) -> Response:
    view = views_docs.home(archive_of(request), request.app.state.facets)
    return render(request, "home.html", {"view": view}, json_url="/api/v1/overview")


@router.get("/documents")
async def documents(
    request: Request,
    filters: FilterParams,
    page: PageNo = None,
    quality: Text = None,
    sort: Text = None,
) -> Response:
    order = choice_param("sort", sort, DOCUMENT_SORTS)
    paging = Paging.of(page, PAGE_SIZE)
    view = views_docs.documents(archive_of(request), filters, paging, quality, order)
    params = filter_query(filters)
    params["quality"] = quality
    params["sort"] = sort
    twin = "/api/v1/documents" + _query(params, view.paging)
    return render(request, "documents.html", {"view": view, "params": params}, json_url=twin)


def _query(params: dict[str, str | None], paging: Paging) -> str:
    return query_string(params, limit=paging.size, offset=paging.offset or None)


@router.get("/documents/{doc_id}")
async def document(request: Request, doc_id: str, revision: PageNo = None) -> Response:
    view = views_docs.document(archive_of(request), doc_id, revision)
    twin = f"/api/v1/documents/{_q(doc_id)}" + (f"?revision={revision}" if revision else "")
    return render(request, "document.html", {"view": view, "doc": view.document}, json_url=twin)


@router.get("/documents/{doc_id}/cite")
async def cite(request: Request, doc_id: str, p: Annotated[str, Query()] = "") -> Response:
    view = views_docs.citation(
        archive_of(request), doc_id, p, request.app.state.config.public_base(str(request.base_url))
    )
    twin = f"/api/v1/documents/{_q(doc_id)}/cite?p={_q(p)}"
    return render(request, "cite.html", {"view": view, "c": view.citation}, json_url=twin)


@router.get("/documents/{doc_id}/revisions")
async def revisions(request: Request, doc_id: str) -> Response:
    view = views_docs.revisions(archive_of(request), doc_id)
    twin = f"/api/v1/documents/{_q(doc_id)}/revisions"
    return render(request, "revisions.html", {"view": view}, json_url=twin)


@router.get("/documents/{doc_id}/diff")
def diff(request: Request, doc_id: str, a: PageNo = None, b: PageNo = None) -> Response:
    view = views_docs.diff(archive_of(request), doc_id, a, b)
    twin = f"/api/v1/documents/{_q(doc_id)}/diff?a={view.diff.a}&b={view.diff.b}"
    return render(request, "diff.html", {"view": view, "doc_id": doc_id}, json_url=twin)


@router.get("/entities")
async def entities(request: Request, page: PageNo = None) -> Response:
    view = views_entities.entities(archive_of(request), Paging.of(page, views_entities.LISTED))
    twin = "/api/v1/entities" + _offset(view.paging)
    return render(request, "entities.html", {"view": view}, json_url=twin)


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str, page: PageNo = None) -> Response:
    paging = Paging.of(page, views_entities.SHOWN)
    view = views_entities.entity(archive_of(request), entity_id, paging)
    twin = f"/api/v1/entities/{_q(entity_id)}" + _offset(paging)
    return render(request, "entity.html", {"view": view}, json_url=twin)


def _offset(paging: Paging) -> str:
    """A JSON twin's query for a page of a list whose pages are the API's default size."""
    return f"?offset={paging.offset}" if paging.offset else ""


@router.get("/search")
async def search(
    request: Request,
    filters: FilterParams,
    q: Text = None,
    page: PageNo = None,
    doc: Text = None,
    sort: Text = None,
    mode: Text = None,
) -> Response:
    """Search, or (mode=ask) answers to a question: one page, one form."""
    text = query_text(q, required=False)
    how = choice_param("mode", mode, MODES)
    order = choice_param("sort", sort, SORTS)
    filters = within(filters, doc)
    paging = Paging.of(page, PAGE_SIZE)
    archive = archive_of(request)
    params = {"q": text, **filter_query(filters), "doc": doc, "sort": sort, "mode": mode}
    view: views_people.SearchView | views_ask.AskView
    if how == "ask":
        view = views_ask.ask(archive, text, filters)
        twin_params = {"q": text, **filter_query(filters)}
        twin = "/api/v1/ask" + query_string(twin_params) if text else None
    else:
        view = views_people.search(archive, text, filters, paging, sort=order)
        twin_params = {k: v for k, v in params.items() if k != "mode"}
        twin = "/api/v1/search" + _query(twin_params, paging) if text else None
    facets: FacetCache = request.app.state.facets
    context = {
        "view": view,
        "mode": how,
        "params": params,
        "speaker_menu": facets.speaker_menu(archive, filters.speaker),
        "names": facets.names(archive),
    }
    return render(request, "search.html", context, json_url=twin)


@router.get("/speakers")
async def speakers(request: Request, q: Text = None, page: PageNo = None) -> Response:
    text = text_param("q", q) or ""
    view = views_people.speakers(archive_of(request), text, Paging.of(page, 50))
    twin = "/api/v1/speakers" + _query({"q": text}, view.paging)
    return render(request, "speakers.html", {"view": view}, json_url=twin)


@router.get("/speakers/{person_id}")
async def speaker(request: Request, person_id: str, page: PageNo = None) -> Response:
    paging = Paging.of(page, views_people.DOCS_PER_TURN_PAGE)
    view = views_people.speaker(archive_of(request), person_id, paging)
    twin = f"/api/v1/speakers/{_q(view.person.id)}" + (f"?page={page}" if page else "")
    return render(request, "speaker.html", {"view": view}, json_url=twin)


@router.get("/settings")
async def settings_page(request: Request, next: Text = None) -> Response:
    context = {"next": safe_next(next)}
    return render(request, "settings.html", context, json_url="/api/v1/view-settings")


@router.post("/settings")
def save_settings(
    request: Request,
    font: Annotated[str | None, Form()] = None,
    scheme: Annotated[str | None, Form()] = None,
    spacing: Annotated[str | None, Form()] = None,
    images: Annotated[str | None, Form()] = None,
    step: Annotated[str | None, Form()] = None,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    """Store the view settings in a cookie and go back where the reader was (303)."""
    settings = view_settings(request).updated(
        font=font, scheme=scheme, spacing=spacing, images=images
    )
    if step in ("up", "down"):
        settings = settings.step_font(1 if step == "up" else -1)
    if step == "reset":
        settings = type(settings)()
    response: Response = RedirectResponse(safe_next(next), status_code=303)
    if "application/json" in request.headers.get("accept", ""):
        response = JSONResponse(settings.to_dict())  # the script saves without a reload
    response.set_cookie(
        COOKIE,
        settings.cookie_value,
        max_age=COOKIE_MAX_AGE,
        httponly=False,
        samesite="lax",
        path="/",
    )
    return response
