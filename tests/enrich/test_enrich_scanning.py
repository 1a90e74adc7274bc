"""The faster ways of scanning a text find what the plain regular expressions find.

`word_trie` for longest-first alternations, `matches_at` for patterns tried only where they
can start, `_surnames_in` for the per-document surname alternation, the surname index of
`fuzzy_person`: each is checked on worked examples and, where it replaces a regular
expression, against that expression on generated texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.enrich import patterns
from onrecord.enrich.entities import _capitals, _surnames_in, fuzzy_person
from onrecord.enrich.patterns import matches_at, word_trie


@pytest.mark.parametrize(
    ("text", "expected"),
    [("once upon", "once"), ("one day", "one"), ("on time", "on"), ("oven", None)],
)
def test_a_word_trie_matches_the_longest_word_first(text: str, expected: str | None) -> None:
    m = re.match(word_trie(["on", "one", "once"]), text)
    assert (m.group() if m else None) == expected


def test_a_word_trie_backtracks_to_a_shorter_word_like_the_alternation() -> None:
    # "once" fits first, but only "on" is followed by a space
    pattern = re.compile(rf"(?:{word_trie(['on', 'one', 'once'])}) ")
    assert pattern.match("on ce").group() == "on "


def test_matches_at_capitals_finds_what_finditer_finds() -> None:
    text = "Mr Smith met Mr Jones-Mr Brown, then xMr Green."
    pattern = re.compile(r"(?<![\w-])Mr [A-Z]\w+")
    spans = [m.span() for m in matches_at(pattern, text, _capitals(text))]
    assert spans == [(0, 8), (13, 21)]
    assert spans == [m.span() for m in pattern.finditer(text)]


def test_matches_at_skips_starts_inside_the_last_match() -> None:
    text = "New York City Hall"
    pattern = re.compile(r"(?<![\w-])(?:[A-Z]\w*\s+)*Hall")
    assert _capitals(text) == [0, 4, 9, 14]
    assert [m.span() for m in matches_at(pattern, text, _capitals(text))] == [(0, 18)]


def test_zero_width_matches_at_each_start() -> None:
    text = "Anna Lee and Bob Ray"
    pattern = re.compile(r"(?<![\w-])(?=[A-Z]\w+ [A-Z])")
    assert [m.start() for m in matches_at(pattern, text, _capitals(text))] == [0, 13]


def test_surnames_said_as_words() -> None:
    text = "Putin, Putin-Medvedev and Putin’s aide; Putinism"
    assert _surnames_in(text, ("Putin",)) == [(0, "Putin"), (26, "Putin")]


def test_at_one_start_the_first_name_that_fits() -> None:
    # "Lee" is first, but a hyphen follows it at 0; at 12 a full stop does
    assert _surnames_in("Lee-Ann met Lee.", ("Lee", "Lee-Ann")) == [(0, "Lee-Ann"), (12, "Lee")]


def _surname_regex(text: str, names: tuple[str, ...]) -> list[tuple[int, str]]:
    pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="AaBb-’' _.é1", max_size=40),
    st.lists(st.text(alphabet="AaBb-’.é", min_size=1, max_size=4), min_size=1, max_size=4),
)
def test_surnames_in_agrees_with_the_regex(text: str, names: list[str]) -> None:
    ordered = tuple(sorted(set(names)))
    assert _surnames_in(text, ordered) == _surname_regex(text, ordered)


_NUMBERISH = st.lists(
    st.sampled_from(
        ["one", "One", "in", "five", "a", "an", "A", "hundred", "and", "half", "twenty-one",
         "twofold", "out", "of", "ten", "million", "3", "1,5", "2000", "May", "1990s", "’90s",
         "5th", "June", "12", "-", " ", "  ", ",", ".", "x", "multi-", "ſix", "K", "_"]
    ),
    max_size=25,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_NUMBERISH)
def test_figures_and_dates_found_where_finditer_finds_them(text: str) -> None:
    def spans(found: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
        return [(m.span(), m.groupdict()) for m in found]

    assert spans(patterns.core_matches(text)) == spans(patterns.CORE.finditer(text))
    assert spans(patterns.date_matches(text)) == spans(patterns.DATE.finditer(text))


@pytest.mark.parametrize(
    "name",
    ["Robert Kocharian", "Robert Kocharyn", "Robert Kocharyaan", "Robrt Kocharyan"],
)
def test_a_surname_one_letter_off_links_to_the_person(name: str) -> None:
    entry = fuzzy_person(name)
    assert entry is not None
    assert entry.id == "kocharyan"


def test_a_surname_two_letters_off_does_not_link() -> None:
    assert fuzzy_person("Robert Kocharyanov") is None
