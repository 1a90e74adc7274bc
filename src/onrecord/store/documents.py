"""Documents and their revisions: put, get, list, stream. Every revision keeps its raw input
(compressed by `onrecord.store.codec`); its paragraph rows are written by `paragraphs`."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any

import orjson

from onrecord.errors import NotFoundError
from onrecord.identity import fold
from onrecord.model import Annotation, Document, Turn
from onrecord.store import annotation_rows, packing, persons
from onrecord.store.annotation_rows import current_revision
from onrecord.store.codec import CODEC, Dictionary, compress, decompress
from onrecord.store.paragraphs import FtsBatch, paragraph_texts, write_current
from onrecord.store.records import DocumentSummary, Filters, ResultPage, RevisionInfo, StoredInput

log = logging.getLogger(__name__)

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
    reader: str = "parse"  # how to read the raw input again: parse | record | corpus
    folded: tuple[str, ...] = ()  # identity.fold() of each paragraph, for the FTS5 index
    words: tuple[int, ...] = ()  # words of each paragraph, in the same order
    text_key: str = ""  # text_hash of the document: what makes a new revision on ingest

    @classmethod
    def of(
        cls,
        document: Document,
        data: bytes,
        annotations: tuple[Annotation, ...] = (),
        reader: str = "parse",
        sha256: str | None = None,
        dictionary: Dictionary | None = None,
        *,
        compressed: bytes | None = None,
    ) -> Incoming:
        """Everything costly about storing a document, done where it was parsed (a worker).

        `sha256`: the hash of `data` when the caller has it (the parser computes it).
        `dictionary`: the archive's dictionary for raw pages (the body never uses one).
        `compressed`: `data` compressed already (an input of several documents)."""
        body, digest = _encode(document)
        sha256 = sha256 or hashlib.sha256(data).hexdigest()
        raw = compressed if compressed is not None else compress(data, dictionary)
        texts = list(paragraph_texts(document))
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
            text_hash(document),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (from a worker process to the writer) with its annotations packed: the
        same Incoming unpickled, for a fraction of the cost (see `onrecord.store.packing`)."""
        rest = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "annotations"}
        return (_unpickled, (rest, packing.pack(self.document, self.annotations)))

    def renamed(self, doc_id: str) -> Incoming:
        """The same, stored under another id (a stem id made unique in its run)."""
        document = replace(self.document, id=doc_id)
        body, digest = _encode(document)
        return replace(
            self,
            document=document,
            body=compress(body),
            digest=digest,
            text_key=text_hash(document),
        )


def _unpickled(rest: dict[str, Any], packed: packing.Packed) -> Incoming:
    return Incoming(**rest, annotations=packing.unpack(rest["document"], packed))


def content_hash(document: Document) -> str:
    """What a transcript says, hashed: equal for two parses that differ only in provenance."""
    return _encode(document)[1]


def text_hash(document: Document) -> str:
    """What a transcript says, as a reader sees it: a new revision on ingest only when it
    changes. The words and who said them, the title, date, place, lead and url, with runs
    of whitespace (non-breaking spaces too) one space and none at the edges. Not in it: the
    time (a page's text often lacks the time its HTML shows), notes and warnings (derived
    from the text), and provenance (source, bytes, parser): the same page as .txt and
    .html is one revision. `reparse` still compares the whole parse (`content_hash`)."""
    parts = [document.id, *(getattr(document, f) for f in _TEXT_FIELDS), _RECORD]
    for speaker in document.speakers:
        parts += [speaker.id, speaker.name, *speaker.roles, "generic" * speaker.generic, _RECORD]
    for turn in document.turns:
        parts += [turn.label, turn.speaker, *turn.paragraphs, _RECORD]
    parts += document.preamble
    text = "\x00".join(map(_spaced, parts))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _spaced(text: str) -> str:
    """Runs of whitespace one space, none at the edges. Most text is so already once its
    non-breaking spaces are spaces, which C-speed tests tell (a newline, a tab or another
    space character is not printable)."""
    text = text.replace("\xa0", " ")
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


_TEXT_FIELDS = ("title", "date", "place", "lead", "url", "language")
_RECORD = "\x01"  # closes a speaker's or a turn's parts


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


def current_holders(conn: sqlite3.Connection, sha256: str) -> list[tuple[str, str]]:
    """(id, text hash) of the documents whose current revision has these bytes as its raw
    input (or another format's copy): ingesting them again changes nothing."""
    rows = conn.execute(
        "SELECT r.doc_id, coalesce(r.text_hash, '') FROM revisions r JOIN documents d"
        " ON d.id = r.doc_id AND d.revision = r.revision WHERE r.sha256 = ?1"
        " UNION ALL SELECT i.doc_id, coalesce(r.text_hash, '') FROM revision_inputs i"
        " JOIN documents d ON d.id = i.doc_id AND d.revision = i.revision"
        " JOIN revisions r ON r.doc_id = i.doc_id AND r.revision = i.revision"
        " WHERE i.sha256 = ?1",
        (sha256,),
    ).fetchall()
    return [(str(doc_id), str(key)) for doc_id, key in rows]


def put(
    conn: sqlite3.Connection,
    incoming: Incoming,
    *,
    check_raw: bool = True,
    fts: FtsBatch | None = None,
) -> str:
    """Store one document inside the caller's transaction; say what happened.

    Unchanged: the same raw bytes as the current revision, the same parse, or (`check_raw`,
    an ingest) the same text (`text_hash`): then other bytes are kept as another input of
    the current revision (the page as .html beside its .txt). Anything else becomes a new
    current revision; one whose text is an earlier revision's says it restores that one.
    `check_raw=False` (reparse): only the same parse is unchanged.
    With `fts`, its paragraphs are indexed when the caller flushes the batch.
    """
    doc = incoming.document
    current = conn.execute(
        "SELECT r.revision, r.content_hash, r.text_hash, r.sha256 FROM documents d JOIN"
        " revisions r ON r.doc_id = d.id AND r.revision = d.revision WHERE d.id = ?",
        (doc.id,),
    ).fetchone()
    added = now()
    if current is not None:
        same_parse = current[1] == incoming.digest or current[1] == _legacy_digest(doc)
        same_text = check_raw and current[2] == incoming.text_key
        if check_raw and (
            current[3] == incoming.sha256 or _is_input(conn, doc.id, current[0], incoming.sha256)
        ):
            return UNCHANGED
        if same_parse or same_text:
            if check_raw:
                _keep_input(conn, incoming, current[0], added)
            return UNCHANGED
    revision = current[0] + 1 if current else 1
    restores = _restored(conn, doc.id, incoming) if check_raw and current else None
    conn.execute(
        "INSERT OR IGNORE INTO raw_inputs (sha256, source, size, compression, data, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (incoming.sha256, doc.source, incoming.raw_size, CODEC, incoming.raw, added),
    )
    conn.execute(
        "INSERT INTO revisions (doc_id, revision, source, sha256, parser, content_hash,"
        " ingested_at, body, reader, text_hash, restores) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id,
            revision,
            doc.source,
            incoming.sha256,
            parser_name(doc),
            incoming.digest,
            added,
            incoming.body,
            incoming.reader,
            incoming.text_key or None,
            restores,
        ),
    )
    batch = fts or FtsBatch(conn)
    if current is not None:
        batch.flush()  # the delete trigger must find every old row in the index
    write_current(conn, incoming, revision, batch, replacing=current is not None)
    if fts is None:
        batch.flush()
    annotation_rows.put(conn, doc.id, incoming.annotations, revised=current is not None)
    return UPDATED if current else INSERTED


def _is_input(conn: sqlite3.Connection, doc_id: str, revision: int, sha256: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM revision_inputs WHERE doc_id = ? AND revision = ? AND sha256 = ?",
        (doc_id, revision, sha256),
    ).fetchone()
    return row is not None


def _keep_input(conn: sqlite3.Connection, incoming: Incoming, revision: int, added: str) -> None:
    """Other bytes of the same text (another format, other whitespace): kept, not a revision."""
    doc = incoming.document
    conn.execute(
        "INSERT OR IGNORE INTO raw_inputs (sha256, source, size, compression, data, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (incoming.sha256, doc.source, incoming.raw_size, CODEC, incoming.raw, added),
    )
    conn.execute(
        "INSERT OR IGNORE INTO revision_inputs (doc_id, revision, sha256, source, parser,"
        " reader, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (doc.id, revision, incoming.sha256, doc.source, parser_name(doc), incoming.reader, added),
    )


def _restored(conn: sqlite3.Connection, doc_id: str, incoming: Incoming) -> int | None:
    """The latest earlier revision with this text (or this exact parse), if any."""
    row = conn.execute(
        "SELECT max(revision) FROM revisions WHERE doc_id = ?"
        " AND (text_hash = ? OR content_hash = ?)",
        (doc_id, incoming.text_key, incoming.digest),
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def get(conn: sqlite3.Connection, doc_id: str, revision: int | None = None) -> Document:
    if revision is None:  # the current one, in one statement (a round trip on PostgreSQL)
        row = conn.execute(
            "SELECT r.body FROM documents d JOIN revisions r"
            " ON r.doc_id = d.id AND r.revision = d.revision WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            current_revision(conn, doc_id)  # NotFoundError for an unknown id
            raise NotFoundError("no current revision", source=doc_id)
        return Document.from_dict(orjson.loads(decompress(row[0])))
    revision = revision or current_revision(conn, doc_id)
    row = conn.execute(
        "SELECT body FROM revisions WHERE doc_id = ? AND revision = ?", (doc_id, revision)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no revision {revision}", source=doc_id)
    return Document.from_dict(orjson.loads(decompress(row[0])))


def raw(conn: sqlite3.Connection, doc_id: str, revision: int | None = None) -> StoredInput:
    revision = revision or current_revision(conn, doc_id)
    row = conn.execute(
        "SELECT r.source, r.sha256, i.data, r.reader FROM revisions r JOIN raw_inputs i"
        " ON i.sha256 = r.sha256 WHERE r.doc_id = ? AND r.revision = ?",
        (doc_id, revision),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no revision {revision}", source=doc_id)
    return StoredInput(source=row[0], sha256=row[1], data=decompress(row[2], conn), reader=row[3])


def raw_reader(conn: sqlite3.Connection, doc_id: str) -> tuple[str, str]:
    """(reader, sha256) of the current revision's raw input, without reading it."""
    row = conn.execute(
        "SELECT r.reader, r.sha256 FROM documents d JOIN revisions r"
        " ON r.doc_id = d.id AND r.revision = d.revision WHERE d.id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError("no such document", source=doc_id)
    return str(row[0]), str(row[1])


def revisions(conn: sqlite3.Connection, doc_id: str) -> list[RevisionInfo]:
    rows = conn.execute(
        "SELECT r.revision, r.source, r.sha256, r.parser, r.ingested_at, r.restores,"
        " d.revision FROM revisions r JOIN documents d ON d.id = r.doc_id"
        " WHERE r.doc_id = ? ORDER BY r.revision",
        (doc_id,),
    ).fetchall()
    current = rows[0][6] if rows else current_revision(conn, doc_id)  # NotFoundError
    inputs: dict[int, list[str]] = {}
    for revision, source in conn.execute(
        "SELECT revision, source FROM revision_inputs WHERE doc_id = ? ORDER BY added_at, source",
        (doc_id,),
    ):
        inputs.setdefault(revision, []).append(source)
    return [
        RevisionInfo(
            doc_id, r[0], r[1], r[2], r[3], r[4], r[0] == current, r[5], inputs.get(r[0], [])
        )
        for r in rows
    ]


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


# How a list of documents can be ordered: by date, then id (so that documents of one day
# keep a fixed order); the first is the default. The names are those of search's `sort`.
SORTS = ("newest", "oldest")
_ORDER = {"newest": "d.date DESC, d.id DESC", "oldest": "d.date, d.id"}


def sort_problem(sort: str) -> str | None:
    """Why `sort` is not a documents order (for a QueryError), or None."""
    if sort in _ORDER:
        return None
    return f"sort: one of {', '.join(SORTS)}, not {sort[:40]!r}"


def list_documents(
    conn: sqlite3.Connection,
    filters: Filters | None,
    limit: int,
    offset: int,
    sort: str = SORTS[0],
) -> ResultPage:
    where, params = _where(conn, filters)
    total = conn.execute(f"SELECT count(*) FROM documents d{where}", params).fetchone()[0]
    # the page's ids first: PostgreSQL computes a row's summary (its subqueries) for every
    # row an OFFSET skips (a page 90,000 documents in: 546 ms, now 17 ms), SQLite does not
    page = f"SELECT d.id FROM documents d{where} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?"
    rows = conn.execute(
        f"{_SUMMARY} WHERE d.id IN ({page}) ORDER BY {_ORDER[sort]}",
        [*params, limit, offset],
    ).fetchall()
    return ResultPage(items=[_summary(r) for r in rows], total=total, limit=limit, offset=offset)


def neighbours(
    conn: sqlite3.Connection, doc_id: str
) -> tuple[DocumentSummary | None, DocumentSummary | None]:
    """The documents just before and just after `doc_id` in (date, id) order: the
    previous one is older (or of the same date, a smaller id), the next one newer."""
    # one statement (a round trip on PostgreSQL): the summaries of the document and of
    # the ids just before and after it, told apart by their (date, id) order; an unknown
    # id has no row of its own
    key = "((SELECT date FROM documents WHERE id = ?), ?)"
    side = "SELECT d.id FROM documents d WHERE (d.date, d.id) {} " + key + " ORDER BY {} LIMIT 1"
    rows = conn.execute(
        f"{_SUMMARY} WHERE d.id IN (SELECT ?"
        f" UNION ALL SELECT id FROM ({side.format('<', 'd.date DESC, d.id DESC')}) b"
        f" UNION ALL SELECT id FROM ({side.format('>', 'd.date, d.id')}) a)",
        (doc_id, doc_id, doc_id, doc_id, doc_id),
    ).fetchall()
    found = sorted((_summary(row) for row in rows), key=lambda s: (s.date, s.id))
    at = next((i for i, s in enumerate(found) if s.id == doc_id), None)
    if at is None:
        raise NotFoundError("no such document", source=doc_id)
    before = found[at - 1] if at > 0 else None
    after = found[at + 1] if at + 1 < len(found) else None
    return before, after


def summaries(conn: sqlite3.Connection, doc_ids: list[str]) -> list[DocumentSummary]:
    marks = ",".join("?" * len(doc_ids))
    rows = conn.execute(f"{_SUMMARY} WHERE d.id IN ({marks}) ORDER BY d.date, d.id", doc_ids)
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
