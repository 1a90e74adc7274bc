"""Requests an attacker or a careless link would send: answered 4xx, never 500 or off-site."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from onrecord import budget

from .conftest import KREMLIN, make_client

HUGE = "99999999999999999999999"  # past SQLite's 64-bit integers


@pytest.mark.parametrize(
    "path",
    [
        f"/documents/54271?revision={HUGE}",
        f"/documents/54271/diff?a={HUGE}&b=1",
        f"/documents/54271/diff?a=1&b={HUGE}",
        f"/search?q=Russia&page={HUGE}",
        f"/speakers?page={HUGE}",
        "/documents/54271?revision=-1",
    ],
)
def test_an_integer_parameter_out_of_range_is_422(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("target", "link"),
    [
        ("/\t/evil.example", "/"),  # browsers drop the tab and read //evil.example
        ("/\n/evil.example", "/"),
        ("/\\evil.example", "/"),  # browsers read a backslash as a slash
        ("https://evil.example/", "/"),
        ("/%09/evil.example", "/%09/evil.example"),  # still escaped: a path on this site
        ("/documents/54271?revision=1#t1-p2", "/documents/54271?revision=1#t1-p2"),
    ],
)
def test_the_settings_back_link_stays_on_this_site(
    client: TestClient, target: str, link: str
) -> None:
    page = client.get("/settings", params={"next": target}).text
    assert f'<a href="{link}">Back</a>' in page
    redirect = client.post("/settings", data={"next": target}, follow_redirects=False)
    assert redirect.headers["location"] == link


def _upload(fresh: TestClient, data: bytes, source: str) -> Response:
    return fresh.post(
        f"/api/v1/documents?source={source}", content=data, headers={"Authorization": "Bearer t"}
    )


def test_an_upload_over_the_time_budget_is_422_and_the_server_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "FILE_SECONDS", 0.5)
    slow = "Talks\n\nMay 3, 2016\n\nVladimir Putin: " + "Yes (Applause.) " * 200_000
    with make_client(tmp_path, token="t") as fresh:
        over = _upload(fresh, slow.encode(), "slow.txt")
        monkeypatch.undo()  # the next page has the usual budget, however loaded the machine
        after = _upload(fresh, (KREMLIN / "54271.txt").read_bytes(), "54271.txt")
    assert over.status_code == 422
    assert over.json()["message"] == "slow.txt: reading took over the 0.5 s budget of one file"
    assert after.status_code == 201 and after.json()["id"] == "54271"


def test_uploads_of_broken_utf16_and_of_a_cut_word_document(tmp_path: Path) -> None:
    utf16 = "Talks\n\nMay 3, 2016\n\nVladimir Putin: Good afternoon.\n".encode("utf-16")
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document>" + "<w:p/>" * 50 + "</w:document>")
    docx = body.getvalue()
    with make_client(tmp_path, token="t") as fresh:
        cut_utf16 = _upload(fresh, utf16[:-1], "talks.txt")
        cut_docx = _upload(fresh, docx[:100] + docx[101:], "a.docx")
    assert cut_utf16.status_code == 201
    assert cut_docx.status_code == 422


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_server_stops_soon_after_sigterm_with_an_upload_being_parsed(tmp_path: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-c", "from onrecord.cli import main; main()"]
    server = subprocess.Popen(
        [*command, "serve", "--db", str(tmp_path / "a.db"), "--port", str(port)],
        env={**os.environ, "ONRECORD_TOKEN": "t", "ONRECORD_MAX_BODY": "30000000"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port)
        # 24 MB of notes: over 20 s to parse, inside the budget of a file
        slow = (
            "Talks\n\nMay 3, 2016\n\nVladimir Putin: " + "Yes (Applause.) " * 1_500_000
        ).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/documents?source=slow.txt",
            data=slow,
            headers={"Authorization": "Bearer t", "Content-Type": "text/plain"},
        )
        uploading = threading.Thread(target=_send, args=(request,), daemon=True)
        uploading.start()
        time.sleep(2.0)  # the upload is in its child process now
        server.send_signal(signal.SIGTERM)
        started = time.monotonic()
        server.wait(timeout=30)
        assert time.monotonic() - started < 15  # 5 s of grace, then the child is killed
    finally:
        if server.poll() is None:
            server.kill()


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise AssertionError("the server did not start")


def _send(request: urllib.request.Request) -> None:
    with contextlib.suppress(OSError):
        urllib.request.urlopen(request, timeout=60).read()
