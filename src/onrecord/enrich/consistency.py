"""Figures for the same thing that disagree: within a document and across documents.

Two figures are compared when they are about the same thing (their `about`, normalised)
in the same unit. Each figure stands for an interval set by its approximation (`around`,
`nearly`: near the value; `more than`, `less than`, `at least`: open bounds; tolerances in
`lexicon`); two figures disagree when their intervals do not meet. A bound and an exact
figure inside it ("more than 1000 km", then "1,300 km") agree: the speaker restates the
figure more precisely (`find_restatements`). Figures in sentences that name different
years are not compared: a figure may change from one year to the next.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from onrecord.enrich.lexicon import (
    ABOVE_TOLERANCE,
    APPROX_TOLERANCE,
    BELOW_TOLERANCE,
    CHANGE_UNITS,
    DIMENSIONS,
    EXACT_TOLERANCE,
    MAX_GROUP,
    NEAR_ABOVE,
    NEAR_BELOW,
    SPECIFIC_WORDS,
)


@dataclass(frozen=True)
class FigureRef:
    """One quantity annotation with where it stands."""

    turn: int | None
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    approx: str | None
    bound: str
    about: str
    high: float | None = None
    years: frozenset[int] = frozenset()
    doc_id: str = ""
    date: str = ""
    speaker: str = ""
    source: str = ""  # how `about` was found (see onrecord.enrich.about)
    link: int | None = None  # start of the figure this one restates, in the same turn

    def to_dict(self) -> dict[str, Any]:
        out = {
            "text": self.text, "value": self.value, "unit": self.unit, "approx": self.approx,
            "turn": self.turn, "start": self.start, "end": self.end, "about": self.about,
        }  # fmt: skip
        if self.doc_id:
            out.update(doc_id=self.doc_id, date=self.date, speaker=self.speaker)
        return out


@dataclass
class Inconsistency:
    about: str
    unit: str | None
    figures: list[FigureRef] = field(default_factory=list)

    def describe(self) -> str:
        return " vs ".join(f"'{f.text}'" for f in self.figures) + f" ({self.about})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "unit": self.unit,
            "figures": [f.to_dict() for f in self.figures],
            "description": self.describe(),
        }


@dataclass
class Restatement(Inconsistency):
    """A bound or an approximation, then the figure it stands for, said more precisely."""

    def describe(self) -> str:
        first, then = self.figures[0], self.figures[-1]
        return f"'{first.text}' restated more precisely as '{then.text}' ({self.about})"


def about_key(about: str) -> str:
    text = about.lower().replace("’", "'").replace("\u00a0", " ")
    text = re.sub(r"\bthe\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def interval(fig: FigureRef) -> tuple[float, float]:
    v = fig.value
    if fig.bound == "range" and fig.high is not None:
        return v, fig.high
    phrase = (fig.approx or "").lower()
    spans = {
        "approx": (v * (1 - APPROX_TOLERANCE), v * (1 + APPROX_TOLERANCE)),
        "lt": (v * (1 - BELOW_TOLERANCE), v) if phrase in NEAR_BELOW else (0.0, v),
        "gt": (v, v * (1 + ABOVE_TOLERANCE)) if phrase in NEAR_ABOVE else (v, math.inf),
        "le": (0.0, v),
        "ge": (v, math.inf),
    }
    return spans.get(fig.bound, (v * (1 - EXACT_TOLERANCE), v * (1 + EXACT_TOLERANCE)))


def disagree(a: FigureRef, b: FigureRef) -> bool:
    if a.years and b.years and not a.years & b.years:
        return False
    if _elided_scale(a, b) or _elided_scale(b, a):
        return False
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    return hi_a < lo_b or hi_b < lo_a


_QUALIFIED = re.compile(r"\s(?:in|from|under|of)\s")


def specific(fig: FigureRef, *, across: bool = False) -> bool:
    """An `about` precise enough to compare figures that the text does not link.

    It names a thing with a qualifier ("foreign militants in Syria"; "people", "oil pumping
    stations" do not), was found after the figure (not guessed from the words before it,
    except, across documents, a dimension: "length of the Afghan border"), and the figure
    is not a change (percent, times) or a duration. Chosen by reading the flags on DEV.
    """
    if fig.unit in CHANGE_UNITS or fig.source in ("part", "contrast"):
        return False
    if len(fig.about.split()) < SPECIFIC_WORDS:
        return False
    if across and fig.about.startswith(DIMENSIONS):
        return True
    return fig.source in ("after", "ellipsis", "anaphora") and bool(_QUALIFIED.search(fig.about))


def comparable(a: FigureRef, b: FigureRef) -> bool:
    """`b`, later than `a`, restates it (anaphora, apposition) or both name the same thing."""
    if b.source in ("anaphora", "apposition"):
        return b.doc_id == a.doc_id and b.turn == a.turn and b.link == a.start
    if bool(a.years) != bool(b.years):
        return False  # "last year $964 million (in 2011 the figure was $580 million)"
    across = a.doc_id != b.doc_id
    return specific(a, across=across) and specific(b, across=across)


def _elided_scale(a: FigureRef, b: FigureRef) -> bool:
    """`260, almost 270 billion`: the first figure's scale is left unsaid."""
    if not a.text.replace(",", "").isdigit() or a.value <= 0:
        return False
    ratio = b.value / a.value
    return any(0.8 * scale <= ratio <= 1.25 * scale for scale in (1e3, 1e6, 1e9, 1e12))


def find_inconsistencies(figures: Iterable[FigureRef]) -> list[Inconsistency]:
    """Groups of figures about the same thing in which some comparable pair disagrees."""
    groups: dict[tuple[str, str | None], list[FigureRef]] = defaultdict(list)
    for fig in figures:
        if fig.about:
            groups[(about_key(fig.about), fig.unit)].append(fig)
    found: list[Inconsistency] = []
    for (_, unit), members in groups.items():
        if len(members) > MAX_GROUP:
            continue  # "people" a hundred times: too vague to mean one thing
        flagged = _disagreeing(members)
        if flagged:
            found.append(Inconsistency(flagged[0].about, unit, flagged))
    return found


def find_restatements(figures: Iterable[FigureRef]) -> list[Restatement]:
    """Pairs about the same thing where an exact figure falls inside an earlier bound or
    approximation: "more than 1000 kilometres", then "1,300 kilometres"."""
    groups: dict[tuple[str, str | None], list[FigureRef]] = defaultdict(list)
    for fig in figures:
        if fig.about:
            groups[(about_key(fig.about), fig.unit)].append(fig)
    found: list[Restatement] = []
    for (_, unit), members in groups.items():
        if len(members) > MAX_GROUP:
            continue
        ordered = sorted(members, key=lambda f: (f.date, f.doc_id, f.turn or 0, f.start))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if _restates(a, b) and comparable(a, b) and not disagree(a, b):
                    found.append(Restatement(a.about, unit, [a, b]))
    return found


def _restates(a: FigureRef, b: FigureRef) -> bool:
    return a.bound != "eq" and b.bound == "eq" and a.value != b.value


def _disagreeing(members: list[FigureRef]) -> list[FigureRef]:
    """The figures that disagree with a comparable one, in order (groups are small)."""
    ordered = sorted(members, key=lambda f: (f.date, f.doc_id, f.turn or 0, f.start))
    flagged: dict[int, FigureRef] = {}
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if comparable(a, b) and disagree(a, b):
                flagged[id(a)], flagged[id(b)] = a, b
    return [f for f in ordered if id(f) in flagged]
