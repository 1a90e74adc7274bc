"""`onrecord export` over an archive: filters choose documents, the manifest says how."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.archive import Archive
from onrecord.cli import main

from .conftest import make_document


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    older = make_document("1001")
    older.date = "2015-03-01"
    newer = make_document("1002")
    newer.turns[1].paragraphs = ["Gas prices will fall."]
    newer.notes = []
    with Archive.open(path) as archive:
        archive.put_document(older)
        archive.put_document(newer)
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _ids(manifest_file: Path) -> list[str]:
    return json.loads(manifest_file.read_text(encoding="utf-8"))["ids"]


def test_export_all_writes_data_and_manifest(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    output = _run("--db", str(db), "--format", "jsonl", "--out", str(out))
    assert "exported 2 documents as jsonl" in output
    manifest = json.loads((tmp_path / "all.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["ids"] == ["1001", "1002"]
    with Archive.open(db, create=False) as archive:
        assert manifest["content_hash"] == archive.content_hash()


def test_date_filter_and_manifest_query(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    _run("--db", str(db), "--format", "csv", "--out", str(out), "--from", "2016")
    assert _ids(tmp_path / "t.csv.manifest.json") == ["1002"]
    query = json.loads((tmp_path / "t.csv.manifest.json").read_text(encoding="utf-8"))["query"]
    assert query["date_from"] == "2016"
    with out.open(encoding="utf-8", newline="") as handle:
        assert {row["document_id"] for row in csv.DictReader(handle)} == {"1002"}


def test_query_chooses_documents_with_a_matching_paragraph(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.md"
    _run("--db", str(db), "--format", "markdown", "--out", str(out), "--query", '"gas prices"')
    assert _ids(tmp_path / "q.md.manifest.json") == ["1002"]


def test_doc_ids_in_the_order_given(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "c"
    _run(
        "--db", str(db), "--format", "convokit", "--out", str(out), "--doc", "1002", "--doc", "1001"
    )
    assert _ids(out / "manifest.json") == ["1002", "1001"]


def test_missing_database_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--db", str(tmp_path / "no.db"), "--format", "csv", "--out", "x.csv"]
    )
    assert result.exit_code == 13
    assert result.output.count("\n") == 1


def test_unknown_format_is_refused_by_the_option() -> None:
    result = CliRunner().invoke(main, ["export", "--format", "docx", "--out", "x"])
    assert result.exit_code == 2
    assert "docx" in result.output


def test_cli_ingest_export_ingest_export_is_identical(kremlin_dir: Path, tmp_path: Path) -> None:
    """The issue's round trip through the commands: ingest pages, export jsonl, ingest that
    into a new database, export again: the same bytes."""
    pages = sorted(str(p) for p in kremlin_dir.glob("5*.txt"))
    runner = CliRunner()
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    for db, inputs, out in (("a.db", pages, first), ("b.db", [str(first)], second)):
        ingest = runner.invoke(main, ["ingest", "--db", str(tmp_path / db), *inputs])
        assert ingest.exit_code == 0, ingest.output
        _run("--db", str(tmp_path / db), "--format", "jsonl", "--out", str(out))
    assert second.read_bytes() == first.read_bytes()
