"""Raw transcript → Document. One reader per source format; `parse_bytes` picks one.

parse_file(path) -> Document            a saved page (text or HTML)
parse_bytes(data, source) -> Document   the same from bytes in memory
parse_text(text, source) -> Document    already decoded text
"""

from __future__ import annotations

import os
import re
from types import ModuleType

from selectolax.lexbor import LexborHTMLParser

from onrecord.errors import NoStructureError
from onrecord.model import Document
from onrecord.parse import html_text, kremlin_html, saved_text
from onrecord.parse.page import Page
from onrecord.parse.segment import build_document
from onrecord.sources import RawInput, decode, read_path

__all__ = ["looks_like_html", "parse_bytes", "parse_file", "parse_raw", "parse_text"]

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body|meta|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)


def parse_file(path: str | os.PathLike[str]) -> Document:
    return parse_raw(read_path(path))


def parse_bytes(data: bytes, source: str) -> Document:
    return parse_raw(RawInput(source, data))


def parse_raw(raw: RawInput) -> Document:
    text, warnings = decode(raw)
    if looks_like_html(raw.data):
        page, reader = _read_html(text, raw.source)
    else:
        page, reader = saved_text.read_text(text, raw.source), saved_text
    page.warnings[:0] = warnings
    document = build_document(page, raw, {"name": reader.NAME, "version": reader.VERSION})
    _check_structure(document, raw)
    return document


def parse_text(text: str, source: str = "<text>") -> Document:
    return parse_bytes(text.encode("utf-8"), source)


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


def _read_html(text: str, source: str) -> tuple[Page, ModuleType]:
    tree = LexborHTMLParser(text)
    if kremlin_html.is_site_page(tree):
        page = kremlin_html.read_html(tree)
        if not page.page_id:
            page.page_id, page.url = saved_text._identity("", source)
        return page, kremlin_html
    title = html_text.html_title(tree)
    page = saved_text.read_text(html_text.html_to_text(tree), source)
    page.title = page.title or title
    return page, html_text


def _check_structure(document: Document, raw: RawInput) -> None:
    if document.turns or (document.date and (document.preamble or document.lead)):
        return
    what = (
        "an HTML page with no transcript body"
        if looks_like_html(raw.data)
        else ("no recognisable transcript structure (no speaker labels, no dated page)")
    )
    raise NoStructureError(what, source=raw.source)
