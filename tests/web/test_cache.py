"""The page cache: repeated GETs are served from memory until the archive changes."""

from __future__ import annotations

from pathlib import Path

from .conftest import KREMLIN, make_client


def test_second_get_is_a_hit_and_identical(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/documents/54271?cache-test=1")
    second = client.get("/documents/54271?cache-test=1")
    assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
    assert first.content == second.content
    assert second.headers["content-security-policy"] == first.headers["content-security-policy"]


def test_view_settings_get_their_own_entries(client) -> None:  # type: ignore[no-untyped-def]
    plain = client.get("/speakers?cache-test=2")
    dark = client.get(
        "/speakers?cache-test=2", cookies={"onrecord_view": "100.white-on-black.normal.on"}
    )
    assert dark.headers["x-cache"] == "miss"
    assert "scheme-white-on-black" in dark.text and "scheme-white-on-black" not in plain.text


def test_errors_are_not_cached(client) -> None:  # type: ignore[no-untyped-def]
    client.get("/documents/does-not-exist")
    assert client.get("/documents/does-not-exist").headers.get("x-cache") == "miss"


def test_a_write_drops_the_cache(tmp_path: Path) -> None:
    with make_client(tmp_path, token="t") as fresh:
        assert fresh.get("/api/v1/stats").json()["documents"] == 0
        assert fresh.get("/api/v1/stats").headers["x-cache"] == "hit"
        fresh.post(
            "/api/v1/documents?source=54271.txt",
            content=(KREMLIN / "54271.txt").read_bytes(),
            headers={"Authorization": "Bearer t"},
        )
        after = fresh.get("/api/v1/stats")
    assert after.headers["x-cache"] == "miss" and after.json()["documents"] == 1


def test_cache_can_be_turned_off(tmp_path: Path) -> None:
    with make_client(tmp_path, cache_entries=0) as fresh:
        fresh.get("/api/v1/stats")
        assert "x-cache" not in fresh.get("/api/v1/stats").headers


def test_etag_gives_304_until_the_page_changes(client) -> None:  # type: ignore[no-untyped-def]
    client.get("/documents?cache-test=3")
    hit = client.get("/documents?cache-test=3")
    again = client.get("/documents?cache-test=3", headers={"If-None-Match": hit.headers["etag"]})
    other = client.get("/documents?cache-test=3", headers={"If-None-Match": '"stale"'})
    assert again.status_code == 304 and again.content == b""
    assert other.status_code == 200 and other.content == hit.content


def test_the_write_mark_moves_with_a_write_still_in_the_wal(tmp_path: Path) -> None:
    """A committed write that SQLite keeps in the WAL (not yet checkpointed into the file)
    changes the mark the caches compare, so no stale page is served."""
    import sqlite3

    from onrecord.store import backend

    path = str(tmp_path / "a.db")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    before = backend.write_mark(path)
    file_before = Path(path).stat().st_mtime_ns
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    after = backend.write_mark(path)
    file_after = Path(path).stat().st_mtime_ns
    conn.close()
    assert file_after == file_before  # the database file itself did not change
    assert after != before
