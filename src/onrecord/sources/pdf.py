"""PDF files (a page printed to PDF, a transcript published as one): their text, page by page.

Poppler's `pdftotext -layout` when it is installed (Debian: poppler-utils), else pypdf's
layout mode: both keep each line of the page and the blank lines between paragraphs, and
pages are joined with a form feed, so the reader can drop their running heads and feet.
pdftotext is preferred because pypdf splits words at ligatures (`dif ficult`); which one was
used is part of the parser version the record keeps.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess

from onrecord.errors import EmptyInputError, InputError
from onrecord.sources.files import RawInput

MAGIC = b"%PDF-"
PDFTOTEXT_TIMEOUT_S = 120
# Ligatures that fonts map to one glyph and extraction returns as one character.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
# Layout mode pads words to their place on the page; inside a line the gaps are not text.
_GAP_BEFORE_PUNCTUATION = re.compile(r"(?<=\S) {2,}(?=[,.;:!?)])")
_COLUMN_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(MAGIC)


def pdf_text(raw: RawInput) -> tuple[str, str]:
    """The text of every page, pages joined by a form feed, and the tool that extracted it."""
    pdftotext = shutil.which("pdftotext")
    text, tool = (_poppler(raw, pdftotext), "pdftotext") if pdftotext else (_pypdf(raw), "pypdf")
    text = _COLUMN_GAP.sub(" ", _GAP_BEFORE_PUNCTUATION.sub("", text)).translate(_LIGATURES)
    if not text.strip():
        raise EmptyInputError("PDF has no text (scanned pages need OCR first)", source=raw.source)
    return text, tool


def _poppler(raw: RawInput, pdftotext: str) -> str:
    try:
        done = subprocess.run(
            [pdftotext, "-layout", "-enc", "UTF-8", "-", "-"],
            input=raw.data,
            capture_output=True,
            timeout=PDFTOTEXT_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as err:
        raise InputError("PDF took too long to read", source=raw.source) from err
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["unreadable"]
        raise InputError(f"PDF cannot be read ({reason[0]})", source=raw.source)
    return done.stdout.decode("utf-8", "replace")


def _pypdf(raw: RawInput) -> str:
    import pypdf  # here, not at the top: most inputs are text or HTML
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw.data))
        if reader.is_encrypted:
            raise InputError("PDF is encrypted: save a copy without a password", source=raw.source)
        return "\f".join(page.extract_text(extraction_mode="layout") for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise InputError(f"PDF cannot be read ({err})", source=raw.source) from err
