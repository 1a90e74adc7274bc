"""Search semantics against answers worked out by hand, on a corpus small enough to read.

Each paragraph's words are listed beside it; every expected set of permalinks below was
computed from those lists, not by running the code. Both engines must give the same
answers, and every permalink is followed back to the paragraph it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.corpus import CORPUS, PUTIN, doc
from onrecord.archive import Archive, Filters
from onrecord.errors import QueryError
from onrecord.search.engine import snippet
from onrecord.search.query import All, Term, parse
from onrecord.search.results import SearchHit

RUSSIA = {"d1#t0-p0", "d1#t1-p0", "d1#t1-p2", "d2#t0-p0", "d2#t1-p1"}
EUROPE = {"d1#p0", "d1#t0-p0", "d1#t1-p0", "d2#t1-p0", "d2#t1-p1", "d3#t1-p0"}

ANSWERS = {
    "russia": RUSSIA,
    "RUSSIA": RUSSIA,
    "europe": EUROPE,
    "russia europe": {"d1#t0-p0", "d1#t1-p0", "d2#t1-p1"},
    "russia AND europe": {"d1#t0-p0", "d1#t1-p0", "d2#t1-p1"},
    "Russia and Europe": {"d1#t0-p0"},  # lower-case `and` is a word to find
    "china OR ruble": {"d2#t0-p0", "d1#t1-p1"},
    "russia NOT europe": {"d1#t1-p2", "d2#t0-p0"},
    "russia -europe": {"d1#t1-p2", "d2#t0-p0"},
    "europe NOT russia": {"d1#p0", "d2#t1-p0", "d3#t1-p0"},
    "not": {"d2#t1-p1"},  # lower-case `not` is a word too
    '"gas prices"': {"d1#t1-p2"},
    "gas prices": {"d1#t1-p2", "d2#t0-p1"},
    '"prices gas"': set(),
    "ru*": {"d1#t0-p0", "d1#t1-p0", "d1#t1-p1", "d1#t1-p2", "d2#t0-p0", "d2#t1-p1", "d3#t0-p0"},
    "rub*": {"d1#t1-p1", "d3#t0-p0"},
    "(gas OR oil) fell": {"d1#t1-p2"},
    "(gas OR china) russia": {"d1#t1-p2", "d2#t0-p0"},
    "gas OR (europe NOT russia)": {"d1#p0", "d1#t1-p2", "d2#t0-p1", "d2#t1-p0", "d3#t1-p0"},
    "cafe": {"d3#t1-p0"},
    "Café": {"d3#t1-p0"},
    "pushkin*": {"d3#t1-p0"},
    "nothing": set(),
}

FILTERED = [
    ("europe", Filters(speaker="vladimir-putin"), {"d1#t1-p0", "d2#t1-p0", "d2#t1-p1"}),
    ("europe", Filters(speaker="Putin"), {"d1#t1-p0", "d2#t1-p0", "d2#t1-p1"}),
    ("russia", Filters(speaker="Peskov"), {"d2#t0-p0"}),
    ("europe", Filters(date_from="2018"), {"d2#t1-p0", "d2#t1-p1", "d3#t1-p0"}),
    ("gas", Filters(date_to="2018-06-01"), {"d1#t1-p2", "d2#t0-p1", "d2#t1-p0"}),
    ("gas", Filters(date_to="2018-05-31"), {"d1#t1-p2"}),
    ("gas", Filters(date_from="2018-06", date_to="2018-06"), {"d2#t0-p1", "d2#t1-p0"}),
    ("europe", Filters(place="Sochi"), {"d2#t1-p0", "d2#t1-p1"}),
    ("europe", Filters(place="moscow"), {"d1#p0", "d1#t0-p0", "d1#t1-p0", "d3#t1-p0"}),
    ("europe", Filters(doc_id="d3"), {"d3#t1-p0"}),
    ("europe", Filters(speaker="Putin", date_from="2018", place="Sochi"), {"d2#t1-p0", "d2#t1-p1"}),
]

# What is highlighted: the words of the query that a hit matched, never those under NOT.
HIGHLIGHTS = [
    ("russia NOT europe", "d1#t1-p2", ["Russia"]),
    ("gas OR (europe NOT russia)", "d1#t1-p2", ["Gas"]),
    ("ru*", "d1#t1-p1", ["ruble", "rural"]),
    ('"gas prices"', "d1#t1-p2", ["Gas", "prices", "prices"]),
    ("cafe", "d3#t1-p0", ["Café"]),
    ("europe", "d3#t1-p0", ["Europe"]),
    ("russia AND europe", "d2#t1-p1", ["Russia", "Europe"]),
    ("china OR ruble", "d2#t0-p0", ["China"]),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with Archive.open(tmp_path_factory.mktemp("semantics") / "archive.db") as opened:
        opened.put_documents(CORPUS)
        yield opened


@pytest.fixture(params=["tantivy", "fts5"])
def engine(request: pytest.FixtureRequest, archive: Archive) -> Archive:
    if request.param == "tantivy":
        return archive
    return Archive(archive._conn, str(archive.path), engine="fts5")


def _found(archive: Archive, query: str, filters: Filters | None = None) -> set[str]:
    result = archive.search(query, filters, limit=100)
    assert result.total == len(result.hits)
    return {hit.permalink for hit in result.hits}


@pytest.mark.parametrize("query", ANSWERS)
def test_each_query_finds_exactly_the_paragraphs_worked_out_by_hand(
    engine: Archive, query: str
) -> None:
    assert _found(engine, query) == ANSWERS[query]


def test_the_engines_are_the_ones_named(engine: Archive, request: pytest.FixtureRequest) -> None:
    assert engine.search("russia").engine == request.node.callspec.params["engine"]


@pytest.mark.parametrize(("query", "filters", "expected"), FILTERED, ids=str)
def test_filters_narrow_to_the_paragraphs_worked_out_by_hand(
    engine: Archive, query: str, filters: Filters, expected: set[str]
) -> None:
    assert _found(engine, query, filters) == expected


@pytest.mark.parametrize(("query", "permalink", "words"), HIGHLIGHTS)
def test_highlights_are_the_matched_words_only(
    engine: Archive, query: str, permalink: str, words: list[str]
) -> None:
    hit = _hit(engine, query, permalink)
    assert [hit.snippet[a:b] for a, b in hit.highlights] == words


def _hit(archive: Archive, query: str, permalink: str) -> SearchHit:
    hits = [h for h in archive.search(query, limit=100).hits if h.permalink == permalink]
    assert len(hits) == 1, f"{permalink} is not a hit of {query!r}"
    return hits[0]


_ANCHOR = re.compile(r"(?P<doc>[^#]+)#(?:t(?P<turn>\d+)-)?p(?P<paragraph>\d+)")


def follow(archive: Archive, permalink: str) -> str:
    """The paragraph a permalink names, found in the stored document by the test itself."""
    match = _ANCHOR.fullmatch(permalink)
    assert match, permalink
    document = archive.get(match["doc"])
    paragraph = int(match["paragraph"])
    if match["turn"] is None:
        return document.preamble[paragraph]
    (turn,) = [t for t in document.turns if t.index == int(match["turn"])]
    return turn.paragraphs[paragraph]


@pytest.mark.parametrize("query", ["russia", "europe", "ru*", "gas OR (europe NOT russia)"])
def test_every_permalink_leads_to_the_paragraph_of_the_snippet(engine: Archive, query: str) -> None:
    hits = engine.search(query, limit=100).hits
    assert hits
    for hit in hits:
        assert follow(engine, hit.permalink) == hit.snippet
        assert hit.permalink == (
            f"{hit.doc_id}#p{hit.paragraph}"
            if hit.turn == -1
            else f"{hit.doc_id}#t{hit.turn}-p{hit.paragraph}"
        )


def test_a_preamble_hit_has_no_speaker_and_a_p_anchor(engine: Archive) -> None:
    hit = _hit(engine, "ministers", "d1#p0")
    assert (hit.turn, hit.paragraph, hit.speaker_id, hit.speaker) == (-1, 0, "", "")
    assert hit.snippet == "Ministers from Europe arrived."


def test_a_hit_carries_its_speaker_role_date_and_place(engine: Archive) -> None:
    hit = _hit(engine, '"gas prices"', "d1#t1-p2")
    assert (hit.doc_id, hit.turn, hit.paragraph) == ("d1", 1, 2)
    assert (hit.speaker_id, hit.speaker, hit.role) == (
        "vladimir-putin",
        "Vladimir Putin",
        "President of Russia",
    )
    assert (hit.date, hit.place, hit.title) == ("2017-04-12", "Moscow, the Kremlin", "Talks d1")


@pytest.mark.parametrize(("limit", "offset"), [(2, 0), (2, 2), (2, 4), (10, 3)])
def test_pages_of_hits_cover_the_whole_answer_once(
    engine: Archive, limit: int, offset: int
) -> None:
    everything = [h.permalink for h in engine.search("ru*", limit=100).hits]
    page = engine.search("ru*", limit=limit, offset=offset)
    assert page.total == 7
    assert [h.permalink for h in page.hits] == everything[offset : offset + limit]


def test_a_long_paragraph_snippet_keeps_the_matched_word_and_its_offsets(tmp_path: Path) -> None:
    words = [f"filler{i}" for i in range(80)]
    text = " ".join([*words[:60], "Sanctions", *words[60:]])
    document = doc("long", "2020-01-01", "Moscow", [PUTIN], turns=[(PUTIN, [text])])
    with Archive.open(tmp_path / "long.db") as archive:
        archive.put_documents([document])
        (hit,) = archive.search("sanctions").hits
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 242
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["Sanctions"]
    assert hit.snippet[1:-1] in text


# Snippets: a window of SNIPPET_CHARS (240) around the first match, starting at a word
# boundary at least SNIPPET_LEAD (60) characters before it. Tokens of three letters and a
# space put token i at offset 4 * i, so the windows below are worked out by hand.
TOKENS = ["tax" if i == 50 else f"w{i:02d}" for i in range(100)]
LONG = " ".join(TOKENS)  # 399 characters, "tax" at 200-203
TAX = Term(("tax",))


def test_a_match_deep_in_a_long_paragraph_gets_a_window_around_it() -> None:
    body, spans = snippet(LONG, [TAX])
    # start: after the last space before 200 - 60 = 140, i.e. 140 (w35); end: the last
    # space before 140 + 240 = 380, i.e. 379 (after w94)
    assert body == "…" + " ".join(TOKENS[35:95]) + "…"
    assert spans == [(61, 64)] and body[61:64] == "tax"


def test_a_match_in_the_first_60_characters_keeps_the_start() -> None:
    text = " ".join(["tax" if i == 15 else f"w{i:02d}" for i in range(100)])  # tax at 60
    body, spans = snippet(text, [TAX])
    assert body == text[:239] + "…"  # the last space before 240 is at 239
    assert spans == [(60, 63)]


def test_a_paragraph_of_240_characters_is_shown_whole() -> None:
    text = ("w" * 99 + " ") * 2 + "w" * 36 + " tax"  # 240 characters, tax at 237
    assert len(text) == 240
    assert snippet(text, [TAX]) == (text, [(237, 240)])


def test_a_window_without_a_space_is_cut_at_240_and_loses_the_far_match() -> None:
    text = "y" * 300 + " tax"
    assert snippet(text, [TAX]) == ("y" * 240 + "…", [])


def test_a_phrase_ending_in_a_prefix_highlights_its_words(engine: Archive) -> None:
    hit = _hit(engine, "oil-pri*", "d1#t1-p2")
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["prices", "oil", "prices"]


def test_scores_are_rounded_to_four_places(engine: Archive) -> None:
    scores = [h.score for h in engine.search("russia OR europe", limit=100).hits]
    assert len(scores) == 8 and all(round(s, 4) == s for s in scores)
    assert any(round(s, 3) != s for s in scores)
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"', 'unbalanced quote: close the phrase with "'),
        ('"gas prices', 'unbalanced quote: close the phrase with "'),
        ("russia NOT", "NOT or - must be followed by a word"),
        ("russia NOT OR gas", "NOT or - must be followed by a word"),
        ("(russia", "unbalanced parenthesis: missing )"),
        ("russia)", "unexpected ')': unbalanced parenthesis"),
        ("NOT russia", "NOT needs a word to match beside it (e.g. `russia NOT ukraine`)"),
        ("()", "a word is missing (e.g. `russia NOT ukraine`)"),
        ("AND OR NOT", "empty query: give at least one word"),
        ("r*", "prefix 'r*' is too short: give at least 2 letters"),
        ("x" * 1001, "query too long (over 1000 characters)"),
    ],
)
def test_what_is_wrong_with_a_query_is_said(query: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse(query)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ('"" russia', Term(("russia",))),  # an empty phrase is no condition
        ("russia -", Term(("russia",))),  # nor is a lone minus
        ("x" * 1000, Term(("x" * 1000,))),  # 1,000 characters is not too long
        ("oil-pri*", Term(("oil", "pri"), prefix=True)),
        ("ru*", Term(("ru",), prefix=True)),
        ("russia AND europe", All((Term(("russia",)), Term(("europe",))))),
        ("russia -europe", All((Term(("russia",)),), (Term(("europe",)),))),
    ],
)
def test_queries_parse_to_the_trees_worked_out_by_hand(query: str, tree: object) -> None:
    assert parse(query) == tree


def test_a_window_near_the_end_keeps_the_last_word() -> None:
    tokens = TOKENS[:75]  # 299 characters: after the start at 140, 159 are left
    body, spans = snippet(" ".join(tokens), [TAX])
    assert body == "…" + " ".join(tokens[35:])
    assert spans == [(61, 64)]


def test_a_window_that_starts_on_a_second_space_still_shows_240_characters() -> None:
    # two spaces at 342-343 and no other space before the match at 403 or after it
    text = "y" * 342 + "  " + "z" * 58 + "-tax-" + "w" * 300
    body, spans = snippet(text, [TAX])
    assert body == "…" + text[343:583] + "…"
    assert spans == [(61, 64)]
