"""Budgets for reading one file: time and memory, so that one hostile file fails alone.

    with time_budget(60, "page.html"):   # OverBudgetError (exit 17) when the block runs longer
        document = parse_bytes(data, "page.html")

    parse_isolated(data, "page.html")    # the same in a child process, killed when over budget

`time_budget` arms a timer signal, so it bounds work in the main thread of a process (the
CLI and every ingest worker); elsewhere it does nothing. `parse_isolated` is for servers,
which parse in threads: the child is killed when the time is up, and its address space is
limited, so a file that would need gigabytes fails instead of starving the server.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from onrecord.errors import OnrecordError, OverBudgetError
from onrecord.model import Document

# Seconds one file may take to read. Readers are linear: the largest DEV page parses in
# under 0.1 s, and a long text of 6.9 MB (100,000 turns) in 9.7 s on a core shared by a
# load of 10, so the size limit (50 MB) fits in about 70 s even then. Past this budget is
# a file built to hang a reader, or a reader bug.
FILE_SECONDS = 120.0
# Address space a child that parses one upload may take: a 49 MB text took 849 MB to parse.
CHILD_MEMORY_BYTES = 2 * 1024**3
RETRY_SECONDS = 0.05  # a time budget's signal again, after one that was swallowed
_KILLED_WAIT = 5.0  # seconds to wait for a killed child to go
_children: set[BaseProcess] = set()  # parsing now, for `stop_children`
_stopped: set[BaseProcess] = set()  # killed by `stop_children`


class _OutOfTime(BaseException):
    """Raised by the timer inside the guarded block; BaseException so that a reader's
    `except Exception` cannot swallow it."""


def over_time(source: str, seconds: float) -> OverBudgetError:
    return OverBudgetError(f"reading took over the {seconds:g} s budget of one file", source=source)


def over_memory(source: str) -> OverBudgetError:
    return OverBudgetError("reading took more memory than one file may use", source=source)


@contextlib.contextmanager
def time_budget(seconds: float | None, source: str) -> Iterator[None]:
    """Raise OverBudgetError when the block runs longer than `seconds` (None or 0: no limit;
    outside a process's main thread, or without SIGALRM, no limit either)."""
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    fired: list[bool] = []
    active = [True]

    def expire(_signum: int, _frame: object) -> None:
        if not active:
            return
        # The signal may land in a __del__ or a weakref callback, where Python swallows the
        # exception: so the timer goes off again until one reaches the guarded block.
        fired.append(True)
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        try:
            yield
        finally:
            active.clear()
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    except _OutOfTime:
        raise over_time(source, float(seconds or 0)) from None
    if fired:  # over time, though every interruption was swallowed on the way
        raise over_time(source, float(seconds or 0))


def limit_memory(extra_bytes: int) -> None:
    """Let this process grow by `extra_bytes` of address space at most (Linux; elsewhere and
    where the limit cannot be set, nothing): past it an allocation raises MemoryError."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = size + extra_bytes
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, OSError, ValueError):
        return


def parse_isolated(
    data: bytes, source: str, seconds: float | None = None, memory: int = CHILD_MEMORY_BYTES
) -> Document:
    """`parse_bytes(data, source)` in a child process that is killed when it runs past
    `seconds` (default FILE_SECONDS); OverBudgetError then, or when it runs out of `memory`."""
    from onrecord.parse import parse_bytes

    document = run_isolated(parse_bytes, (data, source), source, seconds, memory)
    assert isinstance(document, Document)
    return document


def run_isolated(
    work: Callable[..., Any],
    args: tuple[Any, ...],
    source: str,
    seconds: float | None = None,
    memory: int = CHILD_MEMORY_BYTES,
) -> Any:
    """`work(*args)` (a module-level function) in a child process that is killed when it
    runs past `seconds` (default FILE_SECONDS); OverBudgetError then, or when it runs out
    of `memory`. What the child raises on purpose (OnrecordError) is raised here."""
    seconds = FILE_SECONDS if seconds is None else seconds
    # A fork server forked once and kept: children start with the parser loaded, and a
    # server's threads are never forked.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["onrecord.parse"])
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run_child, args=(work, args, memory, send), daemon=True)
    child.start()
    send.close()
    _children.add(child)
    try:
        if not receive.poll(seconds):
            raise over_time(source, seconds)
        kind, value = receive.recv()
    except EOFError:  # the child died without a word: stopped, or killed for memory
        if child in _stopped:
            raise OverBudgetError("the server stopped while reading it", source=source) from None
        raise over_memory(source) from None
    finally:
        _children.discard(child)
        _stopped.discard(child)
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(_KILLED_WAIT)
    if kind == "value":
        return value
    if kind == "memory":
        raise over_memory(source)
    if isinstance(value, OnrecordError):
        raise value
    raise RuntimeError(str(value))  # a parser bug: the caller's internal error


def stop_children() -> None:
    """Kill the children parsing now (a server that stops): their callers return at once."""
    for child in list(_children):
        _stopped.add(child)
        with contextlib.suppress(OSError, ValueError):
            child.kill()


def _run_child(
    work: Callable[..., Any], args: tuple[Any, ...], memory: int, send: Connection
) -> None:
    limit_memory(memory)
    result: tuple[str, Any]
    try:
        result = ("value", work(*args))
    except MemoryError:
        result = ("memory", None)
    except OnrecordError as err:
        result = ("error", err)
    except Exception as err:  # a parser bug: sent to the parent, which reports it
        result = ("bug", f"{type(err).__name__}: {err}")
    send.send(result)
    send.close()
