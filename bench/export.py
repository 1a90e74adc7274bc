"""Export the whole DEV corpus in every format: time and size of each.

    python bench/export.py [--shared ../shared] [--kind text|html] [--limit N] [--keep DIR]
                           [--validate] [--markdown docs/figures-export.md]

Parses every page of `shared/kremlin/dev/{text,html}` once, then exports the documents in
each registered format (csv and parquet with their paragraph tables) and prints the wall
time and the bytes written. `--validate` also checks the TEI export with jing against
`shared/schemas/parla-clarin.rng` (the corpus root with its XIncludes resolved), and the
re-import of the json, tei and convokit exports.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from onrecord.errors import OnrecordError
from onrecord.export import EXPORTERS, ExportOptions, export
from onrecord.imports import read
from onrecord.model import Document
from onrecord.parse import parse_file

TARGETS = {
    "json": "dev.json",
    "jsonl": "dev.jsonl",
    "csv": "dev.csv",
    "parquet": "dev.parquet",
    "markdown": "dev.md",
    "tei": "tei",
    "convokit": "convokit",
}


@dataclass
class Figure:
    fmt: str
    seconds: float
    bytes: int
    files: int
    check: str = ""


def parse_all(files: list[Path]) -> tuple[list[Document], float]:
    started = time.perf_counter()
    documents = []
    for path in files:
        try:
            documents.append(parse_file(path))
        except OnrecordError as err:
            print(f"skipped: {err}", file=sys.stderr)
    return documents, time.perf_counter() - started


def run_format(fmt: str, documents: list[Document], root: Path) -> Figure:
    out = root / TARGETS[fmt]
    started = time.perf_counter()
    manifest = export(documents, fmt, out, ExportOptions(paragraphs=True))
    seconds = time.perf_counter() - started
    size = sum(f["bytes"] for f in manifest["files"])
    return Figure(fmt, seconds, size, len(manifest["files"]))


def validate_tei(tei_dir: Path, schema: Path) -> str:
    jing = shutil.which("jing")
    if jing is None or not schema.is_file():
        return "not validated (jing or schema missing)"
    tree = etree.parse(str(tei_dir / "corpus.xml"))
    tree.xinclude()
    expanded = tei_dir.parent / "tei-expanded.xml"
    tree.write(str(expanded), xml_declaration=True, encoding="UTF-8")
    started = time.perf_counter()
    run = subprocess.run([jing, str(schema), str(expanded)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    verdict = "valid" if run.returncode == 0 else f"INVALID ({run.stdout.count(chr(10))} errors)"
    return f"{verdict} Parla-CLARIN, jing {seconds:.1f} s"


def reimport(fmt: str, path: Path, documents: list[Document]) -> str:
    started = time.perf_counter()
    back = read(path)
    seconds = time.perf_counter() - started
    same = sum(
        [(t.speaker, t.paragraphs) for t in a.turns] == [(t.speaker, t.paragraphs) for t in b.turns]
        for a, b in zip(documents, back, strict=False)
    )
    return f"re-import {seconds:.1f} s, {same}/{len(documents)} documents' turns identical"


def table(figures: list[Figure], n_docs: int, n_turns: int) -> str:
    lines = [
        f"{n_docs} documents, {n_turns} turns.",
        "",
        "| format | time (s) | size (MB) | files | check |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for f in figures:
        lines.append(f"| {f.fmt} | {f.seconds:.2f} | {f.bytes / 1e6:.1f} | {f.files} | {f.check} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--kind", choices=("text", "html"), default="text")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--keep", type=Path, help="write the exports here and keep them")
    parser.add_argument("--validate", action="store_true", help="jing on TEI; re-imports")
    args = parser.parse_args()

    source = args.shared / "kremlin" / "dev" / args.kind
    files = sorted(source.glob("*.txt" if args.kind == "text" else "*.html"))
    files = files[: args.limit] if args.limit else files
    if not files:
        print(f"no pages under {source}", file=sys.stderr)
        return 2
    documents, parse_seconds = parse_all(files)
    print(f"parsed {len(documents)} {args.kind} pages in {parse_seconds:.1f} s", file=sys.stderr)
    root = args.keep or Path(tempfile.mkdtemp(prefix="onrecord-export-"))
    root.mkdir(parents=True, exist_ok=True)
    figures = []
    for fmt in EXPORTERS:
        figure = run_format(fmt, documents, root)
        if args.validate and fmt == "tei":
            figure.check = validate_tei(root / "tei", args.shared / "schemas" / "parla-clarin.rng")
        if args.validate and fmt in ("json", "tei", "convokit"):
            check = reimport(fmt, root / TARGETS[fmt], documents)
            figure.check = "; ".join(x for x in (figure.check, check) if x)
        figures.append(figure)
        print(f"{fmt}: {figure.seconds:.2f} s, {figure.bytes / 1e6:.1f} MB", file=sys.stderr)
    print(table(figures, len(documents), sum(len(d.turns) for d in documents)))
    if not args.keep:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
