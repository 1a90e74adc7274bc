"""`onrecord parse` output formats."""

from __future__ import annotations

import json

from click.testing import CliRunner

from onrecord.cli import main
from onrecord.schema import validate_record


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_json_of_one_file_is_one_valid_record(seed_path):
    result = run("parse", str(seed_path))
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    validate_record(record)
    assert record["title"] == "Interview to Mir broadcasting company"
    assert record["turns"][0]["label"] == (
        "President of Interstate Television and Radio Company Mir Radik Batyrshin"
    )


def test_json_of_a_folder_is_an_array(kremlin_dir):
    result = run("parse", str(kremlin_dir))
    records = json.loads(result.stdout)
    assert len(records) == 72  # 36 pages, as text and as HTML
    # gold.jsonl is not in onrecord's record format: reported, the rest still parsed
    assert result.exit_code == 9 and "gold.jsonl:1" in result.stderr
    ids = {r["id"] for r in records}
    assert "54271" in ids and len(ids) == 36


def test_jsonl_is_one_record_a_line(kremlin_dir):
    result = run("parse", "--format", "jsonl", str(kremlin_dir / "*.txt"))
    lines = result.stdout.splitlines()
    assert len(lines) == 36
    assert all(json.loads(line)["sha256"] for line in lines)


def test_text_shows_speakers_with_roles(seed_path):
    result = run("parse", "--format", "text", str(seed_path))
    assert "[t1] Vladimir Putin (President of Russia):" in result.stdout
    assert result.stdout.startswith("Interview to Mir broadcasting company\n2017-04-12")
