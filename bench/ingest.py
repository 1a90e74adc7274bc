"""Ingest figures: the DEV pages into a fresh archive, against parsing them alone.

    .venv/bin/python bench/ingest.py [--pages DIR] [--workers 2] [--db PATH] [--no-enrich]

Prints pages/s and MB/s for parsing alone (the same worker count, results discarded),
for a full ingest without enrichment (parse + store + FTS5 + the Tantivy index) and for
the default ingest (the same with enrichment, as `onrecord ingest` runs), the ratio of
each to parsing alone, and the peak memory of the main process. `--no-enrich` leaves the
default ingest out. Needs ../shared (the DEV corpus).

Wall time on shared cores depends on what else runs, so it also prints the CPU seconds
each spends (every process and thread: the main process and its workers) and the load
average before and after: on two busy cores the CPU ratio is the steadier figure.

Two walls per ingest: `IngestReport.seconds` (parse, store, index; what the report says)
and the whole `Archive.ingest` call, which also brings the search index and, with the
`dense` extra installed (and $ONRECORD_VECTORS not off), the sentence vectors in step:
what a user of `onrecord ingest` waits for. The CPU seconds always covered the whole call;
they are also given apart for the main process (the one writer) and the worker processes.
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

from onrecord import dense
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
    return _main_cpu() + _children_cpu()


def _main_cpu() -> float:
    """CPU seconds so far of this process (the writer of an ingest), all its threads."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _children_cpu() -> float:
    """CPU seconds of the reaped children: the worker processes, once their pool is shut."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def parse_alone(pages: list[Path], workers: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds)"""
    cpu, started = _cpu(), time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_parse, pages, chunksize=8))
    return time.perf_counter() - started, _cpu() - cpu


def fresh_ingest(
    db: Path, pages: list[Path], workers: int, enrich: bool
) -> tuple[IngestReport, float, float, float]:
    """The report, the wall seconds of the whole `ingest` call, and the CPU seconds of the
    ingest (opening the archive to closing it): in all, and of the main process."""
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(f"{db}.index", ignore_errors=True)
    cpu, main = _cpu(), _main_cpu()
    with Archive.open(db) as archive:
        started = time.perf_counter()
        report = archive.ingest(pages, workers=workers, enrich=enrich)
        whole = time.perf_counter() - started
    return report, whole, _cpu() - cpu, _main_cpu() - main


def _vectors() -> str:
    if not dense.available():
        return "not embedded (the dense extra is not installed)"
    if dense.switched_off():
        return f"not embedded (${dense.ENV_SWITCH} is off)"
    return f"embedded during each ingest ({dense.chosen()} encoder)"


def _load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEV)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="keep the archive here (default: a temp dir)")
    parser.add_argument(
        "--no-enrich", action="store_true", help="leave out the default (enriching) ingest"
    )
    parser.add_argument("--rounds", type=int, default=2, help="best of this many runs of each")
    args = parser.parse_args()
    pages = sorted(p for p in args.pages.iterdir() if p.suffix in (".html", ".txt"))
    megabytes = sum(p.stat().st_size for p in pages) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB, {args.workers} workers; load average {_load()}")
    print(f"sentence vectors: {_vectors()}")

    tmp = Path(tempfile.mkdtemp(prefix="onrecord-bench-"))
    db = args.db or tmp / "bench.db"
    modes = (False,) if args.no_enrich else (False, True)
    parsing, parse_cpu = float("inf"), float("inf")
    took = dict.fromkeys(modes, float("inf"))
    ingest_cpu = dict.fromkeys(modes, float("inf"))
    whole = dict.fromkeys(modes, float("inf"))
    writer = dict.fromkeys(modes, 0.0)  # the main process's share of the best CPU round
    report: dict[bool, IngestReport] = {}
    for _ in range(args.rounds):  # alternate, so a busy machine slows all alike
        wall, cpu = parse_alone(pages, args.workers)
        parsing, parse_cpu = min(parsing, wall), min(parse_cpu, cpu)
        for enrich in modes:
            report[enrich], wall, cpu, main = fresh_ingest(db, pages, args.workers, enrich)
            took[enrich] = min(took[enrich], report[enrich].seconds)
            whole[enrich] = min(whole[enrich], wall)
            if cpu < ingest_cpu[enrich]:
                ingest_cpu[enrich], writer[enrich] = cpu, main
    last = modes[-1]
    print(
        f"parse alone      {parsing:6.2f} s  {len(pages) / parsing:6.1f} pages/s"
        f"  {megabytes / parsing:5.2f} MB/s  CPU {parse_cpu:6.2f} s  (best of {args.rounds})"
    )
    for enrich in modes:
        label = "ingest, enrich " if enrich else "ingest, no enr."
        print(
            f"{label}  {took[enrich]:6.2f} s  {len(pages) / took[enrich]:6.1f} pages/s"
            f"  {megabytes / took[enrich]:5.2f} MB/s  CPU {ingest_cpu[enrich]:6.2f} s"
            f"  ({took[enrich] / parsing:.2f}x wall, {ingest_cpu[enrich] / parse_cpu:.2f}x CPU)"
        )
        print(
            f"  whole call     {whole[enrich]:6.2f} s  ({whole[enrich] / parsing:.2f}x wall;"
            " with the index and vectors brought in step)"
        )
        print(
            f"  CPU: main process (the writer) {writer[enrich]:.2f} s,"
            f" workers {ingest_cpu[enrich] - writer[enrich]:.2f} s"
        )
    if not args.no_enrich:
        print(
            f"enrichment adds {took[True] - took[False]:+.2f} s wall"
            f" ({whole[True] - whole[False]:+.2f} s the whole call),"
            f" {ingest_cpu[True] - ingest_cpu[False]:+.2f} CPU s"
        )
    with Archive.open(db) as archive:
        again = archive.ingest(pages, workers=args.workers, enrich=last)
        stats = archive.stats()
    print(f"load average after: {_load()}")
    print(f"re-ingest (all unchanged): {again.seconds:.1f} s, unchanged={again.unchanged}")
    print(
        f"stored: {stats.documents} documents, {stats.paragraphs} paragraphs,"
        f" {stats.words} words; inserted={report[last].inserted}"
        f" failed={len(report[last].failed)}"
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
