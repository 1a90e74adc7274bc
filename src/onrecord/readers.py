"""Any input onrecord reads → Documents: an import format when one recognises the path
(WebVTT, SRT, WhisperX JSON, ConvoKit, TEI, onrecord JSON/JSONL), else a saved page."""

from __future__ import annotations

import os

from onrecord.imports import detect
from onrecord.model import Document
from onrecord.parse import parse_file


def read_documents(path: str | os.PathLike[str]) -> list[Document]:
    reader = detect(path)
    if reader is not None:
        from onrecord.imports import read

        return read(path)
    return [parse_file(path)]
