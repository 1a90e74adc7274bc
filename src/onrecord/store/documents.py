"""Documents and their revisions: put, get, list, stream. Every revision keeps its raw input."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

import orjson
import zstandard

from onrecord.errors import NotFoundError, StoreError
from onrecord.model import Annotation, Document, Turn
from onrecord.speakers import fold
from onrecord.store import annotation_rows, persons
from onrecord.store.annotation_rows import current_revision
from onrecord.store.records import DocumentSummary, Filters, Page, RawInput, RevisionInfo

log = logging.getLogger(__name__)

# Raw inputs and revision bodies are compressed with zstd level 1: on the 2,170 DEV pages
# it takes 0.18 s of CPU where zlib level 1 took 0.50 s, and keeps 25% of the bytes (zlib
# level 1: 27%). Blobs written by earlier versions are zlib; `decompress` reads both, told
# apart by the zstd frame's magic number (a zlib stream starts with 0x78).
CODEC = "zstd"
ZSTD_LEVEL = 1
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# Raw pages of one site share most of their bytes (the site's chrome), so an archive keeps
# a zstd dictionary trained on its own pages (table zstd_dictionaries) and compresses raw
# pages with it: on the DEV pages 6.5 MB of blobs instead of 19.5 MB, in 0.08 s of CPU
# instead of 0.13 s. Fastcover with fixed parameters trains a 64 KB dictionary from 64
# pages in 0.02 s; letting zstd search for k and d took 0.03 to 0.12 s and, from 32 to 64
# pages, sometimes chose k=50, whose dictionary saved half as much.
DICTIONARY_BYTES = 65_536
DICTIONARY_SHARE = 10  # a dictionary of at most 1/10 of its sample: zstd wants far more sample
_DICTIONARY_MIN = 1_024
_FASTCOVER = {"k": 2048, "d": 8, "level": ZSTD_LEVEL}
PREAMBLE = -1  # the turn index of paragraphs before the first turn (narration, news text)
INSERTED, UPDATED, UNCHANGED = "inserted", "updated", "unchanged"
# Fields that say where a parse came from, not what the transcript says: two parses
# that differ only here are the same content.
_PROVENANCE = ("source", "sha256", "parser")
_CONTENT = tuple(f.name for f in fields(Document) if f.name not in _PROVENANCE)


@dataclass(frozen=True)
class Incoming:
    """A parsed document on its way into the store, with the raw bytes it came from."""

    document: Document
    raw: bytes  # compressed raw input (see `compress`)
    raw_size: int
    sha256: str  # of the raw input, uncompressed
    body: bytes  # compressed JSON of the document
    digest: str  # content_hash of the document
    annotations: tuple[Annotation, ...] = ()
    reader: str = "parse"  # how to read the raw input again: parse | record | import
    folded: tuple[str, ...] = ()  # speakers.fold() of each paragraph, for the FTS5 index
    words: tuple[int, ...] = ()  # words of each paragraph, in the same order

    @classmethod
    def of(
        cls,
        document: Document,
        data: bytes,
        annotations: tuple[Annotation, ...] = (),
        reader: str = "parse",
        sha256: str | None = None,
        dictionary: Dictionary | None = None,
    ) -> Incoming:
        """Everything costly about storing a document, done where it was parsed (a worker).

        `sha256`: the hash of `data` when the caller has it (the parser computes it).
        `dictionary`: the archive's dictionary for raw pages (the body never uses one)."""
        body, digest = _encode(document)
        sha256 = sha256 or hashlib.sha256(data).hexdigest()
        raw = compress(data, dictionary)
        texts = list(_texts(document))
        folded = tuple(fold(text) for text in texts)
        words = tuple(len(text.split()) for text in texts)
        return cls(
            document,
            raw,
            len(data),
            sha256,
            compress(body),
            digest,
            annotations,
            reader,
            folded,
            words,
        )


def _texts(document: Document) -> Iterator[str]:
    """Paragraph texts in the order of the paragraph rows: turns, then the preamble."""
    for turn in document.turns:
        yield from turn.paragraphs
    yield from document.preamble


_LOCAL = threading.local()  # zstd contexts are not safe to share between threads


class Dictionary:
    """A zstd dictionary for raw pages; its id is in the header of every frame it wrote."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zstd = zstandard.ZstdCompressionDict(data)
        self.id = self.zstd.dict_id()


def train_dictionary(samples: list[bytes]) -> Dictionary | None:
    """A dictionary trained on these inputs, or None when zstd cannot make a useful one."""
    size = min(DICTIONARY_BYTES, sum(map(len, samples)) // DICTIONARY_SHARE)
    if size < _DICTIONARY_MIN:
        return None
    buffers: list[bytes | bytearray | memoryview] = list(samples)
    try:
        trained = zstandard.train_dictionary(size, buffers, **_FASTCOVER)
    except zstandard.ZstdError as err:  # too few or too small samples
        log.info("no zstd dictionary trained (%s)", err)
        return None
    return Dictionary(trained.as_bytes())


def store_dictionary(conn: sqlite3.Connection, dictionary: Dictionary, samples: int) -> None:
    """Keep a dictionary in the archive, inside the caller's transaction."""
    conn.execute(
        "INSERT OR IGNORE INTO zstd_dictionaries (id, data, samples, created_at)"
        " VALUES (?, ?, ?, ?)",
        (dictionary.id, dictionary.data, samples, now()),
    )


def stored_dictionary(conn: sqlite3.Connection) -> Dictionary | None:
    """The archive's dictionary for raw pages (the newest, should there be several)."""
    row = conn.execute(
        "SELECT data FROM zstd_dictionaries ORDER BY created_at DESC, rowid DESC LIMIT 1"
    ).fetchone()
    return None if row is None else Dictionary(row[0])


def _per_thread(name: str) -> dict[int, Any]:
    """This thread's cache `name` (zstd contexts by dictionary id, 0 for none)."""
    cache: dict[int, Any] | None = getattr(_LOCAL, name, None)
    if cache is None:
        cache = {}
        setattr(_LOCAL, name, cache)
    return cache


def _compressor(dictionary: Dictionary | None) -> zstandard.ZstdCompressor:
    compressors: dict[int, zstandard.ZstdCompressor] = _per_thread("compressors")
    key = dictionary.id if dictionary else 0
    compressor = compressors.get(key)
    if compressor is None:
        zstd_dict = dictionary.zstd if dictionary else None
        compressor = compressors[key] = zstandard.ZstdCompressor(
            level=ZSTD_LEVEL, dict_data=zstd_dict
        )
    return compressor


def compress(data: bytes, dictionary: Dictionary | None = None) -> bytes:
    """A zstd frame (with its content size, so it decompresses in one call), written with
    `dictionary` when given (the frame names its id)."""
    return _compressor(dictionary).compress(data)


def decompress(blob: bytes, conn: sqlite3.Connection | None = None) -> bytes:
    """A stored blob's bytes: zstd (this version, with or without one of the dictionaries
    of `conn`'s archive) or zlib (databases written before)."""
    if blob[:4] == _ZSTD_MAGIC:
        try:
            dict_id = zstandard.get_frame_parameters(blob).dict_id
        except zstandard.ZstdError as err:
            raise StoreError(f"a stored blob has a broken zstd frame ({err})") from err
        return _decompressor(conn, dict_id).decompress(blob)
    try:
        return zlib.decompress(blob)
    except zlib.error as err:
        raise StoreError(f"a stored blob is neither zstd nor zlib ({err})") from err


# Dictionaries read from archives, by id. zstd derives a trained dictionary's id from its
# content, so one id is one dictionary whichever archive it came from; each read still
# asks its own archive whether it has the dictionary (a cheap lookup by key).
_DICTIONARIES: dict[int, zstandard.ZstdCompressionDict] = {}


def _decompressor(conn: sqlite3.Connection | None, dict_id: int) -> zstandard.ZstdDecompressor:
    decompressors: dict[int, zstandard.ZstdDecompressor] = _per_thread("decompressors")
    if dict_id:
        _check_dictionary(conn, dict_id)
    decompressor = decompressors.get(dict_id)
    if decompressor is None:
        zstd_dict = _DICTIONARIES[dict_id] if dict_id else None
        decompressor = decompressors[dict_id] = zstandard.ZstdDecompressor(dict_data=zstd_dict)
    return decompressor


def _check_dictionary(conn: sqlite3.Connection | None, dict_id: int) -> None:
    """Fail with a StoreError unless the archive has dictionary `dict_id`; load it once."""
    if conn is None:
        raise StoreError(f"a stored blob needs zstd dictionary {dict_id}; no archive to read it")
    column = "1" if dict_id in _DICTIONARIES else "data"
    try:
        row = conn.execute(
            f"SELECT {column} FROM zstd_dictionaries WHERE id = ?", (dict_id,)
        ).fetchone()
    except sqlite3.OperationalError:  # a database from before dictionaries
        row = None
    if row is None:
        raise StoreError(f"a stored blob needs zstd dictionary {dict_id}, which the archive lacks")
    if dict_id not in _DICTIONARIES:
        _DICTIONARIES[dict_id] = zstandard.ZstdCompressionDict(row[0])


def content_hash(document: Document) -> str:
    """What a transcript says, hashed: equal for two parses that differ only in provenance."""
    return _encode(document)[1]


def _turn_dict(turn: Turn) -> dict[str, Any]:
    """`Document.to_dict()`'s form of a turn: its fields, times only when set, and text."""
    data: dict[str, Any] = {
        "index": turn.index,
        "label": turn.label,
        "speaker": turn.speaker,
        "paragraphs": turn.paragraphs,
    }
    if turn.start is not None:
        data["start"] = turn.start
    if turn.end is not None:
        data["end"] = turn.end
    data["text"] = turn.text
    return data


def _encode(document: Document) -> tuple[bytes, str]:
    """The document as JSON (the form of `Document.to_dict()`), and the hash of its
    content part, from one encoding.

    The dict is built by hand and encoded by orjson, which serialises the nested
    dataclasses (speakers, notes) in field order itself: five times faster than
    `dataclasses.asdict` and `json.dumps`. The content keys come first in the dataclass's
    field order, so the encoding is stable; the provenance follows.
    """
    content: dict[str, Any] = {name: getattr(document, name) for name in _CONTENT}
    content["turns"] = [_turn_dict(turn) for turn in document.turns]
    encoded = orjson.dumps(content)
    digest = hashlib.sha256(encoded).hexdigest()
    provenance = {k: getattr(document, k) for k in _PROVENANCE}
    return encoded[:-1] + b"," + orjson.dumps(provenance)[1:], digest


def _legacy_digest(document: Document) -> str:
    """The content hash as versions before orjson computed it (`json.dumps`, default
    separators): revisions stored by them carry this one."""
    record = document.to_dict()
    content = json.dumps(
        {k: v for k, v in record.items() if k not in _PROVENANCE}, ensure_ascii=False
    )
    return hashlib.sha256(content.encode()).hexdigest()


def parser_name(document: Document) -> str:
    name = document.parser.get("name", "unknown")
    version = document.parser.get("version", "")
    return f"{name}.{version}" if version and not name.endswith(version) else name


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def known_sha256(conn: sqlite3.Connection, sha256: str) -> bool:
    """Whether some stored revision was parsed from exactly these bytes."""
    row = conn.execute("SELECT 1 FROM revisions WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
    return row is not None


@dataclass(frozen=True)
class Written:
    """One document's current paragraphs as a batch wrote them, for the search index."""

    doc_id: str
    date: str
    place: str
    # (turn, paragraph, rowid, folded text, person id or None), in paragraph order
    rows: list[tuple[int, int, int, str, str | None]]
    title: str = ""
    lead: str = ""


class FtsBatch:
    """Paragraphs waiting to enter the FTS5 index, written in one statement per batch.

    FTS5 flushes its in-memory terms at every statement savepoint, so indexing each
    document as it comes costs a flush per document; a batch costs one (about 4x faster
    on the DEV pages). `flush` must run before the transaction commits.

    The batch also keeps what it wrote (`written`, and the `changes` sequence numbers it
    added), so that the Tantivy index can be fed from memory instead of reading the rows
    back and folding their text again (see `offered`).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rows: list[tuple[int, str]] = []
        self.written: list[Written] = []
        self.seqs: list[int] = []
        self.next_rowid = 0  # paragraph row ids handed out so far end before this one

    def take_rowids(self, count: int) -> int:
        """The first of `count` new paragraph row ids. The batch lives inside one write
        transaction, so it asks the database once and counts on from there."""
        if not self.next_rowid:
            self.next_rowid = _next_rowid(self.conn)
        first = self.next_rowid
        self.next_rowid += count
        return first

    def add(self, rows: list[tuple[int, str]]) -> None:
        self.rows.extend(rows)

    def flush(self) -> None:
        if self.rows:
            self.conn.executemany(
                "INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)", self.rows
            )
            self.rows = []


_OFFERED: dict[int, FtsBatch] = {}


@contextmanager
def offering(batch: FtsBatch) -> Iterator[None]:
    """While the block runs, `offered(conn)` gives this committed batch: what it wrote."""
    _OFFERED[id(batch.conn)] = batch
    try:
        yield
    finally:
        _OFFERED.pop(id(batch.conn), None)


def offered(conn: sqlite3.Connection) -> FtsBatch | None:
    """The committed batch on offer for this connection (see `offering`), if any.

    A reader must still check that the batch's sequence numbers are the changes it
    has to replay: anything else is read back from the database."""
    batch = _OFFERED.get(id(conn))
    return batch if batch is not None and batch.conn is conn else None


def put(
    conn: sqlite3.Connection,
    incoming: Incoming,
    *,
    check_raw: bool = True,
    fts: FtsBatch | None = None,
) -> str:
    """Store one document inside the caller's transaction; say what happened.

    The same raw bytes as any earlier revision, or the same parsed content as the
    current one, change nothing. Anything else becomes a new current revision.
    With `fts`, its paragraphs are indexed when the caller flushes the batch.
    """
    doc = incoming.document
    if (
        check_raw
        and conn.execute(
            "SELECT 1 FROM revisions WHERE doc_id = ? AND sha256 = ?", (doc.id, incoming.sha256)
        ).fetchone()
    ):
        return UNCHANGED
    digest = incoming.digest
    current = conn.execute(
        "SELECT r.revision, r.content_hash FROM documents d JOIN revisions r"
        " ON r.doc_id = d.id AND r.revision = d.revision WHERE d.id = ?",
        (doc.id,),
    ).fetchone()
    if current and (current[1] == digest or current[1] == _legacy_digest(doc)):
        return UNCHANGED  # the same content (hashed as this version or an earlier one did)
    revision = current[0] + 1 if current else 1
    added = now()
    conn.execute(
        "INSERT OR IGNORE INTO raw_inputs (sha256, source, size, compression, data, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (incoming.sha256, doc.source, incoming.raw_size, CODEC, incoming.raw, added),
    )
    conn.execute(
        "INSERT INTO revisions (doc_id, revision, source, sha256, parser, content_hash,"
        " ingested_at, body, reader) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id,
            revision,
            doc.source,
            incoming.sha256,
            parser_name(doc),
            digest,
            added,
            incoming.body,
            incoming.reader,
        ),
    )
    batch = fts or FtsBatch(conn)
    if current is not None:
        batch.flush()  # the delete trigger must find every old row in the index
    _write_current(conn, incoming, revision, batch, replacing=current is not None)
    if fts is None:
        batch.flush()
    annotation_rows.put(conn, doc.id, incoming.annotations)
    return UPDATED if current else INSERTED


def _write_current(
    conn: sqlite3.Connection, incoming: Incoming, revision: int, fts: FtsBatch, *, replacing: bool
) -> None:
    """Replace the derived rows (paragraphs, appearances) with this revision's."""
    doc = incoming.document
    if replacing:  # even a delete of no rows costs: it makes FTS5 flush its pending terms
        conn.execute("DELETE FROM paragraphs WHERE doc_id = ?", (doc.id,))
        conn.execute("DELETE FROM appearances WHERE doc_id = ?", (doc.id,))
    texts = list(_texts(doc))
    # (turn, paragraph, local speaker id) of each text, in the same order
    places = [(t.index, p, t.speaker) for t in doc.turns for p in range(len(t.paragraphs))]
    spoken = len(places)
    places += [(PREAMBLE, p, "") for p in range(len(doc.preamble))]
    counts = incoming.words
    if len(counts) != len(texts):
        counts = tuple(len(text.split()) for text in texts)
    folded = incoming.folded
    if len(folded) != len(texts):
        folded = tuple(fold(text) for text in texts)
    conn.execute(
        "INSERT INTO documents (id, revision, title, date, time, place, url, source, language,"
        " turns, words, paragraphs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, title = excluded.title,"
        " date = excluded.date, time = excluded.time, place = excluded.place,"
        " url = excluded.url, source = excluded.source, language = excluded.language,"
        " turns = excluded.turns, words = excluded.words, paragraphs = excluded.paragraphs",
        (
            doc.id,
            revision,
            doc.title,
            doc.date,
            doc.time,
            doc.place,
            doc.url,
            doc.source,
            doc.language,
            len(doc.turns),
            sum(counts[:spoken]),  # spoken words; the preamble is searchable, not spoken
            spoken,  # spoken paragraphs
        ),
    )
    rowids = range(fts.take_rowids(len(texts)), fts.next_rowid)
    conn.executemany(
        "INSERT INTO paragraphs (rowid, doc_id, turn, paragraph, speaker, words, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (rowid, doc.id, turn, p, speaker, n, text)
            for rowid, (turn, p, speaker), n, text in zip(
                rowids, places, counts, texts, strict=True
            )
        ],
    )
    fts.add(list(zip(rowids, folded, strict=True)))
    spoken_words: dict[str, int] = {}
    for (_, _, speaker), n in zip(places[:spoken], counts, strict=False):
        spoken_words[speaker] = spoken_words.get(speaker, 0) + n
    people = persons.write_appearances(conn, doc, spoken_words)
    seq = conn.execute("INSERT INTO changes (doc_id) VALUES (?)", (doc.id,)).lastrowid
    index_rows = sorted(
        (turn, p, rowid, text, people.get(speaker))
        for rowid, (turn, p, speaker), text in zip(rowids, places, folded, strict=True)
    )
    fts.written.append(Written(doc.id, doc.date, doc.place, index_rows, doc.title, doc.lead))
    fts.seqs.append(int(seq or 0))


def _next_rowid(conn: sqlite3.Connection) -> int:
    """The next paragraph row id; ids are never reused (the search index refers to them)."""
    row = conn.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'paragraphs'), 0),"
        " coalesce((SELECT max(rowid) FROM paragraphs), 0))"
    ).fetchone()
    return int(row[0]) + 1


def get(conn: sqlite3.Connection, doc_id: str, revision: int | None = None) -> Document:
    revision = revision or current_revision(conn, doc_id)
    row = conn.execute(
        "SELECT body FROM revisions WHERE doc_id = ? AND revision = ?", (doc_id, revision)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no revision {revision}", source=doc_id)
    return Document.from_dict(orjson.loads(decompress(row[0])))


def raw(conn: sqlite3.Connection, doc_id: str, revision: int | None = None) -> RawInput:
    revision = revision or current_revision(conn, doc_id)
    row = conn.execute(
        "SELECT r.source, r.sha256, i.data, r.reader FROM revisions r JOIN raw_inputs i"
        " ON i.sha256 = r.sha256 WHERE r.doc_id = ? AND r.revision = ?",
        (doc_id, revision),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no revision {revision}", source=doc_id)
    return RawInput(source=row[0], sha256=row[1], data=decompress(row[2], conn), reader=row[3])


def revisions(conn: sqlite3.Connection, doc_id: str) -> list[RevisionInfo]:
    current = current_revision(conn, doc_id)
    rows = conn.execute(
        "SELECT revision, source, sha256, parser, ingested_at FROM revisions"
        " WHERE doc_id = ? ORDER BY revision",
        (doc_id,),
    ).fetchall()
    return [RevisionInfo(doc_id, r[0], r[1], r[2], r[3], r[4], r[0] == current) for r in rows]


def _where(conn: sqlite3.Connection, filters: Filters | None) -> tuple[str, list[Any]]:
    """A WHERE clause over `documents d` for the filters, with bound parameters."""
    f = filters or Filters()
    clauses, params = [], []
    if f.doc_id:
        clauses.append("d.id = ?")
        params.append(f.doc_id)
    if f.date_from:
        clauses.append("d.date >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("d.date <= ?")
        params.append(f.date_to + "\uffff")  # "2017" includes every date in 2017
    if f.place:
        clauses.append("d.place LIKE ? ESCAPE '\\'")
        params.append("%" + _escape_like(f.place) + "%")
    if f.speaker:
        ids = persons.resolve_filter(conn, f.speaker)
        marks = ",".join("?" * len(ids))
        clauses.append(f"d.id IN (SELECT doc_id FROM appearances WHERE person_id IN ({marks}))")
        params.extend(ids)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_SUMMARY = (
    "SELECT d.id, d.title, d.date, d.time, d.place, d.url, d.source, d.revision,"
    " (SELECT count(*) FROM revisions r WHERE r.doc_id = d.id), d.turns, d.words,"
    " (SELECT json_group_array(name) FROM appearances a WHERE a.doc_id = d.id)"
    " FROM documents d"
)


_SUMMARY_FIELDS = [f.name for f in fields(DocumentSummary) if f.name != "speakers"]


def _summary(row: tuple[Any, ...]) -> DocumentSummary:
    values: dict[str, Any] = dict(zip(_SUMMARY_FIELDS, row, strict=False))
    return DocumentSummary(**values, speakers=json.loads(row[11]))


def list_documents(
    conn: sqlite3.Connection, filters: Filters | None, limit: int, offset: int
) -> Page:
    where, params = _where(conn, filters)
    total = conn.execute(f"SELECT count(*) FROM documents d{where}", params).fetchone()[0]
    rows = conn.execute(
        f"{_SUMMARY}{where} ORDER BY d.date DESC, d.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return Page(items=[_summary(r) for r in rows], total=total, limit=limit, offset=offset)


def summaries(conn: sqlite3.Connection, doc_ids: list[str]) -> list[DocumentSummary]:
    marks = ",".join("?" * len(doc_ids))
    rows = conn.execute(f"{_SUMMARY} WHERE d.id IN ({marks}) ORDER BY d.date", doc_ids)
    return [_summary(r) for r in rows.fetchall()]


def iter_documents(conn: sqlite3.Connection, filters: Filters | None) -> Iterator[Document]:
    where, params = _where(conn, filters)
    cursor = conn.execute(
        "SELECT r.body FROM documents d JOIN revisions r ON r.doc_id = d.id"
        f" AND r.revision = d.revision{where} ORDER BY d.date, d.id",
        params,
    )
    for (body,) in cursor:
        yield Document.from_dict(orjson.loads(decompress(body)))


def content_digest(conn: sqlite3.Connection) -> str:
    """A hash of what the archive holds: current revisions and their annotations."""
    digest = hashlib.sha256()
    for row in conn.execute(
        "SELECT d.id, d.revision, r.sha256, r.parser, r.content_hash FROM documents d"
        " JOIN revisions r ON r.doc_id = d.id AND r.revision = d.revision ORDER BY d.id"
    ):
        digest.update(json.dumps(row).encode() + b"\n")
    for row in conn.execute(
        'SELECT a.doc_id, a.kind, a.producer, a.turn, a.start, a."end", a.text, a.data'
        " FROM annotations a JOIN documents d ON d.id = a.doc_id AND d.revision = a.revision"
        ' ORDER BY a.doc_id, a.producer, a.turn, a.start, a."end", a.kind, a.id'
    ):
        digest.update(json.dumps(row, ensure_ascii=False).encode() + b"\n")
    return digest.hexdigest()
