"""Find (issue 14): word forms, spellings, titles and leads, no dead ends, sort by date."""

from __future__ import annotations

import pytest

from onrecord.archive import Archive, Filters
from onrecord.wordforms import stems, variants


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("organisation", "organization"),
        ("defence", "defense"),
        ("programme", "program"),
        ("favourite", "favorite"),
        ("analyse", "analyze"),
        ("centre", "center"),
    ],
)
def test_british_and_american_spellings_are_variants_of_each_other(word: str, other: str) -> None:
    assert other in variants(word) and word in variants(other)


def test_common_words_have_no_made_up_spelling() -> None:
    assert variants("four") == ("four",) and variants("hour") == ("hour",)


def test_word_forms_share_a_stem() -> None:
    assert stems("militant") == stems("militants")


@pytest.mark.parametrize(
    ("query", "more_than"),
    [("militant", '"militant"'), ("organization", '"organization"'), ("defense", '"defense"')],
)
def test_a_word_finds_its_other_forms_and_spellings(
    shared_archive: Archive, query: str, more_than: str
) -> None:
    assert shared_archive.search(more_than, limit=0).total == 0
    assert shared_archive.search(query, limit=0).total > 0


def test_a_quoted_word_stays_exact(shared_archive: Archive) -> None:
    hits = shared_archive.search('"militants"', limit=50).hits
    assert hits
    for hit in hits:
        assert {hit.snippet[a:b].lower() for a, b in hit.highlights} == {"militants"}


def test_highlights_mark_the_other_forms(shared_archive: Archive) -> None:
    hit = shared_archive.search("militant", limit=1).hits[0]
    assert {hit.snippet[a:b].lower() for a, b in hit.highlights} == {"militants"}


@pytest.mark.parametrize(
    ("word", "doc_id"),
    [("Sverdlovsk", "51578"), ("Hofburg", "57678"), ("videoconference", "63281")],
)
def test_titles_and_leads_are_searchable(shared_archive: Archive, word: str, doc_id: str) -> None:
    hits = shared_archive.search(word, limit=5).hits
    assert hits and hits[0].doc_id == doc_id


def test_a_title_word_narrows_a_search_to_its_transcripts(shared_archive: Archive) -> None:
    hits = shared_archive.search("Bellen trust", limit=20).hits
    assert hits and {h.doc_id for h in hits} == {"57678"}


def test_a_misspelt_word_gets_a_did_you_mean(shared_archive: Archive) -> None:
    result = shared_archive.search("organisaton")
    assert result.total == 0 and result.did_you_mean == "organisation"
    assert result.facets == {}


def test_no_paragraph_with_all_words_gives_those_with_some(shared_archive: Archive) -> None:
    result = shared_archive.search("afghanistan quokka", facets=True)
    assert result.relaxed and result.total > 0
    assert all("afghanistan" in h.snippet.lower() for h in result.hits)


def test_a_query_that_excludes_is_not_relaxed(shared_archive: Archive) -> None:
    result = shared_archive.search("russia quokka NOT europe")
    assert result.total == 0 and not result.relaxed


def test_a_known_word_gets_no_suggestion(shared_archive: Archive) -> None:
    assert shared_archive.search("russia").did_you_mean == ""


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("engine", ["auto", "fts5"])
def test_sort_by_date(shared_archive: Archive, sort: str, engine: str) -> None:
    archive = Archive(shared_archive._conn, str(shared_archive.path), engine=engine)
    dates = [h.date for h in archive.search("russia", limit=200, sort=sort).hits]
    assert len(set(dates)) > 3
    assert dates == sorted(dates, reverse=sort == "newest")


def test_search_within_one_document(shared_archive: Archive) -> None:
    hits = shared_archive.search("russia", Filters(doc_id="54271"), limit=100).hits
    assert hits and {h.doc_id for h in hits} == {"54271"}


def test_an_unknown_sort_is_a_query_error(shared_archive: Archive) -> None:
    from onrecord.errors import QueryError

    with pytest.raises(QueryError):
        shared_archive.search("russia", sort="sideways")


def test_the_fts5_fallback_knows_both_spellings(shared_archive: Archive) -> None:
    fts = Archive(shared_archive._conn, str(shared_archive.path), engine="fts5")
    assert (
        fts.search("organization", limit=0).total == fts.search("organisation", limit=0).total > 0
    )
