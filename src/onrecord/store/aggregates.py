"""Read-only aggregates: the speaker listing, one person's record, and stats."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from onrecord import identity as rules
from onrecord.store import documents, persons
from onrecord.store.records import PersonDetail, PersonSummary, RoleSpan, SpeakerShare, Stats

# "no limit" as both engines take it (SQLite's -1 is an error to PostgreSQL)
NO_LIMIT = 2**62


def _roles(rows: list[tuple[str, str, str, str, int]]) -> dict[str, list[RoleSpan]]:
    """RoleSpans per person from (person_id, role, first, last, documents) rows.

    Spellings of one role that differ in case or punctuation (`President OF RUSSIA`) are
    one role, shown in its most frequent spelling.
    """
    spans: dict[str, dict[str, list[tuple[str, str, str, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for person_id, role, first, last, count in rows:
        spans[person_id][rules.name_key(role)].append((role, first, last, count))
    out: dict[str, list[RoleSpan]] = {}
    for person_id, by_role in spans.items():
        dated = [
            RoleSpan(
                max(spellings, key=lambda s: s[3])[0],
                min(s[1] for s in spellings),
                max(s[2] for s in spellings),
                sum(s[3] for s in spellings),
            )
            for spellings in by_role.values()
        ]
        out[person_id] = sorted(dated, key=lambda s: (s.first, s.role))
    return out


def person_summaries(
    conn: sqlite3.Connection,
    search: str | None,
    limit: int | None,
    offset: int,
    only: str | None = None,
) -> list[PersonSummary]:
    where, params = "p.merged_into IS NULL", []
    if only:
        where += " AND p.id = ?"
        params.append(only)
    if search:
        where += (
            " AND p.id IN (SELECT person_id FROM person_names WHERE name_key LIKE ?"
            " UNION SELECT person_id FROM appearances WHERE name_key LIKE ?)"
        )
        pattern = "%" + rules.name_key(search) + "%"
        params += [pattern, pattern]
    # documents, turns and words per person are kept on write (schema.person_totals)
    rows = conn.execute(
        "SELECT p.id, p.name, coalesce(t.documents, 0), coalesce(t.turns, 0),"
        " coalesce(t.words, 0) FROM persons p LEFT JOIN person_totals t ON t.person_id = p.id"
        f" WHERE {where} AND (t.documents > 0 OR ?) ORDER BY 5 DESC, p.id LIMIT ? OFFSET ?",
        [*params, bool(only), NO_LIMIT if limit is None else limit, offset],
    ).fetchall()
    ids = [r[0] for r in rows]
    roles = _roles(_role_rows(conn, ids))
    names = _names(conn, ids)
    return [
        PersonSummary(
            id=r[0],
            name=r[1],
            roles=roles.get(r[0], []),
            documents=r[2],
            turns=r[3],
            words=r[4],
            names=names.get(r[0], []),
        )
        for r in rows
    ]


def _role_rows(conn: sqlite3.Connection, ids: list[str]) -> list[Any]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    # documents per person, role and date are kept on write (schema.person_role_dates)
    return conn.execute(
        "SELECT person_id, role, min(date), max(date), sum(documents) FROM person_role_dates"
        f" WHERE person_id IN ({marks}) GROUP BY person_id, role",
        ids,
    ).fetchall()


def _names(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[str]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    out: dict[str, set[str]] = defaultdict(set)
    for person_id, name in conn.execute(
        f"SELECT person_id, name FROM appearances WHERE person_id IN ({marks})"
        f" UNION SELECT person_id, name FROM person_names WHERE person_id IN ({marks})",
        ids + ids,
    ):
        out[person_id].add(name)
    return {k: sorted(v) for k, v in out.items()}


def person_detail(
    conn: sqlite3.Connection, person_id: str, limit: int | None = None, offset: int = 0
) -> PersonDetail:
    """A person, their words and documents per year, and their documents oldest first:
    `limit` of them from `offset` (a speaker may be in tens of thousands), all by default."""
    person_id = persons.follow(conn, person_id)
    summary = person_summaries(conn, None, 1, 0, only=person_id)[0]
    per_year = conn.execute(
        "SELECT substr(d.date, 1, 4), sum(a.words), count(DISTINCT d.id) FROM appearances a"
        " JOIN documents d ON d.id = a.doc_id WHERE a.person_id = ? GROUP BY 1 ORDER BY 1",
        (person_id,),
    ).fetchall()
    mine = "SELECT doc_id FROM appearances WHERE person_id = ?"
    doc_ids = [
        r[0]
        for r in conn.execute(
            f"SELECT d.id FROM documents d WHERE d.id IN ({mine}) ORDER BY d.date, d.id"
            " LIMIT ? OFFSET ?",
            (person_id, NO_LIMIT if limit is None else limit, offset),
        )
    ]
    return PersonDetail(
        person=summary,
        words_per_year={year or "undated": words for year, words, _ in per_year},
        appearances=documents.summaries(conn, doc_ids) if doc_ids else [],
        appearances_total=sum(n for _, _, n in per_year),
        documents_per_year={year: n for year, _, n in per_year if year},
    )


def document_facets(
    conn: sqlite3.Connection, places: int
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Documents per year (newest first, `undated` for those without a date) and the
    `places` commonest places, counted by the database in one pass each."""
    years = conn.execute(
        "SELECT coalesce(nullif(substr(date, 1, 4), ''), 'undated'), count(*) FROM documents"
        " GROUP BY 1 ORDER BY 1 DESC"
    ).fetchall()
    common = conn.execute(
        "SELECT place, count(*) FROM documents WHERE place <> '' GROUP BY place"
        " ORDER BY 2 DESC, max(date) DESC, place LIMIT ?",
        (places,),
    ).fetchall()
    return [(str(y), int(n)) for y, n in years], [(str(p), int(n)) for p, n in common]


def stats(conn: sqlite3.Connection, doc_id: str | None) -> Stats:
    where, params = ("WHERE d.id = ?", [doc_id]) if doc_id else ("", [])
    if doc_id:
        documents.current_revision(conn, doc_id)  # NotFoundError for an unknown id
    # turns, words and spoken paragraphs are kept per document on write
    docs, turns, words, paragraphs, first, last = conn.execute(
        "SELECT count(*), coalesce(sum(turns), 0), coalesce(sum(words), 0),"
        " coalesce(sum(paragraphs), 0), coalesce(min(nullif(date, '')), ''),"
        f" coalesce(max(date), '') FROM documents d {where}",
        params,
    ).fetchone()
    revisions = conn.execute(
        f"SELECT count(*) FROM revisions r JOIN documents d ON d.id = r.doc_id {where}", params
    ).fetchone()[0]
    shares = _shares(conn, where, params, words) if doc_id else _corpus_shares(conn, words)
    return Stats(
        doc_id=doc_id,
        documents=docs,
        revisions=revisions,
        turns=turns,
        paragraphs=paragraphs,
        words=words,
        speakers=sum(1 for s in shares if s.person_id),
        by_speaker=shares,
        date_from=first,
        date_to=last,
    )


def _shares(
    conn: sqlite3.Connection, where: str, params: list[Any], total: int
) -> list[SpeakerShare]:
    """Words per speaker; generic voices grouped by their label, with an empty person id."""
    rows = conn.execute(
        "SELECT min(coalesce(a.person_id, '')), min(coalesce(p.name, a.name)), sum(a.turns),"
        " sum(a.words),"
        " count(DISTINCT a.doc_id) FROM appearances a JOIN documents d ON d.id = a.doc_id"
        f" LEFT JOIN persons p ON p.id = a.person_id {where}"
        " GROUP BY coalesce(a.person_id, 'generic:' || a.name_key) ORDER BY 4 DESC, 2",
        params,
    ).fetchall()
    return [_share(row, total) for row in rows]


def _share(row: tuple[Any, ...], total: int) -> SpeakerShare:
    """A (person id, name, turns, words, documents) row as a speaker's share of `total` words."""
    person_id, name, turns, words, documents = row
    share = round(words / total, 4) if total else 0.0
    return SpeakerShare(person_id, name, turns, words, share, documents)


def _corpus_shares(conn: sqlite3.Connection, total: int) -> list[SpeakerShare]:
    """`_shares` of the whole corpus: persons from the totals kept on write
    (schema.person_totals), generic voices aggregated from their appearances."""
    rows = conn.execute(
        "SELECT t.person_id, p.name, t.turns, t.words, t.documents FROM person_totals t"
        " JOIN persons p ON p.id = t.person_id WHERE t.documents > 0"
        " UNION ALL SELECT '', min(a.name), sum(a.turns), sum(a.words), count(DISTINCT a.doc_id)"
        " FROM appearances a WHERE a.person_id IS NULL GROUP BY a.name_key"
        " ORDER BY 4 DESC, 2"
    ).fetchall()
    return [_share(row, total) for row in rows]
