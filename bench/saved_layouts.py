"""Score the parser on DEV pages saved by other tools than a browser.

    python bench/saved_layouts.py [--pages 250] [--seed 7] [--shared ../shared]

Converts a random sample of the DEV HTML pages with each tool found on this machine
(html2text and markdownify to Markdown; inscriptis, `lynx -dump` and `w3m -dump` to text;
a select-all copy from Chromium; `pip install -e ".[bench]"` and `apt-get install lynx w3m`
bring them, `scripts/install --test` Chromium), parses the result
with the default reader choice, and prints the scorer's figures per tool. Not a CI gate: the
tools are not the project's dependencies. The saved fixtures in tests/fixtures/saved keep
three such pages under test.
"""

from __future__ import annotations

import argparse
import atexit
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from onrecord.errors import OnrecordError
from onrecord.parse import parse_file

FIGURES = ("title", "date", "place", "lead", "turn_F1", "label_acc", "B3_F1", "word_R")


def _command(*argv: str) -> Callable[[str], str] | None:
    if shutil.which(argv[0]) is None:
        return None

    def run(html: str) -> str:
        done = subprocess.run(argv, input=html.encode(), capture_output=True, check=True)
        return done.stdout.decode("utf-8", "replace")

    return run


def converters() -> dict[str, tuple[str, Callable[[str], str]]]:
    found: dict[str, tuple[str, Callable[[str], str]]] = {}
    try:
        import html2text

        def h2t(html: str) -> str:
            return html2text.HTML2Text().handle(html)

        found["html2text"] = (".md", h2t)
    except ImportError:
        pass
    try:
        import markdownify

        found["markdownify"] = (".md", markdownify.markdownify)
    except ImportError:
        pass
    try:
        import inscriptis

        found["inscriptis"] = (".txt", inscriptis.get_text)
    except ImportError:
        pass
    lynx = _command(
        "lynx", "-dump", "-stdin", "-nolist", "-assume_charset=utf-8", "-display_charset=utf-8"
    )
    if lynx:
        found["lynx -dump"] = (".txt", lynx)
    w3m = _command("w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8")
    if w3m:
        found["w3m -dump"] = (".txt", w3m)
    copy = _browser_copy()
    if copy:
        found["Chromium select-all copy"] = (".txt", copy)
    return found


def _browser_copy() -> Callable[[str], str] | None:
    """Select all, copy, paste into a text file: the page's `innerText` in headless Chromium
    (selenium and Debian's chromium and chromedriver). The saved page has no style sheets,
    so what the site hides (its sidebar, people's pop-up cards) is copied too."""
    driver_path = shutil.which("chromedriver")
    if shutil.which("chromium") is None or driver_path is None:
        return None
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-javascript"):
        options.add_argument(flag)
    folder = Path(tempfile.mkdtemp(prefix="onrecord-copy-"))
    drivers: list[webdriver.Chrome] = []

    def run(html: str) -> str:
        if not drivers:
            drivers.append(webdriver.Chrome(options=options, service=Service(driver_path)))
            atexit.register(drivers[0].quit)
        page = folder / "page.html"
        page.write_text(html, encoding="utf-8")
        drivers[0].get(page.as_uri())
        return str(drivers[0].execute_script("return document.body.innerText"))

    return run


def score(shared: Path, gold: Path, folder: Path) -> tuple[dict[str, float], int]:
    pred, failed = folder / "pred.jsonl", 0
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted(folder.glob("*.*")):
            if path.name == "pred.jsonl":
                continue
            try:
                out.write(json.dumps(parse_file(path).to_dict(), ensure_ascii=False) + "\n")
            except OnrecordError:
                failed += 1
    result = folder / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(shared / "eval/score.py"),
            str(gold),
            str(pred),
            "--json",
            str(result),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    overall = json.loads(result.read_text())["summary"]["all"]
    return {key: 100.0 * overall[key] for key in FIGURES}, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=250)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1] / "../shared"
    )
    args = parser.parse_args()
    dev = args.shared / "kremlin/dev"
    if not (dev / "gold.jsonl").exists():
        print(f"bench/saved_layouts.py: no DEV set at {dev}", file=sys.stderr)
        return 2
    tools = converters()
    if not tools:
        print("bench/saved_layouts.py: no converter found (see the docstring)", file=sys.stderr)
        return 2
    ids = sorted(p.stem for p in (dev / "html").glob("*.html"))
    sample = random.Random(args.seed).sample(ids, min(args.pages, len(ids)))
    chosen = set(sample)
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        with gold.open("w", encoding="utf-8") as out:
            for line in (dev / "gold.jsonl").open(encoding="utf-8"):
                if json.loads(line)["id"] in chosen:
                    out.write(line)
        print(f"{len(sample)} DEV pages (seed {args.seed}); figures in %\n")
        print("| tool | failed | " + " | ".join(FIGURES) + " |")
        print("|---|---:|" + "---:|" * len(FIGURES))
        for name, (suffix, convert) in tools.items():
            folder = Path(tmp) / name.replace(" ", "")
            folder.mkdir()
            for page in sample:
                html = (dev / "html" / f"{page}.html").read_text(encoding="utf-8")
                (folder / f"{page}{suffix}").write_text(convert(html), encoding="utf-8")
            figures, failed = score(args.shared, gold, folder)
            cells = " | ".join(f"{figures[key]:.1f}" for key in FIGURES)
            print(f"| {name} | {failed} | {cells} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
