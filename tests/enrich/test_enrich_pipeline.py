"""Producers: versioned names, declared needs, checked order; offsets; bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import onrecord.enrich as enrich
from onrecord.enrich import PREAMBLE, PipelineError, annotate, pipeline, unit_text
from onrecord.enrich.sentences import MAX_SENTENCE_CHARS, split_sentences
from onrecord.model import Annotation, Document

from .conftest import make_document


def test_public_names_are_stable() -> None:
    assert sorted(enrich.__all__) == sorted(
        [
            "DEFAULT_PIPELINE",
            "PREAMBLE",
            "PipelineError",
            "Producer",
            "annotate",
            "pipeline",
            "producer",
            "producers",
            "register",
            "unit_text",
        ]
    )


def test_builtin_producers_are_versioned_and_declare_needs() -> None:
    annotate(make_document("x"))
    by_name = {p.name: p for p in enrich.producers()}
    assert set(enrich.DEFAULT_PIPELINE) <= set(by_name)
    assert by_name["quantities.v1"].needs == ("sentence",)
    assert "claim" in by_name["claims.v1"].assigns


def test_pipeline_refuses_a_producer_before_what_it_needs() -> None:
    annotate(make_document("x"))
    with pytest.raises(PipelineError, match=r"claims\.v1 needs"):
        pipeline(["claims.v1", "sentences.v1"])
    with pytest.raises(PipelineError, match="no producer"):
        pipeline(["nonsense.v9"])


def test_annotations_point_into_the_text_they_name(
    seed_document: Document, seed_annotations: list[Annotation]
) -> None:
    for ann in seed_annotations:
        assert unit_text(seed_document, ann.turn)[ann.start : ann.end] == ann.text


def test_every_annotation_records_its_producer(seed_annotations: list[Annotation]) -> None:
    assert {a.producer for a in seed_annotations} == set(enrich.DEFAULT_PIPELINE)


def test_enrichment_never_rewrites_the_document(seed_document: Document) -> None:
    before = seed_document.to_dict()
    annotate(seed_document)
    assert seed_document.to_dict() == before


def test_preamble_and_lead_are_annotated() -> None:
    doc = Document.from_dict(
        {
            "id": "p",
            "source": "p.txt",
            "sha256": "0" * 64,
            "parser": {},
            "lead": "Russia and China met.",
            "preamble": ["Trade grew by 30 percent."],
        }
    )
    kinds = {(a.turn, a.kind) for a in annotate(doc)}
    assert (None, "entity") in kinds
    assert (PREAMBLE, "quantity") in kinds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "no sentence end at all and no capitals " * 10,
        "1 300 1,300.5 1.300 1,30 12,34,567 0.000.1 $ % -fold 9/11",
        "Путин сказал, что 20 000 человек; 中国 1,300 km; مرحبا 50%",
        "!!! ??? ... ,,, ;;; ---",
        "\u200b\u00a0\u202f" * 100,
    ],
)
def test_bad_input_does_not_crash(text: str) -> None:
    for ann in annotate(make_document(text)):
        assert text[ann.start : ann.end] == ann.text


def test_a_one_megabyte_paragraph_is_cut_into_bounded_sentences() -> None:
    text = ("The figure is around 9,000 and nearly 10,000 in Syria, said Putin " * 16_000)[
        :1_000_000
    ]
    annotations = annotate(make_document(text))
    sentences = [a for a in annotations if a.kind == "sentence"]
    assert max(a.end - a.start for a in sentences) <= MAX_SENTENCE_CHARS


def test_sentences_respect_abbreviations() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. yesterday. They agreed."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Mr. Smith met Dr. Jones in the U.S. yesterday.",
        "They agreed.",
    ]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_consistent_annotations(text: str) -> None:
    for ann in annotate(make_document(text)):
        assert 0 <= ann.start <= ann.end <= len(text)
        assert text[ann.start : ann.end] == ann.text
