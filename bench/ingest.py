"""Ingest figures: the DEV pages into a fresh archive, against parsing them alone.

    .venv/bin/python bench/ingest.py [--pages DIR] [--workers 2] [--db PATH] [--enrich]

Prints pages/s and MB/s for parsing alone (the same worker count, results discarded)
and for a full ingest (parse + store + FTS5 + the Tantivy index), the ratio between
them, and the peak memory of the main process. Needs ../shared (the DEV corpus).

Wall time on shared cores depends on what else runs, so it also prints the CPU seconds
each spends (every process and thread: the main process and its workers) and the load
average before and after: on two busy cores the CPU ratio is the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from onrecord.archive import Archive, IngestReport
from onrecord.parse import parse_file

DEV = Path(__file__).resolve().parents[2] / "shared" / "kremlin" / "dev" / "html"


def _parse(path: Path) -> int:
    try:
        return len(parse_file(path).turns)
    except Exception:  # the same pages fail in both runs; only time matters here
        return -1


def _cpu() -> float:
    """CPU seconds so far of this process (all threads) and its reaped children."""
    return sum(
        r.ru_utime + r.ru_stime
        for r in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def parse_alone(pages: list[Path], workers: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds)"""
    cpu, started = _cpu(), time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_parse, pages, chunksize=8))
    return time.perf_counter() - started, _cpu() - cpu


def fresh_ingest(
    db: Path, pages: list[Path], workers: int, enrich: bool
) -> tuple[IngestReport, float]:
    """The report and the CPU seconds of the ingest (opening the archive to closing it)."""
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(f"{db}.index", ignore_errors=True)
    cpu = _cpu()
    with Archive.open(db) as archive:
        report = archive.ingest(pages, workers=workers, enrich=enrich)
    return report, _cpu() - cpu


def _load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEV)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="keep the archive here (default: a temp dir)")
    parser.add_argument("--enrich", action="store_true", help="run enrichment during ingest")
    parser.add_argument("--rounds", type=int, default=2, help="best of this many runs of each")
    args = parser.parse_args()
    pages = sorted(args.pages.glob("*.html"))
    megabytes = sum(p.stat().st_size for p in pages) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB, {args.workers} workers; load average {_load()}")

    tmp = Path(tempfile.mkdtemp(prefix="onrecord-bench-"))
    db = args.db or tmp / "bench.db"
    parsing, took = float("inf"), float("inf")
    parse_cpu, ingest_cpu = float("inf"), float("inf")
    for _ in range(args.rounds):  # alternate, so a busy machine slows both alike
        wall, cpu = parse_alone(pages, args.workers)
        parsing, parse_cpu = min(parsing, wall), min(parse_cpu, cpu)
        report, cpu = fresh_ingest(db, pages, args.workers, args.enrich)
        took, ingest_cpu = min(took, report.seconds), min(ingest_cpu, cpu)
    print(
        f"parse alone   {parsing:6.2f} s  {len(pages) / parsing:6.1f} pages/s"
        f"  {megabytes / parsing:5.2f} MB/s  (best of {args.rounds})"
    )
    with Archive.open(db) as archive:
        again = archive.ingest(pages, workers=args.workers, enrich=args.enrich)
        stats = archive.stats()
    print(
        f"full ingest   {took:6.2f} s  {len(pages) / took:6.1f} pages/s"
        f"  {megabytes / took:5.2f} MB/s  (enrich={'on' if args.enrich else 'off'})"
    )
    print(
        f"ingest / parse alone: {took / parsing:.2f}x;"
        f" storage and indexing: {took - parsing:+.2f} s over parsing"
    )
    print(
        f"CPU seconds, all processes (best of {args.rounds}): parse alone {parse_cpu:.2f},"
        f" full ingest {ingest_cpu:.2f}: {ingest_cpu / parse_cpu:.2f}x"
    )
    print(f"load average after: {_load()}")
    print(f"re-ingest (all unchanged): {again.seconds:.1f} s, unchanged={again.unchanged}")
    print(
        f"stored: {stats.documents} documents, {stats.paragraphs} paragraphs,"
        f" {stats.words} words; inserted={report.inserted} failed={len(report.failed)}"
    )
    size = sum(f.stat().st_size for f in Path(db).parent.glob(Path(db).name + "*") if f.is_file())
    index = sum(f.stat().st_size for f in Path(f"{db}.index").rglob("*") if f.is_file())
    print(f"database {size / 1e6:.1f} MB, search index {index / 1e6:.1f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the main process: {rss:.0f} MB")
    if not args.db:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
