"""onrecord: official transcripts turned into an archive of what was said, on the record.

The library's entry points, importable from here (loaded when first used, so that
`import onrecord` stays light):

    Archive            the archive (onrecord.archive): ingest, search, speakers, revisions
    read_documents     any input onrecord reads -> Documents (onrecord.readers: one way in)
    parse_file         one saved page -> Document (onrecord.parse)
    export             Documents -> a file or folder in one of the export formats
                       (`onrecord.export(documents, "tei", out)`: the package, callable)
"""

from __future__ import annotations

import importlib
from typing import Any

from onrecord.errors import OnrecordError
from onrecord.model import Annotation, Document, Note, Speaker, Turn

__version__ = "0.1.0"

_ENTRY_POINTS = {
    "Archive": "onrecord.archive",
    "parse_file": "onrecord.parse",
    "read_documents": "onrecord.readers",
}
_PACKAGES = {"export": "onrecord.export"}  # callable packages: the package is the entry point

__all__ = [
    "Annotation",
    "Archive",
    "Document",
    "Note",
    "OnrecordError",
    "Speaker",
    "Turn",
    "__version__",
    "export",
    "parse_file",
    "read_documents",
]


def __getattr__(name: str) -> Any:
    if name in _ENTRY_POINTS:
        return getattr(importlib.import_module(_ENTRY_POINTS[name]), name)
    if name in _PACKAGES:
        return importlib.import_module(_PACKAGES[name])
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
