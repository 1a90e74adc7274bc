"""The same page saved in the ways people really save it parses to the same structure."""

from __future__ import annotations

import pytest

from helpers.layouts import LAYOUTS
from onrecord.parse import parse_text


def signature(document):
    return (
        document.title,
        document.date,
        document.place,
        " ".join(document.lead.split()),
        [(t.speaker, t.label, " ".join(t.text.split())) for t in document.turns],
    )


@pytest.fixture(scope="module")
def pages(kremlin_dir):
    return {p.name: p.read_text("utf-8") for p in sorted(kremlin_dir.glob("*.txt"))}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout_gives_the_same_structure(pages, layout):
    transform = LAYOUTS[layout]
    for name, text in pages.items():
        expected = signature(parse_text(text, name))
        assert signature(parse_text(transform(text), name)) == expected, name


def test_hard_wrapped_label_split_over_two_lines_is_rejoined():
    text = (
        "Talks\n\nMay 3, 2016, Sochi\n\nPresident of Russia\nVladimir Putin: Good afternoon,\n"
        "colleagues.\n\nPrime Minister of Japan Shinzo Abe: Thank you.\n\nVladimir Putin: Yes."
    )
    document = parse_text(text)
    assert [t.label for t in document.turns] == [
        "President of Russia Vladimir Putin",
        "Prime Minister of Japan Shinzo Abe",
        "Vladimir Putin",
    ]
    assert document.turns[0].paragraphs == ["Good afternoon, colleagues."]
    assert document.turns[0].speaker == document.turns[2].speaker


def test_time_on_its_own_line_after_the_date():
    document = parse_text(
        "A meeting\n\nMay 3, 2016\n\n15:30\n\nThe lead.\n\nVladimir Putin: Hello."
    )
    assert (document.date, document.time, document.lead) == ("2016-05-03", "15:30", "The lead.")


ONE_PARAGRAPH_PAGE = """Документ   /

Meeting with Romano Prodi

March 17, 2016, The Kremlin, Moscow

Vladimir Putin met with former head of the Council of Ministers of Italy Romano Prodi.
{more}
March 17, 2016, The Kremlin, Moscow
"""


def test_a_page_of_one_paragraph_has_no_lead_the_paragraph_is_its_text():
    document = parse_text(ONE_PARAGRAPH_PAGE.format(more=""), "51531.txt")
    assert document.lead == ""
    assert document.preamble == [
        "Vladimir Putin met with former head of the Council of Ministers of Italy Romano Prodi."
    ]
    longer = parse_text(ONE_PARAGRAPH_PAGE.format(more="\nThey discussed Italy.\n"), "51531.txt")
    assert longer.lead.startswith("Vladimir Putin met") and longer.preamble == [
        "They discussed Italy."
    ]
