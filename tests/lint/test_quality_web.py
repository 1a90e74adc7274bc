"""The reader's Quality tab and its JSON twin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.archive import Archive
from onrecord.web import WebConfig, create_app

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("quality") / "q.db"
    with Archive.open(path) as archive:
        archive.ingest([KREMLIN / "54271.txt"], workers=1, enrich=False)
    with TestClient(create_app(WebConfig(str(path)))) as test_client:
        yield test_client


def test_the_json_twin_has_the_findings_and_the_badge_figures(client: TestClient) -> None:
    body = client.get("/api/v1/documents/54271/quality").json()
    assert (body["quality"], body["turns"], body["unknown_speaker_share"]) == ("ok", 28, 0.0)
    assert [(f["permalink"], f["text"], f["suggestion"]) for f in body["findings"]] == [
        ("54271#t1-p2", "ecerything", "everything"),
        ("54271#t5-p1", "201stmilitary", "201st military"),
        ("54271#t17-p3", "several version", "several versions"),
        ("54271#t24-p0", "dificculties", "difficulties"),
    ]


def test_the_quality_tab_lists_them_with_links_to_the_paragraphs(client: TestClient) -> None:
    html = client.get("/documents/54271/quality?rules=typo").text
    assert '<li class="badge badge-ok">Quality: ok</li>' in html
    assert '<a href="/documents/54271#t24-p0">t24-p0</a>' in html
    assert "<td>dificculties</td><td>difficulties</td>" in html
    assert html.count("<code>typo.v1</code>") == 2
    assert (
        'href="/documents/54271/quality" id="quality-link"' in client.get("/documents/54271").text
    )


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/v1/documents/nope/quality", 404), ("/api/v1/documents/54271/quality?rules=x", 400)],
)
def test_bad_ids_and_rules_are_4xx(client: TestClient, url: str, status: int) -> None:
    assert client.get(url).status_code == status


def test_documents_can_be_listed_by_quality(client: TestClient) -> None:
    ok = client.get("/api/v1/documents?quality=ok").json()
    low = client.get("/api/v1/documents?quality=low").json()
    assert ([d["id"] for d in ok["items"]], low["total"]) == (["54271"], 0)
    assert client.get("/api/v1/documents?quality=bad").status_code == 422
    assert client.get("/documents?quality=bad").status_code == 400
    assert "Interview to Mir broadcasting company" in client.get("/documents?quality=ok").text


def test_the_reader_and_its_json_twin_show_the_quality_badge(client: TestClient) -> None:
    body = client.get("/api/v1/documents/54271").json()
    assert body["quality"] == {
        "quality": "ok",
        "turns": 28,
        "unknown_speaker_share": 0.0,
        "warnings": 0,
        "missing": [],
    }
    html = client.get("/documents/54271").text
    assert '<span class="badge badge-ok">ok</span> · <a href="/documents/54271/quality"' in html
