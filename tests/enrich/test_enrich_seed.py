"""The seed's claims, figures and inconsistencies, as the issue lists them."""

from __future__ import annotations

import pytest

from onrecord.enrich.reports import claims_report
from onrecord.model import Annotation, Document

EXPECTED_FIGURES = [
    # (text as written, value, unit, approx, about)
    ("around 20,000", 20000, None, "around", "foreign militants in Syria"),
    ("nearly 10,000", 10000, None, "nearly", "foreign militants in Syria from the CIS countries"),
    ("around 9,000", 9000, None, "around", "foreign militants in Syria from the CIS countries"),
    (
        "slightly less than half",
        0.5,
        "fraction",
        "slightly less than",
        "foreign militants in Syria from Russia",
    ),
    (
        "around 5,000",
        5000,
        None,
        "around",
        "foreign militants in Syria from the Central Asian countries",
    ),
    ("more than 1000 kilometres", 1000, "km", "more than", "length of the Afghan border"),
    ("1,300 kilometres", 1300, "km", None, "length of the Afghan border"),
    (
        "A\u00a0third",
        1 / 3,
        "fraction",
        None,
        "Afghanistan’s rural territory under Taliban control",
    ),
    ("2.5-fold", 2.5, "times", None, "Kyrgyzstan’s trade"),
    ("80 percent", 80, "percent", None, "Armenia’s trade"),
]


@pytest.fixture(scope="module")
def report(seed_document: Document, seed_annotations: list[Annotation]) -> dict:
    return claims_report([(seed_document, seed_annotations)])


def _figures(report: dict) -> dict[str, dict]:
    return {q["text"]: q for claim in report["claims"] for q in claim["quantities"]}


@pytest.mark.parametrize(("text", "value", "unit", "approx", "about"), EXPECTED_FIGURES)
def test_seed_claim_figure(
    report: dict, text: str, value: float, unit: str | None, approx: str | None, about: str
) -> None:
    figure = _figures(report)[text]
    assert figure["value"] == pytest.approx(value)
    assert (figure["unit"], figure["approx"], figure["about"]) == (unit, approx, about)


def test_seed_figures_point_into_the_turn_text(report: dict, seed_document: Document) -> None:
    turns = {t.index: t.text for t in seed_document.turns}
    for claim in report["claims"]:
        for q in claim["quantities"]:
            assert turns[q["turn"]][q["start"] : q["end"]] == q["text"]


def test_seed_claims_are_by_putin_and_numeric(report: dict) -> None:
    kinds = {c["kind"] for c in report["claims"] if c["quantities"]}
    assert kinds == {"numeric"}
    assert {c["speaker"] for c in report["claims"] if c["quantities"]} == {"Vladimir Putin"}


def test_seed_has_one_inconsistency_and_one_restatement(report: dict) -> None:
    """Issue 18 revised the seed's border pair: "more than 1000 kilometres", then "1,300
    kilometres" is the speaker restating a lower bound more precisely; only the militants
    ("nearly 10,000", then "around 9,000") disagree."""
    pairs = sorted(sorted(f["text"] for f in i["figures"]) for i in report["inconsistencies"])
    assert pairs == [["around 9,000", "nearly 10,000"]]
    restated = [[f["text"] for f in i["figures"]] for i in report["restatements"]]
    assert restated == [["more than 1000 kilometres", "1,300 kilometres"]]


def test_inconsistency_names_what_it_is_about(report: dict) -> None:
    assert {i["about"] for i in report["inconsistencies"]} == {
        "foreign militants in Syria from the CIS countries"
    }
    assert {i["about"] for i in report["restatements"]} == {"length of the Afghan border"}


def test_ordinals_and_years_are_not_counts(seed_annotations: list[Annotation]) -> None:
    figures = {a.text for a in seed_annotations if a.kind == "quantity"}
    assert not figures & {"25th", "15th", "201st", "2003"}
    dates = {a.text for a in seed_annotations if a.kind == "date"}
    assert "2003" in dates


def test_about_filter_keeps_claims_about_an_entity(
    seed_document: Document, seed_annotations: list[Annotation]
) -> None:
    report = claims_report([(seed_document, seed_annotations)], about="Afghan border")
    texts = [q["text"] for c in report["claims"] for q in c["quantities"]]
    assert texts == ["more than 1000 kilometres", "1,300 kilometres"]
