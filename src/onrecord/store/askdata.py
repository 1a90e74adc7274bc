"""What `ask` reads besides the search index: who the archive's people are (names and
roles, to tell a person named in a question)."""

from __future__ import annotations

import json
import sqlite3


def people(conn: sqlite3.Connection) -> list[tuple[str, str, list[str], int]]:
    """(person id, name, roles, words spoken) of every person who speaks, most words first."""
    rows = conn.execute(
        "SELECT a.person_id, coalesce(pe.name, a.name), a.roles, a.words FROM appearances a"
        " LEFT JOIN persons pe ON pe.id = a.person_id WHERE a.person_id IS NOT NULL"
    ).fetchall()
    out: dict[str, tuple[str, set[str], int]] = {}
    for person, name, roles, words in rows:
        known = out.get(person)
        held = set(json.loads(roles or "[]"))
        if known:
            out[person] = (known[0], known[1] | held, known[2] + int(words))
        else:
            out[person] = (str(name), held, int(words))
    ranked = sorted(out.items(), key=lambda item: -item[1][2])
    return [(pid, name, sorted(roles), words) for pid, (name, roles, words) in ranked]
