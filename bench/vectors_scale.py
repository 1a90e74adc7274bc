"""The vector part of `onrecord ask` at 1 M paragraphs: reading the vectors of the keyword
ranking's first 50 turns (`store.vectors.turn_vectors`) and their cosines with the
question (`onrecord.hybrid.rerank`), p50 / p95.

    flock /tmp/onrecord-bench.lock .venv/bin/python bench/vectors_scale.py \\
        --db /tmp/vectors-1m.db --paragraphs 1000000 [--dev /tmp/dev.db]

The archive is synthetic: SQLite with the archive's `paragraphs` table and index (text
left empty, no search index) and `paragraph_vectors` as `onrecord.store.vectors` makes it,
filled with random unit vectors of the static model's width (256, float32) in bulk
inserts: 1 M paragraphs in 50,000 documents of 10 turns of 2 paragraphs. The rerank needs
no vector index because it reads a fixed number of turns, each by an index search: its
time should not grow with the archive. `--dev` measures the same on a real archive whose
vectors `onrecord reindex` has made, for comparison. Built once (about 10 s, 1.3 GiB); a
second run with the same --db measures only. The file is read warm from the page cache (it
was just written, or read by the previous run).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from pathlib import Path

import numpy as np

from onrecord.store import vectors

TURNS = 50  # what hybrid.RERANK reads
DIM = 256
TURNS_PER_DOC = 10
PARAGRAPHS_PER_TURN = 2
ROUNDS = 300
BATCH = 20_000


def build(path: Path, paragraphs: int, seed: int = 14) -> float:
    """The synthetic archive; returns seconds taken."""
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE paragraphs (
            rowid INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL,
            turn INTEGER NOT NULL, paragraph INTEGER NOT NULL, speaker TEXT NOT NULL,
            words INTEGER NOT NULL, text TEXT NOT NULL);
        """
    )
    vectors._ensure(conn)
    rng = np.random.default_rng(seed)
    per_doc = TURNS_PER_DOC * PARAGRAPHS_PER_TURN
    for first in range(0, paragraphs, BATCH):
        rowids = range(first + 1, min(paragraphs, first + BATCH) + 1)
        unit = rng.standard_normal((len(rowids), DIM)).astype(np.float32)
        unit /= np.linalg.norm(unit, axis=1, keepdims=True)
        conn.executemany(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, 's0', 40, '')",
            [(r, f"s{(r - 1) // per_doc}", (r - 1) % per_doc // 2, (r - 1) % 2) for r in rowids],
        )
        conn.executemany(
            f"INSERT INTO {vectors.TABLE} VALUES (?, x'00', ?)",
            [(r, v.tobytes()) for r, v in zip(rowids, unit, strict=True)],
        )
        conn.commit()
    conn.execute("CREATE INDEX paragraphs_doc ON paragraphs(doc_id, turn, paragraph)")
    conn.commit()
    conn.close()
    return time.perf_counter() - start


def measure(path: Path, dim: int, rounds: int = ROUNDS, seed: int = 7) -> tuple[float, float]:
    """p50 and p95 ms of reading 50 random turns' vectors and their cosines."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    turns = conn.execute("SELECT DISTINCT doc_id, turn FROM paragraphs").fetchall()
    rng = random.Random(seed)
    asked = np.ones(dim, np.float32) / np.sqrt(dim)
    ms = []
    for _ in range(rounds):
        keys = rng.sample(turns, TURNS)
        start = time.perf_counter()
        found = vectors.turn_vectors(conn, keys, dim)
        best = [float((found[key] @ asked).max()) for key in keys]
        ms.append(1000 * (time.perf_counter() - start))
        assert len(best) == TURNS
    conn.close()
    ms.sort()
    return statistics.median(ms), ms[int(0.95 * len(ms))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the synthetic archive (built if absent)")
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--dev", help="a real archive with vectors, measured the same way")
    args = parser.parse_args()
    path = Path(args.db)
    if not path.exists():
        seconds = build(path, args.paragraphs)
        size = path.stat().st_size / 2**30
        print(f"built {args.paragraphs:,} paragraphs in {seconds:.0f} s ({size:.2f} GiB)")
    targets = [(f"synthetic, {args.paragraphs:,} paragraphs", path, DIM)]
    if args.dev:
        targets.insert(0, ("DEV archive", Path(args.dev), DIM))
    for name, target, dim in targets:
        p50, p95 = measure(target, dim)
        print(f"{name}: 50 turns' vectors read and scored, p50 {p50:.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
