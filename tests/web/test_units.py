"""The web layer's small pieces: settings cookie, citation formats, charts, anchors, params."""

from __future__ import annotations

import json

import pytest

from onrecord.errors import QueryError
from onrecord.model import Document, Speaker, Turn
from onrecord.web.chart import bar_chart, fill_years
from onrecord.web.cite import cite
from onrecord.web.query import Paging, date_param, make_filters
from onrecord.web.reader import pair_questions, parse_anchor, turn_views
from onrecord.web.templating import Refine, marked, query_string
from onrecord.web.views_docs import FacetCache
from onrecord.web.views_people import segments
from onrecord.web.viewsettings import ViewSettings, safe_next


def _doc(*turns: tuple[str, str]) -> Document:
    return Document(
        id="1",
        source="x.txt",
        sha256="0" * 64,
        parser={"name": "t", "version": "1"},
        title="Talk {with} 100% braces",
        date="2017-04-12",
        place="Moscow",
        url="http://en.kremlin.ru/events/president/news/1",
        speakers=[
            Speaker("a", "Anna Ivanova", ["Host"]),
            Speaker("b", "Vladimir Putin", ["President of Russia"]),
        ],
        turns=[Turn(i, s, s, [text]) for i, (s, text) in enumerate(turns)],
    )


def test_settings_cookie_round_trip() -> None:
    settings = ViewSettings().updated(
        font="175", scheme="brown-on-beige", spacing="widest", images="off"
    )
    assert ViewSettings.parse(settings.cookie_value) == settings
    assert settings.html_classes == "font-175 scheme-brown-on-beige spacing-widest no-images"


@pytest.mark.parametrize("value", [None, "", "garbage", "999.neon.x.y", "1.2.3"])
def test_bad_settings_cookies_fall_back_to_defaults(value: str | None) -> None:
    assert ViewSettings.parse(value) == ViewSettings()


def test_font_steps_are_bounded() -> None:
    assert ViewSettings(font=200).step_font(1).font == 200
    assert ViewSettings(font=100).step_font(-1).font == 100
    assert ViewSettings(font=125).step_font(1).font == 150


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/documents/1?x=2", "/documents/1?x=2"),
        ("//evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        (None, "/"),
    ],
)
def test_safe_next(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected


def test_questions_pair_with_the_next_speaker() -> None:
    doc = _doc(
        ("a", "What about gas?"),
        ("b", "Prices are fine."),
        ("b", "And more."),
        ("a", "Thank you."),
        ("b", "Why not?"),
        ("b", "Because."),
    )
    blocks = pair_questions(turn_views(doc))
    assert [b.kind for b in blocks] == ["qa", "turn", "turn", "turn", "turn"]
    question, answer = blocks[0].turns
    assert (question.qa, question.pair, answer.qa, answer.pair) == ("question", 1, "answer", 0)


def test_citation_formats() -> None:
    c = cite(_doc(("a", "Q?"), ("b", "We will\u00a0see.")), 1, 0, "http://host:8000/")
    assert c.permalink == "http://host:8000/documents/1#t1-p0"
    assert c.quote == "We will see."
    assert c.plain.splitlines()[:2] == [
        "“We will see.”",
        "— Vladimir Putin (President of Russia), “Talk {with} 100% braces”, Moscow, 2017-04-12.",
    ]
    assert "title = {Talk \\{with\\} 100\\% braces}" in c.bibtex
    assert "author = {Putin, Vladimir}" in c.bibtex
    csl = json.loads(c.csl_text)[0]
    assert csl["author"] == [{"family": "Putin", "given": "Vladimir"}]
    assert csl["type"] == "speech" and csl["URL"] == c.permalink
    assert "CC BY 4.0" in csl["note"]


@pytest.mark.parametrize("value", ["t1", "t-2-p2", "t1-p2x", "", "t1234567-p1", "p"])
def test_bad_anchors_are_query_errors(value: str) -> None:
    with pytest.raises(QueryError):
        parse_anchor(value)


@pytest.mark.parametrize(
    ("value", "place"), [("t12-p3", (12, 3)), ("p3", (-1, 3)), ("t-1-p2", (-1, 2))]
)
def test_anchors_name_a_paragraph_in_a_turn_or_before_the_first(
    value: str, place: tuple[int, int]
) -> None:
    assert parse_anchor(value) == place


def test_chart_scales_to_the_tallest_bar() -> None:
    chart = bar_chart("Words", "words", fill_years({"2013": 10, "2016": 40}))
    assert [b.label for b in chart.bars] == ["2013", "2014", "2015", "2016"]
    tallest = max(chart.bars, key=lambda b: b.value)
    assert tallest.y + tallest.height == chart.baseline and tallest.y > 0
    assert chart.bars[1].height == 0


def test_segments_mark_the_highlights() -> None:
    assert segments("gas and oil", [(8, 11), (0, 3)]) == [
        ("gas", True),
        (" and ", False),
        ("oil", True),
    ]
    assert segments("short", [(3, 99)]) == [("short", False)]  # out of range: ignored


@pytest.mark.parametrize("value", ["2017-13", "17", "2017-04-32", "yesterday", "2017/04"])
def test_bad_dates_are_query_errors(value: str) -> None:
    with pytest.raises(QueryError, match="from: expected a date"):
        date_param("from", value)


def test_filters_keep_good_values() -> None:
    filters = make_filters(" vladimir-putin ", "2017-04", "2017-04-30", "Kremlin")
    assert (filters.speaker, filters.date_from, filters.date_to, filters.place) == (
        "vladimir-putin",
        "2017-04",
        "2017-04-30",
        "Kremlin",
    )


def test_paging() -> None:
    assert Paging.of(3, 20).offset == 40 and Paging(20, 45).page == 3
    assert Paging(20).pages(41) == 3 and Paging(20).pages(0) == 1
    with pytest.raises(QueryError):
        Paging.of(0, 20)


def test_public_names_of_the_web_package() -> None:
    import onrecord.web

    assert sorted(onrecord.web.__all__) == ["WebConfig", "create_app"]


@pytest.mark.parametrize(
    ("params", "changes"),
    [
        ({"q": "gas & oil", "speaker": None, "place": "Sochi", "from": None, "to": None}, {}),
        ({"q": "a", "speaker": None, "place": "Sochi", "from": None, "to": None},
         {"speaker": "vladimir-putin"}),
        ({"q": "\"x y\"", "speaker": "s", "place": None, "from": "2017", "to": None},
         {"from": "2003", "to": "2003"}),
        ({"q": "é/?#", "speaker": "", "place": None}, {"place": "Nizhny Novgorod"}),
        ({"q": None}, {}),
    ],
)  # fmt: skip
def test_refine_links_are_query_string(
    params: dict[str, str | None], changes: dict[str, str]
) -> None:
    """The facets' fast links are exactly what `query_string` gives (same order, same quoting)."""
    assert Refine(params).href(**changes) == query_string(params, page=None, **changes)


def test_speaker_menu_marks_the_choice(web_db: str) -> None:
    from onrecord.archive import Archive

    facets = FacetCache(web_db)
    with Archive.open(web_db, readonly=True) as archive:
        top = facets.top_speakers(archive)
        plain = facets.speaker_menu(archive, None)
        chosen = facets.speaker_menu(archive, top[1].id)
        other = facets.speaker_menu(archive, "<nobody>")
    assert plain.count("<option") == len(top) and "selected" not in plain
    assert chosen.count(" selected") == 1 and f'"{top[1].id}" selected>' in chosen
    assert other.endswith('<option value="&lt;nobody&gt;" selected>&lt;nobody&gt;</option>')


def test_interview_questions_are_decided_by_who_asks() -> None:
    """The NBC interview: the President's rhetorical "True, isn't it?" turn is no question,
    and the journalist's turns that the President answers are, with or without a '?'."""
    from pathlib import Path

    from onrecord.parse import parse_file
    from onrecord.web.reader import interviewers

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin" / "54688.txt"
    doc = parse_file(fixture)
    assert interviewers(doc) == {"megyn-kelly"}
    turns = {
        t.index: t for b in pair_questions(turn_views(doc), interviewers(doc)) for t in b.turns
    }
    # Putin's "...? You yourselves interfere all the time." answers her; it asks nothing
    assert turns[3].speaker_id == "vladimir-putin" and turns[3].qa == "answer"
    assert turns[4].qa == "question"  # "That sounds like a justification."
    for index in (0, 2, 4, 6, 12, 20, 28):
        assert turns[index].qa == "question", index
        assert turns[index + 1].qa == "answer"
    assert turns[30].qa == ""  # "Mr President, thank you very much."
    assert all(t.qa != "question" for t in turns.values() if t.speaker_id == "vladimir-putin")


def test_interviewer_by_role_or_voice_from_the_floor() -> None:
    from onrecord.web.reader import interviewers

    doc = _doc(("a", "Welcome."), ("b", "Thank you. It is good to be here, truly."), ("a", "So?"))
    assert interviewers(doc) == {"a"}  # "Host"
    doc.speakers[0].roles = []
    assert interviewers(doc) == {"a"}  # by pattern: half the turns ask, fewer words
    doc.turns[2].paragraphs = ["So."]
    assert interviewers(doc) == set()


def test_citations_carry_the_configured_public_address(tmp_path: object) -> None:
    from onrecord.web.config import WebConfig

    assert WebConfig("x.db").public_base("http://127.0.0.1:8000/") == "http://127.0.0.1:8000/"
    config = WebConfig("x.db", base_url="https://archive.example.org")
    assert config.public_base("http://127.0.0.1:8000/") == "https://archive.example.org/"
    c = cite(_doc(("a", "Q?"), ("b", "A.")), 1, 0, config.public_base("http://x/"))
    assert c.permalink == "https://archive.example.org/documents/1#t1-p0"


def test_a_snippet_is_escaped_with_its_highlights_marked() -> None:
    """What `{% for %}` over the pieces printed: each piece escaped, its non-breaking
    spaces plain, the highlighted ones in <mark>."""
    html = marked([("a <b>\u00a0", False), ("gas", True), (" & oil", False), ("\u00a0", True)])
    assert html == "a &lt;b&gt; <mark>gas</mark> &amp; oil<mark> </mark>"
    assert marked([]) == ""
