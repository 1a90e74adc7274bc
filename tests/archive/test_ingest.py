"""Ingest: idempotent, revisions on change, failures reported, raw input kept, reparse."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers.archives import page_folder
from onrecord.archive import Archive
from onrecord.errors import InputError, NotFoundError
from onrecord.ingest import _enricher
from onrecord.model import Document

SAMPLE = {"17723", "51177", "54271", "54688", "57678", "59514", "60344", "62639"}


@pytest.fixture
def pages(tmp_path: Path, html_pages: list[Path]) -> Path:
    return page_folder(tmp_path / "pages", html_pages, SAMPLE)


def test_ingest_then_again_changes_nothing(tmp_path: Path, pages: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        first = archive.ingest([pages], workers=2)
        digest = archive.content_hash()
        second = archive.ingest([pages], workers=2)
        assert (first.inserted, first.updated, first.unchanged, first.failed) == (8, 0, 0, [])
        assert (second.inserted, second.updated, second.unchanged) == (0, 0, 8)
        assert archive.content_hash() == digest
        assert archive.stats().revisions == 8


def _edit(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("organised crime", "organised edited crime", 1), encoding="utf-8")


def test_changed_transcript_becomes_a_new_revision_and_the_old_one_is_kept(
    tmp_path: Path, pages: Path
) -> None:
    page = pages / "54271.html"
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([page], workers=1)
        before = archive.get("54271")
        _edit(page)
        report = archive.ingest([page], workers=1)
        assert report.updated == 1
        assert [r.revision for r in archive.revisions("54271")] == [1, 2]
        assert archive.get("54271", 1).to_dict() == before.to_dict()
        diff = archive.diff("54271")
        assert (diff.a, diff.b) == (1, 2)
        assert any("edited" in line for line in diff.text_diff if line.startswith("+"))
        assert archive.list_documents().items[0].revisions == 2


def test_old_bytes_again_restore_the_earlier_revision(tmp_path: Path, pages: Path) -> None:
    """A publisher's revert: the original again is current, as revision 3 restoring 1."""
    page = pages / "54271.html"
    original = page.read_bytes()
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([page], workers=1)
        first = archive.get("54271")
        _edit(page)
        archive.ingest([page], workers=1)
        page.write_bytes(original)
        assert archive.ingest([page], workers=1).updated == 1
        history = archive.revisions("54271")
        assert [(r.revision, r.restores, r.current) for r in history] == [
            (1, None, False),
            (2, None, False),
            (3, 1, True),
        ]
        assert archive.get("54271").turns == first.turns
        assert archive.ingest([page], workers=1).unchanged == 1


def test_the_same_page_as_text_and_html_is_one_revision_with_both_inputs_kept(
    tmp_path: Path, pages: Path
) -> None:
    page = tmp_path / "copy.txt"
    page.write_text(
        "Meeting on\u00a0gas\n\nJuly 8, 2024\n\nJane Doe: Good  morning.\n\nQ: Hello.\n"
    )
    other = tmp_path / "other" / "copy.txt"
    other.parent.mkdir()
    other.write_text("Meeting on gas\n\nJuly 8, 2024\n\nJane Doe: Good morning.\n\nQ: Hello.\n")
    with Archive.open(tmp_path / "a.db") as archive:
        assert archive.ingest([page], workers=1).inserted == 1
        assert archive.ingest([other], workers=1).unchanged == 1
        [revision] = archive.revisions("copy")
    assert revision.also == [str(other)]


def test_raw_input_is_kept_byte_for_byte_with_its_hash_and_parser(
    tmp_path: Path, pages: Path
) -> None:
    page = pages / "54271.html"
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([page], workers=1)
        raw = archive.raw("54271")
        revision = archive.revisions("54271")[0]
    assert raw.data == page.read_bytes()
    assert raw.sha256 == revision.sha256 == archive_sha(page)
    assert revision.parser and revision.parser != "unknown"


def archive_sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_bad_files_are_reported_and_the_rest_stored(tmp_path: Path, pages: Path) -> None:
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.html").write_bytes(bytes(range(256)) * 10)
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([pages], workers=2)
    failed = {Path(source).name for source, _ in report.failed}
    assert failed == {"empty.txt", "binary.html"}
    assert report.inserted == 8


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive, pytest.raises(InputError):
        archive.ingest([tmp_path / "nowhere"])


def test_jsonl_records_are_ingested_as_parsed_documents(
    tmp_path: Path, gold_documents: list[Document]
) -> None:
    records = tmp_path / "records.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for document in gold_documents[:5]:
            out.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
        out.write("{not json\n")
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([records], workers=1)
        assert report.inserted == 5 and len(report.failed) == 1
        assert archive.get(gold_documents[0].id).turns == gold_documents[0].turns
        assert archive.ingest([records], workers=1).unchanged == 5
        assert bool(archive.annotations(gold_documents[0].id)) == (_enricher() is not None)


def test_reparse_keeps_unchanged_documents_unchanged(tmp_path: Path, pages: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([pages], workers=2)
        report = archive.reparse(workers=2)
        assert (report.unchanged, report.updated, report.failed) == (8, 0, [])
        with pytest.raises(NotFoundError):
            archive.reparse(["no-such-id"])


def test_annotations_are_stored_on_the_current_revision(archive: Archive) -> None:
    from onrecord.model import Annotation

    note = Annotation("quantity", "test.v1", 0, 0, 5, "Hello", {"value": 1})
    assert archive.put_annotations("54271", [note, note]) == 2
    assert archive.put_annotations("54271", [note]) == 1  # replaces the producer's set
    assert archive.annotations("54271") == [note]
    assert archive.annotations("54271", kind="entity") == []


def test_content_hash_ignores_provenance_only(gold_documents: list[Document]) -> None:
    from dataclasses import replace

    from onrecord.store.documents import content_hash

    document = gold_documents[0]
    moved = replace(document, source="elsewhere.html", sha256="0" * 64, parser={"name": "x"})
    assert content_hash(moved) == content_hash(document)
    assert content_hash(replace(document, title="Another title")) != content_hash(document)


def test_jsonl_record_keeps_its_own_provenance(
    tmp_path: Path, gold_documents: list[Document]
) -> None:
    records = tmp_path / "records.jsonl"
    line = json.dumps(gold_documents[0].to_dict(), ensure_ascii=False)
    records.write_text(line + "\n", encoding="utf-8")
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([records], workers=1, enrich=False)
        stored = archive.get(gold_documents[0].id)
        raw = archive.raw(gold_documents[0].id)
        assert stored.sha256 == gold_documents[0].sha256
        assert stored.source == gold_documents[0].source
        assert raw.data == line.encode() and raw.reader == "record"
        assert archive.reparse(workers=1).unchanged == 1


def test_subtitles_are_ingested_through_the_importers(tmp_path: Path) -> None:
    subtitles = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "interview.vtt"
    with Archive.open(tmp_path / "a.db") as archive:
        first = archive.ingest([subtitles], workers=1, enrich=False)
        again = archive.ingest([subtitles], workers=1, enrich=False)
        [summary] = archive.list_documents().items
        assert (first.inserted, again.unchanged) == (1, 1)
        assert archive.raw(summary.id).reader == "import"
        assert archive.reparse(workers=1).unchanged == 1
        assert archive.get(summary.id).turns


def test_ingest_feeds_the_search_index_so_it_is_in_step_at_the_end(
    tmp_path: Path, pages: Path
) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([pages], workers=2, enrich=False)
        assert archive._index is not None and not archive._index.behind()
        fast = archive.search('"russia"', limit=0)  # quoted: as exact in both engines
        slow = Archive(archive._conn, str(archive.path), engine="fts5").search('"russia"', limit=0)
        assert (fast.engine, fast.total) == ("tantivy", slow.total)


def test_index_fed_from_memory_holds_what_a_rebuild_holds(
    tmp_path: Path, html_pages: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches after the first feed the Tantivy index from what they wrote, in memory,
    instead of reading the rows back: the index must be the one a rebuild makes."""
    from onrecord import ingest
    from onrecord.search import tantivy_index
    from onrecord.store.records import Filters

    monkeypatch.setattr(ingest, "BATCH_DOCS", 5)
    fed: list[str] = []
    add_written = tantivy_index.TantivyIndex._add_written

    def counting(self: tantivy_index.TantivyIndex, writer: object, written: list) -> int:
        fed.extend(w.doc_id for w in written)
        return add_written(self, writer, written)

    monkeypatch.setattr(tantivy_index.TantivyIndex, "_add_written", counting)
    folder = page_folder(tmp_path / "pages", html_pages)
    with Archive.open(tmp_path / "a.db") as archive:
        first = archive.ingest([folder], workers=2, enrich=False)
        assert len(fed) > 0 and first.inserted == len(html_pages) - len(first.failed)
        _edit(folder / "54271.html")
        assert archive.ingest([folder], workers=1, enrich=False).updated == 1
        assert "54271" in fed  # the new revision replaced the old paragraphs from memory
        person = archive._conn.execute(
            "SELECT person_id FROM appearances WHERE person_id IS NOT NULL"
            " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        cases = [
            (query, filters)
            for query in ("russia", "oil OR gas", '"economic cooperation"', "edited", "presid*")
            for filters in (None, Filters(speaker=person), Filters(date_from="2010"))
        ]

        def results() -> list[tuple[int, set[str], object]]:
            out = []
            for query, filters in cases:
                result = archive.search(query, filters, limit=1000, facets=True)
                assert result.engine == "tantivy"
                out.append((result.total, {h.permalink for h in result.hits}, result.facets))
            return out

        incremental = results()
        assert archive.rebuild_index() > 0
        assert results() == incremental
        edited = cases.index(("edited", None))
        assert incremental[edited][0] > 0  # the new revision's words are found


def test_folder_of_documents_in_other_formats(tmp_path: Path, fixtures: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("17723.html2text.md", "55980.chromium.pdf", "briefing.docx"):
        shutil.copy(fixtures / "saved" / name, folder / name)
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([folder], workers=1)
        assert (report.inserted, report.failed) == (3, [])
        titles = {d.title for d in archive.list_documents(limit=10).items}
    assert titles == {
        "Interview to the ITAR-TASS news agency",
        "Meeting with President of Iran Hassan Rouhani",
        "Press briefing by the Ministry spokesperson",
    }


def test_diff_and_history_say_which_revision_is_restored(tmp_path: Path, pages: Path) -> None:
    from click.testing import CliRunner

    from onrecord.cli import main

    page = pages / "54271.html"
    original = page.read_bytes()
    db = str(tmp_path / "a.db")
    with Archive.open(db) as archive:
        archive.ingest([page], workers=1)
        _edit(page)
        archive.ingest([page], workers=1)
        page.write_bytes(original)
        archive.ingest([page], workers=1)
        assert archive.diff("54271").restores == 1
    result = CliRunner().invoke(main, ["diff", "--db", db, "54271"])
    assert "revision 3 restores revision 1" in result.output


def test_reparse_knows_what_an_earlier_parser_version_read(tmp_path: Path, pages: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([pages / "54271.html"], workers=1, enrich=False)
        assert archive.stale_ids() == []
        archive._conn.execute("UPDATE revisions SET parser = 'kremlin-html.0'")
        assert archive.stale_ids() == ["54271"]
