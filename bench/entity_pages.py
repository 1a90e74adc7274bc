"""Entity pages of a big archive, in process: `/entities` and one entity's page, best of N.

    flock /tmp/onrecord-bench.lock python bench/entity_pages.py ARCHIVE.db [--entity KEY]
        [--repeat 3]

The page cache is off (every request is computed). Without `--entity`, the most mentioned
entity's page is timed (its key read from `/api/v1/entities`). Opening the archive runs
any migration it lacks first; that time is printed too.
"""

from __future__ import annotations

import argparse
import time
from urllib.parse import quote

from fastapi.testclient import TestClient

from onrecord.web.app import create_app
from onrecord.web.config import WebConfig


def best(client: TestClient, url: str, repeat: int) -> tuple[float, int]:
    """The fastest of `repeat` GETs of `url`, in seconds, and the response's size."""
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        response.raise_for_status()
        size = len(response.content)
    return min(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--entity")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    app = create_app(WebConfig(db_path=args.db, cache_entries=0))
    print(f"open (and migrate): {time.perf_counter() - start:.2f} s")
    with TestClient(app) as client:
        key = args.entity or client.get("/api/v1/entities").json()["entities"][0]["key"]
        for url in ("/entities", "/api/v1/entities", f"/entities/{quote(key, safe='')}"):
            seconds, size = best(client, url, args.repeat)
            print(f"{url}: best of {args.repeat} {seconds * 1000:.0f} ms ({size:,} bytes)")


if __name__ == "__main__":
    main()
