"""The entity index on both engines: totals, mentions in date order, per year, co-mentions,
kept in step with annotation writes and new revisions, rebuilt by reindex, filled by the
migration.

Two small documents, counted by hand:
  a (2017-04-12): "The CSTO met. The CSTO agreed. BRICS and the CSTO." -> CSTO 3 (at 4, 18,
     45), BRICS 1 (at 31)
  b (2013-03-22): "Ask the CSTO." -> CSTO 1 (at 8)
so CSTO: 4 mentions in 2 documents (2013: 1, 2017: 3), BRICS: 1 in 1, in common: 1 document.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from onrecord.archive import Archive
from onrecord.errors import NotFoundError
from onrecord.model import Annotation, Document, Speaker, Turn
from onrecord.store import backend, schema

A_TEXT = "The CSTO met. The CSTO agreed. BRICS and the CSTO."
B_TEXT = "Ask the CSTO."
ENTITIES = {
    "CSTO": {"id": "csto", "name": "Collective Security Treaty Organisation", "type": "org"},
    "BRICS": {"id": "brics", "name": "BRICS", "type": "org"},
}


def document(doc_id: str, date: str, text: str) -> Document:
    return Document(
        id=doc_id,
        source=f"{doc_id}.json",
        sha256="",
        parser={"name": "test", "version": "v1"},
        title=f"Talk {doc_id}",
        date=date,
        speakers=[Speaker("putin", "Vladimir Putin")],
        turns=[Turn(0, "Vladimir Putin", "putin", [text])],
    )


def named(text: str, producer: str = "entities.v1") -> list[Annotation]:
    """An entity annotation of turn 0 for every CSTO and BRICS in `text`."""
    return [
        Annotation("entity", producer, 0, m.start(), m.end(), m.group(), ENTITIES[m.group()])
        for m in re.finditer("CSTO|BRICS", text)
    ]


@pytest.fixture
def archive(location: str) -> Iterator[Archive]:
    with Archive.open(location) as opened:
        opened.put_documents(
            [document("a", "2017-04-12", A_TEXT), document("b", "2013-03-22", B_TEXT)]
        )
        opened.put_annotations("a", named(A_TEXT))
        opened.put_annotations("b", named(B_TEXT))
        yield opened


def counts(archive: Archive) -> dict[str, tuple[int, int]]:
    return {e.key: (e.mentions, e.documents) for e in archive.entities().items}


def test_totals_count_mentions_and_documents(archive: Archive) -> None:
    page = archive.entities()
    assert page.total == 2
    assert [(e.key, e.name, e.type, e.mentions, e.documents) for e in page.items] == [
        ("csto", "Collective Security Treaty Organisation", "org", 4, 2),
        ("brics", "BRICS", "org", 1, 1),
    ]


def test_entities_are_paged(archive: Archive) -> None:
    page = archive.entities(limit=1, offset=1)
    assert (page.total, [e.key for e in page.items]) == (2, ["brics"])


def test_mentions_in_date_order_and_paged(archive: Archive) -> None:
    every = [(m.doc_id, m.date, m.start, m.end) for m in archive.entity_mentions("csto")]
    assert every == [
        ("b", "2013-03-22", 8, 12),
        ("a", "2017-04-12", 4, 8),
        ("a", "2017-04-12", 18, 22),
        ("a", "2017-04-12", 45, 49),
    ]
    middle = archive.entity_mentions("csto", limit=2, offset=1)
    assert [(m.doc_id, m.start) for m in middle] == [("a", 4), ("a", 18)]
    newest = archive.entity_mentions("csto", limit=2, newest=True)
    assert [(m.doc_id, m.start) for m in newest] == [("a", 45), ("a", 18)]
    only_b = archive.entity_mentions("csto", doc_ids=["b"])
    assert [(m.doc_id, m.text) for m in only_b] == [("b", "CSTO")]


def test_mentions_per_year_and_co_mentions(archive: Archive) -> None:
    assert archive.entity_timeline("csto") == {"2013": 1, "2017": 3}
    assert archive.co_mentioned("csto") == [("brics", 1)]
    assert archive.co_mentioned("brics") == [("csto", 1)]


def test_a_new_revision_that_drops_a_mention_lowers_the_count(archive: Archive) -> None:
    fewer = "The CSTO met. BRICS agreed."
    assert archive.put_document(document("a", "2017-04-12", fewer)) == "updated"
    # the old revision's mentions are no longer current, even before any annotation
    assert counts(archive) == {"csto": (1, 1)}
    archive.put_annotations("a", named(fewer))
    assert counts(archive) == {"csto": (2, 2), "brics": (1, 1)}
    assert [m.start for m in archive.entity_mentions("csto")] == [8, 4]


def test_the_fallback_producer_does_not_double_count_a_span(archive: Archive) -> None:
    spacy = named(A_TEXT, "entities-spacy.v1")
    # the fallback names one more span, and one span as another entity: its reading wins
    spacy.append(Annotation("entity", "entities-spacy.v1", 0, 0, 3, "The", {"name": "The"}))
    spacy[0] = Annotation("entity", "entities-spacy.v1", 0, 4, 8, "CSTO", {"name": "CSTO"})
    archive.put_annotations("a", spacy)
    assert len(archive.annotations("a", "entity")) == 4 + 5  # both producers kept
    assert counts(archive) == {"csto": (3, 2), "brics": (1, 1), "CSTO": (1, 1), "The": (1, 1)}
    archive.put_annotations("a", named(A_TEXT, "entities-spacy.v1"))  # a second run
    assert counts(archive) == {"csto": (4, 2), "brics": (1, 1)}


def test_unknown_entity_has_no_total(archive: Archive) -> None:
    with pytest.raises(NotFoundError):
        archive.entity_total("nato")
    assert archive.entity_mentions("nato") == []


def _raw(location: str) -> Any:
    """A plain connection to the archive's database, past the library."""
    if backend.is_url(location):
        import psycopg

        return psycopg.connect(location, autocommit=True)
    return sqlite3.connect(location, isolation_level=None)


def test_reindex_rebuilds_the_entity_index(archive: Archive, location: str) -> None:
    raw = _raw(location)
    raw.execute("DELETE FROM entity_totals")
    raw.execute("DELETE FROM entity_mentions WHERE doc_id = 'b'")
    raw.execute("DELETE FROM entity_documents WHERE doc_id = 'b'")
    raw.close()
    assert counts(archive) == {}
    archive.rebuild_index()
    assert counts(archive) == {"csto": (4, 2), "brics": (1, 1)}
    assert archive.entity_timeline("csto") == {"2013": 1, "2017": 3}


def test_the_migration_fills_the_index_from_stored_annotations(location: str) -> None:
    with Archive.open(location) as archive:
        archive.put_documents([document("a", "2017-04-12", A_TEXT)])
        archive.put_annotations("a", named(A_TEXT))
        archive.put_annotations("a", named(A_TEXT, "entities-spacy.v1"))
    raw = _raw(location)
    for table in ("entity_mentions", "entity_documents", "entity_totals"):
        raw.execute(f"DROP TABLE {table}")
    raw.execute("DELETE FROM schema_migrations WHERE name = 'entity_index'")
    if not backend.is_url(location):
        raw.execute(f"PRAGMA user_version = {schema.LATEST - 1}")
    raw.close()
    with Archive.open(location) as archive:
        assert counts(archive) == {"csto": (3, 1), "brics": (1, 1)}
        assert [m.start for m in archive.entity_mentions("csto")] == [4, 18, 45]


def test_a_producer_that_names_no_entity_any_more_takes_its_mentions_away(
    archive: Archive,
) -> None:
    # the same producer writes again, now without entities: its old mentions are replaced
    # by nothing, and the index follows though no entity comes with the write
    archive.put_annotations("b", [Annotation("sentence", "entities.v1", 0, 0, 13, B_TEXT)])
    assert counts(archive) == {"csto": (3, 1), "brics": (1, 1)}
