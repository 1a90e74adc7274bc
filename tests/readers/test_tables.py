"""Transcripts as tables (CSV, TSV, Markdown pipe tables) through `onrecord parse` and
`onrecord ingest`: who said what, read off the speaker and text columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from onrecord.cli import main

TABLE = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "table.csv"


def parse(path: Path) -> tuple[int, Any, str]:
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    record = json.loads(result.stdout) if result.exit_code == 0 else None
    return result.exit_code, record, result.stderr


def test_a_csv_transcript_gives_one_turn_per_run_of_a_speakers_rows() -> None:
    code, record, _ = parse(TABLE)
    assert code == 0
    turns = [(t["label"], t["speaker"], t["start"], t["paragraphs"]) for t in record["turns"]]
    assert turns == [
        (
            "Maya Ruiz, Host",
            "maya-ruiz",
            4.0,
            ["Welcome back to the show. Today: how small teams reuse interviews."],
        ),
        (
            "Daniel Okafor, Guest",
            "daniel-okafor",
            14.0,
            [
                "The transcript is the starting point.",
                "With clean text you make summaries, quotes and captions faster.",
            ],
        ),
        (
            "Maya Ruiz, Host",
            "maya-ruiz",
            62.0,
            ["That is the piece, in 2024, that many teams missed."],
        ),
        ("", "", 70.0, ["(Music.)"]),
    ]
    people = {(s["id"], s["name"], tuple(s["roles"])) for s in record["speakers"]}
    assert people == {
        ("maya-ruiz", "Maya Ruiz", ("Host",)),
        ("daniel-okafor", "Daniel Okafor", ("Guest",)),
    }
    assert record["parser"] == {"name": "table", "version": "1"}


def test_a_tsv_with_other_column_names_in_another_order(tmp_path: Path) -> None:
    path = tmp_path / "hearing.tsv"
    path.write_text("Utterance\tWho\nThe hearing is open.\tCHAIR\nThank you.\tMs. Lee\n")
    code, record, _ = parse(path)
    assert code == 0
    assert [(t["label"], t["paragraphs"]) for t in record["turns"]] == [
        ("CHAIR", ["The hearing is open."]),
        ("Ms. Lee", ["Thank you."]),
    ]


def test_a_markdown_pipe_table_under_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "episode.md"
    path.write_text(
        "# Episode 12: Interviews\n\nSome notes.\n\n"
        "| Time | Speaker | Transcript |\n|---|---|---|\n"
        "| 00:04 | **Maya** | Welcome back. |\n| 00:14 | Daniel | Thanks, Maya. |\n"
    )
    code, record, _ = parse(path)
    assert code == 0
    assert record["title"] == "Episode 12: Interviews"
    assert [(t["label"], t["start"], t["paragraphs"]) for t in record["turns"]] == [
        ("Maya", 4.0, ["Welcome back."]),
        ("Daniel", 14.0, ["Thanks, Maya."]),
    ]


def test_a_markdown_page_with_some_other_table_is_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(
        "# Briefing\n\n| Item | Cost |\n|---|---|\n| Tea | 2 |\n\n"
        "**Jane Doe:** Good morning.\n\n**John Roe:** Morning.\n\n**Jane Doe:** Questions?\n"
    )
    code, record, _ = parse(path)
    assert code == 0
    assert record["parser"]["name"] == "markdown"
    assert [t["label"] for t in record["turns"]] == ["Jane Doe", "John Roe", "Jane Doe"]


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (
            "Speaker,Text\nJane,Hello\nJohn\n",
            3,
            "row 3: has 1 cells, the header more (field: text)",
        ),
        # no speaker and text columns: not a table transcript, and no text one either
        ("a,b\n1,2\n", 7, "no recognisable transcript structure"),
        # a text column and no speaker column: who said it is not in the table
        ("Time,Text\n00:01,Hello\n00:02,Hi\n", 7, "no recognisable transcript structure"),
    ],
)
def test_a_bad_table_is_an_input_error_naming_the_row(
    tmp_path: Path, text: str, code: int, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    exit_code, _, stderr = parse(path)
    assert exit_code == code
    assert message in stderr and "Traceback" not in stderr


def test_a_folder_of_tables_is_ingested_and_searchable(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "show.csv").write_bytes(TABLE.read_bytes())
    (folder / "numbers.csv").write_text("a,b\n1,2\n")
    db = str(tmp_path / "a.db")
    ingest = CliRunner().invoke(main, ["ingest", "--db", db, str(folder)])
    assert ingest.exit_code == 9  # one file failed, the other stored
    assert "inserted 1" in ingest.output and "failed 1" in ingest.output
    found = CliRunner().invoke(main, ["search", "--db", db, "captions", "--format", "json"])
    hits = json.loads(found.stdout)["hits"]
    assert [(h["doc_id"], h["speaker_id"]) for h in hits] == [("show", "daniel-okafor")]


def test_an_html_page_with_a_speaker_and_text_table(tmp_path: Path) -> None:
    path = tmp_path / "hearing.html"
    path.write_text(
        "<html><body><h1>Hearing on water policy</h1><p>March 3, 2021</p><table>"
        "<tr><th>Speaker</th><th><b>Text</b></th></tr>"
        "<tr><td>CHAIR SMITH</td><td>The hearing will come to order.</td></tr>"
        "<tr><td>MS. LEE</td><td>Thank you, <i>Madam Chair</i>.</td></tr>"
        "<tr><td>CHAIR SMITH</td><td>Please proceed.</td></tr>"
        "</table></body></html>"
    )
    code, record, _ = parse(path)
    assert code == 0
    assert (record["title"], record["date"], record["place"], record["lead"]) == (
        "Hearing on water policy",
        "2021-03-03",
        "",
        "",
    )
    assert [(t["label"], t["paragraphs"]) for t in record["turns"]] == [
        ("CHAIR SMITH", ["The hearing will come to order."]),
        ("MS. LEE", ["Thank you, Madam Chair."]),
        ("CHAIR SMITH", ["Please proceed."]),
    ]


def test_a_page_of_more_tables_than_a_transcript_has_is_read_as_layout(tmp_path: Path) -> None:
    """Past 100 tables a page is laid out in tables (or built to make a reader walk nested
    ones): none is read as a transcript, so the work stays linear in the page."""
    table = "<table><tr><th>Speaker</th><th>Text</th></tr><tr><td>A</td><td>Hi.</td></tr></table>"
    path = tmp_path / "tables.html"
    path.write_text(f"<html><body><h1>T</h1><p>March 3, 2021</p>{table * 101}</body></html>")
    code, record, _ = parse(path)
    assert code == 0
    assert record["turns"] == []
    assert record["preamble"].count("Hi.") == 101
