"""A real server and a real headless Chromium, for the end-to-end tests and screenshots.

Uses the Debian packages `chromium` and `chromium-driver` (never a downloaded browser)
and starts `onrecord serve` on a free loopback port in a subprocess.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
)
START_SECONDS = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(db_path: str, *options: str) -> Iterator[str]:
    """`onrecord serve` on 127.0.0.1 and a free port; yields the base URL, stops it after."""
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from onrecord.cli import main; main()",
        "serve",
        "--db",
        db_path,
        "--port",
        str(port),
        *options,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"onrecord serve exited with {process.returncode}: {output}")
        try:
            if httpx.get(base + "/api/v1/stats", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"onrecord serve did not answer on {base} in {START_SECONDS}s")


def chrome(width: int = 1280, height: int = 1000):  # type: ignore[no-untyped-def]
    """A headless Chromium driven by the system chromedriver, with a throwaway profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='onrecord-chrome-')}")
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
