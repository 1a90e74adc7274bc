"""HTML pages, in process: what a reader sees on home, reader, cite, search and speaker pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from onrecord.archive import Archive
from onrecord.model import Document, Speaker, Turn
from onrecord.web import WebConfig, create_app

PAGES = [
    "/",
    "/documents",
    "/documents/54271",
    "/documents/54271/cite?p=t1-p0",
    "/documents/54271/revisions",
    "/search?q=security&speaker=vladimir-putin",
    "/speakers",
    "/speakers/vladimir-putin",
    "/settings",
]
LICENCE = (
    "Source: Presidential Executive Office of the Russian Federation, en.kremlin.ru, CC BY 4.0"
)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_accessible_html_with_a_json_twin(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    assert 'href="#main">Skip to main content' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', html)
    assert twin, "every page links its JSON twin"
    data = client.get(twin.group(1).replace("&amp;", "&"))
    assert data.status_code == 200
    assert data.headers["content-type"].startswith("application/json")


def test_reader_shows_metadata_source_and_licence(client: TestClient) -> None:
    html = client.get("/documents/54271").text
    assert '<h1 id="doc-title">Interview to Mir broadcasting company</h1>' in html
    assert "12 April 2017" in html and "The Kremlin, Moscow" in html
    assert 'href="http://en.kremlin.ru/events/president/news/54271"' in html
    assert LICENCE in html


def test_reader_legend_lists_speakers_with_roles(client: TestClient) -> None:
    html = client.get("/documents/54271").text
    legend = html.split('id="legend-h"')[1].split("</section>")[0]
    assert "Vladimir Putin" in legend and "President of Russia" in legend
    assert "Radik Batyrshin" in legend and "Mir" in legend


def test_reader_has_an_anchor_and_cite_link_for_every_paragraph(
    client: TestClient, web_db: str
) -> None:
    with Archive.open(web_db, readonly=True) as archive:
        doc = archive.get("54271")
    html = client.get("/documents/54271").text
    for turn in doc.turns:
        assert f'id="t{turn.index}"' in html
        for i in range(len(turn.paragraphs)):
            assert f'id="t{turn.index}-p{i}"' in html
            assert f'href="/documents/54271/cite?p=t{turn.index}-p{i}"' in html


def test_reader_pairs_questions_with_answers(client: TestClient) -> None:
    html = client.get("/documents/54271").text
    assert html.count('class="qa"') >= 10  # the interview is question, answer, question...
    first = html.split('class="qa"')[1].split('class="qa"')[0]
    assert "Question</span>" in first and "Answer</span>" in first
    assert 'href="#t1">Go to the answer' in first


def test_cite_page_gives_quote_plain_bibtex_and_csl(client: TestClient) -> None:
    html = client.get("/documents/54271/cite?p=t1-p0").text
    assert "Russia has a vital interest in maintaining stability" in html
    assert "@misc{putin2017-54271-t1-p0," in html
    assert "&#34;type&#34;: &#34;speech&#34;" in html
    assert "http://testserver/documents/54271#t1-p0" in html


def test_cite_of_missing_paragraph_is_a_404_page(client: TestClient) -> None:
    response = client.get("/documents/54271/cite?p=t1-p99")
    assert response.status_code == 404
    assert "no paragraph t1-p99" in response.text and "<h1>404" in response.text


def test_bad_anchor_is_a_400_page(client: TestClient) -> None:
    response = client.get("/documents/54271/cite?p=paragraph-3")
    assert response.status_code == 400
    assert "expected a paragraph anchor like t12-p3" in response.text


def test_search_highlights_filters_and_counts(client: TestClient) -> None:
    html = client.get("/search", params={"q": "terrorism", "speaker": "vladimir-putin"}).text
    assert "<mark>terrorism</mark>" in html or "<mark>Terrorism</mark>" in html
    assert re.search(r'id="result-count">\d+ paragraph', html)
    assert '<option value="vladimir-putin" selected>' in html
    refine = html.split('id="refine-h"')[1]
    assert re.search(
        r'<a href="/search\?q=terrorism&amp;speaker=vladimir-putin&amp;from=\d{4}', refine
    )


def test_search_paginates(client: TestClient) -> None:
    first = client.get("/search", params={"q": "Russia"}).text
    assert 'rel="next" href="?q=Russia&amp;page=2"' in first
    second = client.get("/search", params={"q": "Russia", "page": 2}).text
    assert '<ol class="hits" start="21">' in second


def test_search_without_query_shows_the_form(client: TestClient) -> None:
    response = client.get("/search")
    assert response.status_code == 200 and 'id="s-q"' in response.text


def test_speaker_page_has_roles_chart_and_turns(client: TestClient) -> None:
    html = client.get("/speakers/vladimir-putin").text
    assert "<h1>Vladimir Putin</h1>" in html
    assert "President of Russia" in html.split('id="roles-h"')[1]
    assert html.count('<svg role="img"') == 2 and '<rect x="' in html
    assert "Documents per year" in html and "Words per year" in html
    assert "Read in context" in html


def test_unknown_speaker_is_a_404_page(client: TestClient) -> None:
    response = client.get("/speakers/nobody-at-all")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]


def test_settings_post_sets_cookie_and_pages_use_it(client: TestClient) -> None:
    response = client.post(
        "/settings",
        data={
            "font": "150",
            "scheme": "white-on-black",
            "spacing": "wide",
            "images": "off",
            "next": "/documents/54271",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/documents/54271"
    assert "onrecord_view=150.white-on-black.wide.off" in response.headers["set-cookie"]
    html = client.get("/speakers").text
    assert '<html lang="en" class="font-150 scheme-white-on-black spacing-wide no-images">' in html
    client.cookies.clear()


def test_settings_font_steps_stop_at_200(client: TestClient) -> None:
    client.cookies.set("onrecord_view", "200.default.normal.on")
    response = client.post("/settings", data={"step": "up"}, follow_redirects=False)
    assert "onrecord_view=200.default.normal.on" in response.headers["set-cookie"]
    client.cookies.clear()


def test_settings_never_redirect_off_site(client: TestClient) -> None:
    response = client.post("/settings", data={"next": "//evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_revisions_and_diff_pages(revised_client: TestClient) -> None:
    history = revised_client.get("/documents/54271/revisions").text
    assert "kremlin-html" in history and "saved-text" in history
    diff = revised_client.get("/documents/54271/diff?a=1&b=2")
    assert diff.status_code == 200 and "What changed: revision 1 → 2" in diff.text
    old = revised_client.get("/documents/54271?revision=1").text
    assert "This is an older revision" in old


def test_transcript_text_is_escaped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "x.db"
    hostile = Document(
        id="evil",
        source="evil.txt",
        sha256="0" * 64,
        parser={"name": "test", "version": "1"},
        title="<script>alert('title')</script>",
        date="2020-01-01",
        speakers=[Speaker("mallory", "<img src=x onerror=alert(1)>")],
        turns=[Turn(0, "Mallory", "mallory", ["<script>alert('x')</script> and more"])],
    )
    with Archive.open(db) as archive:
        archive.put_document(hostile)
    with TestClient(create_app(WebConfig(str(db)))) as client:
        html = client.get("/documents/evil").text
        search = client.get("/search?q=alert").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script>alert" not in search


def test_diff_page_marks_the_changed_words_with_the_speaker(edited_db: str) -> None:
    with TestClient(create_app(WebConfig(edited_db))) as edited:
        html = edited.get("/documents/54271/diff").text
        data = edited.get("/api/v1/documents/54271/diff").json()
    turn = html.split('<section class="diff-turn changed"')[1].split("</section>")[0]
    assert "Vladimir Putin" in turn
    assert re.search(r"<del><span class=\"visually-hidden\">removed: </span>20,000</del>", turn)
    assert re.search(r"<ins><span class=\"visually-hidden\">added: </span>25,000</ins>", turn)
    assert "<del>" in turn and turn.count("<del>") == 1  # one word, not a paragraph
    assert "@@" not in html.split("unified-diff")[0]  # the unified diff is tucked away
    [change] = data["turns"]
    assert change["speaker"] == "Vladimir Putin" and change["status"] == "changed"


def _text(html: str) -> str:
    """What a link says, tags dropped and spaces collapsed: its accessible name, with the
    arrows that are hidden from screen readers left out."""
    shown = re.sub(r'<span aria-hidden="true">[^<]*</span>', "", html)
    return " ".join(re.sub(r"<[^>]+>", "", shown).split())


@pytest.mark.parametrize(
    ("doc_id", "count"),
    [("54416", "15 paragraphs"), ("58624", "1 paragraph")],  # accreditation list, a notice
)
def test_a_news_item_without_speakers_has_no_empty_speakers_list(
    client: TestClient, doc_id: str, count: str
) -> None:
    data = client.get(f"/api/v1/documents/{doc_id}").json()
    assert data["speakers"] == [] and data["turns"] == [] and data["preamble"]
    html = client.get(f"/documents/{doc_id}").text
    main = html.split('<main id="main"')[1]
    assert 'id="legend-h"' not in main and ">Speakers</h" not in main  # no heading over nothing
    assert '<div class="para preamble" id="p0">' in html and 'href="#p0"' in html
    # the same paragraph tools as a turn's paragraph: a link, and Cite in the "more" menu
    tools = html.split('id="p0">')[1].split('<div class="para')[0]
    assert tools.count('class="permalink"') == 1 and 'class="para-menu"' in tools
    assert f'href="/documents/{doc_id}/cite?p=p0"' in tools
    assert client.get(f"/documents/{doc_id}/cite?p=p0").status_code == 200
    # its contents count paragraphs, and the list does not call it "0 words · 0 turns"
    assert f'<a href="#text-h">Transcript</a> <span class="count">({count})' in html
    listed = client.get("/documents", params={"from": data["date"], "to": data["date"]}).text
    item = listed.split(f'href="/documents/{doc_id}"')[1].split("</li>")[0]
    assert "· no turns" in item and "0 turns" not in item and "words" not in item


@pytest.mark.parametrize(
    ("page", "twin"),
    [
        ("/documents/54271", "/api/v1/documents/54271"),  # turns
        ("/documents/54416", "/api/v1/documents/54416"),  # a news item: all preamble
        ("/search?q=accreditation", "/api/v1/search?q=accreditation"),  # snippets
        ("/speakers/vladimir-putin", "/api/v1/documents/17976"),  # his turns' excerpts
    ],
)
def test_pages_break_lines_evenly(client: TestClient, page: str, twin: str) -> None:
    """The source's non-breaking spaces (after every short word) are shown as spaces."""
    assert "\u00a0" in client.get(twin).text or "\\u00a0" in client.get(twin).text
    html = client.get(page).text
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert "\u00a0" not in main and "&nbsp;" not in main and "&#160;" not in main


SEED_BEFORE = (
    "Greetings to the International Forum and 8th Congress of Small Indigenous Peoples of"
    " Siberia and the Russian Far East"
)
SEED_AFTER = (
    "The list of Russian and foreign journalists accredited to cover the celebrations of the"
    " 72nd anniversary of Victory in the Great Patriotic War"
)


@pytest.mark.parametrize(
    ("doc_id", "links"),
    [
        (
            "54271",  # 12 April 2017
            [
                ("prev", "54097", f"Previous document: {SEED_BEFORE} 23 March 2017"),
                ("next", "54416", f"Next document: {SEED_AFTER} 2 May 2017"),
            ],
        ),
        (
            "39252",  # the oldest: nothing before it
            [
                (
                    "next",
                    "26889",
                    "Next document: President Vladimir Putin spoke by telephone with French"
                    " President Jacques Chirac 8 November 2001",
                )
            ],
        ),
        (
            "63362",  # the newest: nothing after it
            [
                (
                    "prev",
                    "63281",
                    "Previous document: Meeting on floods and wildfires in the regions"
                    " 27 April 2020",
                )
            ],
        ),
    ],
)
def test_reader_links_to_the_previous_and_next_document_by_date(
    client: TestClient, doc_id: str, links: list[tuple[str, str, str]]
) -> None:
    html = client.get(f"/documents/{doc_id}").text
    found = re.findall(r'<a rel="(prev|next)" href="/documents/(\w+)">(.*?)</a>', html)
    assert [(rel, target, _text(name)) for rel, target, name in found] == links
    nav = html.split('<nav class="doc-neighbours"')[1].split("</nav>")[0]
    assert 'aria-label="Previous and next documents by date"' in nav
    assert nav.count('<span aria-hidden="true">') == len(links)  # arrows are not read out


@pytest.mark.parametrize(
    ("query", "first", "current"),
    [
        ("", "63362", "Newest first"),
        ("?sort=newest", "63362", "Newest first"),
        ("?sort=oldest", "39252", "Oldest first"),
    ],
)
def test_documents_list_sorts_by_date_with_links(
    client: TestClient, query: str, first: str, current: str
) -> None:
    html = client.get("/documents" + query).text
    items = re.findall(r'<a href="/documents/(\w+)" class="doc-title">', html)
    assert items[0] == first and len(items) == 20
    order = html.split('<nav class="sort-links"')[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)"( aria-current="true")?>([^<]+)</a>', order) == [
        (
            "?sort=newest",
            ' aria-current="true"' if current == "Newest first" else "",
            "Newest first",
        ),
        (
            "?sort=oldest",
            ' aria-current="true"' if current == "Oldest first" else "",
            "Oldest first",
        ),
    ]
    assert f"36 documents, {current.split()[0].lower()} first." in html


def test_sorted_list_keeps_its_filters_and_order_across_pages(client: TestClient) -> None:
    html = client.get("/documents?from=2016&sort=oldest").text
    assert "28 documents, oldest first." in html
    assert re.findall(r'<a href="/documents/(\w+)" class="doc-title">', html)[:2] == [
        "51177",
        "51343",
    ]
    assert 'href="?from=2016&amp;sort=oldest&amp;page=2"' in html  # the next page, same order
    assert 'href="?from=2016&amp;sort=newest"' in html  # the other order, same filter
    assert 'href="/api/v1/documents?from=2016&amp;sort=oldest&amp;limit=20"' in html  # JSON twin
    second = client.get("/documents?from=2016&sort=oldest&page=2").text
    ids = re.findall(r'<a href="/documents/(\w+)" class="doc-title">', second)
    assert ids == ["63362", "63281", "62698", "62639", "60344", "59816", "59514", "58624"][::-1]


def test_an_unknown_documents_order_is_a_400(client: TestClient) -> None:
    page = client.get("/documents?sort=date-desc")
    assert page.status_code == 400 and "sort: one of newest, oldest, not" in page.text
    asked = client.get("/documents?sort=date-desc", headers={"Accept": "application/json"})
    assert asked.json()["message"] == "sort: one of newest, oldest, not 'date-desc'"


def test_interview_badges_follow_who_asks(client: TestClient) -> None:
    html = client.get("/documents/54688").text
    # Putin's "You yourselves interfere all the time." turn answers; it is no question
    assert '<div class="turn answer" id="t3">' in html
    assert '<div class="turn question" id="t4">' in html  # "That sounds like a justification."
    questions = html.split('id="questions"')[1].split("</details>")[0]
    assert questions.count("<li>") == 15
