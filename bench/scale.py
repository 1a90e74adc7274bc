"""Figures at scale on either store: an archive of N paragraphs, then its search latency
beside the bare engine, its size, and the web load on it.

    # SQLite: a copy of a DEV archive, replicated
    python bench/scale.py --db /tmp/scale/1m.db --from /tmp/dev.db --paragraphs 1000000
    # PostgreSQL: the DEV pages ingested into an empty database, then replicated
    python bench/scale.py --db postgresql://user@host/db --pages ../shared/kremlin/dev/html \
        --paragraphs 1000000
    # then (either store) the web load of bench/load.py: 50 clients, 1 or 2 processes
    python bench/scale.py --db ... --measure --load 30 --workers 1,2

The archive grows by storage-level copies of the DEV documents under new ids (`ID-rN`):
their revisions (so every reader page renders), documents, appearances (the speaker
totals follow by the store's own triggers), paragraphs and annotations, in SQL, instead of
re-parsing hundreds of thousands of pages. Every paragraph then exists N / 21,737 times.
Search: the 20 queries of bench/search.py (4 with filters), warmed once, then 5 rounds;
p50/p95 of `Archive.search` (filters, hit rows, snippets, exact totals) beside the bare
Tantivy index (the compiled query, top 10 and the count) in the same process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from onrecord.archive import Archive
from onrecord.search.query import parse
from onrecord.store import schema

# Sentence vectors (`onrecord[dense]`) are measured by bench/ask.py; here they would only
# make the rebuild slow. ONRECORD_VECTORS=on in the environment keeps them.
os.environ.setdefault("ONRECORD_VECTORS", "off")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import QUERIES, measure  # bench/search.py: the same queries

BENCH = Path(__file__).resolve().parent
# What a document is made of, in the order their keys refer to each other.
TABLES = ("revisions", "documents", "appearances", "paragraphs", "annotations")
KEYS = {"documents": "id"}
SKIP = {"annotations": {"id"}, "paragraphs": {"rowid"}}  # given by the database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a SQLite file or a postgresql:// URL")
    parser.add_argument("--from", dest="source", type=Path, help="a DEV archive to copy (SQLite)")
    parser.add_argument("--pages", type=Path, help="pages to ingest first (PostgreSQL)")
    parser.add_argument("--paragraphs", type=int, default=0, help="replicate up to this many")
    parser.add_argument("--measure", action="store_true", help="search latency and size")
    parser.add_argument("--load", type=int, default=0, help="seconds of web load (bench/load.py)")
    parser.add_argument("--workers", default="1", help="server processes for the load: 1,2")
    args = parser.parse_args()
    if args.source is not None:
        copy_archive(args.source, Path(args.db))
    if args.pages is not None:
        ingest(args.db, args.pages)
    if args.paragraphs:
        grow(args.db, args.paragraphs)
    if args.measure:
        search_figures(args.db)
    for workers in filter(None, args.workers.split(",") if args.load else ()):
        load(args.db, args.load, workers)
    return 0


def copy_archive(source: Path, target: Path) -> None:
    with Archive.open(source) as archive:  # checkpoint the WAL, then copy the file
        archive._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target.parent.mkdir(parents=True, exist_ok=True)
    for path in target.parent.glob(target.name + "*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copy(source, target)


def ingest(db: str, pages: Path) -> None:
    started = time.perf_counter()
    with Archive.open(db) as archive:
        report = archive.ingest(sorted(pages.iterdir()), workers=2)
    print(f"ingested {report.inserted} pages in {time.perf_counter() - started:.0f} s")


def grow(db: str, target: int) -> None:
    """Copy the original documents (ids without '-r') under new ids until `target`."""
    started = time.perf_counter()
    with Archive.open(db) as archive:
        conn, postgres = archive._conn, archive.postgres
        raw: Any = conn.raw if postgres else conn  # type: ignore[attr-defined]
        if not postgres:
            schema.register_functions(raw)  # the FTS5 content view folds text with it
        count = "SELECT count(*) FROM paragraphs"
        base = raw.execute(count + " WHERE doc_id NOT LIKE '%-r%'").fetchone()[0]
        have = raw.execute(count).fetchone()[0]
        copy = have // base  # copies made so far, the original counting as one
        columns = {table: _columns(raw, table, postgres) for table in TABLES}
        while have < target:
            raw.execute("BEGIN")
            for table in TABLES:
                raw.execute(_copy_sql(table, columns[table], f"-r{copy}", postgres))
            raw.execute("INSERT INTO changes (doc_id) VALUES ('bench-replicated')")
            raw.execute("COMMIT")
            have, copy = have + base, copy + 1
            print(f"\r  {have:,} paragraphs", end="", flush=True)
        if not postgres:
            raw.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")
    print(f"\ngrown to {have:,} paragraphs in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    with Archive.open(db) as archive:
        archive.rebuild_index()
    print(f"search index built in {time.perf_counter() - started:.0f} s")


def _columns(raw: Any, table: str, postgres: bool) -> list[str]:
    if postgres:
        rows = raw.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND table_schema = current_schema()"
            " ORDER BY ordinal_position",
            (table,),
        ).fetchall()
    else:
        rows = [(row[1],) for row in raw.execute(f"PRAGMA table_info({table})")]
    return [name for (name,) in rows if name not in SKIP.get(table, set())]


def _copy_sql(table: str, columns: list[str], suffix: str, postgres: bool) -> str:
    key = KEYS.get(table, "doc_id")
    quoted = [f'"{c}"' for c in columns]
    picked = [f"{q} || '{suffix}'" if c == key else q for c, q in zip(columns, quoted, strict=True)]
    if table == "paragraphs" and postgres:
        quoted, picked = ["rowid", *quoted], ["nextval('paragraphs_rowid_seq')", *picked]
    order = "rowid" if not postgres or table == "paragraphs" else key
    return (
        f"INSERT INTO {table} ({', '.join(quoted)}) SELECT {', '.join(picked)} FROM {table}"
        f" WHERE {key} NOT LIKE '%-r%' ORDER BY {order}"
    )


def search_figures(db: str) -> None:
    with Archive.open(db, readonly=True) as archive:
        index = archive._index
        assert index is not None
        archive.search("warm")  # brings a node's index in step
        searcher = index.searcher()

        def bare(query: str, _: object) -> object:
            return searcher.search(index.compile(parse(query)), 10, count=True).hits

        stats = archive.stats()
        print(
            f"{archive.location}: {stats.documents:,} documents,"
            f" {_paragraphs(archive):,} paragraphs; database {_size(archive) / 1e9:.2f} GB,"
            f" search index {_tree_size(index.path) / 1e9:.2f} GB"
        )
        for name, run in (
            ("bare Tantivy", bare),
            ("archive.search", lambda q, f: archive.search(q, f, limit=10)),
        ):
            p50, p95 = measure(run)
            print(f"  {name:15} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  (load {_load()})")
    print(f"  ({len(QUERIES)} queries, {sum(1 for _, f in QUERIES if f)} with filters)")


def _paragraphs(archive: Archive) -> int:
    return int(archive._conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0])


def _size(archive: Archive) -> int:
    if archive.postgres:
        row = archive._conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0])
    return sum(p.stat().st_size for p in archive.path.parent.glob(archive.path.name + "*"))


def _tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def load(db: str, seconds: int, workers: str) -> None:
    print(f"\nweb load, {workers} server process(es):", flush=True)
    command = [sys.executable, str(BENCH / "load.py"), "--db", db, "--seconds", str(seconds)]
    subprocess.run([*command, "--workers", workers], check=False)


if __name__ == "__main__":
    sys.exit(main())
