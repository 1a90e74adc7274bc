"""Producers registered by versioned name; a pipeline checks their order before it runs.

A producer declares the annotation kinds it `needs` and the kinds it `assigns`
(`quantities.v1` needs `sentence` and assigns `quantity` and `date`). `pipeline(names)`
refuses an order in which a producer runs before what it needs.

    OnrecordError
    └── PipelineError    an unknown producer or an order that cannot run
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from onrecord.errors import PipelineError
from onrecord.model import Annotation, Document

RunFn = Callable[[Document, list[Annotation]], list[Annotation]]


@dataclass(frozen=True)
class Producer:
    name: str  # "quantities.v1": family and version
    needs: tuple[str, ...]
    assigns: tuple[str, ...]
    run: RunFn
    description: str = ""


_PRODUCERS: dict[str, Producer] = {}


def register(producer: Producer) -> Producer:
    """Add a producer; a second registration under the same name replaces the first."""
    _PRODUCERS[producer.name] = producer
    return producer


def producer(name: str) -> Producer:
    try:
        return _PRODUCERS[name]
    except KeyError:
        known = ", ".join(sorted(_PRODUCERS)) or "none"
        raise PipelineError(f"no producer {name!r} (known: {known})") from None


def producers() -> list[Producer]:
    return [_PRODUCERS[name] for name in sorted(_PRODUCERS)]


def pipeline(names: Iterable[str]) -> list[Producer]:
    """The producers in this order, checked: each runs after the kinds it needs exist."""
    chosen = [producer(name) for name in names]
    available: set[str] = set()
    for item in chosen:
        missing = [kind for kind in item.needs if kind not in available]
        if missing:
            raise PipelineError(
                f"{item.name} needs {', '.join(missing)}, assigned by none before it"
            )
        available.update(item.assigns)
    return chosen


def run_pipeline(document: Document, chosen: list[Producer]) -> list[Annotation]:
    annotations: list[Annotation] = []
    for item in chosen:
        annotations.extend(item.run(document, annotations))
    return annotations
