"""The built-in producers: sentences.v1, entities.v1, quantities.v1, claims.v1,
inconsistencies.v1. They register like any plugin would, through `register_builtins()`.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from onrecord.enrich import registry
from onrecord.enrich.about import assign_about
from onrecord.enrich.claims import claim_data, is_claim, may_be_claim, score_sentence
from onrecord.enrich.consistency import FigureRef, find_inconsistencies, find_restatements
from onrecord.enrich.entities import (
    Mention,
    find_mentions,
    known_surnames,
    learn_names,
    speaker_for,
    speaker_surnames,
)
from onrecord.enrich.quantities import find_figures
from onrecord.enrich.sentences import split_sentences
from onrecord.enrich.units import Unit, speaker_names, units
from onrecord.model import Annotation, Document
from onrecord.names import slug

SENTENCES = "sentences.v1"
ENTITIES = "entities.v1"
QUANTITIES = "quantities.v1"
CLAIMS = "claims.v1"
INCONSISTENCIES = "inconsistencies.v1"
SMALL_COUNT = 10  # "two blocs" .. "ten days" in words: a count, not a figure to check
DEFAULT_PIPELINE = (SENTENCES, ENTITIES, QUANTITIES, CLAIMS, INCONSISTENCIES)


def _by_turn(done: list[Annotation], kind: str) -> dict[int | None, list[Annotation]]:
    """Annotations of one kind per turn, ordered by start (for `_inside`)."""
    out: dict[int | None, list[Annotation]] = defaultdict(list)
    for ann in done:
        if ann.kind == kind:
            out[ann.turn].append(ann)
    for anns in out.values():
        anns.sort(key=lambda a: a.start)
    return out


def run_sentences(document: Document, done: list[Annotation]) -> list[Annotation]:
    return [
        Annotation("sentence", SENTENCES, unit.turn, start, end, unit.text[start:end])
        for unit in units(document)
        for start, end in split_sentences(unit.text)
    ]


def run_entities(document: Document, done: list[Annotation]) -> list[Annotation]:
    speakers = speaker_names(document)
    out: list[Annotation] = []
    for unit, mentions in document_mentions(document, speakers, find_mentions):
        out.extend(entity_annotations(unit, mentions, speakers, ENTITIES))
    return out


def document_mentions(
    document: Document, speakers: dict[str, str], find: Callable[[str], list[Mention]]
) -> list[tuple[Unit, list[Mention]]]:
    """Each unit's mentions, with the document as context for surnames said alone.

    A person named in full anywhere in the document (`Recep Tayyip Erdogan`, `Mr Magnitsky`),
    and each of its speakers, make their surname alone a person mention in every unit, linked
    like the full name (`Erdogan` in a later turn).
    """
    found = [(unit, find(unit.text)) for unit in units(document)]
    known = speaker_surnames(speakers)
    for unit, mentions in found:
        for surname, entry in learn_names(mentions, unit.text).items():
            known.setdefault(surname, entry)
    return [(unit, known_surnames(unit.text, mentions, known)) for unit, mentions in found]


def entity_annotations(
    unit: Unit, mentions: list[Mention], speakers: dict[str, str], producer: str
) -> list[Annotation]:
    """Mentions as annotations: type, gazetteer id and name, the speaker or person named."""
    out = []
    for m in mentions:
        text = unit.text[m.start : m.end]
        data: dict[str, Any] = {
            "type": m.type,
            "id": m.entry.id if m.entry else None,
            "name": m.entry.name if m.entry else text,
        }
        if m.type == "person":
            data["speaker"] = speaker_for(data["name"], speakers) or speaker_for(text, speakers)
            data["person"] = slug(data["name"]) if m.entry else None  # archive person id
        out.append(Annotation("entity", producer, unit.turn, m.start, m.end, text, data))
    return out


def run_quantities(document: Document, done: list[Annotation]) -> list[Annotation]:
    sentences = _by_turn(done, "sentence")
    out: list[Annotation] = []
    for unit in units(document):
        figures, dates = find_figures(unit.text)
        assign_about(unit.text, figures, [(a.start, a.end) for a in sentences[unit.turn]])
        for fig in figures:
            text = unit.text[fig.start : fig.end]
            out.append(
                Annotation("quantity", QUANTITIES, unit.turn, fig.start, fig.end, text, fig.data())
            )
        for date in dates:
            text = unit.text[date.start : date.end]
            out.append(
                Annotation(
                    "date", QUANTITIES, unit.turn, date.start, date.end, text, {"year": date.year}
                )
            )
    return out


def run_claims(document: Document, done: list[Annotation]) -> list[Annotation]:
    quantities = _by_turn(done, "quantity")
    entities = _by_turn(done, "entity")
    out: list[Annotation] = []
    for sentence in (a for a in done if a.kind == "sentence"):
        figs = [q for q in _inside(quantities[sentence.turn], sentence) if _checkable(q)]
        ents = _inside(entities[sentence.turn], sentence)
        if not may_be_claim(len(figs), len(ents)):
            continue
        score = score_sentence(sentence.text, len(figs), len(ents))
        if is_claim(score):
            data = claim_data(score, [_quantity_dict(q) for q in figs], _entity_ids(ents))
            out.append(
                Annotation(
                    "claim",
                    CLAIMS,
                    sentence.turn,
                    sentence.start,
                    sentence.end,
                    sentence.text,
                    data,
                )
            )
    return out


def run_inconsistencies(document: Document, done: list[Annotation]) -> list[Annotation]:
    years = _years_by_sentence(done)
    refs = [
        _ref(q, years) for q in done if q.kind == "quantity" and q.data.get("value") is not None
    ]
    out: list[Annotation] = []
    known = [r for r in refs if r is not None]
    found_all = [
        *(("inconsistency", f) for f in find_inconsistencies(known)),
        *(("restatement", f) for f in find_restatements(known)),
    ]
    for kind, found in found_all:
        last = found.figures[-1]
        out.append(
            Annotation(
                kind,
                INCONSISTENCIES,
                last.turn,
                last.start,
                last.end,
                last.text,
                found.to_dict(),
            )
        )
    return out


def _checkable(q: Annotation) -> bool:
    """Not a small count in words ("two blocs", "three principles"): nobody checks those."""
    data = q.data
    small = data.get("format") == "words" and (data.get("value") or 0) <= SMALL_COUNT
    return not (small and data.get("unit") is None and data.get("approx") is None)


def _inside(candidates: list[Annotation], span: Annotation) -> list[Annotation]:
    """Those of `candidates` (ordered by start) that lie within `span`."""
    i = bisect.bisect_left(candidates, span.start, key=lambda a: a.start)
    out = []
    while i < len(candidates) and candidates[i].start < span.end:
        if candidates[i].end <= span.end:
            out.append(candidates[i])
        i += 1
    return out


def _quantity_dict(q: Annotation) -> dict[str, Any]:
    keep = ("value", "unit", "approx", "bound", "high", "status", "about")
    return {"text": q.text, "start": q.start, "end": q.end, "turn": q.turn} | {
        k: q.data[k] for k in keep if k in q.data
    }


def _entity_ids(ents: list[Annotation]) -> list[str]:
    seen: dict[str, None] = {}
    for e in ents:
        seen[e.data.get("id") or e.text] = None
    return list(seen)


_Years = dict[int | None, list[tuple[int, int, list[Annotation]]]]


def _years_by_sentence(done: list[Annotation]) -> _Years:
    """Per turn: (start, end, dates in it) of each sentence, in order."""
    dates = _by_turn(done, "date")
    out: _Years = defaultdict(list)
    for s in (a for a in done if a.kind == "sentence"):
        out[s.turn].append((s.start, s.end, _inside(dates[s.turn], s)))
    return out


def _year_before(q: Annotation, years: _Years) -> frozenset[int]:
    """The year of the nearest date before the figure in its sentence ("in 2007 ... $40")."""
    spans = years.get(q.turn, [])
    i = bisect.bisect_right(spans, q.start, key=lambda s: s[0]) - 1
    if i < 0 or q.start >= spans[i][1]:
        return frozenset()
    before = [d.data["year"] for d in spans[i][2] if d.end <= q.start and d.data.get("year")]
    return frozenset(before[-1:])


def _ref(q: Annotation, years: _Years) -> FigureRef | None:
    about = q.data.get("about")
    if not about:
        return None
    return FigureRef(
        q.turn, q.start, q.end, q.text, float(q.data["value"]), q.data.get("unit"),
        q.data.get("approx"), q.data.get("bound", "eq"), about, q.data.get("high"),
        _year_before(q, years), source=q.data.get("about_source", ""),
        link=q.data.get("about_link"),
    )  # fmt: skip


BUILTINS = (
    registry.Producer(SENTENCES, (), ("sentence",), run_sentences, "sentence boundaries"),
    registry.Producer(ENTITIES, (), ("entity",), run_entities, "gazetteer + name rules"),
    registry.Producer(
        QUANTITIES, ("sentence",), ("quantity", "date"), run_quantities, "figures and units"
    ),
    registry.Producer(
        CLAIMS, ("sentence", "entity", "quantity"), ("claim",), run_claims, "check-worthy"
    ),
    registry.Producer(
        INCONSISTENCIES,
        ("sentence", "quantity", "date"),
        ("inconsistency", "restatement"),
        run_inconsistencies,
        "figures for the same thing that disagree, or restate a bound more precisely",
    ),
)


def register_builtins() -> None:
    for item in BUILTINS:
        registry.register(item)
