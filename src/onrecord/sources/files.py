"""Read input files as raw bytes and decode them to text, refusing what is not text."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import BinaryIO

from onrecord.errors import BinaryInputError, EmptyInputError, InputError, TooLargeError

MAX_BYTES = 50 * 1024 * 1024  # the limit for one transcript file
# A text file has no NUL bytes; more than this share of C0 control bytes means binary.
CONTROL_SHARE_LIMIT = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


@dataclass(frozen=True)
class RawInput:
    source: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_path(path: str | os.PathLike[str]) -> RawInput:
    source = os.fspath(path)
    try:
        with open(source, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise TooLargeError(
                    f"file is {size:,} bytes, over the {MAX_BYTES:,} limit", source=source
                )
            data = _read_bounded(handle, size)
    except IsADirectoryError as err:
        raise InputError("is a directory", source=source) from err
    except FileNotFoundError as err:
        raise InputError("no such file", source=source) from err
    except PermissionError as err:
        raise InputError("permission denied", source=source) from err
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", source=source) from err
    return RawInput(source, data)


def _read_bounded(handle: BinaryIO, size: int) -> bytes:
    """At most MAX_BYTES + 1 bytes. A read of that many allocates them all whatever the file's
    size (a 50 MB buffer per file: 3x the time of reading the DEV pages), so a file is read
    at its stated size first, and past it only when it grew or states none (a pipe)."""
    data = handle.read(min(size, MAX_BYTES) + 1)
    if len(data) <= size or len(data) > MAX_BYTES:
        return data
    return data + handle.read(MAX_BYTES + 1 - len(data))


def check_bytes(raw: RawInput) -> None:
    if len(raw.data) > MAX_BYTES:
        raise TooLargeError(f"input is over the {MAX_BYTES:,} byte limit", source=raw.source)
    if raw.data.isspace() or not raw.data:  # isspace: no copy of the whole input
        raise EmptyInputError("file is empty", source=raw.source)
    if _looks_binary(raw.data[:8192]):
        raise BinaryInputError("file is binary, not text or HTML", source=raw.source)


_NOT_CONTROLS = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROLS)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a BOM is text
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROLS))  # bytes.translate runs in C
    return controls > CONTROL_SHARE_LIMIT * len(head)


def decode(raw: RawInput) -> tuple[str, list[str]]:
    """Decode to str: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252 with a warning."""
    check_bytes(raw)
    data = raw.data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as err:  # cut in the middle of a character, a lone surrogate
            warning = f"invalid UTF-16 at byte {err.start}; decoded with replacement characters"
            return data.decode("utf-16", errors="replace"), [warning]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        warning = f"invalid UTF-8 at byte {err.start}; decoded with replacement characters"
        return data.decode("utf-8", errors="replace").lstrip("\ufeff"), [warning]


# Pages and documents that `onrecord.parse` reads (text, HTML, Markdown, MHTML, Safari's web
# archives, PDF, Word, RTF).
DOCUMENT_SUFFIXES = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".mhtml",
    ".mht",
    ".webarchive",
    ".pdf",
    ".docx",
    ".rtf",
)
