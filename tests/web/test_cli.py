"""`onrecord serve`: help text, the URL it prints, loopback by default."""

from __future__ import annotations

import subprocess
import sys

import httpx
from click.testing import CliRunner

from onrecord.cli import main

from .browser import free_port


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--workers", "127.0.0.1", "ONRECORD_TOKEN"):
        assert option in result.output


def test_serve_prints_its_url_and_answers_on_loopback(web_db: str) -> None:
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from onrecord.cli import main; main()",
        "serve",
        "--db",
        web_db,
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first_line = process.stdout.readline() if process.stdout else ""
        assert f"http://127.0.0.1:{port}/" in first_line
        for _ in range(100):
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/stats", timeout=1)
                break
            except httpx.HTTPError:
                subprocess.run(["sleep", "0.1"], check=True)
        assert response.json()["documents"] == 36
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_refuses_a_file_that_is_not_an_archive(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database")
    result = CliRunner().invoke(main, ["serve", "--db", str(bogus)])
    assert result.exit_code == 11 and "not" in result.output.lower()


def test_serve_says_when_it_creates_an_empty_archive(tmp_path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    db = tmp_path / "new.db"
    command = [
        sys.executable,
        "-c",
        "from onrecord.cli import main; main()",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(2)] if process.stdout else []
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert any("did not exist: serving a new, empty archive" in line for line in lines)
    assert db.exists()


def test_diff_words_marks_the_changed_words_per_turn(edited_db: str) -> None:
    from click.testing import CliRunner

    from onrecord.cli import main

    result = CliRunner().invoke(main, ["diff", "--db", edited_db, "54271", "--words"])
    assert result.exit_code == 0, result.output
    assert "[-20,000-]{+25,000+}" in result.output
    assert "Vladimir Putin: changed" in result.output
    assert "@@" not in result.output
