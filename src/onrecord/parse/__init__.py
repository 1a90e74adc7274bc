"""Raw transcript → Document. One reader per source format; `parse_bytes` picks one.

parse_file(path) -> Document            a saved page (text or HTML)
parse_bytes(data, source) -> Document   the same from bytes in memory
parse_text(text, source) -> Document    already decoded text
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from onrecord.errors import InputError, NoStructureError
from onrecord.model import Document
from onrecord.parse import html_text, kremlin_html, markdown, saved_text
from onrecord.parse.cleanup import front_matter
from onrecord.parse.label_lines import bold_labels_marked
from onrecord.parse.page import Block, Page
from onrecord.parse.segment import build_document
from onrecord.sources import RawInput, decode, read_path
from onrecord.sources.docx import docx_html, is_docx
from onrecord.sources.limits import check_html_depth
from onrecord.sources.mhtml import is_mhtml, mhtml_page
from onrecord.sources.pdf import is_pdf, pdf_text
from onrecord.sources.rtf import is_rtf, rtf_text
from onrecord.sources.webarchive import is_webarchive, webarchive_page

__all__ = ["looks_like_html", "parse_bytes", "parse_file", "parse_raw", "parse_text"]

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body|meta|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)


def parse_file(path: str | os.PathLike[str], reader: str | None = None) -> Document:
    return parse_raw(read_path(path), reader)


def parse_bytes(data: bytes, source: str, reader: str | None = None) -> Document:
    return parse_raw(RawInput(source, data), reader)


def parse_raw(raw: RawInput, reader: str | None = None) -> Document:
    """Parse with the named reader (`READERS`), or with the one that fits the input."""
    found = _text_of(raw)
    name = reader or _default_reader(raw, found)
    if name not in READERS:
        raise InputError(f"no reader named {name!r} (readers: {', '.join(READERS)})")
    page = READERS[name](found, raw.source)
    if name == kremlin_html.NAME and not page.blocks and reader is None:
        name, page = html_text.NAME, _read_any_html(found, raw.source)
    page.warnings[:0] = found.warnings
    page.url = page.url or found.url
    version = f"{VERSIONS[name]}+{found.extractor}" if found.extractor else VERSIONS[name]
    document = build_document(page, raw, {"name": name, "version": version})
    _check_structure(document, raw)
    return document


@dataclass
class Extracted:
    """What a reader reads: the input's text, and its UTF-8 bytes where the input is those
    bytes as they are (the HTML parser takes bytes a third faster than a str)."""

    text: str
    warnings: list[str] = field(default_factory=list)
    extractor: str = ""  # what took the text out of a container: a PDF text tool, mhtml, docx
    url: str = ""  # where a page saved as one file was saved from
    utf8: bytes | None = None

    def html_bytes(self) -> bytes:
        return self.utf8 if self.utf8 is not None else self.text.encode("utf-8", "surrogatepass")


def _text_of(raw: RawInput) -> Extracted:
    if is_pdf(raw.data):
        text, extractor = pdf_text(raw)
        return Extracted(text, extractor=extractor)
    if is_docx(raw.data):
        return Extracted(docx_html(raw), extractor=DOCX)
    if is_rtf(raw.data):
        return Extracted(rtf_text(raw), extractor=RTF)
    if is_mhtml(raw.data):
        return _saved_page(*mhtml_page(raw), MHTML)
    if is_webarchive(raw.data):
        return _saved_page(*webarchive_page(raw), WEB)
    text, warnings = decode(raw)
    plain = not warnings and raw.data[:1] == text[:1].encode()  # plain UTF-8, no BOM
    return Extracted(text, warnings, utf8=raw.data if plain else None)


def _saved_page(html: str, location: str, extractor: str) -> Extracted:
    """A page a browser saved as one file, with the address it was saved from."""
    web = location.startswith(("http://", "https://"))
    return Extracted(html, extractor=extractor, url=location if web else "")


def _default_reader(raw: RawInput, found: Extracted) -> str:
    if found.extractor in (MHTML, WEB, DOCX, RTF):  # HTML or text inside, read as such
        return _pick_reader(RawInput(raw.source, found.text.encode()), found.text)
    return PDF_READER if found.extractor else _pick_reader(raw, found.text)


def parse_text(text: str, source: str = "<text>") -> Document:
    return parse_bytes(text.encode("utf-8"), source)


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


def _pick_reader(raw: RawInput, text: str) -> str:
    if not looks_like_html(raw.data):
        return markdown.NAME if markdown.looks_like_markdown(text, raw.source) else saved_text.NAME
    return kremlin_html.NAME if kremlin_html.has_article_markup(raw.data) else html_text.NAME


def _read_text(found: Extracted, source: str) -> Page:
    return saved_text.read_text(found.text, source)


def _read_site_html(found: Extracted, source: str) -> Page:
    page = kremlin_html.read_page(found.html_bytes(), source)
    if not page.page_id:
        page.page_id, page.url = saved_text.identity("", source)
    return page


def _read_any_html(found: Extracted, source: str) -> Page:
    data = found.html_bytes()
    check_html_depth(data, source)
    tree = LexborHTMLParser(data)
    title, is_heading = html_text.html_title(tree)
    page = saved_text.read_text(html_text.html_to_text(tree, title), source, title)
    # The page's own heading wins over the line the text reader found above the date
    # ('Published'); a <title> only fills a gap.
    page.title = (title if is_heading else "") or page.title or title
    return page


def _read_markdown(found: Extracted, source: str) -> Page:
    text, head = front_matter(found.text)
    page = _read_any_html(Extracted(markdown.to_html(bold_labels_marked(text))), source)
    displaced: list[str] = []  # a first line taken for the title, given back to the text
    saved_text.apply_head(page, head, displaced)
    page.blocks[:0] = [Block(line) for line in displaced]
    return page


MHTML = "mhtml"
WEB = "webarchive"
DOCX = "docx"
RTF = "rtf"
PDF_READER = "pdf-text"  # the text of a PDF's pages, read as saved text

READERS: dict[str, Callable[[Extracted, str], Page]] = {
    saved_text.NAME: _read_text,
    PDF_READER: _read_text,
    kremlin_html.NAME: _read_site_html,
    html_text.NAME: _read_any_html,
    markdown.NAME: _read_markdown,
}
VERSIONS = {
    saved_text.NAME: saved_text.VERSION,
    PDF_READER: saved_text.VERSION,
    kremlin_html.NAME: kremlin_html.VERSION,
    html_text.NAME: html_text.VERSION,
    markdown.NAME: markdown.VERSION,
}


def _check_structure(document: Document, raw: RawInput) -> None:
    if document.turns or (document.date and (document.preamble or document.lead)):
        return
    what = (
        "an HTML page with no transcript body"
        if looks_like_html(raw.data)
        else ("no recognisable transcript structure (no speaker labels, no dated page)")
    )
    raise NoStructureError(what, source=raw.source)
