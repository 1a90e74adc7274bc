"""The commands over a real archive holding the seed."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from onrecord.archive import Archive
from onrecord.cli import main
from onrecord.model import Annotation, Document, Speaker, Turn

from .conftest import DATA


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("enrich") / "onrecord.db"
    with Archive.open(path) as archive:
        archive.ingest([str(DATA / "seed.txt")], workers=1)
    return str(path)


@pytest.fixture(scope="module")
def doc_id(db: str) -> str:
    with Archive.open(db, create=False) as archive:
        return archive.list_documents().items[0].id


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_claims_json_lists_figures_and_inconsistencies(db: str, doc_id: str) -> None:
    report = json.loads(run(db, "claims", doc_id, "--format", "json"))
    figure = next(
        q for c in report["claims"] for q in c["quantities"] if q["text"] == "around 20,000"
    )
    assert {k: figure[k] for k in ("value", "unit", "approx", "about")} == {
        "value": 20000,
        "unit": None,
        "approx": "around",
        "about": "foreign militants in Syria",
    }
    assert isinstance(figure["start"], int) and isinstance(figure["end"], int)
    described = [i["description"] for i in report["inconsistencies"]]
    assert any("'nearly 10,000' vs 'around 9,000'" in d for d in described)


def test_claims_text_by_speaker_about_entity(db: str) -> None:
    out = run(db, "claims", "--speaker", "Putin", "--about", "Afghan border")
    assert "more than 1000 kilometres" in out
    assert "RESTATED" in out and "restated more precisely as '1,300 kilometres'" in out
    assert "INCONSISTENT" not in out  # a bound and a value inside it agree


def test_claims_needs_a_document_or_a_speaker(db: str) -> None:
    result = CliRunner().invoke(main, ["claims", "--db", db])
    assert result.exit_code == 14
    assert "--speaker" in result.output


def test_entities_links_aliases(db: str) -> None:
    report = json.loads(run(db, "entities", "--speaker", "--format", "json"))
    csto = next(e for e in report["entities"] if e["id"] == "csto")
    assert csto["mentions"] >= 20
    assert "Vladimir Putin" in csto["speakers"]


def test_mentions_by_alias(db: str) -> None:
    report = json.loads(
        run(db, "mentions", "the Collective Security Organisation", "--format", "json")
    )
    assert report["entity"]["id"] == "csto"
    assert report["timeline"] == {"2017": len(report["mentions"])}


def test_quote_found_and_not_found(db: str) -> None:
    assert "Yes, word for word" in run(db, "quote", "This is how NATO works.", "--speaker", "Putin")
    assert "no such statement" in run(db, "quote", "I love NATO")


def test_enrich_command_stores_annotations(db: str, doc_id: str) -> None:
    assert "enriched 1 documents" in run(db, "enrich")
    with Archive.open(db, create=False) as archive:
        kinds = {a.kind for a in archive.annotations(doc_id)}
    assert {"sentence", "entity", "quantity", "claim", "inconsistency"} <= kinds


def test_every_command_has_help() -> None:
    from onrecord.cli.enrich_cmd import commands

    for command in commands:
        assert command.help, command.name


def test_entities_are_counted_once_after_a_statistical_run(db: str) -> None:
    before = json.loads(run(db, "entities", "--format", "json"))["entities"]
    result = CliRunner().invoke(main, ["enrich", "--statistical", "--db", db])
    assert result.exit_code == 0, result.output  # spaCy and its model: the `nlp` extra
    after = json.loads(run(db, "entities", "--format", "json"))["entities"]
    csto = {e["id"]: e["mentions"] for e in before}["csto"]
    assert {e["id"]: e["mentions"] for e in after}["csto"] == csto


def _small_archive(location: str) -> None:
    """Two talks: 2017's names CSTO three times (and BRICS), 2013's once."""
    texts = {"a": ("2017-04-12", "The CSTO met. The CSTO agreed. BRICS and the CSTO."),
             "b": ("2013-03-22", "Ask the CSTO.")}  # fmt: skip
    ids = {"CSTO": "csto", "BRICS": "brics"}
    with Archive.open(location) as archive:
        for doc_id, (date, text) in texts.items():
            archive.put_document(
                Document(doc_id, f"{doc_id}.json", "", {"name": "test"}, date=date,
                         speakers=[Speaker("putin", "Vladimir Putin")],
                         turns=[Turn(0, "Vladimir Putin", "putin", [text])])
            )  # fmt: skip
            archive.put_annotations(
                doc_id,
                [Annotation("entity", "entities.v1", 0, m.start(), m.end(), m.group(),
                            {"id": ids[m.group()], "name": m.group(), "type": "org"})
                 for m in re.finditer("CSTO|BRICS", text)],
            )  # fmt: skip


def test_whole_archive_entities_and_mentions_read_the_index(location: str) -> None:
    _small_archive(location)
    listed = json.loads(run(location, "entities", "--format", "json"))["entities"]
    assert [(e["id"], e["mentions"], e["documents"]) for e in listed] == [
        ("csto", 4, 2),
        ("brics", 1, 1),
    ]
    report = json.loads(run(location, "mentions", "CSTO", "--format", "json"))
    assert (report["entity"]["id"], report["total"]) == ("csto", 4)
    assert report["timeline"] == {"2013": 1, "2017": 3}
    assert report["co_mentions"][0]["entity"] == "brics"
    first = report["mentions"][0]
    assert (first["doc_id"], first["speaker"], first["context"]) == (
        "b",
        "Vladimir Putin",
        "Ask the CSTO.",
    )
    assert [m["start"] for m in report["mentions"]] == [8, 4, 18, 45]
