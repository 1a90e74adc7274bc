"""One way in: `onrecord parse`, `onrecord ingest`, the upload endpoint and the library read
every input through `onrecord.readers` and agree on the record it gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from onrecord.archive import Archive
from onrecord.cli import main
from onrecord.readers import read_documents
from onrecord.web import WebConfig, create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# One file of every single-file format in the fixtures.
FILES = [
    FIXTURES / "kremlin" / "54271.txt",
    FIXTURES / "kremlin" / "54271.html",
    FIXTURES / "seed" / "000_2d5ceea0f88c4a04.txt",
    FIXTURES / "imports" / "interview.vtt",
    FIXTURES / "imports" / "interview.srt",
    FIXTURES / "imports" / "whisperx.json",
    FIXTURES / "imports" / "aws_transcribe.json",
    FIXTURES / "imports" / "deepgram.json",
    FIXTURES / "imports" / "revai.json",
    FIXTURES / "imports" / "azure_speech.json",
    FIXTURES / "imports" / "google_speech.json",
    FIXTURES / "imports" / "messages.json",
    FIXTURES / "imports" / "table.csv",
    FIXTURES / "saved" / "55980.webarchive",
    FIXTURES / "saved" / "briefing.rtf",
]
TOKEN = "secret"


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _content(record: dict[str, Any]) -> dict[str, Any]:
    """A record without where it was read from (a path, or the upload's file name)."""
    return {k: v for k, v in record.items() if k != "source"}


def _parsed(path: Path) -> list[dict[str, Any]]:
    result = cli("parse", "--format", "jsonl", str(path))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _uploaded(tmp_path: Path, path: Path) -> tuple[dict[str, Any], Path]:
    db = tmp_path / "upload.db"
    with TestClient(create_app(WebConfig(str(db), token=TOKEN))) as client:
        response = client.post(
            "/api/v1/documents",
            params={"source": path.name},
            content=path.read_bytes(),
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert response.status_code == 201, response.text
    return response.json(), db


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_parse_ingest_upload_and_library_give_the_same_record(tmp_path: Path, path: Path) -> None:
    parsed = [_content(r) for r in _parsed(path)]
    library = [_content(d.to_dict()) for d in read_documents(path)]
    with Archive.open(tmp_path / "ingest.db") as archive:
        archive.ingest([path], workers=1, enrich=False)
        ingested = [_content(archive.get(r["id"]).to_dict()) for r in parsed]
    answer, db = _uploaded(tmp_path, path)
    with Archive.open(db) as archive:
        uploaded = [_content(archive.get(item["id"]).to_dict()) for item in answer["documents"]]
    assert parsed == library == ingested == uploaded
    assert answer["id"] == parsed[0]["id"]


def test_ingest_and_upload_give_the_same_annotations(tmp_path: Path) -> None:
    seed = FIXTURES / "seed" / "000_2d5ceea0f88c4a04.txt"
    with Archive.open(tmp_path / "ingest.db") as archive:
        archive.ingest([seed], workers=1)
        [doc_id] = [d.id for d in archive.iter_documents()]
        ingested = archive.annotations(doc_id)
    answer, db = _uploaded(tmp_path, seed)
    with Archive.open(db) as archive:
        uploaded = archive.annotations(answer["id"])
    assert ingested, "the seed has annotations when enriched"
    assert uploaded == ingested


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An archive of the Kremlin fixture pages (text), and a folder of its exports made
    by `onrecord export` in every format that can be read back."""
    root = tmp_path_factory.mktemp("exports")
    pages = root / "pages"
    pages.mkdir()
    for page in sorted((FIXTURES / "kremlin").glob("*.txt"))[:12]:
        shutil.copy(page, pages / page.name)
    db = root / "a.db"
    assert cli("ingest", "--db", str(db), "--no-enrich", str(pages)).exit_code == 0
    out = root / "out"
    for fmt in ("jsonl", "tei", "convokit"):
        target = out / (f"all.{fmt}" if fmt == "jsonl" else fmt)
        result = cli("export", "--db", str(db), "--format", fmt, "--out", str(target))
        assert result.exit_code == 0, result.output
    return db, out


def _archive_content(db: Path) -> tuple[dict[str, Any], tuple[int, ...]]:
    with Archive.open(db, create=False) as archive:
        documents = {
            d.id: (
                d.title,
                d.date,
                d.place,
                [(t.speaker, t.text) for t in d.turns],
                sorted((s.id, s.name) for s in d.speakers),
            )
            for d in archive.iter_documents()
        }
        stats = archive.stats()
    return documents, (stats.documents, stats.turns, stats.words, stats.speakers)


@pytest.mark.parametrize("fmt", ["jsonl", "tei", "convokit"])
def test_every_readable_export_ingests_back_the_same_archive(
    tmp_path: Path, exported: tuple[Path, Path], fmt: str
) -> None:
    db, out = exported
    target = out / (f"all.{fmt}" if fmt == "jsonl" else fmt)
    again = tmp_path / "again.db"
    result = cli("ingest", "--db", str(again), "--no-enrich", str(target))
    assert result.exit_code == 0, result.output
    assert _archive_content(again) == _archive_content(db)
    parsed = _parsed(target)
    assert len(parsed) == _archive_content(db)[1][0]


def test_a_folder_of_exports_is_read_whole_and_the_manifests_are_named(
    tmp_path: Path, exported: tuple[Path, Path]
) -> None:
    _, out = exported
    result = cli("ingest", "--db", str(tmp_path / "b.db"), "--no-enrich", str(out))
    assert result.exit_code == 0, result.output
    assert "inserted 12, updated 0, unchanged 24, failed 0, skipped 1" in result.stdout
    assert "skipped: " in result.stderr and "all.jsonl.manifest.json: an export's manifest" in (
        result.stderr
    )


def test_bad_inputs_are_each_named_with_a_reason_and_nothing_half_stored(
    tmp_path: Path, exported: tuple[Path, Path]
) -> None:
    _, out = exported
    bad = tmp_path / "bad"
    shutil.copytree(out / "convokit", bad / "convokit")
    (bad / "convokit" / "speakers.json").unlink()
    shutil.copytree(out / "tei", bad / "tei")
    next((bad / "tei").glob("onrecord.*.xml")).unlink()
    (bad / "other.json").write_text('{"foo": 1, "bar": [1, 2]}')
    (bad / "broken.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>')
    shutil.copy(FIXTURES / "imports" / "interview.vtt", bad)
    db = tmp_path / "bad.db"
    result = cli("ingest", "--db", str(db), "--no-enrich", str(bad))
    assert result.exit_code == 9
    assert "inserted 1, updated 0, unchanged 0, failed 4, skipped 0" in result.stdout
    stderr = result.stderr
    assert "convokit: export folder is missing speakers.json" in stderr
    assert "tei: export folder is missing onrecord." in stderr
    assert "other.json: a .json that onrecord does not read: an object with keys bar, foo" in (
        stderr
    )
    assert "broken.xml:1: not well-formed XML" in stderr
    with Archive.open(db) as archive:
        assert [d.id for d in archive.iter_documents()] == ["interview"]
    parsed = cli("parse", "--format", "jsonl", str(bad))
    assert parsed.exit_code == 9
    assert "onrecord: 1 parsed, 4 failed" in parsed.stderr


@pytest.mark.parametrize(
    "nested",
    [
        "[" * 100_000 + "]" * 100_000,  # every JSON sniffer's parse runs past Python's depth
        '{"messages": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"results": {"channels": ' + "[" * 100_000 + "]" * 100_000 + "}}",
    ],
)
def test_json_nested_past_reading_is_one_line_and_the_batch_goes_on(
    tmp_path: Path, nested: str
) -> None:
    # before: exit 70, an internal error, from the message lists' sniffer; now too large to
    # read, as the README's limits say (exit 6)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.json").write_text(nested)
    shutil.copy(FIXTURES / "imports" / "interview.vtt", folder)
    parsed = cli("parse", str(folder / "deep.json"))
    assert parsed.exit_code == 6
    assert parsed.stderr.strip() == "onrecord: error: " + str(folder / "deep.json") + (
        ": JSON nested too deep to read"
    )
    result = cli("ingest", "--db", str(tmp_path / "a.db"), "--no-enrich", str(folder))
    assert result.exit_code == 9
    assert "inserted 1, updated 0, unchanged 0, failed 1, skipped 0" in result.stdout


def test_a_file_without_a_page_id_is_named_by_its_stem_and_a_second_one_made_unique(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "in"
    for folder, words in (("a", "Hello."), ("b", "Goodbye.")):
        (inputs / folder).mkdir(parents=True)
        (inputs / folder / "Briefing 2024-07-08.txt").write_text(
            f"Jane Doe: {words}\n\nBob Smith: {words}\n"
        )
    (inputs / "c").mkdir()
    shutil.copy(inputs / "a" / "Briefing 2024-07-08.txt", inputs / "c")
    ids = [r["id"] for r in _parsed(inputs)]
    second = ids[1]
    assert ids == ["briefing-2024-07-08", second, "briefing-2024-07-08"]
    assert second.startswith("briefing-2024-07-08-") and len(second) == len(ids[0]) + 9
    with Archive.open(tmp_path / "a.db") as archive:
        report = archive.ingest([inputs], workers=1, enrich=False)
        assert (report.inserted, report.unchanged) == (2, 1)
        assert sorted(d.id for d in archive.iter_documents()) == sorted(set(ids))
        # the second file again, later, keeps its id: its suffix comes from its own bytes
        again = archive.reparse([second], workers=1, enrich=False)
        assert not again.failed
        # changed, it is not taken for a revision of the first, which is in the run too
        (inputs / "b" / "Briefing 2024-07-08.txt").write_text("Jane Doe: Later.\n")
        report = archive.ingest([inputs], workers=1, enrich=False)
        assert (report.inserted, report.unchanged) == (1, 2)
        assert len(archive.revisions("briefing-2024-07-08")) == 1
        # an archive's own files in the folder are passed by, its index with a word
        assert archive.ingest([tmp_path], workers=1, enrich=False).skipped == [
            (str(tmp_path / "a.db.index"), "an archive's search index, not transcripts")
        ]


@pytest.mark.parametrize(
    "record",
    [
        {"speaker": "Jane Doe", "text": "Hello."},
        {"name": "Jane Doe", "content": "Hello."},
        {"author": "Jane Doe", "utterance": "Hello."},
        {"role": "Jane Doe", "message": "Hello."},
    ],
)
def test_message_lists_with_common_key_variants(tmp_path: Path, record: dict[str, str]) -> None:
    path = tmp_path / "chat.json"
    path.write_text(json.dumps([record, {**record, "text": "Again."}]))
    [document] = read_documents(path)
    assert document.id == "chat"
    assert next((t.speaker, t.text) for t in document.turns) == ("jane-doe", "Hello.")
    assert document.parser["name"] == "messages"


def test_a_wrapped_message_list_keeps_its_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "talk.json"
    path.write_text(
        json.dumps(
            {
                "title": "Town hall",
                "date": "2024-07-08",
                "messages": [{"speaker": "Q", "text": "Why?"}, {"speaker": "Mayor", "text": "No."}],
            }
        )
    )
    [document] = read_documents(path)
    assert (document.title, document.date, len(document.turns)) == ("Town hall", "2024-07-08", 2)


def test_a_transcription_services_voices_and_milliseconds(tmp_path: Path) -> None:
    # AssemblyAI's shape: voices by letter, times in milliseconds beside the recording's length
    # in seconds. Before, the first turn started 250 s in, and a person was named `A`.
    path = tmp_path / "briefing.json"
    utterances = [
        {"speaker": "A", "start": 250, "end": 26950, "text": "Good morning."},
        {"speaker": "B", "start": 27400, "end": 31200, "text": "Any news?"},
        {"speaker": "A", "start": 31500, "end": 93800, "text": "None today."},
    ]
    path.write_text(json.dumps({"audio_duration": 94, "text": "...", "utterances": utterances}))
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [(t["label"], t["start"], t["end"]) for t in document["turns"]] == [
        ("Speaker A", 0.25, 26.95),
        ("Speaker B", 27.4, 31.2),
        ("Speaker A", 31.5, 93.8),
    ]
    assert document["warnings"] == [
        "times read as milliseconds (the latest, 93800, is past the recording's end)"
    ]
    # Deepgram numbers its voices; without the recording's length, times past a day are ms
    numbered = [{"speaker": 0, "start": 120000, "text": "Hello."}, {"speaker": 1, "text": "Hi."}]
    path.write_text(json.dumps(numbered))
    [document] = read_documents(path)
    assert [(t.label, t.start) for t in document.turns] == [
        ("Speaker 0", 120.0),
        ("Speaker 1", None),
    ]
    # a time that is no number of seconds (NaN, a date) is none
    odd = [
        {"speaker": "Jo", "start": float("nan"), "text": "Hi."},
        {"speaker": "Al", "text": "Yo."},
    ]
    path.write_text(json.dumps(odd))
    assert [t.start for t in read_documents(path)[0].turns] == [None, None]
    # a question and its answer are no numbered voices, and times in seconds stay
    qa = [{"speaker": "Q", "start": 3, "text": "Why?"}, {"speaker": "A", "start": 5, "text": "No."}]
    path.write_text(json.dumps(qa))
    [document] = read_documents(path)
    assert [(t.label, t.start) for t in document.turns] == [("Q", 3), ("A", 5)]
    assert document.warnings == []


def test_a_corpus_folder_reparses_from_its_kept_bundle(
    tmp_path: Path, exported: tuple[Path, Path]
) -> None:
    _, out = exported
    with Archive.open(tmp_path / "c.db") as archive:
        archive.ingest([out / "convokit"], workers=1, enrich=False)
        before = _archive_content(tmp_path / "c.db")
        assert archive.raw(next(iter(before[0]))).reader == "corpus"
        report = archive.reparse(workers=1, enrich=False)
        assert not report.failed and report.updated == 0
    assert _archive_content(tmp_path / "c.db") == before


def test_an_import_with_an_empty_document_is_refused_whole(tmp_path: Path) -> None:
    tei = tmp_path / "empty.xml"
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>X</title></titleStmt></fileDesc></teiHeader><text><body/></text></TEI>"
    )
    result = cli("ingest", "--db", str(tmp_path / "a.db"), "--no-enrich", str(tei))
    assert result.exit_code == 9
    assert "empty.xml: 1 of its 1 documents have no text (field: turns)" in result.stderr
    with Archive.open(tmp_path / "a.db") as archive:
        assert archive.list_documents().total == 0


_TEI_HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
    "<teiHeader><fileDesc><titleStmt><title>Briefing</title></titleStmt></fileDesc></teiHeader>\n"
)


def test_tei_that_fails_its_schema_is_named_with_its_reason_and_nothing_half_stored(
    tmp_path: Path, exported: tuple[Path, Path]
) -> None:
    """Well-formed TEI that the reader would read wrongly: a turn's paragraph as <p> (read as
    a turn with no text), a turn outside a div (read as nothing), one part of a corpus so
    broken. Each file is refused whole, named with the line and the schema's reason."""
    _, out = exported
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "paragraph.xml").write_text(
        _TEI_HEAD + "<text><body><div>\n"  # lines 1-3
        '<u who="#a"><seg>Good morning.</seg></u>\n'  # line 4
        '<u who="#b"><p>Hello.</p></u>\n'  # line 5: <p> where a <seg> must be
        "</div></body></text>\n</TEI>\n"
    )
    (bad / "loose.xml").write_text(
        _TEI_HEAD + "<text><body>\n"  # lines 1-3
        '<div><u who="#a"><seg>Good morning.</seg></u></div>\n'  # line 4
        '<u who="#b"><seg>Hello.</seg></u>\n'  # line 5: a turn outside any div
        "</body></text>\n</TEI>\n"
    )
    shutil.copytree(out / "tei", bad / "tei")
    part = sorted((bad / "tei").glob("onrecord.*.xml"))[0]
    text = part.read_text(encoding="utf-8")
    part.write_text(text.replace("<seg ", "<p ", 1).replace("</seg>", "</p>", 1), encoding="utf-8")
    shutil.copy(FIXTURES / "imports" / "interview.vtt", bad)
    db = tmp_path / "bad.db"
    result = cli("ingest", "--db", str(db), "--no-enrich", str(bad))
    assert result.exit_code == 9
    assert "inserted 1, updated 0, unchanged 0, failed 3, skipped 0" in result.stdout
    reason = "fails the TEI schema onrecord reads (schema/tei.rng)"
    stderr = result.stderr
    assert f"paragraph.xml:5: {reason}: Expecting element seg, got p" in stderr
    assert f"loose.xml:5: {reason}: a turn (u) in body, not in a div" in stderr
    assert f"{part.name}:" in stderr and f"{reason}: Expecting element seg, got p" in stderr
    with Archive.open(db) as archive:
        assert [d.id for d in archive.iter_documents()] == ["interview"]


def test_every_tei_export_passes_the_schema_it_is_read_with(
    exported: tuple[Path, Path],
) -> None:
    from lxml import etree

    from onrecord.imports.tei import _schema

    _, out = exported
    files = sorted((out / "tei").glob("*.xml"))
    assert len(files) == 13  # corpus.xml and the 12 transcripts
    for file in files:
        assert _schema().validate(etree.parse(str(file))), (file.name, _schema().error_log)
