"""The archive commands as a user runs them: output shapes, exit codes, --db and $ONRECORD_DB."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.archives import page_folder
from onrecord.cli import main

PAGES = ("17723", "54271", "54688", "57678")


@pytest.fixture
def db(tmp_path: Path, html_pages: list[Path]) -> Path:
    folder = page_folder(tmp_path / "pages", html_pages, PAGES)
    path = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(path), "--workers", "1", str(folder)])
    assert result.exit_code == 0, result.output
    assert "inserted 4, updated 0, unchanged 0, failed 0" in result.output
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_stats_json_has_the_documented_counts(db: Path) -> None:
    code, out = run("stats", "--db", str(db), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["documents"] == 4
    assert data["speakers"] == len([s for s in data["by_speaker"] if s["person_id"]])
    assert data["turns"] > 0 and data["words"] > 1000
    assert abs(sum(s["share"] for s in data["by_speaker"]) - 1) < 0.01


def test_speakers_json_is_a_list_of_people(db: Path) -> None:
    code, out = run("speakers", "--db", str(db), "--format", "json")
    people = json.loads(out)
    assert code == 0 and isinstance(people, list)
    putin = next(p for p in people if p["id"] == "vladimir-putin")
    assert set(putin) >= {"id", "name", "roles", "documents", "turns", "words"}
    assert putin["documents"] == 4
    assert putin["roles"][0]["role"] == "President of Russia"


def test_search_text_shows_permalinks_and_json_is_parseable(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONRECORD_DB", str(db))
    code, out = run("search", "sanctions", "--speaker", "Putin", "--limit", "3")
    assert code == 0
    assert "matching paragraphs for 'sanctions'" in out and "#t" in out
    code, out = run("search", "sanctions", "--format", "json", "--limit", "3")
    hits = json.loads(out)["hits"]
    assert len(hits) == 3
    for hit in hits:  # each permalink, followed with `show --format json`, holds the snippet
        assert hit["permalink"] == f"{hit['doc_id']}#t{hit['turn']}-p{hit['paragraph']}"
        code, out = run("show", hit["doc_id"], "--format", "json")
        (turn,) = [t for t in json.loads(out)["turns"] if t["index"] == hit["turn"]]
        said = turn["paragraphs"][hit["paragraph"]]
        assert hit["snippet"].strip("…") in said and hit["highlights"]
        assert all("sanction" in said[a:b].lower() for a, b in _spans(said, hit))


def _spans(paragraph: str, hit: dict) -> list[tuple[int, int]]:
    """The hit's highlights as offsets into the whole paragraph."""
    shift = paragraph.index(hit["snippet"].strip("…")) - (1 if hit["snippet"][0] == "…" else 0)
    return [(a + shift, b + shift) for a, b in hit["highlights"]]


def test_list_and_show(db: Path) -> None:
    code, out = run("list", "--db", str(db), "--from", "2017", "--to", "2017")
    assert code == 0 and "54271" in out and "54688" in out and "17723" not in out
    code, out = run("show", "--db", str(db), "54271", "--format", "json")
    assert json.loads(out)["id"] == "54271"
    code, out = run("show", "--db", str(db), "54271#t1-p0")  # that paragraph (issue 18)
    assert code == 0 and "[t1-p0]" in out and "[t2" not in out
    code, out = run("show", "--db", str(db), "54271#t1")  # a turn
    assert code == 0 and "[t1-p0]" in out and "[t2" not in out


def test_bad_query_exits_with_the_query_error_code(db: Path) -> None:
    code, out = run("search", "--db", str(db), '"unclosed')
    assert code == 14 and "unbalanced quote" in out


def test_foreign_database_exits_with_its_code(tmp_path: Path) -> None:
    path = tmp_path / "foreign.db"
    sqlite3.connect(path).execute("CREATE TABLE x (y)").connection.commit()
    assert run("list", "--db", str(path))[0] == 11
    assert run("ingest", "--db", str(path), str(tmp_path))[0] == 11


def test_unknown_document_exits_with_not_found(db: Path) -> None:
    assert run("show", "--db", str(db), "nope")[0] == 13
    assert run("stats", "--db", str(db), "nope")[0] == 13


def test_missing_database_is_not_created_by_reading(tmp_path: Path) -> None:
    assert run("list", "--db", str(tmp_path / "none.db"))[0] == 13
    assert not (tmp_path / "none.db").exists()


def test_speakers_merge_and_split_commands(db: Path) -> None:
    code, out = run("speakers", "merge", "--db", str(db), "vladimir-putin", "megyn-kelly")
    assert code == 0, out
    code, out = run("speakers", "split", "--db", str(db), "vladimir-putin", "--name", "Megyn Kelly")
    assert code == 0, out
    people = json.loads(
        run("speakers", "--db", str(db), "--format", "json", "--search", "kelly")[1]
    )
    assert [p["name"] for p in people] == ["Megyn Kelly"]


def test_diff_of_a_single_revision_says_identical(db: Path) -> None:
    code, out = run("diff", "--db", str(db), "54271")
    assert code == 0 and "identical" in out


def test_reindex_rebuilds_the_search_index(db: Path) -> None:
    shutil.rmtree(f"{db}.index")
    code, out = run("reindex", "--db", str(db))
    assert code == 0 and out.startswith("indexed 4 documents")
    code, out = run("search", "--db", str(db), "russia", "--format", "json", "--limit", "0")
    assert json.loads(out)["engine"] == "tantivy"
