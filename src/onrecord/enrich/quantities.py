"""Figures in a text: value, unit, approximation, ranges; dates and ordinals kept apart.

`find_figures(text)` returns `Figure`s (quantities) and `DateSpan`s; the producer
`quantities.v1` turns them into annotations. A figure whose digits cannot be read without
guessing (`1.300`, `1,30`) keeps its text and gets `value: None` and a `status`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from onrecord.enrich import patterns as p
from onrecord.enrich.lexicon import (
    APPROX_AFTER,
    APPROX_BEFORE,
    COMPARATIVE_AFTER,
    CURRENCY_SIGNS,
    FOLD_WORDS,
    FRACTION_NOT_AFTER,
    FRACTION_WORDS,
    IDENTIFIER_BEFORE,
    METRE_AFTER,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    UNIT_WORDS,
    UNITS_WORDS,
    YEAR_APPROX,
    YEAR_MAX,
    YEAR_MIN,
    YEAR_PREPOSITIONS,
    YEAR_VERBS,
)
from onrecord.enrich.numbers import Parsed, as_number, parse_digits, parse_words


@dataclass
class Figure:
    """One quantity as written: [start, end) covers approximation, number, scale and unit."""

    start: int
    end: int
    value: float | None
    unit: str | None = None
    approx: str | None = None
    bound: str = "eq"  # eq | approx | lt | gt | le | ge | range
    high: float | None = None
    status: str = "ok"
    format: str = "plain"
    number_start: int = 0
    number_end: int = 0
    about: str | None = None
    about_parts: dict[str, str] = field(default_factory=dict)
    about_source: str = ""
    about_link: int | None = None  # start of the figure this one restates

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": None if self.value is None else as_number(self.value),
            "unit": self.unit,
            "approx": self.approx,
            "bound": self.bound,
            "status": self.status,
            "format": self.format,
            "about": self.about,
            "about_source": self.about_source,
        }
        if self.about_link is not None:
            out["about_link"] = self.about_link
        if self.high is not None:
            out["high"] = as_number(self.high)
        return out


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    year: int | None


def find_figures(text: str) -> tuple[list[Figure], list[DateSpan]]:
    """All quantities and dates in `text`, in order, without overlaps."""
    dates = [DateSpan(m.start(), m.end(), _year_in(m.group())) for m in p.date_matches(text)]
    blocked = _Blocked([(d.start, d.end) for d in dates])
    blocked.extend((m.start(), m.end()) for m in p.TIME_OF_DAY.finditer(text))
    figures: list[Figure] = []
    consumed = 0
    for m in p.core_matches(text):
        if m.start() < consumed or blocked.covers(m.start()):
            continue
        outcome = _figure_at(text, m)
        if isinstance(outcome, Figure):
            outcome = _time_ago(text, outcome)
        if isinstance(outcome, DateSpan):
            dates.append(outcome)
            consumed = max(consumed, outcome.end)
        elif outcome is not None:
            figures.append(outcome)
            consumed = outcome.end
    _share_units(text, figures)
    dates.sort(key=lambda d: d.start)
    return figures, dates


def _time_ago(text: str, fig: Figure) -> Figure | DateSpan:
    """`two years ago`, `10 days ago`: when something happened, not a figure to check."""
    m = p.AGO.match(text, fig.end)
    if m and fig.unit in ("year", "month", "week", "day", "hour", "minute", "decade"):
        return DateSpan(fig.start, m.end(), None)
    return fig


def _share_units(text: str, figures: list[Figure]) -> None:
    """`VAT from 18 to 20 per cent`: the unit said once after the second figure is the
    first one's too (two percentages, not a bare 18)."""
    for a, b in itertools.pairwise(figures):
        if a.unit is not None or b.unit is None or a.value is None or a.high is not None:
            continue
        between = p.TO_BETWEEN.fullmatch(text, a.end, b.start)
        if between and p.FROM_BEFORE.search(text, max(0, a.start - 12), a.start):
            a.unit = b.unit


class _Blocked:
    """Spans (dates, times of day) where no figure may start; looked up by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def extend(self, spans: Any) -> None:
        self.spans = sorted([*self.spans, *spans])
        self.starts = [s for s, _ in self.spans]

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < max(e for _, e in self.spans[max(0, i - 2) : i + 1])


def _year_in(text: str) -> int | None:
    m = re.search(r"(?<!\d)(\d{4})(?!\d)", text)
    return int(m.group(1)) if m else None


def _figure_at(text: str, m: re.Match[str]) -> Figure | DateSpan | None:
    kind = "digits"
    for name in ("ratio", "fold", "fraction", "ascale", "words", "digits"):
        if m.group(name) is not None:
            kind = name
            break
    if kind == "ratio":
        ratio = _ratio(m)
        if ratio is None:
            return None
        fig = ratio
    elif kind == "fold":
        fig = Figure(m.start(), m.end(), float(FOLD_WORDS[m.group().lower()]), unit="times")
        fig.format = "words"
    elif kind == "fraction":
        fig_or_none = _fraction(text, m)
        if fig_or_none is None:
            return None
        fig = fig_or_none
    elif kind == "ascale":
        word = m.group("ascaleword").lower()
        tail = m.group("ascaletail").replace("-", " ").split()
        value = 12.0 if word == "dozen" else float(SCALE_WORDS[word])
        if tail:
            value = parse_words(["one", word, *tail]) or value
        fig = Figure(m.start(), m.end(), value, format="words")
        if _manner_of_speaking(text, m.end()):
            return None
    elif kind == "words":
        fig_or_none = _words(text, m)
        if fig_or_none is None:
            return None
        fig = fig_or_none
    else:
        return _digits(text, m)
    fig.number_start, fig.number_end = m.start(), m.end()
    return _complete(text, fig)


def _manner_of_speaking(text: str, end: int) -> bool:
    """`a thousand times` with no comparative after it: emphasis, not a count."""
    m = _TIMES_AFTER.match(text, end)
    return m is not None and (m.group(1) or "").lower() not in COMPARATIVE_AFTER


_TIMES_AFTER = re.compile(r"[\s\u00a0]+times\b(?:[\s\u00a0]+(\w+))?")


def _ratio(m: re.Match[str]) -> Figure | None:
    """`one in five`, `3 out of 10`: a share, as a number between 0 and 1."""
    a, b = (_small_value(m.group(g)) for g in ("ratio_a", "ratio_b"))
    if a is None or not b or a > b:
        return None
    return Figure(m.start(), m.end(), a / b, unit="ratio", format="words")


def _small_value(text: str) -> float | None:
    return float(text) if text.isdigit() else parse_words([text])


def _fraction(text: str, m: re.Match[str]) -> Figure | None:
    if m.group("half") is not None:
        before = text[max(0, m.start() - 25) : m.start()].lower()
        after = text[m.end() : m.end() + 4].lower()
        ok = re.search(r"(?:than|by|almost|nearly|about|around|over|some|roughly)\s+$", before)
        if re.search(r"(?:first|second|and a|and|a)\s+$", before) or not (
            ok or after.startswith(" of")
        ):
            return None
        return Figure(m.start(), m.end(), 0.5, unit="fraction", format="words")
    words = text[max(0, m.start() - 30) : m.start()].lower().split()
    if words and words[-1] in FRACTION_NOT_AFTER:
        return None  # "the first three quarters of 2005": a period
    after = text[m.end() : m.end() + 4].lower()
    if not (after.startswith((" of", "\u00a0of")) or (words and words[-1] in _FRACTION_CUES)):
        return None  # "a third was built": an ordinal
    numerator = m.group("num").lower()
    count = 1 if numerator in ("a", "one") else UNITS_WORDS[numerator]
    value = count * FRACTION_WORDS[m.group("frac").lower()]
    return Figure(m.start(), m.end(), value, unit="fraction", format="words")


_FRACTION_CUES = frozenset(
    "than by almost nearly about around over some roughly just only is was are were".split()
)


def _words(text: str, m: re.Match[str]) -> Figure | None:
    words = re.split(r"[\s]+", m.group())
    value = parse_words(words)
    if value is None:
        return None
    if m.group()[0].isupper() and not _sentence_start(text, m.start()):
        return None  # part of a name: "Channel One", "Group of Twenty"
    fig = Figure(m.start(), m.end(), value, format="words")
    if value == 1 and not _has_unit_after(text, m.end()):
        return None  # "one of", "one thing": not a count anyone checks
    return fig


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].rstrip(" \u00a0\"“‘'(")
    return not before or before[-1] in ".!?:\n–—"


def _has_unit_after(text: str, end: int) -> bool:
    return bool(p.UNIT_AFTER.match(text, end) or p.SCALE_AFTER.match(text, end))


def _digits(text: str, m: re.Match[str]) -> Figure | DateSpan | None:
    token = m.group().rstrip(" \u00a0\u202f\u2009")
    end = m.start() + len(token)
    glued = p.GLUED_LETTERS.match(text, end)
    if glued and p.ORDINAL_SUFFIX.match(glued.group()[:2]) and token.isdigit():
        return None  # 201st, 25th: ordinals are not counts
    if glued and glued.group().lower() not in p.GLUED_OK:
        return None  # 4G, 3D: part of a name
    if glued and glued.group() == "s" and len(token) == 4:
        return DateSpan(m.start(), end + 1, int(token))
    if _identifier_before(text, m.start()) or p.SLASHED.match(text, end):
        return None
    if _list_marker(text, m.start(), end):
        return None
    if len(token) > 1 and token.startswith("0") and token.isdigit():
        return None  # "00-04", "007": codes and page furniture, not counts
    if _name_part(text, m.start(), end, token):
        return None
    parsed = parse_digits(token)
    if parsed.status == "ambiguous" and p.SCALE_AFTER.match(text, end):
        parsed = Parsed(float(token), "ok", "plain")  # "2.438 billion": a scale makes it decimal
    fig = Figure(m.start(), end, parsed.value, status=parsed.status, format=parsed.format)
    fig.number_start, fig.number_end = m.start(), end
    _currency_before(text, fig)
    _glued_million(text, fig)
    fig = _complete(text, fig)
    if _is_year(text, token, parsed, fig):
        return DateSpan(m.start(), end, int(token))
    return fig


def _name_part(text: str, start: int, end: int, token: str) -> bool:
    """`Nord Stream 2`, `Boeing 737`: a short bare number after two capitalised words, or
    after one (not opening a sentence) at the end of a clause (`launched Soyuz 2.`)."""
    if len(token) > 3 or not token.isdigit():
        return False
    if p.UNIT_AFTER.match(text, end) or p.SCALE_AFTER.match(text, end):
        return False
    window = text[max(0, start - 40) : start]
    if p.NAME_BEFORE.search(window):
        return True
    name = p.CAPITAL_BEFORE.search(window)
    if name is None or _sentence_start(window, name.start()):
        return False
    return text[end : end + 1] in ("", ".", ",", ";", ":", ")")


def _glued_million(text: str, fig: Figure) -> None:
    """`25m ethnic Russians`: a glued "m" is million unless a measuring word follows."""
    if fig.value is None or text[fig.end : fig.end + 1] != "m":
        return
    if text[fig.end + 1 : fig.end + 2].isalnum():
        return  # "25mm", "25min"
    nxt = p.NEXT_WORD.match(text, fig.end + 1)
    if nxt and nxt.group(1).lower() in METRE_AFTER:
        return
    fig.value *= 1_000_000
    fig.end += 1


def _list_marker(text: str, start: int, end: int) -> bool:
    """`1. Federal bodies ...`: a number that opens a line and is followed by `.` or `)`."""
    if text[end : end + 1] not in (".", ")") or text[end + 1 : end + 2].isdigit():
        return False
    line_start = text.rfind("\n", max(0, start - 8), start) + 1 if start > 8 else 0
    return not text[line_start:start].strip()


def _identifier_before(text: str, start: int) -> bool:
    prev = p.PREVIOUS_WORD.search(text, max(0, start - 20), start)
    if text[max(0, start - 1) : start] in ("№", "#", "/"):
        return True
    if p.IDENTIFIER_LIST.search(text, max(0, start - 40), start):
        return True
    return bool(prev and prev.group(1).lower().rstrip(".") in IDENTIFIER_BEFORE)


def _currency_before(text: str, fig: Figure) -> None:
    m = p.CURRENCY_BEFORE.search(text, max(0, fig.start - 4), fig.start)
    if m:
        fig.unit = CURRENCY_SIGNS[m.group("sign")]
        fig.start = m.start()


def _is_year(text: str, token: str, parsed: Parsed, fig: Figure) -> bool:
    if parsed.format != "plain" or not token.isdigit() or len(token) != 4:
        return False
    if not YEAR_MIN <= int(token) <= YEAR_MAX:
        return False
    if fig.unit is not None or fig.end > fig.number_end:
        return False
    if fig.approx is not None and fig.approx not in YEAR_APPROX:
        return False
    prev = p.PREVIOUS_WORD.search(text, max(0, fig.start - 20), fig.start)
    if prev and prev.group(1).lower() in YEAR_PREPOSITIONS:
        return True
    nxt = p.NEXT_WORD.match(text, fig.number_end)
    if nxt and nxt.group(1) in YEAR_VERBS:
        return True  # "2018 is the Year of Music"
    return not (nxt and nxt.group(1).islower() and nxt.group(1).endswith("s"))


def _complete(text: str, fig: Figure) -> Figure:
    """Extend a figure over its scale, range, unit and approximation words."""
    _scale_after(text, fig)
    _range_after(text, fig)
    _scale_after(text, fig)
    _unit_after(text, fig)
    _approx_before(text, fig)
    _approx_after(text, fig)
    return fig


def _scale_after(text: str, fig: Figure) -> None:
    m = p.SCALE_AFTER.match(text, fig.end)
    if not m or fig.unit in ("fraction", "times"):
        return
    word = (m.group("scale") or m.group("abbr")).lower()
    factor = SCALE_WORDS.get(word) or SCALE_ABBREVIATIONS[word]
    if fig.value is not None:
        fig.value *= factor
    if fig.high is not None:
        fig.high *= factor
    fig.end = m.end()


def _range_after(text: str, fig: Figure) -> None:
    if fig.format == "words" or fig.high is not None or fig.value is None:
        return
    before = text[max(0, fig.start - 9) : fig.start].lower()
    if before.endswith("between "):
        m = p.BETWEEN_AND.match(text, fig.end)
    elif before.endswith("from "):
        return  # "from 5 to 7 percent" is a change, two figures
    elif _year_after_preposition(text, fig):
        return  # "from 178,000 in 2011 to 212,000 in 2012": a year, then the next figure
    else:
        m = p.RANGE_AFTER.match(text, fig.end)
    if not m:
        return
    high = parse_digits(m.group("high"))
    if high.value is None or high.value <= fig.value:
        return
    years = fig.value >= YEAR_MIN and high.value <= YEAR_MAX and fig.value <= YEAR_MAX
    bare = p.SCALE_AFTER.match(text, m.end()) is None and p.UNIT_AFTER.match(text, m.end()) is None
    if years and bare:
        return  # 2016-2017: a span of years, left to the year check
    fig.high, fig.bound, fig.end = high.value, "range", m.end()


def _year_after_preposition(text: str, fig: Figure) -> bool:
    if fig.format != "plain" or fig.value is None or not YEAR_MIN <= fig.value <= YEAR_MAX:
        return False
    if fig.number_end - fig.number_start != 4:
        return False
    prev = p.PREVIOUS_WORD.search(text, max(0, fig.start - 20), fig.start)
    return bool(prev and prev.group(1).lower() in YEAR_PREPOSITIONS)


def _unit_after(text: str, fig: Figure) -> None:
    if fig.unit in ("fraction",):
        return
    m = p.UNIT_AFTER.match(text, fig.end)
    if not m:
        return
    if m.group("fold"):
        unit = "times"
    elif m.group("pct"):
        unit = "percent"
    else:
        unit = UNIT_WORDS[re.sub(r"\s+", " ", m.group("unit").lower())]
    if fig.unit in ("USD", "EUR", "GBP", "CNY") and unit not in ("USD",):
        return
    fig.unit, fig.end = unit, m.end()


def _approx_before(text: str, fig: Figure) -> None:
    m = p.APPROX_BEFORE_RE.search(text, max(0, fig.start - 30), fig.start)
    if not m:
        return
    phrase = re.sub(r"\s+", " ", m.group("approx").lower())
    fig.approx = phrase
    fig.bound = APPROX_BEFORE[phrase] if fig.bound != "range" else "range"
    fig.start = m.start()


def _approx_after(text: str, fig: Figure) -> None:
    m = p.APPROX_AFTER_RE.match(text, fig.end)
    if not m or fig.approx is not None:
        return
    phrase = m.group("approx").lower()
    fig.approx, fig.bound, fig.end = phrase, APPROX_AFTER[phrase], m.end()
