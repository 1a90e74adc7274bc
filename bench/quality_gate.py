"""Score `onrecord parse` on the DEV set and fail below pinned floors (the CI quality gate).

    python bench/quality_gate.py [--shared ../shared] [--kind text|html|both] [--keep DIR]

Parses every page of `shared/kremlin/dev/{text,html}` in-process, writes PRED.jsonl, runs
`shared/eval/score.py` and compares each figure with FLOORS. Exit 1 when a figure is below.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from onrecord.errors import OnrecordError
from onrecord.parse import parse_file

# Pinned from the measured DEV figures (see README); raise them when the parser improves.
FLOORS = {
    "title": 100.0,
    "date": 100.0,
    "place": 100.0,
    "lead": 96.0,  # all pages: a page with no lead must get none (the site's pre-2008 pages)
    "lead*": 99.5,
    "turn_F1": 99.5,
    "label_acc": 99.5,
    "B3_F1": 99.5,
    "word_R": 99.5,
}
# The site's HTML read by the reader for any other HTML page (print versions, other sites):
# no selectors, only visible text. Floors a little under its measured figures.
GENERIC_FLOORS = FLOORS | {"title": 99.5, "place": 99.8, "lead": 96.0, "lead*": 99.0}
KINDS = {"text": ("text", None), "html": ("html", None), "html-generic": ("html", "html-text")}


def predict(files: list[Path], out: Path, reader: str | None) -> tuple[int, float]:
    failed = 0
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as handle:
        for path in files:
            try:
                record = parse_file(path, reader).to_dict()
            except OnrecordError as err:
                print(f"  {err}", file=sys.stderr)
                failed += 1
                continue
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return failed, time.perf_counter() - started


def score(shared: Path, pred: Path, out_json: Path) -> dict[str, float]:
    subprocess.run(
        [
            sys.executable,
            str(shared / "eval/score.py"),
            str(shared / "kremlin/dev/gold.jsonl"),
            str(pred),
            "--json",
            str(out_json),
            "--per-doc",
            str(out_json.with_suffix(".tsv")),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return flatten(json.loads(out_json.read_text()))


def flatten(result: dict) -> dict[str, float]:
    overall = result["summary"]["all"]
    return {key: 100.0 * value for key, value in overall.items() if isinstance(value, float)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1] / "../shared"
    )
    parser.add_argument("--kind", choices=[*KINDS, "all"], default="all")
    parser.add_argument("--keep", type=Path, help="keep PRED.jsonl and the scores here")
    args = parser.parse_args()
    dev = args.shared / "kremlin/dev"
    if not (dev / "gold.jsonl").exists():
        print(f"quality gate: {dev} not found; nothing to score", file=sys.stderr)
        return 2
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="onrecord-gate-"))
    workdir.mkdir(parents=True, exist_ok=True)
    ok = True
    for kind in list(KINDS) if args.kind == "all" else [args.kind]:
        folder, reader = KINDS[kind]
        files = sorted((dev / folder).iterdir())
        pred = workdir / f"pred-{kind}.jsonl"
        failed, seconds = predict(files, pred, reader)
        figures = score(args.shared, pred, workdir / f"score-{kind}.json")
        print(f"DEV {kind}: {len(files)} pages in {seconds:.1f} s, {failed} failed")
        for name, floor in (GENERIC_FLOORS if reader else FLOORS).items():
            value = figures.get(name, float("nan"))
            status = "ok" if value >= floor else "BELOW FLOOR"
            ok &= value >= floor
            print(f"  {name:10s} {value:7.2f}  (floor {floor:.2f})  {status}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
