"""Atom feeds over HTTP: read by a real feed parser, valid against RFC 4287's schema."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest
from fastapi.testclient import TestClient

from helpers.watching import FIRST, PUTIN, SECOND, transcript
from onrecord import watch
from onrecord.archive import Archive
from onrecord.enrich import annotate
from onrecord.watch import WatchSpec
from onrecord.web import WebConfig, create_app

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "atom" / "atom.rnc"
A = "{http://www.w3.org/2005/Atom}"
TEXT = "Thank you.\n\nThe length of the Afghan border is {} kilometres, and we guard it."


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Watch 1 `gas`, watch 2 `zebra` (nothing yet), watch 3 Putin's figures for the Afghan
    border; a3 stored twice (revision 2); f1 and f2 give the border two lengths."""
    path = tmp_path_factory.mktemp("feeds") / "feeds.db"
    with Archive.open(path) as archive:
        archive.put_documents([FIRST, SECOND])
        watch.add(archive, WatchSpec(query="gas"))
        watch.add(archive, WatchSpec(query="zebra"))
        older = transcript("f1", "2019-05-01", [(PUTIN, TEXT.format("1,400"))])
        newer = transcript("f2", "2021-05-01", [(PUTIN, TEXT.format("2,100"))])
        archive.put_documents([older, newer])
        for document in (FIRST, SECOND, older, newer):
            archive.put_annotations(document.id, annotate(document))
        watch.add(archive, WatchSpec(speaker="Vladimir Putin", figure="Afghan border"))
        archive.put_document(transcript("a3", "2020-03-01", [(PUTIN, "Gas.")]))
        archive.put_document(transcript("a3", "2020-03-01", [(PUTIN, "Gas, gas.")]))
    with TestClient(create_app(WebConfig(str(path)))) as test_client:
        yield test_client


def parsed(client: TestClient, url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content, sanitize_html=False)  # keep <mark>
    assert feed.bozo == 0 and feed.version == "atom10"
    return feed


def test_a_watch_feed_has_an_entry_per_match_linking_its_permalink(client: TestClient) -> None:
    feed = parsed(client, "/feeds/watch/1.atom")
    assert feed.feed.title == "onrecord watch: query: gas"
    assert [(e.link, e.summary) for e in feed.entries] == [
        ("http://testserver/documents/a3/diff?a=1&b=2", "text: 1 line added, 1 removed"),
        ("http://testserver/documents/a3#t0-p0", "[Gas], [gas]."),
        ("http://testserver/documents/a1#t1-p0", "We discussed the [gas] transit."),
        ("http://testserver/documents/a1#t0-p0", "[Gas] prices in Europe rose this winter."),
    ]
    assert "<mark>gas</mark> transit" in feed.entries[2].content[0].value
    assert feed.entries[2].author == "Angela Merkel"


def test_the_feed_of_a_watch_that_matches_nothing_is_valid_and_empty(
    client: TestClient,
) -> None:
    feed = parsed(client, "/feeds/watch/2.atom")
    created = client.get("/api/v1/watches/2").json()["created_at"]
    assert feed.entries == []
    assert datetime.fromisoformat(feed.feed.updated) == datetime.fromisoformat(created)


def test_a_new_figure_entry_quotes_both_statements_with_their_links(client: TestClient) -> None:
    [entry] = parsed(client, "/feeds/watch/3.atom").entries
    links = {link.rel: link.href for link in entry.links}
    assert links == {
        "alternate": "http://testserver/documents/f2#t0-p1",
        "related": "http://testserver/documents/f1#t0-p1",
    }
    html = entry.content[0].value
    assert "<mark>2,100 kilometres</mark>" in html and "<mark>1,400 kilometres</mark>" in html


def test_the_speaker_feed_has_an_entry_a_document_newest_first(client: TestClient) -> None:
    feed = parsed(client, "/feeds/speakers/vladimir-putin.atom")
    assert [e.link.rsplit("/", 1)[1] for e in feed.entries] == [
        "f2#t0-p0",
        "diff?a=1&b=2",
        "a3#t0-p0",
        "a2#t0-p0",
        "a1#t0-p0",
        "f1#t0-p0",
    ]


def test_the_entity_feed_quotes_the_mention(client: TestClient) -> None:
    [entry] = parsed(client, "/feeds/entities/europe.atom").entries
    assert (entry.link, entry.summary) == (
        "http://testserver/documents/a1#t0-p0",
        "Gas prices in [Europe] rose this winter.",
    )


def test_the_documents_feed_says_what_a_revision_changed(client: TestClient) -> None:
    feed = parsed(client, "/feeds/documents.atom")
    assert [e.title for e in feed.entries[:2]] == [
        "Revised transcript (revision 2): text: 1 line added, 1 removed",
        "New document: Meeting a3",
    ]
    assert feed.entries[0].link == "http://testserver/documents/a3/diff?a=1&b=2"
    assert len(feed.entries) == 6  # a1, a2, f1, f2, a3 and its revision


def test_a_search_is_a_feed_too(client: TestClient) -> None:
    feed = parsed(client, "/feeds/search.atom?q=gas&speaker=Angela+Merkel")
    assert [e.link for e in feed.entries] == ["http://testserver/documents/a1#t1-p0"]


FEEDS = [
    "/feeds/watch/1.atom",
    "/feeds/watch/2.atom",
    "/feeds/watch/3.atom",
    "/feeds/speakers/vladimir-putin.atom",
    "/feeds/entities/europe.atom",
    "/feeds/documents.atom",
    "/feeds/search.atom?q=gas",
]


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_keeps_the_rules_of_rfc_4287(client: TestClient, url: str) -> None:
    """The rules the schema cannot say: one id, title and updated each; ids unique
    absolute IRIs; an author for every entry; an alternate link where there is no content
    src; a self link."""
    root = ET.fromstring(client.get(url).content)
    assert [len(root.findall(A + tag)) for tag in ("id", "title", "updated")] == [1, 1, 1]
    assert root.find(A + "author/" + A + "name") is not None
    assert any(link.get("rel") == "self" for link in root.findall(A + "link"))
    ids = [root.findtext(A + "id")]
    for entry in root.findall(A + "entry"):
        assert [len(entry.findall(A + tag)) for tag in ("id", "title", "updated")] == [1, 1, 1]
        alternates = [x for x in entry.findall(A + "link") if x.get("rel") == "alternate"]
        assert len(alternates) == 1
        datetime.fromisoformat(entry.findtext(A + "updated") or "")
        ids.append(entry.findtext(A + "id"))
    assert all(i and i.startswith("urn:onrecord:") for i in ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_validates_against_the_atom_schema(
    client: TestClient, url: str, tmp_path: Path
) -> None:
    jing = shutil.which("jing")
    if jing is None:
        if os.environ.get("CI"):
            pytest.fail("jing is not installed: CI must run `apt-get install -y jing`")
        pytest.skip("jing is not installed (apt-get install -y jing)")
    feed = tmp_path / "feed.xml"
    feed.write_bytes(client.get(url).content)
    result = subprocess.run(
        [jing, "-c", str(SCHEMA), str(feed)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/feeds/watch/abc.atom", 404, "a watch id is a number"),
        ("/feeds/watch/99.atom", 404, "no watch 99"),
        ("/feeds/speakers/nobody-atall.atom", 404, "nobody-atall"),
        ("/feeds/entities/zzzyx.atom", 404, "no mentions of 'zzzyx'"),
        ("/feeds/search.atom?q=%22gas", 400, "quote"),
        ("/feeds/search.atom?from=2020-13", 400, "from"),
        ("/feeds/search.atom", 422, "nothing to watch"),
    ],
)
def test_a_feed_that_cannot_be_made_says_why(
    client: TestClient, url: str, status: int, words: str
) -> None:
    response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_code == status
    assert words in response.json()["message"]
