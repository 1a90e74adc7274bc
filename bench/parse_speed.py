"""How fast `onrecord parse` reads the DEV pages: pages/s and MB/s, on one core.

    python bench/parse_speed.py [--shared ../shared] [--repeat 3]

Prints, for the HTML and the saved-text pages and for each shape of the other publishers
(`shared/sources/dev`), the least CPU time of `--repeat` runs, files read in the loop; and
for the HTML, a bare selectolax pass over the same files (parse, then the text of the body's
paragraphs) and the ratio of the two (the yardstick: structure recovery within 2x of it).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from onrecord.parse.labels import looks_like_label
from onrecord.parse.speakers import core_label, person_name
from onrecord.readers import read_documents

# the parser's caches of pure functions, emptied before each run
CACHES = (looks_like_label, core_label, person_name)


def best_of(repeat: int, works: list[Callable[[Path], object]], files: list[Path]) -> list[float]:
    """The least CPU time of `repeat` runs of each work (CPU time: other work on the machine
    counts less), the works taking turns so that a noisy moment of a shared machine falls on
    each alike. Each run starts cold, as a fresh process would: the parser's caches emptied."""
    best = [float("inf")] * len(works)
    for _ in range(repeat):
        for at, work in enumerate(works):
            for cached in CACHES:
                cached.cache_clear()
            started = time.process_time()
            for path in files:
                work(path)
            best[at] = min(best[at], time.process_time() - started)
    return best


def bare_html(path: Path) -> list[str]:
    """The yardstick: the file read and parsed, and the text of its body's paragraphs."""
    tree = LexborHTMLParser(path.read_bytes())
    return [node.text() for node in tree.css("body p")]


def onrecord_parse(path: Path) -> object:
    return read_documents(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1] / "../shared"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    dev = args.shared / "kremlin/dev"
    if not dev.exists():
        print(f"{dev} not found", file=sys.stderr)
        return 2
    print(f"{'input':28s} {'files':>6s} {'MB':>7s} {'seconds':>8s} {'files/s':>8s} {'MB/s':>6s}")
    sets = [(f"kremlin {kind}", sorted((dev / kind).iterdir())) for kind in ("html", "text")]
    sources = args.shared / "sources/dev"
    if sources.exists():
        sets += [
            (shape.name, sorted(shape.iterdir()))
            for shape in sorted(sources.iterdir())
            if shape.is_dir()
        ]
    for label, files in sets:
        if label == "kremlin html":
            seconds, bare = best_of(args.repeat, [onrecord_parse, bare_html], files)
            _row(label, files, seconds)
            _row("  selectolax pass", files, bare)
            print(f"  ratio onrecord / selectolax pass: {seconds / bare:.2f}x")
        else:
            _row(label, files, best_of(args.repeat, [onrecord_parse], files)[0])
    return 0


def _row(label: str, files: list[Path], seconds: float) -> None:
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    print(
        f"{label:28s} {len(files):6d} {megabytes:7.1f} {seconds:8.2f} "
        f"{len(files) / seconds:8.0f} {megabytes / seconds:6.1f}"
    )


if __name__ == "__main__":
    sys.exit(main())
