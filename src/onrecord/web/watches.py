"""Watches over HTTP: the API (`/api/v1/watches`, writing needs the server's token),
Atom feeds (`/feeds/...`) and the "Watch this" form behind the buttons of the search,
speaker and entity pages. Every route calls one function of `onrecord.watch`.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from onrecord import watch
from onrecord.watch import feeds
from onrecord.watch.model import WatchSpec
from onrecord.web.pages import archive_of
from onrecord.web.query import date_param, text_param
from onrecord.web.templating import render
from onrecord.web.upload import check_token, require_token

api = APIRouter(prefix="/api/v1/watches", tags=["watches"])
feed_routes = APIRouter(prefix="/feeds", include_in_schema=False)  # Atom, not the JSON API
pages = APIRouter(include_in_schema=False)

Json = dict[str, Any]
Text = Annotated[str | None, Query(max_length=500)]
AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong token"},
    403: {"description": "Writing is off"},
}
ATOM: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/atom+xml": {}}, "description": "An Atom feed"}
}


class WatchIn(BaseModel):
    """A watch to save: at least one of the question's fields."""

    query: str | None = Field(None, max_length=500, description='Search syntax: "a phrase" OR word')
    speaker: str | None = Field(None, max_length=200, description="Person id or name")
    entity: str | None = Field(None, max_length=200, description="Entity id or name")
    place: str | None = Field(None, max_length=200)
    date_from: str | None = Field(None, max_length=10, description="2017, 2017-04, 2017-04-12")
    date_to: str | None = Field(None, max_length=10)
    figure: str | None = Field(None, max_length=200, description="Subject of new figures")
    name: str | None = Field(None, max_length=200)
    webhook: str | None = Field(None, max_length=2000, description="http(s) URL to POST to")
    secret: str | None = Field(None, max_length=200, description="Signs the webhook's bodies")


def _write(request: Request, spec: WatchSpec) -> Json:
    with request.app.state.access.writer() as archive:
        saved, secret = watch.add(archive, spec)
    return {**saved.to_dict(), "secret": secret}


@api.get("", summary="Saved watches")
def list_watches(request: Request) -> Json:
    return {"watches": [w.to_dict() for w in watch.watches(archive_of(request))]}


@api.post(
    "",
    status_code=201,
    summary="Save a watch (needs the token)",
    responses=AUTH,
    dependencies=[Depends(require_token)],
)
async def add_watch(request: Request, body: WatchIn) -> Json:
    spec = WatchSpec.from_dict(body.model_dump())
    return await run_in_threadpool(_write, request, spec)


@api.get("/{watch_id}", summary="A watch, its newest matches and deliveries")
def get_watch(request: Request, watch_id: str) -> Json:
    archive = archive_of(request)
    saved = watch.get(archive, watch_id)
    found = watch.matches(archive, saved.spec(), newest=feeds.FEED_SIZE)
    return {
        **saved.to_dict(),
        "matches": [m.to_dict() for m in reversed(found)],
        "deliveries": [d.to_dict() for d in watch.deliveries(archive, saved.id)],
    }


@api.delete(
    "/{watch_id}",
    status_code=204,
    summary="Remove a watch (needs the token)",
    responses=AUTH,
    dependencies=[Depends(require_token)],
)
def remove_watch(request: Request, watch_id: str) -> Response:
    with request.app.state.access.writer() as archive:
        watch.remove(archive, watch_id)
    return Response(status_code=204)


def _atom(request: Request, feed: feeds.Feed) -> Response:
    return Response(feeds.render(feed, str(request.base_url)), media_type=feeds.MEDIA_TYPE)


@feed_routes.get("/watch/{watch_id}.atom", summary="A watch's matches", responses=ATOM)
def watch_feed(request: Request, watch_id: str) -> Response:
    return _atom(request, feeds.watch_feed(archive_of(request), watch_id))


@feed_routes.get("/speakers/{person_id}.atom", summary="A speaker's new turns", responses=ATOM)
def speaker_feed(request: Request, person_id: str) -> Response:
    return _atom(request, feeds.speaker_feed(archive_of(request), person_id))


@feed_routes.get("/entities/{entity}.atom", summary="New mentions of an entity", responses=ATOM)
def entity_feed(request: Request, entity: str) -> Response:
    key = text_param("entity", entity) or ""
    return _atom(request, feeds.entity_feed(archive_of(request), key))


@feed_routes.get("/documents.atom", summary="New and revised documents", responses=ATOM)
def documents_feed(request: Request) -> Response:
    return _atom(request, feeds.documents_feed(archive_of(request)))


@feed_routes.get("/search.atom", summary="A search as a feed, newest first", responses=ATOM)
def search_feed(
    request: Request,
    q: Text = None,
    speaker: Text = None,
    place: Text = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
) -> Response:
    spec = _spec(q, speaker, None, place, date_from, date_to)
    watch.validate(archive_of(request), spec)
    params = {"q": q, "speaker": speaker, "place": place, "from": date_from, "to": date_to}
    query = urlencode({k: v for k, v in params.items() if v})
    return _atom(request, feeds.search_feed(archive_of(request), spec, query))


def _spec(
    q: str | None,
    speaker: str | None,
    entity: str | None,
    place: str | None,
    date_from: str | None,
    date_to: str | None,
) -> WatchSpec:
    return WatchSpec(
        query=text_param("q", q, 500),
        speaker=text_param("speaker", speaker),
        entity=text_param("entity", entity),
        place=text_param("place", place),
        date_from=date_param("from", date_from),
        date_to=date_param("to", date_to),
    )


@pages.get("/watches/new")
def new_watch_page(
    request: Request,
    q: Text = None,
    speaker: Text = None,
    entity: Text = None,
    place: Text = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    """The form behind "Watch this": the question filled in, a webhook and the token."""
    spec = _spec(q, speaker, entity, place, date_from, date_to)
    return render(request, "watch.html", {"spec": spec, "saved": None, "secret": None})


@pages.post("/watches")
def save_watch_page(
    request: Request,
    token: Annotated[str, Form(max_length=500)] = "",
    q: Annotated[str | None, Form(max_length=500)] = None,
    speaker: Annotated[str | None, Form(max_length=200)] = None,
    entity: Annotated[str | None, Form(max_length=200)] = None,
    place: Annotated[str | None, Form(max_length=200)] = None,
    date_from: Annotated[str | None, Form(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Form(alias="to", max_length=10)] = None,
    webhook: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    check_token(request.app.state.config, f"Bearer {token}")
    spec = _spec(q, speaker, entity, place, date_from, date_to)
    spec = WatchSpec(**{**spec.question(), "webhook": webhook or None})
    saved = _write(request, spec)
    response = render(
        request, "watch.html", {"spec": spec, "saved": saved, "secret": saved["secret"]}
    )
    response.status_code = 201
    return response
