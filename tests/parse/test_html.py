"""The site's HTML pages: same structure as their saved text, metadata from the markup."""

from __future__ import annotations

import json

import pytest

from onrecord.parse import parse_bytes, parse_file


def gold(kremlin_dir):
    return {r["id"]: r for r in map(json.loads, (kremlin_dir / "gold.jsonl").open())}


def test_seed_page_from_html(kremlin_dir):
    document = parse_file(kremlin_dir / "54271.html")
    assert document.id == "54271"
    assert document.url == "http://en.kremlin.ru/events/president/news/54271"
    assert (document.date, document.time, document.place) == (
        "2017-04-12",
        "12:00",
        "The Kremlin, Moscow",
    )
    assert len(document.turns) == 28
    assert document.parser["name"] == "kremlin-html"


def test_every_fixture_page_matches_its_gold_turns(kremlin_dir):
    records = gold(kremlin_dir)
    for page_id, record in records.items():
        document = parse_file(kremlin_dir / f"{page_id}.html")
        assert [t.label for t in document.turns] == [t["label"] for t in record["turns"]], page_id
        assert document.title == " ".join(record["title"].split())


def test_parenthetical_remark_outside_the_bold_is_part_of_the_label():
    html = (
        '<html><body><h1 class="entry-title">Talks</h1><div class="entry-content">'
        "<p><b>President of Turkey Recep Tayyip Erdogan </b>(<i>retranslated</i>): Friends.</p>"
        "<p><b>Vladimir Putin</b>: Thank you.</p>"
        "<p><b>The message reads:</b> not a speaker.</p></div></body></html>"
    )
    document = parse_bytes(html.encode(), "talks.html")
    assert [t.label for t in document.turns] == [
        "President of Turkey Recep Tayyip Erdogan (retranslated)",
        "Vladimir Putin",
    ]
    assert document.turns[1].paragraphs == ["Thank you.", "The message reads: not a speaker."]
    assert any(n.kind == "retranslated" for n in document.notes)


def test_split_first_letter_and_tail_of_a_bold_name():
    html = (
        '<html><body><h1 class="entry-title">T</h1><div class="entry-content">'
        "<p>V<b>ladimir Putin:</b> One.</p><p><b>Dmitry Pesko</b><b>v</b>: Two.</p>"
        "</div></body></html>"
    )
    document = parse_bytes(html.encode(), "t.html")
    assert [t.label for t in document.turns] == ["Vladimir Putin", "Dmitry Peskov"]


@pytest.mark.parametrize("name", ["print.html", "other-site.html"])
def test_other_html_is_read_as_text(name):
    html = (
        "<html><head><title>Press conference</title></head><body><nav>Home | News</nav>"
        "<h1>Press conference</h1><p>March 1, 2020, Washington</p>"
        "<p>MR. SMITH: Good morning.</p><p>Q: Any news?</p><p>MR. SMITH: None.</p></body></html>"
    )
    document = parse_bytes(html.encode(), name)
    assert document.title == "Press conference"
    assert document.date == "2020-03-01"
    assert [t.label for t in document.turns] == ["MR. SMITH", "Q", "MR. SMITH"]


def test_print_version_markup_with_microdata_body():
    html = (
        '<html><body><div class="print"><h1>Meeting with Governor</h1>'
        '<p class="date">May 5, 2018, Novo-Ogaryovo, Moscow Region</p>'
        '<div itemprop="articleBody"><p>The Governor reported.</p>'
        "<p><b>Vladimir Putin:</b> Good afternoon.</p>"
        "<p><b>Governor of Tula Region Alexei Dyumin</b>: Hello.</p></div></div></body></html>"
    )
    document = parse_bytes(html.encode(), "57000.print.html")
    assert (document.id, document.title, document.date) == (
        "57000",
        "Meeting with Governor",
        "2018-05-05",
    )
    assert document.place == "Novo-Ogaryovo, Moscow Region"
    assert document.preamble == ["The Governor reported."]
    assert [t.speaker for t in document.turns] == ["vladimir-putin", "alexei-dyumin"]


def test_site_page_read_as_any_html_keeps_its_structure(kremlin_dir):
    document = parse_file(kremlin_dir / "54271.html", reader="html-text")
    assert document.parser["name"] == "html-text"
    assert (document.title, document.date, document.place) == (
        "Interview to Mir broadcasting company",
        "2017-04-12",
        "The Kremlin, Moscow",
    )
    assert len(document.turns) == 28
    assert {s.name for s in document.speakers} == {"Radik Batyrshin", "Vladimir Putin"}


def test_unknown_reader_name_is_an_input_error(kremlin_dir):
    from onrecord.errors import InputError

    with pytest.raises(InputError, match="no reader named 'pdf'"):
        parse_file(kremlin_dir / "54271.html", reader="pdf")


def test_other_html_with_a_short_lead_between_the_heading_and_the_date():
    html = (
        "<html><body><main><h1>Greetings to the Congress of Journalists</h1>"
        "<p>Vladimir Putin sent a message of greetings to the delegates</p>"
        "<p>April 18, 2013</p><p>The message reads, in part:</p>"
        "<p>“Your forum has great importance for the public life of the country.”</p>"
        "</main></body></html>"
    )
    document = parse_bytes(html.encode(), "greetings.html")
    assert document.title == "Greetings to the Congress of Journalists"
    assert document.lead == "Vladimir Putin sent a message of greetings to the delegates"
    assert document.date == "2013-04-18"
    assert document.preamble[0] == "The message reads, in part:"


@pytest.mark.parametrize(
    "place",
    [
        "10 Downing Street, London",
        "Moscow region, Gorki",
        "Pratica-Di-Mare (Italian Air Force Base)",
    ],
)
def test_the_line_after_the_time_is_the_place(place):
    html = (
        "<html><body><main><h1>Talks with the Prime Minister</h1><p>October 5, 2005</p>"
        f"<p>16:40</p><p>{place}</p><p>They discussed questions of counter-terrorism.</p>"
        "</main></body></html>"
    )
    document = parse_bytes(html.encode(), "talks.html")
    assert (document.date, document.time, document.place) == ("2005-10-05", "16:40", place)
    assert document.preamble == ["They discussed questions of counter-terrorism."]


def test_the_first_status_time_dates_a_page_before_other_dated_times():
    # a dated time of a sidebar comes first in the page; the page's own date is the first
    # one under `read__status` (a second status time, of a related item, is not it)
    html = (
        '<html><body><aside><time datetime="2001-01-01">Jan 1</time></aside>'
        '<h1 class="entry-title">Talks</h1>'
        '<div class="read__status"><time datetime="2017-04-12">April 12</time></div>'
        '<div class="read__status"><time datetime="2016-02-02">Feb 2</time></div>'
        '<div class="entry-content"><p><b>Vladimir Putin:</b> Good afternoon.</p></div>'
        "</body></html>"
    )
    assert parse_bytes(html.encode(), "p.html").date == "2017-04-12"


def _site_page(nav: str = "", article: str = "", after: str = "", head: str = "") -> bytes:
    """A page of the site's layout: menus, the article's stretch up to the permalink, then
    the tabs and footer (`after`)."""
    return (
        f"<html><head>{head}</head><body><nav>{nav}<a href='/'>Events</a></nav>"
        '<div class="read"><article><h1 class="entry-title">Talks</h1>'
        f"{article}"
        '<div class="entry-content read__internal_content">'
        "<p><b>Vladimir Putin:</b> Good afternoon.</p></div>"
        '<span class="material_link">http://en.kremlin.ru/events/president/news/54271</span>'
        f"</article></div><footer>{after}</footer></body></html>"
    ).encode()


_PUBLISHED = '<time class="read__published" datetime="2017-04-12">April 12, 2017, 12:00</time>'


def test_the_site_layout_is_read_from_the_article_stretch(kremlin_dir):
    # the menus and the footer are two thirds of a page: the usual layout skips them
    from onrecord.parse.kremlin_html import article_stretch

    found = article_stretch((kremlin_dir / "54271.html").read_bytes())
    assert found is not None
    assert found[0].count(b"<h1") == 1 and b"footer" not in found[0]


@pytest.mark.parametrize(
    "landmark",
    [
        "<h1>Menu</h1>",
        '<time datetime="2001-01-01">Jan 1</time>',
        '<div class="read__place">Sochi</div>',
        '<div class="entry-content">',
        '<div itemprop="articleBody">',
        '<span class="material_link">x</span>',
    ],
)
def test_a_page_with_a_landmark_before_the_article_is_read_whole(landmark):
    from onrecord.parse.kremlin_html import article_stretch

    assert article_stretch(_site_page(article=_PUBLISHED)) is not None
    assert article_stretch(_site_page(nav=landmark, article=_PUBLISHED)) is None


_MOSCOW = '<div class="read__place">Moscow</div>'


@pytest.mark.parametrize(
    ("article", "after", "field", "expected"),
    [
        # each time the stretch lacks what follows it, or the whole page would differ
        (_PUBLISHED + _MOSCOW, '<div class="read__lead"><p>More.</p></div>', "lead", "More."),
        (_PUBLISHED, '<div class="read__place">Sochi</div>', "place", "Sochi"),
        (
            '<div class="read__status"><time datetime="2016-02-02">Feb 2</time></div>' + _MOSCOW,
            _PUBLISHED.replace("2017-04-12", "2017-04-13"),
            "date",
            "2017-04-13",
        ),
        (_MOSCOW, '<time datetime="2019-09-09">Sept 9</time>', "date", "2019-09-09"),
    ],
)
def test_what_follows_the_article_stretch_still_counts(article, after, field, expected):
    head = '<meta itemprop="datePublished" content="2015-01-01"/>'
    document = parse_bytes(_site_page(article=article, after=after, head=head), "p.html")
    assert getattr(document, field) == expected
    assert document.id == "54271"


def test_a_date_line_in_the_menus_gives_the_place_to_a_page_without_one():
    published = '<time class="read__published" datetime="2017-04-12">12:00</time>'
    page = _site_page(nav="<p>April 12, 2017, The Kremlin, Moscow</p>", article=published)
    document = parse_bytes(page, "p.html")
    assert (document.date, document.place) == ("2017-04-12", "The Kremlin, Moscow")


def test_the_language_of_the_menus_counts_when_the_head_has_none():
    page = _site_page(nav='<meta itemprop="inLanguage" content="ru"/>', article=_PUBLISHED)
    assert parse_bytes(page, "p.html").language == "ru"


@pytest.mark.parametrize(
    ("head", "language"),
    [
        ('<meta content="fr" itemprop="inLanguage">', "fr"),
        ('<script type="application/ld+json">{"inLanguage": "de"}</script>'
         '<meta itemprop="inLanguage" content="ru"/>', "ru"),
    ],
)  # fmt: skip
def test_the_language_is_the_first_language_meta_of_the_head(head, language):
    page = _site_page(head=head, article=_PUBLISHED)
    assert parse_bytes(page, "p.html").language == language
