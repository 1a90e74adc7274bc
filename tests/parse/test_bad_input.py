"""Bad input: one clear line naming the file, a distinct exit code, the batch goes on."""

from __future__ import annotations

import os
import threading

import pytest
from click.testing import CliRunner

from onrecord import errors
from onrecord.cli import main
from onrecord.parse import parse_bytes, parse_file
from onrecord.sources import files


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def bad_files(tmp_path):
    made = {
        "empty.txt": b"",
        "blank.txt": b"  \n\n \t\n",
        "binary.bin": bytes(range(256)) * 8,
        "nobody.html": b"<html><head><title>x</title></head><body><script>1</script></body></html>",
    }
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


@pytest.mark.parametrize(
    ("name", "error", "code"),
    [
        ("empty.txt", errors.EmptyInputError, 4),
        ("blank.txt", errors.EmptyInputError, 4),
        ("binary.bin", errors.BinaryInputError, 5),
        ("nobody.html", errors.NoStructureError, 7),
    ],
)
def test_each_bad_file_gets_its_error_and_exit_code(bad_files, name, error, code):
    with pytest.raises(error) as raised:
        parse_file(bad_files / name)
    assert str(bad_files / name) in str(raised.value)
    result = run("parse", str(bad_files / name))
    assert result.exit_code == code
    assert result.stderr.count("\n") == 1 and name in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("Vladimir Putin: hello.\n\n" * 100)
    result = run("parse", str(big))
    assert result.exit_code == 6
    assert "big.txt" in result.stderr and "limit" in result.stderr


def test_a_pipe_states_no_size_and_is_read_whole_up_to_the_limit(tmp_path, monkeypatch):
    # A named pipe's stated size is 0: the reader goes on past it, and stops past the limit.
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    def feed(data: bytes) -> threading.Thread:
        writer = threading.Thread(target=pipe.write_bytes, args=(data,))
        writer.start()
        return writer

    writer = feed(b"x" * 600)
    assert files.read_path(pipe).data == b"x" * 600
    writer.join()
    writer = feed(b"y" * 1500)
    assert len(files.read_path(pipe).data) == 1001  # one past the limit: refused by its caller
    writer.join()


def test_missing_file():
    result = run("parse", "/no/such/file.txt")
    assert result.exit_code == 3
    assert "/no/such/file.txt: no such file" in result.stderr


def test_invalid_utf8_is_decoded_with_a_warning():
    document = parse_bytes(b"Talks\n\nMay 3, 2016\n\nVladimir Putin: caf\xe9 time.", "latin.txt")
    assert document.turns[0].paragraphs == ["caf\ufffd time."]
    assert any("invalid UTF-8" in w for w in document.warnings)


def test_text_with_no_structure():
    with pytest.raises(errors.NoStructureError):
        parse_bytes(b"\n\n\xc2\xa0\n.\n", "dots.txt")


def test_batch_goes_on_past_bad_files_and_summarises(bad_files, kremlin_dir):
    result = run(
        "parse",
        "--format",
        "jsonl",
        str(bad_files / "empty.txt"),
        str(kremlin_dir / "7506.txt"),
        str(bad_files / "binary.bin"),
    )
    assert result.exit_code == 9
    assert result.stdout.count("\n") == 1 and '"id": "7506"' in result.stdout
    assert result.stderr.splitlines()[-1] == "onrecord: 1 parsed, 2 failed"
