"""Bar charts as numbers for an inline SVG template: no JavaScript, no chart library.

Bars are laid out here; `templates/_chart.html` draws them with `currentColor`, so every
colour scheme colours them, and a table beside the chart gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 220
TOP = 24  # room for the value above the tallest bar
BOTTOM = 28  # room for the year under each bar
GAP = 0.25  # share of each slot left empty between bars


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class BarChart:
    title: str
    unit: str
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def baseline(self) -> int:
        return self.height - BOTTOM


def fill_years(values: dict[str, int]) -> dict[str, int]:
    """Every year from the first to the last, with 0 where nothing was said."""
    years = sorted(int(y) for y in values if y.isdigit())
    if not years:
        return {}
    return {str(y): values.get(str(y), 0) for y in range(years[0], years[-1] + 1)}


def bar_chart(title: str, unit: str, values: dict[str, int]) -> BarChart:
    """Lay out one bar per key, in key order, scaled to the largest value."""
    if not values:
        return BarChart(title, unit, [])
    slot = WIDTH / len(values)
    usable = HEIGHT - TOP - BOTTOM
    top = max(values.values()) or 1
    bars = []
    for i, (label, value) in enumerate(values.items()):
        height = round(usable * value / top, 1)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(i * slot + slot * GAP / 2, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(slot * (1 - GAP), 1),
                height=height,
            )
        )
    return BarChart(title, unit, bars)
