"""How well and how fast `onrecord ask` answers: recall@1/5/10 and MRR on hand-written
questions about DEV pages, and p50/p95 latency of a whole answer.

    .venv/bin/onrecord ingest --db /tmp/dev.db ../shared/kremlin/dev/text   # once
    flock /tmp/onrecord-bench.lock .venv/bin/python bench/ask.py --db /tmp/dev.db

A question counts as answered at k when the turn it names (page id, 0-based turn index)
is among the first k hits. Modes: `keyword` (the search index, the default of `ask`)
and `bm25-or` (the archive's plain search with any of the question's words, the
baseline of issue 14) and `hybrid` (`ask` with the `dense` extra installed and the
archive's vectors synced: `--modes keyword,hybrid`). Dense-only and other fusions:
bench/ask_dense.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from onrecord import dense
from onrecord.archive import Archive
from onrecord.ask import STOPWORDS
from onrecord.search.query import tokens

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "ask" / "questions.jsonl"
KS = (1, 5, 10)


def load(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def rank_of(hits: list[tuple[str, int]], doc_id: str, turn: int) -> int | None:
    for n, hit in enumerate(hits, 1):
        if hit == (doc_id, turn):
            return n
    return None


def keyword(archive: Archive, question: str) -> list[tuple[str, int]]:
    installed = dense.available
    dense.available = lambda: False  # as without the dense extra
    try:
        return [(h.doc_id, h.turn_index) for h in archive.ask(question, limit=10).hits]
    finally:
        dense.available = installed


def hybrid(archive: Archive, question: str) -> list[tuple[str, int]]:
    result = archive.ask(question, limit=10)
    if result.mode != "hybrid":
        raise SystemExit(f"hybrid mode unavailable: {result.notice}")
    return [(h.doc_id, h.turn_index) for h in result.hits]


def bm25_or(archive: Archive, question: str) -> list[tuple[str, int]]:
    words = [w for w in tokens(question) if w not in STOPWORDS] or tokens(question)
    result = archive.search(" OR ".join(f'"{w}"' for w in words), limit=50)
    seen: list[tuple[str, int]] = []
    for hit in result.hits:
        if (hit.doc_id, hit.turn) not in seen:
            seen.append((hit.doc_id, hit.turn))
    return seen[:10]


MODES = {"keyword": keyword, "hybrid": hybrid, "bm25-or": bm25_or}


def score(archive: Archive, questions: list[dict[str, object]], mode: str) -> dict[str, float]:
    answer = MODES[mode]
    ranks, seconds = [], []
    for item in questions:
        start = time.perf_counter()
        hits = answer(archive, str(item["question"]))
        seconds.append(time.perf_counter() - start)
        ranks.append(rank_of(hits, str(item["doc_id"]), int(str(item["turn_index"]))))
    out = {f"recall@{k}": 100 * sum(1 for r in ranks if r and r <= k) / len(ranks) for k in KS}
    out["MRR"] = 100 * sum(1 / r for r in ranks if r) / len(ranks)
    ms = sorted(s * 1000 for s in seconds)
    out["p50 ms"] = statistics.median(ms)
    out["p95 ms"] = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="an archive of the DEV pages")
    parser.add_argument("--questions", default=str(QUESTIONS))
    parser.add_argument("--modes", default="keyword,bm25-or")
    parser.add_argument("--misses", action="store_true", help="print the missed questions")
    args = parser.parse_args()
    questions = load(Path(args.questions))
    with Archive.open(args.db, readonly=True) as archive:
        archive.ask("warm up", limit=1)  # loads the model too, with the dense extra
        print(f"{len(questions)} questions, engine {archive.search('russia', limit=0).engine}")
        print(
            f"{'mode':<10}"
            + "".join(f"{k:>11}" for k in (*[f"recall@{k}" for k in KS], "MRR", "p50 ms", "p95 ms"))
        )
        for mode in args.modes.split(","):
            figures = score(archive, questions, mode)
            print(f"{mode:<10}" + "".join(f"{v:>11.1f}" for v in figures.values()))
        if args.misses:
            for item in questions:
                hits = keyword(archive, str(item["question"]))
                rank = rank_of(hits, str(item["doc_id"]), int(str(item["turn_index"])))
                if not rank or rank > 5:
                    print(rank, item["doc_id"], item["turn_index"], item["question"], hits[:3])


if __name__ == "__main__":
    main()
