"""The current revision's paragraph rows: written with their FTS5 rows in one batch, and
read back by search (hit rows, the rows the Tantivy index is built from).

A document's text is stored whole in its revision's body; these rows are derived from
the current revision and replaced with it, and every write appends to `changes` so that
the search index beside the database can replay what changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from onrecord.identity import fold
from onrecord.model import Document
from onrecord.store import backend, codec, persons

if TYPE_CHECKING:
    from onrecord.store.documents import Incoming

PREAMBLE = -1  # the turn index of paragraphs before the first turn (narration, news text)


def paragraph_texts(document: Document) -> Iterator[str]:
    """Paragraph texts in the order of the paragraph rows: turns, then the preamble."""
    for turn in document.turns:
        yield from turn.paragraphs
    yield from document.preamble


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
    back and folding their text again: the caller hands the committed batch to the index.
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
        if backend.is_postgres(self.conn):  # a sequence, as writers hold the write lock
            if count:
                last = self.conn.execute(
                    "SELECT setval('paragraphs_rowid_seq',"
                    " nextval('paragraphs_rowid_seq') + ? - 1)",
                    (count,),
                ).fetchone()[0]
                self.next_rowid = int(last) + 1
            return self.next_rowid - count
        if not self.next_rowid:
            self.next_rowid = _next_rowid(self.conn)
        first = self.next_rowid
        self.next_rowid += count
        return first

    def add(self, rows: list[tuple[int, str]]) -> None:
        if not backend.is_postgres(self.conn):  # PostgreSQL has no FTS5 table
            self.rows.extend(rows)

    def flush(self) -> None:
        if self.rows:
            self.conn.executemany(
                "INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)", self.rows
            )
            self.rows = []


def write_current(
    conn: sqlite3.Connection, incoming: Incoming, revision: int, fts: FtsBatch, *, replacing: bool
) -> None:
    """Replace the derived rows (paragraphs, appearances) with this revision's."""
    doc = incoming.document
    if replacing:  # even a delete of no rows costs: it makes FTS5 flush its pending terms
        conn.execute("DELETE FROM paragraphs WHERE doc_id = ?", (doc.id,))
        conn.execute("DELETE FROM appearances WHERE doc_id = ?", (doc.id,))
    texts = list(paragraph_texts(doc))
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


_HIT_COLUMNS = (
    "SELECT p.rowid, p.doc_id, p.turn, p.paragraph, coalesce(a.person_id, ''),"
    " coalesce(pe.name, a.name, ''), coalesce(a.roles, '[]'), d.date, d.title, d.place, p.text"
    " FROM paragraphs p JOIN documents d ON d.id = p.doc_id"
    " LEFT JOIN appearances a ON a.doc_id = p.doc_id AND a.local_id = p.speaker"
    " LEFT JOIN persons pe ON pe.id = a.person_id"
)


def hit_rows(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, tuple[Any, ...]]:
    """What a search hit shows of each paragraph row, by row id: (rowid, doc id, turn,
    paragraph, person id, name, roles as JSON, date, title, place, text)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    rows = conn.execute(f"{_HIT_COLUMNS} WHERE p.rowid IN ({marks})", rowids).fetchall()
    return {r[0]: r for r in rows}


_INDEX_ROWS = (
    "SELECT p.rowid, p.doc_id, p.text, coalesce(a.person_id, ''), d.date, d.place"
    " FROM paragraphs p JOIN documents d ON d.id = p.doc_id"
    " LEFT JOIN appearances a ON a.doc_id = p.doc_id AND a.local_id = p.speaker"
)


def index_rows(conn: sqlite3.Connection, doc_id: str | None = None) -> Iterator[tuple[Any, ...]]:
    """(rowid, doc id, text, person id or "", date, place) of every current paragraph (by
    row id, so a transcript at a time), or of one document's: what the Tantivy index holds."""
    if doc_id is None:
        return iter(conn.execute(_INDEX_ROWS + " ORDER BY p.rowid"))
    return iter(conn.execute(_INDEX_ROWS + " WHERE p.doc_id = ?", (doc_id,)))


def head(conn: sqlite3.Connection, doc_id: str) -> tuple[str, str]:
    """(title, lead) of a transcript's current revision."""
    row = conn.execute(
        "SELECT d.title, r.body FROM documents d"
        " JOIN revisions r ON r.doc_id = d.id AND r.revision = d.revision WHERE d.id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return "", ""
    try:
        lead = str(orjson.loads(codec.decompress(row[1])).get("lead") or "")
    except (ValueError, TypeError):
        lead = ""
    return str(row[0] or ""), lead


def last_change(conn: sqlite3.Connection) -> int:
    """The sequence number of the latest write (0 for none): what an index has caught up to."""
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])


def changed_since(conn: sqlite3.Connection, seq: int) -> list[str]:
    """The documents written after the sequence number `seq`."""
    rows = conn.execute("SELECT DISTINCT doc_id FROM changes WHERE seq > ?", (seq,))
    return [r[0] for r in rows]


def instance(conn: sqlite3.Connection) -> str:
    """The database's id, made once when it was created: an index of another is rebuilt."""
    return str(conn.execute("SELECT value FROM settings WHERE key = 'instance'").fetchone()[0])
