"""Ingest on a Dask cluster: parsing and enrichment as Dask tasks, the archive written here.

    onrecord ingest --dask tcp://scheduler:8786 PATH...   # a cluster that is running
    onrecord ingest --dask local:4 PATH...                 # a LocalCluster of 4 workers

`onrecord.ingest.Ingest` decides what to parse and stores what comes back exactly as with
its own process pool; only the map over jobs differs (`map_jobs`). Each job (a batch of
PAGES_PER_JOB files, a corpus folder, a chunk of JSONL lines) is one Dask task whose body
is `onrecord.ingest.work`, run in a child process of the Dask worker that
`onrecord.ingest._start_worker` set up: the same lower priority, memory budget, per-file
time budget (a timer signal, which only a process's main thread can use: a Dask worker
runs tasks in threads) and zstd dictionary as the serial ingest's workers.

The results are taken in the order the jobs were made, a bounded number in flight, so ids
made unique within a run (`readers.IdClaims`) are given as a serial ingest gives them, and
only this process writes, in the same batched transactions. A task whose worker dies is
run again by Dask on another worker (at most `distributed.scheduler.allowed-failures`
times; then its files are reported as failed and the rest go on); its result is stored
once, and a run that stopped half-way is completed by the same command again, since the
store finds a document it already holds unchanged.

Workers read the files by the paths given here: on several machines, the files are on a
folder every worker mounts at the same path (a relative path is taken from this
process's working folder).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from typing import TYPE_CHECKING, Any

from onrecord import ingest
from onrecord.errors import ClusterError
from onrecord.store import codec

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

log = logging.getLogger(__name__)

CONNECT_SECONDS = 10.0  # a scheduler that does not answer in this time is not there
WORKERS_SECONDS = 30.0  # how long to wait for the cluster's first worker
# Jobs in flight per worker thread, beyond ingest.WINDOW_JOBS: enough to keep each busy
# while this process commits a batch, and a bounded number of results in memory.
JOBS_PER_THREAD = 4
# A task whose child process broke (killed from outside) is run again this many times.
TASK_RETRIES = 2
LOCAL = "local:"


def check_address(address: str) -> str:
    """`local:N` (N >= 1) or a scheduler's address (`tcp://host:port`, `tls://...`);
    ValueError for anything else."""
    if address.startswith(LOCAL):
        count = address[len(LOCAL) :]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"{address!r}: local:N takes a number of workers, 1 or more")
        return address
    scheme, sep, rest = address.partition("://")
    if not sep or not rest or scheme not in {"tcp", "tls", "ucx", "inproc", "ws", "wss"}:
        raise ValueError(f"{address!r}: not local:N or a scheduler address (tcp://host:8786)")
    return address


@contextlib.contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the cluster at `address`, or of a LocalCluster started for `local:N`
    (stopped at the end); ClusterError (exit 23) when there is none to reach."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "--dask needs Dask: pip install 'onrecord[dask]' (dask[distributed])"
        ) from None
    with contextlib.ExitStack() as stack:
        if address.startswith(LOCAL):
            cluster = stack.enter_context(local_cluster(int(address[len(LOCAL) :])))
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = Client(address, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError):
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {address}"
                    f" (no answer in {CONNECT_SECONDS:g} s)"
                ) from None
            stack.enter_context(client)
            try:
                client.wait_for_workers(1, timeout=WORKERS_SECONDS)
            except (OSError, TimeoutError):
                raise ClusterError(
                    f"the Dask scheduler at {address} has no worker"
                    f" (none joined in {WORKERS_SECONDS:g} s)"
                ) from None
        yield client


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[LocalCluster]:
    """A LocalCluster of `workers` processes of one thread each, on this machine."""
    import dask
    from distributed import LocalCluster

    # A worker that is not a daemon process may start the child its tasks run in; the
    # setting holds while the cluster runs, for the workers its nannies start again.
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken
            silence_logs=logging.ERROR,
        ) as cluster,
    ):
        yield cluster


def map_jobs(
    address: str, jobs: Iterable[ingest.Job], enrich: bool, dictionary: bytes | None
) -> Iterator[list[ingest.Parsed]]:
    """`ingest.work` over `jobs` on the cluster at `address`, results in the jobs' order;
    no cluster is reached or started when there is no job (every file stored already)."""
    todo = iter(jobs)
    first = next(todo, None)
    if first is None:
        return
    with connect(address) as client:
        yield from run_jobs(client, chain([first], todo), enrich, dictionary)


def run_jobs(
    client: Client,
    jobs: Iterable[ingest.Job],
    enrich: bool,
    dictionary: bytes | None,
    task: Any = None,
) -> Iterator[list[ingest.Parsed]]:
    """Each job as one task (`task`, default `run_task`) on `client`'s cluster; a bounded
    number in flight, results in order. A job whose task failed for good (its workers kept
    dying) is one failed item per input it held."""
    from distributed import KilledWorker

    body = task or run_task
    threads = max(1, sum(client.nthreads().values()))
    window = threads * JOBS_PER_THREAD + ingest.WINDOW_JOBS
    # sent to every worker once, not with each task
    shared = client.scatter(dictionary, broadcast=True) if dictionary else None
    cwd = os.getcwd()
    pending: deque[tuple[ingest.Job, Any]] = deque()  # (job, its distributed.Future)

    def result(job: ingest.Job, future: Any) -> list[ingest.Parsed]:
        try:
            return list(future.result())
        except KilledWorker as err:
            return failed(job, f"every worker that read it died ({err})")
        except (CancelledError, OSError, TimeoutError) as err:  # the scheduler is gone
            raise ClusterError(f"lost the Dask cluster: {type(err).__name__}: {err}") from None
        except Exception as err:  # the task itself failed: its inputs, not the ingest
            return failed(job, f"worker failed: {type(err).__name__}: {err}")
        finally:
            future.release()

    try:
        for job in jobs:
            future = client.submit(body, job, enrich, shared, cwd, pure=False, retries=TASK_RETRIES)
            pending.append((job, future))
            if len(pending) >= window:
                yield result(*pending.popleft())
        while pending:
            yield result(*pending.popleft())
    finally:
        for _job, future in pending:  # stopped early: what was not taken is not run
            future.cancel()


def failed(job: ingest.Job, reason: str) -> list[ingest.Parsed]:
    return [ingest.Parsed(source, error=f"{source}: {reason}") for source in sources(job)]


def sources(job: ingest.Job) -> list[str]:
    """The inputs a job reads, as its failures are reported (see `ingest.Job`)."""
    kind = job[0]
    if kind == "files":
        return list(job[1])
    if kind == "lines":
        return [f"{job[1]}:{job[2] + n}" for n in range(len(job[3]))]
    return [job[1]]  # file, corpus, raw


# In each Dask worker process: the child process the tasks run in, for one dictionary.
_pool: tuple[bytes | None, ProcessPoolExecutor] | None = None
_pool_lock = threading.Lock()
_in_thread: dict[bytes | None, codec.Dictionary | None] = {}


def run_task(
    job: ingest.Job, enrich: bool, dictionary: bytes | None, cwd: str
) -> list[ingest.Parsed]:
    """A Dask task: `ingest.work(job)` in this worker's child process. Where the worker
    may not start one (a daemon process), in this thread, without the time budget."""
    global _pool
    import multiprocessing

    if multiprocessing.current_process().daemon:
        if dictionary not in _in_thread:
            log.warning("a daemon Dask worker: parsing in its threads, without a time budget")
            _in_thread[dictionary] = codec.Dictionary(dictionary) if dictionary else None
        return ingest.work(job, enrich, _in_thread[dictionary])
    with _pool_lock:
        if _pool is None or _pool[0] != dictionary:
            if _pool is not None:
                _pool[1].shutdown(wait=False, cancel_futures=True)
            # spawned, so that its parent is this worker (it ends when the worker ends)
            child = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=ingest._start_worker,
                initargs=(dictionary, os.getpid()),
            )
            _pool = (dictionary, child)
        pool = _pool[1]
    try:
        return pool.submit(_in_child, job, enrich, cwd).result()
    except BrokenProcessPool:  # the child was killed: a new one for the task's retry
        with _pool_lock:
            if _pool is not None and _pool[1] is pool:
                _pool = None
        raise


def _in_child(job: ingest.Job, enrich: bool, cwd: str) -> list[ingest.Parsed]:
    """In the worker's child, one job at a time: relative paths are the client's."""
    if cwd != os.getcwd() and os.path.isdir(cwd):
        os.chdir(cwd)
    return ingest._work_in_pool(job, enrich)
