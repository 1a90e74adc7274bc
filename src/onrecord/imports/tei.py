"""TEI (Parla-CLARIN / ParlaMint style, as onrecord's exporter writes it) -> documents.

A directory with `corpus.xml` (a teiCorpus whose listPerson names the people and whose
xi:include elements, or inline TEI children, are the documents), a teiCorpus file, or
one TEI file, checked first against the TEI that onrecord reads (`schema/tei.rng`): a
file the reader would read wrongly is refused whole, with the schema's reason and line.
Each `u` is a turn (`who` -> speaker, `seg` -> paragraphs), the
`note type="speaker"` before it its label; inline notes in a `seg` become Notes with
character offsets; `note type="lead"` / `"preamble"` are the lead and preamble.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.errors import InputError, SchemaError
from onrecord.imports.base import FileReader, head, parser_info, start_of
from onrecord.imports.formats import (
    GENERIC_ANA,
    IDNO_TYPE,
    NOTE_LEAD,
    NOTE_PREAMBLE,
    NOTE_SPEAKER,
    TEI_CORPUS_FILE,
    TEI_NS,
    XI_NS,
    XML_ID,
    XML_LANG,
)
from onrecord.model import Document, Note, Speaker, Turn

if TYPE_CHECKING:
    from lxml import etree

NS = {"tei": TEI_NS, "xi": XI_NS}


@functools.cache
def _xml() -> tuple[Any, Any]:
    """lxml's etree and the parser TEI is read with, loaded when a TEI file is read (a
    command that only searches need not load lxml)."""
    from lxml import etree

    return etree, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@functools.cache
def _schema() -> Any:
    """The RelaxNG schema of the TEI onrecord reads, shipped beside the record's schema."""
    from importlib.resources import files

    etree, parser = _xml()
    text = files("onrecord.schema").joinpath("tei.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(text, parser))


def _check(root: etree._Element, source: str) -> None:
    """SchemaError naming the file, the line and the first thing the schema refuses. A turn
    outside a div is told as such (RelaxNG would blame the element around it)."""
    for u in root.iter(tei("u")):
        parent = u.getparent()
        if parent is not None and parent.tag != tei("div"):
            where = _local(parent.tag)
            raise SchemaError(
                f"fails the TEI schema onrecord reads (schema/tei.rng): a turn (u) in {where},"
                " not in a div",
                source=f"{source}:{u.sourceline}",
            )
    schema = _schema()
    if schema.validate(root):
        return
    first = schema.error_log[0]
    raise SchemaError(
        f"fails the TEI schema onrecord reads (schema/tei.rng): {first.message}",
        source=f"{source}:{first.line}",
    )


def _from_string(data: bytes, source: str) -> etree._Element:
    etree, parser = _xml()
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise InputError(
            f"not well-formed XML: {err.msg}", source=f"{source}:{err.lineno or 0}"
        ) from err


@dataclass
class PersonEntry:
    id: str
    name: str
    roles: list[str] = field(default_factory=list)
    generic: bool = False


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _local(tag: str) -> str:
    """`{namespace}name` -> `name`."""
    return tag.rpartition("}")[2]


class TeiReader(FileReader):
    """A TEI corpus folder (`read`), or one TEI / teiCorpus file from bytes (`parse`: its
    xi:include parts are read beside the file named `source`)."""

    name = "tei"
    suffixes: tuple[str, ...] = (".xml",)
    version = "1"

    def sniff(self, path: Path) -> bool:
        if path.is_dir():
            return (path / TEI_CORPUS_FILE).is_file()
        return path.is_file() and self.sniff_bytes(head(path), path.name)

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        start = start_of(data)
        return TEI_NS.encode() in start and (b"<TEI" in start or b"<teiCorpus" in start)

    def read(self, path: Path) -> list[Document]:
        file = path / TEI_CORPUS_FILE if path.is_dir() else path
        return self._read(*_parse(file), file)

    def parse(self, data: bytes, source: str) -> list[Document]:
        return self._read(_from_string(data, source), data, Path(source))

    def _read(self, root: etree._Element, data: bytes, file: Path) -> list[Document]:
        if root.tag not in (tei("TEI"), tei("teiCorpus")):
            raise InputError(
                f"root element is {root.tag}, not TEI or teiCorpus (field: root)", source=str(file)
            )
        _check(root, str(file))
        if root.tag == tei("TEI"):
            return [self._document(root, file, data, {})]
        people = _people(root)
        documents = []
        for child in root:
            if child.tag == f"{{{XI_NS}}}include":
                part = file.parent / child.get("href", "")
                part_root, part_data = _parse(part)
                if part_root.tag != tei("TEI"):
                    raise InputError(
                        f"root element is {part_root.tag}, not TEI (field: root)", source=str(part)
                    )
                _check(part_root, str(part))
                documents.append(self._document(part_root, part, part_data, people))
            elif child.tag == tei("TEI"):
                documents.append(self._document(child, file, data, people))
        return documents

    def _document(
        self, root: etree._Element, file: Path, data: bytes, people: dict[str, PersonEntry]
    ) -> Document:
        document = Document(
            id=_document_id(root),
            source=str(file),
            sha256=hashlib.sha256(data).hexdigest(),
            parser=parser_info(self),
            language=root.get(XML_LANG) or "en",
        )
        _header_fields(root, document)
        _body(root, document)
        document.speakers = _speakers(document, people)
        return document


def _parse(file: Path) -> tuple[etree._Element, bytes]:
    try:
        data = file.read_bytes()
    except OSError as err:
        raise InputError(
            f"cannot read TEI file: {err.strerror} (field: href)", source=str(file)
        ) from err
    return _from_string(data, str(file)), data


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _document_id(root: etree._Element) -> str:
    idno = root.find(
        f"tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type='{IDNO_TYPE}']", NS
    )
    if idno is not None and idno.text:
        return idno.text
    return (root.get(XML_ID) or "").removeprefix("onrecord.")


def _header_fields(root: etree._Element, document: Document) -> None:
    file_desc = "tei:teiHeader/tei:fileDesc"
    document.title = _text(root.find(f"{file_desc}/tei:titleStmt/tei:title", NS))
    bibl = root.find(f"{file_desc}/tei:sourceDesc/tei:bibl", NS)
    if bibl is not None:
        document.url = _text(bibl.find("tei:idno[@type='URI']", NS))
        date = bibl.find("tei:date", NS)
        document.date = date.get("when", "") if date is not None else ""
    setting = root.find("tei:teiHeader/tei:profileDesc/tei:settingDesc/tei:setting", NS)
    if setting is not None:
        document.place = _text(setting.find("tei:name", NS))


def _body(root: etree._Element, document: Document) -> None:
    label: etree._Element | None = None
    for div in root.iterfind("tei:text/tei:body/tei:div", NS):
        for element in div:
            kind = element.get("type")
            if element.tag == tei("note") and kind == NOTE_LEAD:
                document.lead = _text(element)
            elif element.tag == tei("note") and kind == NOTE_PREAMBLE:
                _paragraph(element, None, len(document.preamble), document, document.preamble)
            elif element.tag == tei("note") and kind == NOTE_SPEAKER:
                label = element
            elif element.tag == tei("u"):
                document.turns.append(_turn(element, label, len(document.turns), document))
                label = None


def _turn(
    u: etree._Element, label: etree._Element | None, position: int, document: Document
) -> Turn:
    index = _index_of(u.get(XML_ID, ""), position)
    written: list[str] = []
    if label is not None:  # notes inside the label are at paragraph -1
        _paragraph(label, index, -1, document, written)
    turn = Turn(index, "".join(written), (u.get("who") or "").removeprefix("#"), [])
    for seg in u.iterfind("tei:seg", NS):
        _paragraph(seg, index, len(turn.paragraphs), document, turn.paragraphs)
    return turn


def _index_of(xml_id: str, position: int) -> int:
    """`onrecord.54271.u12` -> 12: the turn index the exporter wrote; else the position."""
    tail = xml_id.rpartition(".u")[2]
    return int(tail) if tail.isdigit() else position


def _paragraph(
    element: etree._Element, turn: int | None, n: int, document: Document, into: list[str]
) -> None:
    """The element's text into `into`; its inline <note>s into `document.notes` with offsets."""
    parts = [element.text or ""]
    for child in element:
        offset = sum(map(len, parts))
        text = _text(child)
        if child.tag == tei("note"):
            kind = child.get("type") or "note"
            document.notes.append(Note(kind, text, turn, n, offset, offset + len(text)))
        parts += [text, child.tail or ""]
    into.append("".join(parts))


def _people(corpus: etree._Element) -> dict[str, PersonEntry]:
    people: dict[str, PersonEntry] = {}
    for person in corpus.iterfind(".//tei:particDesc/tei:listPerson/tei:person", NS):
        xml_id = person.get(XML_ID, "")
        idno = person.find(f"tei:idno[@type='{IDNO_TYPE}']", NS)
        entry = PersonEntry(
            id=idno.text if idno is not None and idno.text else xml_id,
            name=_text(person.find("tei:persName", NS)),
            roles=[_text(a) for a in person.iterfind("tei:affiliation", NS) if _text(a)],
            generic=person.get("ana") == GENERIC_ANA,
        )
        people[xml_id] = entry
    return people


def _speakers(document: Document, people: dict[str, PersonEntry]) -> list[Speaker]:
    """The people the turns refer to; `who` is mapped back to the original speaker id."""
    found: dict[str, Speaker] = {}
    for turn in document.turns:
        if not turn.speaker:
            continue
        entry = people.get(turn.speaker) or PersonEntry(turn.speaker, turn.speaker)
        turn.speaker = entry.id
        speaker = found.setdefault(
            entry.id, Speaker(entry.id, entry.name, list(entry.roles), [], entry.generic)
        )
        if turn.label and turn.label not in speaker.labels:
            speaker.labels.append(turn.label)
    return list(found.values())
