"""`onrecord ingest --dask`: parsing and enrichment as tasks on a real Dask cluster.

One LocalCluster of 2 worker processes serves the module (a start costs seconds); the
tests reach it by its tcp:// address, as an operator's cluster is reached. Each archive
built on it is compared, through the library, with the serial ingest of the same files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import onrecord
from helpers import dask_tasks
from onrecord import distributed
from onrecord.archive import Archive
from onrecord.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KREMLIN, IMPORTS = FIXTURES / "kremlin", FIXTURES / "imports"
PAGES = sorted(KREMLIN.glob("*.txt"))[:10]
# 17389.html reads as the same document as 17389.txt: unchanged; interview.vtt shares the
# stem of interview.srt with other bytes: a second document, its id made unique
IMPORTED = ["interview.srt", "interview.vtt", "messages.json", "table.csv", "whisperx.json"]
PATHS = [*PAGES, KREMLIN / "17389.html", *(IMPORTS / name for name in IMPORTED)]
VTT_ID = "interview-" + hashlib.sha256((IMPORTS / "interview.vtt").read_bytes()).hexdigest()[:8]
IDS = sorted([p.stem for p in PAGES] + ["interview", VTT_ID, "messages", "table", "whisperx"])
QUERIES = ["president", "Russia", "economy", "question"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.local_cluster(2) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("serial") / "archive.db"
    with Archive.open(path) as archive:
        report = archive.ingest(PATHS, workers=1)
        assert (report.inserted, report.updated, report.unchanged) == (15, 0, 1)
        return state(archive)


def state(archive: Archive) -> dict[str, Any]:
    """What a reader sees: documents, revisions, annotations, speakers, search results."""
    ids = sorted(d.id for d in archive.iter_documents())
    return {
        "ids": ids,
        "documents": {i: archive.get(i).to_dict() for i in ids},
        "revisions": {i: [r.revision for r in archive.revisions(i)] for i in ids},
        "annotations": {i: archive.annotations(i) for i in ids},
        "speakers": [s.to_dict() for s in archive.speakers()],
        "search": {q: archive.search(q, limit=50).to_dict() for q in QUERIES},
        "content": archive.content_hash(),
    }


def test_the_workers_import_this_onrecord(cluster: str) -> None:
    from distributed import Client

    with Client(cluster) as client:
        found = client.run(lambda: __import__("onrecord").__file__)
    assert sorted(found.values()) == [onrecord.__file__, onrecord.__file__]


def test_the_same_archive_as_a_serial_ingest(
    cluster: str, serial: dict[str, Any], tmp_path: Path
) -> None:
    with Archive.open(tmp_path / "dask.db") as archive:
        report = archive.ingest(PATHS, dask=cluster)
        found = state(archive)
    assert (report.inserted, report.updated, report.unchanged, report.failed) == (15, 0, 1, [])
    assert found["ids"] == IDS
    assert found["revisions"] == {i: [1] for i in IDS}
    assert found["annotations"]["17389"]  # enriched on the workers
    assert found == serial


def test_a_worker_killed_mid_task_runs_its_batch_again(
    cluster: str, serial: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "killed"
    # the first job holding 51177.txt (the first batch of 8 files) parses it all, then
    # its worker process exits before answering
    monkeypatch.setattr(
        distributed, "run_task", partial(dask_tasks.die_once, str(marker), "51177.txt")
    )
    with Archive.open(tmp_path / "dask.db") as archive:
        report = archive.ingest(PATHS, dask=cluster)
        found = state(archive)
    assert marker.exists()  # the worker did die
    assert (report.inserted, report.updated, report.unchanged, report.failed) == (15, 0, 1, [])
    assert found["revisions"] == {i: [1] for i in IDS}  # nothing stored twice
    assert found == serial


def ingest(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["ingest", *map(str, args)])


def summary(result: Result) -> str:
    """The summary line without its timing: (1.2 s, 0.3 MB)."""
    return re.sub(r" \([^)]*\)$", "", result.stdout.strip())


def test_a_bad_file_fails_alone_as_in_a_serial_ingest(cluster: str, tmp_path: Path) -> None:
    bad = IMPORTS / "bad_whisperx.json"
    files = [PAGES[0], bad, PAGES[1], IMPORTS / "messages.json"]
    on_dask = ingest("--db", tmp_path / "dask.db", "--dask", cluster, *files)
    alone = ingest("--db", tmp_path / "serial.db", "--workers", "1", *files)
    assert on_dask.exit_code == alone.exit_code == 9
    assert (
        summary(on_dask)
        == summary(alone)
        == ("inserted 3, updated 0, unchanged 0, failed 1, skipped 0")
    )
    assert on_dask.stderr == alone.stderr
    assert on_dask.stderr.startswith(f"onrecord: failed: {bad}: ")
    assert on_dask.stderr.count("\n") == 1
    assert "Traceback" not in on_dask.output


def test_ingest_dask_local_2_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    first = ingest("--db", db, "--dask", "local:2", *PAGES[:3])
    assert first.exit_code == 0, first.output
    assert summary(first) == "inserted 3, updated 0, unchanged 0, failed 0, skipped 0"
    # again: every file is stored already, nothing is parsed (no cluster is started)
    again = ingest("--db", db, "--dask", "local:2", *PAGES[:3])
    assert again.exit_code == 0, again.output
    assert summary(again) == "inserted 0, updated 0, unchanged 3, failed 0, skipped 0"


@pytest.mark.parametrize("address", ["local:0", "local:x", "scheduler:8786", "http://h:1"])
def test_a_malformed_address_is_a_usage_error(address: str, tmp_path: Path) -> None:
    result = ingest("--db", tmp_path / "a.db", "--dask", address, PAGES[0])
    assert result.exit_code == 2
    assert "Invalid value for '--dask'" in result.stderr


def test_the_inputs_of_each_kind_of_job() -> None:
    assert distributed.sources(("files", ["a.txt", "b.txt"])) == ["a.txt", "b.txt"]
    assert distributed.sources(("lines", "r.jsonl", 7, [b"{}", b"{}"])) == [
        "r.jsonl:7",
        "r.jsonl:8",
    ]
    assert distributed.sources(("corpus", "folder")) == ["folder"]
    assert distributed.sources(("raw", "page.txt", b"", "parse", "54271")) == ["page.txt"]
