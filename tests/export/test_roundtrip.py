"""Round trips: export -> import -> export changes nothing (json, jsonl, through an archive
too); TEI and ConvoKit re-imported keep speakers, turns and text (ConvoKit: everything)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.archive import Archive
from onrecord.export import export
from onrecord.imports import read
from onrecord.model import Document, Note, Speaker, Turn

ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_"
# Text XML 1.0 can carry (TEI), with whitespace that must survive: newlines, tabs, CR.
xml_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\n\t\r "),
    max_size=30,
)
ids = st.text(ID_CHARS, min_size=1, max_size=8)
names = xml_text.filter(lambda s: s.strip() != "")
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def documents(draw: st.DrawFn, doc_id: str, pool: dict[str, tuple[str, bool]]) -> Document:
    turns: list[Turn] = []
    notes: list[Note] = []
    for index in range(draw(st.integers(0, 4))):
        speaker = draw(st.sampled_from(["", *sorted(pool)]))
        paragraphs = draw(st.lists(xml_text, min_size=1, max_size=3))
        turns.append(Turn(index, draw(xml_text), speaker, paragraphs))
        paragraph = paragraphs[0]
        if len(paragraph) >= 2 and draw(st.booleans()):
            start = draw(st.integers(0, len(paragraph) - 1))
            end = draw(st.integers(start + 1, len(paragraph)))
            notes.append(Note("stage", paragraph[start:end], index, 0, start, end))
    used = list(dict.fromkeys(t.speaker for t in turns if t.speaker))
    speakers = [
        Speaker(s, pool[s][0], labels=list(dict.fromkeys(t.label for t in turns if t.speaker == s)))
        for s in used
    ]
    for speaker in speakers:
        speaker.generic = pool[speaker.id][1]
        speaker.labels = [label for label in speaker.labels if label]
    return Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        sha256=draw(st.text("0123456789abcdef", min_size=64, max_size=64)),
        parser={"name": "saved-text", "version": "1"},
        title=draw(xml_text),
        date=draw(st.sampled_from(["", "2017-04-12", "1999-12-31"])),
        place=draw(xml_text),
        lead=draw(xml_text),
        speakers=speakers,
        turns=turns,
        preamble=draw(st.lists(xml_text, max_size=2)),
        notes=notes,
    )


@st.composite
def corpora(draw: st.DrawFn) -> list[Document]:
    pool = draw(st.dictionaries(ids, st.tuples(names, st.booleans()), min_size=1, max_size=4))
    doc_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    return [draw(documents(doc_id, pool)) for doc_id in doc_ids]


def _essentials(document: Document) -> tuple:
    speakers = [(s.id, s.name, s.generic) for s in document.speakers]
    turns = [(t.index, t.label, t.speaker, t.paragraphs) for t in document.turns]
    notes = sorted(repr(n) for n in document.notes)
    return (document.id, document.title, speakers, turns, document.preamble, notes)


@given(corpora(), st.sampled_from(["json", "jsonl"]))
@SETTINGS
def test_json_export_import_export_is_identical(docs: list[Document], fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / f"1.{fmt}", Path(tmp) / f"2.{fmt}"
        export(docs, fmt, first)
        back = read(first)
        export(back, fmt, second)
        assert second.read_bytes() == first.read_bytes()
        assert [d.to_dict() for d in back] == [d.to_dict() for d in docs]


@given(corpora())
@settings(max_examples=10, deadline=None)
def test_archive_export_ingest_export_is_identical(docs: list[Document]) -> None:
    """ingest -> export json -> ingest into a new database -> export again: identical."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        first = _through_archive(docs, tmp_path / "a.db", tmp_path / "1.jsonl")
        second = _through_archive(read(first), tmp_path / "b.db", tmp_path / "2.jsonl")
        assert second.read_bytes() == first.read_bytes()


def _through_archive(docs: list[Document], db: Path, out: Path) -> Path:
    with Archive.open(db) as archive:
        for document in docs:
            archive.put_document(document)
        export(archive.iter_documents(), "jsonl", out)
    return out


@given(corpora())
@SETTINGS
def test_tei_reimport_keeps_speakers_turns_text(docs: list[Document]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        export(docs, "tei", Path(tmp) / "tei")
        back = read(Path(tmp) / "tei")
    assert [_essentials(d) for d in back] == [_essentials(d) for d in docs]


@given(corpora())
@SETTINGS
def test_convokit_reimport_keeps_everything(docs: list[Document]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        export(docs, "convokit", Path(tmp) / "ck")
        back = read(Path(tmp) / "ck")
    assert [d.to_dict() for d in back] == [d.to_dict() for d in docs]


def test_kremlin_fixtures_survive_tei_and_convokit(
    kremlin_documents: list[Document], tmp_path: Path
) -> None:
    export(kremlin_documents, "tei", tmp_path / "tei")
    export(kremlin_documents, "convokit", tmp_path / "ck")
    tei_back, ck_back = read(tmp_path / "tei"), read(tmp_path / "ck")
    assert [_essentials(d) for d in tei_back] == [_essentials(d) for d in kremlin_documents]
    assert [d.to_dict() for d in ck_back] == [d.to_dict() for d in kremlin_documents]
