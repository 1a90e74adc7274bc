"""The watches API (token to write), the "Watch this" links and form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from helpers.watching import FIRST, SECOND
from onrecord.archive import Archive
from onrecord.enrich import annotate
from onrecord.web import WebConfig, create_app

TOKEN = {"Authorization": "Bearer s3cret"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "web.db"
    with Archive.open(path) as archive:
        archive.put_documents([FIRST, SECOND])
        archive.put_annotations(FIRST.id, annotate(FIRST))
    with TestClient(create_app(WebConfig(str(path), token="s3cret"))) as test_client:
        yield test_client


def test_saving_a_watch_needs_the_token(client: TestClient) -> None:
    none = client.post("/api/v1/watches", json={"query": "gas"})
    wrong = client.post("/api/v1/watches", json={"query": "gas"}, headers={"Authorization": "x"})
    right = client.post("/api/v1/watches", json={"query": "gas"}, headers=TOKEN)
    assert (none.status_code, wrong.status_code, right.status_code) == (401, 401, 201)
    assert {k: right.json()[k] for k in ("id", "query", "feed", "secret")} == {
        "id": 1,
        "query": "gas",
        "feed": "/feeds/watch/1.atom",
        "secret": None,
    }
    listed = client.get("/api/v1/watches").json()["watches"]
    assert [(w["id"], w["name"]) for w in listed] == [(1, "query: gas")]


def test_a_watch_as_json_has_its_matches(client: TestClient) -> None:
    client.post("/api/v1/watches", json={"query": "transit"}, headers=TOKEN)
    body = client.get("/api/v1/watches/1").json()
    assert [(m["quote"]["permalink"], m["quote"]["highlights"]) for m in body["matches"]] == [
        ("a1#t1-p0", [[21, 28]])  # "We discussed the gas " is 21 characters
    ]
    assert body["deliveries"] == []


def test_removing_a_watch_needs_the_token_and_an_existing_id(client: TestClient) -> None:
    client.post("/api/v1/watches", json={"speaker": "Angela Merkel"}, headers=TOKEN)
    assert client.delete("/api/v1/watches/1").status_code == 401
    assert client.delete("/api/v1/watches/7", headers=TOKEN).status_code == 404
    assert client.delete("/api/v1/watches/one", headers=TOKEN).status_code == 404
    assert client.delete("/api/v1/watches/1", headers=TOKEN).status_code == 204
    assert client.get("/api/v1/watches/1").status_code == 404


def test_writing_is_off_without_a_token(tmp_path: Path) -> None:
    with TestClient(create_app(WebConfig(str(tmp_path / "off.db")))) as off:
        response = off.post("/api/v1/watches", json={"query": "gas"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({}, 422, "nothing to watch"),
        ({"query": "gas", "webhook": "file:///etc/passwd"}, 422, "http or https, not file"),
        ({"query": "gas", "webhook": "gopher://h/"}, 422, "not gopher"),
        ({"query": "(gas"}, 400, "parenthesis"),
        ({"speaker": "Nobody Atall"}, 404, "no speaker"),
        ({"query": "gas", "date_to": "yesterday"}, 400, "date_to"),
        ({"query": "x" * 501}, 422, "at most 500 characters"),
    ],
)
def test_a_bad_watch_is_a_4xx_that_says_why(
    client: TestClient, body: dict[str, str], status: int, words: str
) -> None:
    response = client.post("/api/v1/watches", json=body, headers=TOKEN)
    assert response.status_code == status
    assert words in response.json()["message"]


@pytest.mark.parametrize(
    ("page", "watch_link", "feed_link"),
    [
        ("/search?q=gas", "/watches/new?q=gas", "/feeds/search.atom?q=gas"),
        (
            "/speakers/angela-merkel",
            "/watches/new?speaker=angela-merkel",
            "/feeds/speakers/angela-merkel.atom",
        ),
        ("/entities/europe", "/watches/new?entity=europe", "/feeds/entities/europe.atom"),
    ],
)
def test_search_speaker_and_entity_pages_have_watch_this(
    client: TestClient, page: str, watch_link: str, feed_link: str
) -> None:
    html = client.get(page).text
    assert f'<a href="{watch_link}" id="watch-this">Watch this</a>' in html
    assert f'<a href="{feed_link}" type="application/atom+xml">Atom feed</a>' in html
    form = client.get(watch_link).text
    value = watch_link.split("=", 1)[1]
    assert f'value="{value}"' in form


def test_the_watch_form_saves_with_the_token_and_shows_the_feed(client: TestClient) -> None:
    refused = client.post("/watches", data={"q": "gas", "token": "nope"})
    saved = client.post(
        "/watches", data={"q": "gas", "token": "s3cret", "webhook": "https://example.org/h"}
    )
    assert refused.status_code == 401
    assert saved.status_code == 201
    assert "Saved as watch 1: query: gas." in saved.text
    assert '<a href="/feeds/watch/1.atom" type="application/atom+xml">' in saved.text
    assert 'id="watch-secret"' in saved.text
