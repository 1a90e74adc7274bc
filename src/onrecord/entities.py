"""Entity listings and pages from the archive's entity index, in the shapes of
`onrecord.enrich.reports` (what `onrecord entities` / `mentions`, the web pages and the
watches show).

    listing(archive, limit, offset) -> ResultPage of {key, id, name, type, mentions, documents}
    report(archive, entity, limit=None, offset=0) -> EntityReport    NotFoundError
    report_or_none(archive, entity) -> EntityReport | None   (the CLI's `mentions`)
        {entity: {id, name, type}, total, mentions: [mention], timeline:
         {year: mentions}, co_mentions: [{entity, name, documents}]}; mention: reports'
        {doc_id, date, speaker, turn, start, end, text, context, before, after}
    mentioned(archive, entity) -> Iterator[(doc_id, [EntityMention])]  newest document first

Only the documents of the mentions shown are read (for the speaker and the snippet).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from onrecord.archive import Archive, EntityMention, EntityTotal, ResultPage
from onrecord.enrich.reports import co_mention_dicts, entity_info, mention_dict
from onrecord.errors import NotFoundError
from onrecord.model import Document

CO_MENTIONS = 20
PAGE = 500  # mentions read at a time while walking an entity's documents


@dataclass
class EntityReport:
    entity: dict[str, Any]
    total: int
    mentions: list[dict[str, Any]]
    timeline: dict[str, int]
    co_mentions: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "total": self.total,
            "mentions": self.mentions,
            "timeline": self.timeline,
            "co_mentions": self.co_mentions,
        }


def row(total: EntityTotal) -> dict[str, Any]:
    """An entity of the listing: `key` (the id, else the name) is what its page is under."""
    return {
        "id": total.id,
        "name": total.name,
        "type": total.type,
        "mentions": total.mentions,
        "documents": total.documents,
        "key": total.key,
    }


def listing(archive: Archive, limit: int | None = None, offset: int = 0) -> ResultPage:
    """Entities most mentioned first, as rows (all of them without `limit`)."""
    page = archive.entities(limit=limit if limit is not None else 2**62, offset=offset)
    return ResultPage([row(t) for t in page.items], page.total, limit or page.total, offset)


def report(
    archive: Archive, entity: str, limit: int | None = None, offset: int = 0
) -> EntityReport:
    """One entity (by id, name or alias): `limit` of its mentions from `offset`, oldest
    first, per year, and what is named in the same documents. NotFoundError when nothing
    names it."""
    info = entity_info(entity)
    key = info["id"]
    total = archive.entity_total(key)
    found = archive.entity_mentions(key, limit=limit, offset=offset)
    return EntityReport(
        entity=info,
        total=total.mentions,
        mentions=rendered(archive, found),
        timeline=archive.entity_timeline(key),
        co_mentions=co_mention_dicts(archive.co_mentioned(key, limit=CO_MENTIONS)),
    )


def report_or_none(archive: Archive, entity: str) -> EntityReport | None:
    """Every mention of the entity; an empty report for one of the gazetteer that nothing
    names, None for a name neither known nor named."""
    try:
        return report(archive, entity)
    except NotFoundError:
        info = entity_info(entity)
        if info["type"] is None:
            return None
        return EntityReport(info, 0, [], {}, [])


def rendered(archive: Archive, found: Iterable[EntityMention]) -> list[dict[str, Any]]:
    """The mentions with their speakers and snippets; each document is read once (the
    mentions of one document come together)."""
    out: list[dict[str, Any]] = []
    document: Document | None = None
    for mention in found:
        if document is None or document.id != mention.doc_id:
            document = archive.get(mention.doc_id)
        out.append(mention_dict(document, mention))
    return out


def mentioned(
    archive: Archive, entity: str, doc_ids: Iterable[str] | None = None
) -> Iterator[tuple[str, list[EntityMention]]]:
    """The documents that name the entity, newest first, each with its mentions in text
    order; of `doc_ids` only, when given. Read a page of mentions at a time."""
    key = entity_info(entity)["id"]
    wanted = list(doc_ids) if doc_ids is not None else None
    offset, current = 0, ""
    group: list[EntityMention] = []
    while True:
        page = archive.entity_mentions(key, limit=PAGE, offset=offset, newest=True, doc_ids=wanted)
        for mention in page:
            if group and mention.doc_id != current:
                yield current, group[::-1]
                group = []
            current = mention.doc_id
            group.append(mention)
        offset += len(page)
        if len(page) < PAGE:
            break
    if group:
        yield current, group[::-1]
