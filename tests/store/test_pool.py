"""A process's PostgreSQL connections come from one pool per URL and mode
(`onrecord.store.backend.Pool`): many threads share fewer connections, never more than
$ONRECORD_PG_POOL, and a connection the server dropped is replaced.

On a throwaway cluster (tests/conftest.py `postgres_url`). Expected values are those of
tests/archive/test_backends.py, read off the three fixture pages by hand: 54271 is the
"Interview to Mir broadcasting company" (2017), 17723 and 17389 are of 2013, so the
newest-first list is 54271, 17723, 17389.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pytest

from onrecord.archive import Archive
from onrecord.errors import DatabaseUnreachableError
from onrecord.store import backend
from onrecord.web.access import ArchiveAccess

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"
PAGES = [str(KREMLIN / f"{page}.txt") for page in ("54271", "17389", "17723")]
TITLE = "Interview to Mir broadcasting company"
NEWEST = ["54271", "17723", "17389"]
OURS = (
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE application_name = 'onrecord' AND datname = current_database()"
)


@pytest.fixture
def stored(postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The three fixture pages in a new database; the URL."""
    monkeypatch.setenv("ONRECORD_INDEX", str(tmp_path / "pg.index"))
    with Archive.open(postgres_url) as archive:
        report = archive.ingest(PAGES, workers=1, enrich=False)
    assert (report.inserted, report.failed) == (3, [])
    return postgres_url


@contextmanager
def peak_connections(url: str) -> Iterator[Callable[[], int]]:
    """Samples how many connections onrecord holds to the database (pg_stat_activity,
    application_name onrecord) every few milliseconds; yields the peak so far."""
    import psycopg

    peak = [0]
    done = threading.Event()

    def sample() -> None:
        with psycopg.connect(url, autocommit=True, application_name="pool-test") as admin:
            while not done.is_set():
                row = admin.execute(OURS).fetchone()
                peak[0] = max(peak[0], int(row[0]) if row else 0)
                time.sleep(0.002)

    watcher = threading.Thread(target=sample)
    watcher.start()
    try:
        yield lambda: peak[0]
    finally:
        done.set()
        watcher.join()


def run_threads(count: int, work: Callable[[int], object]) -> list[object]:
    """`work(n)` in `count` threads started together; their results in order (an exception
    raised in a thread is its result)."""
    results: list[object] = [None] * count
    start = threading.Barrier(count)

    def run(n: int) -> None:
        start.wait()
        try:
            results[n] = work(n)
        except Exception as err:
            results[n] = err

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_sixteen_threads_share_three_connections_and_all_answer_right(
    stored: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each thread has its own archive, as a web server's threads do; 16 of them reading
    at once hold at most the pool's 3 connections, and the pool does open all 3."""
    monkeypatch.setenv("ONRECORD_PG_POOL", "3")
    access = ArchiveAccess(stored)

    def work(_: int) -> list[tuple[str, int, list[str]]]:
        archive = access.reader()
        seen = []
        for _ in range(25):
            listed = archive.list_documents()
            seen.append((archive.get("54271").title, listed.total, [d.id for d in listed.items]))
        return seen

    try:
        with peak_connections(stored) as peak:
            results = run_threads(16, work)
            highest = peak()
    finally:
        access.close()
    assert results == [[(TITLE, 3, NEWEST)] * 25] * 16
    assert highest == 3


def test_the_pool_is_one_per_url_and_mode_and_closes_with_its_last_user(stored: str) -> None:
    first = backend.pooled(stored, create=False, readonly=True)
    second = backend.pooled(stored, create=False, readonly=True)
    writer = backend.pooled(stored, create=False)
    try:
        assert first.pool is second.pool and first.pool is not None
        assert writer.pool is not first.pool
        assert first.pool.users == 2
        # a read-only archive's connections are refused writes by the server itself
        row = first.execute("SHOW default_transaction_read_only").fetchone()
        assert row is not None and row[0] == "on"
        row = writer.execute("SHOW lock_timeout").fetchone()
        assert row is not None and row[0] == "1min"
        pool = first.pool
        first.close()
        first.close()  # closing twice gives up one share, once
        assert pool.users == 1
        second.close()
        assert pool.pool.closed
    finally:
        writer.close()


def test_a_connection_the_server_dropped_is_replaced(stored: str) -> None:
    """The statement that meets a dropped connection fails with the database error that the
    web answers with a 503; the next statement gets a new connection from the pool."""
    import psycopg

    conn = backend.pooled(stored, create=False, readonly=True)
    archive = Archive(cast(sqlite3.Connection, conn), stored, readonly=True)
    try:
        assert archive.list_documents().total == 3
        with psycopg.connect(stored, autocommit=True) as admin:
            pids = {
                row[0]
                for row in admin.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = 'onrecord'"
                    " AND datname = current_database()"
                )
            }
            assert len(pids) >= 1
            for pid in pids:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            with pytest.raises(DatabaseUnreachableError, match="lost the PostgreSQL server"):
                archive.list_documents()
            assert [d.id for d in archive.list_documents().items] == NEWEST
            now = {
                row[0]
                for row in admin.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = 'onrecord'"
                    " AND datname = current_database()"
                )
            }
        assert now and not now & pids
        assert not archive.connection_lost
    finally:
        archive.close()


def test_a_pool_size_that_is_not_a_number_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_PG_POOL", "many")
    with pytest.raises(backend.StoreError, match="ONRECORD_PG_POOL must be a number"):
        backend.pool_size()
    monkeypatch.setenv("ONRECORD_PG_POOL", "0")
    with pytest.raises(backend.StoreError, match="from 1 to 1000"):
        backend.pool_size()
    monkeypatch.setenv("ONRECORD_PG_POOL", "12")
    assert backend.pool_size() == 12
    monkeypatch.delenv("ONRECORD_PG_POOL")
    assert backend.pool_size() == 8
