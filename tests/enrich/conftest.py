from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.enrich import annotate
from onrecord.model import Annotation, Document
from onrecord.parse import parse_file

DATA = Path(__file__).resolve().parents[1] / "data" / "enrich"


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return parse_file(DATA / "seed.txt")


@pytest.fixture(scope="session")
def seed_annotations(seed_document: Document) -> list[Annotation]:
    return annotate(seed_document)


def make_document(
    text: str, *, speaker: str = "Vladimir Putin", doc_id: str = "t1", date: str = "2017-04-12"
) -> Document:
    """One document with one turn by `speaker` saying `text`."""
    return Document.from_dict(
        {
            "id": doc_id,
            "source": f"{doc_id}.txt",
            "sha256": "0" * 64,
            "parser": {"name": "test", "version": "1"},
            "date": date,
            "speakers": [{"id": "s1", "name": speaker}],
            "turns": [{"index": 0, "label": speaker, "speaker": "s1", "paragraphs": [text]}],
        }
    )
