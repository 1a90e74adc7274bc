"""Stored blobs: zstd now, zlib before; an archive written before the change still works."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from helpers.archives import page_folder
from onrecord.archive import Archive
from onrecord.model import Document
from onrecord.store import codec, documents, paragraphs

SAMPLE = {"51177", "54271", "57678"}


@pytest.fixture
def pages(tmp_path: Path, html_pages: list[Path]) -> Path:
    return page_folder(tmp_path / "pages", html_pages, SAMPLE)


def _old_content_hash(document: Document) -> str:
    """The content hash as onrecord computed it before orjson (json.dumps, default
    separators, the content part of `to_dict()`)."""
    record = document.to_dict()
    content = {k: v for k, v in record.items() if k not in ("source", "sha256", "parser")}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _as_written_before(db: Path) -> None:
    """Rewrite the blobs and hashes the way the zlib/json version of onrecord stored them."""
    conn = sqlite3.connect(db)
    with conn:
        for sha, data in conn.execute("SELECT sha256, data FROM raw_inputs").fetchall():
            conn.execute(
                "UPDATE raw_inputs SET data = ?, compression = 'zlib' WHERE sha256 = ?",
                (zlib.compress(codec.decompress(data), 1), sha),
            )
        rows = conn.execute("SELECT doc_id, revision, body FROM revisions").fetchall()
        for doc_id, revision, body in rows:
            record = json.loads(codec.decompress(body))
            old_body = json.dumps(record, ensure_ascii=False).encode()
            conn.execute(
                "UPDATE revisions SET body = ?, content_hash = ? WHERE doc_id = ? AND revision = ?",
                (
                    zlib.compress(old_body, 1),
                    _old_content_hash(Document.from_dict(record)),
                    doc_id,
                    revision,
                ),
            )
    conn.close()


def test_new_blobs_are_zstd_and_read_back_exactly(tmp_path: Path, pages: Path) -> None:
    page = pages / "54271.html"
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([page], workers=1, enrich=False)
        assert archive.raw("54271").data == page.read_bytes()
        row = archive._conn.execute("SELECT compression, data FROM raw_inputs").fetchone()
        body = archive._conn.execute("SELECT body FROM revisions").fetchone()[0]
    assert row[0] == "zstd"
    assert row[1][:4] == body[:4] == b"\x28\xb5\x2f\xfd"  # zstd frames
    assert len(row[1]) < page.stat().st_size / 3


def test_archive_written_with_zlib_and_json_hashes_still_reads_reparses_and_updates(
    tmp_path: Path, pages: Path
) -> None:
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        archive.ingest([pages], workers=1, enrich=False)
        before = {doc_id: archive.get(doc_id).to_dict() for doc_id in SAMPLE}
    _as_written_before(db)
    with Archive.open(db) as archive:
        compression = archive._conn.execute("SELECT DISTINCT compression FROM raw_inputs")
        assert compression.fetchall() == [("zlib",)]
        for doc_id in SAMPLE:
            assert archive.get(doc_id).to_dict() == before[doc_id]
            assert archive.raw(doc_id).data == (pages / f"{doc_id}.html").read_bytes()
        # same bytes: unchanged; same parse of the kept raw input: unchanged, no revision
        assert archive.ingest([pages], workers=1, enrich=False).unchanged == 3
        report = archive.reparse(workers=1, enrich=False)
        assert (report.unchanged, report.updated, report.failed) == (3, 0, [])
        assert archive.stats().revisions == 3
        # a real change becomes a zstd revision beside the zlib one, both readable
        page = pages / "54271.html"
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("organised crime", "organised edited crime", 1), "utf-8")
        assert archive.ingest([page], workers=1, enrich=False).updated == 1
        assert archive.get("54271", 1).to_dict() == before["54271"]
        assert any(
            "organised edited crime" in t for t in paragraphs.paragraph_texts(archive.get("54271"))
        )
        assert archive.raw("54271", 1).data != archive.raw("54271", 2).data
        assert archive.raw("54271", 2).data == page.read_bytes()


def test_revision_json_is_the_documents_interchange_form(
    gold_documents: list[Document],
) -> None:
    """The hand-built encoding holds exactly `Document.to_dict()` (turn text, times only
    when set), so a stored revision reads back as the document it was."""
    from dataclasses import replace

    timed = replace(
        gold_documents[0],
        turns=[replace(t, start=1.5, end=2.0) for t in gold_documents[0].turns],
    )
    for document in [*gold_documents, timed]:
        body, digest = documents._encode(document)
        assert json.loads(body) == document.to_dict()
        assert Document.from_dict(json.loads(body)) == document
        assert digest == documents.content_hash(document)


def test_a_blob_that_is_neither_codec_is_a_store_error() -> None:
    from onrecord.errors import StoreError

    with pytest.raises(StoreError):
        codec.decompress(b"not compressed at all")
    assert codec.decompress(zlib.compress(b"old")) == b"old"
    assert codec.decompress(codec.compress(b"new")) == b"new"


def test_text_hash_is_blind_to_whitespace_nbsp_time_and_provenance() -> None:
    from onrecord.model import Document, Turn
    from onrecord.store.documents import text_hash

    def doc(text: str, source: str = "1.txt", **fields: str) -> Document:
        turns = [Turn(0, "Jane Doe", "jane-doe", [text])]
        return Document("1", source, "0" * 64, {"name": "t"}, turns=turns, **fields)  # type: ignore[arg-type]

    same = text_hash(doc("Good morning to\u00a0all."))
    assert text_hash(doc(" Good  morning\nto all. ", time="13:00", source="1.html")) == same
    assert text_hash(doc("Good morning to all!")) != same
    assert text_hash(doc("Good morning to all.", title="Other")) != same
