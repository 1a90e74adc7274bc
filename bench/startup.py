"""Start-up time of the command line: `onrecord --help` and one `onrecord search`.

`flock /tmp/onrecord-bench.lock python bench/startup.py [--src PATH] [--runs 11]`

Each command runs `--runs` times as a fresh process (what a person typing searches one after
another waits for); the median and the fastest wall time are printed. The search runs on an
archive of the 36 bundled fixture pages, ingested once into a temporary folder. `--src`
measures another checkout's `src` (a baseline) with the same interpreter.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "kremlin"
RUN = "from onrecord.cli import main; main()"


def timed(args: list[str], env: dict[str, str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", RUN, *args], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", default=str(ROOT / "src"), help="The src folder to measure.")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": args.src}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "startup.db")
        pages = sorted(str(p) for p in FIXTURES.glob("*.txt"))
        subprocess.run([sys.executable, "-c", RUN, "ingest", "--db", db, "--workers", "1", *pages],
                       env=env, check=True, capture_output=True)  # fmt: skip
        for name, command in (
            ("onrecord --help", ["--help"]),
            ("onrecord search security", ["search", "security", "--db", db]),
        ):
            times = timed(command, env, args.runs)
            print(f"{name:28} median {statistics.median(times):.3f} s"
                  f"  fastest {min(times):.3f} s  ({args.runs} runs, {args.src})")  # fmt: skip


if __name__ == "__main__":
    main()
