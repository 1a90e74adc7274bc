"""The JSON API in process: shapes, filters, paging, errors, uploads and headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .conftest import KREMLIN, make_client


def test_documents_list_pages_and_filters(client: TestClient) -> None:
    page = client.get("/api/v1/documents", params={"limit": 5, "offset": 5}).json()
    assert page["total"] == 36 and page["limit"] == 5 and page["offset"] == 5
    assert len(page["items"]) == 5
    dates = [d["date"] for d in page["items"]]
    assert dates == sorted(dates, reverse=True)
    in_2017 = client.get("/api/v1/documents", params={"from": "2017", "to": "2017"}).json()
    assert in_2017["total"] == 10
    assert all(d["date"].startswith("2017") for d in in_2017["items"])


# The fixture pages by (date, id), from the pages' dates: the oldest three and the newest
# three, and the seed's neighbours (23 March, 12 April and 2 May 2017).
OLDEST = ["39252", "26889", "26917"]  # 2000-09-08, 2001-11-08, 2001-12-10
NEWEST = ["63362", "63281", "62698"]  # 2020-05-18, 2020-04-27, 2020-01-30


@pytest.mark.parametrize(
    ("sort", "expected"), [(None, NEWEST), ("newest", NEWEST), ("oldest", OLDEST)]
)
def test_documents_sort_by_date(client: TestClient, sort: str | None, expected: list[str]) -> None:
    params = {"limit": 3, **({"sort": sort} if sort else {})}
    page = client.get("/api/v1/documents", params=params).json()
    assert [d["id"] for d in page["items"]] == expected
    assert page["sort"] == (sort or "newest") and page["total"] == 36


def test_oldest_first_pages_on_from_where_the_last_page_stopped(client: TestClient) -> None:
    second = client.get("/api/v1/documents", params={"sort": "oldest", "limit": 2, "offset": 2})
    assert [d["id"] for d in second.json()["items"]] == ["26917", "29623"]  # 2001-12, 2003-10
    in_2016 = client.get(
        "/api/v1/documents", params={"sort": "oldest", "from": "2016", "to": "2016"}
    )
    ids = [d["id"] for d in in_2016.json()["items"]]
    assert ids == ["51177", "51343", "51578", "51617", "51711", "52632", "52861", "52920", "53043"]


@pytest.mark.parametrize(
    ("doc_id", "previous", "following"),
    [("54271", "54097", "54416"), ("39252", None, "26889"), ("63362", "63281", None)],
)
def test_a_document_names_its_previous_and_next_by_date(
    client: TestClient, doc_id: str, previous: str | None, following: str | None
) -> None:
    doc = client.get(f"/api/v1/documents/{doc_id}").json()
    assert (doc["previous"], doc["next"]) == (previous, following)


def test_an_older_revision_names_its_neighbours_too(revised_client: TestClient) -> None:
    old = revised_client.get("/api/v1/documents/54271", params={"revision": 1}).json()
    assert old["revision"] == 1 and (old["previous"], old["next"]) == (None, None)  # alone


def test_one_document_has_turns_and_attribution(client: TestClient) -> None:
    doc = client.get("/api/v1/documents/54271").json()
    assert doc["id"] == "54271" and doc["date"] == "2017-04-12"
    assert doc["turns"][1]["speaker"] == "vladimir-putin"
    assert doc["attribution"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [0, 1] in doc["qa_pairs"]
    assert doc["source"] == "54271.txt"  # no server paths in the API


def test_search_with_speaker_and_dates(client: TestClient) -> None:
    params = {"q": "terrorism", "speaker": "vladimir-putin", "from": "2017", "to": "2017-12-31"}
    result = client.get("/api/v1/search", params=params).json()
    assert result["total"] > 0
    for hit in result["hits"]:
        assert hit["speaker_id"] == "vladimir-putin"
        assert hit["date"].startswith("2017")
        start, end = hit["highlights"][0]
        assert hit["snippet"][start:end].lower() == "terrorism"
    assert {"year", "speaker", "place"} <= set(result["facets"])
    assert result["filters"]["speaker"] == "vladimir-putin"


def test_search_pages_do_not_overlap(client: TestClient) -> None:
    first = client.get("/api/v1/search", params={"q": "Russia", "limit": 10}).json()
    second = client.get("/api/v1/search", params={"q": "Russia", "limit": 10, "offset": 10}).json()
    links = {h["permalink"] for h in first["hits"]}
    assert len(links) == 10 and not links & {h["permalink"] for h in second["hits"]}


def test_speakers_and_speaker_detail(client: TestClient) -> None:
    people = client.get("/api/v1/speakers", params={"limit": 3}).json()
    assert people["items"][0]["id"] == "vladimir-putin" and people["more"] is True
    putin = client.get("/api/v1/speakers/vladimir-putin").json()
    assert putin["roles"][0]["role"] == "President of Russia"
    assert sum(putin["appearances_per_year"].values()) == putin["appearances_total"]
    # five documents a page, oldest first, the next page going on where this one ends
    later = client.get("/api/v1/speakers/vladimir-putin", params={"page": 2}).json()
    assert len(putin["appearances"]) == 5 < putin["appearances_total"]
    assert putin["appearances"][-1]["date"] <= later["appearances"][0]["date"]
    assert not {d["id"] for d in putin["appearances"]} & {d["id"] for d in later["appearances"]}
    assert putin["turns"] and all(t["permalink"].count("#t") == 1 for t in putin["turns"])


def test_stats(client: TestClient) -> None:
    stats = client.get("/api/v1/stats").json()
    assert stats["documents"] == 36 and stats["words"] > 50_000
    one = client.get("/api/v1/stats", params={"doc_id": "54271"}).json()
    assert one["documents"] == 1


def test_cite_json(client: TestClient) -> None:
    c = client.get("/api/v1/documents/54271/cite", params={"p": "t1-p0"}).json()
    assert c["speaker"] == "Vladimir Putin" and c["date"] == "2017-04-12"
    assert c["quote"].startswith("Russia has a vital interest")
    assert c["csl_json"]["issued"] == {"date-parts": [[2017, 4, 12]]}
    assert c["bibtex"].startswith("@misc{putin2017-54271-t1-p0,")


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/v1/documents/99999999", 404, "no such document"),
        ("/api/v1/speakers/nobody-here", 404, "nobody-here"),
        ("/api/v1/search?q=%22unclosed", 400, "quote"),
        ("/api/v1/search?q=", 400, "q: a search query is required"),
        ("/api/v1/search?q=gas&from=2017-13", 400, "from: expected a date"),
        ("/api/v1/documents?limit=1000", 422, "limit"),
        ("/api/v1/search", 422, "q"),
        ("/api/v1/documents/54271/cite?p=t1-p999", 404, "no paragraph"),
        ("/api/v1/documents/54271?revision=9", 404, "no revision 9"),
    ],
)
def test_errors_are_json_with_status_and_message(
    client: TestClient, path: str, status: int, words: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and words in body["message"]
    assert "Traceback" not in response.text


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/documents/54271").headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in ("/", "/documents/54271", "/search?q=gas", "/speakers/vladimir-putin"):
        html = client.get(path).text
        assert "<script>" not in html and " style=" not in html and "<style" not in html
        assert " onclick=" not in html


def test_openapi_and_docs(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/documents",
        "/api/v1/documents/{doc_id}",
        "/api/v1/search",
        "/api/v1/speakers",
        "/api/v1/speakers/{person_id}",
        "/api/v1/stats",
    ):
        assert path in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert (
        "<code>GET /api/v1/search</code>" in docs.text
        and "<caption>Parameters</caption>" in docs.text
    )


def test_api_docs_load_nothing_from_elsewhere(client: TestClient) -> None:
    """Offline the docs read the same: every script, stylesheet and image is the site's own,
    and the page has the site's CSP (no CDN allowed)."""
    import re

    docs = client.get("/docs")
    sources = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    loaded = [u for u in sources if u.startswith(("http", "//"))]
    assert all("creativecommons.org" in u for u in loaded), loaded  # only the licence link
    csp = docs.headers["content-security-policy"]
    assert "cdn" not in csp and "unsafe-inline" not in csp
    for name in ("q", "speaker", "from", "to"):
        assert f"<code>{name}</code>" in docs.text


def test_upload_is_off_without_a_token(tmp_path: Path) -> None:
    with make_client(tmp_path) as fresh:
        response = fresh.post("/api/v1/documents", content=b"text")
    assert response.status_code == 403 and "ONRECORD_TOKEN" in response.json()["message"]


def test_upload_needs_the_right_token(tmp_path: Path) -> None:
    with make_client(tmp_path, token="s3cret") as fresh:
        data = (KREMLIN / "54271.txt").read_bytes()
        wrong = fresh.post(
            "/api/v1/documents", content=data, headers={"Authorization": "Bearer nope"}
        )
        right = fresh.post(
            "/api/v1/documents?source=54271.txt",
            content=data,
            headers={"Authorization": "Bearer s3cret", "Content-Type": "text/plain"},
        )
        again = fresh.post(
            "/api/v1/documents?source=54271.txt",
            content=data,
            headers={"Authorization": "Bearer s3cret"},
        )
        stored = fresh.get("/api/v1/documents/54271")
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert right.status_code == 201 and right.json()["status"] == "inserted"
    assert again.json()["status"] == "unchanged"
    assert stored.json()["title"] == "Interview to Mir broadcasting company"


def test_upload_says_how_sure_the_attribution_is(tmp_path: Path) -> None:
    unsure = (
        b"Minutes\n\nMR SMITH: We begin.\n\nChair said: order.\n\n"
        b"MR JONES: Yes.\n\nChair said: again.\n"
    )
    with make_client(tmp_path, token="t") as fresh:
        sure = fresh.post(
            "/api/v1/documents?source=54271.txt",
            content=(KREMLIN / "54271.txt").read_bytes(),
            headers={"Authorization": "Bearer t"},
        ).json()
        doubtful = fresh.post(
            "/api/v1/documents?source=minutes.txt",
            content=unsure,
            headers={"Authorization": "Bearer t"},
        ).json()
    assert (sure["confidence"], sure["attribution_warnings"]) == (1.0, [])
    assert doubtful["confidence"] == 0.5
    assert doubtful["attribution_warnings"] == [
        "2 paragraphs look like speaker labels but were kept as text, "
        "e.g. turn 0, paragraph 1 'Chair said: order.'"
    ]


def test_upload_over_the_limit_is_413(tmp_path: Path) -> None:
    with make_client(tmp_path, token="t", max_body=1000) as fresh:
        response = fresh.post(
            "/api/v1/documents", content=b"x" * 5000, headers={"Authorization": "Bearer t"}
        )
    assert response.status_code == 413 and "1,000 byte limit" in response.json()["message"]


def test_upload_of_nothing_usable_is_422(tmp_path: Path) -> None:
    with make_client(tmp_path, token="t") as fresh:
        response = fresh.post(
            "/api/v1/documents",
            content=b"\x00\x01\x02" * 100,
            headers={"Authorization": "Bearer t"},
        )
    assert response.status_code == 422 and response.json()["message"]


def test_html_error_pages_for_people(client: TestClient) -> None:
    response = client.get("/documents/99999999")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "no such document" in response.text


def test_streamed_upload_over_the_limit_is_413(tmp_path: Path) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(10):
            yield b"x" * 500

    with make_client(tmp_path, token="t", max_body=1000) as fresh:
        response = fresh.post(
            "/api/v1/documents", content=chunks(), headers={"Authorization": "Bearer t"}
        )
    assert response.status_code == 413


def test_wrong_method_is_a_json_405(client: TestClient) -> None:
    response = client.delete("/api/v1/documents/54271")
    assert response.status_code == 405 and response.json()["status"] == 405


def test_paragraph_anchors_survive_a_reingest(revised_client: TestClient) -> None:
    """54271 stored from the saved text, then from the HTML page: t12-p3 is the same words."""
    old = revised_client.get("/api/v1/documents/54271", params={"revision": 1}).json()
    new = revised_client.get("/api/v1/documents/54271").json()
    assert new["revision"] == 2 and old["parser"] != new["parser"]
    anchors = {
        (t["index"], i): text for t in old["turns"] for i, text in enumerate(t["paragraphs"])
    }
    assert anchors == {
        (t["index"], i): text for t in new["turns"] for i, text in enumerate(t["paragraphs"])
    }


def test_head_is_answered_like_get_without_a_body(client: TestClient) -> None:
    head = client.head("/documents/54271")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(client.get("/documents/54271").content))
    assert client.head("/documents/nope").status_code == 404


def test_listings_show_file_names_not_server_paths(client: TestClient) -> None:
    listing = client.get("/api/v1/documents").json()["items"]
    person = client.get("/api/v1/speakers/vladimir-putin").json()["appearances"]
    home = client.get("/api/v1/overview").json()["recent"]
    for item in [*listing, *person, *home]:
        assert "/" not in item["source"] and item["source"].endswith(".txt")
