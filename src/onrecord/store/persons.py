"""The speaker registry in SQL: resolving a document's speakers to persons, and corrections.

Resolution order for a named speaker of document D: an archivist's override for
(D, name key), else the person that owns the name key, else a new person. Persons
merged away point at their survivor (`merged_into`), so old ids keep resolving.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from onrecord import identity as rules
from onrecord.errors import NotFoundError, StoreError
from onrecord.model import Document, Speaker
from onrecord.store import schema


def follow(conn: sqlite3.Connection, person_id: str) -> str:
    """The surviving person for an id, following merges."""
    seen = set()
    while person_id not in seen:
        seen.add(person_id)
        row = conn.execute("SELECT merged_into FROM persons WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            raise NotFoundError("no such speaker", source=person_id)
        if row[0] is None:
            return person_id
        person_id = row[0]
    raise StoreError("merge cycle in the speaker registry", source=person_id)


def new_person(conn: sqlite3.Connection, name: str) -> str:
    base = rules.slug(name)
    taken = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM persons WHERE id = ? OR id LIKE ?", (base, base + "-%")
        )
    ]
    person_id = rules.unique_id(base, taken)
    conn.execute("INSERT INTO persons (id, name) VALUES (?, ?)", (person_id, name))
    return person_id


def resolve(conn: sqlite3.Connection, doc_id: str, name: str, roles: list[str]) -> str:
    key = rules.name_key(name)
    row = conn.execute(
        "SELECT person_id FROM speaker_overrides WHERE doc_id = ? AND name_key = ?", (doc_id, key)
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT person_id FROM person_names WHERE name_key = ?", (key,)
        ).fetchone()
    if row is not None:
        return follow(conn, row[0])
    person_id = _variant_of(conn, name, roles) or new_person(conn, name)
    conn.execute(
        "INSERT INTO person_names (name_key, name, person_id, origin) VALUES (?, ?, ?, 'auto')",
        (key, name, person_id),
    )
    return person_id


def _variant_of(conn: sqlite3.Connection, name: str, roles: list[str]) -> str | None:
    """A known person this new spelling names, on strong evidence (identity.same_person)."""
    key = rules.name_key(name)
    if not roles or " " not in key:
        return None  # one word: no first name whose romanisation could differ
    for person_id, other, other_roles in _candidates(conn, key.rsplit(" ", 1)[-1]):
        if rules.same_person(name, roles, other, other_roles):
            return follow(conn, person_id)
    return None


def _candidates(conn: sqlite3.Connection, surname: str) -> Iterator[tuple[str, str, set[str]]]:
    """Each (person id, name) of the appearances with this surname, with their roles, in
    that order; those whose appearances name no role are no candidates."""
    spellings = _spellings(conn, surname)
    for (person_id, other), group in groupby(spellings, key=lambda s: (s[0], s[1])):
        roles = {role for _, _, listed in group for role in json.loads(listed)}
        if roles:
            yield person_id, other, roles


_SPELLINGS = (
    "SELECT person_id, name, roles FROM appearances WHERE " + schema.SURNAME + " = ? AND {}"
    " ORDER BY person_id, name, roles LIMIT 1"
)
_FIRST_SPELLING = _SPELLINGS.format("person_id IS NOT NULL")
# After a row: more roles of its person and name, else the person's next name, else the
# next person. Scalar ranges, each one seek: SQLite seeks a row-value range such as
# `(person_id, name, roles) > (?, ?, ?)` with >= and filters, reading every duplicate.
_NEXT_SPELLING = tuple(
    _SPELLINGS.format(after)
    for after in (
        "person_id = ? AND name = ? AND roles > ?",
        "person_id = ? AND name > ?",
        "person_id > ?",
    )
)


def _spellings(conn: sqlite3.Connection, surname: str) -> Iterator[tuple[str, str, str]]:
    """The distinct (person id, name, roles) of the appearances with this surname and a
    person, in order, each found by seeking past the one before (schema.appearances_surname).

    A seek per distinct row: a frequent surname has many appearances but few distinct ones
    (in a 500,000-document archive 'putin' has 99,099 appearances, 5 distinct), and GROUP BY
    or DISTINCT would read them all (SQLite skips ahead only with ANALYZE statistics)."""
    row = conn.execute(_FIRST_SPELLING, (surname,)).fetchone()
    while row is not None:
        yield row
        row = _next_spelling(conn, surname, row)


def _next_spelling(
    conn: sqlite3.Connection, surname: str, row: tuple[str, str, str]
) -> tuple[str, str, str] | None:
    for fixed, query in zip((3, 2, 1), _NEXT_SPELLING, strict=True):
        found = conn.execute(query, (surname, *row[:fixed])).fetchone()
        if found is not None:
            return found
    return None


def _speakers_of(doc: Document) -> list[Speaker]:
    """The document's speakers, plus any that turns name but the speaker list forgot."""
    known = {s.id: s for s in doc.speakers}
    for turn in doc.turns:
        if turn.speaker not in known:
            known[turn.speaker] = Speaker(id=turn.speaker, name=turn.label, labels=[turn.label])
    return list(known.values())


def write_appearances(
    conn: sqlite3.Connection, doc: Document, spoken: dict[str, int] | None = None
) -> dict[str, str | None]:
    """The document's appearances; returns each local speaker id's person id (or None).

    `spoken`: words per local speaker id, when the caller counted them already."""
    turns: dict[str, int] = defaultdict(int)
    words: dict[str, int] = defaultdict(int)
    for turn in doc.turns:
        turns[turn.speaker] += 1
        if spoken is None:
            words[turn.speaker] += sum(len(p.split()) for p in turn.paragraphs)
    if spoken is not None:
        words.update(spoken)
    rows = []
    for speaker in _speakers_of(doc):
        name = speaker.name or (speaker.labels[0] if speaker.labels else speaker.id)
        generic = rules.is_generic(name, speaker.generic)
        person = None if generic else resolve(conn, doc.id, name, speaker.roles)
        rows.append(
            (
                doc.id,
                speaker.id,
                person,
                name,
                rules.name_key(name),
                json.dumps(speaker.roles, ensure_ascii=False),
                int(generic),
                turns[speaker.id],
                words[speaker.id],
            )
        )
    conn.executemany(
        "INSERT INTO appearances (doc_id, local_id, person_id, name, name_key, roles, generic,"
        " turns, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return {row[1]: row[2] for row in rows}


def resolve_filter(conn: sqlite3.Connection, speaker: str) -> list[str]:
    """Person ids for a `--speaker` filter: an id, an exact name, else names containing it."""
    row = conn.execute("SELECT id FROM persons WHERE id = ?", (speaker,)).fetchone()
    if row:
        return [follow(conn, row[0])]
    key = rules.name_key(speaker)
    row = conn.execute("SELECT person_id FROM person_names WHERE name_key = ?", (key,)).fetchone()
    if row:
        return [follow(conn, row[0])]
    rows = conn.execute(
        "SELECT DISTINCT person_id FROM person_names WHERE name_key LIKE ? ESCAPE '\\'",
        ("%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
    ).fetchall()
    ids = sorted({follow(conn, r[0]) for r in rows})
    if not ids:
        raise NotFoundError("no speaker of that name in the archive", source=speaker)
    return ids


def _log(conn: sqlite3.Connection, action: str, detail: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO corrections (action, detail, made_at) VALUES (?, ?, datetime('now'))",
        (action, json.dumps(detail, ensure_ascii=False)),
    )


def _touch(conn: sqlite3.Connection, person_id: str) -> None:
    """Queue the documents a person speaks in for the derived index."""
    conn.execute(
        "INSERT INTO changes (doc_id) SELECT DISTINCT doc_id FROM appearances WHERE person_id = ?",
        (person_id,),
    )


def merge(conn: sqlite3.Connection, keep: str, absorb: str) -> str:
    """Make `absorb` the same person as `keep`; returns the survivor's id."""
    keep, absorb = follow(conn, keep), follow(conn, absorb)
    if keep == absorb:
        raise StoreError("already the same person", source=keep)
    conn.execute(
        "UPDATE person_names SET person_id = ?, origin = 'archivist' WHERE person_id = ?",
        (keep, absorb),
    )
    conn.execute("UPDATE speaker_overrides SET person_id = ? WHERE person_id = ?", (keep, absorb))
    conn.execute("UPDATE appearances SET person_id = ? WHERE person_id = ?", (keep, absorb))
    conn.execute("UPDATE persons SET merged_into = ? WHERE id = ?", (keep, absorb))
    _touch(conn, keep)
    _log(conn, "merge", {"keep": keep, "absorb": absorb})
    return keep


def split_name(conn: sqlite3.Connection, person_id: str, name: str, new_name: str | None) -> str:
    """Give one spelling of a person back to a person of its own; returns the new id."""
    person_id = follow(conn, person_id)
    key = rules.name_key(name)
    row = conn.execute(
        "SELECT name FROM person_names WHERE name_key = ? AND person_id = ?", (key, person_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"{person_id} has no spelling {name!r}", source=person_id)
    count = conn.execute(
        "SELECT count(*) FROM person_names WHERE person_id = ?", (person_id,)
    ).fetchone()[0]
    if count < 2:
        raise StoreError("only one spelling; split by --doc instead", source=person_id)
    new_id = new_person(conn, new_name or row[0])
    conn.execute(
        "UPDATE person_names SET person_id = ?, origin = 'archivist' WHERE name_key = ?",
        (new_id, key),
    )
    conn.execute(
        "UPDATE appearances SET person_id = ? WHERE person_id = ? AND name_key = ?"
        " AND doc_id NOT IN (SELECT doc_id FROM speaker_overrides WHERE name_key = ?)",
        (new_id, person_id, key, key),
    )
    _touch(conn, new_id)
    _log(conn, "split", {"person": person_id, "name": name, "new": new_id})
    return new_id


def split_docs(conn: sqlite3.Connection, person_id: str, doc_ids: list[str], new_name: str) -> str:
    """Say that in these documents the person's speaker is somebody else; returns the new id."""
    person_id = follow(conn, person_id)
    marks = ",".join("?" * len(doc_ids))
    rows = conn.execute(
        f"SELECT doc_id, name_key FROM appearances WHERE person_id = ? AND doc_id IN ({marks})",
        [person_id, *doc_ids],
    ).fetchall()
    if not rows:
        raise NotFoundError("speaks in none of those documents", source=person_id)
    new_id = new_person(conn, new_name)
    conn.executemany(
        "INSERT OR REPLACE INTO speaker_overrides (doc_id, name_key, person_id) VALUES (?, ?, ?)",
        [(doc, key, new_id) for doc, key in rows],
    )
    conn.executemany(
        "UPDATE appearances SET person_id = ? WHERE doc_id = ? AND name_key = ?",
        [(new_id, doc, key) for doc, key in rows],
    )
    _touch(conn, new_id)
    _log(conn, "split", {"person": person_id, "documents": doc_ids, "new": new_id})
    return new_id
