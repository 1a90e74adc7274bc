"""One name module: ids, generic voices and permalinks mean the same everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord import identity as registry
from onrecord import names
from onrecord.archive import Archive
from onrecord.readers import read_documents

RUSSIAN_PAGE = (
    "Встреча с журналистами\n\n12 апреля 2017 года, 12:00, Московский Кремль\n\n"
    "В.Путин: Добрый день, коллеги.\n\nВопрос: Как дела?\n\nВ.Путин: Хорошо.\n"
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("В.Путин", "v-putin"),
        ("Владимир Путин", "vladimir-putin"),
        ("Café Müller", "cafe-muller"),
        ("Briefing 2024-07-08", "briefing-2024-07-08"),
        ("Γιώργος Παπανδρέου", "giorgos-papandreoy"),
        ("!!!", ""),
    ],
)
def test_one_slug_transliterates(name: str, expected: str) -> None:
    assert names.slug(name) == expected


def test_the_parser_and_the_archive_give_a_russian_label_one_id(tmp_path: Path) -> None:
    page = tmp_path / "vstrecha.txt"
    page.write_text(RUSSIAN_PAGE, encoding="utf-8")
    [document] = read_documents(page)
    assert [s.id for s in document.speakers if not s.generic] == ["v-putin"]
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([page], workers=1, enrich=False)
        assert [p.id for p in archive.speakers()] == ["v-putin"]
    assert registry.slug("В.Путин") == "v-putin"


@pytest.mark.parametrize(
    "label", ["Question", "Remark", "Reply", "Voice from the audience", "Вопрос", "Question 2"]
)
def test_generic_labels_are_one_list(label: str) -> None:
    assert names.is_generic_label(label)
    assert registry.is_generic(label)


@pytest.mark.parametrize(
    ("turn", "paragraph", "link"),
    [(12, 3, "54271#t12-p3"), (-1, 3, "54271#p3"), (0, 0, "54271#t0-p0")],
)
def test_permalinks_are_written_and_read_back(turn: int, paragraph: int, link: str) -> None:
    assert names.permalink("54271", turn, paragraph) == link
    assert names.parse_permalink(link) == ("54271", turn, paragraph)


def test_the_web_reader_and_search_write_the_same_permalink() -> None:
    from onrecord.search.engine import permalink
    from onrecord.web.reader import anchor, parse_anchor

    for turn, paragraph in ((12, 3), (-1, 1)):
        assert f"54271#{anchor(turn, paragraph)}" == permalink("54271", turn, paragraph)
        assert parse_anchor(anchor(turn, paragraph)) == (turn, paragraph)
    assert parse_anchor("t-1-p1") == (-1, 1)  # the web's earlier preamble anchor still reads
    assert names.parse_permalink("54271#x") == ("54271", None, None)


def test_cite_reads_a_paragraph_before_the_first_turn(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from onrecord.model import Document, Turn
    from onrecord.web import WebConfig, create_app

    document = Document(
        "77",
        "77.txt",
        "0" * 64,
        {"name": "saved-text", "version": "1"},
        title="News",
        date="2020-01-30",
        turns=[Turn(0, "Jane Doe", "jane-doe", ["Good morning."])],
        preamble=["The meeting began at noon.", "It was short."],
    )
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        archive.put_document(document)
    with TestClient(create_app(WebConfig(str(db)))) as client:
        for anchor in ("p1", "t-1-p1"):
            response = client.get("/api/v1/documents/77/cite", params={"p": anchor})
            assert response.status_code == 200, response.text
            assert response.json()["quote"] == "It was short."
            assert response.json()["permalink"].endswith("/documents/77#p1")


def test_the_package_exposes_the_library_entry_points() -> None:
    import onrecord
    from onrecord.archive import Archive as ArchiveClass

    assert sorted(onrecord.__all__) == [
        "Annotation",
        "Archive",
        "Document",
        "Note",
        "OnrecordError",
        "Speaker",
        "Turn",
        "__version__",
        "export",
        "parse_file",
        "read_documents",
    ]
    assert all(getattr(onrecord, name) is not None for name in onrecord.__all__)
    assert onrecord.Archive is ArchiveClass
    assert onrecord.read_documents is read_documents


def test_the_entry_points_parse_export_read_and_store_one_page(tmp_path: Path) -> None:
    """parse_file -> export -> read_documents -> Archive, each from `onrecord` itself; the
    export entry point is called before and after `onrecord.export` is imported by name."""
    import subprocess
    import sys

    import onrecord

    page = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin" / "54271.html"
    document = onrecord.parse_file(page)
    assert (document.id, len(document.turns)) == ("54271", 28)
    from onrecord import export

    manifest = export([document], "jsonl", tmp_path / "one.jsonl")
    assert manifest["documents"] == 1
    [again] = onrecord.read_documents(tmp_path / "one.jsonl")
    assert (again.id, [t.text for t in again.turns]) == ("54271", [t.text for t in document.turns])
    with onrecord.Archive.open(tmp_path / "a.db") as archive:
        assert archive.put_document(again) == "inserted"
        assert archive.get("54271").turns[27].speaker == "vladimir-putin"
    fresh = subprocess.run(  # a fresh process: `onrecord.export` looked up before any import
        [
            sys.executable,
            "-c",
            "import sys, onrecord; docs = onrecord.read_documents(sys.argv[1]);"
            " print(onrecord.export(docs, 'jsonl', sys.argv[2])['documents'])",
            str(tmp_path / "one.jsonl"),
            str(tmp_path / "two.jsonl"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert fresh.stdout == "1\n"
