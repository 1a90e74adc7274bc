"""The compiled regular expressions of the quantity finder, all in one module.

Every pattern is linear (no nested quantifiers over the same characters), so a 1 MB
paragraph costs time in proportion to its length.
"""

from __future__ import annotations

import re

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


_NUMWORD = _alternation(
    [f"{t}-{u}" for t in TENS_WORDS for u in list(UNITS_WORDS)[1:10]]
    + list(UNITS_WORDS)
    + list(TENS_WORDS)
    + list(SCALE_WORDS)
)
_MONTH = _alternation(MONTHS)
_NUMERATOR = "a|one|two|three|four|five|six|seven|eight|nine"

# A figure's core: the alternatives are tried left to right at each position.
_SMALL = _alternation([*list(UNITS_WORDS)[1:], *TENS_WORDS, "hundred", "thousand"])
CORE = re.compile(
    # "one in five", "three out of ten": a share; in digits ("8 out of 20 companies") the
    # annotated DEV pages count two figures, so only words make a ratio.
    rf"(?P<ratio>\b(?P<ratio_a>(?i:{_SMALL}))\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?P<ratio_b>(?i:{_SMALL}))\b)"
    rf"|(?P<fold>\b(?i:{_alternation(FOLD_WORDS)})\b)"
    rf"|(?P<fraction>\b(?i:(?P<num>{_NUMERATOR})[\s-]+(?P<frac>{_alternation(FRACTION_WORDS)})"
    rf"|(?P<half>half))\b)"
    # "a hundred and five", "a thousand two hundred": the words after the scale count too
    rf"|(?P<ascale>\b(?i:an?)\s+(?P<ascaleword>hundred|thousand|million|billion|trillion|dozen)"
    rf"(?P<ascaletail>(?i:(?:[\s-]+|\s+and\s+)(?:{_NUMWORD}))*)\b)"
    # not 'multi-million strong': a scale word glued to a word before it is an adjective
    rf"|(?P<words>(?<![A-Za-z]-)\b(?i:(?:{_NUMWORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMWORD}))*"
    rf"(?:\s+and\s+a\s+half)?)\b)"
    r"|(?P<digits>(?<![\w.,\-/–—])\d+(?:[.,]\d+)*(?:[ \u00a0\u202f\u2009]\d{3}(?![\d.,]\d))*)"
)
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)", re.IGNORECASE)
GLUED_LETTERS = re.compile(r"[A-Za-z]+")
GLUED_OK = frozenset(["km", "bn", "mln", "mn", "m", "s", "kg", "mw", "gw", "kwh", "tn", "trln"])

DATE = re.compile(
    rf"\b(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\s+(?:{_MONTH})(?:,?\s+\d{{4}})?\b"
    rf"|\b(?:{_MONTH}),?\s+\d{{4}}\b"
    r"|\b(?:1\d|20)\d0s\b|[’']\d0s\b"
)
TIME_OF_DAY = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*(?:am|pm)\b",
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
