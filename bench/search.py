"""Search latency: 20 representative queries at the DEV size and replicated to 1M and 5M paragraphs.

    .venv/bin/python bench/ingest.py --db /tmp/dev.db          # once: the DEV archive
    .venv/bin/python bench/search.py --dev /tmp/dev.db --work /tmp/onrecord-bench \\
        --sizes dev,1000000,5000000

For each size it prints p50 / p95 over 5 rounds of the 20 queries for:
  bare FTS5     the FTS5 table alone: MATCH, ORDER BY rank, LIMIT 10 (no filters)
  bare Tantivy  the Tantivy index alone: the compiled query, top 10 and count (no filters)
  archive/fts5  Archive.search with filters, hit rows, snippets, highlights (FTS5 engine)
  archive/tantivy  the same with the Tantivy engine (the default)
Larger sizes replicate the DEV documents with new ids (`ID-rN`) straight into the tables:
storage-level copies, so the bench speaks SQL itself instead of re-parsing 500k pages.
Every paragraph then exists ~230 times with the same score; the Python binding of Tantivy
never prunes by score anyway (it always collects through a MultiCollector), so every
search visits every match of its terms, and latency grows with the matches.

To build the large archives first and measure them later, in one process:

    .venv/bin/python bench/search.py --dev /tmp/dev.db --work /tmp/bench-1m \
        --sizes 1000000 --build-only
    .venv/bin/python bench/search.py --dev /tmp/dev.db --work /tmp/onrecord-bench \
        --sizes 5000000 --build-only
    flock /tmp/onrecord-bench.lock .venv/bin/python bench/search.py \
        --measure /tmp/dev.db,/tmp/bench-1m/search.db,/tmp/onrecord-bench/search.db
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from onrecord.archive import Archive, Filters
from onrecord.search.fts import compile_match
from onrecord.search.query import parse
from onrecord.store import schema

ROUNDS = 5
QUERIES: list[tuple[str, Filters | None]] = [
    ("russia", None),
    ("president", None),
    ("people", None),
    ("development", None),
    ("economic cooperation", None),
    ("oil gas", None),
    ("nuclear weapons", None),
    ("young people", None),
    ('"economic cooperation"', None),
    ('"united states"', None),
    ('"prime minister"', None),
    ('"international terrorism"', None),
    ("sanction*", None),
    ("invest*", None),
    ("oil OR gas", None),
    ("russia NOT ukraine", None),
    ("russia", Filters(speaker="vladimir-putin")),
    ("economy", Filters(speaker="Putin", date_from="2015")),
    ("security", Filters(date_from="2010", date_to="2012")),
    ("investment", Filters(place="Moscow")),
]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def measure(run: Callable[[str, Filters | None], object]) -> tuple[float, float]:
    for query, filters in QUERIES:  # warm the caches once
        run(query, filters)
    samples = []
    for _ in range(ROUNDS):
        for query, filters in QUERIES:
            started = time.perf_counter()
            run(query, filters)
            samples.append(time.perf_counter() - started)
    return percentiles(samples)


def replicate(db: Path, target: int) -> int:
    """Copy the DEV documents (ids without '-r') under new ids until `target` paragraphs."""
    conn = sqlite3.connect(db, isolation_level=None)
    schema.register_functions(conn)  # the FTS5 content view folds text with it
    base = conn.execute("SELECT count(*) FROM paragraphs WHERE doc_id NOT LIKE '%-r%'").fetchone()[
        0
    ]
    have = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    copy = have // base  # copies made so far, the original counting as one
    conn.execute("BEGIN")
    while have < target:
        suffix = f"-r{copy}"
        for table, columns in (
            (
                "documents",
                "id, revision, title, date, time, place, url, source, language, turns, words",
            ),
            (
                "appearances",
                "doc_id, local_id, person_id, name, name_key, roles, generic, turns, words",
            ),
            ("paragraphs", "doc_id, turn, paragraph, speaker, words, text"),
        ):
            key = "id" if table == "documents" else "doc_id"
            renamed = columns.replace(key, f"{key} || '{suffix}'", 1)
            conn.execute(
                f"INSERT INTO {table} ({columns}) SELECT {renamed} FROM {table}"
                f" WHERE {key} NOT LIKE '%-r%' ORDER BY rowid"
            )
        have += base
        copy += 1
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO changes (doc_id) VALUES ('bench-replicated')")
    conn.execute("COMMIT")
    conn.close()
    return have


def bench_size(db: Path, label: str, engines: str = "all") -> None:
    with Archive.open(db) as archive:
        started = time.perf_counter()
        if archive._index is not None and archive._index.behind():
            archive.rebuild_index()
        indexing = time.perf_counter() - started
        fts = Archive(archive._conn, str(db), engine="fts5")
        conn = archive._conn
        index = archive._index
        assert index is not None
        searcher = index.searcher()

        def bare_fts(query: str, _: Filters | None) -> object:
            return conn.execute(
                "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
                " ORDER BY rank LIMIT 10",
                (compile_match(parse(query)),),
            ).fetchall()

        def bare_tantivy(query: str, _: Filters | None) -> object:
            return searcher.search(index.compile(parse(query)), 10, count=True).hits

        paragraphs = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        print(
            f"\n{label}: {paragraphs:,} paragraphs"
            + (f" (Tantivy index built in {indexing:.0f} s)" if indexing > 1 else "")
        )
        for name, run in (
            ("bare FTS5", bare_fts),
            ("bare Tantivy", bare_tantivy),
            ("archive/fts5", lambda q, f: fts.search(q, f, limit=10)),
            ("archive/tantivy", lambda q, f: archive.search(q, f, limit=10)),
        ):
            if engines != "all" and "fts5" in name.lower():
                continue
            p50, p95 = measure(run)
            load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"  {name:16} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   (load {load})")
        slowest = sorted(
            ((min(_time(archive.search, q, f) for _ in range(3)), q, f) for q, f in QUERIES),
            key=lambda x: x[0],
            reverse=True,
        )[:3]
        print(
            "  slowest (archive/tantivy): "
            + "; ".join(f"{q}{' +filter' if f else ''} {t * 1000:.1f} ms" for t, q, f in slowest)
        )


def _time(search: Callable[..., object], query: str, filters: Filters | None) -> float:
    started = time.perf_counter()
    search(query, filters, limit=10)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, help="archive of the DEV pages")
    parser.add_argument("--work", type=Path, default=Path("/tmp/onrecord-bench"))
    parser.add_argument("--sizes", default="dev,1000000,5000000")
    parser.add_argument(
        "--again", action="store_true", help="measure the archive left in --work, as it is"
    )
    parser.add_argument(
        "--measure",
        help="comma-separated archives (e.g. DEV, then ones --build-only made) to measure"
        " one after another in this process, as they are",
    )
    parser.add_argument(
        "--engines",
        choices=("all", "tantivy"),
        default="all",
        help="tantivy: skip the two FTS5 measurements (quick checks; figures need all)",
    )
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="replicate to the last size and build its index, measure nothing (then --again)",
    )
    args = parser.parse_args()
    if args.measure:
        for path in args.measure.split(","):
            bench_size(Path(path), path, args.engines)
        return
    if args.again:
        bench_size(args.work / "search.db", "again", args.engines)
        return
    if args.dev is None:
        parser.error("--dev is required (an archive of the DEV pages)")
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / "search.db"
    for path in args.work.glob("search.db*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    with Archive.open(args.dev) as source:  # checkpoint the WAL, then copy the file
        source._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(args.dev, db)
    if args.build_only:
        size = args.sizes.split(",")[-1]
        started = time.perf_counter()
        have = replicate(db, int(size)) if size != "dev" else 0
        print(f"replicated to {have:,} paragraphs in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        with Archive.open(db) as archive:
            archive.rebuild_index()
        print(f"Tantivy index built in {time.perf_counter() - started:.0f} s")
        return
    for size in args.sizes.split(","):
        if size == "dev":
            bench_size(db, "DEV")
            continue
        started = time.perf_counter()
        have = replicate(db, int(size))
        print(f"\nreplicated to {have:,} paragraphs in {time.perf_counter() - started:.0f} s")
        bench_size(db, f"~{int(size):,}")


if __name__ == "__main__":
    main()
