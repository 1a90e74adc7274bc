"""One contract, two engines: the same archive behaviours on a SQLite file and on a
PostgreSQL database (a throwaway cluster, helpers.postgres), with the same answers.

The expected values are read off the three fixture pages by hand:
54271 (2017-04-12, The Kremlin, Moscow; Radik Batyrshin and Vladimir Putin, 14 turns each),
17723 (2013-03-22, no place; an interview: Question and Vladimir Putin),
17389 (2013-01-30, The Kremlin, Moscow; Vladimir Putin alone).
`BRICS` is in 17 paragraphs, all of 17723 (`grep -c BRICS`), 13 of them Putin's answers.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import dense
from onrecord.archive import Archive, Filters
from onrecord.cli import main
from onrecord.errors import StoreError
from onrecord.model import Annotation

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"
PAGES = [str(KREMLIN / f"{page}.txt") for page in ("54271", "17389", "17723")]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def archive(location: str) -> Iterator[Archive]:
    """The three fixture pages ingested (one worker, no enrichment)."""
    with Archive.open(location) as opened:
        report = opened.ingest(PAGES, workers=1, enrich=False)
        assert (report.inserted, report.failed) == (3, [])
        yield opened


def test_get_and_list(archive: Archive) -> None:
    assert archive.get("54271").title == "Interview to Mir broadcasting company"
    assert len(archive.get("54271").turns) == 28
    newest = archive.list_documents()
    assert newest.total == 3
    assert [d.id for d in newest.items] == ["54271", "17723", "17389"]
    assert newest.items[0].speakers == ["Radik Batyrshin", "Vladimir Putin"]
    assert newest.items[0].revisions == 1
    oldest = archive.list_documents(sort="oldest", limit=2)
    assert [d.id for d in oldest.items] == ["17389", "17723"]
    assert oldest.total == 3
    assert [d.id for d in archive.list_documents(Filters(date_from="2017")).items] == ["54271"]
    # a place matches whatever its case, as SQLite's LIKE does
    kremlin = archive.list_documents(Filters(place="kremlin"))
    assert [d.id for d in kremlin.items] == ["54271", "17389"]
    assert [d.id for d in archive.list_documents(Filters(place="100%")).items] == []
    previous, following = archive.neighbours("17723")
    assert (previous and previous.id, following and following.id) == ("17389", "54271")


def test_search_hits_and_permalinks(archive: Archive) -> None:
    result = archive.search("BRICS", limit=50)
    assert result.total == 17
    assert result.engine == "tantivy"
    assert {hit.doc_id for hit in result.hits} == {"17723"}
    assert all(hit.permalink.startswith("17723#t") for hit in result.hits)
    theirs = archive.search("BRICS", Filters(speaker="vladimir-putin"), limit=50)
    assert theirs.total == 13
    assert {hit.speaker_id for hit in theirs.hits} == {"vladimir-putin"}
    assert archive.search("BRICS", Filters(date_from="2017")).total == 0


def test_speakers_registry(archive: Archive) -> None:
    people = {p.id: p for p in archive.speakers()}
    assert set(people) == {"vladimir-putin", "radik-batyrshin"}
    assert (people["vladimir-putin"].documents, people["radik-batyrshin"].documents) == (3, 1)
    assert people["radik-batyrshin"].turns == 14
    detail = archive.speaker("vladimir-putin")
    assert sorted(detail.words_per_year) == ["2013", "2017"]
    assert [d.id for d in detail.appearances] == ["17389", "17723", "54271"]
    merged = archive.merge_speakers("vladimir-putin", "radik-batyrshin")
    assert merged.id == "vladimir-putin"
    assert merged.documents == 3  # Batyrshin's one document is one of Putin's
    assert merged.turns == people["vladimir-putin"].turns + 14
    assert archive.speaker("radik-batyrshin").person.id == "vladimir-putin"
    assert [p.id for p in archive.speakers()] == ["vladimir-putin"]
    split = archive.split_speaker("vladimir-putin", doc_ids=["54271"], new_name="Somebody")
    assert (split.id, split.documents) == ("somebody", 1)
    assert archive.speaker("vladimir-putin").person.documents == 2


def test_revisions_and_a_revert(archive: Archive) -> None:
    original = archive.get("17389")
    changed = dataclasses.replace(original, title="Meeting with the Envoys")
    assert archive.put_document(changed) == "updated"
    assert archive.get("17389").title == "Meeting with the Envoys"
    assert archive.put_document(original) == "updated"
    revisions = archive.revisions("17389")
    assert [(r.revision, r.current, r.restores) for r in revisions] == [
        (1, False, None),
        (2, False, None),
        (3, True, 1),
    ]
    assert archive.get("17389", 2).title == "Meeting with the Envoys"
    diff = archive.diff("17389")
    assert (diff.a, diff.b, diff.restores) == (2, 3, 1)
    assert [c.field for c in diff.changes] == ["title"]
    assert archive.put_document(original) == "unchanged"
    # the index follows: the paragraphs of the restored revision are found once
    assert archive.search('"Good afternoon, colleagues"').total == 1


def test_annotations(archive: Archive) -> None:
    found = Annotation("entity", "test.v1", 0, 4, 14, "Collective", {"type": "org"})
    assert archive.put_annotations("54271", [found]) == 1
    assert archive.annotations("54271") == [found]
    assert archive.annotations("54271", "sentence") == []
    assert archive.put_annotations("54271", []) == 0


def test_stats(archive: Archive) -> None:
    stats = archive.stats()
    assert (stats.documents, stats.revisions) == (3, 3)
    assert (stats.date_from, stats.date_to) == ("2013-01-30", "2017-04-12")
    assert stats.speakers == 2


def test_both_engines_hold_the_same_archive(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONRECORD_INDEX", str(tmp_path / "pg.index"))
    hashes = []
    for location in (str(tmp_path / "a.db"), postgres_url):
        with Archive.open(location) as opened:
            opened.ingest(PAGES, workers=1, enrich=False)
            hashes.append(opened.content_hash())
    assert hashes[0] == hashes[1]


def test_migrations_recorded(postgres_url: str, tmp_path: Path) -> None:
    import psycopg

    Archive.open(postgres_url).close()
    Archive.open(postgres_url).close()  # a second open applies nothing
    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY 1").fetchall()
    assert rows == [
        (1, "create_record"),
        (2, "create_speakers"),
        (3, "speaker_totals"),
        (4, "create_search"),
        (5, "watches"),
        (6, "entity_index"),
    ]


def test_unreachable_server_is_one_line() -> None:
    with pytest.raises(StoreError) as caught:
        Archive.open("postgresql://onrecord:secret@127.0.0.1:9/none")
    message = str(caught.value)
    assert message.startswith("postgresql://onrecord:***@127.0.0.1:9/none: cannot reach")
    assert "secret" not in message
    assert "\n" not in message
    result = CliRunner().invoke(main, ["list", "--db", "postgresql://onrecord@127.0.0.1:9/none"])
    assert result.exit_code == 10
    assert "Traceback" not in result.output


def test_fts5_is_refused_on_postgresql(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="FTS5 is SQLite's"):
        Archive.open(postgres_url, engine="fts5")


def test_cli_ingest_then_search(postgres_url: str, tmp_path: Path) -> None:
    env = {"ONRECORD_INDEX": str(tmp_path / "cli.index")}
    runner = CliRunner(env=env)
    ingested = runner.invoke(
        main, ["ingest", "--db", postgres_url, "--workers", "1", "--no-enrich", *PAGES]
    )
    assert ingested.exit_code == 0, ingested.output
    found = runner.invoke(main, ["search", "--db", postgres_url, "--format", "json", "BRICS"])
    assert found.exit_code == 0, found.output
    data = json.loads(found.output)
    assert (data["total"], data["engine"]) == (17, "tantivy")
    shown = runner.invoke(main, ["show", "--db", postgres_url, "17389", "--format", "json"])
    assert json.loads(shown.output)["title"].startswith("Meeting with Presidential")
    listed = runner.invoke(
        main, ["speakers", "--format", "json"], env={"ONRECORD_DB": postgres_url}
    )
    assert [p["id"] for p in json.loads(listed.output)] == ["vladimir-putin", "radik-batyrshin"]


_INGEST = """
import sys
from onrecord.archive import Archive
with Archive.open(sys.argv[1]) as archive:
    report = archive.ingest(sys.argv[2:], workers=1, enrich=False)
    print(report.inserted + report.updated + report.unchanged, len(report.failed))
"""


def test_two_ingests_at_once(postgres_url: str, tmp_path: Path) -> None:
    """Two processes ingest overlapping pages into one database at the same time: one
    person per speaker, every page stored once, no revision lost or doubled."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    Archive.open(postgres_url).close()  # the schema, as `serve` makes it before it reads
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _INGEST, postgres_url, *pages],
            env={**env, "ONRECORD_INDEX": str(tmp_path / f"index{n}")},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, pages in enumerate((PAGES, list(reversed(PAGES))))
    ]
    # a reader meanwhile (as a web process): every read answers, with 0 to 3 documents
    with Archive.open(postgres_url, readonly=True) as reader:
        seen = []
        while any(run.poll() is None for run in runs):
            seen.append(reader.list_documents().total)
            time.sleep(0.05)
        assert set(seen) <= {0, 1, 2, 3}
        assert reader.list_documents().total == 3
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [out.split() for out, _ in outputs] == [["3", "0"], ["3", "0"]], outputs
    with Archive.open(postgres_url) as archive:
        assert [p.id for p in archive.speakers()] == ["vladimir-putin", "radik-batyrshin"]
        assert archive.speaker("vladimir-putin").person.documents == 3
        assert [len(archive.revisions(page)) for page in ("54271", "17389", "17723")] == [1, 1, 1]
        assert archive.list_documents().total == 3
        assert archive.stats().revisions == 3


def test_reader_pages(archive: Archive, location: str) -> None:
    """The web reader serves the archive's pages and API from either engine."""
    from fastapi.testclient import TestClient

    from onrecord.web import WebConfig, create_app

    with TestClient(create_app(WebConfig(location))) as client:
        assert client.get("/").status_code == 200
        page = client.get("/documents/54271")
        assert page.status_code == 200
        assert "Interview to Mir broadcasting company" in page.text
        assert "BRICS" in client.get("/search", params={"q": "BRICS"}).text
        assert client.get("/speakers/vladimir-putin").status_code == 200
        assert client.get("/documents/17389/revisions").status_code == 200
        found = client.get("/api/v1/search", params={"q": "BRICS"})
        assert found.json()["total"] == 17
        listed = client.get("/api/v1/documents", params={"sort": "oldest"}).json()
        assert [d["id"] for d in listed["items"]] == ["17389", "17723", "54271"]


def test_reparse_ask_reindex(archive: Archive) -> None:
    report = archive.reparse(["17389"], workers=1, enrich=False)
    assert (report.unchanged, report.failed) == (1, [])
    answer = archive.ask("what did Putin say about BRICS?")
    assert answer.hits[0].doc_id == "17723"
    assert answer.hits[0].speaker_id == "vladimir-putin"
    assert archive.rebuild_index() == 3
    assert archive.search("BRICS").total == 17


def test_cli_export_and_reindex(postgres_url: str, tmp_path: Path) -> None:
    runner = CliRunner(env={"ONRECORD_INDEX": str(tmp_path / "cli.index")})
    done = runner.invoke(main, ["ingest", "--db", postgres_url, "--workers", "1", *PAGES[:2]])
    assert done.exit_code == 0, done.output
    out = tmp_path / "out.jsonl"
    exported = runner.invoke(
        main, ["export", "--db", postgres_url, "--format", "jsonl", "--out", str(out)]
    )
    assert exported.exit_code == 0, exported.output
    assert sorted(json.loads(line)["id"] for line in out.read_text().splitlines()) == [
        "17389",
        "54271",
    ]
    reindexed = runner.invoke(main, ["reindex", "--db", postgres_url])
    assert reindexed.exit_code == 0, reindexed.output
    assert reindexed.output.startswith("indexed 2 documents in ")


def test_sentence_vectors_follow_the_revisions_on_either_engine(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the extra on, each engine keeps a vector per current paragraph (a revision's
    old ones go with it) and `ask` reranks by them."""
    np = pytest.importorskip("numpy")

    class Lengths:  # an encoder for any text: its length, padded
        dim, lam, label, model_id = 4, 2.0, "lengths", "lengths.v1"

        def encode(self, texts: list[str]) -> object:
            out = np.zeros((len(texts), self.dim), dtype=np.float32)
            out[:, 0] = [len(t) for t in texts]
            return out

    monkeypatch.delenv(dense.ENV_SWITCH, raising=False)
    monkeypatch.setattr(dense, "available", lambda: True)
    monkeypatch.setattr(dense, "encoder", Lengths)
    count = "SELECT count(*) FROM {}"
    with Archive.open(location) as archive:
        archive.ingest(PAGES, workers=1, enrich=False)
        conn = archive._conn
        paragraphs = conn.execute(count.format("paragraphs")).fetchone()[0]
        assert conn.execute(count.format("paragraph_vectors")).fetchone()[0] == paragraphs
        changed = dataclasses.replace(archive.get("54271"), turns=archive.get("54271").turns[:2])
        archive.put_document(changed)
        fewer = conn.execute(count.format("paragraphs")).fetchone()[0]
        assert fewer < paragraphs
        assert conn.execute(count.format("paragraph_vectors")).fetchone()[0] == fewer
        answer = archive.ask("what did Putin say about BRICS?")
    assert answer.mode == "hybrid" and answer.hits[0].doc_id == "17723"


def test_lint_reads_the_archive_vocabulary_on_either_engine(
    archive: Archive, location: str
) -> None:
    """`onrecord lint` on a stored page: the four slips of 54271 (read in its text), found
    alike whether the archive's word counts come from FTS5 or from the node's index."""
    assert archive.paragraphs_with("BRICS") == 17
    assert archive.paragraphs_with("Kyrgyzstan") == archive.paragraphs_with("KYRGYZSTAN") > 0
    assert archive.paragraphs_with("nonexistentword") == 0
    result = CliRunner().invoke(main, ["lint", "--db", location, "--format", "json", "54271"])
    assert result.exit_code == 0, result.output
    found = {(f["rule"], f["text"]) for f in json.loads(result.output)["findings"]}
    assert found == {
        ("typo.v1", "ecerything"),
        ("glued.v1", "201stmilitary"),
        ("agreement.v1", "several version"),
        ("typo.v1", "dificculties"),
    }


def test_the_web_reconnects_after_the_server_dropped_its_connections(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restart or failover drops every connection: the requests that meet a dropped one
    get a 503 that says so (with Retry-After), and each thread then opens a new one."""
    import psycopg
    from fastapi.testclient import TestClient

    from onrecord.web import WebConfig, create_app

    monkeypatch.setenv("ONRECORD_INDEX", str(tmp_path / "pg.index"))
    with Archive.open(postgres_url) as archive:
        archive.ingest(PAGES[:1], workers=1, enrich=False)
    api = "/api/v1/documents"
    with TestClient(create_app(WebConfig(postgres_url, cache_entries=0))) as client:
        assert client.get(api).json()["total"] == 1
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
        assert dropped is not None and dropped[0] >= 1
        answers = [client.get(api) for _ in range(10)]
    failed = [a for a in answers if a.status_code != 200]
    assert all(a.status_code == 503 and a.headers["retry-after"] == "1" for a in failed)
    assert all("lost the PostgreSQL server" in a.json()["message"] for a in failed)
    assert len(failed) < 5 and [a.json()["total"] for a in answers[5:]] == [1] * 5


def test_documents_by_year_and_place_are_counted_by_the_database(archive: Archive) -> None:
    # 54271 of 2017 and 17389 of 2013 at The Kremlin, Moscow; 17723 of 2013 has no place
    assert archive.document_facets() == (
        [("2017", 1), ("2013", 2)],
        [("The Kremlin, Moscow", 2)],
    )
    assert archive.document_facets(places=0)[1] == []
