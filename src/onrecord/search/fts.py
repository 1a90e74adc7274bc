"""The FTS5 engine: a query tree compiled to MATCH over the paragraphs, ranked by bm25.

This index is part of the record (updated in the same transaction as the paragraphs),
so it is always right; the Tantivy index beside the database is the fast path.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from onrecord import wordforms
from onrecord.errors import QueryError
from onrecord.search.query import AnyOf, Node, Term
from onrecord.store import documents
from onrecord.store.records import Filters


def compile_match(node: Node) -> str:
    """An FTS5 MATCH expression; tokens are letters and digits only, so quoting is safe.
    A word matches its other spellings too (FTS5 has no stems: `defense` finds `defence`)."""
    if isinstance(node, Term):
        if len(node.tokens) == 1 and not node.prefix and not node.exact:
            spellings = wordforms.variants(node.tokens[0])
            if len(spellings) > 1:
                return "(" + " OR ".join(f'"{w}"' for w in spellings) + ")"
        return '"' + " ".join(node.tokens) + '"' + ("*" if node.prefix else "")
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(compile_match(n) for n in node.options) + ")"
    expr = "(" + " AND ".join(compile_match(n) for n in node.must) + ")"
    return expr + "".join(" NOT " + compile_match(n) for n in node.must_not)


def _filtered(conn: sqlite3.Connection, filters: Filters | None) -> tuple[str, list[Any]]:
    """Joins and conditions on `p` (paragraph) and `d` (document) for the filters."""
    where, params = documents._where(conn, filters)  # documents-level filters
    sql = " JOIN paragraphs p ON p.rowid = f.rowid JOIN documents d ON d.id = p.doc_id"
    if filters and filters.speaker:
        # document-level speaker filter narrows to documents; this narrows to their turns
        from onrecord.store import persons

        ids = persons.resolve_filter(conn, filters.speaker)
        marks = ",".join("?" * len(ids))
        sql += (
            " JOIN appearances a ON a.doc_id = p.doc_id AND a.local_id = p.speaker"
            f" AND a.person_id IN ({marks})"
        )
        params = ids + params
    return sql + where, params


_ORDER = {
    "relevance": "bm25(paragraphs_fts)",
    "newest": "d.date DESC, f.rowid",
    "oldest": "d.date, f.rowid",
}


def search(
    conn: sqlite3.Connection,
    node: Node,
    filters: Filters | None,
    limit: int,
    offset: int,
    sort: str = "relevance",
) -> tuple[list[tuple[int, float]], int]:
    """(rowid, score) best first, and the number of all matches. Higher score is better.
    `sort`: "relevance", "newest" or "oldest" (by the transcript's date)."""
    joins, params = _filtered(conn, filters)
    match = compile_match(node)
    sql = (
        f"SELECT f.rowid, -bm25(paragraphs_fts) FROM paragraphs_fts f{joins}"
        f"{_match_clause(joins)} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?"
    )
    try:
        rows = conn.execute(sql, [*params, match, limit, offset]).fetchall()
        total = count(conn, node, filters)
    except sqlite3.OperationalError as err:  # e.g. a term FTS5 still refuses
        raise QueryError(f"cannot run this query ({err})") from err
    return [(r[0], r[1]) for r in rows], total


def _match_clause(joins: str) -> str:
    return " AND paragraphs_fts MATCH ?" if " WHERE " in joins else " WHERE paragraphs_fts MATCH ?"


def count(conn: sqlite3.Connection, node: Node, filters: Filters | None) -> int:
    joins, params = _filtered(conn, filters)
    if filters is None or filters.is_empty():
        joins = ""
    sql = f"SELECT count(*) FROM paragraphs_fts f{joins}{_match_clause(joins)}"
    return int(conn.execute(sql, [*params, compile_match(node)]).fetchone()[0])


def facets(
    conn: sqlite3.Connection, node: Node, filters: Filters | None
) -> dict[str, list[tuple[str, int]]]:
    joins, params = _filtered(conn, filters)
    base = f"FROM paragraphs_fts f{joins}{_match_clause(joins)}"
    args = [*params, compile_match(node)]
    queries = {
        "year": f"SELECT substr(d.date, 1, 4), count(*) {base} GROUP BY 1",
        "place": f"SELECT d.place, count(*) {base} GROUP BY 1",
        "speaker": (
            "SELECT coalesce(s.person_id, ''), count(*) FROM (SELECT p.doc_id, p.speaker"
            f" {base}) m JOIN appearances s ON s.doc_id = m.doc_id AND s.local_id = m.speaker"
            " WHERE s.person_id IS NOT NULL GROUP BY 1"
        ),
    }
    out = {}
    for name, sql in queries.items():
        rows = conn.execute(sql + " ORDER BY 2 DESC, 1 LIMIT 20", args).fetchall()
        out[name] = [(str(r[0]), int(r[1])) for r in rows if r[0]]
    return out


class FtsEngine:
    """FTS5 inside the database: always in step with it."""

    name = "fts5"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def search(
        self,
        node: Node,
        filters: Filters | None,
        limit: int,
        offset: int,
        sort: str = "relevance",
    ) -> tuple[list[tuple[int, float]], int]:
        return search(self.conn, node, filters, limit, offset, sort)

    def facets(self, node: Node, filters: Filters | None) -> dict[str, list[tuple[str, int]]]:
        return facets(self.conn, node, filters)

    def suggest(self, word: str) -> str | None:
        return None  # FTS5 keeps no vocabulary to look in without a table of its own
