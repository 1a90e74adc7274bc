"""Word documents (.docx): transcripts kept or published as Word files.

A .docx is a zip of XML. Its paragraphs become HTML paragraphs, bold runs `<b>`, and
headings (`Title`, `Heading 1-3` styles) `<h1>`-`<h3>`, so the HTML reader finds the title
and the bold speaker labels as it does on a web page.
"""

from __future__ import annotations

import html
import io
import struct
import zipfile
import zlib

from lxml import etree

from onrecord.errors import InputError
from onrecord.sources.files import RawInput

ZIP_MAGIC = b"PK\x03\x04"
BODY = "word/document.xml"
MAX_XML_BYTES = 200 * 1024 * 1024  # a zip bomb stops here, not in memory
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What zipfile raises on a damaged archive (bytes cut out: `negative seek value`, a bad
# deflate stream, an unknown compression method, a truncated header) besides BadZipFile.
_DAMAGED = (
    zipfile.BadZipFile,
    ValueError,
    EOFError,
    OSError,
    zlib.error,
    struct.error,
    NotImplementedError,
    RuntimeError,
)
_HEADINGS = {"title": "h1", "heading1": "h1", "heading2": "h2", "heading3": "h3"}


def is_docx(data: bytes) -> bool:
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return BODY in archive.namelist()
    except _DAMAGED:
        return False


def docx_html(raw: RawInput) -> str:
    """The document's paragraphs as HTML."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw.data)) as archive:
            if archive.getinfo(BODY).file_size > MAX_XML_BYTES:
                raise InputError("Word document is too large to read", source=raw.source)
            root = etree.fromstring(archive.read(BODY), etree.XMLParser(resolve_entities=False))
    except (*_DAMAGED, KeyError, etree.XMLSyntaxError) as err:
        raise InputError(f"Word document cannot be read ({err})", source=raw.source) from err
    blocks = [_block(paragraph) for paragraph in root.iter(f"{_W}p")]
    return "<html><body>" + "".join(b for b in blocks if b) + "</body></html>"


def _block(paragraph: etree._Element) -> str:
    inner = "".join(_run(run) for run in paragraph.iter(f"{_W}r"))
    if not inner.strip():
        return ""
    tag = _HEADINGS.get(_style(paragraph), "p")
    return f"<{tag}>{inner}</{tag}>"


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    value = style.get(f"{_W}val", "") if style is not None else ""
    return value.casefold().replace(" ", "")


def _run(run: etree._Element) -> str:
    parts = []
    for node in run:
        if node.tag == f"{_W}t":
            parts.append(html.escape(node.text or ""))
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("<br>")
    text = "".join(parts)
    return f"<b>{text}</b>" if text and _bold(run) else text


def _bold(run: etree._Element) -> bool:
    flag = run.find(f"{_W}rPr/{_W}b")
    return flag is not None and flag.get(f"{_W}val", "true") not in ("0", "false")
