"""Numbers as written -> values, without guessing: an ambiguous figure gets no value.

`parse_digits("1,300.5")` is 1300.5; `"1 300"` is 1300 (space-grouped); `"1.300"` could be
1.3 or 1300 and so has no value and the status "ambiguous"; `"1,30"` is "unparsed".
`parse_words(["two", "and", "a", "half", "million"])` is 2500000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.enrich.lexicon import SCALE_WORDS, TENS_WORDS, UNITS_WORDS

_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+")
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


@dataclass(frozen=True)
class Parsed:
    """A value, or None with a status that says why not."""

    value: float | None
    status: str  # ok | ambiguous | unparsed
    format: str  # plain | comma-grouped | space-grouped | dot-grouped | words


def as_number(value: float) -> float | int:
    """An integral float as int, so JSON shows 20000, not 20000.0."""
    return int(value) if float(value).is_integer() and abs(value) < 1e18 else value


def parse_digits(text: str) -> Parsed:
    """Parse one digit token as matched by `quantities.NUMBER`."""
    if _COMMA_GROUPED.fullmatch(text):
        return Parsed(float(text.replace(",", "")), "ok", "comma-grouped")
    if _SPACE_GROUPED.fullmatch(text):
        return Parsed(float(re.sub(r"\D", "", text)), "ok", "space-grouped")
    if _DOT_GROUPED.fullmatch(text):  # 1.300.000: dots cannot be decimals twice
        return Parsed(float(text.replace(".", "")), "ok", "dot-grouped")
    if _DOT_THOUSANDS.fullmatch(text) and not text.startswith("0"):
        return Parsed(None, "ambiguous", "dot-grouped")  # 1.300: 1.3 or 1300?
    if _PLAIN.fullmatch(text):
        return Parsed(float(text), "ok", "plain")
    return Parsed(None, "unparsed", "plain")


def parse_words(words: list[str]) -> float | None:
    """Value of a run of number words ("twenty-five", "one and a half"), None if not one."""
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    while i < len(words):
        word = words[i].lower()
        if word in ("and", "a") and _is_half_tail(words, i):
            current += 0.5
            i += 3 if word == "and" else 2
            continue
        if word == "and":
            i += 1
            continue
        step = _word_value(word)
        if step is None:
            return None
        kind, value = step
        if kind == "unit":
            current += value
        elif value == 100:
            current = (current or 1) * 100
        else:
            total += (current or 1) * value
            current = 0.0
        seen = True
        i += 1
    return total + current if seen else None


def _is_half_tail(words: list[str], i: int) -> bool:
    tail = [w.lower() for w in words[i : i + 3]]
    return tail[:3] == ["and", "a", "half"] or (tail[:2] == ["a", "half"] and i > 0)


def _word_value(word: str) -> tuple[str, float] | None:
    if "-" in word:
        parts = word.split("-")
        values = [UNITS_WORDS.get(p, TENS_WORDS.get(p)) for p in parts]
        if len(parts) == 2 and all(v is not None for v in values):
            return "unit", float(sum(v for v in values if v is not None))
        return None
    if word in UNITS_WORDS:
        return "unit", float(UNITS_WORDS[word])
    if word in TENS_WORDS:
        return "unit", float(TENS_WORDS[word])
    if word in SCALE_WORDS:
        return "scale", float(SCALE_WORDS[word])
    return None
