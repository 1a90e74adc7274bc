"""The archive's own words and spellings, for the quality report (onrecord.lint)."""

from __future__ import annotations

import sqlite3

_VOCAB = "temp.onrecord_words"


def spellings(conn: sqlite3.Connection) -> dict[str, int]:
    """Every spelling of a speaker's name (not generic voices) -> documents it is in."""
    rows = conn.execute(
        "SELECT name, count(DISTINCT doc_id) FROM appearances WHERE generic = 0 GROUP BY name"
    )
    return {name: int(count) for name, count in rows}


def paragraphs_with(conn: sqlite3.Connection, word: str) -> int:
    """In how many paragraphs of the current revisions `word` is (as the FTS5 index folds
    it): FTS5's own vocabulary table, made in the temp schema (a read-only archive too)."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {_VOCAB} USING fts5vocab(main, paragraphs_fts, row)"
    )
    row = conn.execute(f"SELECT doc FROM {_VOCAB} WHERE term = ?", (word.lower(),)).fetchone()
    return int(row[0]) if row else 0
