"""TEI export: Parla-CLARIN valid (jing, schema from ../shared), ParlaMint-shaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from onrecord.export import DatedRole, ExportOptions, Person, export
from onrecord.export.attribution import KREMLIN_ATTRIBUTION
from onrecord.model import Document

from .conftest import jing_validate, make_document

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture
def tei_dir(tmp_path: Path) -> Path:
    second = make_document("1002")
    second.date = "2019-01-01"
    export([make_document(), second], "tei", tmp_path / "tei")
    return tmp_path / "tei"


def _expanded_corpus(tei_dir: Path, into: Path) -> Path:
    tree = etree.parse(str(tei_dir / "corpus.xml"))
    tree.xinclude()
    into.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    return into


def test_layout_is_a_corpus_root_and_one_file_per_document(tei_dir: Path) -> None:
    names = sorted(p.name for p in tei_dir.iterdir())
    assert names == ["corpus.xml", "manifest.json", "onrecord.1001.xml", "onrecord.1002.xml"]


def test_documents_and_expanded_corpus_are_valid_parla_clarin(
    tei_dir: Path, tmp_path: Path
) -> None:
    expanded = _expanded_corpus(tei_dir, tmp_path / "expanded.xml")
    documents = sorted(tei_dir.glob("onrecord.*.xml"))
    result = jing_validate(expanded, *documents)
    assert result.returncode == 0, result.stdout + result.stderr


def test_kremlin_fixtures_export_valid_parla_clarin(
    kremlin_documents: list[Document], tmp_path: Path
) -> None:
    export(kremlin_documents, "tei", tmp_path / "tei")
    expanded = _expanded_corpus(tmp_path / "tei", tmp_path / "expanded.xml")
    result = jing_validate(expanded, *sorted((tmp_path / "tei").glob("onrecord.*.xml")))
    assert result.returncode == 0, result.stdout[:3000]


def test_utterances_carry_who_ana_id_and_seg_paragraphs(tei_dir: Path) -> None:
    root = etree.parse(str(tei_dir / "onrecord.1001.xml")).getroot()
    us = root.findall(".//tei:u", NS)
    assert [u.get("who") for u in us] == ["#jane-doe", "#vladimir-putin", "#question"]
    assert [u.get("ana") for u in us] == ["#regular", "#regular", "#generic"]
    assert us[1].get(XML_ID) == "onrecord.1001.u1"
    segs = us[1].findall("tei:seg", NS)
    assert ["".join(s.itertext()) for s in segs] == ["# Not a heading.", "Yes (Laughter.) and no."]
    stage = segs[1].find("tei:note", NS)
    assert (stage.get("type"), stage.text, stage.tail) == ("stage", "(Laughter.)", " and no.")


def test_speaker_label_and_lead_are_notes_before_the_utterance(tei_dir: Path) -> None:
    root = etree.parse(str(tei_dir / "onrecord.1001.xml")).getroot()
    div = root.find(".//tei:body/tei:div", NS)
    kinds = [(e.tag.split("}")[1], e.get("type")) for e in div][:5]
    assert kinds == [
        ("head", None),
        ("note", "lead"),
        ("note", "preamble"),
        ("note", "speaker"),
        ("u", None),
    ]


def test_header_keeps_id_source_date_place_and_attribution(tei_dir: Path) -> None:
    root = etree.parse(str(tei_dir / "onrecord.1001.xml")).getroot()
    header = root.find("tei:teiHeader", NS)
    assert header.findtext(".//tei:publicationStmt/tei:idno", namespaces=NS) == "1001"
    assert header.find(".//tei:sourceDesc/tei:bibl/tei:date", NS).get("when") == "2017-04-12"
    assert header.findtext(".//tei:setting/tei:name", namespaces=NS) == "The Kremlin, Moscow"
    assert header.findtext(".//tei:availability/tei:p", namespaces=NS) == KREMLIN_ATTRIBUTION


def test_list_person_has_roles_with_first_and_last_dates(tei_dir: Path) -> None:
    root = etree.parse(str(tei_dir / "corpus.xml")).getroot()
    people = {p.get(XML_ID): p for p in root.iterfind(".//tei:listPerson/tei:person", NS)}
    assert sorted(people) == ["jane-doe", "question", "vladimir-putin"]
    role = people["vladimir-putin"].find("tei:affiliation", NS)
    assert (role.text, role.get("from"), role.get("to")) == (
        "President of Russia",
        "2017-04-12",
        "2019-01-01",
    )
    assert people["question"].get("ana") == "#generic"


def test_corpus_level_people_override_what_documents_say(tmp_path: Path) -> None:
    known = {"vladimir-putin": Person("vladimir-putin", "V. Putin", [DatedRole("PM", "2008", "")])}
    export([make_document()], "tei", tmp_path / "tei", ExportOptions(people=known))
    root = etree.parse(str(tmp_path / "tei" / "corpus.xml")).getroot()
    names = root.xpath(".//tei:person/tei:persName/text()", namespaces=NS)
    assert "V. Putin" in names


def test_odd_ids_become_valid_xml_ids(tmp_path: Path) -> None:
    document = make_document("doc 1/2")
    document.speakers[0].id = "1 jane"
    document.turns[0].speaker = "1 jane"
    document.turns[0].paragraphs = ["bell \x07 rings"]
    document.title = ""
    export([document], "tei", tmp_path / "tei")
    result = jing_validate(*sorted((tmp_path / "tei").glob("onrecord.*.xml")))
    assert result.returncode == 0, result.stdout
