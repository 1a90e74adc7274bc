"""Sentence vectors of the current paragraphs, in the database beside them.

    paragraph_vectors(rowid = paragraphs.rowid, doc_id, digest, vec)
    paragraph_vectors_state(model, seq)

`digest` is a hash of the model id and of the text embedded (`dense.paragraph_text`), so
`sync` re-embeds exactly the paragraphs that are new or changed (a new revision inserts
new rows; a renamed speaker or title changes the text) and deletes the vectors of the
paragraphs that are gone. Every write of the archive syncs when the `dense` extra is
installed; `onrecord reindex` rebuilds them all. `turn_vectors` reads the vectors of some
turns for `ask` and raises VectorsMissing when the table or a paragraph's vector is
missing or damaged, so that `ask` answers by keywords and names `onrecord reindex`.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from typing import Any

from onrecord import dense
from onrecord.errors import OnrecordError
from onrecord.store.backend import is_postgres
from onrecord.store.schema import transaction

log = logging.getLogger(__name__)

TABLE = "paragraph_vectors"
CHUNK = 512  # paragraphs embedded and written per transaction
_CONTEXT = (
    "SELECT p.rowid, p.doc_id, p.turn, coalesce(pe.name, a.name, ''), d.title, p.text"
    " FROM paragraphs p JOIN documents d ON d.id = p.doc_id"
    " LEFT JOIN appearances a ON a.doc_id = p.doc_id AND a.local_id = p.speaker"
    " LEFT JOIN persons pe ON pe.id = a.person_id"
)


class VectorsMissing(Exception):
    """The archive's vectors cannot answer (absent, behind or damaged)."""


STATE = "paragraph_vectors_state"  # (model, seq): the `changes` the vectors are in step with
DOCS_PER_QUERY = 500


def _columns(conn: sqlite3.Connection) -> list[str]:
    """The vectors table's columns; [] when there is none."""
    if is_postgres(conn):
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = ? AND table_schema = current_schema()",
            (TABLE,),
        ).fetchall()
        return [str(row[0]) for row in rows]
    return [row[1] for row in conn.execute(f"PRAGMA table_info({TABLE})")]


def _ensure(conn: sqlite3.Connection) -> bool:
    """Make the tables; True when there were no vectors (or ones of an older layout, which
    are dropped): every paragraph is to embed."""
    columns = _columns(conn)
    if columns and "doc_id" not in columns:
        conn.execute(f"DROP TABLE {TABLE}")
    blob, number = ("BYTEA", "BIGINT") if is_postgres(conn) else ("BLOB", "INTEGER")
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (rowid {number} PRIMARY KEY,"
        f" doc_id TEXT NOT NULL, digest {blob} NOT NULL, vec {blob} NOT NULL)"
    )
    conn.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_doc ON {TABLE}(doc_id)")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {STATE} (model TEXT NOT NULL, seq {number} NOT NULL)")
    return "doc_id" not in columns


def digest(model_id: str, text: str) -> bytes:
    return hashlib.blake2b(f"{model_id}\n{text}".encode(), digest_size=8).digest()


def sync(conn: sqlite3.Connection, encoder: dense.Encoder) -> int:
    """Embed the paragraphs that have no vector or a stale one, drop the vectors of the
    paragraphs that are gone; returns the paragraphs embedded. Only the documents written
    since the last sync are looked at (the `changes` sequence: every revision and every
    speaker merge appends to it), so a write costs what it wrote, not the archive's size;
    the first sync, or one for another model, looks at them all."""
    with transaction(conn):
        fresh = _ensure(conn)
        row = conn.execute(f"SELECT model, seq FROM {STATE}").fetchone()
        upto = conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
    embedded = 0
    if fresh or row is None or row[0] != encoder.model_id:
        embedded = _sync_documents(conn, encoder, None)
    else:
        changed = [d for (d,) in conn.execute(
            "SELECT DISTINCT doc_id FROM changes WHERE seq > ? AND seq <= ?", (row[1], upto)
        )]  # fmt: skip
        for start in range(0, len(changed), DOCS_PER_QUERY):
            embedded += _sync_documents(conn, encoder, changed[start : start + DOCS_PER_QUERY])
    with transaction(conn):
        conn.execute(f"DELETE FROM {STATE}")
        conn.execute(f"INSERT INTO {STATE} (model, seq) VALUES (?, ?)", (encoder.model_id, upto))
    return embedded


def _sync_documents(
    conn: sqlite3.Connection, encoder: dense.Encoder, doc_ids: list[str] | None
) -> int:
    """`sync` for these documents (None: all of them)."""
    import numpy as np

    marks = ",".join("?" * len(doc_ids or ()))
    params = doc_ids or []
    only = "" if doc_ids is None else f" WHERE doc_id IN ({marks})"
    have = dict(conn.execute(f"SELECT rowid, digest FROM {TABLE}{only}", params).fetchall())
    todo: list[tuple[int, str, bytes, str]] = []
    current = set()
    for rowid, doc_id, _, speaker, title, text in conn.execute(
        _CONTEXT + ("" if doc_ids is None else f" WHERE p.doc_id IN ({marks})"), params
    ):
        current.add(rowid)
        embedded = dense.paragraph_text(speaker, title, text)
        key = digest(encoder.model_id, embedded)
        if have.get(rowid) != key:
            todo.append((rowid, doc_id, key, embedded))
    gone = [(rowid,) for rowid in have.keys() - current]
    if gone:
        with transaction(conn):
            conn.executemany(f"DELETE FROM {TABLE} WHERE rowid = ?", gone)
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start : start + CHUNK]
        vectors = np.asarray(encoder.encode([text for *_, text in chunk]), dtype=np.float32)
        with transaction(conn):
            conn.executemany(
                f"INSERT OR REPLACE INTO {TABLE} (rowid, doc_id, digest, vec) VALUES (?, ?, ?, ?)",
                [(r, d, k, v.tobytes()) for (r, d, k, _), v in zip(chunk, vectors, strict=True)],
            )
    return len(todo)


def rebuild(conn: sqlite3.Connection, encoder: dense.Encoder) -> int:
    """Every paragraph embedded again; returns how many."""
    with transaction(conn):
        conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        conn.execute(f"DROP TABLE IF EXISTS {STATE}")
    return sync(conn, encoder)


def turn_vectors(
    conn: sqlite3.Connection, turns: list[tuple[str, int]], dim: int
) -> dict[tuple[str, int], Any]:
    """(doc_id, turn) -> its paragraphs' vectors (n x dim); VectorsMissing when any
    paragraph of these turns has no vector of that size (none yet, or another encoder's:
    the static model's are 256 wide, MiniLM's 384)."""
    import numpy as np

    if not turns:
        return {}
    if is_postgres(conn) and not _columns(conn):  # a failed statement would end a transaction
        raise VectorsMissing(f"no table {TABLE}")
    values = ",".join("(CAST(? AS TEXT), CAST(? AS INTEGER))" for _ in turns)
    # the turns drive: an index search each, at any archive size (SQLite's CROSS JOIN keeps
    # that order; PostgreSQL's planner needs no hint, and its CROSS JOIN takes no ON)
    join = "JOIN" if is_postgres(conn) else "CROSS JOIN"
    try:
        rows = conn.execute(
            f"WITH t(doc_id, turn) AS (VALUES {values})"
            f" SELECT p.doc_id, p.turn, v.vec FROM t {join} paragraphs p"
            f" ON p.doc_id = t.doc_id AND p.turn = t.turn"
            f" LEFT JOIN {TABLE} v ON v.rowid = p.rowid",
            [part for turn in turns for part in turn],
        ).fetchall()
    except sqlite3.OperationalError as err:  # no such table
        raise VectorsMissing(str(err)) from err
    found: dict[tuple[str, int], list[Any]] = {}
    for doc_id, turn, blob in rows:
        if not isinstance(blob, bytes) or len(blob) != dim * 4:
            raise VectorsMissing(f"paragraph of {doc_id} turn {turn}")
        vector = np.frombuffer(blob, dtype=np.float32)
        if not np.isfinite(vector).all():
            raise VectorsMissing(f"paragraph of {doc_id} turn {turn}")
        found.setdefault((doc_id, turn), []).append(vector)
    return {key: np.stack(vectors) for key, vectors in found.items()}


def after_write(conn: sqlite3.Connection, readonly: bool, *, fresh: bool = False) -> int:
    """What the archive calls after every write (and `onrecord reindex` with `fresh`):
    sync (or rebuild) when the `dense` extra is installed; a failure is logged, the record
    is safe and `ask` answers by keywords until `onrecord reindex`."""
    if readonly or dense.switched_off() or not dense.available():
        return 0
    try:
        return (rebuild if fresh else sync)(conn, dense.encoder())
    except (OnrecordError, sqlite3.Error, OSError, RuntimeError) as err:
        log.warning("sentence vectors not updated (%s); `onrecord reindex` rebuilds them", err)
        return 0
