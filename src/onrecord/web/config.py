"""Settings of the web app, read once when the app is made (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV_TOKEN = "ONRECORD_TOKEN"
ENV_MAX_BODY = "ONRECORD_MAX_BODY"
# One Kremlin page saved as HTML is at most ~0.5 MB in the DEV corpus; 4 MiB leaves
# room for long press conferences while keeping a hostile upload cheap to refuse.
DEFAULT_MAX_BODY = 4 * 1024 * 1024
ENV_PAGE_CACHE = "ONRECORD_PAGE_CACHE"
ENV_BASE_URL = "ONRECORD_BASE_URL"
# Rendered pages kept in memory (0 turns the cache off); at most CACHE_BYTES in all.
DEFAULT_CACHE_ENTRIES = 512
CACHE_BYTES = 64 * 1024 * 1024
PAGE_SIZE = 20  # hits and documents per HTML page
MAX_API_LIMIT = 100


@dataclass(frozen=True)
class WebConfig:
    """Where the archive is and what the server allows.

    `token` None means uploads are off. `max_body` bounds every request body in bytes.
    `cache_entries` is how many rendered GET responses are kept (0: no cache).
    `base_url` is the public address that citations and permalinks carry
    (`https://archive.example.org`); None: the address the request came to.
    """

    db_path: str
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    cache_entries: int = DEFAULT_CACHE_ENTRIES
    base_url: str | None = None

    @classmethod
    def from_env(cls, db_path: str, base_url: str | None = None) -> WebConfig:
        token = os.environ.get(ENV_TOKEN) or None
        max_body = int(os.environ.get(ENV_MAX_BODY) or DEFAULT_MAX_BODY)
        entries = int(os.environ.get(ENV_PAGE_CACHE) or DEFAULT_CACHE_ENTRIES)
        public = base_url or os.environ.get(ENV_BASE_URL) or None
        return cls(
            db_path=db_path, token=token, max_body=max_body, cache_entries=entries, base_url=public
        )

    def public_base(self, request_base: str) -> str:
        """The site root for links that leave the site (citations): the configured public
        address, else the one the request came to."""
        return (self.base_url or request_base).rstrip("/") + "/"
