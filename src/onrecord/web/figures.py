"""Figures and claims for the reader: quantity spans cut into paragraph segments, a claims
panel and the inconsistencies, from a document's stored annotations.

Annotation offsets are into `Turn.text` (paragraphs joined with a blank line); the reader
shows paragraphs, so each span is mapped to (paragraph, local offsets). A span whose text
no longer matches the paragraph (an older revision, say) is left out rather than misplaced.
Templates render segments with autoescaping; nothing here builds HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onrecord.enrich.reports import entity_name
from onrecord.model import Annotation, Document

_JOIN = "\n\n"
KINDS = ("inconsistency", "restatement", "quantity", "claim")  # the annotations `build` reads


@dataclass(frozen=True)
class Figure:
    """One quantity as the reader marks it."""

    id: str  # the element id: fig-t{turn}-{start}
    turn: int
    start: int
    end: int
    text: str
    value: Any
    unit: str | None
    approx: str | None
    about: str
    conflicts: tuple[tuple[str, str], ...] = ()  # (figure id, its text) it disagrees with

    @property
    def meaning(self) -> str:
        """What the figure was read as, in words: shown on focus and tap, not only on hover."""
        return self.title

    @property
    def title(self) -> str:
        parts = [f"Value: {_number(self.value)}"]
        if self.unit:
            parts.append(f"unit: {self.unit}")
        if self.approx:
            parts.append(f"approximate: {self.approx}")
        if self.about:
            parts.append(f"about: {self.about}")
        if self.conflicts:
            parts.append("disagrees with " + ", ".join(repr(t) for _, t in self.conflicts))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "turn": self.turn,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "approx": self.approx,
            "about": self.about,
            "conflicts": [i for i, _ in self.conflicts],
        }


@dataclass(frozen=True)
class Segment:
    text: str
    figure: Figure | None = None


@dataclass
class Located:
    """Where a turn-text span falls: paragraph index and offsets within it."""

    paragraph: int
    start: int
    end: int


@dataclass
class ClaimView:
    turn: int
    anchor: str
    speaker: str
    text: str
    kind: str | None
    score: Any
    figures: list[dict[str, Any]] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # entity ids, for /entities/{id}

    @property
    def entity_links(self) -> list[tuple[str, str]]:
        """(id, display name) of each entity named: people read names, not ids."""
        return [(e, entity_name(e)) for e in self.entities]

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "paragraph": self.anchor,
            "speaker": self.speaker,
            "text": self.text,
            "kind": self.kind,
            "score": self.score,
            "figures": self.figures,
            "entities": self.entities,
            "entity_names": [name for _, name in self.entity_links],
        }


@dataclass
class InconsistencyView:
    about: str
    description: str
    unit: str | None
    figures: list[dict[str, Any]]  # each with "id" (the mark's element id) and "paragraph"

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "description": self.description,
            "unit": self.unit,
            "figures": self.figures,
        }


@dataclass
class Figures:
    """Everything the reader needs: segments per paragraph, claims, inconsistencies."""

    segments: dict[tuple[int, int], list[Segment]] = field(default_factory=dict)
    claims: list[ClaimView] = field(default_factory=list)
    inconsistencies: list[InconsistencyView] = field(default_factory=list)
    restatements: list[InconsistencyView] = field(default_factory=list)


def figure_id(turn: int, start: int) -> str:
    return f"fig-t{turn}-{start}"


def locate(paragraphs: list[str], start: int, end: int) -> Located | None:
    """Map a span of the joined turn text to one paragraph; None if it crosses a break."""
    offset = 0
    for i, text in enumerate(paragraphs):
        stop = offset + len(text)
        if offset <= start and end <= stop:
            return Located(i, start - offset, end - offset)
        offset = stop + len(_JOIN)
        if start < offset:
            return None
    return None


def build(document: Document, annotations: list[Annotation]) -> Figures:
    turns = {t.index: t for t in document.turns}
    conflicts: dict[str, list[tuple[str, str]]] = {}
    inconsistencies: list[InconsistencyView] = []
    restatements: list[InconsistencyView] = []
    for ann in annotations:
        if ann.kind not in ("inconsistency", "restatement"):
            continue
        refs = []
        for fig in ann.data.get("figures", []):
            turn = fig.get("turn")
            if not isinstance(turn, int) or turn not in turns:
                continue
            where = locate(turns[turn].paragraphs, int(fig["start"]), int(fig["end"]))
            refs.append({
                **fig,
                "id": figure_id(turn, int(fig["start"])),
                "paragraph": f"t{turn}-p{where.paragraph}" if where else None,
            })  # fmt: skip
        view = InconsistencyView(
            str(ann.data.get("about", "")),
            str(ann.data.get("description", "")),
            ann.data.get("unit"),
            refs,
        )
        if ann.kind == "restatement":
            restatements.append(view)
            continue
        for ref in refs:
            others = [(o["id"], str(o["text"])) for o in refs if o["id"] != ref["id"]]
            conflicts.setdefault(ref["id"], []).extend(others)
        inconsistencies.append(view)

    placed: dict[tuple[int, int], list[tuple[Located, Figure]]] = {}
    for ann in annotations:
        if ann.kind != "quantity" or ann.turn is None or ann.turn not in turns:
            continue
        paragraphs = turns[ann.turn].paragraphs
        where = locate(paragraphs, ann.start, ann.end)
        if where is None or paragraphs[where.paragraph][where.start : where.end] != ann.text:
            continue
        fid = figure_id(ann.turn, ann.start)
        figure = Figure(
            fid, ann.turn, ann.start, ann.end, ann.text, ann.data.get("value"),
            ann.data.get("unit"), ann.data.get("approx"), str(ann.data.get("about") or ""),
            tuple(dict.fromkeys(conflicts.get(fid, []))),
        )  # fmt: skip
        placed.setdefault((ann.turn, where.paragraph), []).append((where, figure))

    segments = {key: _cut(turns[key[0]].paragraphs[key[1]], spans) for key, spans in placed.items()}
    return Figures(segments, _claims(document, annotations, turns), inconsistencies, restatements)


def _cut(text: str, spans: list[tuple[Located, Figure]]) -> list[Segment]:
    text = text.replace("\u00a0", " ")  # as `reader.readable`: the same length
    out: list[Segment] = []
    at = 0
    for where, figure in sorted(spans, key=lambda s: (s[0].start, -s[0].end)):
        if where.start < at:  # overlapping spans: keep the first
            continue
        if where.start > at:
            out.append(Segment(text[at : where.start]))
        out.append(Segment(text[where.start : where.end], figure))
        at = where.end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def _claims(
    document: Document, annotations: list[Annotation], turns: dict[int, Any]
) -> list[ClaimView]:
    claims: list[tuple[int, ClaimView]] = []
    for ann in annotations:
        if ann.kind != "claim" or ann.turn is None or ann.turn not in turns:
            continue
        where = locate(turns[ann.turn].paragraphs, ann.start, ann.start)
        paragraph = where.paragraph if where else 0
        person = document.speaker(turns[ann.turn].speaker)
        figures = [
            {**q, "id": figure_id(ann.turn, int(q["start"]))}
            for q in ann.data.get("quantities", [])
            if "start" in q
        ]
        claims.append((ann.start, ClaimView(
                ann.turn, f"t{ann.turn}-p{paragraph}",
                person.name if person else turns[ann.turn].label or "Unknown speaker",
                ann.text, ann.data.get("kind"), ann.data.get("score"), figures,
                list(dict.fromkeys(str(e) for e in ann.data.get("entities", []) if e)),
        )))  # fmt: skip
    return [c for _, c in sorted(claims, key=lambda c: (c[1].turn, c[0]))]


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return f"{value:.3g}"
    return f"{value:,}" if isinstance(value, int) else str(value)
