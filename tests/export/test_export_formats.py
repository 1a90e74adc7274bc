"""The file formats: json, jsonl, csv, parquet, markdown; the registry and the manifest."""

from __future__ import annotations

import csv
import datetime
import json
import tracemalloc
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from onrecord import __version__
from onrecord.errors import ExportError
from onrecord.export import EXPORTERS, ExportOptions, export, get_exporter
from onrecord.export.attribution import KREMLIN_ATTRIBUTION
from onrecord.model import Document

from .conftest import make_document


def test_registry_names_every_format() -> None:
    assert set(EXPORTERS) == {"json", "jsonl", "csv", "parquet", "markdown", "tei", "convokit"}


def test_unknown_format_is_an_export_error_listing_the_known() -> None:
    with pytest.raises(ExportError, match=r"unknown export format 'docx'.*csv"):
        get_exporter("docx")


def test_jsonl_is_one_record_per_line(tmp_path: Path, document: Document) -> None:
    out = tmp_path / "docs.jsonl"
    export([document, make_document("1002")], "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["1001", "1002"]
    assert json.loads(lines[0]) == document.to_dict()


def test_json_is_an_array_of_records(tmp_path: Path, document: Document) -> None:
    out = tmp_path / "docs.json"
    export([document], "json", out)
    assert json.loads(out.read_text(encoding="utf-8")) == [document.to_dict()]


def test_json_of_no_documents_is_an_empty_array(tmp_path: Path) -> None:
    out = tmp_path / "none.json"
    manifest = export([], "json", out)
    assert json.loads(out.read_text(encoding="utf-8")) == []
    assert manifest["ids"] == []


def test_manifest_records_query_hash_version_time_ids(tmp_path: Path, document: Document) -> None:
    options = ExportOptions(query={"speaker": "vladimir-putin"}, content_hash="f" * 64)
    export([document], "csv", tmp_path / "t.csv", options)
    manifest = json.loads((tmp_path / "t.csv.manifest.json").read_text(encoding="utf-8"))
    assert manifest["query"] == {"speaker": "vladimir-putin"}
    assert manifest["content_hash"] == "f" * 64
    assert manifest["onrecord_version"] == __version__
    assert manifest["created"].startswith("20")
    assert manifest["ids"] == ["1001"]
    assert manifest["files"][0]["path"] == "t.csv"
    assert manifest["files"][0]["bytes"] == (tmp_path / "t.csv").stat().st_size
    assert manifest["attribution"] == [KREMLIN_ATTRIBUTION]


def test_csv_has_one_row_per_turn_with_speaker_and_role(tmp_path: Path, document: Document) -> None:
    out = tmp_path / "turns.csv"
    export([document], "csv", out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    preamble, *turns = rows
    assert [r["turn_index"] for r in turns] == ["0", "1", "2"]
    assert turns[0]["text"] == 'Is "a, b" < c & d?'
    assert turns[0]["speaker_name"] == "Jane Doe"
    assert turns[0]["role"] == "Editor of Example TV"
    assert turns[1]["text"] == "# Not a heading.\n\nYes (Laughter.) and no."
    assert turns[2]["start"] == "61.5"
    assert turns[0]["url"].endswith("/1001")
    assert (preamble["turn_index"], preamble["speaker_id"], preamble["text"]) == ("", "", "* * *")


def test_csv_is_rfc4180_crlf_quoted_and_bom_only_on_request(
    tmp_path: Path, document: Document
) -> None:
    plain, bom = tmp_path / "plain.csv", tmp_path / "bom.csv"
    export([document], "csv", plain)
    export([document], "csv", bom, ExportOptions(bom=True))
    data = plain.read_bytes()
    assert data.startswith(b"document_id,url,date,")
    assert b'"Is ""a, b"" < c & d?"' in data
    assert data.split(b"\r\n")[0].count(b",") == 11
    assert bom.read_bytes() == b"\xef\xbb\xbf" + data


def test_csv_paragraph_table_beside_the_turns(tmp_path: Path, document: Document) -> None:
    manifest = export([document], "csv", tmp_path / "turns.csv", ExportOptions(paragraphs=True))
    with (tmp_path / "turns.paragraphs.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["turn_index"], r["paragraph_index"]) for r in rows] == [
        ("", "0"),
        ("0", "0"),
        ("1", "0"),
        ("1", "1"),
        ("2", "0"),
    ]
    assert rows[4]["text"] == "One more,\nplease."
    assert [f["path"] for f in manifest["files"]] == ["turns.csv", "turns.paragraphs.csv"]


def test_parquet_holds_the_same_tables_typed(tmp_path: Path, document: Document) -> None:
    out = tmp_path / "turns.parquet"
    export([document, make_document("1002")], "parquet", out, ExportOptions(paragraphs=True))
    turns = pq.read_table(out).to_pylist()
    assert len(turns) == 8  # a preamble row and three turns a document
    assert turns[0]["turn_index"] is None and turns[0]["text"] == "* * *"
    assert turns[0]["date"] == datetime.date(2017, 4, 12)
    assert turns[3]["start"] == 61.5 and turns[1]["start"] is None
    assert turns[5]["document_id"] == "1002" and turns[5]["turn_index"] == 0
    paragraphs = pq.read_table(tmp_path / "turns.paragraphs.parquet")
    assert paragraphs.num_rows == 10
    assert str(paragraphs.schema.field("paragraph_index").type) == "int32"


def test_parquet_refuses_a_date_it_cannot_type(tmp_path: Path, document: Document) -> None:
    document.date = "April 2017"
    with pytest.raises(ExportError, match=r"document 1001: .*field: date"):
        export([document], "parquet", tmp_path / "t.parquet")


def test_markdown_reads_as_a_transcript(tmp_path: Path, document: Document) -> None:
    out = tmp_path / "t.md"
    export([document], "markdown", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Interview to Example TV\n")
    assert "### Editor of Example TV Jane Doe\n" in text
    assert "\\# Not a heading." in text  # a paragraph is never taken for a heading
    assert "### Question [00:01:01]" in text
    assert text.rstrip().endswith(f"*{KREMLIN_ATTRIBUTION}*")


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "markdown", "tei"])
def test_memory_stays_flat_however_many_documents(tmp_path: Path, fmt: str) -> None:
    big = "word " * 2000  # 10 kB a paragraph, 50 MB over the export

    def documents(n: int):
        for k in range(n):
            document = make_document(str(k))
            document.turns[0].paragraphs = [big] * 5
            yield document

    export(documents(1), fmt, tmp_path / f"warm.{fmt}")  # modules loaded on first use
    tracemalloc.start()
    try:
        export(documents(1000), fmt, tmp_path / f"out.{fmt}")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    written = sum(
        f.stat().st_size for f in tmp_path.rglob("*") if f.is_file() and "warm" not in f.name
    )
    assert written > 40_000_000
    assert peak < 5_000_000  # a few documents' worth, not the export


def test_unwritable_path_is_an_export_error(tmp_path: Path, document: Document) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write csv export"):
        export([document], "csv", blocker / "sub" / "t.csv")


def test_public_names_are_stable() -> None:
    import onrecord.export
    import onrecord.imports

    assert sorted(onrecord.export.__all__) == [
        "DatedRole",
        "EXPORTERS",
        "ExportOptions",
        "ExportResult",
        "Exporter",
        "Person",
        "export",
        "get_exporter",
    ]
    assert sorted(onrecord.imports.__all__) == [
        "FILE_READERS",
        "FileReader",
        "READERS",
        "Reader",
        "detect",
        "detect_bytes",
        "read",
        "read_bytes",
    ]
