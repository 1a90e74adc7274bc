"""Figures whose values were worked out by hand: number words, digit groupings, units."""

from __future__ import annotations

import pytest

from onrecord.enrich.numbers import as_number, parse_digits, parse_words
from onrecord.enrich.quantities import find_figures


def figures(text: str) -> list[tuple[str, float | None, str | None]]:
    found, _ = find_figures(text)
    return [(text[f.start : f.end], f.value, f.unit) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hundred and five tanks", [("hundred and five", 105, None)]),
        ("a hundred and five tanks", [("a hundred and five", 105, None)]),
        ("a thousand two hundred people", [("a thousand two hundred", 1200, None)]),
        ("It fell 0.500 percent.", [("0.500 percent", 0.5, "percent")]),
        ("It fell 0.05 percent.", [("0.05 percent", 0.05, "percent")]),
        ("three hundred and twenty-one", [("three hundred and twenty-one", 321, None)]),
        (
            "two million three hundred thousand",
            [("two million three hundred thousand", 2.3e6, None)],
        ),
        ("seven hundred and fifty thousand", [("seven hundred and fifty thousand", 750_000, None)]),
        ("ninety-nine people", [("ninety-nine", 99, None)]),
        ("one and a half times", [("one and a half times", 1.5, "times")]),
        ("1,300.5 rubles", [("1,300.5 rubles", 1300.5, "RUB")]),
        ("1 300 people", [("1 300", 1300, None)]),
        ("1.300.000 people", [("1.300.000", 1_300_000, None)]),
        ("1.300 tonnes", [("1.300 tonnes", None, "tonne")]),  # 1.3 or 1300: no value
        ("0.300 tonnes", [("0.300 tonnes", 0.3, "tonne")]),
    ],
)
def test_figures_in_text(text: str, expected: list[tuple[str, float | None, str | None]]) -> None:
    got = figures(text)
    assert [(span, unit) for span, _, unit in got] == [(span, unit) for span, _, unit in expected]
    for (_, value, _), (_, want, _) in zip(got, expected, strict=True):
        assert value == (None if want is None else pytest.approx(want))


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("five", 5),
        ("hundred", 100),
        ("hundred and five", 105),
        ("one hundred five", 105),
        ("two hundred", 200),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("one and a half", 1.5),
        ("two and a half million", 2_500_000),
        ("a half", None),
        ("three thousand and a half", 3000.5),
        ("one thousand two hundred and thirty-four", 1234),
        ("two million three hundred thousand", 2_300_000),
        ("five hundred thousand", 500_000),
        ("zero", 0),
        ("and", None),
        ("banana", None),
        ("twenty-banana", None),
        ("twenty-five-six", None),
        ("five banana", None),
        ("one billion", 1e9),
        ("thousand", 1000),
        ("million", 1e6),
        ("one a half", 1.5),
        ("two a half million", 2_500_000),
    ],
)
def test_number_words(words: str, value: float | None) -> None:
    assert parse_words(words.split()) == value


@pytest.mark.parametrize(
    ("token", "value", "status", "fmt"),
    [
        ("1,300", 1300, "ok", "comma-grouped"),
        ("1,300,000.25", 1_300_000.25, "ok", "comma-grouped"),
        ("1 300", 1300, "ok", "space-grouped"),
        ("1\u00a0300\u00a0000", 1_300_000, "ok", "space-grouped"),
        ("1.300.000", 1_300_000, "ok", "dot-grouped"),
        ("1.300", None, "ambiguous", "dot-grouped"),
        ("999.999", None, "ambiguous", "dot-grouped"),
        ("0.500", 0.5, "ok", "plain"),
        ("12.5", 12.5, "ok", "plain"),
        ("1300", 1300, "ok", "plain"),
        ("1,30", None, "unparsed", "plain"),
        ("1,3000", None, "unparsed", "plain"),
    ],
)
def test_digit_groupings(token: str, value: float | None, status: str, fmt: str) -> None:
    parsed = parse_digits(token)
    assert (parsed.value, parsed.status, parsed.format) == (value, status, fmt)


@pytest.mark.parametrize(
    ("value", "shown"), [(20000.0, "20000"), (0.5, "0.5"), (1e18, "1e+18"), (-3.0, "-3")]
)
def test_integral_values_are_shown_as_integers(value: float, shown: str) -> None:
    assert str(as_number(value)) == shown
