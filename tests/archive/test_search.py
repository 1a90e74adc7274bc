"""Search: the syntax, both engines agreeing, filters, snippets and permalinks."""

from __future__ import annotations

import contextlib
import re

import pytest

from onrecord.archive import Archive, Filters
from onrecord.errors import NotFoundError, QueryError
from onrecord.search.query import AnyOf, Term, parse
from onrecord.search.results import SearchResult

QUERIES = [
    "russia",
    "economic cooperation",
    '"economic cooperation"',
    "sanction*",
    "oil OR gas",
    "russia NOT europe",
    "russia -europe",
    "(oil OR gas) prices",
    "U.S.",
]
FILTERS = [
    None,
    Filters(speaker="vladimir-putin"),
    Filters(speaker="Putin", date_from="2017", date_to="2018"),
    Filters(date_from="2016-03-01", date_to="2016-03-31"),
    Filters(place="Moscow"),
    Filters(doc_id="17976"),
]


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("Russia", Term(("russia",))),
        ('"gas  Prices"', Term(("gas", "prices"), exact=True)),
        ('"Militants"', Term(("militants",), exact=True)),
        ("sanction*", Term(("sanction",), prefix=True)),
        ("oil OR gas", AnyOf((Term(("oil",)), Term(("gas",))))),
        ("Café", Term(("cafe",))),
    ],
)
def test_query_syntax(query: str, tree: object) -> None:
    assert parse(query) == tree


@pytest.mark.parametrize(
    "query",
    ['"unclosed phrase', "(oil OR gas", "oil)", "NOT russia", "-russia", "", "OR", "oil OR", "a*"],
)
def test_invalid_syntax_is_a_query_error_from_both_engines(
    shared_archive: Archive, query: str
) -> None:
    with pytest.raises(QueryError):
        shared_archive.search(query)
    with pytest.raises(QueryError):
        Archive(shared_archive._conn, str(shared_archive.path), engine="fts5").search(query)


def _engines(archive: Archive) -> tuple[Archive, Archive]:
    fts = Archive(archive._conn, str(archive.path), engine="fts5")
    return archive, fts


EXACT = {'"economic cooperation"', "sanction*", "U.S."}


def _both(
    archive: Archive, query: str, filters: Filters | None
) -> tuple[SearchResult, SearchResult]:
    tantivy, fts = _engines(archive)
    fast = tantivy.search(query, filters, limit=1000)
    slow = fts.search(query, filters, limit=1000)
    assert (fast.engine, slow.engine) == ("tantivy", "fts5")
    return fast, slow


@pytest.mark.parametrize("query", sorted(EXACT))
@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_tantivy_finds_what_fts5_finds_for_phrases_and_prefixes(
    shared_archive: Archive, query: str, filters: Filters | None
) -> None:
    """Phrases and prefixes are exact in both engines."""
    fast, slow = _both(shared_archive, query, filters)
    assert fast.total == slow.total
    assert {h.permalink for h in fast.hits} == {h.permalink for h in slow.hits}


WIDER = [q for q in QUERIES if q not in EXACT and "NOT" not in q and "-" not in q]


@pytest.mark.parametrize("query", WIDER)
@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_tantivy_finds_at_least_what_fts5_finds_for_words(
    shared_archive: Archive, query: str, filters: Filters | None
) -> None:
    """A word in Tantivy also matches its other forms and the transcript's title, lead,
    speaker and place, so it finds more."""
    fast, slow = _both(shared_archive, query, filters)
    assert fast.total >= slow.total
    assert {h.permalink for h in slow.hits} <= {h.permalink for h in fast.hits}


def test_common_word_matches_many_paragraphs_each_containing_it(shared_archive: Archive) -> None:
    result = shared_archive.search("russia", limit=50)
    assert result.total > 100
    for hit in result.hits:
        words = {hit.snippet[a:b].casefold() for a, b in hit.highlights}
        assert words == {"russia"}  # paragraphs that say it rank above title-only ones


def test_permalink_points_at_the_paragraph_that_matched(shared_archive: Archive) -> None:
    hit = shared_archive.search('"economic cooperation"', limit=1).hits[0]
    doc_id, turn, paragraph = re.fullmatch(r"(\w+)#t(\d+)-p(\d+)", hit.permalink).groups()
    text = shared_archive.get(doc_id).turns[int(turn)].paragraphs[int(paragraph)]
    assert re.search(r"economic\s+cooperation", text, re.IGNORECASE)
    assert hit.title == shared_archive.get(doc_id).title


def test_hits_name_the_speaker_role_and_date(shared_archive: Archive) -> None:
    hits = shared_archive.search("russia", Filters(speaker="vladimir-putin"), limit=100).hits
    assert hits and all(
        h.speaker == "Vladimir Putin" and h.speaker_id == "vladimir-putin" for h in hits
    )
    assert any(h.role == "President of Russia" for h in hits)
    assert all(h.date for h in hits)


def test_not_excludes_and_or_includes(shared_archive: Archive) -> None:
    both = shared_archive.search("russia europe", limit=0).total
    russia = shared_archive.search("russia", limit=0).total
    assert shared_archive.search("russia NOT europe", limit=0).total == russia - both
    assert shared_archive.search("russia OR europe", limit=0).total >= russia


def test_date_and_document_filters_narrow(shared_archive: Archive) -> None:
    hits = shared_archive.search(
        "russia", Filters(date_from="2017", date_to="2017"), limit=500
    ).hits
    assert hits and all(h.date.startswith("2017") for h in hits)
    hits = shared_archive.search("russia", Filters(doc_id="17976"), limit=500).hits
    assert hits and {h.doc_id for h in hits} == {"17976"}


def test_unknown_speaker_filter_says_so(shared_archive: Archive) -> None:
    with pytest.raises(NotFoundError):
        shared_archive.search("russia", Filters(speaker="Nobody Atall"))


def test_query_text_is_never_sql(shared_archive: Archive) -> None:
    for query in ("russia'; DROP TABLE documents; --", "' OR 1=1 --", 'x" OR "1"="1'):
        with contextlib.suppress(QueryError):
            shared_archive.search(query)
    assert shared_archive.stats().documents == 36


def test_facets_count_all_matches(memory_archive: Archive) -> None:
    result = memory_archive.search("russia", limit=1, facets=True)
    assert sum(f.count for f in result.facets["year"]) == result.total
    assert result.facets["speaker"][0].value == "vladimir-putin"


def test_facets_follow_a_new_revision(archive: Archive) -> None:
    # facets are kept per index state (pages 2 and 3 read them): a write is a new state
    first, second = (archive.get(i) for i in ("54271", "7506"))
    assert (first.date[:4], second.date[:4]) == ("2017", "2010")
    for document in (first, second):
        document.turns[0].paragraphs[0] = "Zanzibarian marmalade is the topic now."
    archive.put_document(first)
    years = archive.search("zanzibarian", facets=True).facets["year"]
    assert [(f.value, f.count) for f in years] == [("2017", 1)]
    archive.put_document(second)
    years = archive.search("zanzibarian", facets=True).facets["year"]
    assert [(f.value, f.count) for f in years] == [("2010", 1), ("2017", 1)]


def test_paging_walks_the_ranking(shared_archive: Archive) -> None:
    whole = [h.permalink for h in shared_archive.search("russia", limit=20).hits]
    pages = [
        h.permalink
        for o in (0, 10)
        for h in shared_archive.search("russia", limit=10, offset=o).hits
    ]
    assert pages == whole


def test_index_follows_a_new_revision(archive: Archive) -> None:
    document = archive.get("54271")
    document.turns[0].paragraphs[0] = "Zanzibarian marmalade is the topic now."
    assert archive.put_document(document) == "updated"
    hits = archive.search("zanzibarian").hits
    assert [h.permalink for h in hits] == ["54271#t0-p0"]
    assert archive.search("zanzibarian").engine == "tantivy"


def test_index_is_rebuilt_when_deleted(archive: Archive) -> None:
    before = archive.search("russia", limit=0).total
    import shutil

    shutil.rmtree(f"{archive.path}.index")
    result = archive.search("russia", limit=0)
    assert (result.engine, result.total) == ("tantivy", before)


def test_a_reader_sees_what_another_connection_wrote(archive: Archive) -> None:
    with Archive.open(archive.path, readonly=True) as reader:
        assert reader.search("russia", limit=0).engine == "tantivy"
        document = archive.get("54271")
        document.turns[0].paragraphs[0] = "Quokka diplomacy was discussed."
        archive.put_document(document)
        result = reader.search("quokka")
        assert (result.engine, [h.permalink for h in result.hits]) == ("tantivy", ["54271#t0-p0"])


@pytest.mark.parametrize("query", ['"russia"', '"oil" OR "gas"', '"economic cooperation"'])
@pytest.mark.parametrize("filters", [None, Filters(speaker="vladimir-putin")], ids=str)
def test_both_engines_count_the_same_facets(
    shared_archive: Archive, query: str, filters: Filters | None
) -> None:
    tantivy, fts = _engines(shared_archive)
    fast = tantivy.search(query, filters, limit=1, facets=True)
    slow = fts.search(query, filters, limit=1, facets=True)
    assert fast.engine == "tantivy"
    assert fast.facets == slow.facets
    assert sum(f.count for f in fast.facets["year"]) == fast.total


def test_index_of_an_older_layout_is_rebuilt(archive: Archive) -> None:
    import json

    from onrecord.search import tantivy_index

    meta = archive.path.parent / f"{archive.path.name}.index" / tantivy_index.META
    note = json.loads(meta.read_text())
    meta.write_text(json.dumps({**note, "layout": tantivy_index.LAYOUT - 1}))
    assert archive.search("russia", limit=0).engine == "tantivy"
    assert json.loads(meta.read_text())["layout"] == tantivy_index.LAYOUT


def test_a_second_updater_of_the_index_backs_off_and_search_falls_back(archive: Archive) -> None:
    import fcntl

    document = archive.get("54271")
    with open(f"{archive.path}.index.lock", "a+b") as other:
        fcntl.flock(other, fcntl.LOCK_EX)  # another process is updating the index
        document.turns[0].paragraphs[0] = "Platypus summit."
        assert archive.put_document(document) == "updated"  # the write itself succeeds
        result = archive.search("platypus")
        assert (result.engine, result.total) == ("fts5", 1)
    assert archive.search("platypus").engine == "tantivy"


@pytest.mark.parametrize(
    "query",
    [
        '"economic cooperation"',
        '"united states"',
        '"prime minister"',
        '"drug trafficking"',
        '"the internet"',
    ],
)
def test_a_two_word_phrase_ranks_as_the_phrase_query_over_the_text(
    shared_archive: Archive, query: str
) -> None:
    import tantivy

    index = shared_archive._index
    assert index is not None
    searcher = index.searcher()
    words = parse(query)
    assert isinstance(words, Term) and len(words.tokens) == 2
    phrase = tantivy.Query.phrase_query(index.schema, "text", list(words.tokens))
    expected = searcher.search(phrase, 1000)
    rowids = searcher.fast_field_values("rowid", [a for _, a in expected.hits])
    result = shared_archive.search(query, limit=1000)
    assert result.engine == "tantivy" and result.total == expected.count > 0
    got = [(h.doc_id, h.turn, h.paragraph) for h in result.hits]
    rows = shared_archive._conn.execute(
        f"SELECT rowid, doc_id, turn, paragraph FROM paragraphs WHERE rowid IN"
        f" ({','.join('?' * len(rowids))})",
        rowids,
    ).fetchall()
    where = {r[0]: tuple(r[1:]) for r in rows}
    assert got == [where[r] for r in rowids]
    assert [h.score for h in result.hits] == [round(s, 4) for s, _ in expected.hits]


def test_a_phrase_does_not_span_a_word_too_long_to_index(archive: Archive) -> None:
    document = archive.get("54271")
    long_word = "x" * 45
    document.turns[0].paragraphs[0] = f"Wombat {long_word} numbat, wombat numbat."
    document.turns[0].paragraphs[1] = f"Wombat {long_word} numbat only."
    archive.put_document(document)
    result = archive.search('"wombat numbat"')
    assert (result.engine, result.total) == ("tantivy", 1)
    assert result.hits[0].permalink == "54271#t0-p0"


def test_totals_stay_exact_while_the_index_holds_deleted_rows(archive: Archive) -> None:
    fts = Archive(archive._conn, str(archive.path), engine="fts5")
    document = archive.get("54271")
    document.turns[0].paragraphs[0] = "Russia and economic cooperation, again."
    archive.put_document(document)  # the old paragraphs stay in the index, marked deleted
    for query in ('"russia"', '"economic cooperation"', '"economic"'):
        fast, slow = archive.search(query, limit=0), fts.search(query, limit=0)
        assert fast.engine == "tantivy" and fast.hits == []
        assert fast.total == slow.total > 0


def test_a_count_only_search_gives_the_total_of_a_full_one(shared_archive: Archive) -> None:
    for query in (
        "russia",
        '"prime minister"',
        '"drug trafficking"',
        "russia NOT europe",
        "oil OR gas",
    ):
        counted = shared_archive.search(query, limit=0)
        full = shared_archive.search(query, limit=1000)
        assert counted.hits == [] and counted.total == full.total == len(full.hits)
        assert shared_archive.search(query, offset=full.total).hits == []


def test_a_speaker_filter_follows_a_merge_of_speakers(archive: Archive) -> None:
    other = max((s for s in archive.speakers() if s.id != "vladimir-putin"), key=lambda s: s.words)
    before = archive.search("russia", Filters(speaker="vladimir-putin"), limit=0).total
    theirs = archive.search("russia", Filters(speaker=other.id), limit=0).total
    assert theirs > 0
    archive.merge_speakers("vladimir-putin", other.id)
    after = archive.search("russia", Filters(speaker="vladimir-putin"), limit=1000)
    assert after.total == before + theirs
    assert {h.speaker_id for h in after.hits} == {"vladimir-putin"}


@pytest.mark.parametrize(
    "query",
    [
        "russia NOT europe",
        "russia NOT president",
        "russia NOT (europe OR ukraine)",
        "oil NOT gas",
        '"economic cooperation" NOT russia',
        "sanction* NOT europe",
        "russia NOT russia",
    ],
)
@pytest.mark.parametrize(("limit", "offset"), [(10, 0), (1000, 0), (5, 7), (0, 0)])
def test_a_word_not_another_gives_the_page_of_the_boolean_query(
    shared_archive: Archive, query: str, limit: int, offset: int
) -> None:
    index = shared_archive._index
    assert index is not None
    searcher = index.searcher()
    node = parse(query)
    whole = searcher.search(index.compile(node), max(limit, 1), count=True, offset=offset)
    expected = index._ranked(searcher, whole.hits[:limit]), whole.count
    assert index.search(node, None, limit, offset) == expected
    result = shared_archive.search(query, limit=limit, offset=offset)
    assert result.total == whole.count
    assert [h.score for h in result.hits] == [round(s, 4) for _, s in expected[0]]


@pytest.mark.parametrize("share", [1.0, 0.0], ids=["year-terms", "date-range"])
@pytest.mark.parametrize(
    "filters",
    [
        Filters(date_from="2017"),
        Filters(date_to="2016"),
        Filters(date_from="2016", date_to="2017"),
        Filters(date_from="2031"),
        Filters(speaker="Putin", date_from="2017", date_to="2018"),
        Filters(speaker="vladimir-putin", date_to="2016"),
        Filters(speaker="Putin", date_from="2016-03-01", date_to="2017"),
    ],
    ids=str,
)
def test_whole_year_filters_find_what_the_date_range_finds(
    shared_archive: Archive, filters: Filters, share: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onrecord.search import tantivy_index

    monkeypatch.setattr(tantivy_index, "WHEN_SHARE", share)
    _, fts = _engines(shared_archive)
    for query in ('"russia"', '"economic" "cooperation"'):
        fast = shared_archive.search(query, filters, limit=1000)
        slow = fts.search(query, filters, limit=1000)
        assert fast.engine == "tantivy" and fast.total == slow.total
        assert {h.permalink for h in fast.hits} == {h.permalink for h in slow.hits}
        assert [h.score for h in fast.hits] == sorted((h.score for h in fast.hits), reverse=True)


def test_reader_warns_once_when_the_index_is_behind(tmp_path, kremlin_dir, caplog):
    import shutil

    from onrecord.archive import Archive

    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        archive.ingest([str(kremlin_dir / "54271.txt")], workers=1)
    shutil.rmtree(f"{db}.index")
    with Archive.open(db, readonly=True) as archive, caplog.at_level("WARNING"):
        first = archive.search("syria")
        archive.search("syria")
    assert first.total > 0
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "onrecord reindex" in warnings[0]
