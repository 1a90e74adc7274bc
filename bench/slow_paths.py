"""Inputs built to find slow paths in the readers: parse time for n and 2n, which should
double (linear), not quadruple (quadratic).

    flock /tmp/onrecord-bench.lock python bench/slow_paths.py [--n 8000] [--repeat 3]

Shapes: nested <div>s (up to the nesting limit, 2,000), nested tables, notes in one
paragraph, Markdown links, labelled turns. Prints the best of `--repeat` runs for each, and
the ratio t(2n) / t(n).
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable

from onrecord.errors import OnrecordError
from onrecord.parse import parse_bytes
from onrecord.sources.limits import MAX_HTML_DEPTH

HEAD = "<html><body><h1>Talks</h1><p>May 3, 2016</p>"
TEXT_HEAD = "Talks\n\nMay 3, 2016\n\n"


def nested_divs(n: int) -> tuple[str, bytes]:
    body = "<div>" * n + "<p><b>Vladimir Putin:</b> Yes.</p>" + "</div>" * n
    return "divs.html", f"{HEAD}{body}</body></html>".encode()


def nested_tables(n: int) -> tuple[str, bytes]:
    body = "<table><tr><td>" * n + "<b>Vladimir Putin:</b> Yes." + "</td></tr></table>" * n
    return "tables.html", f"{HEAD}{body}</body></html>".encode()


def notes(n: int) -> tuple[str, bytes]:
    return "notes.txt", (TEXT_HEAD + "Vladimir Putin: " + "Yes (Applause.) " * n).encode()


def links(n: int) -> tuple[str, bytes]:
    return "links.md", (f"# Talks\n\n{TEXT_HEAD}" + "[a](http://x/) " * n).encode()


def turns(n: int) -> tuple[str, bytes]:
    return "turns.txt", (TEXT_HEAD + "Vladimir Putin: Yes.\n\nQuestion: No?\n\n" * n).encode()


SHAPES: dict[str, tuple[Callable[[int], tuple[str, bytes]], int]] = {
    # name: (input of size n, the n to start from as a multiple of --n)
    "nested divs": (nested_divs, 0),  # 0: MAX_HTML_DEPTH / 2, so that 2n is the limit
    "nested tables": (nested_tables, 1),
    "notes in a paragraph": (notes, 10),
    "Markdown links": (links, 5),
    "labelled turns": (turns, 2),
}


def best_of(repeat: int, name: str, data: bytes) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        with contextlib.suppress(OnrecordError):  # some shapes have no transcript: timed still
            parse_bytes(data, name)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'shape':<22} {'n':>9} {'MB':>6} {'t(n) s':>8} {'t(2n) s':>8} {'ratio':>6}")
    for label, (make, factor) in SHAPES.items():
        n = MAX_HTML_DEPTH // 2 if factor == 0 else args.n * factor
        name, small = make(n)
        _, large = make(2 * n)
        t1 = best_of(args.repeat, name, small)
        t2 = best_of(args.repeat, name, large)
        megabytes = len(large) / 1e6
        print(f"{label:<22} {n:>9,} {megabytes:>6.1f} {t1:>8.3f} {t2:>8.3f} {t2 / t1:>6.2f}")


if __name__ == "__main__":
    main()
