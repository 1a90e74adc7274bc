"""What the importers share: the reader protocol, reading and sniffing files, speaker ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from onrecord.model import Document, Speaker
from onrecord.names import slug
from onrecord.sources import RawInput, decode, read_path

SNIFF_BYTES = 4096  # enough to see a WEBVTT header, an SRT timing line or a JSON record's keys


class Reader(Protocol):
    """Reads one format: recognises it (`sniff`) and turns it into documents (`read`)."""

    name: str  # e.g. "webvtt"
    version: str  # e.g. "1"; documents record {"name": name, "version": version}
    suffixes: tuple[str, ...]  # what a folder walk picks up for it (onrecord.readers)

    def sniff(self, path: Path) -> bool: ...

    def read(self, path: Path) -> list[Document]: ...


def parser_info(reader: Reader) -> dict[str, str]:
    return {"name": reader.name, "version": reader.version}


def head(path: Path) -> bytes:
    """The first bytes of a file (no BOM), or b"" when it is not a readable file."""
    try:
        with path.open("rb") as handle:
            return handle.read(SNIFF_BYTES).removeprefix(b"\xef\xbb\xbf")
    except OSError:
        return b""


def decoded(data: bytes, source: str) -> str:
    """Text from raw bytes (UTF-8 with or without BOM, UTF-16 with BOM); InputError when
    empty or binary."""
    text, _warnings = decode(RawInput(source, data))
    return text


class FileReader:
    """A reader of one file at a time. It works from bytes (`sniff_bytes`, `parse`), so the
    archive can re-read raw input it kept; `sniff`/`read` are the same from a path."""

    name = ""
    version = ""
    suffixes: tuple[str, ...] = ()

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        """Whether `data` (the whole input, or only its first bytes) is this format."""
        raise NotImplementedError

    def parse(self, data: bytes, source: str) -> list[Document]:
        raise NotImplementedError

    def sniff(self, path: Path) -> bool:
        return path.is_file() and self.sniff_bytes(head(path), path.name)

    def read(self, path: Path) -> list[Document]:
        raw = read_path(path)
        return self.parse(raw.data, raw.source)


def json_of(data: bytes) -> Any:
    """The JSON in `data` for a sniffer to look at; None where it is not JSON, not UTF-8, or
    nests past what Python's parser reads (a hostile file is then no format, not a crash)."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def start_of(data: bytes) -> bytes:
    """The first bytes of an input without a UTF-8 BOM, as `head` gives them for a file."""
    return data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")


def speaker_id(name: str, taken: dict[str, str]) -> str:
    """A stable id for a speaker name within one document (`Radik Batyrshin` -> `radik-batyrshin`);
    `taken` maps ids already given to their names."""
    base = slug(name) or "speaker"
    ident, n = base, 2
    while ident in taken and taken[ident] != name:
        ident, n = f"{base}-{n}", n + 1
    taken[ident] = name
    return ident


def speakers_of(names: dict[str, str]) -> list[Speaker]:
    """Speakers from id -> name, in the order first seen."""
    return [Speaker(id=ident, name=name, labels=[name]) for ident, name in names.items()]
