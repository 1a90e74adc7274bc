"""Faults of the disk, the database and the run: each a clear error with a documented code.

Read-only and full-disk tests mount a small tmpfs when they run as root (a read-only file
does not stop root); read-only is made with permissions otherwise, and a full disk skips.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import ingest
from onrecord.cli import main

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"
PAGES = [KREMLIN / f"{page}.txt" for page in ("17723", "54271", "54688")]
ROOT = os.geteuid() == 0


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def ingest_pages(db: Path, *pages: Path) -> tuple[int, str, str]:
    return run("ingest", "--db", str(db), "--workers", "1", "--no-enrich", *map(str, pages))


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)])
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextmanager
def read_only(folder: Path, db: Path) -> Iterator[None]:
    if ROOT:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        db.chmod(0o444)
        folder.chmod(0o555)
    try:
        yield
    finally:
        if not ROOT:
            folder.chmod(0o755)
            db.chmod(0o644)


def test_a_read_only_database_is_read_and_a_write_says_it_is_read_only(tmp_path: Path) -> None:
    disk = small_disk(tmp_path / "disk", "16m") if ROOT else _folder(tmp_path / "disk")
    with disk as folder:
        db = folder / "a.db"
        assert ingest_pages(db, *PAGES[:2])[0] == 0
        with read_only(folder, db):
            code, out, _ = run("list", "--db", str(db))
            assert code == 0 and "17723" in out and "54271" in out
            code, out, _ = run("search", "--db", str(db), "Russia", "--limit", "1")
            assert code == 0 and "matching paragraphs for 'Russia'" in out
            code, _, err = ingest_pages(db, PAGES[2])
            assert code == 10
            assert err == (
                f"onrecord: error: {db}: the database is read-only here (the file, its folder or"
                " the disk cannot be written): reading works, writing needs write permission\n"
            )


@contextmanager
def _folder(path: Path) -> Iterator[Path]:
    path.mkdir()
    yield path


def test_a_damaged_database_is_not_written_into_and_the_error_names_the_recovery(
    tmp_path: Path,
) -> None:
    db = tmp_path / "a.db"
    assert ingest_pages(db, *PAGES[:2])[0] == 0
    data = bytearray(db.read_bytes())
    page = 4096
    data[4 * page : 5 * page] = os.urandom(page)  # one b-tree page of the tables overwritten
    db.write_bytes(bytes(data))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _, err = ingest_pages(db, PAGES[2])
    assert code == 10
    assert err.startswith(f"onrecord: error: {db}: the database is damaged (")
    assert f"`sqlite3 {db} .recover | sqlite3 recovered.db`" in err
    assert err.count("\n") == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_missing_index_segment_falls_back_to_fts5_with_the_reindex_hint(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "a.db"
    assert ingest_pages(db, *PAGES)[0] == 0
    for segment in (tmp_path / "a.db.index").glob("*.idx"):
        segment.unlink()
    code, out, _ = run("search", "--db", str(db), "Russia", "--limit", "1")
    assert code == 0
    assert "matching paragraphs for 'Russia'" in out
    assert "searching with FTS5 (slower) until `onrecord reindex` rebuilds it" in caplog.text
    assert run("reindex", "--db", str(db))[0] == 0
    caplog.clear()
    code, out, _ = run("search", "--db", str(db), "Russia", "--limit", "1")
    assert code == 0 and "matching paragraphs for 'Russia'" in out
    assert "FTS5" not in caplog.text  # the rebuilt index answers again


@pytest.mark.skipif(not ROOT, reason="a full disk needs a small tmpfs, which needs root")
def test_a_full_disk_is_exit_10_and_says_truly_what_was_stored(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "1500k") as folder:
        db = folder / "a.db"
        reports = [ingest_pages(db, page) for page in sorted(KREMLIN.glob("*.txt"))]
        failed = [err for code, _, err in reports if code != 0]
        assert failed and {code for code, _, _ in reports} == {0, 10}
        assert all("the disk is full; stored before it: inserted " in err for err in failed)
        said = sum(code == 0 for code, _, _ in reports) + sum(
            "stored before it: inserted 1," in err for err in failed
        )
        code, out, _ = run("list", "--db", str(db), "--format", "json")
        assert code == 0 and f'"total": {said}' in out


def test_speakers_subcommands_act_on_the_groups_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "archive.db"
    assert ingest_pages(db, KREMLIN / "57678.txt", KREMLIN / "54688.txt")[0] == 0
    elsewhere = tmp_path / "empty"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("ONRECORD_DB", str(tmp_path / "other.db"))
    code, out, _ = run("speakers", "--db", str(db), "show", "vladimir-putin")
    assert code == 0 and "Vladimir Putin" in out
    code, out, _ = run("speakers", "--db", str(db), "merge", "vladimir-putin", "megyn-kelly")
    assert code == 0 and out.startswith("merged megyn-kelly into vladimir-putin")
    code, out, _ = run(
        "speakers", "--db", str(db), "split", "vladimir-putin", "--name", "Megyn Kelly"
    )
    assert code == 0 and out.startswith("split ")
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / "other.db").exists()


def test_ingest_refuses_records_the_schema_refuses_and_ids_that_are_not_one_path_segment(
    tmp_path: Path,
) -> None:
    good = '{"id": "a-1", "source": "x", "sha256": "%s", "parser": {"name": "t", "version": "1"},'
    good += ' "title": "T", "date": "", "place": "", "lead": "", "speakers": [], "turns": [],'
    good += ' "preamble": []}'
    records = tmp_path / "records.jsonl"
    lines = [good % ("a" * 64)]
    lines += [lines[0].replace('"a-1"', f'"{bad}"') for bad in ("../../etc/passwd", "a/b?c=d#e")]
    lines.append('{"id": "no-fields"}')
    records.write_text("\n".join(lines) + "\n")
    code, out, err = run("ingest", "--db", str(tmp_path / "a.db"), "--workers", "1", str(records))
    assert code == 9
    assert "inserted 1, updated 0, unchanged 0, failed 3" in out
    failed = err.splitlines()
    assert failed[0].startswith(f"onrecord: failed: {records}:2: field id: '../../etc/passwd'")
    assert failed[1].startswith(f"onrecord: failed: {records}:3: field id: 'a/b?c=d#e'")
    assert failed[2].startswith(f"onrecord: failed: {records}:4: field (record): ")


def slow_page(folder: Path) -> Path:
    """A text whose one paragraph holds 100,000 notes: about 1.5 s to parse on one core."""
    page = folder / "slow.txt"
    page.write_text("Talks\n\nMay 3, 2016\n\nVladimir Putin: " + "Yes (Applause.) " * 100_000)
    return page


def test_a_file_over_its_time_budget_fails_alone_with_exit_18(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "FILE_SECONDS", 0.3)
    slow = slow_page(tmp_path)
    db = tmp_path / "a.db"
    code, out, err = ingest_pages(db, slow, PAGES[0])
    assert code == 9
    assert "inserted 1, updated 0, unchanged 0, failed 1" in out
    assert err == (f"onrecord: failed: {slow}: reading took over the 0.3 s budget of one file\n")
    code, out, err = ingest_pages(db, slow)
    assert code == 18
    assert "inserted 0, updated 0, unchanged 0, failed 1" in out


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with open(task / "children") as listed:
            found.update(int(child) for child in listed.read().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_worker_processes_exit_when_the_ingest_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(6):
        (folder / f"slow{n}.txt").write_text(slow_page(tmp_path).read_text() + f" {n}")
    command = [sys.executable, "-c", "from onrecord.cli import main; main()"]
    ingesting = subprocess.Popen(
        [*command, "ingest", "--db", str(tmp_path / "a.db"), "--workers", "2", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(ingesting.pid)
        time.sleep(0.1)
    assert len(workers) >= 2, "the ingest started no workers"
    ingesting.send_signal(signal.SIGKILL)
    ingesting.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)
