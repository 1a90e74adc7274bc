"""Annotations on their way from a worker process to the writer, packed.

A worker sends each document's annotations with it (`documents.Incoming`). Pickled one by
one, an Annotation is an object, a dict of its fields, its text and its data; unpickling
the 94,705 annotations of an enriched DEV ingest took the writer about 0.6 CPU s, most of
it for the 48,871 sentences, whose text is a slice of the text they point into and whose
data is empty. Packed, an annotation is four numbers (its kind and producer as one
number, start, end, turn), and its text and data are sent only where they say more than
that: a text that is not `unit text[start:end]`, data that is not `{}`. Unpacking makes
equal Annotations in the same order (`pack` checks each text against the slice that
`unpack` will cut).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from onrecord.model import Annotation, Document

PREAMBLE = -1  # the turn of the preamble's annotations (`onrecord.enrich.units`)


@dataclass(frozen=True)
class Packed:
    names: tuple[tuple[str, str], ...]  # (kind, producer) of each number in `spans`
    spans: tuple[int, ...]  # name number, start, end of each annotation
    turns: tuple[int | None, ...]  # the turn of each annotation
    texts: dict[int, str]  # annotation number -> its text, where it is not the slice
    data: dict[int, dict[str, Any]]  # annotation number -> its data, where it is not {}


def unit_texts(document: Document) -> dict[int | None, str]:
    """The texts that annotations point into, by their `turn`: the lead (None), the
    preamble (-1, its paragraphs joined by a blank line) and each turn's `Turn.text`.
    As `onrecord.enrich.units` has them; not imported from there, since that loads the
    whole enrich package (0.1 s) into every process that opens the store."""
    texts: dict[int | None, str] = {}
    for turn in reversed(document.turns):  # the first of two turns of one index wins
        texts[turn.index] = turn.text
    texts[PREAMBLE] = "\n\n".join(document.preamble)
    texts[None] = document.lead
    return texts


def pack(document: Document, annotations: Sequence[Annotation]) -> Packed:
    units = unit_texts(document)
    codes: dict[tuple[str, str], int] = {}
    spans: list[int] = []
    texts: dict[int, str] = {}
    data: dict[int, dict[str, Any]] = {}
    for number, a in enumerate(annotations):
        code = codes.setdefault((a.kind, a.producer), len(codes))
        spans += (code, a.start, a.end)
        if a.text != units.get(a.turn, "")[a.start : a.end]:
            texts[number] = a.text
        if a.data != {}:
            data[number] = a.data
    return Packed(tuple(codes), tuple(spans), tuple(a.turn for a in annotations), texts, data)


def unpack(document: Document, packed: Packed) -> tuple[Annotation, ...]:
    units = unit_texts(document)
    names, spans, texts, data = packed.names, packed.spans, packed.texts, packed.data
    out = []
    for number, turn in enumerate(packed.turns):
        code, start, end = spans[3 * number : 3 * number + 3]
        kind, producer = names[code]
        text = texts[number] if number in texts else units.get(turn, "")[start:end]
        out.append(Annotation(kind, producer, turn, start, end, text, data.get(number, {})))
    return tuple(out)
