"""Load benchmark of the web reader: N concurrent clients for a bounded time, loopback only.

    python bench/load.py --db onrecord.db                # starts `onrecord serve` itself
    python bench/load.py --url http://127.0.0.1:8000     # or measures a running server

Each client loops over a fixed mix of search pages (with and without a speaker filter)
and reader pages, and the script prints requests/s, p50/p99 latency and the errors
(non-200 answers and failed connections), overall and per kind of page.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "web"))

MAX_SECONDS = 120  # the run is bounded whatever the arguments say
MAX_CLIENTS = 200
SEARCHES = [
    "security",
    "gas prices",
    "economy",
    "Ukraine",
    "oil OR gas",
    "terror*",
    "cooperation",
    '"Collective Security Treaty"',
    "investment",
    "sanctions",
]
SPEAKER = "vladimir-putin"
ONLY: str | None = None


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    def line(self, name: str, seconds: float) -> str:
        n = len(self.latencies)
        if not n:
            return f"{name:8} no answers, {self.errors} errors"
        ordered = sorted(self.latencies)
        p99 = ordered[min(n - 1, int(n * 0.99))]
        return (
            f"{name:8} {n:7d} requests  {n / seconds:8.1f} req/s  "
            f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms  "
            f"errors {self.errors}"
        )


def urls(doc_ids: list[str]) -> list[tuple[str, str]]:
    mix = []
    for i, q in enumerate(SEARCHES):
        params = {"q": q} if i % 2 else {"q": q, "speaker": SPEAKER}
        mix.append(("search", "/search?" + httpx.QueryParams(params).__str__()))
        mix.append(("reader", f"/documents/{doc_ids[i % len(doc_ids)]}"))
    return mix


class Connection:
    """One keep-alive HTTP/1.1 connection with a minimal client: the load generator must
    cost far less CPU than the server it measures (httpx costs about as much per request)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def client(
    base: str, mix: list[tuple[str, str]], offset: int, stop_at: float, tallies: dict[str, Tally]
) -> None:
    parts = urlsplit(base)
    connection = Connection(parts.hostname or "127.0.0.1", parts.port or 80)
    i = offset
    while time.monotonic() < stop_at:
        kind, path = mix[i % len(mix)]
        i += 1
        started = time.monotonic()
        try:
            ok = await connection.get(path) == 200
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
            connection.close()
            ok = False
        elapsed = time.monotonic() - started
        if ok:
            tallies[kind].latencies.append(elapsed)
        else:
            tallies[kind].errors += 1
    connection.close()


async def run(base: str, clients: int, seconds: float) -> dict[str, Tally]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        docs = (await http.get("/api/v1/documents", params={"limit": 20})).json()["items"]
        mix = [("only", ONLY)] if ONLY else urls([d["id"] for d in docs] or ["54271"])
        for _, path in mix:  # warm up: the first hits fill the server's caches
            await http.get(path)
    tallies = {kind: Tally() for kind, _ in mix}
    stop_at = time.monotonic() + seconds
    await asyncio.gather(*(client(base, mix, n, stop_at, tallies) for n in range(clients)))
    return tallies


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        sys.exit(f"load.py: refusing {host!r}: this benchmark only runs against loopback")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server on loopback")
    parser.add_argument(
        "--db", default="onrecord.db", help="archive to serve when --url is not given"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--only", help="one path to request instead of the mix (to isolate costs)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (with --db)")
    args = parser.parse_args()
    global ONLY
    ONLY = args.only
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    if args.url:
        check_loopback(args.url)
        tallies = asyncio.run(run(args.url.rstrip("/"), clients, seconds))
    else:
        from browser import running_server

        with running_server(args.db, "--workers", str(args.workers)) as base:
            tallies = asyncio.run(run(base, clients, seconds))
    total = Tally(
        [t for v in tallies.values() for t in v.latencies], sum(v.errors for v in tallies.values())
    )
    workers = "" if args.url else f", {args.workers} server process(es)"
    print(f"{clients} clients, {seconds:.0f} s, loopback{workers}")
    for name, tally in [*tallies.items(), ("all", total)]:
        print(tally.line(name, seconds))


if __name__ == "__main__":
    main()
