"""The entity page: mentions over time and co-mentions, HTML and its JSON twin."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from onrecord.archive import Archive
from onrecord.enrich.reports import entity_report, mentions_report
from onrecord.web import WebConfig, create_app, views_entities


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
    start = html.index('<details class="claims-panel"')
    panel = html[start : html.index("</details>", start)]
    for entity_id in named:
        assert f'href="/entities/{entity_id}"' in panel
    # names as people write them, not the ids of the gazetteer
    assert ">Collective Security Treaty Organisation<" in panel or ">CSTO<" in panel
    assert not re.search(r'Names: [^<]*<a href="/entities/[^"]+">[a-z]+(-[a-z]+)+</a>', panel)


def test_entity_without_an_id_by_its_name(client: TestClient) -> None:
    """Claims can name an entity the gazetteer lacks; its page is found by the name."""
    response = client.get("/api/v1/entities/Arkhangelsk%20Region")
    assert response.status_code == 200
    assert response.json()["entity"]["name"] == "Arkhangelsk Region"


def test_entities_index_is_linked_from_every_page(client: TestClient) -> None:
    assert '<a href="/entities">Entities</a>' in client.get("/").text
    html = client.get("/entities").text
    assert '<a href="/entities/csto">Collective Security Treaty Organisation</a>' in html
    data = client.get("/api/v1/entities").json()["entities"]
    counts = [e["mentions"] for e in data]
    assert counts == sorted(counts, reverse=True) and data[0]["name"]


def test_co_mentions_show_names_not_ids(client: TestClient) -> None:
    from onrecord.enrich.gazetteer import load

    entries = load().entries
    data = client.get("/api/v1/entities/csto").json()
    named = {c["entity"]: c["name"] for c in data["co_mentions"]}
    known = {key: name for key, name in named.items() if key in entries}
    assert known and all(entries[key].name == name for key, name in known.items())
    html = client.get("/entities/csto").text
    co = html.split('id="co-h"')[1].split("</section>")[0]
    for key, name in known.items():
        assert f">{name}</a>" in co.replace("&#39;", "'")
        assert f">{key}</a>" not in co or key == name


def test_mention_snippets_cut_at_words_with_the_mention_marked(client: TestClient) -> None:
    data = client.get("/api/v1/entities/csto").json()
    assert data["mentions"]
    for m in data["mentions"]:
        before, after = m["before"], m["after"]
        # a cut is marked with an ellipsis and falls between words
        assert not before or before.startswith("…") or m["context"].startswith(before)
        assert not before.startswith("…") or before[1:2].strip()
        assert not after.endswith("…") or not after[-2:-1].isspace()
    html = client.get("/entities/csto").text
    assert re.search(r'<p class="snippet">[^<]*<mark>(CSTO|Collective Security[^<]*)</mark>', html)


def _old_reports(web_db: str, entity: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The listing and one entity's mentions as they were computed before the entity
    index: from every document's stored annotations."""
    with Archive.open(web_db, readonly=True) as archive:
        items = [(d, archive.annotations(d.id, "entity")) for d in archive.iter_documents()]
    return entity_report(items), mentions_report(items, entity)


def test_the_index_answers_as_every_documents_annotations_did(
    client: TestClient, web_db: str
) -> None:
    listing, csto = _old_reports(web_db, "csto")
    before = {(r["id"] or r["name"], r["mentions"], r["documents"]) for r in listing["entities"]}
    pages = [client.get(f"/api/v1/entities?offset={n}").json() for n in (0, 200, 400)]
    listed = [e for page in pages for e in page["entities"]]
    assert pages[0]["total"] == len(listed) > 400
    assert {(e["key"], e["mentions"], e["documents"]) for e in listed} == {
        row for row in before if row[0]
    }
    page = client.get("/api/v1/entities/csto").json()
    order = sorted(
        csto["mentions"], key=lambda m: (m["date"], m["doc_id"], m["turn"] or 0, m["start"])
    )
    assert page["mentions"] == order[: page["limit"]]  # speakers and snippets as before
    assert page["total"] == len(order)
    assert page["timeline"] == csto["timeline"]
    assert page["co_mentions"] == csto["co_mentions"]


def test_entity_mentions_are_paged(client: TestClient) -> None:
    every = client.get("/api/v1/entities/csto").json()["mentions"]
    assert len(every) > 2
    page = client.get("/api/v1/entities/csto?limit=2&offset=1").json()
    assert (page["limit"], page["offset"], page["mentions"]) == (2, 1, every[1:3])


def test_the_last_page_of_mentions_has_no_next(
    web_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(WebConfig(web_db, cache_entries=0))) as uncached:
        total = uncached.get("/api/v1/entities/csto").json()["total"]
        monkeypatch.setattr(views_entities, "SHOWN", total - 1)  # all but one, then one
        first = uncached.get("/entities/csto").text
        last = uncached.get("/entities/csto?page=2").text
    assert '<a rel="next" href="?page=2">Next</a>' in first
    assert 'rel="next"' not in last
    assert '<a rel="prev" href="?">Previous</a>' in last


def test_entities_listing_is_paged(web_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    total, every = _api_listing(web_db)
    monkeypatch.setattr(views_entities, "LISTED", 2)
    with TestClient(create_app(WebConfig(web_db, cache_entries=0))) as uncached:
        first = uncached.get("/entities").text
        second = uncached.get("/entities?page=2").text
    assert '<a rel="next" href="?page=2">Next</a>' in first
    assert f'href="/entities/{quote(every[0])}"' in first
    assert f'href="/entities/{quote(every[2])}"' not in first
    assert f'href="/entities/{quote(every[2])}"' in second
    assert '<a rel="prev" href="?">Previous</a>' in second
    assert f"{total} entities, 3 to 4 shown" in second


def _api_listing(web_db: str) -> tuple[int, list[str]]:
    """How many entities there are (under a thousand), and the first page's keys."""
    with TestClient(create_app(WebConfig(web_db, cache_entries=0))) as uncached:
        data = uncached.get("/api/v1/entities").json()
    assert 1000 > data["total"] > len(data["entities"]) == 200
    return data["total"], [e["key"] for e in data["entities"]]
