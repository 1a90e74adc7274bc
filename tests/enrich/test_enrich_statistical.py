"""The optional spaCy fallback: registered explicitly, adds what the rules missed."""

from __future__ import annotations

import pytest

from onrecord.enrich import PipelineError, annotate, pipeline, statistical

from .conftest import make_document

PIPELINE = ["sentences.v1", "entities-spacy.v1", "quantities.v1", "claims.v1", "inconsistencies.v1"]


@pytest.fixture(scope="module")
def registered() -> None:
    pytest.importorskip("spacy")
    try:
        statistical.register()
    except PipelineError as err:
        pytest.skip(str(err))


def test_not_registered_by_import() -> None:
    annotate(make_document("x"))
    if "entities-spacy.v1" not in {p.name for p in statistical.registry.producers()}:
        with pytest.raises(PipelineError):
            pipeline(PIPELINE)


def test_fallback_keeps_rule_mentions_and_adds_the_models(registered: None) -> None:
    text = "Vladimir Putin met Jospin and the ISS crew in Moscow."
    doc = make_document(text)
    rules = {a.text for a in annotate(doc) if a.kind == "entity"}
    hybrid = {a.text for a in annotate(doc, PIPELINE) if a.kind == "entity"}
    assert rules <= hybrid
    assert {"Vladimir Putin", "Moscow"} <= hybrid


def test_fallback_annotations_name_their_producer(registered: None) -> None:
    anns = annotate(make_document("Russia and China met in Beijing."), PIPELINE)
    assert {a.producer for a in anns if a.kind == "entity"} == {"entities-spacy.v1"}
