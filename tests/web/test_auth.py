"""Who may write, and what each API route answers when a request is wrong.

The upload token: a table of `Authorization` headers against every route that writes to
the archive. The scheme is case-insensitive and separated from the token by one or more
spaces (RFC 7235 `credentials = auth-scheme 1*SP token68`); the token must be the whole
configured token, not a prefix of it or a longer string that starts with it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from onrecord.web import WebConfig, create_app

from .conftest import KREMLIN, make_client

TOKEN = "s3cret-token"
PAGE = (KREMLIN / "54271.txt").read_bytes()

# Routes that change the archive, and what they need. A new write route must join this
# table (test_every_write_route_is_in_the_table), so that it cannot ship unguarded.
GUARDED = {
    ("POST", "/api/v1/documents"),
    ("POST", "/api/v1/watches"),
    ("DELETE", "/api/v1/watches/{watch_id}"),
}
# The watch form takes the token as a form field (a browser sends no header).
FORM_GUARDED = {("POST", "/watches")}
# View settings are a cookie of the reader's own browser: no archive write, no token.
UNGUARDED = {("POST", "/settings")}

REFUSED = {
    "missing": None,
    "empty": "",
    "scheme only": "Bearer",
    "scheme and a space": "Bearer ",
    "prefix of the token": f"Bearer {TOKEN[:6]}",
    "one character short": f"Bearer {TOKEN[:-1]}",
    "token and more": f"Bearer {TOKEN}x",
    "token in other case": f"Bearer {TOKEN.upper()}",
    "wrong token": "Bearer nope",
    "no scheme": TOKEN,
    "scheme glued to the token": f"Bearer{TOKEN}",
    "wrong scheme Basic": f"Basic {TOKEN}",
    "wrong scheme Token": f"Token {TOKEN}",
    "scheme with a suffix": f"Bearerx {TOKEN}",
    "two tokens": f"Bearer {TOKEN} {TOKEN}",
}
ACCEPTED = {
    "canonical": f"Bearer {TOKEN}",
    "lower-case scheme": f"bearer {TOKEN}",
    "upper-case scheme": f"BEARER {TOKEN}",
    "two spaces": f"Bearer  {TOKEN}",
    "a tab": f"Bearer\t{TOKEN}",
}


def _all_routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(path, route) of every route, those of included routers too (FastAPI keeps them
    behind a wrapper that knows the prefix they were included with)."""
    for route in routes:
        included = getattr(route, "include_context", None)
        if included is None:
            yield prefix + getattr(route, "path", ""), route
        else:
            inner = included.included_router.routes
            yield from _all_routes(inner, prefix + included.prefix)


def write_routes() -> set[tuple[str, str]]:
    """Every route of the app that writes, in the API's schema or not (pages, forms)."""
    writes = {"POST", "PUT", "PATCH", "DELETE"}
    found = {
        (method, path)
        for path, route in _all_routes(create_app(WebConfig(":memory:")).routes)
        if isinstance(route, APIRoute)
        for method in route.methods
    }
    return {(method, path) for method, path in found if method in writes}


def test_every_write_route_is_in_the_table() -> None:
    assert write_routes() == GUARDED | FORM_GUARDED | UNGUARDED


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with make_client(tmp_path_factory.mktemp("auth"), token=TOKEN) as client:
        yield client


def _headers(authorization: str | None) -> dict[str, str]:
    return {} if authorization is None else {"Authorization": authorization}


@pytest.mark.parametrize("route", sorted(GUARDED))
@pytest.mark.parametrize("authorization", REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_authorization_header_is_401_and_stores_nothing(
    guarded: TestClient, route: tuple[str, str], authorization: str | None
) -> None:
    method, path = route
    response = guarded.request(method, path, content=PAGE, headers=_headers(authorization))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == {
        "error": "Unauthorized",
        "status": 401,
        "message": "a valid 'Authorization: Bearer <token>' header is required",
    }
    assert guarded.get("/api/v1/documents").json()["total"] == 0
    assert guarded.get("/api/v1/watches").json()["watches"] == []


@pytest.mark.parametrize("authorization", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_the_token_with_any_case_of_the_scheme_uploads(tmp_path: Path, authorization: str) -> None:
    with make_client(tmp_path, token=TOKEN) as client:
        response = client.post(
            "/api/v1/documents?source=54271.txt", content=PAGE, headers=_headers(authorization)
        )
        listing = client.get("/api/v1/documents").json()
    assert response.status_code == 201
    assert response.json()["id"] == "54271" and response.json()["status"] == "inserted"
    assert [item["id"] for item in listing["items"]] == ["54271"]


@pytest.mark.parametrize("authorization", [None, "", "Bearer ", f"Bearer {TOKEN}"])
def test_without_a_configured_token_uploads_are_off_whatever_the_header(
    tmp_path: Path, authorization: str | None
) -> None:
    with make_client(tmp_path) as client:
        response = client.post("/api/v1/documents", content=PAGE, headers=_headers(authorization))
        total = client.get("/api/v1/documents").json()["total"]
    assert response.status_code == 403
    assert response.json()["message"] == (
        "uploads are off: start the server with ONRECORD_TOKEN set"
    )
    assert total == 0


def test_an_empty_body_with_the_token_is_422(guarded: TestClient) -> None:
    response = guarded.post(
        "/api/v1/documents", content=b" \n", headers=_headers(ACCEPTED["canonical"])
    )
    assert response.status_code == 422
    assert response.json() == {
        "error": "Unprocessable Entity",
        "status": 422,
        "message": "the request body is empty",
    }


@pytest.mark.parametrize(
    ("given", "recorded"),
    [
        ("54271.txt", "54271.txt"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\page.html", "page.html"),
        ("a b;c.txt", "a_b_c.txt"),
        # no name: named by the body's hash (here of no bytes: sha256 e3b0c442...)
        ("...", "upload-e3b0c44298fc.txt"),
        ("x" * 150 + ".txt", "x" * 100),
        (None, "upload-e3b0c44298fc.txt"),
    ],
)
def test_the_source_name_keeps_only_the_file_name(given: str | None, recorded: str) -> None:
    from onrecord.web.upload import source_name

    assert source_name(given) == recorded


# Each API route's error statuses, on an archive of one document (54271, from its text).


@pytest.fixture(scope="module")
def one_doc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with make_client(tmp_path_factory.mktemp("one"), token=TOKEN) as client:
        stored = client.post(
            "/api/v1/documents?source=54271.txt", content=PAGE, headers=_headers(f"Bearer {TOKEN}")
        )
        assert stored.status_code == 201
        yield client


ERRORS = [
    ("/api/v1/documents/nope", 404, "nope: no such document"),
    ("/api/v1/documents/nope/revisions", 404, "nope: no such document"),
    ("/api/v1/documents/nope/diff", 404, "nope: no such document"),
    ("/api/v1/documents/54271?revision=2", 404, "54271: no revision 2"),
    (
        "/api/v1/documents/54271?revision=0",
        422,
        "invalid request: revision: Input should be greater than or equal to 1",
    ),
    ("/api/v1/documents/54271/cite?p=t999-p0", 404, "54271: no paragraph t999-p0"),
    (
        "/api/v1/documents/54271/cite?p=nonsense",
        400,
        "p: expected a paragraph anchor like t12-p3, got 'nonsense'",
    ),
    ("/api/v1/documents/54271/cite", 422, "invalid request: p: Field required"),
    ("/api/v1/documents/nope/cite?p=t0-p0", 404, "nope: no such document"),
    ("/api/v1/search?q=%22unclosed", 400, 'unbalanced quote: close the phrase with "'),
    (
        "/api/v1/search?q=NOT+russia",
        400,
        "NOT needs a word to match beside it (e.g. `russia NOT ukraine`)",
    ),
    ("/api/v1/search?q=r*", 400, "prefix 'r*' is too short: give at least 2 letters"),
    (
        "/api/v1/search?q=russia&limit=0",
        422,
        "invalid request: limit: Input should be greater than or equal to 1",
    ),
    (
        "/api/v1/search?q=russia&from=yesterday",
        400,
        "from: expected a date like 2017, 2017-04 or 2017-04-12, got 'yesterday'",
    ),
    (
        "/api/v1/documents?limit=100000",
        422,
        "invalid request: limit: Input should be less than or equal to 100",
    ),
    (
        "/api/v1/documents?offset=-1",
        422,
        "invalid request: offset: Input should be greater than or equal to 0",
    ),
    ("/api/v1/nothing-here", 404, "Not Found"),
    ("/api/v1/entities/nope", 404, "no mentions of 'nope'"),
    ("/api/v1/stats?doc_id=nope", 404, "nope: no such document"),
    (
        "/api/v1/speakers?limit=0",
        422,
        "invalid request: limit: Input should be greater than or equal to 1",
    ),
    ("/api/v1/speakers/nobody-at-all", 404, "nobody-at-all: no such speaker"),
    (
        "/api/v1/speakers/vladimir-putin?page=0",
        422,
        "invalid request: page: Input should be greater than or equal to 1",
    ),
    ("/api/v1/documents/54271/diff?a=5", 404, "54271: no revision 5"),
    (
        "/api/v1/documents/54271/diff?a=0",
        422,
        "invalid request: a: Input should be greater than or equal to 1",
    ),
    ("/api/v1/search?q=", 400, "q: a search query is required"),
    ("/api/v1/ask?q=", 400, "q: a search query is required"),
    (
        "/api/v1/ask?q=russia&limit=0",
        422,
        "invalid request: limit: Input should be greater than or equal to 1",
    ),
    ("/api/v1/entities?kind=nope", 422, "invalid request: kind: unknown parameter"),
    ("/api/v1/documents/nope/quality", 404, "nope: no such document"),
    ("/api/v1/watches/nope", 404, "no watch 'nope': a watch id is a number"),
    (
        "/api/v1/search?q=russia&offset=-1",
        422,
        "invalid request: offset: Input should be greater than or equal to 0",
    ),
    (
        "/api/v1/documents?sort=date-desc",
        422,
        "invalid request: sort: Input should be 'newest' or 'oldest'",
    ),
    (
        "/api/v1/documents?sort=relevance",  # search's order, not a list's
        422,
        "invalid request: sort: Input should be 'newest' or 'oldest'",
    ),
    (
        "/api/v1/documents?from=notadate",
        400,
        "from: expected a date like 2017, 2017-04 or 2017-04-12, got 'notadate'",
    ),
]


@pytest.mark.parametrize(("path", "status", "message"), ERRORS)
def test_api_errors_are_json_with_their_status(
    one_doc: TestClient, path: str, status: int, message: str
) -> None:
    response = one_doc.get(path)
    body = response.json()
    assert response.status_code == status, body
    assert response.headers["content-type"] == "application/json"
    assert body["status"] == status and body["error"]
    assert body["message"] == message


def test_every_api_route_with_parameters_has_its_errors_in_the_table(
    one_doc: TestClient,
) -> None:
    paths = one_doc.get("/api/v1/openapi.json").json()["paths"]
    pattern = {p: re.compile("^" + re.sub(r"\{\w+\}", "[^/?]+", p) + "(\\?|$)") for p in paths}
    checked = {p for p, rx in pattern.items() for path, _, _ in ERRORS if rx.match(path)}
    # the home page's counts, the view settings and the list of watches take no parameter
    # a client can get wrong (a watch's body: tests/watch/test_watch_web.py)
    assert set(paths) - checked == {"/api/v1/overview", "/api/v1/view-settings", "/api/v1/watches"}


def test_a_wrong_parameter_is_a_422_naming_the_field(one_doc: TestClient) -> None:
    response = one_doc.get("/api/v1/search", params={"q": "russia", "limit": "many"})
    assert response.status_code == 422
    body = response.json()
    said = "Input should be a valid integer, unable to parse string as an integer"
    assert body["details"] == [{"field": "limit", "message": said}]
    assert body["message"] == f"invalid request: limit: {said}"


def test_an_error_without_details_has_no_details_field(one_doc: TestClient) -> None:
    assert "details" not in one_doc.get("/api/v1/documents/nope").json()


def test_an_unexpected_error_is_a_500_without_a_traceback(
    one_doc: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from onrecord.web import views_people

    def broken(*_: object) -> None:
        raise RuntimeError("boom at /secret/path.py line 3")

    monkeypatch.setattr(views_people, "stats", broken)
    with TestClient(one_doc.app, raise_server_exceptions=False) as client:
        api = client.get("/api/v1/stats")
    assert api.status_code == 500
    assert api.json() == {
        "error": "Internal Server Error",
        "status": 500,
        "message": "internal error (RuntimeError)",
    }
    # the traceback goes to the server's log, for whoever runs it
    (record,) = [r for r in caplog.records if r.name == "onrecord.web"]
    assert record.getMessage() == "internal error on /api/v1/stats" and record.exc_info


def test_a_person_gets_an_html_error_page_and_an_api_client_json(one_doc: TestClient) -> None:
    page = one_doc.get("/documents/nope")
    asked = one_doc.get("/documents/nope", headers={"Accept": "application/json"})
    both = one_doc.get("/documents/nope", headers={"Accept": "text/html, application/json"})
    assert page.status_code == asked.status_code == both.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "nope: no such document" in page.text
    assert asked.json()["message"] == "nope: no such document"
    assert both.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/documents?from=notadate",
        "/api/v1/search?q=russia&from=notadate",
        "/api/v1/ask?q=russia&from=notadate",
        "/documents?from=notadate",
        "/search?q=russia&from=notadate",
    ],
)
def test_every_listing_checks_its_date_filter_the_same_way(one_doc: TestClient, path: str) -> None:
    """The filters are one dependency of the API and the pages: one check, one message."""
    response = one_doc.get(path)
    assert response.status_code == 400
    said = "from: expected a date like 2017, 2017-04 or 2017-04-12, got 'notadate'"
    assert said in html.unescape(response.text)
