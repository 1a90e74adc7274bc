"""New-figure alerts: a speaker's figure for a subject that differs from what they said
before, in an earlier document (the consistency checks across time of `claims --speaker`).

Each alert quotes the new figure and the earlier one, both with their permalinks.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from onrecord.enrich import annotate
from onrecord.enrich.reports import claims_report
from onrecord.errors import NotFoundError
from onrecord.watch.matching import Context, filters_of, locate
from onrecord.watch.model import Match, Quote, WatchSpec


def figure_matches(ctx: Context, spec: WatchSpec, doc_ids: Collection[str] | None) -> list[Match]:
    """Figures of `spec.speaker` about `spec.figure` that differ from an earlier one of
    theirs (in another document); only the new figures of `doc_ids`, when given."""
    assert spec.speaker and spec.figure
    archive = ctx.archive
    try:
        documents = list(archive.iter_documents(filters_of(spec)))
    except NotFoundError:
        return []  # the speaker is not in the archive yet
    for document in documents:
        ctx.documents[document.id] = document
    items = ((d, archive.annotations(d.id) or annotate(d)) for d in documents)
    report = claims_report(items, speaker=spec.speaker, about=spec.figure)
    found = []
    for series in report.get("over_time", []):
        figures: list[dict[str, Any]] = series["figures"]
        for i, new in enumerate(figures):
            if doc_ids is not None and new["doc_id"] not in doc_ids:
                continue
            earlier = _earlier(figures[:i], new)
            if earlier is None:
                continue
            match = _alert(ctx, series, new, earlier)
            if match is not None:
                found.append(match)
    return found


def _earlier(before: list[dict[str, Any]], new: dict[str, Any]) -> dict[str, Any] | None:
    """The last figure said before `new`, in another document, with another value."""
    for old in reversed(before):
        if old["doc_id"] != new["doc_id"] and old["value"] != new["value"]:
            return old
    return None


def _quote(ctx: Context, figure: dict[str, Any]) -> Quote | None:
    document = ctx.document(figure["doc_id"])
    return locate(document, figure["turn"], figure["start"], figure["end"])


def _alert(
    ctx: Context, series: dict[str, Any], new: dict[str, Any], old: dict[str, Any]
) -> Match | None:
    quote, earlier = _quote(ctx, new), _quote(ctx, old)
    if quote is None or earlier is None:
        return None
    revision = ctx.revision(quote.doc_id)
    summary = (
        f"{new.get('speaker') or quote.speaker}: a new figure for {series['about']}:"
        f" '{new['text']}' ({new['date']}); earlier '{old['text']}' ({old['date']})"
    )
    extra = {
        "about": series["about"],
        "unit": series["unit"],
        "figure": new["text"],
        "earlier_figure": old["text"],
    }
    return Match(
        "figure",
        revision,
        quote,
        ctx.updated(quote.doc_id, revision),
        summary,
        earlier=earlier,
        extra=extra,
    )
