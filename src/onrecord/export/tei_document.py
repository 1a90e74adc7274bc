"""One document as a Parla-CLARIN / ParlaMint-style `TEI` element.

    <TEI xml:id="onrecord.54271">   teiHeader: title, idno (the onrecord id), source (url,
                                    date), setting (place, date), licence/attribution
      <text><body><div type="debateSection">
        <head>title</head>  <note type="lead">  <note type="preamble"> per preamble paragraph
        <note type="speaker">label as written</note>
        <u xml:id="….u3" who="#person-id" ana="#regular|#generic">
          <seg xml:id="….u3.p0">text, with <note type="stage">(Laughter.)</note> inline</seg>

Editorial notes (`Document.notes`) stay inline where they stand, so the text of a `seg`
(all its descendants' text) is the paragraph exactly. Overlapping notes keep only the
first, since XML cannot nest them across each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from onrecord import __version__
from onrecord.export.attribution import KREMLIN_LICENCE, attribution
from onrecord.imports.formats import (
    GENERIC_ANA,
    IDNO_TYPE,
    NOTE_LEAD,
    NOTE_PREAMBLE,
    NOTE_SPEAKER,
    REGULAR_ANA,
    TEI_NS,
    XML_ID,
    XML_LANG,
)
from onrecord.model import Document, Note, Turn

ID_PREFIX = "onrecord."  # document ids are often numbers, and an xml:id cannot start with one
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_NOT_NAME_CHAR = re.compile(r"[^\w.\-]")
# Characters XML 1.0 cannot carry at all; replaced so one stray byte does not sink an export.
_NOT_XML_CHAR = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def person_xml_id(speaker_id: str) -> str:
    """A speaker id as an xml:id: kept when it already is a valid name."""
    if _NCNAME.match(speaker_id):
        return speaker_id
    return "p." + _NOT_NAME_CHAR.sub("_", speaker_id)


def document_xml_id(document_id: str) -> str:
    return ID_PREFIX + _NOT_NAME_CHAR.sub("_", document_id)


def xml_text(text: str) -> str:
    return _NOT_XML_CHAR.sub("\ufffd", text)


def sub(parent: etree._Element, tag: str, text: str = "", **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tei(tag), {k: v for k, v in attrib.items() if v})
    if text:
        element.text = xml_text(text)
    return element


def document_tei(document: Document, xml_id: str | None = None) -> etree._Element:
    """The TEI of one document; `xml_id` (default from its id) must be unique in the corpus."""
    xml_id = xml_id or document_xml_id(document.id)
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(XML_ID, xml_id)
    root.set(XML_LANG, document.language or "en")
    root.append(_header(document))
    body = sub(sub(root, "text"), "body")
    _fill_div(sub(body, "div", type="debateSection"), document, xml_id)
    return root


def _header(document: Document) -> etree._Element:
    header = etree.Element(tei("teiHeader"))
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", document.title, type="main")  # may be empty
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", "onrecord")
    sub(publication, "idno", document.id, type=IDNO_TYPE)
    availability_of(publication, [line] if (line := attribution(document)) else [])
    bibl = sub(sub(file_desc, "sourceDesc"), "bibl")
    sub(bibl, "title", document.title or document.id)
    if document.url:
        sub(bibl, "idno", document.url, type="URI")
    if document.date:
        sub(bibl, "date", document.date, when=document.date)
    _encoding_desc(header, document)
    _profile_desc(header, document)
    return header


def availability_of(parent: etree._Element, attributions: Iterable[str]) -> None:
    lines = sorted(set(attributions))
    availability = sub(parent, "availability", status="free" if lines else "unknown")
    if lines:
        sub(availability, "licence", KREMLIN_LICENCE)
    for line in lines:
        sub(availability, "p", line)
    if not lines:
        sub(availability, "p", "Licence of the source material not recorded.")


def _encoding_desc(header: etree._Element, document: Document) -> None:
    app_info = sub(sub(header, "encodingDesc"), "appInfo")
    app = sub(app_info, "application", ident="onrecord", version=__version__)
    sub(app, "label", "onrecord")
    name = document.parser.get("name", "")
    if name:
        parser = sub(app_info, "application", ident=_NOT_NAME_CHAR.sub("_", name))
        parser.set("version", _version_token(document.parser.get("version", "")))
        sub(parser, "label", name)


def _version_token(version: str) -> str:
    """TEI's @version wants digits and dots (`1.2.3`); a `v1` style name keeps its digits."""
    digits = ".".join(re.findall(r"\d+", version))
    return digits or "0"


def _profile_desc(header: etree._Element, document: Document) -> None:
    if not (document.place or document.date):
        return
    setting = sub(sub(sub(header, "profileDesc"), "settingDesc"), "setting")
    if document.place:
        sub(setting, "name", document.place, type="place")
    if document.date:
        sub(setting, "date", document.date, when=document.date)


def _fill_div(div: etree._Element, document: Document, doc_id: str) -> None:
    sub(div, "head", document.title or document.id)
    if document.lead:
        sub(div, "note", document.lead, type=NOTE_LEAD)
    notes = _notes_by_place(document.notes)
    for n, paragraph in enumerate(document.preamble):
        note = sub(div, "note", type=NOTE_PREAMBLE)
        _mixed(note, paragraph, notes.get((None, n), []))
    for turn in document.turns:
        _turn(div, document, turn, doc_id, notes)


def _turn(
    div: etree._Element,
    document: Document,
    turn: Turn,
    doc_id: str,
    notes: dict[tuple[int | None, int], list[Note]],
) -> None:
    if turn.label:  # notes at paragraph -1 are inside the label, e.g. "(retranslated)"
        _mixed(sub(div, "note", type=NOTE_SPEAKER), turn.label, notes.get((turn.index, -1), []))
    speaker = document.speaker(turn.speaker)
    u_id = f"{doc_id}.u{turn.index}"
    u = sub(div, "u", who=f"#{person_xml_id(turn.speaker)}" if turn.speaker else "")
    u.set(XML_ID, u_id)
    u.set("ana", GENERIC_ANA if speaker is not None and speaker.generic else REGULAR_ANA)
    for n, paragraph in enumerate(turn.paragraphs):
        seg = sub(u, "seg")
        seg.set(XML_ID, f"{u_id}.p{n}")
        _mixed(seg, paragraph, notes.get((turn.index, n), []))


def _notes_by_place(notes: list[Note]) -> dict[tuple[int | None, int], list[Note]]:
    places: dict[tuple[int | None, int], list[Note]] = {}
    for note in notes:
        places.setdefault((note.turn, note.paragraph), []).append(note)
    return places


def _mixed(element: etree._Element, text: str, notes: list[Note]) -> None:
    """`text` into `element`, with each note's span wrapped in an inline <note>."""
    cursor = 0
    last: etree._Element | None = None
    for note in sorted(notes, key=lambda n: (n.start, n.end)):
        if note.start < cursor or note.end > len(text) or note.start >= note.end:
            continue
        _append_text(element, last, text[cursor : note.start])
        last = sub(element, "note", text[note.start : note.end], type=note.kind)
        cursor = note.end
    _append_text(element, last, text[cursor:])


def _append_text(element: etree._Element, last: etree._Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        element.text = (element.text or "") + xml_text(text)
    else:
        last.tail = (last.tail or "") + xml_text(text)


# Elements whose content is text (mixed content): indentation inside them would change the text.
_TEXT_TAGS = "seg note p head title persName affiliation label idno date name licence catDesc desc"
_TEXT_ELEMENTS = frozenset(tei(tag) for tag in _TEXT_TAGS.split())
INDENT = "  "


def indent(element: etree._Element, level: int = 0) -> None:
    """Pretty-print structure only: whitespace between elements, never inside text elements."""
    if element.tag in _TEXT_ELEMENTS or len(element) == 0:
        return
    element.text = "\n" + INDENT * (level + 1)
    for child in element:
        indent(child, level + 1)
        child.tail = "\n" + INDENT * (level + 1)
    element[-1].tail = "\n" + INDENT * level
