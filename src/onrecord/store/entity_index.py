"""The entity index: every current mention of an entity, and totals per entity.

A derived view of the entity annotations of each document's current revision, kept in the
same transaction as every annotation write (`annotation_rows.put`), so that the entity
pages read a few rows instead of every document's annotations:

    entity_mentions  one row per span (the fallback producer `entities-spacy.v1` wins
                     over `entities.v1`, as `enrich.reports.entities_of`), keyed by the
                     entity (`data.id`, else `data.name`; a mention with neither is not
                     indexed), in (date, document, turn, start) order
    entity_documents mentions per entity and document (with its date): what the timeline
                     and the co-mentions (documents in common) count, a row per pair
                     rather than per mention (0.84 M rows for 1.46 M mentions at 1 M
                     paragraphs; co-mentions of the most named entity 0.56 s -> 0.2 s)
    entity_totals    mentions and documents per entity, updated by the difference a
                     document's refresh makes

`refresh(conn, doc_id)` rewrites one document's rows from its annotations; `rebuild`
(and the migrations) fill both tables from every current revision at once. The same SQL
selects the rows in both cases; only reading a JSON field differs between the engines.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from onrecord.store.backend import is_postgres

FALLBACK_LOSES = "entities.v1"  # the producer whose span another producer's mention replaces


def tables(text: str = "TEXT") -> str:
    """The tables and their indexes; `text` is PostgreSQL's byte-ordered text type there."""
    without_rowid = " WITHOUT ROWID" if text == "TEXT" else ""
    return f"""
    CREATE TABLE IF NOT EXISTS entity_mentions (
        key {text} NOT NULL,
        doc_id {text} NOT NULL,
        revision INTEGER NOT NULL,
        date {text} NOT NULL,
        turn INTEGER,
        unit INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        id {text},
        name {text},
        type {text}
    );
    CREATE INDEX IF NOT EXISTS entity_mentions_key
        ON entity_mentions(key, date, doc_id, unit, start);
    CREATE INDEX IF NOT EXISTS entity_mentions_doc ON entity_mentions(doc_id, key);
    CREATE TABLE IF NOT EXISTS entity_documents (
        doc_id {text} NOT NULL,
        key {text} NOT NULL,
        date {text} NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (doc_id, key)
    ){without_rowid};
    CREATE INDEX IF NOT EXISTS entity_documents_key ON entity_documents(key, date, mentions);
    CREATE TABLE IF NOT EXISTS entity_totals (
        key {text} PRIMARY KEY,
        id {text},
        name {text},
        type {text},
        mentions INTEGER NOT NULL,
        documents INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS entity_totals_rank ON entity_totals(mentions DESC, key);
    """


def _field(name: str, postgres: bool) -> str:
    """A non-empty text field of an annotation's JSON data, or NULL."""
    if postgres:
        return f"nullif(a.data::json->>'{name}', '')"
    return f"nullif(CAST(json_extract(a.data, '$.{name}') AS TEXT), '')"


def _select(postgres: bool, where: str) -> str:
    """The index rows of the current revisions' entity annotations matching `where` (over
    `a`, the annotations, and `d`, their documents): one per span, the fallback's first,
    else the first `entities.v1` one; `unit` is the turn with the lead (no turn) as 0,
    the order the entity page has always listed mentions in."""
    ident, name, kind = (_field(f, postgres) for f in ("id", "name", "type"))
    return f"""
    SELECT key, doc_id, revision, date, turn, coalesce(turn, 0), start, "end", text,
        id, name, type FROM (
        SELECT coalesce({ident}, {name}) AS key, a.doc_id, a.revision, d.date, a.turn,
            a.start, a."end", a.text, {ident} AS id, {name} AS name, {kind} AS type,
            row_number() OVER (PARTITION BY a.doc_id, a.turn, a.start, a."end" ORDER BY
                a.producer = '{FALLBACK_LOSES}',
                CASE WHEN a.producer = '{FALLBACK_LOSES}' THEN a.id ELSE -a.id END) AS pick
        FROM annotations a JOIN documents d ON d.id = a.doc_id AND d.revision = a.revision
        WHERE a.kind = 'entity' AND {where}
    ) s WHERE pick = 1 AND key IS NOT NULL
    """


_COLUMNS = 'key, doc_id, revision, date, turn, unit, start, "end", text, id, name, type'
_DOCUMENTS = (
    "INSERT INTO entity_documents (doc_id, key, date, mentions)"
    " SELECT doc_id, key, min(date), count(*) FROM entity_mentions{where} GROUP BY doc_id, key"
)
_TOTALS = (
    "INSERT INTO entity_totals (key, id, name, type, mentions, documents)"
    " SELECT key, min(id), min(name), min(type), count(*), count(DISTINCT doc_id)"
    " FROM entity_mentions GROUP BY key"
)


TABLES = ("entity_mentions", "entity_documents", "entity_totals")


def fill_sql(postgres: bool) -> list[str]:
    """Statements that empty the tables and fill them from every current revision (a
    migration run again over an archive set back to an older version finds them there)."""
    rows = _select(postgres, "1 = 1")
    return [
        *(f"DELETE FROM {table}" for table in TABLES),
        f"INSERT INTO entity_mentions ({_COLUMNS}) {rows}",
        _DOCUMENTS.format(where=""),
        _TOTALS,
    ]


def rebuild(conn: sqlite3.Connection) -> int:
    """Fill the index again from the annotations (inside the caller's transaction);
    returns the mentions indexed."""
    for statement in fill_sql(is_postgres(conn)):
        conn.execute(statement)
    return int(conn.execute("SELECT count(*) FROM entity_mentions").fetchone()[0])


def refresh(conn: sqlite3.Connection, doc_id: str) -> None:
    """Make one document's rows those of its current revision's entity annotations, and
    move the totals by the difference."""
    before = _per_key(conn, doc_id)
    conn.execute("DELETE FROM entity_mentions WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM entity_documents WHERE doc_id = ?", (doc_id,))
    rows = _select(is_postgres(conn), "a.doc_id = ?")
    conn.execute(f"INSERT INTO entity_mentions ({_COLUMNS}) {rows}", (doc_id,))
    conn.execute(_DOCUMENTS.format(where=" WHERE doc_id = ?"), (doc_id,))
    after = _per_key(conn, doc_id)
    _move_totals(conn, doc_id, before, after)


def _per_key(conn: sqlite3.Connection, doc_id: str) -> Counter[str]:
    rows = conn.execute("SELECT key, mentions FROM entity_documents WHERE doc_id = ?", (doc_id,))
    return Counter({str(key): int(n) for key, n in rows})


def _move_totals(
    conn: sqlite3.Connection, doc_id: str, before: Counter[str], after: Counter[str]
) -> None:
    """Add each key's change in mentions and documents; keys in sorted order, so that two
    writers on PostgreSQL take the rows' locks in the same order."""
    changed = sorted(k for k in before.keys() | after.keys() if before[k] != after[k])
    if not changed:
        return
    names = _names(conn, doc_id, changed)
    conn.executemany(
        "INSERT INTO entity_totals (key, id, name, type, mentions, documents)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
        " mentions = entity_totals.mentions + excluded.mentions,"
        " documents = entity_totals.documents + excluded.documents",
        [(key, *names.get(key, (None,) * 3), *_change(key, before, after)) for key in changed],
    )
    marks = ",".join("?" * len(changed))
    conn.execute(f"DELETE FROM entity_totals WHERE key IN ({marks}) AND mentions <= 0", changed)


def _change(key: str, before: Counter[str], after: Counter[str]) -> tuple[int, int]:
    """(mentions, documents) the key gains (or loses) by a document's refresh."""
    return after[key] - before[key], (after[key] > 0) - (before[key] > 0)


def _names(
    conn: sqlite3.Connection, doc_id: str, keys: list[str]
) -> dict[str, tuple[Any, Any, Any]]:
    """(id, name, type) of the keys this document names now (a new total takes them)."""
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT key, min(id), min(name), min(type) FROM entity_mentions WHERE doc_id = ?"
        f" AND key IN ({marks}) GROUP BY key",
        [doc_id, *keys],
    )
    return {str(r[0]): (r[1], r[2], r[3]) for r in rows}


# reading


@dataclass(frozen=True)
class EntityTotal:
    """An entity named in the archive: `key` is its gazetteer id, else its name."""

    key: str
    id: str | None
    name: str
    type: str | None
    mentions: int
    documents: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EntityMention:
    """Where a current revision names the entity: `text[start:end]` of its turn (None: the
    lead, -1: the preamble)."""

    doc_id: str
    date: str
    turn: int | None
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_TOTAL = "SELECT key, id, coalesce(name, key), type, mentions, documents FROM entity_totals"


def totals(conn: sqlite3.Connection, limit: int, offset: int) -> tuple[list[EntityTotal], int]:
    """Entities most mentioned first (ties by key), and how many there are."""
    rows = conn.execute(
        f"{_TOTAL} ORDER BY mentions DESC, key LIMIT ? OFFSET ?", (limit, offset)
    ).fetchall()
    total = conn.execute("SELECT count(*) FROM entity_totals").fetchone()[0]
    return [EntityTotal(*r) for r in rows], int(total)


def total_of(conn: sqlite3.Connection, key: str) -> EntityTotal | None:
    row = conn.execute(f"{_TOTAL} WHERE key = ?", (key,)).fetchone()
    return EntityTotal(*row) if row else None


_ORDER = 'date, doc_id, unit, start, "end"'
_NEWEST = 'date DESC, doc_id DESC, unit DESC, start DESC, "end" DESC'


def mentions(
    conn: sqlite3.Connection,
    key: str,
    limit: int,
    offset: int,
    *,
    newest: bool = False,
    doc_ids: Iterable[str] | None = None,
) -> list[EntityMention]:
    """The entity's mentions, oldest first (`newest`: the reverse), of `doc_ids` only
    when given."""
    where, params = "key = ?", [key]
    if doc_ids is not None:
        ids = sorted(set(doc_ids))
        if not ids:
            return []
        where += f" AND doc_id IN ({','.join('?' * len(ids))})"
        params += ids
    rows = conn.execute(
        f'SELECT doc_id, date, turn, start, "end", text FROM entity_mentions WHERE {where}'
        f" ORDER BY {_NEWEST if newest else _ORDER} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [EntityMention(*r) for r in rows]


def per_year(conn: sqlite3.Connection, key: str) -> dict[str, int]:
    """Mentions per year of the documents' dates ("" for undated ones), oldest first."""
    rows = conn.execute(
        "SELECT substr(date, 1, 4), sum(mentions) FROM entity_documents WHERE key = ?"
        " GROUP BY 1 ORDER BY 1",
        (key,),
    )
    return {str(year): int(n) for year, n in rows}


def co_mentioned(conn: sqlite3.Connection, key: str, limit: int) -> list[tuple[str, int]]:
    """Other entities named in the entity's documents: (key, documents in common), most
    first, ties by key."""
    rows = conn.execute(
        "SELECT o.key, count(*) FROM entity_documents e JOIN entity_documents o"
        " ON o.doc_id = e.doc_id WHERE e.key = ?1 AND o.key <> ?1"
        " GROUP BY o.key ORDER BY 2 DESC, o.key LIMIT ?2",
        (key, limit),
    )
    return [(str(k), int(n)) for k, n in rows]
