"""Every colour pair each scheme defines reaches WCAG AA contrast (4.5:1) for text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onrecord.web.viewsettings import SCHEMES

CSS = (Path(__file__).resolve().parents[2] / "src/onrecord/web/static/style.css").read_text()
PAIRS = [
    ("fg", "bg"),
    ("muted", "bg"),
    ("link", "bg"),
    ("fg", "panel"),
    ("muted", "panel"),
    ("link", "panel"),
    ("mark-fg", "mark-bg"),
    ("btn-fg", "btn-bg"),
    ("badge-fg", "badge-bg"),
    ("ins-fg", "ins-bg"),
    ("del-fg", "del-bg"),
    ("bar", "bg"),
    ("figure-fg", "figure-bg"),  # mark.figure in the reader
    ("conflict-fg", "conflict-bg"),  # mark.figure.inconsistent
]
AA_TEXT = 4.5


def scheme_colours(scheme: str) -> dict[str, str]:
    block = re.search(rf"html\.scheme-{scheme}\s*\{{([^}}]*)\}}", CSS)
    assert block, f"no CSS block for scheme {scheme}"
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block.group(1)))


def luminance(colour: str) -> float:
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_scheme_text_contrast(scheme: str) -> None:
    colours = scheme_colours(scheme)
    low = {
        f"{fg} on {bg}": round(contrast(colours[fg], colours[bg]), 2)
        for fg, bg in PAIRS
        if contrast(colours[fg], colours[bg]) < AA_TEXT
    }
    assert not low, f"{scheme}: below {AA_TEXT}:1: {low}"


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_focus_outline_is_visible(scheme: str) -> None:
    colours = scheme_colours(scheme)
    for surface in ("bg", "panel"):
        assert contrast(colours["focus"], colours[surface]) >= 3.0  # WCAG 2.2 non-text contrast


def test_figure_marks_use_their_checked_colours() -> None:
    """The reader's figure marks take the colour pairs checked above, not other ones."""
    rules = dict(re.findall(r"(mark\.figure(?:\.inconsistent)?)\s*\{([^}]*)\}", CSS))
    assert "var(--figure-bg)" in rules["mark.figure"]
    assert "var(--figure-fg)" in rules["mark.figure"]
    assert "var(--conflict-bg)" in rules["mark.figure.inconsistent"]
    assert "var(--conflict-fg)" in rules["mark.figure.inconsistent"]
