"""Crash and concurrency safety: kill -9 mid-ingest, two ingests at once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onrecord.archive import Archive
from onrecord.model import Document
from onrecord.store import schema

INGEST = (
    "import sys; from onrecord.archive import Archive;"
    " Archive.open(sys.argv[1]).ingest(sys.argv[2:], workers=1, enrich=False)"
)


def _records(path: Path, documents: list[Document], copies: int, tag: str) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            for document in documents:
                data = document.to_dict()
                data["id"] = f"{tag}{n}-{document.id}"
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
    return path


def _count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        conn.close()


def _ingest(db: Path, *paths: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", INGEST, str(db), *map(str, paths)])


def test_kill_9_mid_ingest_leaves_a_consistent_database_and_a_rerun_completes(
    tmp_path: Path, gold_documents: list[Document]
) -> None:
    records = _records(tmp_path / "many.jsonl", gold_documents, 20, "k")
    total = 20 * len(gold_documents)
    db = tmp_path / "killed.db"
    process = _ingest(db, records)
    deadline = time.monotonic() + 60
    while _count(db) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = _count(db)
    assert 0 < stored < total, "the kill should land mid-ingest"
    conn = sqlite3.connect(db)
    schema.register_functions(conn)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
    conn.close()
    with Archive.open(db) as archive:
        report = archive.ingest([records], workers=1, enrich=False)
        assert (report.inserted, report.unchanged) == (total - stored, stored)
        assert archive.stats().documents == total
        assert archive.search("russia", limit=0).engine == "tantivy"


def test_two_ingests_at_once_both_complete(tmp_path: Path, gold_documents: list[Document]) -> None:
    first = _records(tmp_path / "first.jsonl", gold_documents, 8, "a")
    second = _records(tmp_path / "second.jsonl", gold_documents, 8, "b")
    db = tmp_path / "shared.db"
    Archive.open(db).close()
    processes = [_ingest(db, first), _ingest(db, second)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    with Archive.open(db) as archive:
        assert archive.stats().documents == 16 * len(gold_documents)
        russia = archive.search('"russia"', limit=0)  # quoted: as exact in both engines
        fts = Archive(archive._conn, str(archive.path), engine="fts5").search('"russia"', limit=0)
        assert (russia.engine, russia.total) == ("tantivy", fts.total)


def test_a_writer_that_waits_too_long_gets_a_store_error(tmp_path: Path) -> None:
    from onrecord.errors import StoreError
    from onrecord.store import sqlite as store_sqlite

    db = tmp_path / "busy.db"
    Archive.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process mid-write
    try:
        with Archive.open(db) as archive:
            archive._conn.execute("PRAGMA busy_timeout = 50")
            document = Document(id="x", source="s", sha256="", parser={"name": "t"})
            with pytest.raises(StoreError, match="locked"):
                archive.put_document(document)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store_sqlite.BUSY_TIMEOUT_MS >= 10_000  # a real second ingest waits, it does not fail


def test_an_ingest_leaves_the_wal_copied_back_and_the_connection_as_it_was(
    tmp_path: Path, gold_documents: list[Document]
) -> None:
    """During an ingest the WAL is checkpointed less often (bulk load); afterwards every
    committed page is in the database file and the connection has its settings again."""
    records = _records(tmp_path / "r.jsonl", gold_documents, 20, "w")
    with Archive.open(tmp_path / "a.db") as archive:
        conn = archive._conn
        before = [
            conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("cache_size", "wal_autocheckpoint")
        ]
        archive.ingest([records], workers=1, enrich=False)
        after = [
            conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("cache_size", "wal_autocheckpoint")
        ]
        busy, log, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert after == before
        assert (busy, log) == (0, copied)
        assert archive.stats().documents == 20 * len(gold_documents)
