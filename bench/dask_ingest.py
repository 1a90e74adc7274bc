"""Distributed ingest figures: the DEV pages into a fresh archive, serial against Dask.

    .venv/bin/python bench/dask_ingest.py [--pages DIR] [--no-enrich] [--runs serial,...]
    .venv/bin/python bench/dask_ingest.py --into DB [--runs serial,local:1,local:2]

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

`--into DB` (a SQLite file or a postgresql:// URL) ingests into a copy of a grown archive
instead, one fresh copy per run, made before the run and dropped after it (not timed): a
SQLite file is copied with its `.index` folder while a read transaction holds it (its WAL
must be empty: nothing may be writing it); a PostgreSQL database is copied with `CREATE
DATABASE ... TEMPLATE` (no other session may be connected to it), its node's Tantivy
index folder (`ONRECORD_INDEX`, or the default for the URL) copied beside it. The grown
archives of bench/scale.py hold the DEV documents under their ids and as `ID-rN`, so the
DEV pages would be skipped as stored; the pages ingested are the DEV HTML pages rewritten
into a temporary folder as new documents: the page id in every URL of the page becomes
`9` + the id on 6 digits (11287 -> 9011287) and the headline starts with "Reissued: ".
Their parse, enrichment and storage cost what the originals cost; none of their ids is
in the archive (checked). Sentence vectors are left out (`ONRECORD_VECTORS=off`, unless
set): the first write would embed every paragraph of the grown archive, which holds none.
Each run, in a process of its own, prints pages/s, the documents, paragraphs and
annotations it added (equal across runs, or it stops), the archive's paragraphs before and
after it, and the peak RSS of the client (`VmHWM`, reset as the ingest starts) and of the
client with every process under it (sampled every 0.2 s; a PostgreSQL server's own
processes are not in it).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from onrecord.archive import Archive
from onrecord.store import backend

SHARED = Path(__file__).resolve().parents[2] / "shared" / "kremlin" / "dev"
DEV = SHARED / "text"
DEV_HTML = SHARED / "html"
HEADLINE = re.compile(rb"(<h1\b[^>]*>)")
SOURCE_INDEX: Path | None = None  # the node's index of the PostgreSQL archive copied
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


# ingest into a copy of a grown archive (--into)


def new_pages(source: Path, folder: Path) -> dict[str, Path]:
    """The pages of `source` (`ID.html`) as new documents in `folder`: {new id: page}."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for page in sorted(source.glob("*.html")):
        old = page.stem
        new = f"9{int(old):06d}"
        html = page.read_bytes()  # byte for byte but for the id and the headline
        html = re.sub(rb"(?<![0-9])%b(?![0-9])" % old.encode(), new.encode(), html)
        html = HEADLINE.sub(rb"\1Reissued: ", html, count=1)
        target = folder / f"{new}.html"
        target.write_bytes(html)
        made[new] = target
    return made


def _counts(archive: Archive, ids: list[str]) -> tuple[int, int, int, int]:
    """(documents of `ids`, their paragraphs, their annotations (what enrichment made),
    all paragraphs of the archive)."""
    conn = archive._conn
    marks = ",".join("?" * len(ids))
    docs = conn.execute(f"SELECT count(*) FROM documents WHERE id IN ({marks})", ids)
    paras = conn.execute(f"SELECT count(*) FROM paragraphs WHERE doc_id IN ({marks})", ids)
    notes = conn.execute(f"SELECT count(*) FROM annotations WHERE doc_id IN ({marks})", ids)
    total = conn.execute("SELECT count(*) FROM paragraphs")
    return tuple(int(c.fetchone()[0]) for c in (docs, paras, notes, total))  # type: ignore[return-value]


@contextmanager
def archive_copy(source: str, folder: Path, name: str) -> Iterator[str]:
    """A copy of the archive at `source` for one run (its database and search index),
    removed afterwards; yields its path or URL."""
    started = time.perf_counter()
    if backend.is_url(source):
        copy = _pg_copy(source, name, folder)
    else:
        copy = _sqlite_copy(Path(source), folder / f"{name}.db")
    print(f"  (copied in {time.perf_counter() - started:.0f} s)", flush=True)
    try:
        yield copy
    finally:
        if backend.is_url(source):
            _pg_drop(copy)
        for path in folder.iterdir():
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def _sqlite_copy(source: Path, target: Path) -> str:
    """The file and its `.index` folder, copied while a read transaction keeps writers
    from checkpointing into the file (the store has no backup command of its own)."""
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        wal = source.with_name(source.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            sys.exit(f"{wal} is not empty: something writes {source}; copy it when nothing does")
        shutil.copyfile(source, target)
        index = source.with_name(source.name + ".index")
        if index.is_dir():
            shutil.copytree(index, target.with_name(target.name + ".index"))
    finally:
        conn.close()
    return str(target)


def _admin(url: str) -> Any:
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def _pg_copy(source: str, name: str, folder: Path) -> str:
    """CREATE DATABASE ... TEMPLATE, and a copy of the node's index of the source."""
    from psycopg import sql

    parts = urlsplit(source)
    template = parts.path.strip("/")
    copy = f"{template}_bench_{name.replace(':', '_')}"
    with _admin(source) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(copy)))
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(copy), sql.Identifier(template)
            )
        )
    copied = folder / "index"
    if SOURCE_INDEX is not None and SOURCE_INDEX.is_dir():
        shutil.copytree(SOURCE_INDEX, copied)
    os.environ["ONRECORD_INDEX"] = str(copied)  # the copy's node index
    return urlunsplit(parts._replace(path=f"/{copy}"))


def _pg_drop(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.strip("/")
    with _admin(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _hwm_reset() -> None:
    """Start the process's peak RSS (VmHWM) afresh (Linux: clear_refs 5)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _hwm() -> int:
    """The peak RSS of this process since the reset, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


class TreePeak:
    """The largest sum of RSS of this process and every process under it (Dask workers,
    their children, the pool), sampled every 0.2 s while the run lasts."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.wait(0.2):
            total = 0
            for proc in [self.me, *self.me.children(recursive=True)]:
                with suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def into_run(name: str, db: str, pages: dict[str, Path], enrich: bool) -> tuple[int, ...]:
    """One run into the copy `db`: returns the documents, paragraphs, annotations it added."""
    ids = sorted(pages)
    with Archive.open(db) as archive:
        docs0, _, _, total0 = _counts(archive, ids)
        if docs0:
            sys.exit(f"{db} already holds {docs0} of the new ids: not new pages")
        index = archive._index
        if index is not None and index.behind():  # not the run's work: before the clock
            started = time.perf_counter()
            index.sync()
            print(f"  (search index brought in step in {time.perf_counter() - started:.0f} s)")
        load = os.getloadavg()
        _hwm_reset()
        started = time.perf_counter()
        with TreePeak() as tree:
            report = archive.ingest(
                list(pages.values()),
                enrich=enrich,
                **RUNS[name],  # type: ignore[arg-type]
            )
        wall = time.perf_counter() - started
        client = _hwm()
        docs, paras, notes, total = _counts(archive, ids)
    print(
        f"{name:8} {len(pages) / wall:7.1f} pages/s  {wall:6.1f} s wall"
        f"  added {docs} documents, {paras} paragraphs, {notes} annotations"
        f" (inserted {report.inserted}, failed {len(report.failed)})"
        f"  paragraphs {total0:,} -> {total:,}"
        f"  peak RSS client {client} MB, with workers {tree.peak // 2**20} MB"
        f"  load {' '.join(f'{x:.2f}' for x in load)}"
        f" -> {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        flush=True,
    )
    return docs, paras, notes


def child_run(name: str, db: str, pages: Path, enrich: bool) -> tuple[int, ...]:
    """`into_run` in a process of its own, so that its peak RSS and its imports (Dask's
    for a Dask run) are its own, whatever ran before it."""
    command = [sys.executable, __file__, "--one-run", db, "--runs", name, "--pages", str(pages)]
    done = subprocess.run(
        command + ([] if enrich else ["--no-enrich"]), stdout=subprocess.PIPE, text=True
    )
    *lines, last = done.stdout.splitlines() or [""]
    print("\n".join(lines), flush=True)
    if done.returncode or not last.startswith("added "):
        sys.exit(f"{name}: the run failed (exit {done.returncode}) {last}")
    return tuple(int(n) for n in last.split()[1:])


def into(args: argparse.Namespace, names: list[str]) -> None:
    global SOURCE_INDEX
    os.environ.setdefault("ONRECORD_VECTORS", "off")
    if backend.is_url(args.into):  # before ONRECORD_INDEX is set for a copy
        SOURCE_INDEX = backend.index_dir(args.into)
    work = Path(tempfile.mkdtemp(prefix="onrecord-dask-into-", dir=args.work))
    try:
        pages = new_pages(args.pages or DEV_HTML, work / "pages")
        if not pages:
            sys.exit(f"no ID.html pages in {args.pages or DEV_HTML}")
        copies = work / "copy"
        print(
            f"{len(pages)} new pages from {args.pages or DEV_HTML} (rewritten in {work / 'pages'})"
            f" into copies of {args.into}, enrichment {'off' if args.no_enrich else 'on'},"
            f" sentence vectors {os.environ['ONRECORD_VECTORS']}, {os.cpu_count()} CPUs",
            flush=True,
        )
        first = None
        for name in names:
            copies.mkdir()
            with archive_copy(args.into, copies, name.replace(":", "-")) as db:
                added = child_run(name, db, work / "pages", not args.no_enrich)
            copies.rmdir()
            first = first or added
            if added != first:
                sys.exit(f"{name}: added {added}, the {names[0]} run added {first}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, help=f"default {DEV} ({DEV_HTML} with --into)")
    parser.add_argument("--no-enrich", action="store_true")
    parser.add_argument("--runs", default=None, help="comma-separated: " + ", ".join(RUNS))
    parser.add_argument("--into", help="a grown archive (file or URL) to ingest into copies of")
    parser.add_argument("--work", type=Path, help="folder for the copies (default: $TMPDIR)")
    parser.add_argument("--one-run", help=argparse.SUPPRESS)  # a child of --into: one copy
    args = parser.parse_args()
    names = (args.runs or ("serial,local:1,local:2" if args.into else ",".join(RUNS))).split(",")
    if unknown := [n for n in names if n not in RUNS]:
        sys.exit(f"unknown runs: {', '.join(unknown)}")
    if args.one_run:
        made = {p.stem: p for p in sorted(args.pages.glob("*.html"))}
        added = into_run(names[0], args.one_run, made, not args.no_enrich)
        print("added", *added)
        return
    if args.into:
        into(args, names)
        return
    folder_pages = args.pages or DEV
    pages = sorted(p for p in folder_pages.iterdir() if p.is_file())
    if not pages:
        sys.exit(f"no pages in {folder_pages}")
    print(
        f"{len(pages)} pages from {folder_pages}, enrichment {'off' if args.no_enrich else 'on'},"
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
