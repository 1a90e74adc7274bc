"""Figures: values, units, approximations; dates, ordinals and identifiers kept apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.enrich.numbers import parse_digits, parse_words
from onrecord.enrich.quantities import find_figures


def one(text: str) -> tuple[str, float | None, str | None, str | None]:
    figures, _ = find_figures(text)
    assert len(figures) == 1, [text[f.start : f.end] for f in figures]
    f = figures[0]
    return text[f.start : f.end], f.value, f.unit, f.approx


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("around 20,000 militants", ("around 20,000", 20000, None, "around")),
        ("nearly 10,000 of them", ("nearly 10,000", 10000, None, "nearly")),
        ("more than 1000 kilometres long", ("more than 1000 kilometres", 1000, "km", "more than")),
        (
            "slightly less than half come",
            ("slightly less than half", 0.5, "fraction", "slightly less than"),
        ),
        ("A third of the land", ("A third", 1 / 3, "fraction", None)),
        ("two-thirds of voters", ("two-thirds", 2 / 3, "fraction", None)),
        ("trade is up 2.5-fold.", ("2.5-fold", 2.5, "times", None)),
        ("grew 19 times over", ("19 times", 19, "times", None)),
        ("increased by 80 percent.", ("80 percent", 80, "percent", None)),
        ("rose 27% in May", ("27%", 27, "percent", None)),
        ("some 8 billion rubles", ("some 8 billion rubles", 8e9, "RUB", "some")),
        ("nearly $4 billion", ("nearly $4 billion", 4e9, "USD", "nearly")),
        ("about 15 million USD", ("about 15 million USD", 15e6, "USD", "about")),
        ("12 million metric tons of oil", ("12 million metric tons", 12e6, "tonne", None)),
        ("a 40,000-tonne dock", ("40,000-tonne", 40000, "tonne", None)),
        ("two and a half million people", ("two and a half million", 2.5e6, None, None)),
        # "twenty-five years ago" says when, not how much (issue 18); a duration counts
        ("twenty-five years of work", ("twenty-five years", 25, "year", None)),
        ("Over a thousand projects", ("Over a thousand", 1000, None, "over")),
        ("As many as 14 million people", ("As many as 14 million", 14e6, None, "as many as")),
        ("one in five Russians", ("one in five", 0.2, "ratio", None)),
        ("nearly three out of ten firms", ("nearly three out of ten", 0.3, "ratio", "nearly")),
    ],
)
def test_figure(text: str, expected: tuple) -> None:
    got = one(text)
    assert got[0] == expected[0]
    assert got[1] == pytest.approx(expected[1])
    assert got[2:] == expected[2:]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("10-15 percent", 10, 15, "percent"),
        ("between 10 and 15 percent", 10, 15, "percent"),
        ("25,000–40,000 refugees", 25000, 40000, None),
        ("4 to 4.5 billion roubles", 4e9, 4.5e9, "RUB"),
    ],
)
def test_range(text: str, low: float, high: float, unit: str | None) -> None:
    figures, _ = find_figures(text)
    assert [(f.value, f.high, f.unit, f.bound) for f in figures] == [(low, high, unit, "range")]


@pytest.mark.parametrize(
    "text",
    [
        "our 201stmilitary base",
        "the 25th anniversary",
        "the 201st base",
        "in the first half",
        "Article 80 of the Constitution",
        "Order No. 239",
        "units 3 and 4",
        "the 9/11 attacks",
        "at 10:00 am",
        "the G20 and S-400 and COVID-19",
        "Project 23380",
        "Channel One",
        "one of the issues",
        "millions of people",
        "a third was built in May",
        "1. Federal bodies shall",
        "the first three quarters of 2005",
        # issue 18: what a careful reader would not accept as figures
        "We are building Nord Stream 2 with our partners.",
        "Nord Stream 2 and TurkStream",
        "2018 is the Year of Music.",
        "I have said this a thousand times.",
        "We discussed it two years ago.",
        "twenty-five years ago",
        "tags: 00-04",
    ],
)
def test_not_a_figure(text: str) -> None:
    figures, _ = find_figures(text)
    assert [text[f.start : f.end] for f in figures] == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("back in 2003, when", 2003),
        ("up to 2010", 2010),
        ("April 12, 2017", 2017),
        ("the 1990s", 1990),
    ],
)
def test_years_and_dates_are_dates(text: str, year: int) -> None:
    figures, dates = find_figures(text)
    assert figures == []
    assert [d.year for d in dates] == [year]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year before "to" is no range start: two counts and two years
        (
            "from 178,000 in 2011 to 212,000 in 2012",
            [("178,000", 178_000, None), ("212,000", 212_000, None)],
        ),
        ("25m ethnic Russians", [("25m", 25_000_000, None)]),  # 25 million, not 25
        ("a tower 25m high", [("25", 25, None)]),  # metres: left as a bare number
        (
            "VAT from 18 to 20 per cent",  # two percentages, not a bare 18
            [("18", 18, "percent"), ("20 per cent", 20, "percent")],
        ),
        ("a thousand times more", [("a thousand times", 1000, "times")]),
    ],
)
def test_misread_figures(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    figures, _ = find_figures(text)
    assert [(text[f.start : f.end], f.value, f.unit) for f in figures] == expected


def test_a_year_with_a_count_word_is_a_count() -> None:
    assert one("around 2000 companies")[1] == 2000


@pytest.mark.parametrize(
    ("token", "value", "status"),
    [
        ("1,300", 1300, "ok"),
        ("1,300.5", 1300.5, "ok"),
        ("1 300", 1300, "ok"),
        ("1\u00a0300", 1300, "ok"),
        ("1.300.000", 1300000, "ok"),
        ("1.300", None, "ambiguous"),
        ("1,30", None, "unparsed"),
        ("1,3000", None, "unparsed"),
        ("2.5", 2.5, "ok"),
    ],
)
def test_odd_number_formats_never_get_a_silent_wrong_value(
    token: str, value: float | None, status: str
) -> None:
    parsed = parse_digits(token)
    assert (parsed.value, parsed.status) == (value, status)


def test_ambiguous_figure_keeps_its_text_and_is_marked() -> None:
    figures, _ = find_figures("They sent 1.300 soldiers.")
    assert [(f.value, f.status, f.format) for f in figures] == [(None, "ambiguous", "dot-grouped")]


def test_a_scale_word_makes_three_decimals_a_decimal() -> None:
    assert one("it totals 2.438 billion roubles")[1:3] == (2_438_000_000, "RUB")


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("twenty-five", 25),
        ("one hundred and fifty", 150),
        ("one and a half", 1.5),
        ("two thousand three hundred", 2300),
        ("three million", 3e6),
        ("dog", None),
    ],
)
def test_number_words(words: str, value: float | None) -> None:
    assert parse_words(words.split()) == value


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-–%$€/:abcdemnopt\u00a0")), max_size=80))
def test_find_figures_never_crashes_and_stays_in_bounds(text: str) -> None:
    figures, dates = find_figures(text)
    for f in figures:
        assert 0 <= f.start < f.end <= len(text)
        assert (f.value is None) == (f.status != "ok")
    for d in dates:
        assert 0 <= d.start < d.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_comma_grouped_integers_round_trip(n: int) -> None:
    assert parse_digits(f"{n:,}").value == n
