"""Watches in SQLite: saved questions, their deliveries and what each has delivered.

A watch's question (`spec`) is JSON that `onrecord.watch` reads and writes; this module
only keeps it. `cursor` is the `changes` sequence number up to which the watch's webhook
has been served: documents changed after it are the candidates of the next run.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from onrecord.errors import NotFoundError
from onrecord.store import annotation_rows
from onrecord.store.documents import now
from onrecord.store.schema import transaction


@dataclass(frozen=True)
class WatchRow:
    id: int
    name: str
    spec: dict[str, Any]
    webhook: str | None
    secret: str | None
    cursor: int
    created_at: str


@dataclass(frozen=True)
class DeliveryRow:
    watch_id: int
    delivery: str
    status: str  # delivered | failed
    attempts: int
    http_status: int | None
    error: str
    items: int
    at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "delivery": self.delivery,
            "status": self.status,
            "attempts": self.attempts,
            "http_status": self.http_status,
            "error": self.error,
            "items": self.items,
            "at": self.at,
        }


@dataclass(frozen=True)
class ChangedRevision:
    doc_id: str
    revision: int
    ingested_at: str


_COLUMNS = "id, name, spec, webhook, secret, cursor, created_at"


def _row(row: tuple[Any, ...]) -> WatchRow:
    return WatchRow(row[0], row[1], json.loads(row[2]), row[3], row[4], row[5], row[6])


class WatchStore:
    """The watch tables of one connection (reads need no write lock)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def last_change(self) -> int:
        return int(self._conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])

    def add(self, name: str, spec: dict[str, Any], webhook: str | None, secret: str | None) -> int:
        with transaction(self._conn):
            cursor = self.last_change()  # a new watch delivers what comes after it
            row = self._conn.execute(
                "INSERT INTO watches (name, spec, webhook, secret, cursor, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, json.dumps(spec, sort_keys=True), webhook, secret, cursor, now()),
            )
            return int(row.lastrowid or 0)

    def get(self, watch_id: int) -> WatchRow:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM watches WHERE id = ?", (watch_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no watch {watch_id}")
        return _row(row)

    def all(self) -> list[WatchRow]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM watches ORDER BY id")
        return [_row(r) for r in rows]

    def remove(self, watch_id: int) -> None:
        self.get(watch_id)
        with transaction(self._conn):
            for table in ("watch_delivered", "watch_deliveries"):
                self._conn.execute(f"DELETE FROM {table} WHERE watch_id = ?", (watch_id,))
            self._conn.execute("DELETE FROM watches WHERE id = ?", (watch_id,))

    def changed_since(self, seq: int) -> list[ChangedRevision]:
        """Current revisions of the documents written after change `seq`, oldest first."""
        rows = self._conn.execute(
            "SELECT d.id, d.revision, r.ingested_at FROM documents d"
            " JOIN revisions r ON r.doc_id = d.id AND r.revision = d.revision"
            " WHERE d.id IN (SELECT doc_id FROM changes WHERE seq > ?)"
            " ORDER BY r.ingested_at, d.id",
            (seq,),
        )
        return [ChangedRevision(*r) for r in rows]

    def recent_revisions(self, limit: int) -> list[ChangedRevision]:
        """The revisions stored last, newest first (every revision, not only current ones)."""
        rows = self._conn.execute(
            "SELECT doc_id, revision, ingested_at FROM revisions"
            " ORDER BY rowid DESC LIMIT ?",  # rowid: the order they were stored in
            (limit,),
        )
        return [ChangedRevision(*r) for r in rows]

    def current_revision(self, doc_id: str) -> int:
        return annotation_rows.current_revision(self._conn, doc_id)

    def ingested_at(self, doc_id: str, revision: int) -> str:
        row = self._conn.execute(
            "SELECT ingested_at FROM revisions WHERE doc_id = ? AND revision = ?",
            (doc_id, revision),
        ).fetchone()
        return str(row[0]) if row else ""

    def delivered(self, watch_id: int, doc_id: str, revision: int) -> set[str]:
        rows = self._conn.execute(
            "SELECT item FROM watch_delivered WHERE watch_id = ? AND doc_id = ? AND revision = ?",
            (watch_id, doc_id, revision),
        )
        return {r[0] for r in rows}

    def record_delivery(self, delivery: DeliveryRow, items: Iterable[tuple[str, int, str]]) -> None:
        """A delivery attempted; when it went through, the items (doc, revision, key) it
        carried, so that no later run sends them again."""
        with transaction(self._conn):
            self._conn.execute(
                "INSERT INTO watch_deliveries (watch_id, delivery, status, attempts,"
                " http_status, error, items, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    delivery.watch_id,
                    delivery.delivery,
                    delivery.status,
                    delivery.attempts,
                    delivery.http_status,
                    delivery.error,
                    delivery.items,
                    delivery.at,
                ),
            )
            if delivery.status == "delivered":
                self._conn.executemany(
                    "INSERT OR IGNORE INTO watch_delivered (watch_id, doc_id, revision, item)"
                    " VALUES (?, ?, ?, ?)",
                    [(delivery.watch_id, d, r, k) for d, r, k in items],
                )

    def advance(self, watch_id: int, seq: int) -> None:
        with transaction(self._conn):
            # not max(cursor, ?): PostgreSQL's max is an aggregate only
            self._conn.execute(
                "UPDATE watches SET cursor = ?1 WHERE id = ?2 AND cursor < ?1", (seq, watch_id)
            )

    def deliveries(self, watch_id: int, limit: int = 50) -> list[DeliveryRow]:
        rows = self._conn.execute(
            "SELECT watch_id, delivery, status, attempts, http_status, error, items, at"
            " FROM watch_deliveries WHERE watch_id = ? ORDER BY id DESC LIMIT ?",
            (watch_id, limit),
        )
        return [DeliveryRow(*r) for r in rows]
