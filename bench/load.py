"""Load benchmark of the web reader: N concurrent clients for a bounded time, loopback only.

    python bench/load.py --db onrecord.db                # starts `onrecord serve` itself
    python bench/load.py --url http://127.0.0.1:8000     # or measures a running server

The clients draw from a large pool of distinct pages, so that the server renders nearly
every answer (the page cache, on by default, rarely has it): the reader page of every
document in the archive, and about 840 distinct searches (words, phrases, OR, NOT,
prefixes; with no filter, a speaker, a year, or a speaker from a year; result pages 1 to
3), reader and search pages alternately. The pool is shuffled once (fixed seed) and client
n walks it from position n * len(pool) / clients, so the same page comes back only after
thousands of others. The script prints requests/s, p50/p99/max latency and the errors
(non-200 answers and failed connections), overall and per kind of page, the page cache's
hit rate (from its X-Cache header), the three slowest requests, the CPU the load
generator itself used and the load average.

The generator is deliberately lean (it shares the machine with the server): asyncio on
uvloop when installed, one keep-alive HTTP/1.1 connection per client, opened before the
clock starts, request bytes built in advance, and only the status line, Content-Length or
chunked framing and X-Cache read from each answer. All clients warm up together for a
tenth of the run (at most 3 s) on pages outside the pool, unmeasured.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "web"))

MAX_SECONDS = 120  # the run is bounded whatever the arguments say
MAX_CLIENTS = 200
SEED = 4
# Words and phrases of the DEV corpus (Kremlin transcripts), common and rare, with the
# query syntax the search box accepts: phrases, OR, NOT, prefixes.
# fmt: off
QUERIES = [
    "security", "gas prices", "economy", "Ukraine", "oil OR gas", "terror*", "cooperation",
    '"Collective Security Treaty"', "investment", "sanctions", "education", "health care",
    "children", "pensions", "inflation", "budget", "energy", "nuclear", "army", "defence",
    "agriculture", "grain", "wheat", "tax*", "small business", "banks", "interest rates",
    "ruble OR rouble", "dollar", "exports", "imports", "China", "India", "Germany",
    "France", "United States", "Europe", "NATO", "Syria", "Crimea", "Belarus", "Kazakhstan",
    "Arctic", "Siberia", "Far East", "roads", "railways", "housing", "mortgage",
    "healthcare -insurance", "hospital*", "doctors", "teachers", "schools", "universities",
    "science", "technology", "digital", "internet", "space", "Olympic*", "sport",
    "football", "culture", "history", "veterans", "Victory Day", "Great Patriotic War",
    "family", "demograph*", "birth rate", "salaries", "wages", "unemployment", "poverty",
    "corruption", "court*", "law enforcement", "police", "migration", "climate",
    "environment", "forest*", "water", "fisheries", "constitution", "elections",
    "parliament", "State Duma", "governor*", "regions", "municipal", "youth",
    "volunteers", "charity", "church", "religion", "pandemic", "coronavirus", "vaccine",
    "trade turnover", "per cent growth", "billion rubles", "trillion", '"thank you"',
]
# fmt: on


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    hits: int = 0  # answered from the page cache (X-Cache: hit)
    slowest: list[tuple[float, str]] = field(default_factory=list)  # (seconds, path), top 3

    def note(self, elapsed: float, request: bytes) -> None:
        if len(self.slowest) < 3 or elapsed > self.slowest[-1][0]:
            path = request.split(b" ", 2)[1].decode()
            self.slowest = sorted([*self.slowest, (elapsed, path)], reverse=True)[:3]

    def line(self, name: str, seconds: float) -> str:
        n = len(self.latencies)
        if not n:
            return f"{name:8} no answers, {self.errors} errors"
        ordered = sorted(self.latencies)
        p99 = ordered[min(n - 1, int(n * 0.99))]
        return (
            f"{name:8} {n:7d} requests  {n / seconds:8.1f} req/s  "
            f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms  "
            f"max {ordered[-1] * 1000:7.1f} ms  errors {self.errors}  "
            f"cache hits {self.hits / n:6.1%}"
        )


def search_paths(speakers: list[str], years: list[str]) -> list[str]:
    """Each query with no filter, a speaker, a year, a speaker and a year, on pages 1-3
    (1-2 for every other variant): about 8.5 pages per query. `speakers` and `years` are
    the archive's top ones (most words, most documents)."""
    years = years or ["2000"]
    out = []
    for i, q in enumerate(QUERIES):
        speaker = speakers[i % len(speakers)] if speakers else None
        year = years[i % len(years)]
        variants: list[dict[str, str]] = [
            {"q": q},
            {"q": q, "speaker": speaker} if speaker else {"q": q, "from": year},
            {"q": q, "from": year, "to": year},
            {"q": q, "speaker": speaker, "from": min(years)} if speaker else {"q": q, "to": year},
        ]
        for params in variants:
            for page in (1, 2, 3) if len(out) % 2 == 0 else (1, 2):
                query = {**params, "page": str(page)} if page > 1 else params
                out.append("/search?" + urlencode(query))
    return out


def pool_of(doc_ids: list[str], speakers: list[str], years: list[str]) -> list[tuple[str, str]]:
    """Reader and search pages alternately (half the requests are searches), each list
    shuffled once; the shorter list of searches comes round more often than the readers."""
    readers = [("reader", f"/documents/{d}") for d in doc_ids]
    searches = [("search", p) for p in search_paths(speakers, years)]
    random.Random(SEED).shuffle(readers)
    random.Random(SEED).shuffle(searches)
    size = 2 * max(len(readers), len(searches))
    return [
        (readers if i % 2 else searches)[i // 2 % len(readers if i % 2 else searches)]
        for i in range(size)
    ]


class Connection:
    """One keep-alive HTTP/1.1 connection with a minimal client: the load generator must
    cost far less CPU than the server it measures (httpx costs about as much per request)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, request: bytes) -> tuple[int, bool]:
        """(status, answered from the page cache) of one GET given as request bytes."""
        await self.open()
        assert self.reader is not None
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(None, 2)[1])
        length, chunked, hit = 0, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"x-cache":
                hit = value.strip() == b"hit"
        if not chunked:
            await self.reader.readexactly(length)
            return status, hit
        while size := int((await self.reader.readline()).split(b";")[0], 16):
            await self.reader.readexactly(size + 2)
        await self.reader.readline()  # the blank line after the last chunk (no trailers)
        return status, hit

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def client(
    connection: Connection,
    pool: list[tuple[str, bytes]],
    offset: int,
    stop_at: float,
    tallies: dict[str, Tally],
) -> None:
    i = offset
    clock = time.monotonic
    while clock() < stop_at:
        kind, request = pool[i % len(pool)]
        i += 1
        started = clock()
        try:
            status, hit = await connection.get(request)
            ok = status == 200
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
            connection.close()
            ok, hit = False, False
        elapsed = clock() - started
        tally = tallies[kind]
        if ok:
            tally.latencies.append(elapsed)
            tally.hits += hit
            tally.note(elapsed, request)
        else:
            tally.errors += 1
    connection.close()


async def fetch_json(base: str, path: str) -> object:
    """One GET of a JSON page before the run (to build the pool)."""
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = await reader.read()
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    if b"chunked" in head.lower():
        raise ValueError(f"{path}: chunked JSON is not expected")
    if not head.split(None, 2)[1] == b"200":
        raise ValueError(f"{path}: {head.splitlines()[0]!r}")
    return json.loads(body)


async def build_pool(base: str, only: str | None) -> list[tuple[str, str]]:
    if only:
        return [("only", only)]
    ids: list[str] = []
    while True:
        page = await fetch_json(base, f"/api/v1/documents?limit=100&offset={len(ids)}")
        assert isinstance(page, dict)
        ids += [d["id"] for d in page["items"]]
        if not page["items"] or len(ids) >= page["total"]:
            break
    people = await fetch_json(base, "/api/v1/speakers?limit=8")
    overview = await fetch_json(base, "/api/v1/overview")
    assert isinstance(people, dict) and isinstance(overview, dict)
    counts = sorted(overview["facets"]["year"], key=lambda c: -c["count"])
    years = [c["value"] for c in counts if c["value"].isdigit()][:4]
    return pool_of(ids or ["54271"], [p["id"] for p in people["items"]], years)


async def connected(base: str, n: int) -> list[Connection]:
    """`n` keep-alive connections, opened one after another before the clock starts (as
    wrk and oha do): the run measures requests, not 50 simultaneous TCP connects."""
    parts = urlsplit(base)
    connections = [Connection(parts.hostname or "127.0.0.1", parts.port or 80) for _ in range(n)]
    for connection in connections:
        await connection.open()
    return connections


async def run(
    base: str, clients: int, seconds: float, only: str | None, database: str | None = None
) -> tuple[dict[str, Tally], int]:
    host = urlsplit(base).netloc
    pool = await build_pool(base, only)
    requests = [
        (kind, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()) for kind, path in pool
    ]
    # A warm-up (connections, compiled templates, corpus-wide counts) by all the clients
    # on pages that are not in the pool, so that it leaves nothing in the page cache for
    # the run. It is not measured: the first round of 50 simultaneous first requests is
    # answered in arrival order over a second or two, which says nothing of steady state.
    warm_up = [
        (k, (p.split("&page=")[0] + "&page=4" if k == "search" else p + "?revision=1"))
        for k, p in pool[:400]
    ]
    warm = [(k, f"GET {p} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()) for k, p in warm_up]
    connections = await connected(base, clients)
    warm_at = time.monotonic() + min(3.0, seconds / 10)
    ignored = {kind: Tally() for kind, _ in pool}
    await asyncio.gather(
        *(client(c, warm, n * 8, warm_at, ignored) for n, c in enumerate(connections))
    )
    tallies = {kind: Tally() for kind, _ in pool}
    stop_at = time.monotonic() + seconds
    step = max(1, len(requests) // clients)
    SERVER_CPU["start"] = server_cpu(database)
    await asyncio.gather(
        *(client(c, requests, n * step, stop_at, tallies) for n, c in enumerate(connections))
    )
    SERVER_CPU["end"] = server_cpu(database)
    return tallies, len(set(pool))


# CPU seconds of the server (the processes this script started, and the PostgreSQL
# backends of the archive's database) at the start and the end of the measured run
SERVER_CPU: dict[str, float] = {}
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: str) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def server_cpu(database: str | None) -> float:
    """The CPU seconds used so far by this script's descendants (the server and its
    workers) and, for a PostgreSQL archive, by the server's backends serving its database
    (`postgres: USER DBNAME ...`): what the requests cost on the machine, whatever else
    runs on it. Linux only; 0 elsewhere."""
    parents: dict[str, str] = {}
    backends: list[str] = []
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                parents[pid] = stat.read().rsplit(")", 1)[1].split()[1]
            if database:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    words = cmdline.read().decode(errors="replace").split()
                if words[:1] == ["postgres:"] and len(words) > 2 and words[2] == database:
                    backends.append(pid)
        except OSError:
            continue
    mine = {str(os.getpid())}
    for _ in range(4):  # server, workers, their helpers
        mine |= {pid for pid, parent in parents.items() if parent in mine}
    total = 0.0
    for pid in (mine - {str(os.getpid())}) | set(backends):
        try:
            total += _cpu_of(pid)
        except OSError:
            continue
    return total


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        sys.exit(f"load.py: refusing {host!r}: this benchmark only runs against loopback")


def event_loop() -> str:
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server on loopback")
    parser.add_argument(
        "--db", default="onrecord.db", help="archive to serve when --url is not given"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--only", help="one path to request instead of the pool (to isolate costs)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (with --db)")
    args = parser.parse_args()
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    loop = event_loop()
    # a PostgreSQL archive's database name: its backends' CPU counts as the server's
    database = urlsplit(args.db).path.strip("/") or None if "://" in args.db else None

    def measured(base: str) -> tuple[dict[str, Tally], int, float]:
        before = resource.getrusage(resource.RUSAGE_SELF)
        tallies, pool = asyncio.run(run(base, clients, seconds, args.only, database))
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return tallies, pool, cpu

    if args.url:
        check_loopback(args.url)
        tallies, pool, cpu = measured(args.url.rstrip("/"))
    else:
        from browser import running_server

        with running_server(args.db, "--workers", str(args.workers)) as base:
            tallies, pool, cpu = measured(base)
    total = Tally(
        [t for v in tallies.values() for t in v.latencies],
        sum(v.errors for v in tallies.values()),
        sum(v.hits for v in tallies.values()),
    )
    workers = "" if args.url else f", {args.workers} server process(es)"
    cache = os.environ.get("ONRECORD_PAGE_CACHE", "default")
    print(
        f"{clients} clients, {seconds:.0f} s, loopback{workers}, pool of {pool} pages, "
        f"page cache {cache}, generator on {loop}"
    )
    for name, tally in [*sorted(tallies.items()), ("all", total)]:
        print(tally.line(name, seconds))
    slowest = sorted((s for t in tallies.values() for s in t.slowest), reverse=True)[:3]
    print("slowest: " + ", ".join(f"{path} {t * 1000:.0f} ms" for t, path in slowest))
    print(f"load generator CPU: {cpu:.1f} s ({cpu / seconds:.0%} of one core), incl. warm-up")
    if not args.url and SERVER_CPU.get("end"):
        used = SERVER_CPU["end"] - SERVER_CPU["start"]
        answered = len(total.latencies)
        where = " and its PostgreSQL backends" if database else ""
        print(
            f"server CPU{where}: {used:.1f} s in the run,"
            f" {used / max(1, answered) * 1000:.2f} ms a request"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
