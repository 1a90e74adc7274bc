"""Opening databases: fresh, upgraded, foreign, newer; migrations recorded in order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from onrecord.archive import Archive
from onrecord.errors import NotFoundError, NotOnrecordDatabase, SchemaVersionError
from onrecord.store import schema

FINAL_TABLES = {
    "annotations",
    "appearances",
    "changes",
    "corrections",
    "documents",
    "entity_documents",
    "entity_mentions",
    "entity_totals",
    "paragraphs",
    "paragraphs_fts",
    "person_names",
    "person_role_dates",
    "person_totals",
    "persons",
    "raw_inputs",
    "revision_inputs",
    "revisions",
    "schema_migrations",
    "settings",
    "speaker_overrides",
    "watch_deliveries",
    "watch_delivered",
    "watches",
    "zstd_dictionaries",
}


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'paragraphs_fts_%'"
    ).fetchall()
    conn.close()
    return {r[0] for r in rows}


def _migrations(path: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    conn.close()
    return rows


def test_fresh_database_has_the_final_schema_and_every_migration_recorded(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    Archive.open(path).close()
    assert _tables(path) == FINAL_TABLES
    assert _migrations(path) == [(i + 1, name) for i, (name, _) in enumerate(schema.MIGRATIONS)]


def test_older_database_is_upgraded_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, 0, target=2)
    conn.execute("INSERT INTO persons (id, name) VALUES ('kept', 'Kept Person')")
    conn.close()
    with Archive.open(path) as archive:
        assert archive.speaker("kept").person.name == "Kept Person"
    assert _tables(path) == FINAL_TABLES
    assert [v for v, _ in _migrations(path)] == list(range(1, schema.LATEST + 1))


def _untouched(path: Path, opener: type[Exception]) -> None:
    before = path.read_bytes()
    with pytest.raises(opener):
        Archive.open(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    _untouched(path, NotOnrecordDatabase)


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"just some notes, not SQLite at all\n" * 200)
    _untouched(path, NotOnrecordDatabase)


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Archive.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    Path(f"{path}-wal").unlink(missing_ok=True)
    with pytest.raises(SchemaVersionError, match="newer"):
        Archive.open(path)


def test_reading_a_missing_database_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(NotFoundError):
        Archive.open(path, create=False)
    assert not path.exists()


def test_database_path_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONRECORD_DB", str(tmp_path / "env.db"))
    with Archive.open() as archive:
        assert archive.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


def test_upgrade_refolds_the_text_index_of_existing_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "before-folding.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.register_functions(conn)
    before_folding = [name for name, _ in schema.MIGRATIONS].index("fts_folded_text")
    schema.migrate(conn, 0, target=before_folding)
    conn.execute(
        "INSERT INTO documents VALUES ('d1', 1, 'T', '2020-01-01', '', '', '', 's', 'en', 1, 2)"
    )
    conn.execute(
        "INSERT INTO paragraphs (doc_id, turn, paragraph, speaker, words, text)"
        " VALUES ('d1', 0, 0, 's0', 2, 'Ёлка, Zürich')"
    )
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")
    conn.close()
    with Archive.open(path, engine="fts5") as archive:
        assert [h.permalink for h in archive.search("елка").hits] == ["d1#t0-p0"]
        assert archive.search("zurich").total == 1
