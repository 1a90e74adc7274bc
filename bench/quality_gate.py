"""Score `onrecord parse` on the DEV set and fail below pinned floors (the CI quality gate).

    python bench/quality_gate.py [--shared ../shared] [--kind text|html|html-generic|sources|all]
                                 [--keep DIR]

Parses every page of `shared/kremlin/dev/{text,html}` and every file of the other publishers'
`shared/sources/dev/<shape>/` in-process (as `onrecord parse` reads them), writes PRED.jsonl,
runs `shared/eval/score.py` and compares each figure with its floor (FLOORS, SOURCE_FLOORS).
Exit 1 when a figure is below its floor or a file fails, 2 when `shared` is missing.
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
from onrecord.readers import read_documents

# Ratcheted floors: the measured DEV figures less at most 0.05 points (raise them when the
# parser improves; a change that lowers a figure by more fails CI).
FLOORS = {
    "text": {
        "title": 100.0,
        "date": 100.0,
        "place": 100.0,
        "lead": 96.22,  # all pages: a page with no lead must get none (pre-2008 pages)
        "lead*": 99.47,
        "turn_F1": 99.92,
        "label_acc": 99.95,
        "B3_F1": 99.78,
        "word_R": 99.92,
    },
    "html": {
        "title": 100.0,
        "date": 100.0,
        "place": 100.0,
        "lead": 99.95,
        "lead*": 99.95,
        "turn_F1": 99.95,
        "label_acc": 99.95,
        "B3_F1": 99.78,
        "word_R": 99.95,
    },
    # The site's HTML read by the reader for any other HTML page (print versions, other
    # sites): no selectors, only visible text.
    "html-generic": {
        "title": 99.95,
        "date": 100.0,
        "place": 99.86,
        "lead": 96.22,
        "lead*": 99.47,
        "turn_F1": 99.87,
        "label_acc": 99.95,
        "B3_F1": 99.69,
        "word_R": 99.91,
    },
}
KINDS = {"text": ("text", None), "html": ("html", None), "html-generic": ("html", "html-text")}
# Other publishers (`shared/sources/dev`), one floor set a shape; title and date only where
# the files have them.
_SHAPE = {"turn_F1": 99.95, "label_acc": 99.95, "B3_F1": 99.95, "word_R": 99.95}
_DATED = _SHAPE | {"title": 99.95, "date": 99.95}
SOURCE_FLOORS = {
    "scotus-official": _DATED | {"place": 99.95},
    "oyez-vtt": _SHAPE,
    "oyez-otter": _SHAPE,
    "debates-cpd": _DATED,
    "debates-rev": _DATED,
    "debates-srt": _SHAPE,
}


def predict(files: list[Path], out: Path, reader: str | None) -> tuple[int, float]:
    """Parse each file as `onrecord parse` does (`reader` None) or with one named reader."""
    failed = 0
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as handle:
        for path in files:
            try:
                records = [parse_file(path, reader)] if reader else read_documents(path)
            except OnrecordError as err:
                print(f"  {err}", file=sys.stderr)
                failed += 1
                continue
            for record in records:
                handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    return failed, time.perf_counter() - started


def score(shared: Path, gold: Path, pred: Path, out_json: Path) -> dict[str, float]:
    subprocess.run(
        [
            sys.executable,
            str(shared / "eval/score.py"),
            str(gold),
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
    parser.add_argument("--kind", choices=[*KINDS, "sources", "all"], default="all")
    parser.add_argument("--keep", type=Path, help="keep PRED.jsonl and the scores here")
    args = parser.parse_args()
    dev = args.shared / "kremlin/dev"
    if not (dev / "gold.jsonl").exists():
        print(f"quality gate: {dev} not found; nothing to score", file=sys.stderr)
        return 2
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="onrecord-gate-"))
    workdir.mkdir(parents=True, exist_ok=True)
    ok = True
    for kind in list(KINDS) if args.kind in ("all",) else [k for k in [args.kind] if k in KINDS]:
        folder, reader = KINDS[kind]
        files = sorted((dev / folder).iterdir())
        ok &= _gate(args.shared, dev / "gold.jsonl", files, reader, workdir, kind, FLOORS[kind])
    if args.kind in ("all", "sources"):
        ok &= _gate_sources(args.shared, workdir)
    return 0 if ok else 1


def _gate_sources(shared: Path, workdir: Path) -> bool:
    sources = shared / "sources/dev"
    if not (sources / "gold.jsonl").exists():
        print(f"quality gate: {sources} not found", file=sys.stderr)
        return False
    golds = [json.loads(line) for line in (sources / "gold.jsonl").open(encoding="utf-8")]
    ok = True
    for shape, floors in SOURCE_FLOORS.items():
        gold = workdir / f"gold-{shape}.jsonl"
        gold.write_text(
            "".join(json.dumps(g) + "\n" for g in golds if g["source"] == shape), encoding="utf-8"
        )
        files = sorted((sources / shape).iterdir())
        ok &= _gate(shared, gold, files, None, workdir, f"sources/{shape}", floors)
    return ok


def _gate(
    shared: Path,
    gold: Path,
    files: list[Path],
    reader: str | None,
    workdir: Path,
    kind: str,
    floors: dict[str, float],
) -> bool:
    name = kind.replace("/", "-")
    pred = workdir / f"pred-{name}.jsonl"
    failed, seconds = predict(files, pred, reader)
    figures = score(shared, gold, pred, workdir / f"score-{name}.json")
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    print(
        f"DEV {kind}: {len(files)} files in {seconds:.1f} s "
        f"({len(files) / seconds:.0f} files/s, {megabytes / seconds:.1f} MB/s), {failed} failed"
    )
    ok = failed == 0
    for figure, floor in floors.items():
        value = figures.get(figure, float("nan"))
        status = "ok" if value >= floor else "BELOW FLOOR"
        ok &= value >= floor
        print(f"  {figure:10s} {value:7.2f}  (floor {floor:.2f})  {status}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
