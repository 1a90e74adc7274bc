"""Screenshots of the reader for the README: `python tests/web/screenshots.py --db onrecord.db`.

Starts `onrecord serve` on loopback, opens pages in headless Chromium with the given view
settings, and writes PNGs into docs/screenshots/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from browser import chrome, running_server

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHOTS = [
    ("tour-reader.png", "/documents/54688", "100.default.normal.on"),
    ("reader-default.png", "/documents/54271", "100.default.normal.on"),
    ("reader-high-contrast.png", "/documents/54271", "125.white-on-black.wide.on"),
    ("reader-permalink.png", "/documents/54271#t3-p0", "100.blue-on-lightblue.normal.on"),
    ("search.png", "/search?q=security&speaker=vladimir-putin", "100.default.normal.on"),
    ("speaker.png", "/speakers/vladimir-putin", "100.default.normal.on"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="onrecord.db")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with running_server(args.db) as base:
        driver = chrome(1280, 1100)
        try:
            driver.get(base + "/static/logo.svg")
            for name, path, settings in SHOTS:
                driver.add_cookie({"name": "onrecord_view", "value": settings, "path": "/"})
                driver.get(base + "/static/logo.svg")  # a real navigation, not a hash change
                driver.get(base + path)
                driver.save_screenshot(str(OUT / name))
                print(OUT / name)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
