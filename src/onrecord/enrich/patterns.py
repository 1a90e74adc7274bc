"""The compiled regular expressions of the quantity finder, all in one module.

Every pattern is linear (no nested quantifiers over the same characters), so a 1 MB
paragraph costs time in proportion to its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onrecord.enrich.lexicon import (
    APPROX_AFTER,
    APPROX_BEFORE,
    CURRENCY_SIGNS,
    FOLD_WORDS,
    FRACTION_WORDS,
    MONTHS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    UNITS_WORDS,
)


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


def word_trie(words: object) -> str:
    """The same words as `_alternation`, with shared prefixes written once.

    Both try the words that match at a position longest first (those are prefixes of each
    other), so they find the same matches; but an alternation compares each of its words
    in turn at every position the regex is tried, and a trie only follows the letters that
    are there. `CORE` is tried at every position of every text.
    """
    trie: dict[str, dict] = {}
    for word in words:  # type: ignore[attr-defined]
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(trie)


def _trie_node(node: dict[str, dict]) -> str:
    branches = [re.escape(c) + _trie_node(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_NUMWORD = word_trie(
    [f"{t}-{u}" for t in TENS_WORDS for u in list(UNITS_WORDS)[1:10]]
    + list(UNITS_WORDS)
    + list(TENS_WORDS)
    + list(SCALE_WORDS)
)
_MONTH = word_trie(MONTHS)
_NUMERATOR = "a|one|two|three|four|five|six|seven|eight|nine"

# A figure's core: the alternatives are tried left to right at each position. Each starts
# a word (the digits too: no word character before them), so the word boundary is tested
# once, before them, and a position inside a word costs one test.
_SMALL = word_trie([*list(UNITS_WORDS)[1:], *TENS_WORDS, "hundred", "thousand"])
CORE = re.compile(
    r"\b(?:"
    # "one in five", "three out of ten": a share; in digits ("8 out of 20 companies") the
    # annotated DEV pages count two figures, so only words make a ratio.
    rf"(?P<ratio>(?P<ratio_a>(?i:{_SMALL}))\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?P<ratio_b>(?i:{_SMALL}))\b)"
    rf"|(?P<fold>(?i:{word_trie(FOLD_WORDS)})\b)"
    rf"|(?P<fraction>(?i:(?P<num>{_NUMERATOR})[\s-]+(?P<frac>{word_trie(FRACTION_WORDS)})"
    rf"|(?P<half>half))\b)"
    # "a hundred and five", "a thousand two hundred": the words after the scale count too
    rf"|(?P<ascale>(?i:an?)\s+(?P<ascaleword>hundred|thousand|million|billion|trillion|dozen)"
    rf"(?P<ascaletail>(?i:(?:[\s-]+|\s+and\s+)(?:{_NUMWORD}))*)\b)"
    # not 'multi-million strong': a scale word glued to a word before it is an adjective
    rf"|(?P<words>(?<![A-Za-z]-)(?i:(?:{_NUMWORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMWORD}))*"
    rf"(?:\s+and\s+a\s+half)?)\b)"
    r"|(?P<digits>(?<![\w.,\-/–—])\d+(?:[.,]\d+)*(?:[ \u00a0\u202f\u2009]\d{3}(?![\d.,]\d))*)"
    r")"
)
# Where CORE may match: a word that starts with a digit, or whose first run of word
# characters is the first word of one of CORE's branches (all of them end there). Found
# with one trie instead of CORE's six branches at every word, which cost most of the
# figures' time.
_FIRST_WORDS = word_trie({*UNITS_WORDS, *TENS_WORDS, *SCALE_WORDS, *FOLD_WORDS, "half", "a", "an"})
CORE_STARTS = re.compile(rf"\b(?=\d|(?i:{_FIRST_WORDS})\b)")


def core_matches(text: str) -> Iterator[re.Match[str]]:
    """`CORE.finditer(text)`, tried only at `CORE_STARTS`."""
    return matches_at(CORE, text, [m.start() for m in CORE_STARTS.finditer(text)])


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that can only match at one of `starts` (in
    order): each start from the end of the last match on is tried, as `finditer` would try
    it, and the positions between them, where `finditer` finds nothing, are skipped.

    The regular expression engine tries a pattern at every position of the text, and one
    that starts with a lookbehind or a word boundary costs that much at each of them.
    """
    end = 0
    match = pattern.match
    for start in starts:
        if start >= end:
            m = match(text, start)
            if m is not None:
                end = m.end()
                yield m


ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)", re.IGNORECASE)
GLUED_LETTERS = re.compile(r"[A-Za-z]+")
GLUED_OK = frozenset(["km", "bn", "mln", "mn", "m", "s", "kg", "mw", "gw", "kwh", "tn", "trln"])

# Both are looked for in every text. Each branch of DATE but the last starts a word, so the
# boundary is tested once before them; TIME_OF_DAY starts with a digit that no word
# character precedes, written digit first (`\d(?<!\w\d)` for `\b\d`), so that the engine
# skips to the digits.
DATE = re.compile(
    rf"\b(?:(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\s+(?:{_MONTH})(?:,?\s+\d{{4}})?\b"
    rf"|(?:{_MONTH}),?\s+\d{{4}}\b"
    r"|(?:1\d|20)\d0s\b)|[’']\d0s\b"
)
# DATE starts with a digit, a month's capital or an apostrophe: found by a character class,
# which the engine scans for quickly, and DATE tried there (`date_matches`).
DATE_STARTS = re.compile("[\\d’'" + "".join(sorted({m[0] for m in MONTHS})) + "]")


def date_matches(text: str) -> Iterator[re.Match[str]]:
    """`DATE.finditer(text)`, tried only at `DATE_STARTS`."""
    return matches_at(DATE, text, [m.start() for m in DATE_STARTS.finditer(text)])


TIME_OF_DAY = re.compile(
    r"\d(?<!\w\d)(?:\d?[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)|\d?:\d{2}\b|\d?\s*(?:am|pm)\b)",
    re.IGNORECASE,
)

SCALE_AFTER = re.compile(
    rf"\s*(?P<scale>{_alternation(SCALE_WORDS)})\b|\s?(?P<abbr>{_alternation(SCALE_ABBREVIATIONS)})\b",
    re.IGNORECASE,
)
UNIT_AFTER = re.compile(
    rf"(?:\s*-\s*|\s+)(?P<fold>fold)\b|\s*(?P<pct>%)|(?:\s+|-|\s?)(?P<unit>(?i:"
    rf"{_alternation(w for w in UNIT_WORDS if w != '%')}))\b"
)
RANGE_AFTER = re.compile(
    r"\s*(?:-|–|—|\bto\b)\s*(?P<high>\d+(?:[.,]\d+)*)(?![\w.,]\d)", re.IGNORECASE
)
BETWEEN_AND = re.compile(r"\s+and\s+(?P<high>\d+(?:[.,]\d+)*)\b")
APPROX_BEFORE_RE = re.compile(
    rf"(?<![\w-])(?P<approx>(?i:{_alternation(APPROX_BEFORE)}))\s+"
    r"(?:another\s+|a\s+further\s+|an\s+additional\s+)?$"
)
APPROX_AFTER_RE = re.compile(rf"(?:\s+|-)(?P<approx>(?i:{_alternation(APPROX_AFTER)}))\b")
CURRENCY_BEFORE = re.compile(rf"(?P<sign>{_alternation(CURRENCY_SIGNS)})\s?$")
SLASHED = re.compile(r"\s*/\s*\d")  # 9/11, 24/7, 1/3: dates, slogans, written fractions
IDENTIFIER_LIST = re.compile(
    r"\b(?:units?|articles?|items?|paragraphs?|points?|blocks?)\s+\d+[a-z]?"
    r"(?:\s*(?:,|and|or|to|-|–)\s*\d+[a-z]?)*\s*(?:,|and|or|to|-|–)\s*$",
    re.IGNORECASE,
)
AGO = re.compile(r"[\s\u00a0]+ago\b", re.IGNORECASE)  # "two years ago": a time, not a figure
# "Nord Stream 2", "Boeing 737": a number after two capitalised words is part of a name.
NAME_BEFORE = re.compile(r"\b[A-Z][\w’'-]*[\s\u00a0]+[A-Z][\w’'-]*[\s\u00a0]+$")
# A capitalised word, then the number, then the end of a clause ("launched Soyuz 2.").
CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w’'-]*[\s\u00a0]+$")
FROM_BEFORE = re.compile(r"\bfrom[\s\u00a0]+$", re.IGNORECASE)
TO_BETWEEN = re.compile(r"[\s\u00a0]+to[\s\u00a0]+", re.IGNORECASE)
PREVIOUS_WORD = re.compile(r"([A-Za-z][\w.]*)\W*$")
NEXT_WORD = re.compile(r"\s+([A-Za-z][\w’'-]*)")
