"""Annotations in SQL: what enrichers found, kept per revision, replaced per producer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from onrecord.errors import NotFoundError
from onrecord.model import Annotation
from onrecord.store import entity_index

# `json.dumps(data, sort_keys=True, ensure_ascii=False)`, without making an encoder for each
# of the ~100,000 annotations of an enriched DEV ingest (half of them sentences, data {}).
_DATA = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def current_revision(conn: sqlite3.Connection, doc_id: str) -> int:
    """The current revision number of a document; NotFoundError when there is none."""
    row = conn.execute("SELECT revision FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFoundError("no such document", source=doc_id)
    return int(row[0])


def put(
    conn: sqlite3.Connection,
    doc_id: str,
    annotations: Iterable[Annotation],
    *,
    revised: bool = False,
) -> int:
    """Replace, on the current revision, the annotations of the producers given, and keep
    the entity index in step. `revised`: the document has just got a new revision, whose
    annotations these are (none, maybe): the old revision's mentions are no longer current."""
    annotations = list(annotations)
    entities = revised or any(a.kind == "entity" for a in annotations)
    if not annotations:
        if entities:
            entity_index.refresh(conn, doc_id)
        return 0
    revision = current_revision(conn, doc_id)
    producers = sorted({a.producer for a in annotations})
    entities = entities or _has_entities(conn, doc_id, revision, producers)
    conn.executemany(
        "DELETE FROM annotations WHERE doc_id = ? AND revision = ? AND producer = ?",
        [(doc_id, revision, p) for p in producers],
    )
    conn.executemany(
        'INSERT INTO annotations (doc_id, revision, kind, producer, turn, start, "end", text,'
        " data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                doc_id,
                revision,
                a.kind,
                a.producer,
                a.turn,
                a.start,
                a.end,
                a.text,
                "{}" if a.data == {} else _DATA.encode(a.data),
            )
            for a in annotations
        ],
    )
    if entities:
        entity_index.refresh(conn, doc_id)
    return len(annotations)


def _has_entities(
    conn: sqlite3.Connection, doc_id: str, revision: int, producers: list[str]
) -> bool:
    """Whether the producers' stored annotations (about to be replaced) name entities."""
    marks = ",".join("?" * len(producers))
    row = conn.execute(
        "SELECT 1 FROM annotations WHERE doc_id = ? AND revision = ? AND kind = 'entity'"
        f" AND producer IN ({marks}) LIMIT 1",
        [doc_id, revision, *producers],
    ).fetchone()
    return row is not None


def list_for(
    conn: sqlite3.Connection, doc_id: str, kind: str | Sequence[str] | None
) -> list[Annotation]:
    """The current revision's annotations, ordered by (turn, start); of one kind, or of
    several (kind by kind, in the order given), in one statement."""
    kinds = [kind] if isinstance(kind, str) else list(kind or ())
    # from the document, so that one statement also tells an unknown id (no row) from a
    # document without such annotations (one row of NULLs)
    sql = (
        'SELECT a.kind, a.producer, a.turn, a.start, a."end", a.text, a.data FROM documents d'
        " LEFT JOIN annotations a ON a.doc_id = d.id AND a.revision = d.revision"
    )
    params: list[Any] = []
    if kinds:
        sql += f" AND a.kind IN ({','.join('?' * len(kinds))})"
        params += kinds
    params.append(doc_id)
    ordered = sql + " WHERE d.id = ? ORDER BY a.turn, a.start, a.id"
    rows = conn.execute(ordered, params).fetchall()
    if not rows:
        raise NotFoundError("no such document", source=doc_id)
    found = [
        Annotation(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]))
        for r in rows
        if r[0] is not None
    ]
    if len(kinds) > 1:
        position = {k: i for i, k in enumerate(kinds)}
        found.sort(key=lambda a: position[a.kind])  # stable: (turn, start) within a kind
    return found
