"""Did they say it? Exact, near with differences, or no such statement."""

from __future__ import annotations

from onrecord.enrich.quotes import find_quote
from onrecord.model import Document


def test_exact_quote_is_found_with_speaker_and_permalink(seed_document: Document) -> None:
    result = find_quote([seed_document], "This is how NATO works.", speaker="Putin")
    assert (result["found"], result["match"], result["speaker"]) == (
        True,
        "exact",
        "Vladimir Putin",
    )
    assert result["date"] == "2017-04-12"
    assert result["differences"] == []
    # followed: the paragraph the permalink names says it
    base, _, mark = result["permalink"].partition("#")
    assert base == (seed_document.url or seed_document.id)
    turn, paragraph = (int(x) for x in mark.removeprefix("t").split("-p"))
    (said,) = [t for t in seed_document.turns if t.index == turn]
    assert result["turn"] == turn
    assert "This is how NATO works." in said.paragraphs[paragraph]


def test_near_quote_shows_the_differences(seed_document: Document) -> None:
    quote = (
        "around 20,000 foreign fighters are fighting in Syria, and nearly 10,000 come from the CIS"
    )
    result = find_quote([seed_document], quote)
    assert (result["found"], result["match"]) == (True, "near")
    assert {"op": "replace", "quoted": "fighters", "said": "militants"} in result["differences"]


def test_no_such_statement(seed_document: Document) -> None:
    result = find_quote([seed_document], "We will build a wall on the Afghan border")
    assert result["found"] is False
    assert "no such statement" in result["reason"]


def test_words_of_another_speaker_are_not_theirs(seed_document: Document) -> None:
    result = find_quote([seed_document], "This is how NATO works.", speaker="Batyrshin")
    assert result["found"] is False


def test_empty_quote() -> None:
    assert find_quote([], "  ...  ")["found"] is False


def test_a_reordered_statement_is_not_a_quotation_but_its_closest_passage_is_shown(
    seed_document: Document,
) -> None:
    result = find_quote([seed_document], "terrorism is the biggest threat", speaker="Putin")
    assert result["found"] is False
    assert "The biggest threat is terrorism" in " ".join(result["closest"]["passage"].split())
