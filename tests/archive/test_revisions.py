"""Revisions as a user meets them: one page stored, edited, stored again, uploaded again
with an earlier revision's bytes, through the library and the HTTP upload."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.archive import Archive
from onrecord.web import WebConfig, create_app

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"
ORIGINAL = (KREMLIN / "54271.txt").read_bytes()
WORDS = b"organised crime"
assert ORIGINAL.count(WORDS) >= 1
EDITED = ORIGINAL.replace(WORDS, b"organised edited crime", 1)
EDITED_AGAIN = EDITED.replace(b"organised edited crime", b"organised twice edited crime", 1)
# Other bytes, same transcript: Windows line ends
EDITED_CRLF = EDITED.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(archive: Archive, folder: Path, data: bytes) -> tuple[int, int, int]:
    page = folder / "54271.txt"
    page.write_bytes(data)
    report = archive.ingest([page], workers=1, enrich=False)
    assert report.failed == []
    return report.inserted, report.updated, report.unchanged


def history(archive: Archive) -> list[tuple[int, str, bool]]:
    return [(r.revision, r.sha256, r.current) for r in archive.revisions("54271")]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive.open(tmp_path / "a.db")


def test_a_page_stored_edited_and_stored_again(archive: Archive, tmp_path: Path) -> None:
    with archive:
        assert store(archive, tmp_path, ORIGINAL) == (1, 0, 0)
        assert history(archive) == [(1, sha(ORIGINAL), True)]
        assert store(archive, tmp_path, ORIGINAL) == (0, 0, 1)
        assert store(archive, tmp_path, EDITED) == (0, 1, 0)
        assert history(archive) == [(1, sha(ORIGINAL), False), (2, sha(EDITED), True)]
        assert archive.raw("54271", 1).data == ORIGINAL
        assert archive.raw("54271").data == EDITED
        assert archive.search('"organised edited crime"').total == 1
        fts = Archive(archive._conn, str(archive.path), engine="fts5")
        assert fts.search('"organised edited crime"').total == 1
        assert fts.search('"organised crime"').total == 0  # the old revision's words are gone
        for info in archive.revisions("54271"):
            assert (info.doc_id, info.source) == ("54271", str(tmp_path / "54271.txt"))
            assert info.parser.startswith("saved-text") and "T" in info.ingested_at
            assert datetime.fromisoformat(info.ingested_at).tzinfo is not None
        old = " ".join(p for t in archive.get("54271", 1).turns for p in t.paragraphs)
        assert "organised crime" in old and "edited" not in old


def restored(archive: Archive) -> list[int | None]:
    return [r.restores for r in archive.revisions("54271")]


def test_an_earlier_revisions_bytes_are_a_revert_that_restores_it(
    archive: Archive, tmp_path: Path
) -> None:
    """A publisher's revert is recorded: the old text is current again as a new revision
    that names the one it restores; the same bytes once more change nothing."""
    with archive:
        store(archive, tmp_path, ORIGINAL)
        store(archive, tmp_path, EDITED)
        store(archive, tmp_path, EDITED_AGAIN)
        assert store(archive, tmp_path, ORIGINAL) == (0, 1, 0)
        assert store(archive, tmp_path, ORIGINAL) == (0, 0, 1)
        assert history(archive) == [
            (1, sha(ORIGINAL), False),
            (2, sha(EDITED), False),
            (3, sha(EDITED_AGAIN), False),
            (4, sha(ORIGINAL), True),
        ]
        assert restored(archive) == [None, None, None, 1]
        assert archive.search('"organised twice edited crime"').total == 0
        assert archive.search('"organised crime"').total == 1
        assert archive.stats().revisions == 4


def test_other_bytes_with_the_current_content_create_no_revision(
    archive: Archive, tmp_path: Path
) -> None:
    assert EDITED_CRLF != EDITED
    with archive:
        store(archive, tmp_path, ORIGINAL)
        store(archive, tmp_path, EDITED)
        assert store(archive, tmp_path, EDITED_CRLF) == (0, 0, 1)
        assert [r for r, _, _ in history(archive)] == [1, 2]


def test_an_earlier_content_in_other_bytes_is_a_new_current_revision(
    archive: Archive, tmp_path: Path
) -> None:
    """Not the current content, not bytes seen before: the documented rule makes it new."""
    original_crlf = ORIGINAL.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    with archive:
        store(archive, tmp_path, ORIGINAL)
        store(archive, tmp_path, EDITED)
        assert store(archive, tmp_path, original_crlf) == (0, 1, 0)
        assert history(archive)[-1] == (3, sha(original_crlf), True)
        assert archive.search('"organised edited crime"').total == 0


def test_uploads_follow_the_same_rules(tmp_path: Path) -> None:
    headers = {"Authorization": "Bearer t"}
    with TestClient(create_app(WebConfig(str(tmp_path / "web.db"), token="t"))) as client:

        def upload(data: bytes) -> str:
            response = client.post(
                "/api/v1/documents?source=54271.txt", content=data, headers=headers
            )
            assert response.status_code == 201, response.text
            return str(response.json()["status"])

        statuses = [upload(d) for d in (ORIGINAL, EDITED, ORIGINAL, EDITED, EDITED_AGAIN)]
        listed = client.get("/api/v1/documents/54271/revisions").json()
    assert statuses == ["inserted", "updated", "updated", "updated", "updated"]
    assert listed["doc_id"] == "54271"
    revisions = [(r["revision"], r["restores"], r["current"]) for r in listed["revisions"]]
    assert revisions == [
        (1, None, False),
        (2, None, False),
        (3, 1, False),
        (4, 2, False),
        (5, None, True),
    ]
    assert listed["revisions"][-1]["sha256"] == sha(EDITED_AGAIN)


def test_a_new_revision_gets_its_own_annotations(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        page = tmp_path / "54271.txt"
        page.write_bytes(ORIGINAL)
        archive.ingest([page], workers=1)
        before = {(a.kind, a.text) for a in archive.annotations("54271")}
        page.write_bytes(EDITED)
        assert archive.ingest([page], workers=1).updated == 1
        after = {(a.kind, a.text) for a in archive.annotations("54271")}
    assert before and after
    assert any("edited" in text for _, text in after - before)


def test_a_revision_hashed_by_an_earlier_version_is_still_the_same_content(
    archive: Archive, tmp_path: Path
) -> None:
    """Archives written before the orjson encoding hashed content with json.dumps: the
    same transcript in other bytes must still be found unchanged against them."""
    with archive:
        store(archive, tmp_path, EDITED)
        old_hash = hashlib.sha256(
            json.dumps(
                {
                    k: v
                    for k, v in archive.get("54271").to_dict().items()
                    if k not in ("source", "sha256", "parser")
                },
                ensure_ascii=False,
            ).encode()
        ).hexdigest()
        archive._conn.execute("UPDATE revisions SET content_hash = ?", (old_hash,))
        assert store(archive, tmp_path, EDITED_CRLF) == (0, 0, 1)


def test_put_document_keeps_fts5_in_step_with_each_revision(tmp_path: Path) -> None:
    from dataclasses import replace

    from helpers.corpus import CORPUS

    first = CORPUS[0]
    second = replace(
        first,
        sha256="e" * 64,
        turns=[
            replace(t, paragraphs=[p.replace("ruble", "rouble") for p in t.paragraphs])
            for t in first.turns
        ],
    )
    with Archive.open(tmp_path / "a.db") as archive:
        fts = Archive(archive._conn, str(archive.path), engine="fts5")
        assert archive.put_document(first) == "inserted"
        assert [h.permalink for h in fts.search("ruble").hits] == ["d1#t1-p1"]
        assert archive.put_document(second) == "updated"
        assert fts.search("ruble").total == 0
        assert [h.permalink for h in fts.search("rouble").hits] == ["d1#t1-p1"]
        assert fts.search("russia").total == 3  # every other paragraph indexed once


def test_two_revisions_in_one_ingest_leave_each_paragraph_indexed_once(tmp_path: Path) -> None:
    """54271 and an edited copy in one batch: two revisions, and FTS5 finds the current
    one's paragraphs once each, as Tantivy does."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "54271.txt").write_bytes(ORIGINAL)
    (tmp_path / "b" / "54271.txt").write_bytes(EDITED)
    with Archive.open(tmp_path / "a.db") as archive:
        pages = [tmp_path / "a" / "54271.txt", tmp_path / "b" / "54271.txt"]
        report = archive.ingest(pages, workers=1)
        assert (report.inserted, report.updated) == (1, 1)
        fts = Archive(archive._conn, str(archive.path), engine="fts5")
        for query in ("russia", "edited", "trafficking"):
            fast, slow = archive.search(query, limit=500), fts.search(query, limit=500)
            assert slow.total == fast.total > 0
            assert sorted(h.permalink for h in slow.hits) == sorted(h.permalink for h in fast.hits)
            assert len({h.permalink for h in slow.hits}) == slow.total
