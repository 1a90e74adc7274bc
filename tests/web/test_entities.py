"""The entity page: mentions over time and co-mentions, HTML and its JSON twin."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_entity_json(client: TestClient) -> None:
    data = client.get("/api/v1/entities/csto").json()
    assert data["entity"]["id"] == "csto"
    assert data["total"] == len(data["mentions"]) > 0
    assert sum(data["timeline"].values()) == data["total"]
    assert any(m["doc_id"] == "54271" for m in data["mentions"])
    assert data["co_mentions"] and all("entity" in c for c in data["co_mentions"])
    dates = [m["date"] for m in data["mentions"]]
    assert dates == sorted(dates)


def test_entity_by_alias_is_the_same_entity(client: TestClient) -> None:
    assert client.get("/api/v1/entities/CSTO").json()["entity"]["id"] == "csto"


def test_entity_page(client: TestClient) -> None:
    response = client.get("/entities/csto")
    assert response.status_code == 200
    html = response.text
    assert "Collective Security Treaty Organisation" in html
    assert "Mentions over time" in html and "<svg" in html
    assert 'href="/documents/54271#t0"' in html
    assert 'href="/api/v1/entities/csto"' in html  # the JSON twin


def test_unknown_entity_is_404(client: TestClient) -> None:
    assert client.get("/entities/no-such-thing-at-all").status_code == 404
    assert client.get("/api/v1/entities/no-such-thing-at-all").status_code == 404


def test_reader_claims_link_their_entities(client: TestClient) -> None:
    data = client.get("/api/v1/documents/54271").json()
    named = {e for c in data["claims"] for e in c["entities"]}
    html = client.get("/documents/54271").text
    panel = html[html.index('<section class="claims"') : html.index('<section class="turns"')]
    for entity_id in named:
        assert f'href="/entities/{entity_id}"' in panel


def test_entity_without_an_id_by_its_name(client: TestClient) -> None:
    """Claims can name an entity the gazetteer lacks; its page is found by the name."""
    response = client.get("/api/v1/entities/Arkhangelsk%20Region")
    assert response.status_code == 200
    assert response.json()["entity"]["name"] == "Arkhangelsk Region"
