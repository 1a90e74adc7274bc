"""Entities: aliases linked to one gazetteer entry, names found by rule, speakers linked."""

from __future__ import annotations

import pytest

from onrecord.enrich import annotate
from onrecord.enrich.entities import find_mentions, fuzzy_person
from onrecord.enrich.gazetteer import load

from .conftest import make_document


def linked(text: str) -> list[tuple[str, str | None]]:
    return [(text[m.start : m.end], m.entry.id if m.entry else None) for m in find_mentions(text)]


@pytest.mark.parametrize(
    ("names", "entity_id"),
    [
        (
            ["CSTO", "Collective Security Treaty Organisation", "Collective Security Organisation"],
            "csto",
        ),
        (["ISIS", "ISIL", "Islamic State"], "isis"),
        (["EAEU", "Eurasian Economic Union"], "eaeu"),
        (["US", "United States", "America", "USA"], "usa"),
        (["Russia", "Russian Federation"], "russia"),
    ],
)
def test_aliases_are_one_entity(names: list[str], entity_id: str) -> None:
    for name in names:
        assert linked(f"He spoke of the {name} today.") == [(name, entity_id)]


def test_pronoun_us_is_not_the_united_states() -> None:
    assert linked("Let us talk about it.") == []


def test_adjectives_are_not_entities() -> None:
    assert linked("The Russian and American troops met.") == []


def test_nbsp_inside_a_name_still_matches() -> None:
    assert linked("President\u00a0Vladimir\u00a0Putin said") == [
        ("Vladimir\u00a0Putin", "vladimir-putin")
    ]


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        ("Mr Vainshtok said", "Vainshtok", "person"),
        ("met Radik Batyrshin in Moscow", "Radik Batyrshin", "person"),
        ("the Russian Geographical Society met", "Russian Geographical Society", "org"),
        ("floods in the Tver Region", "Tver Region", "place"),
        ("the Arab Republic of Egypt", "Arab Republic of Egypt", "place"),
        ("King Juan Carlos I was in Moscow", "Juan Carlos I", "person"),
        (
            "Speaker of the Pan-African Parliament Roger Nkodo Dang and",
            "Roger Nkodo Dang",
            "person",
        ),
    ],
)
def test_names_found_by_rule(text: str, span: str, kind: str) -> None:
    mentions = {text[m.start : m.end]: m.type for m in find_mentions(text)}
    assert mentions.get(span) == kind


def test_official_state_name_links_to_the_country() -> None:
    assert linked("the Republic of Austria") == [("Republic of Austria", "austria")]


def test_transliteration_variant_links_to_the_person() -> None:
    entry = fuzzy_person("Robert Kocharian")
    assert entry is not None and entry.id == "kocharyan"
    assert fuzzy_person("Robert Smith") is None


def test_mentions_of_a_speaker_carry_the_speaker_id() -> None:
    doc = make_document("I spoke to Mr Batyrshin, and Putin agreed.", speaker="Radik Batyrshin")
    people = {a.text: a.data for a in annotate(doc) if a.kind == "entity"}
    assert {k: v["speaker"] for k, v in people.items()} == {"Batyrshin": "s1", "Putin": None}
    assert people["Putin"]["person"] == "vladimir-putin"  # the archive's person id


def test_gazetteer_entries_are_well_formed() -> None:
    gazetteer = load()
    assert len(gazetteer.entries) > 900
    for entry in gazetteer.entries.values():
        assert entry.type in ("person", "org", "place", "event")
        assert not entry.name.lower().startswith("the ")
    assert gazetteer.lookup("the Collective Security Organisation").id == "csto"
