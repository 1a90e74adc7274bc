"""Figures for the same thing that disagree: within a document and across documents.

Two figures are compared when they are about the same thing (their `about`, normalised)
in the same unit. Each figure stands for an interval set by its approximation (`around`,
`nearly`, `more than`: tolerances in `lexicon`); two figures disagree when their intervals
do not meet. Figures in sentences that name different years are not compared: a figure
may change from one year to the next.
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
    EXACT_TOLERANCE,
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


def about_key(about: str) -> str:
    text = about.lower().replace("’", "'").replace("\u00a0", " ")
    text = re.sub(r"\bthe\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def interval(fig: FigureRef) -> tuple[float, float]:
    v = fig.value
    if fig.bound == "range" and fig.high is not None:
        return v, fig.high
    spans = {
        "approx": (v * (1 - APPROX_TOLERANCE), v * (1 + APPROX_TOLERANCE)),
        "lt": (v * (1 - BELOW_TOLERANCE), v),
        "gt": (v, v * (1 + ABOVE_TOLERANCE)),
        "le": (0.0, v),
        "ge": (v, math.inf),
    }
    return spans.get(fig.bound, (v * (1 - EXACT_TOLERANCE), v * (1 + EXACT_TOLERANCE)))


def disagree(a: FigureRef, b: FigureRef) -> bool:
    if a.years and b.years and not a.years & b.years:
        return False
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    return hi_a < lo_b or hi_b < lo_a


def find_inconsistencies(figures: Iterable[FigureRef]) -> list[Inconsistency]:
    """Groups of figures about the same thing in which some pair disagrees."""
    groups: dict[tuple[str, str | None], list[FigureRef]] = defaultdict(list)
    for fig in figures:
        if fig.about:
            groups[(about_key(fig.about), fig.unit)].append(fig)
    found: list[Inconsistency] = []
    for (_, unit), members in groups.items():
        flagged = _disagreeing(members)
        if flagged:
            found.append(Inconsistency(flagged[0].about, unit, flagged))
    return found


def _disagreeing(members: list[FigureRef]) -> list[FigureRef]:
    """The figures that disagree with at least one other, in order; linear in the group.

    Figures tied to different years are compared only within their year (see `disagree`).
    """
    by_year: dict[frozenset[int], list[FigureRef]] = defaultdict(list)
    for fig in members:
        by_year[fig.years].append(fig)
    flagged: dict[int, FigureRef] = {}
    for years, group in by_year.items():
        others = group + (by_year.get(frozenset(), []) if years else [])
        bounds = [interval(f) for f in others]
        highest_low = max(lo for lo, _ in bounds)
        lowest_high = min(hi for _, hi in bounds)
        for fig, (lo, hi) in zip(others, bounds, strict=True):
            if hi < highest_low or lo > lowest_high:
                flagged[id(fig)] = fig
    return sorted(flagged.values(), key=lambda f: (f.doc_id, f.date, f.turn or 0, f.start))
