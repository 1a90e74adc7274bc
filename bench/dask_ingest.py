"""Distributed ingest figures: the DEV pages into a fresh archive, serial against Dask.

    .venv/bin/python bench/dask_ingest.py [--pages DIR] [--no-enrich] [--runs serial,...]

Each run ingests every page of DIR (default ../shared/kremlin/dev/text, 2,170 pages) into
a fresh archive and prints pages/s: `serial` (`--workers 1`: parsing in this process),
`pool` (`--workers 2`: the ingest's own process pool, the default on 2 cores), and
`local:1` / `local:2` (`--dask local:N`: a LocalCluster of N workers started and stopped
within the run, its start-up counted). The archive of every run must hold the same
documents (its content hash is compared with the first run's).

Wall time on shared cores depends on what else runs: it prints the load average before
and after each run, and the CPU seconds of this process and its reaped children (for the
Dask runs a part only: the workers' own children, where the pages are parsed, are not
counted), so compare the Dask runs by wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from onrecord.archive import Archive

DEV = Path(__file__).resolve().parents[2] / "shared" / "kremlin" / "dev" / "text"
RUNS = {
    "serial": {"workers": 1},
    "pool": {"workers": 2},
    "local:1": {"dask": "local:1"},
    "local:2": {"dask": "local:2"},
}


def _cpu() -> float:
    return _own() + _usage(resource.RUSAGE_CHILDREN)


def _own() -> float:
    """CPU seconds of this process: for the Dask runs, the client, the one writer."""
    return _usage(resource.RUSAGE_SELF)


def _usage(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def one_run(name: str, pages: list[Path], enrich: bool, folder: Path) -> tuple[float, str]:
    db = folder / f"{name.replace(':', '-')}.db"
    load = os.getloadavg()[0]
    cpu, own = _cpu(), _own()
    started = time.perf_counter()
    with Archive.open(db) as archive:
        report = archive.ingest(pages, enrich=enrich, **RUNS[name])  # type: ignore[arg-type]
        digest = archive.content_hash()
    wall = time.perf_counter() - started
    stored = report.inserted + report.updated + report.unchanged
    print(
        f"{name:8} {len(pages) / wall:7.1f} pages/s  {wall:6.1f} s wall"
        f"  {_cpu() - cpu:6.1f} s CPU ({_own() - own:4.1f} here)"
        f"  stored {stored} failed {len(report.failed)}"
        f"  load {load:.1f} -> {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return wall, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEV)
    parser.add_argument("--no-enrich", action="store_true")
    parser.add_argument(
        "--runs", default=",".join(RUNS), help="comma-separated: " + ", ".join(RUNS)
    )
    args = parser.parse_args()
    pages = sorted(p for p in args.pages.iterdir() if p.is_file())
    if not pages:
        sys.exit(f"no pages in {args.pages}")
    names = args.runs.split(",")
    print(
        f"{len(pages)} pages from {args.pages}, enrichment {'off' if args.no_enrich else 'on'},"
        f" {os.cpu_count()} CPUs"
    )
    folder = Path(tempfile.mkdtemp(prefix="onrecord-dask-bench-"))
    try:
        first = None
        for name in names:
            _wall, digest = one_run(name, pages, not args.no_enrich, folder)
            first = first or digest
            if digest != first:
                sys.exit(f"{name}: the archive differs from the {names[0]} run's")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
