"""An entity's page: every mention, mentions per year, and what is named alongside it.

Shared by the HTML page and its JSON twin. The mentions come from the stored entity
annotations of every document (one pass over the archive per request).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onrecord.archive import Archive
from onrecord.enrich.reports import entity_report, mentions_report
from onrecord.errors import NotFoundError, QueryError
from onrecord.web.chart import BarChart, bar_chart, fill_years

SHOWN = 200  # mentions listed on the page; `total` says how many there are
MAX_KEY = 100


@dataclass
class EntityView:
    entity: dict[str, Any]
    total: int
    mentions: list[dict[str, Any]]
    timeline: dict[str, int]
    co_mentions: list[dict[str, Any]]
    charts: list[BarChart] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "total": self.total,
            "mentions": self.mentions,
            "timeline": self.timeline,
            "co_mentions": self.co_mentions,
        }


@dataclass
class EntitiesView:
    """Every entity named in the archive, most mentioned first."""

    entities: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"entities": self.entities}


def entities(archive: Archive) -> EntitiesView:
    items = ((d, archive.annotations(d.id, "entity")) for d in archive.iter_documents())
    rows = entity_report(items)["entities"]
    for row in rows:
        row["key"] = row["id"] or row["name"]
        row["name"] = row["name"] or row["key"]
    return EntitiesView([r for r in rows if r["key"]])


def entity(archive: Archive, key: str) -> EntityView:
    key = (key or "").strip()
    if not key or len(key) > MAX_KEY:
        raise QueryError(f"entity: expected an id or a name of 1 to {MAX_KEY} characters")
    items = ((d, archive.annotations(d.id, "entity")) for d in archive.iter_documents())
    report = mentions_report(items, key)
    mentions = report["mentions"]
    if not mentions:
        raise NotFoundError(f"no mentions of {key[:60]!r}")
    mentions.sort(key=lambda m: (m["date"], m["doc_id"], m["turn"] or 0, m["start"]))
    timeline = report["timeline"]
    return EntityView(
        entity=report["entity"],
        total=len(mentions),
        mentions=mentions[:SHOWN],
        timeline=timeline,
        co_mentions=report["co_mentions"],
        charts=[bar_chart("Mentions per year", "mentions", fill_years(timeline))],
    )
