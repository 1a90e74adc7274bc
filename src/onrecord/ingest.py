"""Files in, documents stored: discovery, parallel parsing, batched transactions, a report.

The main process walks the paths (`onrecord.readers.expand`: files, and folders that are
one corpus) and hashes each file: bytes already stored as a current revision are
`unchanged` without being parsed again. Every input is read by `onrecord.readers`, as
`onrecord parse` and the upload endpoint read it. The rest are parsed (and enriched,
if `onrecord.enrich` is installed) in worker processes, streamed back in order, and
written in transactions of a batch each, so a `kill -9` loses at most one batch and
running the same command again completes the work.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: `onrecord search` need not load them (start-up)
    from concurrent.futures import Future

    from tqdm import tqdm

from onrecord import budget, readers
from onrecord.errors import InputError, OnrecordError, OverBudgetError, SchemaError
from onrecord.model import Annotation, Document
from onrecord.sources import RawInput, limits, read_path
from onrecord.store import codec, documents, paragraphs
from onrecord.store.schema import transaction
from onrecord.store.sqlite import bulk_load

log = logging.getLogger(__name__)

BATCH_SECONDS = 1.0  # commit at least this often, so a concurrent writer waits briefly
# Documents per transaction. The last batch is written after the workers are done, alone
# on one core, so a smaller batch shortens that tail (0.17 s instead of 0.25 to 0.3 s on
# the DEV pages) for the same CPU in all (FTS5, commits and the search index cost per
# document, not per batch: measured with 100, 200, 400 and 800).
BATCH_DOCS = 100
# Jobs in flight beyond a few per worker: enough to keep every worker busy while the main
# process commits a batch, and still a bounded number of results in memory.
WINDOW_JOBS = 13
PROGRESS_MIN = 20  # show a progress bar from this many files on
JSONL_CHUNK = 50  # records per worker job: enough to outweigh the cost of sending them
# Pages per worker job: fewer round trips through the process pool (with 4, the main
# process spent 0.05 to 0.1 s more CPU receiving results on the DEV pages).
PAGES_PER_JOB = 8
# An archive without a zstd dictionary gets one (see codec.DICTIONARY_BYTES) when an
# ingest brings this many pages: training from 32 pages takes about 0.01 s and the
# dictionary then serves every later ingest too (it saves about 0.1 ms of CPU per page in
# compressing and writing, and two thirds of the raw bytes). Fewer pages are a quick
# ingest, where the wait would show, and too few samples for a dependable dictionary.
DICTIONARY_MIN_PAGES = 32
DICTIONARY_SAMPLES = 64  # pages spread over the ingest's files...
DICTIONARY_SAMPLE_BYTES = 4_000_000  # ...of at most this many bytes in all
# Worker processes run at a lower priority: the main process (the one writer) is the
# part of the pipeline that cannot be parallel, so it gets the CPU first when it needs it.
WORKER_NICENESS = 5
FILE_SECONDS = budget.FILE_SECONDS  # one file's time budget (`onrecord.budget`)
# Address space a worker may add to what it had at its start, for one file at a time: a
# 49 MB text (the size limit is 50 MB) took 849 MB to parse.
WORKER_MEMORY_BYTES = 3 * 1024**3
PARENT_CHECK_SECONDS = 0.5  # how often a worker looks whether its ingest is still there


@dataclass
class IngestReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    over_budget: int = 0  # of the failed, those over one file's time or memory budget
    # stored, but who said what is unsure (not stored with strict=True: then a failure)
    uncertain: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # seen in a folder, not read
    seconds: float = 0.0
    bytes: int = 0

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["failed"] = [list(f) for f in self.failed]
        data["uncertain"] = [list(u) for u in self.uncertain]
        data["skipped"] = [list(f) for f in self.skipped]
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back: a stored-ready document, or why there is none."""

    source: str
    incoming: documents.Incoming | None = None
    error: str | None = None
    fallback_id: bool = False  # the id is the file name's stem (see readers.IdClaims)
    over_budget: bool = False


def _enricher() -> Callable[[Document], list[Annotation]] | None:
    """`onrecord.enrich.annotate` when the enrichment package is there, else None."""
    try:
        module = importlib.import_module("onrecord.enrich")
    except ImportError:
        return None
    annotate = getattr(module, "annotate", None)
    return annotate if callable(annotate) else None


def _annotate(document: Document, enrich: bool) -> tuple[Annotation, ...]:
    annotate = _enricher() if enrich else None
    if annotate is None:
        return ()
    try:
        return tuple(annotate(document))
    except Exception as err:  # enrichment is optional: a failing enricher never stops ingest
        log.warning("%s: enrichment failed: %s", document.source, err)
        return ()


def prepare(
    raw: RawInput,
    enrich: bool = True,
    dictionary: codec.Dictionary | None = None,
    only: str | None = None,
) -> list[Parsed]:
    """The store-ready documents of one file's bytes, read by `onrecord.readers` and
    enriched; OnrecordError when the input cannot be read. The raw bytes are compressed
    once, a page's with the archive's `dictionary` (trained on pages) if it has one."""
    read = readers.read_bytes(raw, only)
    found = read.documents
    if not found:
        return []
    page = read.format == "page"
    compressed = codec.compress(raw.data, dictionary if page else None)
    # a page's parser hashed exactly these bytes (Document.sha256): no need to hash again
    sha256 = found[0].sha256 if page and found[0].sha256 else None
    return [
        Parsed(
            raw.source,
            documents.Incoming.of(
                document,
                raw.data,
                _annotate(document, enrich),
                "parse" if page else "import",
                sha256=sha256,
                compressed=compressed,
            ),
            fallback_id=document.id in read.by_stem,
        )
        for document in found
    ]


def read_file(
    data: bytes,
    source: str,
    enrich: bool = True,
    dictionary: codec.Dictionary | None = None,
    only: str | None = None,
) -> list[Parsed]:
    """`prepare`, in a worker process: a file that cannot be read is one failed item."""
    try:
        with budget.time_budget(FILE_SECONDS, source):
            parsed = prepare(RawInput(source, data), enrich, dictionary, only)
    except OverBudgetError as err:
        return [Parsed(source, error=str(err), over_budget=True)]
    except OnrecordError as err:
        return [Parsed(source, error=str(err))]
    except MemoryError:
        return [Parsed(source, error=str(budget.over_memory(source)), over_budget=True)]
    except Exception as err:  # a reader bug must fail one file, not the whole ingest
        return [Parsed(source, error=f"reader failed: {type(err).__name__}: {err}")]
    if only is not None and not parsed:  # a stem id made unique in its run (IdClaims)
        return _renamed_to(read_file(data, source, enrich, dictionary), only)
    return parsed


def _renamed_to(parsed: list[Parsed], doc_id: str) -> list[Parsed]:
    """The one document of a file whose stem id was given a suffix when it was stored."""
    named = [p for p in parsed if p.incoming is not None and p.fallback_id]
    if len(named) != 1 or named[0].incoming is None:
        return [Parsed(parsed[0].source if parsed else doc_id, error="document not in its input")]
    return [Parsed(named[0].source, named[0].incoming.renamed(doc_id), fallback_id=True)]


def read_corpus(path: str, enrich: bool = True) -> list[Parsed]:
    """The documents of a corpus folder (one input), with the folder's files bundled as
    the raw input each keeps (stored once: they share its sha256)."""
    try:
        found, data = readers.read_corpus(Path(path))
    except OnrecordError as err:
        return [Parsed(path, error=str(err))]
    except Exception as err:  # a reader bug must fail one input, not the whole ingest
        return [Parsed(path, error=f"reader failed: {type(err).__name__}: {err}")]
    return _corpus_items(found, data, path, enrich)


def _corpus_items(found: list[Document], data: bytes, source: str, enrich: bool) -> list[Parsed]:
    sha256 = hashlib.sha256(data).hexdigest()
    compressed = codec.compress(data)
    return [
        Parsed(
            source,
            documents.Incoming.of(
                doc, data, _annotate(doc, enrich), "corpus", sha256, compressed=compressed
            ),
        )
        for doc in found
    ]


def record(line: bytes, source: str, enrich: bool = True) -> Parsed:
    """A parsed record (one JSONL line), with its own provenance (source, sha256, parser)
    where it has one; the line's bytes are the raw input kept."""
    from onrecord.imports.records import to_document

    try:
        data = limits.loads(line, source)
        if not isinstance(data, dict):
            raise SchemaError("field (record): not a JSON object", source=source)
        data.setdefault("source", source.rsplit(":", 1)[0])
        data.setdefault("sha256", hashlib.sha256(line).hexdigest())
        data.setdefault("parser", {"name": "jsonl", "version": "v1"})
        document = to_document(data, source)  # the JSON Schema, as `onrecord parse` checks
    except OnrecordError as err:
        return Parsed(source, error=str(err))
    annotations = _annotate(document, enrich)
    return Parsed(source, documents.Incoming.of(document, line, annotations, reader="record"))


# A job for a worker: ("file", path) | ("files", [path, ...]) | ("corpus", folder) |
# ("raw", source, bytes, reader, doc id) | ("lines", path, first line number, lines)
Job = tuple[Any, ...]


def work(job: Job, enrich: bool = True, dictionary: codec.Dictionary | None = None) -> list[Parsed]:
    """Run one job in a worker process: read a file, a corpus folder, raw bytes kept by
    the archive, or JSONL lines. Files are kept compressed with `dictionary`."""
    kind = job[0]
    if kind == "files":
        return [parsed for path in job[1] for parsed in work(("file", path), enrich, dictionary)]
    if kind == "file":
        try:
            raw = read_path(job[1])
        except OnrecordError as err:
            return [Parsed(job[1], error=str(err))]
        return read_file(raw.data, job[1], enrich, dictionary)
    if kind == "corpus":
        return read_corpus(job[1], enrich)
    if kind == "raw":
        source, data, reader, doc_id = job[1:]
        if reader == "record":  # a parsed record is kept as it came: nothing to re-parse
            return [record(data, source, enrich=False)]
        if reader == "corpus":  # doc_id: the ids of this corpus to read again
            try:
                found = readers.read_bundle(data, source, only=set(doc_id))
            except OnrecordError as err:
                return [Parsed(source, error=str(err))]
            return _corpus_items(found, data, source, enrich)
        # parse | import (before one registry) | file: the same reader reads them all
        return read_file(data, source, enrich, dictionary, only=doc_id)
    path, first, lines = job[1], job[2], job[3]
    return [record(line, f"{path}:{first + n}", enrich) for n, line in enumerate(lines)]


def jsonl_jobs(path: Path, report: IngestReport) -> Iterator[Job]:
    """JSONL files in chunks of lines, read lazily so memory stays flat."""
    chunk: list[bytes] = []
    first = 1
    with path.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            report.bytes += len(line)
            line = line.rstrip(b"\r\n")
            if not line.strip():
                continue
            if not chunk:
                first = number
            chunk.append(line)
            if len(chunk) >= JSONL_CHUNK:
                yield ("lines", str(path), first, chunk)
                chunk = []
    if chunk:
        yield ("lines", str(path), first, chunk)


_WORKER_DICTIONARY: codec.Dictionary | None = None  # set in each worker at its start


def _start_worker(dictionary: bytes | None, parent: int) -> None:
    """A worker's setup: a lower priority, a memory budget, the archive's dictionary (sent
    once), and an end when the ingest that started it ends, even by `kill -9`."""
    global _WORKER_DICTIONARY
    with suppress(OSError):  # not allowed here: the same work at the same priority
        os.nice(WORKER_NICENESS)
    budget.limit_memory(WORKER_MEMORY_BYTES)
    _WORKER_DICTIONARY = codec.Dictionary(dictionary) if dictionary else None
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """Exit this worker once `parent` is gone: an orphan is adopted by another process."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _work_in_pool(job: Job, enrich: bool) -> list[Parsed]:
    return work(job, enrich, _WORKER_DICTIONARY)


def _load_readers(enrich: bool) -> None:
    """Import the parser (and the enricher) before the worker processes start: forked from
    this process, they find the modules loaded instead of each importing them again."""
    importlib.import_module("onrecord.parse")
    if enrich:
        _enricher()


def bounded_map(
    run: Callable[[Job], list[Parsed]],
    jobs: Iterable[Job],
    workers: int,
    dictionary: bytes | None = None,
) -> Iterator[list[Parsed]]:
    """`map` over worker processes, in order, with a bounded number of results in flight;
    each worker starts with `dictionary` (see `_start_worker`)."""
    from concurrent.futures import ProcessPoolExecutor

    window = workers * 4 + WINDOW_JOBS
    setup = (dictionary, os.getpid())
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=setup) as pool:
        pending: deque[Future[list[Parsed]]] = deque()
        for job in jobs:
            pending.append(pool.submit(run, job))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class Ingest:
    """One ingest run over a connection: parse in workers, store in batches, report."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        workers: int | None,
        progress: bool,
        enrich: bool = True,
        after_batch: Callable[[paragraphs.FtsBatch], object] = lambda batch: None,
        strict: bool = False,
        dask: str | None = None,
    ) -> None:
        self.conn = conn
        self.dask = dask  # a Dask scheduler's address, or local:N (`onrecord.distributed`)
        self.strict = strict  # a document whose attribution is unsure fails, unstored
        self.after_batch = after_batch  # e.g. feed the search index while workers parse
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.progress = progress
        self.enrich = enrich
        self.report = IngestReport()
        self.claims = readers.IdClaims()  # ids given in this run (stems made unique)
        self.stored: list[tuple[str, str, str]] = []  # (document id, title, status), in order
        self.dictionary: codec.Dictionary | None = None  # for raw pages (see `run`)

    def run(self, paths: Iterable[str | os.PathLike[str]]) -> IngestReport:
        started = time.perf_counter()
        inputs = list(readers.expand(paths))
        for item in inputs:  # a path named that is not there: nothing is done
            if not os.path.exists(item.path):
                raise InputError("no such file or folder", source=item.path)
        self.report.skipped = [(i.path, i.skipped) for i in inputs if i.skipped]
        corpora = [i.path for i in inputs if i.corpus]
        for folder in corpora:
            self.report.bytes += sum(
                p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()
            )
        files = [Path(i.path) for i in inputs if not (i.corpus or i.skipped)]
        records = [f for f in files if readers.is_record_lines(f)]
        pages = [f for f in files if f not in records]
        self.dictionary = self._dictionary(pages)
        from tqdm import tqdm

        bar = tqdm(
            total=None if records or corpora else len(files),
            unit="doc",
            disable=not self.progress or len(files) < PROGRESS_MIN,
            dynamic_ncols=True,
        )
        with bar:
            # a page is one document: stored bytes mean nothing to do; an import file may
            # hold several documents, so each is checked on its own
            todo = self._page_jobs(pages, bar)
            folders = (("corpus", path) for path in corpora)
            jsonl = (job for f in records for job in jsonl_jobs(f, self.report))
            self.store(self._parsed(chain(todo, folders, jsonl)), bar)
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _page_jobs(self, files: list[Path], bar: tqdm) -> Iterator[Job]:
        """Pages not stored yet, a few per job; read lazily, so parsing starts at once."""
        chunk: list[str] = []
        for path in self._skip_known(files, bar):
            chunk.append(path)
            if len(chunk) >= PAGES_PER_JOB:
                yield ("files", chunk)
                chunk = []
        if chunk:
            yield ("files", chunk)

    def _skip_known(self, files: list[Path], bar: tqdm) -> Iterator[str]:
        """Files whose exact bytes a current revision holds are unchanged; the rest to parse
        (bytes of an earlier revision only are parsed: they may restore it)."""
        # an archive without any revision knows no bytes: no need to read and hash each
        # file here before a worker reads and hashes it again (a duplicate within this run
        # is still found unchanged when it is stored)
        empty = self.conn.execute("SELECT 1 FROM revisions LIMIT 1").fetchone() is None
        for path in files:
            if not path.is_file():  # missing, or not a file: the worker says so
                yield str(path)
                continue
            if empty:
                with suppress(OSError):  # else the worker says why it cannot read the file
                    self.report.bytes += path.stat().st_size
                yield str(path)
                continue
            try:
                data = path.read_bytes()
            except OSError as err:
                self.report.failed.append((str(path), f"cannot read: {err.strerror}"))
                bar.update()
                continue
            self.report.bytes += len(data)
            holders = documents.current_holders(self.conn, hashlib.sha256(data).hexdigest())
            if holders:
                # its ids are taken in this run: another file of the same stem is another
                # document, as when both were new
                for doc_id, key in holders:
                    self.claims.taken.setdefault(doc_id, (str(path), key))
                self.report.unchanged += 1
                bar.update()
            else:
                yield str(path)

    def _dictionary(self, pages: list[Path]) -> codec.Dictionary | None:
        """The archive's dictionary for raw pages; trained and stored first if it has none
        and this ingest brings enough pages to learn from."""
        stored = codec.stored_dictionary(self.conn)
        if stored is not None or len(pages) < DICTIONARY_MIN_PAGES:
            return stored
        samples = dictionary_samples(pages)
        trained = codec.train_dictionary(samples)
        if trained is None:
            return None
        with transaction(self.conn):
            stored = codec.stored_dictionary(self.conn)  # another ingest's, meanwhile
            if stored is not None:
                return stored
            codec.store_dictionary(self.conn, trained, len(samples))
        log.info("zstd dictionary %d trained on %d pages", trained.id, len(samples))
        return trained

    def _parsed(self, jobs: Iterable[Job]) -> Iterator[Parsed]:
        data = self.dictionary.data if self.dictionary else None
        if self.dask is not None:  # the same `work`, as Dask tasks (onrecord.distributed)
            from onrecord import distributed

            results: Iterable[list[Parsed]] = distributed.map_jobs(
                self.dask, jobs, self.enrich, data
            )
        elif self.workers == 1:
            results = map(partial(work, enrich=self.enrich, dictionary=self.dictionary), jobs)
        else:
            _load_readers(self.enrich)
            run = partial(_work_in_pool, enrich=self.enrich)
            results = bounded_map(run, jobs, self.workers, data)
        for parsed in results:
            yield from parsed

    def store(
        self, items: Iterable[Parsed], bar: tqdm | None = None, *, check_raw: bool = True
    ) -> IngestReport:
        batch: list[Parsed] = []
        deadline = time.monotonic() + BATCH_SECONDS
        with bulk_load(self.conn):
            for item in items:
                batch.append(item)
                if len(batch) >= BATCH_DOCS or time.monotonic() > deadline:
                    self._commit(batch, bar, check_raw=check_raw)
                    batch, deadline = [], time.monotonic() + BATCH_SECONDS
            self._commit(batch, bar, check_raw=check_raw)
        return self.report

    def _commit(self, batch: list[Parsed], bar: tqdm | None, *, check_raw: bool = True) -> None:
        if not batch:
            return
        stored = []  # counted once committed: a full disk must not count a lost batch
        with transaction(self.conn):
            fts = paragraphs.FtsBatch(self.conn)
            for item in batch:
                if item.incoming is None or self._refused_as_uncertain(item):
                    continue
                incoming = self._claimed(item.incoming, item.fallback_id)
                status = documents.put(self.conn, incoming, check_raw=check_raw, fts=fts)
                stored.append((incoming.document.id, incoming.document.title, status))
            fts.flush()
        for doc_id, title, status in stored:
            self.report.count(status)
            self.stored.append((doc_id, title, status))
        for item in batch:
            if item.incoming is None:
                self.report.failed.append((item.source, item.error or "failed"))
                self.report.over_budget += item.over_budget
        self.after_batch(fts)  # the search index takes what was written from memory
        if bar is not None:
            bar.update(len(batch))

    def _claimed(self, incoming: documents.Incoming, fallback: bool) -> documents.Incoming:
        document = incoming.document
        doc_id = self.claims.claim(document, fallback, incoming.text_key)
        return incoming if doc_id == document.id else incoming.renamed(doc_id)

    def put_raw(self, raw: RawInput) -> list[tuple[str, str, str]]:
        """Read, enrich and store one input's bytes here (the upload endpoint): the same
        path as a file of `run`; (id, title, status) of each document. OnrecordError when
        it cannot be read."""
        self.dictionary = codec.stored_dictionary(self.conn)
        # in a child process with a time and memory budget: a page built to hang a reader
        # costs one child, killed when its time is up, and never the server's threads
        items = budget.run_isolated(prepare, (raw, self.enrich, self.dictionary), raw.source)
        first = len(self.stored)
        self.store(items)
        return self.stored[first:]

    def _refused_as_uncertain(self, item: Parsed) -> bool:
        """Report a document whose attribution is unsure; under `strict`, refuse it."""
        assert item.incoming is not None
        from onrecord.parse import attribution  # the parsers load only when ingesting

        reason = attribution.uncertain(item.incoming.document)
        if not reason:
            return False
        source = f"{item.source} ({item.incoming.document.id})"
        (self.report.failed if self.strict else self.report.uncertain).append((source, reason))
        return self.strict

    def reparse(self, doc_ids: list[str]) -> IngestReport:
        """Parse the kept raw input of these documents again; changed parses get a revision."""
        started = time.perf_counter()
        from tqdm import tqdm

        bar = tqdm(
            total=len(doc_ids),
            unit="doc",
            dynamic_ncols=True,
            disable=not self.progress or len(doc_ids) < PROGRESS_MIN,
        )
        self.dictionary = codec.stored_dictionary(self.conn)
        with bar:
            self.store(self._parsed(self._raw_jobs(doc_ids)), bar, check_raw=False)
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _raw_jobs(self, doc_ids: list[str]) -> Iterator[Job]:
        """One job a document; the documents of one kept corpus in one job, which reads
        the corpus once."""
        corpora: dict[str, list[str]] = {}
        for doc_id in doc_ids:
            reader, sha256 = documents.raw_reader(self.conn, doc_id)
            if reader == "corpus":
                corpora.setdefault(sha256, []).append(doc_id)
                continue
            raw = documents.raw(self.conn, doc_id)
            self.report.bytes += len(raw.data)
            yield ("raw", raw.source, raw.data, raw.reader, doc_id)
        for ids in corpora.values():
            raw = documents.raw(self.conn, ids[0])
            self.report.bytes += len(raw.data)
            yield ("raw", raw.source, raw.data, raw.reader, tuple(ids))


def dictionary_samples(pages: list[Path]) -> list[bytes]:
    """The bytes of up to DICTIONARY_SAMPLES pages spread evenly over `pages`, of at most
    DICTIONARY_SAMPLE_BYTES in all; a large page is left out, as is one that cannot be read."""
    count = min(len(pages), DICTIONARY_SAMPLES)
    spread = [pages[i * len(pages) // count] for i in range(count)]
    per_page = DICTIONARY_SAMPLE_BYTES // 16  # so that a few large files do not fill the sample
    samples: list[bytes] = []
    budget = DICTIONARY_SAMPLE_BYTES
    for path in spread:
        try:
            if path.stat().st_size > min(per_page, budget):
                continue
            data = path.read_bytes()
        except OSError:  # the worker reports it when the page's turn comes
            continue
        samples.append(data)
        budget -= len(data)
    return samples
