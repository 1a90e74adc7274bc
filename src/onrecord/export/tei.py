"""TEI export: a directory with one `TEI` file per document and a `teiCorpus` root.

    OUT/corpus.xml      teiCorpus: the corpus header (taxonomy of speaker types, listPerson
                        with each person's roles and the dates they held them) and an
                        xi:include of every document file, as ParlaMint's root files do
    OUT/ID.xml          one TEI per document (see tei_document)

Documents are written as they stream past; people are collected on the way and the
root is written last. `corpus.xml` with its XIncludes resolved is one valid teiCorpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from onrecord.export.base import ExportOptions, ExportResult, tracked
from onrecord.export.people import PeopleIndex, Person
from onrecord.export.tei_document import (
    availability_of,
    document_tei,
    document_xml_id,
    indent,
    person_xml_id,
    sub,
    tei,
)
from onrecord.imports.formats import (
    GENERIC_ANA,
    IDNO_TYPE,
    REGULAR_ANA,
    TEI_CORPUS_FILE,
    TEI_NS,
    XI_NS,
    XML_ID,
    XML_LANG,
)
from onrecord.model import Document

SPEAKER_TYPES = {
    "regular": "A person speaking under their own name",
    "generic": "An anonymous voice such as Question or Remark",
}


def serialize(element: etree._Element) -> bytes:
    indent(element)
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8") + b"\n"


def unique_xml_id(document_id: str, taken: set[str]) -> str:
    """The document's xml:id (and file name stem), made unique when two ids sanitise alike."""
    base = document_xml_id(document_id)
    xml_id, n = base, 2
    while xml_id.casefold() in taken:  # casefold: file names on case-insensitive disks
        xml_id, n = f"{base}-{n}", n + 1
    taken.add(xml_id.casefold())
    return xml_id


def corpus_tei(
    people: list[Person], files: list[str], attributions: Iterable[str]
) -> etree._Element:
    root = etree.Element(tei("teiCorpus"), nsmap={None: TEI_NS, "xi": XI_NS})
    root.set(XML_ID, "onrecord.corpus")
    root.set(XML_LANG, "en")
    header = sub(root, "teiHeader")
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", "onrecord export", type="main")
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", "onrecord")
    availability_of(publication, attributions)
    sub(sub(sub(file_desc, "sourceDesc"), "bibl"), "title", "Transcripts exported by onrecord")
    _taxonomy(sub(sub(header, "encodingDesc"), "classDecl"))
    list_person = sub(sub(sub(header, "profileDesc"), "particDesc"), "listPerson")
    for person in people:
        _person(list_person, person)
    for name in files:
        etree.SubElement(root, f"{{{XI_NS}}}include", href=name)
    return root


def _taxonomy(class_decl: etree._Element) -> None:
    taxonomy = sub(class_decl, "taxonomy")
    taxonomy.set(XML_ID, "speaker_types")
    sub(taxonomy, "desc", "Types of speakers")
    for key, gloss in SPEAKER_TYPES.items():
        category = sub(taxonomy, "category")
        category.set(XML_ID, key)
        sub(category, "catDesc", gloss)


def _person(list_person: etree._Element, person: Person) -> None:
    element = sub(list_person, "person", ana=GENERIC_ANA if person.generic else REGULAR_ANA)
    element.set(XML_ID, person_xml_id(person.id))
    sub(element, "persName", person.name or person.id)
    for span in person.roles:
        sub(element, "affiliation", span.role, **{"from": span.first, "to": span.last})
    sub(element, "idno", person.id, type=IDNO_TYPE)


class TeiExporter:
    name = "tei"
    version = "tei.v1"
    target = "directory"

    def write(
        self, documents: Iterable[Document], out: Path, options: ExportOptions
    ) -> ExportResult:
        out.mkdir(parents=True, exist_ok=True)
        result = ExportResult()
        people = PeopleIndex(options.people)
        names: list[str] = []
        taken: set[str] = set()
        for document in tracked(documents, result):
            people.observe(document)
            xml_id = unique_xml_id(document.id, taken)
            (out / f"{xml_id}.xml").write_bytes(serialize(document_tei(document, xml_id)))
            names.append(f"{xml_id}.xml")
        root = corpus_tei(people.people(), names, result.attributions)
        (out / TEI_CORPUS_FILE).write_bytes(serialize(root))
        result.files = [Path(TEI_CORPUS_FILE), *(Path(n) for n in names)]
        return result
