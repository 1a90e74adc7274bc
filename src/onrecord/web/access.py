"""How requests reach the archive: one read-only connection per worker thread.

FastAPI runs plain `def` routes in a thread pool; SQLite connections are cheap to keep
but must not be shared between threads mid-query, so each thread opens its own
read-only archive on first use. Writes (uploads) open a short-lived writable archive
under a lock: SQLite has one writer at a time anyway. On PostgreSQL that makes one
connection per thread (at most the server's thread limit, 40 by default, per process); a
connection the server dropped (a restart, a failover) fails the request that meets it with
a 503, and the thread's next request opens a new one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from onrecord.archive import Archive


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

    def reader(self) -> Archive:
        """This thread's archive; reopened after `close()` (an app may start more than once)."""
        archive: Archive | None = getattr(self._local, "archive", None)
        if archive is not None and archive.connection_lost:  # the server restarted
            self._forget(archive)
            archive = None
        if archive is None or getattr(self._local, "generation", -1) != self._generation:
            archive = Archive.open(self.db_path, create=False, readonly=True)
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
        with self._write_lock, Archive.open(self.db_path, create=False) as archive:
            yield archive

    def close(self) -> None:
        with self._opened_lock:
            self._generation += 1
            for archive in self._opened:
                archive.close()
            self._opened.clear()
