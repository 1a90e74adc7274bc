"""Annotations in SQL: what enrichers found, kept per revision, replaced per producer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from onrecord.errors import NotFoundError
from onrecord.model import Annotation

# `json.dumps(data, sort_keys=True, ensure_ascii=False)`, without making an encoder for each
# of the ~100,000 annotations of an enriched DEV ingest (half of them sentences, data {}).
_DATA = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def current_revision(conn: sqlite3.Connection, doc_id: str) -> int:
    """The current revision number of a document; NotFoundError when there is none."""
    row = conn.execute("SELECT revision FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFoundError("no such document", source=doc_id)
    return int(row[0])


def put(conn: sqlite3.Connection, doc_id: str, annotations: Iterable[Annotation]) -> int:
    """Replace, on the current revision, the annotations of the producers given."""
    annotations = list(annotations)
    if not annotations:
        return 0
    revision = current_revision(conn, doc_id)
    producers = sorted({a.producer for a in annotations})
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
    return len(annotations)


def list_for(conn: sqlite3.Connection, doc_id: str, kind: str | None) -> list[Annotation]:
    revision = current_revision(conn, doc_id)
    sql = (
        'SELECT kind, producer, turn, start, "end", text, data FROM annotations'
        " WHERE doc_id = ? AND revision = ?"
    )
    params: list[Any] = [doc_id, revision]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    rows = conn.execute(sql + " ORDER BY turn, start, id", params).fetchall()
    return [Annotation(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) for r in rows]
