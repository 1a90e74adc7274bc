"""Webhook deliveries: new matches POSTed as JSON, signed, retried, recorded.

The body is signed with HMAC-SHA256 as GitHub and Stripe do, over the timestamp and the
body, so that a receiver can refuse a forged or a replayed request:

    Onrecord-Signature: t=1765090000,v1=<hex of HMAC-SHA256(secret, "1765090000." + body)>

`verify(secret, header, body)` is the check a receiver makes (docs/webhooks.md has a
receiver in a few lines of standard-library Python). A request that fails (no answer in
`timeout` seconds, a refused connection, a 5xx, 408 or 429) is tried again after
`backoff`, 2 x `backoff`, ... seconds, `attempts` times in all; other 3xx/4xx answers are
final. The transport is a seam: `post(url, body, headers, timeout) -> status`.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from onrecord.errors import WatchError

SIGNATURE_HEADER = "Onrecord-Signature"
DELIVERY_HEADER = "Onrecord-Delivery"
EVENT_HEADER = "Onrecord-Event"
TOLERANCE = 300  # seconds a receiver accepts a timestamp for (Stripe's default)
RETRY_STATUSES = frozenset({408, 429})
MAX_URL = 2000

Transport = Callable[[str, bytes, dict[str, str], float], int]


class TransportError(Exception):
    """No HTTP answer: refused, unreachable, timed out."""


@dataclass(frozen=True)
class DeliveryPolicy:
    """How hard to try, and what to send. `batch`: matches per request (a body of ~100
    matches is ~60 KB; an ingest of thousands of matches is a few dozen requests, never one
    per match)."""

    attempts: int = 4
    backoff: float = 1.0
    timeout: float = 10.0
    batch: int = 100
    base_url: str = ""  # `https://archive.example.org`: the bodies' links made absolute


@dataclass(frozen=True)
class Outcome:
    ok: bool
    attempts: int
    http_status: int | None
    error: str


def check_url(url: str) -> str:
    """A webhook URL we will post to: http or https, with a host. WatchError otherwise."""
    url = url.strip()
    if len(url) > MAX_URL:
        raise WatchError(f"webhook URL: at most {MAX_URL} characters")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "no scheme"
        raise WatchError(f"webhook URL must be http or https, not {scheme}", source=url[:200])
    if not parts.hostname:
        raise WatchError("webhook URL has no host", source=url[:200])
    try:
        parts.port  # noqa: B018 (a bad port raises here)
    except ValueError as err:
        raise WatchError(f"webhook URL: {err}", source=url[:200]) from err
    try:
        address = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return url
    if address.is_unspecified or address.is_multicast or address.is_reserved:
        raise WatchError(f"webhook URL points at a non-routable address {address}", source=url)
    return url


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(
    secret: str, header: str, body: bytes, *, tolerance: int = TOLERANCE, now: float | None = None
) -> bool:
    """Whether `header` (Onrecord-Signature) signs `body` with `secret`, recently."""
    fields = dict(part.partition("=")[::2] for part in header.split(","))
    try:
        timestamp = int(fields.get("t", ""))
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split(",v1=")[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect is an answer (3xx), not somewhere else to post to


_OPENER = urllib.request.build_opener(_NoRedirect)


def urllib_post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read(1024)
            return int(response.status)
    except urllib.error.HTTPError as err:
        return int(err.code)
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise TransportError(str(reason) or type(err).__name__) from err


def deliver(
    url: str,
    secret: str,
    body: bytes,
    delivery: str,
    policy: DeliveryPolicy,
    post: Transport = urllib_post,
    sleep: Callable[[float], None] = time.sleep,
) -> Outcome:
    """POST `body` until a 2xx or a final answer, at most `policy.attempts` times."""
    status: int | None = None
    error = ""
    for attempt in range(1, policy.attempts + 1):
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "onrecord-webhook",
            EVENT_HEADER: "watch.matches",
            DELIVERY_HEADER: delivery,
            SIGNATURE_HEADER: sign(secret, body, int(time.time())),
        }
        try:
            status = post(url, body, headers, policy.timeout)
            error = "" if 200 <= status < 300 else f"HTTP {status}"
        except TransportError as err:
            status, error = None, str(err)
        if not error:
            return Outcome(True, attempt, status, "")
        final = status is not None and status < 500 and status not in RETRY_STATUSES
        if final or attempt == policy.attempts:
            return Outcome(False, attempt, status, error)
        sleep(policy.backoff * 2 ** (attempt - 1))
    return Outcome(False, policy.attempts, status, error)
