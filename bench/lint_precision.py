"""Precision of `onrecord lint` on an annotated sample of DEV pages.

    python bench/lint_precision.py --shared ../shared [--sample 5000] [--seed 7]
        [--held-out] [--judged bench/lint_judged.jsonl] [--out findings.jsonl]

Parses every DEV text page (the spellings of speakers and the words across them stand
for the archive's), lints a seeded random sample of them (by default all 2,170), and
prints the findings of the rules that judge (metadata and parse warnings are facts, not
judgements). With `--judged`, a file of {"key", "verdict": "right"|"wrong", "note"} lines
(one per finding, made by reading each one in its page), it prints precision per rule and
over all, and the findings not judged yet. Findings are keyed by page, rule, paragraph and offset.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from onrecord.lint import Vocabulary, lint_document
from onrecord.parse import parse_file

FACTS = ("metadata.v1", "parse-warning.v1")
# The samples the rules were tuned on, each drawn from the pages the ones before left:
# 600 pages, then 1,000 of the rest (read after a first version of the rules).
TUNING = ((16, 600), (2026, 1000))


def findings_on_dev(
    shared: Path, *, held_out: bool = False, seed: int = 7, sample: int = 5000
) -> tuple[list[dict], int, float]:
    """The judging rules' findings on a seeded sample of DEV pages (all of them with the
    default sample): (findings with their keys, pages linted, seconds)."""
    pages = sorted((shared / "kremlin" / "dev" / "text").glob("*.txt"))
    documents = {p.stem: parse_file(p) for p in pages}
    names: Counter[str] = Counter()
    paragraphs: Counter[str] = Counter()  # what the archive's search index counts
    for document in documents.values():
        names.update({s.name for s in document.speakers if not s.generic})
        for text in (*document.preamble, *(p for t in document.turns for p in t.paragraphs)):
            paragraphs.update(set(re.findall(r"[a-z]+", text.lower())))
    vocabulary = Vocabulary.of(names, paragraphs.__getitem__)
    pool = held_out_pages(sorted(documents)) if held_out else sorted(documents)
    picked = sorted(random.Random(seed).sample(pool, min(sample, len(pool))))
    started = time.perf_counter()
    findings = []
    for page in picked:
        document = documents[page]
        others = {n: c - (n in {s.name for s in document.speakers}) for n, c in names.items()}
        report = lint_document(document, vocabulary=vocabulary, archive_names=others)
        for f in report.findings:
            if f.rule not in FACTS:
                digest = hashlib.sha1(f.text.encode()).hexdigest()[:8]  # no page text kept
                key = f"{page}|{f.rule}|{f.permalink.partition('#')[2]}|{f.start}|{digest}"
                findings.append({"key": key, **f.to_dict()})
    return findings, len(picked), time.perf_counter() - started


def held_out_pages(pool: list[str]) -> list[str]:
    """The pages left when the two samples the rules were first tuned on are taken out."""
    for tuning_seed, size in TUNING:
        tuned = set(random.Random(tuning_seed).sample(pool, min(size, len(pool))))
        pool = [p for p in pool if p not in tuned]
    return pool


def verdicts(judged_path: Path) -> dict[str, str]:
    """key -> "right" | "wrong", from the judged file."""
    rows = (json.loads(line) for line in judged_path.read_text("utf-8").splitlines())
    return {row["key"]: row["verdict"] for row in rows}


def main() -> int:
    args = _args()
    findings, pages, seconds = findings_on_dev(
        Path(args.shared), held_out=args.held_out, seed=args.seed, sample=args.sample
    )
    if args.out:
        Path(args.out).write_text(
            "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings)
        )
    print(f"{pages} pages linted in {seconds:.1f} s; {len(findings)} findings")
    if args.judged:
        _precision(findings, verdicts(Path(args.judged)))
    return 0


def _precision(findings: list[dict], verdicts: dict[str, str]) -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for f in findings:
        verdict = verdicts.get(f["key"])
        if verdict is None:
            print("not judged:", f["key"], "->", f["suggestion"], "|", f["message"])
            continue
        total[f["rule"]] += 1
        right[f["rule"]] += verdict == "right"
    for rule in sorted(total):
        print(f"{rule:18} {right[rule]:4}/{total[rule]:<4} {100 * right[rule] / total[rule]:6.1f}%")
    n = sum(total.values())
    if n:
        print(f"{'all':18} {sum(right.values()):4}/{n:<4} {100 * sum(right.values()) / n:6.1f}%")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--sample", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--held-out", action="store_true", help="leave the tuning pages out")
    parser.add_argument("--judged")
    parser.add_argument("--out")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
