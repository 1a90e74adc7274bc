"""`onrecord serve --workers N`: N server processes, each with its own listening socket.

uvicorn's own workers share one socket, and whichever process the kernel wakes takes the
next connection: under load the spread was uneven (one process serving three times the
other's clients, docs/figures-web.md). Here each process binds the port itself with
SO_REUSEPORT, and the kernel hands each new connection to one of the sockets by a hash of
its addresses: an even spread without a balancer. A process that dies is started again;
SIGTERM or Ctrl-C stops them all (each gets uvicorn's graceful shutdown), and they stop by
themselves when the parent is killed outright.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from multiprocessing.process import BaseProcess
from typing import Any

log = logging.getLogger(__name__)

APP = "onrecord.web.app:app_from_env"
BACKLOG = 2048
RESTART_PAUSE_S = 1.0  # between restarts of a process that keeps dying


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port that other processes may bind too (SO_REUSEPORT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    return sock


PARENT_CHECK_S = 1.0


def _stop_with(parent: int) -> None:
    """Stop this process (gracefully: SIGTERM) once `parent` is gone, even by `kill -9`:
    an orphan would go on answering on the port beside whatever is started next."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os.kill(os.getpid(), signal.SIGTERM)


def _serve_one(options: dict[str, Any], parent: int) -> None:
    import uvicorn

    threading.Thread(target=_stop_with, args=(parent,), daemon=True).start()
    sock = listening_socket(options["host"], options["port"])
    config = uvicorn.Config(APP, factory=True, **options)
    uvicorn.Server(config).run(sockets=[sock])


def serve(options: dict[str, Any], workers: int) -> None:
    """Run `workers` processes until SIGTERM or SIGINT; restart any that dies meanwhile."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited state
    stopping = False

    def start() -> BaseProcess:
        process = context.Process(
            target=_serve_one, args=(options, os.getpid()), name="onrecord-web"
        )
        process.start()
        return process

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    processes = [start() for _ in range(workers)]
    try:
        while not stopping:
            time.sleep(0.2)
            for at, process in enumerate(processes):
                if not process.is_alive() and not stopping:
                    log.warning(
                        "server process %s exited (%s); starting another",
                        process.pid,
                        process.exitcode,
                    )
                    time.sleep(RESTART_PAUSE_S)
                    processes[at] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn's graceful shutdown
        for process in processes:
            process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
