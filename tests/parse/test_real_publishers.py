"""Real transcripts of other publishers, as saved from public repositories (excerpts; their
sources and licences in tests/fixtures/publishers/README.md): each read through `onrecord
parse` as a user would, against the turns worked out by reading it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "publishers"
SAMPLES = sorted(
    p for p in HERE.iterdir() if p.suffix in (".md", ".txt", ".html") and p.name != "README.md"
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def parsed(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    return record[0] if isinstance(record, list) else record


def test_every_sample_has_its_expected_turns_and_a_licence() -> None:
    licences = (HERE / "README.md").read_text(encoding="utf-8")
    assert len(SAMPLES) >= 2
    for path in SAMPLES:
        assert path.with_suffix(".expected.json").is_file(), path.name
        assert f"`{path.name}`" in licences, path.name


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_real_transcript_parses_to_the_turns_read_by_hand(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    record = parsed(path)
    head = {key: record[key] for key in ("title", "date", "time", "place")}
    assert head == {key: expected[key] for key in ("title", "date", "time", "place")}
    turns = record["turns"]
    assert isinstance(turns, list)
    got = [
        (t["label"], _flat(t["paragraphs"][0])[: len(_flat(first))], len(t["paragraphs"]))
        for t, (_label, first, _count) in zip(turns, expected["turns"], strict=False)
    ]
    want = [(label, _flat(first), count) for label, first, count in expected["turns"]]
    assert got == want
    assert len(turns) == len(expected["turns"])
    # a page that itself leaves who spoke open must say so; any other, nothing
    said = (bool(record["warnings"]), record["confidence"] < 1.0)
    assert said == ((True, True) if expected.get("unsure") else (False, False))
