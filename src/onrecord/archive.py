"""The archive: the library API that the CLI, the web app and the exporters use.

Open it as a context manager; nothing else in onrecord speaks SQL.

    from onrecord.archive import Archive, Filters

    with Archive.open("onrecord.db") as archive:          # None: $ONRECORD_DB or ./onrecord.db
        report = archive.ingest(["pages/"], workers=2, progress=True)
        doc = archive.get("54271")                         # the current revision, a model.Document
        hits = archive.search('"gas prices" OR oil', Filters(speaker="vladimir-putin"))

API (all names importable from `onrecord.archive`)

    Archive.open(path: str | PathLike | None = None, *, create: bool = True,
                 readonly: bool = False, engine: str = "auto") -> Archive
        A file that is not an onrecord database -> NotOnrecordDatabase; a newer schema ->
        SchemaVersionError; in both cases the file is not touched. `create=False` and no
        file -> NotFoundError. Older schemas are migrated on open (not when readonly).
        `engine`: "auto" (Tantivy when its index is in step, else FTS5), "fts5", "tantivy"
        (the same as auto: FTS5 still answers while the index is missing or busy). A
        readonly archive never updates the index: until a writer has, it searches FTS5.
        Two writers at once: the second waits for the first one's transaction (busy
        timeout 60 s), then fails with a StoreError.
    archive.close(); `with Archive.open(...) as archive:`
    archive.path -> Path

  writing
    ingest(paths: Iterable[str | PathLike], *, workers: int | None = None,
           progress: bool = False, enrich: bool = True) -> IngestReport
        Files, folders (recursively, every suffix of `onrecord.readers.FORMATS`; a ConvoKit
        or TEI corpus folder is one input) and globs, each read by `onrecord.readers` as
        `onrecord parse` reads it. JSONL lines are parsed records (`Document.to_dict()`
        form, their own source/sha256/parser kept). A file without a page id is named by
        its stem (`briefing-2024-07-08`; see onrecord.readers for collisions). Same text
        as the current revision: unchanged (other bytes kept beside it); an earlier
        revision's text: a new revision that restores it (RevisionInfo.restores).
        Parsing runs in `workers` processes (default os.cpu_count()), and so does
        `onrecord.enrich.annotate` when that package is installed and `enrich` is true.
        IngestReport(inserted, updated, unchanged, failed: list[tuple[source, message]],
        skipped: list[tuple[path, reason]], seconds, bytes); `report.to_dict()`.
    ingest_bytes(data: bytes, source: str, *, enrich: bool = True) -> list[(id, title, status)]
        One input given as bytes (the upload endpoint), read and enriched as `ingest`
        reads a file named `source`.
    put_document(document: Document, raw: bytes | None = None) -> str
        Store one parsed document; returns "inserted" | "updated" | "unchanged".
    put_documents(items: Iterable[Document | tuple[Document, bytes | None]]) -> list[str]
        The same for many, in one transaction.
    reparse(doc_ids: Iterable[str] | None = None, *, workers=None, progress=False,
            enrich=True) -> IngestReport
        Parse the kept raw input again with the current parser; documents whose parse
        changed get a new revision.
    stale_ids() -> list[str]
        Documents read by an earlier version of their reader than the installed one (each
        reader's version moves when its output for the golden fixtures does).
    put_annotations(doc_id: str, annotations: Iterable[Annotation]) -> int
        Replace the annotations of the current revision made by the same producers.
    merge_speakers(keep: str, absorb: str) -> PersonSummary
    split_speaker(person_id: str, *, name: str | None = None,
                  doc_ids: Sequence[str] = (), new_name: str | None = None) -> PersonSummary
        Archivist corrections; they are stored as rules and survive re-ingest. Split by
        one spelling (`name`) or by documents (`doc_ids`); returns the new person.
    rebuild_index() -> int    the derived search index, from the database (paragraphs),
        and the entity index, from the annotations

  reading
    get(doc_id: str, revision: int | None = None) -> Document       NotFoundError
    raw(doc_id: str, revision: int | None = None) -> StoredInput(source, sha256, data, reader)
    revisions(doc_id: str) -> list[RevisionInfo]   oldest first
    diff(doc_id: str, a: int | None = None, b: int | None = None) -> DocumentDiff
        Default: the previous revision against the current one.
    list_documents(filters: Filters | None = None, *, limit: int = 50, offset: int = 0,
                   sort: str = "newest") -> ResultPage (items: list[DocumentSummary], total,
        limit, offset). `sort` (DOCUMENT_SORTS): newest (date, then id, descending; the
        default) or oldest (ascending); another value -> QueryError.
    neighbours(doc_id: str) -> (previous, next): DocumentSummary | None each
        The documents just before (older) and after (newer) in (date, id) order, as a
        reader pages through the archive; an unknown id -> NotFoundError.
    iter_documents(filters: Filters | None = None) -> Iterator[Document]
        Streams current revisions ordered by (date, id); memory stays flat.
    search(query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
           facets: bool = False, sort: str = "relevance") -> SearchResult
        Syntax: words (all must match), "a phrase", prefix*, OR, NOT word, -word,
        parentheses. Invalid syntax -> QueryError. A word matches its other forms and
        spellings (`militant` finds `militants`, `defense` finds `defence`) and the
        transcript's title and lead, the speaker's name and the place (a title weighs
        most); a phrase matches exactly. `sort`: relevance, newest, oldest. No hits: the
        result offers `did_you_mean` and, for several words, the hits of any of them
        (`relaxed`). Hits are paragraphs of current
        revisions (turns, and the preamble as turn -1), BM25-ranked, with snippet +
        highlight offsets and a permalink `ID#t12-p3` (turn 12, paragraph 3, 0-based;
        `ID#p3` in the preamble). `facets=True` adds counts by year,
        speaker and place over all matches.
    ask(question: str, filters: Filters | None = None, *, limit: int = 10) -> AskResult
        Plain-language questions (`what did Putin say about Afghanistan?`): the turns
        that answer best, each with its best paragraph and sentence (see onrecord.ask).
        An empty question, or one over 1,000 characters -> QueryError.
    speakers(search: str | None = None, *, limit: int | None = None, offset: int = 0)
        -> list[PersonSummary]   most words first; generic voices are not persons
    speaker(person_id: str) -> PersonDetail   (a merged-away id resolves to the survivor)
    stats(doc_id: str | None = None) -> Stats
    annotations(doc_id: str, kind: str | Sequence[str] | None = None) -> list[Annotation]
        Of the current revision, by (turn, start); several kinds: kind by kind, as given

  entities (the entity index: onrecord.store.entity_index, kept on every write; the
  pages and reports built on it are onrecord.entities)
    entities(*, limit: int = 200, offset: int = 0) -> ResultPage (items: list[EntityTotal])
        Entities named in current revisions, most mentioned first (ties by key). A key is
        the gazetteer id, else the name; a span named by two producers counts once.
    entity_total(key: str) -> EntityTotal     NotFoundError when nothing names it
    entity_mentions(key: str, *, limit: int | None = None, offset: int = 0,
                    newest: bool = False, doc_ids: Iterable[str] | None = None)
        -> list[EntityMention]   oldest first (date, document, turn, start); `newest`:
        the reverse; of `doc_ids` only, when given
    entity_timeline(key: str) -> dict[year, mentions]   ("" for undated documents)
    co_mentioned(key: str, *, limit: int = 20) -> list[(key, documents in common)]
    content_hash() -> str
        sha256 over (id, revision, sha256 of raw, parser, content hash) of every current
        revision and its annotations, in id order: equal archives give equal hashes.

JSON shapes (`to_dict()`, used by `--format json` and the web API)

    Stats: {doc_id, documents, revisions, turns, paragraphs, words, speakers (count),
            by_speaker: [{person_id, name, turns, words, share, documents}],
            date_from, date_to}      (generic voices: person_id "", grouped by label)
    PersonSummary: {id, name, roles: [{role, first, last, documents}], documents, turns,
                    words, names}
    PersonDetail: PersonSummary + {words_per_year: {year: words}, appearances: [DocumentSummary]}
    DocumentSummary: {id, title, date, time, place, url, source, revision, revisions,
                      turns, words, speakers: [name]}
    SearchResult: {query, total, limit, offset, engine, sort, did_you_mean, relaxed,
                   hits: [SearchHit],
                   facets: {year|speaker|place: [{value, count}]} or {}}
    AskResult: {question, mode, engine, notice, clues, hits: [AskHit]}
    AskHit: {doc_id, turn_index, paragraph, text, speaker, speaker_id, role, date, title,
             place, permalink, score, answer, answer_span, highlights}
    SearchHit: {doc_id, turn, paragraph, speaker_id, speaker, role, date, title, place,
                snippet, highlights: [[start, end]], permalink, score}
    EntityTotal: {key, id, name, type, mentions, documents}
    EntityMention: {doc_id, date, turn, start, end, text}
    RevisionInfo: {doc_id, revision, source, sha256, parser, ingested_at, current,
                  restores (revision number or null), also: [source of the same text]}
    DocumentDiff: {doc_id, a, b, restores (the revision b restores, or null), identical,
                   changes: [{field, old, new}], text_diff: [line]}
    IngestReport: {inserted, updated, unchanged, failed: [[source, message]],
                  skipped: [[path, reason]], seconds, bytes}

Storage: SQLite (the record) and a derived Tantivy index in `<db>.index/` beside it,
rebuilt from the database whenever it is missing or behind (see onrecord.store).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import cast

from onrecord import ask as asking
from onrecord import ingest as ingesting
from onrecord import readers, sources
from onrecord.ask import AskHit, AskResult
from onrecord.diffing import diff_documents
from onrecord.errors import NotFoundError, QueryError, ReadOnlyDatabaseError, StoreError
from onrecord.ingest import IngestReport
from onrecord.model import Annotation, Document
from onrecord.search import engine as searching
from onrecord.search import fts
from onrecord.search.results import Facet, SearchHit, SearchResult
from onrecord.search.tantivy_index import TantivyIndex
from onrecord.store import (
    aggregates,
    annotation_rows,
    backend,
    documents,
    entity_index,
    paragraphs,
    persons,
    vocabulary,
)
from onrecord.store import vectors as embedding
from onrecord.store.entity_index import EntityMention, EntityTotal
from onrecord.store.records import (
    DocumentDiff,
    DocumentSummary,
    Filters,
    PersonDetail,
    PersonSummary,
    ResultPage,
    RevisionInfo,
    RoleSpan,
    SpeakerShare,
    Stats,
    StoredInput,
)
from onrecord.store.schema import transaction
from onrecord.store.sqlite import check_writable, connect, failure, readonly_file, resolve_path
from onrecord.store.watches import WatchStore

__all__ = [
    "DOCUMENT_SORTS",
    "Archive",
    "AskHit",
    "AskResult",
    "DocumentDiff",
    "DocumentSummary",
    "EntityMention",
    "EntityTotal",
    "Facet",
    "Filters",
    "IngestReport",
    "PersonDetail",
    "PersonSummary",
    "ResultPage",
    "RevisionInfo",
    "RoleSpan",
    "SearchHit",
    "SearchResult",
    "SpeakerShare",
    "Stats",
    "StoredInput",
    "document_sort",
]

log = logging.getLogger(__name__)
# "auto": the Tantivy index beside the database when it is in step, else FTS5 inside it.
ENGINES = ("auto", "tantivy", "fts5")
DOCUMENT_SORTS = documents.SORTS  # list_documents' orders: newest (the default), oldest


class Archive:
    """An open archive: one SQLite connection and, beside it, the derived search index."""

    def __init__(
        self, conn: sqlite3.Connection, path: str, readonly: bool = False, engine: str = "auto"
    ) -> None:
        if engine not in ENGINES:
            raise StoreError(f"unknown search engine {engine!r}; one of {', '.join(ENGINES)}")
        self._conn = conn
        self.postgres = backend.is_url(path)
        # a PostgreSQL archive's path is its URL without the password
        self.path = Path(path) if not self.postgres else Path(backend.redact(path))
        self.location = backend.redact(path) if self.postgres else str(self.path)
        self.readonly = readonly
        self._write_checked = self.postgres  # no file to check: the server says
        self._index: TantivyIndex | None = None
        self._index_warned = False
        if self.postgres and engine == "fts5":
            raise StoreError(
                "FTS5 is SQLite's; a PostgreSQL archive is searched with its Tantivy index"
            )
        if engine != "fts5" and path != ":memory:":
            self._index = TantivyIndex(conn, path)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        readonly: bool = False,
        engine: str = "auto",
    ) -> Archive:
        resolved = resolve_path(path)
        if backend.is_url(resolved):
            pg = backend.connect(resolved, create=create, readonly=readonly)
            try:  # the store's SQL runs on it as on a sqlite3.Connection (see backend)
                return cls(cast(sqlite3.Connection, pg), resolved, readonly, engine)
            except BaseException:
                pg.close()
                raise
        # a file that cannot be written (permissions, a read-only disk) is still read
        target = Path(resolved)
        readonly = readonly or (
            resolved != ":memory:" and target.is_file() and readonly_file(target)
        )
        conn = connect(resolved, create=create, readonly=readonly)
        try:
            return cls(conn, resolved, readonly, engine)
        except BaseException:
            conn.close()
            raise

    @property
    def connection_lost(self) -> bool:
        """Whether the database server dropped this archive's connection (PostgreSQL; a
        SQLite file has none to lose): reopen the archive to go on."""
        return bool(getattr(self._conn, "lost", False))

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # writing

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        workers: int | None = None,
        progress: bool = False,
        enrich: bool = True,
        strict: bool = False,
        dask: str | None = None,
    ) -> IngestReport:
        """Store the transcripts in `paths`. A document whose attribution is unsure is
        stored and listed in `report.uncertain`; with `strict`, it is a failure instead.
        With `dask` (a scheduler's address, or `local:N`), files are parsed and enriched
        as Dask tasks on that cluster (`onrecord.distributed`) and stored here."""
        run = ingesting.Ingest(self._conn, workers, progress, enrich, strict=strict, dask=dask)
        with self._writing(lambda: _stored(run.report)):
            with self._index_feed() as feed:
                run.after_batch = feed
                report = run.run(paths)
            self._after_write()
        return report

    def ingest_bytes(
        self, data: bytes, source: str, *, enrich: bool = True
    ) -> list[tuple[str, str, str]]:
        """Read, enrich and store one input given as bytes (the upload endpoint), exactly
        as `ingest` reads a file of that name; (id, title, status) of each document.
        OnrecordError (InputError, NoStructureError...) when it cannot be read."""
        with self._index_feed() as feed:
            stored = ingesting.Ingest(self._conn, 1, False, enrich, feed).put_raw(
                sources.RawInput(source, data)
            )
        self._after_write()
        return stored

    def put_document(self, document: Document, raw: bytes | None = None) -> str:
        return self.put_documents([(document, raw)])[0]

    def put_documents(self, items: Iterable[Document | tuple[Document, bytes | None]]) -> list[str]:
        """Store parsed documents in one transaction; without raw bytes, their JSON is kept."""
        statuses = []
        with self._writing(), transaction(self._conn):
            batch = paragraphs.FtsBatch(self._conn)
            for item in items:
                document, raw = item if isinstance(item, tuple) else (item, None)
                data = raw if raw is not None else json.dumps(document.to_dict()).encode()
                incoming = documents.Incoming.of(document, data)
                statuses.append(documents.put(self._conn, incoming, fts=batch))
            batch.flush()
        self._after_write()
        return statuses

    def reparse(
        self,
        doc_ids: Iterable[str] | None = None,
        *,
        workers: int | None = None,
        progress: bool = False,
        enrich: bool = True,
    ) -> IngestReport:
        ids = list(doc_ids) if doc_ids is not None else self._all_ids()
        for doc_id in ids:
            documents.current_revision(self._conn, doc_id)  # NotFoundError before any work
        run = ingesting.Ingest(self._conn, workers, progress, enrich)
        with self._writing(lambda: _stored(run.report)):
            with self._index_feed() as feed:
                run.after_batch = feed
                report = run.reparse(ids)
            self._after_write()
        return report

    def put_annotations(self, doc_id: str, annotations: Iterable[Annotation]) -> int:
        with self._writing(), transaction(self._conn):
            return annotation_rows.put(self._conn, doc_id, annotations)

    def merge_speakers(self, keep: str, absorb: str) -> PersonSummary:
        with self._writing(), transaction(self._conn):
            survivor = persons.merge(self._conn, keep, absorb)
        self._after_write()
        return self.speaker(survivor).person

    def split_speaker(
        self,
        person_id: str,
        *,
        name: str | None = None,
        doc_ids: Sequence[str] = (),
        new_name: str | None = None,
    ) -> PersonSummary:
        if bool(name) == bool(doc_ids):
            raise StoreError("split by one spelling (name) or by documents (doc_ids), not both")
        with self._writing(), transaction(self._conn):
            if name:
                new_id = persons.split_name(self._conn, person_id, name, new_name)
            else:
                label = new_name or f"{self.speaker(person_id).person.name} (split)"
                new_id = persons.split_docs(self._conn, person_id, list(doc_ids), label)
        self._after_write()
        return self.speaker(new_id).person

    @contextmanager
    def _writing(self, stored: Callable[[], str] = str) -> Iterator[None]:
        """Around a write: refuse a read-only or damaged file before the first one, and say
        what a fault of the disk or the file means (`stored`: what was written before it)."""
        if self.readonly:
            raise ReadOnlyDatabaseError(
                "the database is read-only here (the file, its folder or the disk cannot be"
                " written): reading works, writing needs write permission",
                source=self.location,
            )
        if not self._write_checked:
            check_writable(self._conn, self.location)
            self._write_checked = True
        try:
            yield
        except (sqlite3.Error, OSError, StoreError) as err:
            # a bare StoreError wraps SQLite's error (see `transaction`): say what it means
            cause = err.__cause__ if type(err) is StoreError else err
            mapped = failure(cause, self.location, stored()) if cause is not None else None
            if mapped is None:
                raise
            raise mapped from err

    def rebuild_index(self) -> int:
        """Rebuild the derived search index (and the sentence vectors, with the `dense`
        extra) from the database, and the entity index from the annotations; returns
        documents indexed."""
        if not self.readonly:
            with self._writing(), transaction(self._conn):
                entity_index.rebuild(self._conn)
        embedding.after_write(self._conn, self.readonly, fresh=True)
        if self._index is None:
            return 0
        return self._index.rebuild()

    @contextmanager
    def _index_feed(self) -> Iterator[Callable[[paragraphs.FtsBatch], object]]:
        """A callback that feeds the search index batch by batch while workers parse (one
        commit at the end); a no-op when there is no index or another process updates it."""
        if self._index is None or self.readonly:
            yield lambda batch: None
            return
        with _index_commit_faults(), ExitStack() as stack:
            try:
                updater = stack.enter_context(self._index.updating())
            except (ValueError, OSError) as err:
                log.info("search index not fed during this ingest (%s)", err)
                yield lambda batch: None
                return
            failed: list[Exception] = []

            def feed(batch: paragraphs.FtsBatch) -> None:
                if not failed:
                    try:
                        updater.catch_up(batch)
                    except (ValueError, OSError) as err:  # the record is safe; catch up later
                        failed.append(err)

            yield feed

    def _after_write(self) -> None:
        """Bring the derived search index (and the sentence vectors) in step with the
        database, if nobody else is."""
        embedding.after_write(self._conn, self.readonly)
        if self._index is None or self.readonly:
            return
        try:
            self._index.sync()
        except (ValueError, OSError) as err:  # another process holds the index writer
            log.info("search index not updated now (%s); the next search catches up", err)

    def _all_ids(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT id FROM documents ORDER BY id")]

    def stale_ids(self) -> list[str]:
        """Documents whose current revision was read by an earlier version of its reader
        (`onrecord.readers.FORMATS`) than the one installed: what `reparse` would change."""
        rows = self._conn.execute(
            "SELECT d.id, r.parser FROM documents d JOIN revisions r"
            " ON r.doc_id = d.id AND r.revision = d.revision ORDER BY d.id"
        )
        return [doc_id for doc_id, parser in rows if readers.is_stale(parser)]

    # reading

    def get(self, doc_id: str, revision: int | None = None) -> Document:
        return documents.get(self._conn, doc_id, revision)

    def raw(self, doc_id: str, revision: int | None = None) -> StoredInput:
        return documents.raw(self._conn, doc_id, revision)

    def revisions(self, doc_id: str) -> list[RevisionInfo]:
        return documents.revisions(self._conn, doc_id)

    def diff(self, doc_id: str, a: int | None = None, b: int | None = None) -> DocumentDiff:
        current = documents.current_revision(self._conn, doc_id)
        b = b or current
        a = a or max(1, b - 1)
        result = diff_documents(doc_id, a, b, self.get(doc_id, a), self.get(doc_id, b))
        restores = next((r.restores for r in self.revisions(doc_id) if r.revision == b), None)
        return replace(result, restores=restores)

    def list_documents(
        self,
        filters: Filters | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
        sort: str = "newest",
    ) -> ResultPage:
        return documents.list_documents(self._conn, filters, limit, offset, document_sort(sort))

    def neighbours(self, doc_id: str) -> tuple[DocumentSummary | None, DocumentSummary | None]:
        return documents.neighbours(self._conn, doc_id)

    def iter_documents(self, filters: Filters | None = None) -> Iterator[Document]:
        return documents.iter_documents(self._conn, filters)

    def search(
        self,
        query: str,
        filters: Filters | None = None,
        *,
        limit: int = 20,
        offset: int = 0,
        facets: bool = False,
        sort: str = "relevance",
    ) -> SearchResult:
        engine = self._engine()
        try:
            return searching.run(
                self._conn,
                engine,
                query,
                filters,
                limit=limit,
                offset=offset,
                facets=facets,
                sort=sort,
            )
        except (ValueError, OSError) as err:
            if engine is not self._index or self.postgres:
                raise
            # a damaged index (a segment file gone): the record in the database still answers
            self._warn_index_broken(err)
            return searching.run(
                self._conn,
                fts.FtsEngine(self._conn),
                query,
                filters,
                limit=limit,
                offset=offset,
                facets=facets,
                sort=sort,
            )

    def ask(self, question: str, filters: Filters | None = None, *, limit: int = 10) -> AskResult:
        return asking.ask(self._conn, self._engine(), question, filters, limit=limit)

    def _engine(self) -> searching.Engine:
        """Tantivy when its index is in step (catching up first if it may), else FTS5."""
        if self._index is not None:
            try:
                behind = self._index.behind()
                # a PostgreSQL archive's index is this node's own: a reader keeps it in step
                if behind and (not self.readonly or self.postgres):
                    self._index.sync()
                    behind = self._index.behind()
                if not behind:
                    return self._index
                if self.postgres:
                    return self._stale_index()
                self._warn_index_behind()
            except (ValueError, OSError) as err:
                if self.postgres:
                    return self._stale_index(err)
                log.info("search index unavailable (%s); searching with FTS5", err)
        return fts.FtsEngine(self._conn)

    def _stale_index(self, err: Exception | None = None) -> searching.Engine:
        """PostgreSQL has no FTS5: an index another process is updating answers as it was
        at its last commit; none at all is an error that says what to run."""
        assert self._index is not None
        if self._index.usable():
            if not self._index_warned:
                self._index_warned = True
                log.warning(
                    "%s: the search index is behind the database (%s); searching it as it is",
                    self.location,
                    err or "another process is updating it",
                )
            return self._index
        raise StoreError(
            f"no search index of this archive at {self._index.path} ({err or 'busy'});"
            " run `onrecord reindex` (or wait for the process building it)",
            source=self.location,
        )

    def _warn_index_behind(self) -> None:
        if not self._index_warned:  # once: a server would say it at every search
            self._index_warned = True
            log.warning(
                "%s: the search index is behind the database or from an older onrecord; "
                "searching with FTS5 (slower) until `onrecord reindex` or the next ingest",
                self.location,
            )

    def _warn_index_broken(self, err: Exception) -> None:
        if not self._index_warned:
            self._index_warned = True
            log.warning(
                "%s: the search index cannot be read (%s); searching with FTS5 (slower) "
                "until `onrecord reindex` rebuilds it",
                self.location,
                err,
            )

    def speakers(
        self, search: str | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[PersonSummary]:
        return aggregates.person_summaries(self._conn, search, limit, offset)

    def speaker(self, person_id: str, *, limit: int | None = None, offset: int = 0) -> PersonDetail:
        """A person and their documents (oldest first; `limit` of them from `offset`)."""
        return aggregates.person_detail(self._conn, person_id, limit, offset)

    def stats(self, doc_id: str | None = None) -> Stats:
        return aggregates.stats(self._conn, doc_id)

    def document_facets(
        self, places: int = 10
    ) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """(year, documents) newest first, and the commonest (place, documents)."""
        return aggregates.document_facets(self._conn, places)

    def annotations(self, doc_id: str, kind: str | Sequence[str] | None = None) -> list[Annotation]:
        return annotation_rows.list_for(self._conn, doc_id, kind)

    def content_hash(self) -> str:
        return documents.content_digest(self._conn)

    def entities(self, *, limit: int = 200, offset: int = 0) -> ResultPage:
        items, total = entity_index.totals(self._conn, limit, offset)
        return ResultPage(items=list(items), total=total, limit=limit, offset=offset)

    def entity_total(self, key: str) -> EntityTotal:
        found = entity_index.total_of(self._conn, key)
        if found is None:
            raise NotFoundError(f"no mentions of {key[:60]!r}")
        return found

    def entity_mentions(
        self,
        key: str,
        *,
        limit: int | None = None,
        offset: int = 0,
        newest: bool = False,
        doc_ids: Iterable[str] | None = None,
    ) -> list[EntityMention]:
        limit = aggregates.NO_LIMIT if limit is None else limit
        return entity_index.mentions(self._conn, key, limit, offset, newest=newest, doc_ids=doc_ids)

    def entity_timeline(self, key: str) -> dict[str, int]:
        return entity_index.per_year(self._conn, key)

    def co_mentioned(self, key: str, *, limit: int = 20) -> list[tuple[str, int]]:
        return entity_index.co_mentioned(self._conn, key, limit)

    def speaker_spellings(self) -> dict[str, int]:
        """Every spelling of a speaker's name in the archive -> documents it is in."""
        return vocabulary.spellings(self._conn)

    def paragraphs_with(self, word: str) -> int:
        """In how many paragraphs of the archive a word is (case and accents aside): from
        FTS5's vocabulary, or on PostgreSQL (no FTS5) from the node's Tantivy index."""
        if self.postgres:
            return cast(TantivyIndex, self._engine()).paragraphs_with(word)
        return vocabulary.paragraphs_with(self._conn, word)

    @property
    def watches(self) -> WatchStore:
        """The saved questions' tables (onrecord.watch reads and writes them)."""
        return WatchStore(self._conn)


def document_sort(sort: str) -> str:
    """`sort` if it is one of DOCUMENT_SORTS, else a QueryError naming them."""
    problem = documents.sort_problem(sort)
    if problem:
        raise QueryError(problem)
    return sort


def _stored(report: IngestReport) -> str:
    return f"inserted {report.inserted}, updated {report.updated}, unchanged {report.unchanged}"


@contextmanager
def _index_commit_faults() -> Iterator[None]:
    """The index's commit at the end of an ingest failed: the record is safe and FTS5
    answers meanwhile. A full disk is said as one (`Archive._writing` reports what was
    stored); anything else is logged, and the next search or `onrecord reindex` catches up."""
    try:
        yield
    except (ValueError, OSError) as err:
        if "os error 28" in str(err) or getattr(err, "errno", None) == errno.ENOSPC:
            raise OSError(errno.ENOSPC, f"search index: {err}") from err
        log.warning("search index not updated (%s); `onrecord reindex` rebuilds it", err)
