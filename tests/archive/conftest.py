"""Fixtures for the archive: documents built from the gold records, so no parser is needed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.archive import Archive
from onrecord.identity import is_generic, slug
from onrecord.model import Document

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"


def _person(label: str, person: str) -> tuple[str, list[str]]:
    """The gold `person` without the role prefix the label gives, and that role."""
    role = label[: -len(person)].strip() if label.endswith(person) and label != person else ""
    name = person
    for prefix in ("President of Russia ",):
        if name.startswith(prefix):
            role, name = prefix.strip(), name[len(prefix) :]
    return name, [role] if role else []


def gold_document(record: dict, line: bytes = b"") -> Document:
    speakers: dict[str, dict] = {}
    turns = []
    for index, turn in enumerate(record["turns"]):
        name, roles = _person(turn["label"], turn["person"])
        generic = is_generic(turn["label"])
        local = slug(turn["label"] if generic else name)
        entry = speakers.setdefault(
            local, {"id": local, "name": name, "roles": [], "labels": [], "generic": generic}
        )
        entry["roles"] += [r for r in roles if r not in entry["roles"]]
        if turn["label"] not in entry["labels"]:
            entry["labels"].append(turn["label"])
        turns.append(
            {"index": index, "label": turn["label"], "speaker": local, "text": turn["text"]}
        )
    data = {
        **{k: record.get(k, "") for k in ("id", "url", "title", "lead", "date", "time", "place")},
        "source": f"gold:{record['id']}",
        "sha256": hashlib.sha256(line or json.dumps(record).encode()).hexdigest(),
        "parser": {"name": "gold", "version": "v1"},
        "speakers": list(speakers.values()),
        "turns": turns,
    }
    return Document.from_dict(data)


@pytest.fixture(scope="session")
def gold_documents() -> list[Document]:
    with (KREMLIN / "gold.jsonl").open("rb") as lines:
        return [gold_document(json.loads(line), line) for line in lines if line.strip()]


@pytest.fixture
def archive(tmp_path: Path, gold_documents: list[Document]) -> Iterator[Archive]:
    """An archive on disk holding the gold documents (both search engines available)."""
    with Archive.open(tmp_path / "archive.db") as opened:
        opened.put_documents(gold_documents)
        yield opened


@pytest.fixture(scope="module")
def shared_archive(
    tmp_path_factory: pytest.TempPathFactory, gold_documents: list[Document]
) -> Iterator[Archive]:
    """The gold documents, shared by the tests of a module that only read."""
    with Archive.open(tmp_path_factory.mktemp("shared") / "archive.db") as opened:
        opened.put_documents(gold_documents)
        yield opened


@pytest.fixture
def memory_archive(gold_documents: list[Document]) -> Iterator[Archive]:
    """The same in memory: FTS5 only."""
    with Archive.open(":memory:") as opened:
        opened.put_documents(gold_documents)
        yield opened


@pytest.fixture(scope="session")
def html_pages() -> list[Path]:
    return sorted(KREMLIN.glob("*.html"))
