"""The web app on a PostgreSQL archive: its threads' requests share the process's pool.

The three fixture pages of tests/archive/test_backends.py; their newest-first order
(54271 of 2017, then 17723 and 17389 of 2013) is read off the pages by hand.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.archive import Archive
from onrecord.web import WebConfig, create_app

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"
PAGES = [str(KREMLIN / f"{page}.txt") for page in ("54271", "17389", "17723")]
OURS = (
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE application_name = 'onrecord' AND datname = current_database()"
)


def test_twelve_clients_at_once_hold_at_most_the_pools_two_connections(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`/api/v1/documents` runs in the server's thread pool: 12 clients at once are served
    by up to 12 threads, on at most ONRECORD_PG_POOL=2 connections, every answer right."""
    import psycopg

    monkeypatch.setenv("ONRECORD_INDEX", str(tmp_path / "pg.index"))
    monkeypatch.setenv("ONRECORD_PG_POOL", "2")
    with Archive.open(postgres_url) as archive:
        archive.ingest(PAGES, workers=1, enrich=False)
    peak, done = [0], threading.Event()

    def sample() -> None:
        with psycopg.connect(postgres_url, autocommit=True, application_name="test") as admin:
            while not done.is_set():
                row = admin.execute(OURS).fetchone()
                peak[0] = max(peak[0], int(row[0]) if row else 0)

    answers: list[list[object]] = [[] for _ in range(12)]
    with TestClient(create_app(WebConfig(postgres_url, cache_entries=0))) as client:
        start = threading.Barrier(12)

        def run(n: int) -> None:
            start.wait()
            for _ in range(15):
                got = client.get("/api/v1/documents")
                answers[n].append((got.status_code, [d["id"] for d in got.json()["items"]]))

        watcher = threading.Thread(target=sample)
        watcher.start()
        clients = [threading.Thread(target=run, args=(n,)) for n in range(12)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        done.set()
        watcher.join()
    assert answers == [[(200, ["54271", "17723", "17389"])] * 15] * 12
    assert peak[0] == 2
