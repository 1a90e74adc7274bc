"""Watchlists: saved questions with Atom feeds and webhooks.

    from onrecord.watch import WatchSpec, add, run
    with Archive.open(path) as archive:
        watch, secret = add(archive, WatchSpec(query='"gas prices"', speaker="vladimir-putin",
                                               webhook="https://example.org/hook"))
        report = run(archive)        # POST what is new since the last delivery

API
    add(archive, spec) -> (Watch, secret | None)     WatchError, QueryError, NotFoundError
    get(archive, watch_id) -> Watch; watches(archive) -> list[Watch]; remove(archive, id)
    matches(archive, spec, doc_ids=None) -> list[Match]      oldest first
    run(archive, watch_id=None, policy=DeliveryPolicy(), post=urllib_post) -> RunReport
        For each watch (or one): the matches in documents written since its cursor that it
        has not delivered yet; POSTed in batches to its webhook (or only reported when it
        has none). A watch's cursor moves on only when all its batches went through.
    deliveries(archive, watch_id) -> list[DeliveryRow]       newest first

Feeds are in `onrecord.watch.feeds`; webhook signing and retries in `.webhooks`.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from onrecord.archive import Archive
from onrecord.errors import OnrecordError, QueryError, WatchError
from onrecord.store.documents import now
from onrecord.store.watches import DeliveryRow, WatchRow
from onrecord.watch.matching import find as matches
from onrecord.watch.matching import person_names
from onrecord.watch.model import QUESTION, Match, Quote, Watch, WatchSpec
from onrecord.watch.webhooks import DeliveryPolicy, Transport, check_url, deliver, urllib_post

__all__ = [
    "DeliveryPolicy",
    "Match",
    "Quote",
    "RunReport",
    "Watch",
    "WatchRun",
    "WatchSpec",
    "add",
    "deliveries",
    "get",
    "matches",
    "remove",
    "run",
    "watches",
]

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MAX_TEXT = 500


def _watch(row: WatchRow) -> Watch:
    question = {k: str(v) for k, v in row.spec.items() if k in QUESTION and v}
    return Watch(row.id, row.name, question, row.webhook, row.created_at)


def _clean(spec: WatchSpec) -> WatchSpec:
    values: dict[str, Any] = {}
    for key in (*QUESTION, "name", "webhook", "secret"):
        value = getattr(spec, key)
        value = value.strip() if isinstance(value, str) else None
        if value and (len(value) > MAX_TEXT or "\x00" in value):
            raise WatchError(f"{key}: at most {MAX_TEXT} characters, no NUL")
        values[key] = value or None
    return WatchSpec(**values)


def validate(archive: Archive, spec: WatchSpec) -> WatchSpec:
    """The spec, cleaned, or the error that names what is wrong with it."""
    spec = _clean(spec)
    if not spec.question():
        raise WatchError("nothing to watch: give a query, a speaker, an entity, a place or dates")
    if spec.figure and not spec.speaker:
        raise WatchError("a figure watch needs a speaker: whose figures to follow")
    for key in ("date_from", "date_to"):
        value = getattr(spec, key)
        if value and not _DATE.match(value):
            raise QueryError(f"{key}: expected a date like 2017, 2017-04 or 2017-04-12: {value!r}")
    if spec.speaker:
        person_names(archive, spec.speaker)  # NotFoundError for nobody of that name
    if spec.query:
        archive.search(spec.query, limit=1)  # QueryError for syntax the search refuses
    if spec.webhook:
        spec = replace(spec, webhook=check_url(spec.webhook))
    return spec


def add(archive: Archive, spec: WatchSpec) -> tuple[Watch, str | None]:
    """Save a watch; returns it and the secret that signs its webhook (None without one)."""
    spec = validate(archive, spec)
    secret = (spec.secret or secrets.token_hex(32)) if spec.webhook else None
    name = spec.name or _default_name(spec)
    watch_id = archive.watches.add(name, spec.question(), spec.webhook, secret)
    return get(archive, watch_id), secret


def _default_name(spec: WatchSpec) -> str:
    parts = [f"{k.replace('_', ' ')}: {v}" for k, v in spec.question().items()]
    return "; ".join(parts)[:200]


def get(archive: Archive, watch_id: int | str) -> Watch:
    return _watch(archive.watches.get(parse_id(watch_id)))


def parse_id(watch_id: int | str) -> int:
    from onrecord.errors import NotFoundError

    text = str(watch_id).strip()
    if not text.isdigit() or len(text) > 18:
        raise NotFoundError(f"no watch {text[:40]!r}: a watch id is a number")
    return int(text)


def watches(archive: Archive) -> list[Watch]:
    return [_watch(r) for r in archive.watches.all()]


def remove(archive: Archive, watch_id: int | str) -> Watch:
    watch = get(archive, watch_id)
    archive.watches.remove(watch.id)
    return watch


def deliveries(archive: Archive, watch_id: int | str, limit: int = 50) -> list[DeliveryRow]:
    return archive.watches.deliveries(get(archive, watch_id).id, limit)


@dataclass
class WatchRun:
    """What one run did for one watch: new matches, requests sent, whether all went."""

    watch: Watch
    matches: list[Match] = field(default_factory=list)
    deliveries: list[DeliveryRow] = field(default_factory=list)
    error: str = ""  # the question could not be asked (a query the search now refuses)

    @property
    def failed(self) -> bool:
        return bool(self.error) or any(d.status == "failed" for d in self.deliveries)

    def to_dict(self) -> dict[str, Any]:
        return {
            "watch": self.watch.to_dict(),
            "new": len(self.matches),
            "matches": [m.to_dict() for m in self.matches],
            "deliveries": [d.to_dict() for d in self.deliveries],
            "failed": self.failed,
            "error": self.error,
        }


@dataclass
class RunReport:
    runs: list[WatchRun]

    @property
    def failed(self) -> list[WatchRun]:
        return [r for r in self.runs if r.failed]

    def to_dict(self) -> dict[str, Any]:
        return {"runs": [r.to_dict() for r in self.runs], "failed": len(self.failed)}


def run(
    archive: Archive,
    watch_id: int | str | None = None,
    *,
    policy: DeliveryPolicy | None = None,
    post: Transport = urllib_post,
    sleep: Callable[[float], None] | None = None,
    only_webhooks: bool = False,
) -> RunReport:
    """Deliver what each watch (or one) found since its last delivery."""
    rows = (
        [archive.watches.get(parse_id(watch_id))]
        if watch_id is not None
        else (archive.watches.all())
    )
    if only_webhooks:
        rows = [r for r in rows if r.webhook]
    runs = [_run_one(archive, row, policy or DeliveryPolicy(), post, sleep) for row in rows]
    return RunReport(runs)


def _run_one(
    archive: Archive,
    row: WatchRow,
    policy: DeliveryPolicy,
    post: Transport,
    sleep: Callable[[float], None] | None,
) -> WatchRun:
    store = archive.watches
    seq = store.last_change()
    watch = _watch(row)
    result = WatchRun(watch)
    changed = store.changed_since(row.cursor)
    if changed:
        try:
            found = matches(archive, watch.spec(), {c.doc_id for c in changed})
        except OnrecordError as err:  # one watch's problem stops neither the others nor an ingest
            result.error = str(err)
            return result
        sent: dict[tuple[str, int], set[str]] = {}
        for m in found:
            key = (m.doc_id, m.revision)
            if key not in sent:
                sent[key] = store.delivered(row.id, *key)
            if m.key not in sent[key]:
                result.matches.append(m)
    for batch_no, start in enumerate(range(0, len(result.matches), policy.batch)):
        batch = result.matches[start : start + policy.batch]
        record = _send(row, watch, batch, batch_no, policy, post, sleep)
        store.record_delivery(record, [(m.doc_id, m.revision, m.key) for m in batch])
        result.deliveries.append(record)
        if record.status == "failed":
            return result  # the receiver is down: the next run tries the rest again
    store.advance(row.id, seq)
    return result


def _absolute(item: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The item's links (`/documents/...`) under `base_url`, when there is one."""
    base = base_url.rstrip("/")
    if not base:
        return item
    for quote in (item["quote"], item.get("earlier")):
        if quote:
            quote["url"] = base + quote["url"]
    if item.get("diff"):
        item["diff"] = base + item["diff"]
    return item


def _send(
    row: WatchRow,
    watch: Watch,
    batch: list[Match],
    batch_no: int,
    policy: DeliveryPolicy,
    post: Transport,
    sleep: Callable[[float], None] | None,
) -> DeliveryRow:
    delivery = str(uuid.uuid4())
    if not row.webhook or not row.secret:  # no webhook: the run's report is the delivery
        return DeliveryRow(row.id, delivery, "delivered", 0, None, "", len(batch), now())
    body = json.dumps(
        {
            "event": "watch.matches",
            "delivery": delivery,
            "batch": batch_no,
            "watch": watch.to_dict(),
            "items": [_absolute(m.to_dict(), policy.base_url) for m in batch],
        },
        ensure_ascii=False,
    ).encode()
    kwargs = {"sleep": sleep} if sleep is not None else {}
    outcome = deliver(row.webhook, row.secret, body, delivery, policy, post, **kwargs)
    status = "delivered" if outcome.ok else "failed"
    return DeliveryRow(
        row.id,
        delivery,
        status,
        outcome.attempts,
        outcome.http_status,
        outcome.error,
        len(batch),
        now(),
    )
