"""The search page and API after issue 14: Ask mode, doc, sort, no dead ends, strict params."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from onrecord import dense


def test_api_ask_returns_turns_with_the_documented_fields(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dense, "available", lambda: False)  # keyword mode, with or without it
    response = client.get("/api/v1/ask", params={"q": "What did Rouhani say about Azerbaijan?"})
    assert response.status_code == 200
    data = response.json()
    hit = data["hits"][0]
    for name in ("doc_id", "turn_index", "paragraph", "text", "speaker", "date", "permalink"):
        assert name in hit
    assert isinstance(hit["score"], float) and hit["doc_id"] == "55980"
    assert data["mode"] == "keyword" and data["notice"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 422),
        ({"q": ""}, 400),
        ({"q": "x" * 1001}, 422),
        ({"q": "oil", "limit": 0}, 422),
        ({"q": '"unbalanced AND ('}, 200),
        ({"q": "что сказал Путин"}, 200),
    ],
)
def test_api_ask_bad_input_is_a_4xx_or_an_answer(
    client: TestClient, params: dict[str, object], status: int
) -> None:
    response = client.get("/api/v1/ask", params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/search?q=russia&speakr=putin",
        "/api/v1/ask?q=oil&page=2",
        "/api/v1/documents?order=newest",  # the list takes sort (issue 18), not order
        "/api/v1/speakers?name=putin",
    ],
)
def test_api_rejects_unknown_parameters(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert "unknown parameter" in response.text


def test_api_search_within_a_document_and_by_date(client: TestClient) -> None:
    data = client.get("/api/v1/search", params={"q": "russia", "doc": "54271"}).json()
    assert data["hits"] and {h["doc_id"] for h in data["hits"]} == {"54271"}
    data = client.get("/api/v1/search", params={"q": "russia", "sort": "oldest"}).json()
    dates = [h["date"] for h in data["hits"]]
    assert dates == sorted(dates) and data["sort"] == "oldest"
    assert client.get("/api/v1/search", params={"q": "russia", "sort": "x"}).status_code == 422


def test_search_page_without_hits_offers_a_way_on_and_no_none(client: TestClient) -> None:
    html = client.get("/search", params={"q": "organisaton"}).text
    assert "Did you mean" in html and "organisation" in html
    assert ">None<" not in html and "None" not in re.sub(r"<[^>]+>", "", html)
    html = client.get("/search", params={"q": "afghanistan quokka"}).text
    assert "some of them" in html


def test_search_page_sorts_and_searches_one_document(client: TestClient) -> None:
    html = client.get("/search", params={"q": "russia", "sort": "newest", "doc": "54271"}).text
    assert 'value="newest" selected' in html
    assert set(re.findall(r'href="/documents/(\w+)#t', html)) == {"54271"}
    assert "Search in this document" in html


def test_search_page_ask_mode_shows_answers_with_the_sentence_marked(client: TestClient) -> None:
    response = client.get(
        "/search", params={"q": "What did Rouhani say about Azerbaijan?", "mode": "ask"}
    )
    assert response.status_code == 200
    html = response.text
    assert "<h1>Ask</h1>" in html and 'class="answer"' in html
    assert 'href="/documents/55980#t0-p' in html
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', html)
    assert twin and twin.group(1).startswith("/api/v1/ask?")
    assert client.get(twin.group(1).replace("&amp;", "&")).status_code == 200


def test_search_page_ask_mode_says_what_it_looked_for(client: TestClient) -> None:
    html = client.get(
        "/search", params={"q": "What did Putin say about Syria in 2017?", "mode": "ask"}
    ).text
    assert re.search(r"Looking for syria; said by Vladimir Putin\b.* first; from 2017 first", html)


def test_search_page_ask_mode_without_answers_says_so(client: TestClient) -> None:
    html = client.get("/search", params={"q": "что сказал Путин", "mode": "ask"}).text
    assert "No turn answers this question" in html


def test_search_page_rejects_an_unknown_mode(client: TestClient) -> None:
    assert client.get("/search", params={"q": "oil", "mode": "guess"}).status_code == 400
