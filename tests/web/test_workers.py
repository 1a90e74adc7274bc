"""`onrecord serve --workers 2`: two processes, a listening socket each, connections spread
by the kernel between them; a process that dies is started again; SIGTERM stops them all.

Which process holds a connection is read from Linux's /proc (the socket inodes of each
process's file descriptors, and the TCP table), as `ss -tnp` does.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .browser import free_port

pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")

CONNECTIONS = 40


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _tcp(port: int, state: str) -> set[str]:
    """Inodes of the TCP sockets on this local port in this state (0A listen, 01 established)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port == port and fields[3] == state:
            found.add(fields[9])
    return found


def _listeners(parent: int, port: int) -> dict[int, set[str]]:
    listening = _tcp(port, "0A")
    out = {}
    for child in _children(parent):
        try:
            inodes = _socket_inodes(child)
        except OSError:
            continue
        if inodes & listening:
            out[child] = inodes
    return out


def _wait_for(check, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    return check()


def _get(port: int) -> http.client.HTTPConnection:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/api/v1/stats")
    response = connection.getresponse()
    response.read()
    assert response.status == 200
    return connection


def _serve_two(db: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from onrecord.cli import main; main()", "serve"]
    command += ["--db", db, "--port", str(port), "--workers", "2"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_two_processes_share_the_connections_and_stop_together(web_db: str) -> None:
    port = free_port()
    process = _serve_two(web_db, port)
    try:
        workers = _wait_for(lambda: len(_listeners(process.pid, port)) == 2)
        assert workers, "two processes listening on the port"
        held = [_get(port) for _ in range(CONNECTIONS)]  # kept open: each on its own socket
        established = _tcp(port, "01")
        per_process = {
            pid: len(inodes & established) for pid, inodes in _listeners(process.pid, port).items()
        }
        assert sum(per_process.values()) == CONNECTIONS
        # a hash of the addresses picks the socket: about half each (10 or fewer for one
        # of two has a chance of about 1 in 10,000 when the spread is even; before, one
        # shared socket gave one process most of them)
        assert min(per_process.values()) > CONNECTIONS // 4
        for connection in held:
            connection.close()

        first = min(per_process)
        os.kill(first, signal.SIGKILL)
        replaced = _wait_for(
            lambda: len(found := _listeners(process.pid, port)) == 2 and first not in found
        )
        assert replaced, "the killed process was started again"
        _get(port).close()

        survivors = list(_listeners(process.pid, port))
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert not [pid for pid in survivors if Path(f"/proc/{pid}").exists()]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_processes_stop_when_the_parent_is_killed_outright(web_db: str) -> None:
    port = free_port()
    process = _serve_two(web_db, port)
    try:
        assert _wait_for(lambda: len(_listeners(process.pid, port)) == 2)
        workers = list(_listeners(process.pid, port))
        process.kill()  # SIGKILL: no handler runs in the parent
        process.wait()
        gone = _wait_for(lambda: not [pid for pid in workers if _alive(pid)], seconds=30)
        assert gone, "the orphaned server processes stopped"
    finally:
        for pid in workers if "workers" in locals() else []:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for its exit to be collected."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False
