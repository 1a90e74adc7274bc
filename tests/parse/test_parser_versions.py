"""Parser versions move with their output: `reparse` knows what is stale only if they do.

For each reader, the digest of what it gives for its golden fixtures is recorded with its
version in `tests/fixtures/parser_versions.json`. A change of output with the same version
fails here: bump the reader's VERSION (`onrecord.readers.FORMATS` lists where each comes
from), then record the new outputs with

    PYTHONPATH=src python tests/parse/test_parser_versions.py
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from onrecord.imports import FILE_READERS
from onrecord.model import Document
from onrecord.parse import parse_file
from onrecord.readers import FORMATS
from onrecord.store.documents import content_hash

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOLDEN = FIXTURES / "parser_versions.json"
KREMLIN = FIXTURES / "kremlin"
SAVED = FIXTURES / "saved"
IMPORTS = FIXTURES / "imports"
PUBLISHERS = FIXTURES / "publishers"

# Left out until its speaker's name stops depending on the hash seed: 'Kirill Kleymenov' or
# 'Kirill KleYMENOV', whichever a set gives first (parse/speakers.py).
UNSTABLE = {"17976"}


def _pages(pattern: str) -> list[Path]:
    return sorted(p for p in KREMLIN.glob(pattern) if p.stem not in UNSTABLE)


# reader -> its golden inputs (the fixtures it is for; PDF is left out: its text depends on
# which extraction tool the machine has)
INPUTS: dict[str, list[Path]] = {
    "saved-text": [
        *_pages("*.txt"),
        *sorted((FIXTURES / "seed").glob("*.txt")),
        *sorted(SAVED.glob("*.txt")),
        *sorted(PUBLISHERS.glob("*.txt")),
    ],
    "kremlin-html": _pages("*.html"),
    "html-text": _pages("*.html"),
    "markdown": [*sorted(SAVED.glob("*.html2text.md")), *sorted(PUBLISHERS.glob("*-*.md"))],
    "webvtt": [IMPORTS / "interview.vtt", IMPORTS / "prefixes.vtt"],
    "srt": [IMPORTS / "interview.srt"],
    "whisperx": [IMPORTS / "whisperx.json"],
    "aws-transcribe": [IMPORTS / "aws_transcribe.json", IMPORTS / "aws_transcribe_words.json"],
    "deepgram": [IMPORTS / "deepgram.json", IMPORTS / "deepgram_words.json"],
    "revai": [IMPORTS / "revai.json"],
    "azure-speech": [IMPORTS / "azure_speech.json"],
    "google-speech": [IMPORTS / "google_speech.json"],
    "messages": [IMPORTS / "messages.json"],
    "table": [IMPORTS / "table.csv"],
}


def _read(reader: str) -> Callable[[Path], list[Document]]:
    if reader in FILE_READERS:
        return FILE_READERS[reader].read
    return lambda path: [parse_file(path, reader)]


def outputs() -> dict[str, dict[str, str]]:
    """Each reader's version and the digest of its records for its golden inputs."""
    found = {}
    for reader, paths in INPUTS.items():
        digest = hashlib.sha256()
        for path in paths:
            for document in _read(reader)(path):
                digest.update(f"{path.name}\0{content_hash(document)}\n".encode())
        found[reader] = {"version": FORMATS[reader].version, "output": digest.hexdigest()}
    return found


def test_a_reader_whose_output_changed_has_a_new_version() -> None:
    recorded = json.loads(GOLDEN.read_text("utf-8"))
    now = outputs()
    stale = [
        f"{reader} (version {now[reader]['version']})"
        for reader in now
        if reader in recorded
        and now[reader]["output"] != recorded[reader]["output"]
        and now[reader]["version"] == recorded[reader]["version"]
    ]
    assert not stale, f"output changed, version did not: bump the VERSION of {', '.join(stale)}"
    assert now == recorded, f"record the new outputs: see {Path(__file__).name}'s docstring"


def test_every_reader_with_golden_inputs_has_some() -> None:
    assert all(INPUTS.values())


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(outputs(), indent=2, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {GOLDEN}")
