"""Importers: subtitles, speech-to-text JSON, onrecord records; detect(); bad input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from onrecord.errors import InputError, SchemaError
from onrecord.imports import detect, read
from onrecord.model import Document


def _turns(document: Document) -> list[tuple[str, str, float | None, float | None]]:
    return [(t.speaker, t.text, t.start, t.end) for t in document.turns]


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("interview.vtt", "webvtt"),
        ("prefixes.vtt", "webvtt"),
        ("interview.srt", "srt"),
        ("whisperx.json", "whisperx"),
        ("bad_record.jsonl", "onrecord-jsonl"),
        ("README.md", None),
    ],
)
def test_detect_names_the_reader(imports_dir: Path, name: str, reader: str | None) -> None:
    found = detect(imports_dir / name)
    assert (found.name if found else None) == reader


def test_detect_does_not_claim_kremlin_pages(kremlin_dir: Path) -> None:
    assert detect(kremlin_dir / "54271.txt") is None
    assert detect(kremlin_dir / "54271.html") is None


def test_webvtt_voice_tags_merge_cues_into_turns_with_times(imports_dir: Path) -> None:
    [document] = read(imports_dir / "interview.vtt")
    assert _turns(document) == [
        (
            "jane-reporter",
            "Good evening, and thank you for joining us tonight. What will the budget cut?",
            1.0,
            7.25,
        ),
        (
            "mayor-tom-smith",
            "Nothing that matters & nothing that works. Let me be clear about that.",
            7.8,
            65.0,
        ),
        ("jane-reporter", "Thank you.", 3605.0, 3609.0),
    ]
    assert [s.name for s in document.speakers] == ["Jane Reporter", "Mayor Tom Smith"]
    assert document.title == "Interview with the mayor"
    assert document.id == "interview"


def test_webvtt_records_source_hash_and_reader(imports_dir: Path) -> None:
    path = imports_dir / "interview.vtt"
    [document] = read(path)
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.parser == {"name": "webvtt", "version": "1"}
    assert document.source == str(path)


def test_name_prefixes_start_turns_and_unmarked_cues_continue_them(imports_dir: Path) -> None:
    [document] = read(imports_dir / "prefixes.vtt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("ANCHOR", "Welcome back."),
        ("DR. LEE", "Thanks. Here is the plan: we test every sample. and report weekly."),
        ("ANCHOR", "Good."),
    ]
    assert document.turns[1].start == 2.0 and document.turns[1].end == 6.0


def test_srt_with_prefixes(imports_dir: Path) -> None:
    [document] = read(imports_dir / "interview.srt")
    assert _turns(document) == [
        ("jane", "Are you running again?", 1.0, 3.0),
        ("tom-smith", "I have not decided. Ask me in spring.", 3.5, 8.0),
        ("jane", "We will.", 8.1, 9.0),
    ]
    assert document.parser["name"] == "srt"


def test_whisperx_segments_become_turns(imports_dir: Path) -> None:
    [document] = read(imports_dir / "whisperx.json")
    assert _turns(document) == [
        ("speaker-00", "Welcome to the hearing. Please state your name.", 0.03, 4.0),
        ("speaker-01", "Maria Okafor, city engineer. Thank you.", 4.5, 7.0),
        ("speaker-00", "Let us begin.", 7.2, 9.9),
    ]
    assert document.parser == {"name": "whisperx", "version": "1"}


def test_malformed_vtt_cue_names_file_line_and_field(imports_dir: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(imports_dir / "bad_cue.vtt")
    message = str(caught.value)
    assert "bad_cue.vtt:8:" in message and "field: end" in message
    assert "\n" not in message


def test_vtt_without_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.vtt"
    path.write_text("00:01.000 --> 00:02.000\nHello\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.vtt:1: .*field: header"):
        from onrecord.imports.subtitles import WebVttReader

        WebVttReader().read(path)


def test_srt_block_without_timing_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "x.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nno timing here\n", "utf-8")
    with pytest.raises(InputError, match=r"x\.srt:5: .*field: timing"):
        read(path)


def test_bad_whisperx_segment_names_segment_and_field(imports_dir: Path) -> None:
    with pytest.raises(InputError, match=r"bad_whisperx\.json: segment 1: .*field: start"):
        read(imports_dir / "bad_whisperx.json")


def test_jsonl_record_violating_schema_names_line_and_field(imports_dir: Path) -> None:
    with pytest.raises(SchemaError) as caught:
        read(imports_dir / "bad_record.jsonl")
    assert "bad_record.jsonl:2" in str(caught.value)
    assert "date" in str(caught.value)


def test_json_record_missing_a_field_names_record_and_field(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps([{"id": "x", "parser": {}, "turns": []}]), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"one\.json: record 1: "):
        read(path)


def test_unknown_file_is_an_input_error(imports_dir: Path) -> None:
    with pytest.raises(InputError, match="not a format onrecord imports"):
        read(imports_dir / "README.md")
