"""How requests reach the archive: one read-only `Archive` per worker thread.

FastAPI runs plain `def` routes in a thread pool (and the `async` ones on the event loop's
thread); SQLite connections are cheap to keep but must not be shared between threads
mid-query, so each thread opens its own read-only archive on first use. Writes (uploads)
open a short-lived writable archive under a lock: SQLite has one writer at a time anyway.

On PostgreSQL the threads' archives share one pool of connections per process and mode
(`onrecord.store.backend.Pool`, at most $ONRECORD_PG_POOL, default 8): an archive borrows a
connection for each statement, or for a transaction, and gives it back, so 40 threads need
no 40 connections. A connection the server dropped (a restart, a failover) fails the
request that meets it with a 503; the pool discards it and checks its idle ones, and the
next request gets a working one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from onrecord.archive import Archive
from onrecord.store import backend


class ArchiveAccess:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._opened: list[Archive] = []
        self._opened_lock = threading.Lock()
        self._generation = 0

    def prepare(self) -> None:
        """Create or migrate the database once, so that readers can open it read-only."""
        Archive.open(self.db_path, create=True).close()

    def _open(self, *, readonly: bool) -> Archive:
        if not backend.is_url(self.db_path):
            return Archive.open(self.db_path, create=False, readonly=readonly)
        conn = backend.pooled(self.db_path, create=False, readonly=readonly)
        try:  # the store's SQL runs on it as on a sqlite3.Connection (see backend)
            return Archive(cast(sqlite3.Connection, conn), self.db_path, readonly)
        except BaseException:
            conn.close()
            raise

    def reader(self) -> Archive:
        """This thread's archive; reopened after `close()` (an app may start more than once)."""
        archive: Archive | None = getattr(self._local, "archive", None)
        if archive is not None and archive.connection_lost:  # the server restarted
            self._forget(archive)
            archive = None
        if archive is None or getattr(self._local, "generation", -1) != self._generation:
            archive = self._open(readonly=True)
            self._local.archive, self._local.generation = archive, self._generation
            with self._opened_lock:
                self._opened.append(archive)
        return archive

    def _forget(self, archive: Archive) -> None:
        with self._opened_lock:
            if archive in self._opened:
                self._opened.remove(archive)
        archive.close()

    @contextmanager
    def writer(self) -> Iterator[Archive]:
        with self._write_lock, self._open(readonly=False) as archive:
            yield archive

    def close(self) -> None:
        with self._opened_lock:
            self._generation += 1
            for archive in self._opened:
                archive.close()
            self._opened.clear()
