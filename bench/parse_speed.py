"""How fast `onrecord parse` reads the DEV pages: pages/s and MB/s, on one core.

    python bench/parse_speed.py [--shared ../shared] [--repeat 3]

Prints, for the HTML and the saved-text pages, the best of `--repeat` runs, and for comparison
the time selectolax alone takes to parse the same HTML (the issue's yardstick: structure
recovery should stay within 2x of bare HTML parsing).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from onrecord.parse import parse_bytes


def best_of(repeat: int, work, items: list[tuple[str, bytes]]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for name, data in items:
            work(data, name)
        best = min(best, time.perf_counter() - started)
    return best


def bare_html(data: bytes, _name: str) -> None:
    LexborHTMLParser(data).css_first("h1")


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
    print(f"{'input':22s} {'pages':>6s} {'MB':>7s} {'seconds':>8s} {'pages/s':>8s} {'MB/s':>6s}")
    for kind in ("html", "text"):
        items = [(str(p), p.read_bytes()) for p in sorted((dev / kind).iterdir())]
        megabytes = sum(len(d) for _, d in items) / 1e6
        runs = [("onrecord parse " + kind, parse_bytes)]
        if kind == "html":
            runs.append(("selectolax only", bare_html))
        for label, work in runs:
            seconds = best_of(args.repeat, work, items)
            print(
                f"{label:22s} {len(items):6d} {megabytes:7.1f} {seconds:8.2f} "
                f"{len(items) / seconds:8.0f} {megabytes / seconds:6.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
