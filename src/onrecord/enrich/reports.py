"""What the commands and pages show, from Documents and their annotations.

Every function takes `items`: pairs of (Document, annotations), from the archive or from
`annotate()`; nothing here reads a database. Results are plain dicts (the JSON shapes).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, Protocol

from onrecord.enrich.consistency import FigureRef, about_key, find_inconsistencies, specific
from onrecord.enrich.gazetteer import load
from onrecord.enrich.units import unit_text
from onrecord.model import Annotation, Document

Item = tuple[Document, list[Annotation]]
_WORDS = re.compile(r"[\w’'-]+")
CONTEXT_REACH = 80  # characters of a mention's snippet either side, before the word cut


def entities_of(annotations: list[Annotation]) -> list[Annotation]:
    """Entity annotations, one per span: stored runs of `entities.v1` and of the fallback
    `entities-spacy.v1` may both be there; the fallback's (a superset) wins."""
    by_span: dict[tuple[int | None, int, int], Annotation] = {}
    for ann in annotations:
        if ann.kind != "entity":
            continue
        key = (ann.turn, ann.start, ann.end)
        if key not in by_span or ann.producer != "entities.v1":
            by_span[key] = ann
    return list(by_span.values())


def speaker_of(document: Document, turn: int | None) -> str:
    """The name of who spoke in this turn ("" for the lead and preamble)."""
    match = next((t for t in document.turns if t.index == turn), None)
    if match is None:
        return ""
    person = document.speaker(match.speaker)
    return person.name if person else match.label


def speaker_matches(name: str, wanted: str | None) -> bool:
    if not wanted:
        return True
    slug = name.lower().replace(" ", "-")
    return wanted.lower() in name.lower() or wanted.lower() == slug


def about_matches(claim: Annotation, about: str | None) -> bool:
    """A claim is about ENTITY when it names it (any alias) or a figure's subject contains it."""
    if not about:
        return True
    entry = load().lookup(about)
    names = {about.lower()} | (
        {a.lower() for a in (entry.name, *entry.aliases)} if entry else set()
    )
    if entry and entry.id in claim.data.get("entities", []):
        return True
    subjects = [str(q.get("about") or "").lower() for q in claim.data.get("quantities", [])]
    return any(n in s for n in names for s in subjects) or about.lower() in claim.text.lower()


def claims_report(
    items: Iterable[Item], *, speaker: str | None = None, about: str | None = None
) -> dict[str, Any]:
    """Claims (with their figures) and the figures that disagree, within and across documents."""
    claims: list[dict[str, Any]] = []
    inconsistencies: list[dict[str, Any]] = []
    restatements: list[dict[str, Any]] = []
    refs: list[FigureRef] = []
    for document, anns in items:
        names = {t.index: speaker_of(document, t.index) for t in document.turns}
        for ann in anns:
            who = names.get(ann.turn, "") if ann.turn is not None else ""
            if ann.kind == "claim" and speaker_matches(who, speaker) and about_matches(ann, about):
                claims.append(_claim_dict(document, ann, who))
            elif ann.kind == "inconsistency" and _inconsistency_wanted(ann, names, speaker, about):
                inconsistencies.append({"doc_id": document.id, **ann.data})
            elif ann.kind == "restatement" and _inconsistency_wanted(ann, names, speaker, about):
                restatements.append({"doc_id": document.id, **ann.data})
            elif ann.kind == "quantity" and who and speaker_matches(who, speaker) and speaker:
                ref = _ref(document, ann, who)
                if ref is not None and (not about or about.lower() in ref.about.lower()):
                    refs.append(ref)
    report: dict[str, Any] = {
        "claims": claims,
        "inconsistencies": inconsistencies,
        "restatements": restatements,
    }
    if speaker:
        report["over_time"] = [_drift(i.to_dict()) for i in _across(refs)]
        report["timeline"] = figure_timeline(refs)
        report["repeated"] = repeated_claims(claims)
    return report


def figure_timeline(refs: list[FigureRef]) -> list[dict[str, Any]]:
    """Per subject named in at least two documents: every figure given for it, by date."""
    series: dict[tuple[str, str | None], list[FigureRef]] = defaultdict(list)
    for ref in refs:
        if specific(ref, across=True):
            series[(about_key(ref.about), ref.unit)].append(ref)
    out = []
    for (_, unit), figures in series.items():
        if len({f.doc_id for f in figures}) < 2:
            continue
        figures.sort(key=lambda f: (f.date, f.doc_id, f.start))
        out.append(
            {"about": figures[0].about, "unit": unit, "figures": [f.to_dict() for f in figures]}
        )
    return sorted(out, key=lambda s: -len(s["figures"]))


def repeated_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same claim (same words, case and punctuation aside) in more than one document."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        key = " ".join(_WORDS.findall(claim["text"].lower()))
        groups[key].append(claim)
    out = []
    for uses in groups.values():
        if len({u["doc_id"] for u in uses}) < 2:
            continue
        uses = sorted(uses, key=lambda u: (u["date"], u["doc_id"]))
        keep = ("doc_id", "date", "turn", "start", "end")
        out.append({
            "text": uses[0]["text"],
            "uses": [{k: u[k] for k in keep} for u in uses],
            "first": uses[0]["date"],
            "last": uses[-1]["date"],
        })  # fmt: skip
    return out


def _inconsistency_wanted(
    ann: Annotation, names: dict[int, str], speaker: str | None, about: str | None
) -> bool:
    who = names.get(ann.turn, "") if ann.turn is not None else ""
    if speaker and not speaker_matches(who, speaker):
        return False
    return not about or about.lower() in str(ann.data.get("about", "")).lower()


def _claim_dict(document: Document, ann: Annotation, who: str) -> dict[str, Any]:
    return {
        "doc_id": document.id,
        "date": document.date,
        "speaker": who,
        "turn": ann.turn,
        "start": ann.start,
        "end": ann.end,
        "text": ann.text,
        "score": ann.data.get("score"),
        "kind": ann.data.get("kind"),
        "quantities": ann.data.get("quantities", []),
        "entities": ann.data.get("entities", []),
        "entity_names": [entity_name(str(e)) for e in ann.data.get("entities", []) if e],
    }


def _ref(document: Document, ann: Annotation, who: str) -> FigureRef | None:
    data = ann.data
    if data.get("value") is None or not data.get("about"):
        return None
    return FigureRef(
        ann.turn, ann.start, ann.end, ann.text, float(data["value"]), data.get("unit"),
        data.get("approx"), data.get("bound", "eq"), data["about"], data.get("high"),
        doc_id=document.id, date=document.date, speaker=who, source=data.get("about_source", ""),
    )  # fmt: skip


def _across(refs: list[FigureRef]) -> list[Any]:
    """Disagreements between documents only (those within one are reported already)."""
    found = find_inconsistencies(refs)
    return [i for i in found if len({f.doc_id for f in i.figures}) > 1]


def _drift(inconsistency: dict[str, Any]) -> dict[str, Any]:
    figures = sorted(inconsistency["figures"], key=lambda f: (f.get("date", ""), f["start"]))
    return {
        **inconsistency,
        "figures": figures,
        "first": figures[0],
        "last": figures[-1],
    }


def entity_report(items: Iterable[Item], *, by_speaker: bool = False) -> dict[str, Any]:
    """Entities with mention counts, documents and (optionally) who mentioned them."""
    counts: Counter[str] = Counter()
    info: dict[str, dict[str, Any]] = {}
    docs: dict[str, set[str]] = defaultdict(set)
    speakers: dict[str, Counter[str]] = defaultdict(Counter)
    for document, anns in items:
        names = {t.index: speaker_of(document, t.index) for t in document.turns}
        for ann in entities_of(anns):
            key = ann.data.get("id") or ann.data.get("name") or ann.text
            counts[key] += 1
            info.setdefault(
                key,
                {
                    "id": ann.data.get("id"),
                    "name": ann.data.get("name"),
                    "type": ann.data.get("type"),
                },
            )
            docs[key].add(document.id)
            if by_speaker and ann.turn is not None:
                speakers[key][names.get(ann.turn, "") or "(narration)"] += 1
    rows = []
    for key, n in counts.most_common():
        row = {**info[key], "mentions": n, "documents": len(docs[key])}
        if by_speaker:
            row["speakers"] = dict(speakers[key].most_common())
        rows.append(row)
    return {"entities": rows}


def entity_info(entity: str) -> dict[str, Any]:
    """{id, name, type} of an entity given by id, name or alias: the gazetteer's entry, or
    the name as given (`id` is the key its mentions are stored under)."""
    entry = load().lookup(entity)
    return {
        "id": entry.id if entry else entity,
        "name": entry.name if entry else entity,
        "type": entry.type if entry else None,
    }


def co_mention_dicts(co: Iterable[tuple[str, int]]) -> list[dict[str, Any]]:
    """(entity key, documents in common) pairs as the reports show them, with names."""
    return [{"entity": k, "name": entity_name(k), "documents": n} for k, n in co]


def mentions_report(items: Iterable[Item], entity: str) -> dict[str, Any]:
    """Every mention of one entity (by id, name or alias), a timeline and co-mentions."""
    info = entity_info(entity)
    key = info["id"]
    mentions: list[dict[str, Any]] = []
    years: Counter[str] = Counter()
    co: Counter[str] = Counter()
    for document, anns in items:
        ents = entities_of(anns)
        hits = [a for a in ents if (a.data.get("id") or a.data.get("name")) == key]
        if not hits:
            continue
        years[document.date[:4]] += len(hits)
        co.update({str(a.data.get("id") or a.data.get("name")) for a in ents} - {key})
        for a in hits:
            mentions.append(mention_dict(document, a))
    return {
        "entity": info,
        "mentions": mentions,
        "timeline": dict(sorted(years.items())),
        # ties: by id
        "co_mentions": co_mention_dicts(sorted(co.items(), key=lambda kv: (-kv[1], kv[0]))[:20]),
    }


def entity_name(key: str) -> str:
    """The display name of an entity id ("donald-trump" -> "Donald Trump"); a key that is
    not in the gazetteer is a name already."""
    entry = load().entries.get(key)
    return entry.name if entry else key


def word_window(text: str, start: int, end: int, reach: int = CONTEXT_REACH) -> tuple[str, str]:
    """About `reach` characters either side of text[start:end], cut at word boundaries:
    (before, after), each with "…" where it was cut."""
    left = max(0, start - reach)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else start
    right = min(len(text), end + reach)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else end
    before = ("…" if left > 0 else "") + text[left:start].lstrip()
    after = text[end:right].rstrip() + ("…" if right < len(text) else "")
    return before, after


class Span(Protocol):
    """Where a mention is: an Annotation, or a row of the archive's entity index."""

    @property
    def turn(self) -> int | None: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


def mention_dict(document: Document, ann: Span) -> dict[str, Any]:
    """A mention as the reports and the entity page show it: who said it, and its snippet."""
    text = unit_text(document, ann.turn).replace("\u00a0", " ")
    before, after = word_window(text, ann.start, ann.end)
    return {
        "doc_id": document.id,
        "date": document.date,
        "speaker": speaker_of(document, ann.turn),
        "turn": ann.turn,
        "start": ann.start,
        "end": ann.end,
        "text": ann.text,
        "context": before + text[ann.start : ann.end] + after,
        "before": before,
        "after": after,
    }
