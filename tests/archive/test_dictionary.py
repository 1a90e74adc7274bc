"""Raw pages compressed with a zstd dictionary that the archive trains on its own pages
and keeps in its database; blobs without one (and zlib blobs) still read."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import pytest
import zstandard

from helpers.archives import page_folder, undo_revisions_by_text
from onrecord import ingest
from onrecord.archive import Archive
from onrecord.errors import StoreError
from onrecord.store import codec, schema

FEW = 8  # the threshold for these tests: the fixture pages are 36, not hundreds


@pytest.fixture
def few_pages_train(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "DICTIONARY_MIN_PAGES", FEW)


@pytest.fixture
def pages(tmp_path: Path, html_pages: list[Path]) -> Path:
    return page_folder(tmp_path / "pages", html_pages)


def _dictionaries(archive: Archive) -> list[int]:
    return [r[0] for r in archive._conn.execute("SELECT id FROM zstd_dictionaries")]


def _frame_dictionaries(archive: Archive) -> set[int]:
    """The dictionary ids that the stored raw blobs name in their frame headers."""
    rows = archive._conn.execute("SELECT data FROM raw_inputs")
    return {zstandard.get_frame_parameters(blob).dict_id for (blob,) in rows}


@pytest.mark.usefixtures("few_pages_train")
@pytest.mark.parametrize("workers", [1, 2])
def test_pages_are_kept_with_the_archives_dictionary_and_read_back_exactly(
    tmp_path: Path, pages: Path, workers: int
) -> None:
    files = sorted(pages.glob("*.html"))
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([pages], workers=workers, enrich=False)
        assert (report.inserted, report.failed) == (len(files), [])
        ids = _dictionaries(archive)
        assert len(ids) == 1
        assert _frame_dictionaries(archive) == set(ids)
        for page in files:
            assert archive.raw(page.stem).data == page.read_bytes()
        stored = archive._conn.execute("SELECT sum(length(data)) FROM raw_inputs").fetchone()[0]
        bodies = archive._conn.execute("SELECT body FROM revisions").fetchall()
    plain = sum(len(codec.compress(page.read_bytes())) for page in files)
    assert stored < plain * 0.6  # the site's chrome is in the dictionary, not in every blob
    # revision bodies are JSON, compressed without the dictionary
    assert {zstandard.get_frame_parameters(body).dict_id for (body,) in bodies} == {0}


@pytest.mark.usefixtures("few_pages_train")
def test_a_later_ingest_uses_the_stored_dictionary_and_trains_no_other(
    tmp_path: Path, pages: Path
) -> None:
    files = sorted(pages.glob("*.html"))
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest(files[: len(files) // 2], workers=1, enrich=False)
        first = _dictionaries(archive)
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest(files[len(files) // 2 :], workers=2, enrich=False)
        assert report.inserted == len(files) - len(files) // 2
        assert _dictionaries(archive) == first
        assert _frame_dictionaries(archive) == set(first)
        assert archive.ingest([pages], workers=1, enrich=False).unchanged == len(files)
        assert _dictionaries(archive) == first


@pytest.mark.usefixtures("few_pages_train")
def test_reparse_reads_pages_kept_with_a_dictionary(tmp_path: Path, pages: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([pages], workers=1, enrich=False)
        before = {
            s.id: archive.get(s.id).to_dict() for s in archive.list_documents(limit=100).items
        }
        report = archive.reparse(workers=2, enrich=False)
        assert (report.unchanged, report.updated, report.failed) == (len(before), 0, [])
        assert {doc_id: archive.get(doc_id).to_dict() for doc_id in before} == before


def test_a_small_ingest_trains_no_dictionary(tmp_path: Path, pages: Path) -> None:
    files = sorted(pages.glob("*.html"))[: ingest.DICTIONARY_MIN_PAGES - 1]
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest(files, workers=1, enrich=False)
        assert _dictionaries(archive) == []
        assert _frame_dictionaries(archive) == {0}
        assert archive.raw(files[0].stem).data == files[0].read_bytes()


@pytest.mark.usefixtures("few_pages_train")
def test_imports_and_records_are_kept_without_the_dictionary(
    tmp_path: Path, pages: Path, fixtures: Path
) -> None:
    vtt = fixtures / "imports" / "interview.vtt"
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([pages, vtt], workers=1, enrich=False)
        assert len(_dictionaries(archive)) == 1
        row = archive._conn.execute(
            "SELECT i.data FROM raw_inputs i JOIN revisions r ON r.sha256 = i.sha256"
            " WHERE r.reader = 'import'"
        ).fetchone()
    assert zstandard.get_frame_parameters(row[0]).dict_id == 0


@pytest.mark.usefixtures("few_pages_train")
def test_samples_too_small_to_train_on_mean_no_dictionary_and_no_error(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    for n in range(FEW):
        (folder / f"{n}.txt").write_text(f"1 May 2020\n\nA: Hi {n}.\n\nB: Bye.\n", "utf-8")
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([folder], workers=1, enrich=False)
        assert _dictionaries(archive) == []
        assert report.inserted + len(report.failed) == FEW


def test_training_that_zstd_refuses_gives_no_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise zstandard.ZstdError("cannot train dictionary: Src size is incorrect")

    monkeypatch.setattr(zstandard, "train_dictionary", refuse)
    assert codec.train_dictionary([b"x" * 100_000] * 40) is None


@pytest.mark.usefixtures("few_pages_train")
def test_a_blob_naming_a_dictionary_the_archive_lacks_is_a_store_error(
    tmp_path: Path, pages: Path
) -> None:
    page = sorted(pages.glob("*.html"))[0]
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([pages], workers=1, enrich=False)
        assert archive.raw(page.stem).data == page.read_bytes()  # the dictionary is cached now
        archive._conn.execute("DELETE FROM zstd_dictionaries")
        with pytest.raises(StoreError, match="zstd dictionary"):
            archive.raw(page.stem)
        archive._conn.execute("DROP TABLE zstd_dictionaries")
        with pytest.raises(StoreError, match="zstd dictionary"):
            archive.raw(page.stem)
    trained = codec.train_dictionary([p.read_bytes() for p in pages.glob("*.html")])
    assert trained is not None
    with pytest.raises(StoreError, match="no archive"):
        codec.decompress(codec.compress(b"page", trained))


def _as_before_dictionaries(db: Path) -> None:
    """The database as the schema version before the dictionaries left it, its raw pages
    partly zlib."""
    version = [name for name, _ in schema.MIGRATIONS].index("zstd_dictionaries")
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP INDEX appearances_surname")
    conn.execute("DROP TABLE zstd_dictionaries")
    undo_revisions_by_text(conn)
    conn.execute("DELETE FROM schema_migrations WHERE version > ?", (version,))
    conn.execute(f"PRAGMA user_version = {version}")
    sha, blob = conn.execute("SELECT sha256, data FROM raw_inputs LIMIT 1").fetchone()
    conn.execute(
        "UPDATE raw_inputs SET data = ?, compression = 'zlib' WHERE sha256 = ?",
        (zlib.compress(codec.decompress(blob)), sha),
    )
    conn.close()


@pytest.mark.usefixtures("few_pages_train")
def test_a_database_of_the_previous_version_is_migrated_and_keeps_reading_its_blobs(
    tmp_path: Path, pages: Path
) -> None:
    files = sorted(pages.glob("*.html"))
    old, new = files[: FEW - 1], files[FEW - 1 :]
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        archive.ingest(old, workers=1, enrich=False)
    _as_before_dictionaries(db)
    with Archive.open(db) as archive:
        assert archive._conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        assert _dictionaries(archive) == []
        for page in old:
            assert archive.raw(page.stem).data == page.read_bytes()
        report = archive.ingest(files, workers=1, enrich=False)
        assert (report.unchanged, report.inserted) == (len(old), len(new))
        assert len(_dictionaries(archive)) == 1
        for page in files:
            assert archive.raw(page.stem).data == page.read_bytes()
        assert archive.reparse(workers=1, enrich=False).failed == []
