"""Names the gazetteer lacks: document-local surnames, titles, name shape, cues (issue #5)."""

from __future__ import annotations

import pytest

from onrecord.enrich import annotate
from onrecord.enrich.entities import find_mentions
from onrecord.model import Document

from .conftest import make_document


def spans(text: str) -> list[tuple[str, str, str | None]]:
    return [
        (text[m.start : m.end], m.type, m.entry.id if m.entry else None)
        for m in find_mentions(text)
    ]


def test_surname_alone_after_the_full_name_is_the_same_person() -> None:
    text = "Vladimir Putin met Boris Johnson. Later Johnson said the talks went well."
    assert ("Johnson", "person", "boris-johnson") in spans(text)


def test_surname_alone_of_an_unknown_person_is_a_person() -> None:
    text = "Its head Alexander Rumyantsev said so. Rumyantsev’s team agreed."
    assert ("Rumyantsev", "person", None) in spans(text)


def test_surname_in_a_later_turn_links_to_the_full_name_earlier_in_the_document() -> None:
    document = Document.from_dict(
        {
            "id": "t2",
            "source": "t2.txt",
            "sha256": "0" * 64,
            "parser": {"name": "test", "version": "1"},
            "date": "2019-09-01",
            "lead": "Vladimir Putin met Prime Minister of the United Kingdom Boris Johnson.",
            "speakers": [{"id": "s1", "name": "Vladimir Putin"}],
            "turns": [
                {
                    "index": 0,
                    "label": "Vladimir Putin",
                    "speaker": "s1",
                    "paragraphs": ["I told Johnson that we are ready."],
                }
            ],
        }
    )
    turn = [a for a in annotate(document) if a.kind == "entity" and a.turn == 0]
    assert [(a.text, a.data["id"]) for a in turn] == [("Johnson", "boris-johnson")]


def test_a_speakers_surname_alone_is_that_speaker() -> None:
    document = make_document("As Platonov told us, the law passed.", speaker="Vladimir Platonov")
    found = [a for a in annotate(document) if a.kind == "entity"]
    assert [(a.text, a.data["type"], a.data["speaker"]) for a in found] == [
        ("Platonov", "person", "s1")
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("President Erdogan said", "Erdogan"),
        ("President Tibilov is in Moscow", "Tibilov"),
        ("talks with Foreign Minister Frattini went on", "Frattini"),
        ("Senator Klintsevich has organised", "Klintsevich"),
        ("Defence Minister Sergei Shoigu and others", "Sergei Shoigu"),
        ("former French President Charles de Gaulle’s vision", "Charles de Gaulle"),
        ("film director Dzhanik Fayziev, lead actor", "Dzhanik Fayziev"),
        ("Woo Yoon-keun (Republic of Korea), and", "Woo Yoon-keun"),
    ],
)
def test_people_by_title_shape_or_context(text: str, span: str) -> None:
    assert (span, "person") in [(s, t) for s, t, _ in spans(text)]


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        ("the Northern Machine-Building Enterprise (Sevmash) since 1996", "Sevmash", "org"),
        ("NASA astronauts took part", "NASA", "org"),
        ("a meeting in the village of Kantemirovka", "Kantemirovka", "place"),
        ("a third was built in Botlikh.", "Botlikh", "place"),
        ("the second day of Operation Iskra.", "Operation Iskra", "event"),
        ("funds such as Elbrus Capital invest", "Elbrus Capital", "org"),
    ],
)
def test_organisations_places_and_events_by_cue(text: str, span: str, kind: str) -> None:
    assert (span, kind) in [(s, t) for s, t, _ in spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Meanwhile the talks went on.",
        "However, Construction will begin in June.",
        "GDP grew and VAT fell.",
        "It happened in January-November.",
        "He is an expert in Arab studies.",
        "Human Capital was the theme.",
        "Lieutenant Colonels of Justice met.",
    ],
)
def test_common_words_are_not_names(text: str) -> None:
    assert spans(text) == []


def test_an_editors_insertion_is_not_a_name() -> None:
    text = "Would you speak with [Ukrainian President Petro] Poroshenko?"
    assert spans(text) == [("Poroshenko", "person", "poroshenko")]


def test_adjective_before_a_name_is_not_part_of_it() -> None:
    text = "Eminent Russian musician Yury Bashmet played."
    assert [s for s, _, _ in spans(text)] == ["Yury Bashmet"]
