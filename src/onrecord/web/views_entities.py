"""The entities listing and an entity's page: mentions, mentions per year, and what is
named alongside it.

Shared by the HTML pages and their JSON twins; both read the archive's entity index
(onrecord.entities), a page of rows at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onrecord import entities as reports
from onrecord.archive import Archive
from onrecord.errors import QueryError
from onrecord.web.chart import BarChart, bar_chart, fill_years
from onrecord.web.query import Paging

SHOWN = 200  # mentions listed on a page of the entity; `total` says how many there are
LISTED = 200  # entities on a page of the listing
MAX_KEY = 100


@dataclass
class EntityView(reports.EntityReport):
    """The report of `onrecord.entities`, a page of its mentions, and its chart."""

    paging: Paging = field(default_factory=lambda: Paging(SHOWN))
    charts: list[BarChart] = field(default_factory=list)

    @property
    def more(self) -> bool:
        return self.paging.offset + len(self.mentions) < self.total

    def to_dict(self) -> dict[str, Any]:
        paging = {"limit": self.paging.size, "offset": self.paging.offset}
        return {"entity": self.entity, "total": self.total, **paging, **super().to_dict()}


@dataclass
class EntitiesView:
    """Entities named in the archive, most mentioned first: a page of them."""

    entities: list[dict[str, Any]]
    total: int
    paging: Paging

    @property
    def more(self) -> bool:
        return self.paging.offset + len(self.entities) < self.total

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "limit": self.paging.size,
            "offset": self.paging.offset,
            "entities": self.entities,
        }


def entities(archive: Archive, paging: Paging | None = None) -> EntitiesView:
    paging = paging or Paging(LISTED)
    page = reports.listing(archive, paging.size, paging.offset)
    return EntitiesView(page.items, page.total, paging)


def entity(archive: Archive, key: str, paging: Paging | None = None) -> EntityView:
    key = (key or "").strip()
    if not key or len(key) > MAX_KEY:
        raise QueryError(f"entity: expected an id or a name of 1 to {MAX_KEY} characters")
    paging = paging or Paging(SHOWN)
    found = reports.report(archive, key, paging.size, paging.offset)
    chart = bar_chart("Mentions per year", "mentions", fill_years(found.timeline))
    return EntityView(**vars(found), paging=paging, charts=[chart])
