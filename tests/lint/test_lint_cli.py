"""`onrecord lint ID|PATH`: the report as text and JSON, distinct exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from onrecord.cli import main

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"


def test_a_path_is_linted_without_an_archive(seed_path: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    result = CliRunner().invoke(main, ["lint", "--db", db, "--format", "json", str(seed_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["by_rule"] == {"agreement.v1": 1, "glued.v1": 1, "typo.v1": 2}
    assert report["findings"][0] == {
        "rule": "typo.v1",
        "message": "not in any dictionary",
        "text": "ecerything",
        "suggestion": "everything",
        "permalink": f"{report['doc_id']}#t1-p2",
        "turn": 1,
        "paragraph": 2,
        "start": 300,
        "end": 310,
    }
    assert not (tmp_path / "none.db").exists()


def test_an_id_is_linted_from_the_archive_with_chosen_rules(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    runner.invoke(
        main, ["ingest", "--db", db, "--workers", "1", "--no-enrich", str(KREMLIN / "54271.txt")]
    )
    result = runner.invoke(main, ["lint", "--db", db, "--rules", "typo", "54271"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:] == [
        "54271#t1-p2:300-310 [typo.v1] 'ecerything' -> 'everything': not in any dictionary",
        "54271#t24-p0:216-228 [typo.v1] 'dificculties' -> 'difficulties': not in any dictionary",
        "2 findings",
    ]


def test_bad_input_has_its_own_exit_code(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    runner.invoke(
        main, ["ingest", "--db", db, "--workers", "1", "--no-enrich", str(KREMLIN / "54271.txt")]
    )
    unknown = runner.invoke(main, ["lint", "--db", db, "99999"])
    rule = runner.invoke(main, ["lint", "--db", db, "--rules", "grammar", "54271"])
    nothing = runner.invoke(main, ["lint", "--db", str(tmp_path / "no.db"), "99999"])
    assert (unknown.exit_code, rule.exit_code, nothing.exit_code) == (13, 14, 13)
    assert "no lint rule 'grammar'" in rule.output


def test_list_quality_low_keeps_the_documents_a_reader_cannot_trust(tmp_path: Path) -> None:
    from onrecord.archive import Archive
    from onrecord.model import Document, Speaker, Turn

    def made(doc_id: str, date: str, warnings: list[str]) -> Document:
        speaker = Speaker("a-b", "Anna Bell", labels=["Anna Bell"])
        return Document(doc_id, "t", "", {"name": "t"}, f"Title {doc_id}", date,
                        speakers=[speaker], turns=[Turn(0, "Anna Bell", "a-b", ["Hello."])],
                        warnings=warnings)  # fmt: skip

    db = tmp_path / "q.db"
    with Archive.open(db) as archive:
        archive.put_documents([made("good", "2020-01-01", []), made("warned", "2020-01-02", ["x"]),
                               made("undated", "", [])])  # fmt: skip
    runner = CliRunner()
    low = runner.invoke(main, ["list", "--db", str(db), "--quality", "low", "--format", "json"])
    ok = runner.invoke(main, ["list", "--db", str(db), "--quality", "ok", "--format", "json"])
    assert [d["id"] for d in json.loads(low.output)["items"]] == ["warned", "undated"]
    assert [d["id"] for d in json.loads(ok.output)["items"]] == ["good"]
