"""Webhooks against a real HTTP receiver on loopback: signed, retried, recorded, once."""

from __future__ import annotations

import socket
import threading
from http.server import HTTPServer
from pathlib import Path

import pytest

from helpers.receiver import receiver
from helpers.watching import PUTIN, transcript
from onrecord import watch
from onrecord.archive import Archive
from onrecord.watch import DeliveryPolicy, WatchSpec
from onrecord.watch.webhooks import SIGNATURE_HEADER, sign, verify

FAST = DeliveryPolicy(attempts=3, backoff=0.0, timeout=2.0)
SECRET = "whsec"


def new_gas(archive: Archive, doc_id: str = "a3", text: str = "Gas again.\n\nMore gas.") -> None:
    archive.put_document(transcript(doc_id, "2020-03-01", [(PUTIN, text)]))


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    # printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec
    expected = "8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032"
    header = sign(SECRET, b'{"a":1}', 1700000000)
    assert header == f"t=1700000000,v1={expected}"
    assert verify(SECRET, header, b'{"a":1}', now=1700000100)
    assert not verify(SECRET, header, b'{"a":2}', now=1700000100)  # another body
    assert not verify("other", header, b'{"a":1}', now=1700000100)  # another secret
    assert not verify(SECRET, header, b'{"a":1}', now=1700000301)  # a replay, 301 s later
    assert not verify(SECRET, "t=x,v1=00", b'{"a":1}')


def test_new_matches_are_posted_once_signed_as_json(archive: Archive) -> None:
    with receiver() as hook:
        saved, _ = watch.add(archive, WatchSpec(query="gas", webhook=hook.url, secret=SECRET))
        new_gas(archive)
        run = watch.run(archive, policy=FAST).runs[0]
        again = watch.run(archive, policy=FAST).runs[0]
    [request] = hook.requests
    assert verify(SECRET, request.headers[SIGNATURE_HEADER], request.body)
    assert request.headers["Content-Type"] == "application/json"
    body = request.json
    assert (body["event"], body["watch"]["id"]) == ("watch.matches", saved.id)
    assert [(i["quote"]["permalink"], i["quote"]["highlights"]) for i in body["items"]] == [
        ("a3#t0-p0", [[0, 3]]),
        ("a3#t0-p1", [[5, 8]]),
    ]
    assert [(d.status, d.attempts, d.http_status, d.items) for d in run.deliveries] == [
        ("delivered", 1, 200, 2)
    ]
    assert again.deliveries == []


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(archive: Archive) -> None:
    waits: list[float] = []
    with receiver([500, 503, 200]) as hook:
        watch.add(archive, WatchSpec(query="gas", webhook=hook.url, secret=SECRET))
        new_gas(archive)
        policy = DeliveryPolicy(attempts=4, backoff=0.5, timeout=2.0)
        run = watch.run(archive, policy=policy, sleep=waits.append).runs[0]
    assert waits == [0.5, 1.0]
    assert len(hook.requests) == 3
    assert len({r.headers["Onrecord-Delivery"] for r in hook.requests}) == 1
    assert [(d.status, d.attempts, d.http_status) for d in run.deliveries] == [
        ("delivered", 3, 200)
    ]


def test_a_receiver_that_fails_forever_gets_the_same_matches_next_time(
    archive: Archive,
) -> None:
    with receiver([500]) as hook:
        saved, _ = watch.add(archive, WatchSpec(query="gas", webhook=hook.url, secret=SECRET))
        new_gas(archive)
        failed = watch.run(archive, policy=FAST).runs[0]
        hook.statuses = [200]
        retried = watch.run(archive, policy=FAST).runs[0]
        after = watch.run(archive, policy=FAST).runs[0]
    assert [(d.status, d.attempts, d.http_status, d.error) for d in failed.deliveries] == [
        ("failed", 3, 500, "HTTP 500")
    ]
    assert len(hook.requests) == 3 + 1
    assert [i["quote"]["permalink"] for i in hook.requests[-1].json["items"]] == [
        "a3#t0-p0",
        "a3#t0-p1",
    ]
    assert retried.deliveries[0].status == "delivered" and after.deliveries == []
    statuses = [d.status for d in watch.deliveries(archive, saved.id)]
    assert statuses == ["delivered", "failed"]  # newest first


def test_a_client_error_is_final_and_not_retried(archive: Archive) -> None:
    with receiver([410]) as hook:
        watch.add(archive, WatchSpec(query="gas", webhook=hook.url, secret=SECRET))
        new_gas(archive)
        run = watch.run(archive, policy=FAST).runs[0]
    assert len(hook.requests) == 1
    assert [(d.status, d.attempts, d.http_status) for d in run.deliveries] == [("failed", 1, 410)]


def test_a_receiver_that_times_out_is_a_failed_delivery(archive: Archive) -> None:
    with receiver(delay=1.0) as hook:
        watch.add(archive, WatchSpec(query="gas", webhook=hook.url, secret=SECRET))
        new_gas(archive)
        policy = DeliveryPolicy(attempts=2, backoff=0.0, timeout=0.2)
        run = watch.run(archive, policy=policy).runs[0]
    [delivery] = run.deliveries
    assert (delivery.status, delivery.attempts, delivery.http_status) == ("failed", 2, None)
    assert "timed out" in delivery.error


def test_a_refused_connection_is_a_failed_delivery(archive: Archive) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    watch.add(archive, WatchSpec(query="gas", webhook=f"http://127.0.0.1:{port}/", secret="s"))
    new_gas(archive)
    [delivery] = watch.run(archive, policy=FAST).runs[0].deliveries
    assert (delivery.status, delivery.attempts, delivery.http_status) == ("failed", 3, None)
    assert "refused" in delivery.error.lower()


@pytest.mark.parametrize(("matches", "requests"), [(2000, 20), (150, 2), (100, 1)])
def test_thousands_of_matches_go_in_batches_of_a_hundred(
    archive: Archive, matches: int, requests: int
) -> None:
    with receiver() as hook:
        watch.add(archive, WatchSpec(query="gas", webhook=hook.url, secret=SECRET))
        new_gas(archive, "big", "\n\n".join(f"Gas item {n}." for n in range(matches)))
        run = watch.run(archive, policy=FAST).runs[0]
    assert len(hook.requests) == requests
    sizes = [len(r.json["items"]) for r in hook.requests]
    assert sum(sizes) == matches and max(sizes) == 100
    links = {i["quote"]["permalink"] for r in hook.requests for i in r.json["items"]}
    assert len(links) == matches
    assert all(d.status == "delivered" for d in run.deliveries)


def test_a_watch_without_a_webhook_is_left_alone_after_an_ingest(archive: Archive) -> None:
    with receiver() as hook:
        watch.add(archive, WatchSpec(query="gas"))
        hooked, _ = watch.add(archive, WatchSpec(query="oil", webhook=hook.url, secret=SECRET))
        archive.put_document(transcript("a4", "2020-04-01", [(PUTIN, "Oil and gas.")]))
        report = watch.run(archive, only_webhooks=True, policy=FAST)
    assert [r.watch.id for r in report.runs] == [hooked.id]
    assert [i["quote"]["text"] for i in hook.requests[0].json["items"]] == ["Oil and gas."]
    later = watch.run(archive, 1).runs[0]  # the watch without a webhook still has its news
    assert [m.quote.permalink for m in later.matches] == ["a4#t0-p0"]


def docs_receiver(secret: str) -> dict[str, object]:
    """The receiver of docs/watches.md, run as written with the test's secret."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "watches.md").read_text("utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {"__name__": "docs_receiver"}
    exec(code, namespace)
    namespace["SECRET"] = secret.encode()
    return namespace


@pytest.mark.parametrize(("secret", "status", "outcome"), [(SECRET, 204, "delivered"),
                                                           ("wrong", 401, "failed")])  # fmt: skip
def test_the_receiver_in_the_docs_accepts_our_signature_and_no_other(
    archive: Archive, secret: str, status: int, outcome: str
) -> None:
    server = HTTPServer(("127.0.0.1", 0), docs_receiver(secret)["Receiver"])  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        watch.add(archive, WatchSpec(query="gas", webhook=url, secret=SECRET))
        new_gas(archive)
        [delivery] = watch.run(archive, policy=FAST).runs[0].deliveries
    finally:
        server.shutdown()
        server.server_close()
    assert (delivery.status, delivery.http_status, delivery.attempts) == (outcome, status, 1)


def test_a_base_url_makes_the_links_of_a_body_absolute(archive: Archive) -> None:
    with receiver() as hook:
        watch.add(archive, WatchSpec(query="gas", webhook=hook.url, secret=SECRET))
        new_gas(archive)
        policy = DeliveryPolicy(attempts=1, base_url="https://archive.example.org/")
        watch.run(archive, policy=policy)
    urls = [i["quote"]["url"] for i in hook.requests[0].json["items"]]
    assert urls == [
        "https://archive.example.org/documents/a3#t0-p0",
        "https://archive.example.org/documents/a3#t0-p1",
    ]
