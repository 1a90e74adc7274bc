"""Disagreeing figures: intervals from approximations, within and across documents."""

from __future__ import annotations

import pytest

from onrecord.enrich import annotate
from onrecord.enrich.consistency import FigureRef, disagree, find_inconsistencies
from onrecord.enrich.reports import claims_report

from .conftest import make_document


def ref(
    value: float,
    bound: str = "eq",
    about: str = "x",
    years: frozenset[int] = frozenset(),
    approx: str | None = None,
) -> FigureRef:
    return FigureRef(
        0, 0, 1, str(value), value, None, approx, bound, about, years=years, source="after"
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # nearly 10,000 vs around 9,000: "nearly" stays close below its figure
        (ref(10_000, "lt", approx="nearly"), ref(9_000, "approx", approx="around"), True),
        # more than 1000 vs 1,300: an open lower bound and a value above it agree
        (ref(1_000, "gt", approx="more than"), ref(1_300), False),
        (ref(1_000, "gt", approx="just over"), ref(1_300), True),  # a near bound does not
        (ref(100, "lt", approx="less than"), ref(50), False),  # an open upper bound
        (ref(100, "lt", approx="less than"), ref(150), True),
        (ref(20_000, "approx"), ref(19_800), False),  # rounding
        (ref(1_000, "gt"), ref(1_100), False),
        (ref(100), ref(100.2), False),
        (ref(5, "ge"), ref(500), False),
        (ref(10, years=frozenset({2016})), ref(20, years=frozenset({2017})), False),
    ],
)
def test_disagree(a: FigureRef, b: FigureRef, expected: bool) -> None:
    assert disagree(a, b) is expected


def test_a_bound_then_a_precise_value_is_a_restatement() -> None:
    from onrecord.enrich.consistency import find_restatements

    border = "length of the Afghan border"
    bound = ref(1_000, "gt", about=border, approx="more than")
    exact = FigureRef(0, 40, 41, "1,300", 1_300, None, None, "eq", border, source="after")
    [found] = find_restatements([bound, exact])
    assert [f.value for f in found.figures] == [1_000, 1_300]
    assert "restated more precisely" in found.describe()
    assert find_inconsistencies([bound, exact]) == []


def test_only_figures_about_the_same_thing_are_compared() -> None:
    figures = [
        ref(10, about="militants in Syria"),
        ref(20, about="the militants in  Syria"),
        ref(30, about="trade with China"),
    ]
    found = find_inconsistencies(figures)
    assert [(i.about, [f.value for f in i.figures]) for i in found] == [
        ("militants in Syria", [10, 20])
    ]


def test_vague_or_partial_subjects_are_not_compared() -> None:
    vague = [ref(10, about="people"), ref(20, about="people")]
    parts = [
        ref(15, about="people in hospital"),
        FigureRef(0, 5, 6, "13", 13, None, None, "eq", "people in hospital", source="part"),
    ]
    assert find_inconsistencies(vague) == []
    assert find_inconsistencies(parts) == []


def test_same_speaker_different_figures_over_time() -> None:
    first = make_document(
        "The Afghan border is long, about 1,300 kilometres.", doc_id="a", date="2015-01-01"
    )
    later = make_document(
        "The Afghan border is long, about 1,800 kilometres.", doc_id="b", date="2017-04-12"
    )
    items = [(d, annotate(d)) for d in (first, later)]
    report = claims_report(items, speaker="Putin")
    assert report["inconsistencies"] == []  # none within a document
    [series] = report["timeline"]
    assert [f["value"] for f in series["figures"]] == [1300, 1800]
    [drift] = report["over_time"]
    assert drift["about"] == "length of the Afghan border"
    assert (drift["first"]["doc_id"], drift["last"]["doc_id"]) == ("a", "b")
    assert [f["text"] for f in drift["figures"]] == [
        "about 1,300 kilometres",
        "about 1,800 kilometres",
    ]


def test_another_speakers_figures_are_not_mixed_in() -> None:
    mine = make_document("The Afghan border is long, about 1,300 kilometres.", doc_id="a")
    theirs = make_document(
        "The Afghan border is long, about 1,800 kilometres.", doc_id="b", speaker="Radik Batyrshin"
    )
    report = claims_report([(d, annotate(d)) for d in (mine, theirs)], speaker="Putin")
    assert report["over_time"] == []
    assert [c["doc_id"] for c in report["claims"]] == ["a"]


def test_the_same_claim_repeated_over_time() -> None:
    text = "Trade with Armenia has increased by 80 percent."
    docs = [
        make_document(text, doc_id=d, date=date)
        for d, date in (("b", "2018-01-01"), ("a", "2016-05-05"))
    ]
    [repeated] = claims_report([(d, annotate(d)) for d in docs], speaker="Putin")["repeated"]
    assert (repeated["first"], repeated["last"]) == ("2016-05-05", "2018-01-01")
    assert [u["doc_id"] for u in repeated["uses"]] == ["a", "b"]
