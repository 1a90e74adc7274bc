"""Linking a new spelling to a known person (persons._variant_of): the decisions, after
corrections too, the same as the scan of every appearance it replaced, and by an index."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.archives import transcript, undo_revisions_by_text
from onrecord import identity as rules
from onrecord.archive import Archive
from onrecord.model import Document
from onrecord.store import persons, schema


def doc(doc_id: str, *speakers: tuple[str, list[str]]) -> Document:
    return transcript(doc_id, "2015-01-01", speakers, "Words.")


@pytest.fixture
def peskov() -> Iterator[Archive]:
    with Archive.open(":memory:") as archive:
        archive.put_documents(
            [
                doc("a", ("Dmitry Peskov", ["Press Secretary"])),
                doc("b", ("Dmitry Peskov", ["Spokesman"]), ("Sergei Ivanov", [])),
            ]
        )
        yield archive


def person_of(archive: Archive, doc_id: str, name: str) -> str:
    row = archive._conn.execute(
        "SELECT person_id FROM appearances WHERE doc_id = ? AND name = ?", (doc_id, name)
    ).fetchone()
    return str(row[0])


def test_a_romanised_spelling_with_a_shared_role_names_the_known_person(peskov: Archive) -> None:
    peskov.put_document(doc("c", ("Dmitriy Peskov", ["press secretary"])))
    assert person_of(peskov, "c", "Dmitriy Peskov") == "dmitry-peskov"


@pytest.mark.parametrize(
    "name, roles",
    [
        ("Dmitriy Peskov", []),  # no roles: no evidence
        ("Dmitriy Peskov", ["Ambassador"]),  # no role in common
        ("Dmitriy Peskova", ["Press Secretary"]),  # another surname
        ("Anton Peskov", ["Press Secretary"]),  # another first name
        ("Peskov", ["Press Secretary"]),  # one word: no first name to compare
        ("Sergey Ivanov", ["Minister"]),  # Sergei Ivanov's appearance names no role
    ],
)
def test_a_spelling_without_strong_evidence_is_a_new_person(
    peskov: Archive, name: str, roles: list[str]
) -> None:
    peskov.put_document(doc("c", (name, roles)))
    assert person_of(peskov, "c", name) == rules.slug(name)


def test_after_a_merge_a_variant_names_the_survivor(peskov: Archive) -> None:
    peskov.put_document(doc("c", ("D. Peskov", [])))
    peskov.merge_speakers("d-peskov", "dmitry-peskov")
    peskov.put_document(doc("d", ("Dmitrii Peskov", ["Spokesman"])))
    assert person_of(peskov, "d", "Dmitrii Peskov") == "d-peskov"


def test_after_a_split_by_document_a_variant_goes_by_the_roles_of_each_part(
    peskov: Archive,
) -> None:
    peskov.split_speaker("dmitry-peskov", doc_ids=["a"], new_name="Other Peskov")
    peskov.put_document(doc("c", ("Dmitriy Peskov", ["Press Secretary"])))
    peskov.put_document(doc("d", ("Dmitrii Peskov", ["Spokesman"])))
    assert person_of(peskov, "c", "Dmitriy Peskov") == "other-peskov"
    assert person_of(peskov, "d", "Dmitrii Peskov") == "dmitry-peskov"


def variant_as_scanned(conn: sqlite3.Connection, name: str, roles: list[str]) -> str | None:
    """The lookup before the surname index: every appearance scanned with LIKE."""
    if not roles:
        return None
    surname = rules.name_key(name).rsplit(" ", 1)[-1]
    candidates = conn.execute(
        "SELECT a.person_id, a.name, json_group_array(DISTINCT r.value) FROM appearances a,"
        " json_each(a.roles) r WHERE a.name_key LIKE ? AND a.person_id IS NOT NULL"
        " GROUP BY a.person_id, a.name",
        ("% " + surname,),
    ).fetchall()
    for person_id, other, other_roles in candidates:
        if rules.same_person(name, roles, other, json.loads(other_roles)):
            return persons.follow(conn, person_id)
    return None


FIRSTS = ["Dmitry", "Dmitriy", "Dmitrii", "Sergei", "Sergey", "Yuri", "Yury", "Anna", ""]
SURNAMES = ["Peskov", "Ivanov", "Ivanova", "Lavrov", "Ivan_ov"]
ROLES = ["Press Secretary", "Minister", "Ambassador", "minister"]


def _random_speaker(rnd: random.Random) -> tuple[str, list[str]]:
    name = f"{rnd.choice(FIRSTS)} {rnd.choice(SURNAMES)}".strip()
    return name, rnd.sample(ROLES, rnd.choice([0, 0, 1, 2]))


@pytest.mark.parametrize("seed", range(6))
def test_decisions_equal_the_scan_of_every_appearance_after_corrections(seed: int) -> None:
    rnd = random.Random(seed)
    with Archive.open(":memory:") as archive:
        for i in range(30):
            speakers = {s[0]: s for s in (_random_speaker(rnd) for _ in range(3))}
            archive.put_document(doc(f"d{i}", *speakers.values()))
        ids = sorted(p.id for p in archive.speakers())
        archive.merge_speakers(ids[0], ids[-1])
        victim = sorted(p.id for p in archive.speakers())[1]
        archive.split_speaker(
            victim, doc_ids=[archive.speaker(victim).appearances[0].id], new_name="Split Off"
        )
        conn = archive._conn
        for _ in range(60):
            name, roles = _random_speaker(rnd)
            expected = variant_as_scanned(conn, name, roles)
            assert persons._variant_of(conn, name, roles) == expected, (name, roles)


def _plans(conn: sqlite3.Connection, statements: list[str]) -> list[str]:
    return [
        row[3]
        for sql in statements
        if "appearances" in sql and sql.lstrip().upper().startswith("SELECT")
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql)
    ]


def test_the_lookup_seeks_the_surname_index_instead_of_scanning_appearances(
    peskov: Archive,
) -> None:
    conn = peskov._conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        assert persons._variant_of(conn, "Dmitriy Peskov", ["Spokesman"]) == "dmitry-peskov"
    finally:
        conn.set_trace_callback(None)
    plans = _plans(conn, statements)
    assert plans and all("USING INDEX appearances_surname" in p for p in plans), plans
    assert not any(p.startswith("SCAN") for p in plans)


@pytest.mark.parametrize(
    "key", ["dmitry peskov", "peskov", "", "a b c", "ёлка палка", "le_pen marine", "x  y"]
)
def test_the_sql_surname_is_the_last_word_of_the_name_key(key: str) -> None:
    conn = sqlite3.connect(":memory:")
    [(surname,)] = conn.execute(f"SELECT {schema.SURNAME} FROM (SELECT ? AS name_key)", (key,))
    assert surname == key.rsplit(" ", 1)[-1]


def test_an_archive_from_before_the_index_gets_it_and_links_the_same(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Archive.open(path) as archive:
        archive.put_documents(
            [doc("a", ("Dmitry Peskov", ["Press Secretary"])), doc("b", ("Yury Ivanov", []))]
        )
    version = [name for name, _ in schema.MIGRATIONS].index("appearances_surname")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP INDEX appearances_surname")
    undo_revisions_by_text(conn)
    conn.execute("DELETE FROM schema_migrations WHERE version > ?", (version,))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    with Archive.open(path) as archive:
        indexes = {r[0] for r in archive._conn.execute("SELECT name FROM sqlite_master")}
        assert "appearances_surname" in indexes
        archive.put_document(doc("c", ("Dmitriy Peskov", ["Press Secretary"])))
        archive.put_document(doc("d", ("Yuri Ivanov", ["Minister"])))
        assert person_of(archive, "c", "Dmitriy Peskov") == "dmitry-peskov"
        assert person_of(archive, "d", "Yuri Ivanov") == "yuri-ivanov"


def test_a_fresh_archive_has_the_surname_index(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "fresh.db") as archive:
        row = archive._conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'appearances_surname'"
        ).fetchone()
    assert row is not None and schema.SURNAME in row[0]
