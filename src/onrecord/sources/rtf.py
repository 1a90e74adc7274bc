"""Rich Text Format (`.rtf`), as courts and ministries publish some transcripts and word
processors save them: the text without its control words, by striprtf. Bold is not kept;
labels are found by their shape, as in a text file."""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from onrecord.errors import EmptyInputError, InputError
from onrecord.sources.files import RawInput

MAGIC = b"{\\rtf"
_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")
DEFAULT_CODE_PAGE = "cp1252"  # RTF's own default for `\'xx` escapes


def is_rtf(data: bytes) -> bool:
    return data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(MAGIC)


def rtf_text(raw: RawInput) -> str:
    """The document's text (striprtf reads the escapes `\\'c2` in the code page the header
    names). RTF is 7-bit: a writer that put raw bytes in it wrote UTF-8, or else that code
    page."""
    try:
        source = raw.data.decode("utf-8")
    except UnicodeDecodeError:
        source = raw.data.decode(_code_page(raw.data), errors="replace")
    try:
        text = rtf_to_text(source, errors="replace")
    except (ValueError, IndexError, OverflowError) as err:  # a `\uN` out of range, a cut escape
        raise InputError(f"RTF cannot be read ({type(err).__name__})", source=raw.source) from err
    if not text.strip():
        raise EmptyInputError("RTF has no text", source=raw.source)
    return text


def _code_page(data: bytes) -> str:
    """The code page the header names (`\\ansicpg1251`) where Python knows it."""
    found = _CODE_PAGE.search(data[:2048])
    name = f"cp{int(found.group(1))}" if found else DEFAULT_CODE_PAGE
    try:
        codecs.lookup(name)
    except LookupError:
        return DEFAULT_CODE_PAGE
    return name
