"""Enrichment: annotations with character offsets into the text; the text is never rewritten.

    from onrecord.enrich import annotate
    annotations = annotate(document)        # sentences, entities, quantities, claims, ...

Producers are registered under versioned names (`sentences.v1`, `entities.v1`,
`quantities.v1`, `claims.v1`, `inconsistencies.v1`), each declaring the annotation kinds
it needs and assigns; `pipeline(names)` checks an order before it runs. Annotations point
into `Turn.text` (turn index), `Document.lead` (turn None) or the preamble (turn -1,
`PREAMBLE`): see `onrecord.enrich.units`.

The library functions behind the commands (`reports.claims_report`,
`reports.entity_report`, `reports.mentions_report`, `quotes.find_quote`) take Documents and
their annotations, so they work with or without the archive. Figures, quality and speed:
docs/figures-enrich.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from onrecord.enrich.producers import DEFAULT_PIPELINE, register_builtins
from onrecord.enrich.registry import (
    PipelineError,
    Producer,
    pipeline,
    producer,
    producers,
    register,
    run_pipeline,
)
from onrecord.enrich.units import PREAMBLE, unit_text
from onrecord.model import Annotation, Document

__all__ = [
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


def annotate(document: Document, names: Iterable[str] = DEFAULT_PIPELINE) -> list[Annotation]:
    """All annotations of `document` by the named producers (default: all built-ins)."""
    register_builtins()
    return run_pipeline(document, pipeline(names))
