"""The optional spaCy fallback: registered explicitly, adds what the rules missed.

spaCy and its English model come with the `nlp` extra, which `scripts/install --test`
installs: a missing model is a failure here, not a skip.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from onrecord.enrich import PipelineError, annotate, statistical

from .conftest import make_document

PIPELINE = ["sentences.v1", "entities-spacy.v1", "quantities.v1", "claims.v1", "inconsistencies.v1"]


@pytest.fixture(scope="module")
def registered() -> None:
    statistical.register()


NOT_REGISTERED = """
from onrecord.enrich import PipelineError, annotate, pipeline, statistical
from onrecord.model import Document
annotate(Document(id="x", source="x", sha256="", parser={}))  # the built-ins register
names = {p.name for p in statistical.registry.producers()}
assert "entities-spacy.v1" not in names, names
try:
    pipeline(["sentences.v1", "entities-spacy.v1"])
except PipelineError as err:
    print(err)
"""


def test_not_registered_by_import() -> None:
    """In a fresh interpreter: in this one another test may have registered it already."""
    done = subprocess.run(
        [sys.executable, "-c", NOT_REGISTERED], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("no producer 'entities-spacy.v1' (known: ")


def test_a_missing_spacy_is_a_pipeline_error(monkeypatch: pytest.MonkeyPatch) -> None:
    statistical.model.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy", None)
    try:
        with pytest.raises(PipelineError, match=r"needs spaCy \(pip install spacy\)"):
            statistical.register()
    finally:
        statistical.model.cache_clear()


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
