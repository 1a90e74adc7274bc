"""The JSON API under /api/v1/: the same view functions as the HTML pages, as data."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError

from onrecord.web import upload, views_ask, views_docs, views_entities, views_people
from onrecord.web.config import MAX_API_LIMIT
from onrecord.web.pages import archive_of
from onrecord.web.query import FilterParams, Paging, query_text, text_param, within
from onrecord.web.templating import view_settings
from onrecord.web.viewsettings import FONT_SIZES, IMAGES, SCHEMES, SPACINGS

Json = dict[str, Any]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad query: a parameter the archive cannot use"},
    404: {"description": "No such document, revision, paragraph or speaker"},
    422: {"description": "A parameter of the wrong type or out of range"},
}

Sort = Literal["relevance", "newest", "oldest"]
DocumentSort = Literal["newest", "oldest"]  # onrecord.archive.DOCUMENT_SORTS


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def known_parameters(request: Request) -> None:
    """A parameter the route does not take is a 422, not silently ignored (a misspelt
    `speakr=` would otherwise answer for everyone)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise RequestValidationError(
            [
                {"type": "extra_forbidden", "loc": ("query", name), "msg": "unknown parameter"}
                for name in unknown
            ]
        )


router = APIRouter(prefix="/api/v1", responses=ERRORS, dependencies=[Depends(known_parameters)])
router.include_router(upload.router)

Text = Annotated[str | None, Query(max_length=500)]
Limit = Annotated[int, Query(ge=1, le=MAX_API_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Number = Annotated[int | None, Query(ge=1, le=1_000_000)]
Quality = Annotated[
    Literal["low", "ok"] | None,
    Query(description="The quality report's grade: low (no title or date, parse warnings, "
          "a quarter of the turns without a known speaker) or ok"),
]  # fmt: skip


@router.get("/overview", tags=["corpus"], summary="The home page: counts, recent documents, facets")
def overview(request: Request) -> Json:
    return views_docs.home(archive_of(request), request.app.state.facets).to_dict()


@router.get("/stats", tags=["corpus"], summary="Counts for the corpus or one document")
def stats(request: Request, doc_id: Text = None) -> Json:
    return views_people.stats(archive_of(request), text_param("doc_id", doc_id)).to_dict()


@router.get(
    "/documents", tags=["documents"], summary="Documents by date, newest or oldest first, filtered"
)
def documents(
    request: Request,
    filters: FilterParams,
    limit: Limit = 20,
    offset: Offset = 0,
    quality: Quality = None,
    sort: Annotated[DocumentSort, Query(description="By date (then id)")] = "newest",
) -> Json:
    paging = Paging(limit, offset)
    return views_docs.documents(archive_of(request), filters, paging, quality, sort).to_dict()


@router.get("/documents/{doc_id}", tags=["documents"], summary="One document with its turns")
async def document(request: Request, doc_id: str, revision: Number = None) -> Json:
    return views_docs.document(archive_of(request), doc_id, revision).to_dict()


@router.get("/documents/{doc_id}/revisions", tags=["documents"], summary="Revision history")
def revisions(request: Request, doc_id: str) -> Json:
    return views_docs.revisions(archive_of(request), doc_id).to_dict()


@router.get(
    "/documents/{doc_id}/diff", tags=["documents"], summary="What changed between revisions"
)
def diff(request: Request, doc_id: str, a: Number = None, b: Number = None) -> Json:
    return views_docs.diff(archive_of(request), doc_id, a, b).to_dict()


@router.get("/documents/{doc_id}/cite", tags=["documents"], summary="Cite one paragraph")
def cite(
    request: Request,
    doc_id: str,
    p: Annotated[str, Query(max_length=20, description="Paragraph anchor, e.g. t12-p3")],
) -> Json:
    return views_docs.citation(
        archive_of(request), doc_id, p, request.app.state.config.public_base(str(request.base_url))
    ).to_dict()


@router.get("/search", tags=["search"], summary="Paragraphs matching a query, with facets")
async def search(
    request: Request,
    q: Annotated[str, Query(max_length=500, description='Words, "a phrase", prefix*, OR, NOT')],
    filters: FilterParams,
    limit: Limit = 20,
    offset: Offset = 0,
    facets: bool = True,
    doc: Annotated[str | None, Query(max_length=200, description="Only in this document")] = None,
    sort: Annotated[Sort, Query(description="Best first, or by date")] = "relevance",
) -> Json:
    text = query_text(q, required=True)
    paging = Paging(limit, offset)
    view = views_people.search(
        archive_of(request), text, within(filters, doc), paging, facets, sort
    )
    return view.to_dict()


@router.get("/ask", tags=["search"], summary="Turns that answer a question in plain language")
async def ask(
    request: Request,
    q: Annotated[
        str, Query(max_length=1000, description="A question, e.g. what did Putin say about oil?")
    ],
    filters: FilterParams,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Json:
    text = query_text(q, required=True, limit=1000)
    return views_ask.ask(archive_of(request), text, filters, limit).to_dict()


@router.get("/speakers", tags=["speakers"], summary="People of the registry, most words first")
def speakers(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> Json:
    text = text_param("q", q) or ""
    return views_people.speakers(archive_of(request), text, Paging(limit, offset)).to_dict()


@router.get("/speakers/{person_id}", tags=["speakers"], summary="A person: roles, documents, turns")
def speaker(request: Request, person_id: str, page: Number = None) -> Json:
    paging = Paging.of(page, views_people.DOCS_PER_TURN_PAGE)
    return views_people.speaker(archive_of(request), person_id, paging).to_dict()


EntitiesLimit = Annotated[int, Query(ge=1, le=views_entities.LISTED)]
MentionsLimit = Annotated[int, Query(ge=1, le=views_entities.SHOWN)]


@router.get("/entities", tags=["entities"], summary="Entities named, most mentioned first")
def entities(
    request: Request, limit: EntitiesLimit = views_entities.LISTED, offset: Offset = 0
) -> Json:
    return views_entities.entities(archive_of(request), Paging(limit, offset)).to_dict()


@router.get(
    "/entities/{entity_id}", tags=["entities"], summary="An entity: mentions, per year, co-mentions"
)
def entity(
    request: Request,
    entity_id: Annotated[str, Path(max_length=views_entities.MAX_KEY)],
    limit: MentionsLimit = views_entities.SHOWN,
    offset: Offset = 0,
) -> Json:
    paging = Paging(limit, offset)
    return views_entities.entity(archive_of(request), entity_id, paging).to_dict()


@router.get("/view-settings", tags=["reader"], summary="The reader's view settings and options")
def view_settings_json(request: Request) -> Json:
    return {
        "current": view_settings(request).to_dict(),
        "options": {
            "font": list(FONT_SIZES),
            "scheme": SCHEMES,
            "spacing": SPACINGS,
            "images": IMAGES,
        },
    }
