"""A small in-memory cache of whole GET responses, dropped whenever the archive changes.

The archive is read far more often than it is written, and the same pages (a seed
transcript, a popular search) are asked for again and again. A response is kept when it
is a 200 without cookies; the key is the host, the path and query, and the view-settings
cookie (pages differ by settings). The archive's *version* is the size and modification
time of the database and its write-ahead log: any committed write changes one of them,
from this process or any other, so a stale page is never served (a PostgreSQL archive's
version is the server's next transaction id, asked at most once a second: a page may lag a
write by up to a second; `onrecord.store.backend.write_mark`). Hits carry an ETag, so a
browser that asks again with If-None-Match gets a 304 without the body.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from onrecord.store import backend
from onrecord.web.security import ASGIApp, Message, Receive, Scope, Send
from onrecord.web.viewsettings import COOKIE

MAX_ENTRY_BYTES = 2 * 1024 * 1024  # the longest DEV transcript renders to ~0.6 MB


@dataclass
class Cached:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    _etag: bytes = b""

    @property
    def etag(self) -> bytes:
        """Hashed on the first hit, not on every miss: most pages stored are never asked
        for again before they are dropped, and a long transcript is 0.6 MB to hash."""
        if not self._etag:
            self._etag = (
                b'"' + hashlib.blake2b(self.body, digest_size=12).hexdigest().encode() + b'"'
            )
        return self._etag


def _view_cookie(headers: dict[bytes, bytes]) -> str:
    for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return ""


class PageCache:
    def __init__(self, app: ASGIApp, db_path: str, max_entries: int, max_bytes: int) -> None:
        self.app = app
        self.db_path = db_path
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple[str, ...], Cached] = OrderedDict()
        self.size = 0
        self.version: tuple[int, ...] = ()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.max_entries <= 0:
            await self.app(scope, receive, send)
            return
        self._check_version()
        headers = dict(scope.get("headers", []))
        key = (
            headers.get(b"host", b"").decode("latin-1"),
            scope["path"],
            scope.get("query_string", b"").decode("latin-1"),
            _view_cookie(headers),
        )
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            fresh = headers.get(b"if-none-match") == hit.etag
            await (self._not_modified(hit, send) if fresh else self._replay(hit, send))
            return
        await self.app(scope, receive, self._recording(key, send))

    def _check_version(self) -> None:
        version = backend.write_mark(self.db_path)
        if version != self.version:
            self.entries.clear()
            self.size = 0
            self.version = version

    def _recording(self, key: tuple[str, ...], send: Send) -> Send:
        started: list[Message] = []
        chunks: list[bytes] = []
        version = self.version

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.append(message)
                message["headers"] = [*message.get("headers", []), (b"x-cache", b"miss")]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and started:
                    self._store(key, started[0], b"".join(chunks), version)
            await send(message)

        return record

    def _store(
        self, key: tuple[str, ...], start: Message, body: bytes, version: tuple[int, ...]
    ) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"x-cache"]
        cacheable = (
            start["status"] == 200
            and len(body) <= MAX_ENTRY_BYTES
            and not any(k.lower() == b"set-cookie" for k, _ in headers)
            and version == self.version
        )
        if not cacheable:
            return
        self.entries[key] = Cached(start["status"], headers, body)
        self.size += len(body)
        while self.entries and (len(self.entries) > self.max_entries or self.size > self.max_bytes):
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)

    @staticmethod
    async def _not_modified(hit: Cached, send: Send) -> None:
        """304: the client's copy (from an earlier hit) is still what we would send."""
        headers = [(b"etag", hit.etag), (b"x-cache", b"hit")]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    @staticmethod
    async def _replay(hit: Cached, send: Send) -> None:
        headers = [*hit.headers, (b"etag", hit.etag), (b"x-cache", b"hit")]
        await send({"type": "http.response.start", "status": hit.status, "headers": headers})
        await send({"type": "http.response.body", "body": hit.body})
