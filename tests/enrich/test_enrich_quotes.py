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


def test_a_changed_figure_is_said_plainly_not_nearly(seed_document: Document) -> None:
    """Issue 18: 30,000 for 20,000 is not "nearly" what was said: the figure differs."""
    from onrecord.cli.enrich_text import quote_text

    quote = "around 30,000 foreign militants are fighting in Syria"
    result = find_quote([seed_document], quote)
    assert result["match"] == "figure differs"
    assert result["figures_differ"] == [{"op": "replace", "quoted": "30,000", "said": "20,000"}]
    text = quote_text(result)
    assert text.startswith("No, the figure differs (quoted “30,000”, the record says “20,000”)")
    assert "[-30,000-] {+20,000+}" in text and "Nearly" not in text


def test_a_paraphrase_shows_the_closest_wording_with_the_words_marked(
    seed_document: Document,
) -> None:
    from onrecord.cli.enrich_text import quote_text

    result = find_quote([seed_document], "terrorism is the biggest threat", speaker="Putin")
    assert result["found"] is False and result["closest"]["marked"]
    text = quote_text(result)
    assert "closest wording" in text and "{+" in text and "the differences, marked" in text
