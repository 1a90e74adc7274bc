"""Every exit code of the README's table, each from the situation the table names.

One line on stderr (`onrecord: error: ...` naming the file or record), the documented
code, and never a traceback.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from onrecord import errors
from onrecord.cli import main
from onrecord.sources import files
from onrecord.store import schema

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "kremlin" / "54271.txt"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_error_line(result: Result, *words: str) -> None:
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("onrecord: ")
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("codes") / "archive.db"
    result = run("ingest", "--db", str(path), "--workers", "1", "--no-enrich", str(PAGE))
    assert result.exit_code == 0, result.output
    return path


def test_0_done(tmp_path: Path) -> None:
    result = run("parse", "--format", "text", str(PAGE))
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("Interview to Mir broadcasting company\n")


def test_1_other_error_of_onrecord(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord import archive

    def refuse(*_: object, **__: object) -> None:
        raise errors.OnrecordError("something onrecord refused", source="here")

    monkeypatch.setattr(archive.Archive, "stats", refuse)
    result = run("stats", "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == "onrecord: error: here: something onrecord refused\n"


def test_2_usage_error() -> None:
    result = run("search", "russia", "--limit", "many")
    assert result.exit_code == 2 and "many" in result.stderr


def test_3_input_cannot_be_read(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run("parse", str(missing))
    assert result.exit_code == 3
    one_error_line(result, "missing.txt")


def test_4_input_is_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("parse", str(tmp_path / "empty.txt"))
    assert result.exit_code == 4
    one_error_line(result, "empty.txt")


def test_5_input_is_binary(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_bytes(bytes(range(256)) * 4)
    result = run("parse", str(tmp_path / "page.txt"))
    assert result.exit_code == 5
    one_error_line(result, "page.txt")


def test_6_input_over_the_50_mb_limit(tmp_path: Path) -> None:
    assert files.MAX_BYTES == 50 * 1024 * 1024  # the README's limit
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 50 MB + 1 byte without writing them
        handle.truncate(files.MAX_BYTES + 1)
    result = run("parse", str(big))
    assert result.exit_code == 6
    one_error_line(result, "big.txt", "52,428,801")


def test_a_file_of_exactly_50_mb_is_not_refused_for_its_size(tmp_path: Path) -> None:
    edge = tmp_path / "edge.txt"
    with edge.open("wb") as handle:
        handle.truncate(files.MAX_BYTES)
    result = run("parse", str(edge))
    assert result.exit_code == 5  # zeros: refused as binary, not as too large


def test_7_no_transcript_structure(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Just a note.\n\nNothing said by anyone here.\n")
    result = run("parse", str(tmp_path / "note.txt"))
    assert result.exit_code == 7
    one_error_line(result, "note.txt")


def test_8_a_record_violates_the_json_schema(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text('{"id": "x", "turns": "not a list"}\n')
    result = run("parse", str(tmp_path / "records.jsonl"))
    assert result.exit_code == 8
    one_error_line(result, "records.jsonl:1")


def test_9_a_batch_in_which_some_inputs_failed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("parse", "--format", "jsonl", str(PAGE), str(tmp_path / "empty.txt"))
    assert result.exit_code == 9
    assert len(result.stdout.splitlines()) == 1  # the good page was still done
    assert "empty.txt" in result.stderr and "Traceback" not in result.output


def test_10_database_refused(tmp_path: Path) -> None:
    where = tmp_path / "no-such-folder" / "archive.db"
    result = run("ingest", "--db", str(where), "--no-enrich", str(PAGE))
    assert result.exit_code == 10
    one_error_line(result, str(where), "cannot open database")


def test_11_not_an_onrecord_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = run("list", "--db", str(other))
    assert result.exit_code == 11
    one_error_line(result, "other.db", "not an onrecord database")


def test_12_database_from_a_newer_onrecord(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    assert run("ingest", "--db", str(path), "--no-enrich", str(PAGE)).exit_code == 0
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    result = run("list", "--db", str(path))
    assert result.exit_code == 12
    one_error_line(result, "newer.db", "upgrade onrecord")


def test_13_no_such_document_or_speaker(db: Path) -> None:
    document = run("show", "nope", "--db", str(db))
    assert document.exit_code == 13
    one_error_line(document, "nope")
    speaker = run("claims", "--speaker", "Nobody Atall", "--db", str(db))
    assert speaker.exit_code == 13


def test_14_invalid_search_query(db: Path) -> None:
    result = run("search", '"unclosed', "--db", str(db))
    assert result.exit_code == 14
    assert result.stderr == 'onrecord: error: unbalanced quote: close the phrase with "\n'


def test_15_export_cannot_be_written(db: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("in the way")
    out = tmp_path / "file" / "export.md"  # under a file, not a folder
    result = run("export", "--db", str(db), "--format", "markdown", "--out", str(out))
    assert result.exit_code == 15
    one_error_line(result, "export.md")


def test_16_enrichment_pipeline_cannot_run(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord.enrich import statistical

    statistical.model.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy", None)  # spaCy not installed
    try:
        result = run("enrich", "--statistical", "--db", str(db))
    finally:
        statistical.model.cache_clear()
    assert result.exit_code == 16
    assert result.stderr == ("onrecord: error: entities-spacy.v1 needs spaCy (pip install spacy)\n")


def test_23_no_dask_scheduler_to_reach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from onrecord import distributed

    monkeypatch.setattr(distributed, "CONNECT_SECONDS", 1.0)
    with socket.socket() as probe:  # a port nothing listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    result = run("ingest", "--db", str(tmp_path / "a.db"), "--dask", address, str(PAGE))
    assert result.exit_code == 23
    one_error_line(result, f"cannot reach the Dask scheduler at {address}", "1 s")


def test_70_internal_error_in_process(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord import archive

    def bug(*_: object, **__: object) -> None:
        raise KeyError("a bug")

    monkeypatch.delenv("ONRECORD_DEBUG", raising=False)
    monkeypatch.setattr(archive.Archive, "stats", bug)
    result = run("stats", "--db", str(db))
    assert result.exit_code == 70
    assert result.stderr == "onrecord: internal error: KeyError: 'a bug'\n"
    assert result.stdout == ""


INJECT = """
import sys
from onrecord import archive
from onrecord.cli import main

def bug(*args, **kwargs):
    raise ZeroDivisionError("injected")

archive.Archive.stats = bug
sys.argv = ["onrecord", "stats", "--db", sys.argv[1]]
main()
"""


def _injected(db: Path, debug: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path), "ONRECORD_DEBUG": debug}
    return subprocess.run(
        [sys.executable, "-c", INJECT, str(db)], capture_output=True, text=True, env=env, timeout=60
    )


def test_70_internal_error_in_a_real_process(db: Path) -> None:
    """What a user's terminal shows: one line and 70, no traceback."""
    done = _injected(db, "")
    assert done.returncode == 70
    assert done.stderr == "onrecord: internal error: ZeroDivisionError: injected\n"
    assert done.stdout == ""


def test_onrecord_debug_shows_the_traceback(db: Path) -> None:
    done = _injected(db, "1")
    assert done.returncode == 1 and "Traceback" in done.stderr
    assert done.stderr.endswith("ZeroDivisionError: injected\n")


def test_130_interrupted(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord import archive

    def interrupt(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(archive.Archive, "stats", interrupt)
    result = run("stats", "--db", str(db))
    assert result.exit_code == 130
    assert result.stderr == "onrecord: interrupted\n"


def test_each_error_class_has_its_documented_code_and_status() -> None:
    table = {
        errors.OnrecordError: (1, 500),
        errors.InputError: (3, 422),
        errors.EmptyInputError: (4, 422),
        errors.BinaryInputError: (5, 422),
        errors.TooLargeError: (6, 413),
        errors.NoStructureError: (7, 422),
        errors.SchemaError: (8, 422),
        errors.StoreError: (10, 500),
        errors.NotOnrecordDatabase: (11, 500),
        errors.SchemaVersionError: (12, 500),
        errors.NotFoundError: (13, 404),
        errors.QueryError: (14, 400),
        errors.ExportError: (15, 500),
        errors.PipelineError: (16, 500),
        errors.ClusterError: (23, 500),
    }
    assert {cls: (cls.exit_code, cls.http_status) for cls in table} == table
    assert str(errors.NotFoundError("no such document", source="54271")) == (
        "54271: no such document"
    )
    assert str(errors.QueryError("bad")) == "bad"
    # the file or record an error names stays on it for callers of the library
    assert errors.EmptyInputError("empty", source="a.txt").source == "a.txt"
    assert errors.QueryError("bad").source is None


def test_a_closed_pipe_is_not_an_error(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`onrecord list | head -1`: the reader went away; nothing to report."""
    from onrecord import archive

    def closed(*_: object, **__: object) -> None:
        raise BrokenPipeError

    monkeypatch.setattr(archive.Archive, "stats", closed)
    result = run("stats", "--db", str(db))
    assert result.exit_code == 0
    assert result.stderr == ""
