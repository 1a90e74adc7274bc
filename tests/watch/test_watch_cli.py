"""`onrecord watch ...`: thin commands with distinct exit codes, and webhooks after ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from helpers.receiver import receiver
from onrecord.archive import Archive
from onrecord.cli import main

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"


def on(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args[:2], "--db", str(db), *args[2:]])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    result = CliRunner().invoke(
        main,
        ["ingest", "--db", str(path), "--workers", "1", "--no-enrich", str(KREMLIN / "17389.txt")],
    )
    assert result.exit_code == 0, result.output
    return path


def test_add_list_show_and_remove(db: Path) -> None:
    added = on(db, "watch", "add", "CSTO", "--format", "json")
    assert added.exit_code == 0
    assert json.loads(added.output)["feed"] == "/feeds/watch/1.atom"
    listed = on(db, "watch", "list")
    assert listed.output.splitlines()[:3] == [
        "1  query: CSTO",
        "  query: CSTO",
        "  feed: /feeds/watch/1.atom",
    ]
    removed = on(db, "watch", "remove", "1")
    assert (removed.exit_code, removed.output) == (0, "watch 1 removed: query: CSTO\n")
    assert on(db, "watch", "list").output == "no watches\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add"], 20, "nothing to watch"),
        (["add", "gas", "--webhook", "ftp://h/x"], 20, "must be http or https, not ftp"),
        (["add", "gas", "--webhook", "http://[::]/x"], 20, "non-routable"),
        (["add", "--speaker", "Nobody Atall"], 13, "no speaker"),
        (["add", '"gas'], 14, "quote"),
        (["remove", "9"], 13, "no watch 9"),
        (["show", "nine"], 13, "a watch id is a number"),
        (["run", "9"], 13, "no watch 9"),
    ],
)
def test_bad_input_has_its_own_exit_code_and_one_line(
    db: Path, args: list[str], code: int, message: str
) -> None:
    result = on(db, "watch", *args)
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output


def test_an_ingest_posts_the_new_matches_to_the_webhook(db: Path, tmp_path: Path) -> None:
    with receiver() as hook:
        assert on(db, "watch", "add", "Kyrgyzstan", "--webhook", hook.url).exit_code == 0
        result = CliRunner().invoke(
            main,
            [
                "ingest",
                "--db",
                str(db),
                "--workers",
                "1",
                "--no-enrich",
                str(KREMLIN / "54271.txt"),
            ],
        )
    assert result.exit_code == 0, result.output
    [request] = hook.requests
    links = [i["quote"]["permalink"] for i in request.json["items"]]
    assert links and all(link.startswith("54271#") for link in links)


def test_a_run_whose_webhook_keeps_failing_exits_18(db: Path) -> None:
    with receiver([500]) as hook:
        on(db, "watch", "add", "Kyrgyzstan", "--webhook", hook.url)
        with Archive.open(db) as archive:  # no ingest command: its webhook run would retry
            archive.ingest([KREMLIN / "54271.txt"], workers=1, enrich=False)
        result = on(db, "watch", "run", "--attempts", "2", "--backoff", "0")
    assert len(hook.requests) == 2
    assert result.exit_code == 21
    assert "failed: " in result.output and "2 attempts, HTTP 500" in result.output
    assert "webhook delivery failed for watch 1" in result.output
