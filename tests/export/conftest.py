from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.needs import absent
from onrecord.model import Document, Note, Speaker, Turn
from onrecord.parse import parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
IMPORTS = FIXTURES / "imports"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PARLA_CLARIN = SHARED / "schemas" / "parla-clarin.rng"


def make_document(doc_id: str = "1001") -> Document:
    """A small interview with what exporters must carry: roles, a generic voice, notes,
    times, a preamble, text that needs quoting in CSV and escaping in XML and Markdown."""
    return Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        sha256="a" * 64,
        parser={"name": "saved-text", "version": "1"},
        title="Interview to Example TV",
        date="2017-04-12",
        time="15:00",
        place="The Kremlin, Moscow",
        lead="An interview, for the tests.",
        url=f"http://en.kremlin.ru/events/president/news/{doc_id}",
        speakers=[
            Speaker(
                "jane-doe", "Jane Doe", ["Editor of Example TV"], ["Editor of Example TV Jane Doe"]
            ),
            Speaker(
                "vladimir-putin", "Vladimir Putin", ["President of Russia"], ["Vladimir Putin"]
            ),
            Speaker("question", "Question", [], ["Question"], generic=True),
        ],
        turns=[
            Turn(0, "Editor of Example TV Jane Doe", "jane-doe", ['Is "a, b" < c & d?']),
            Turn(
                1,
                "Vladimir Putin",
                "vladimir-putin",
                ["# Not a heading.", "Yes (Laughter.) and no."],
            ),
            Turn(2, "Question", "question", ["One more,\nplease."], start=61.5, end=70.0),
        ],
        preamble=["* * *"],
        notes=[
            Note("separator", "* * *", None, 0, 0, 5),
            Note("stage", "(Laughter.)", 1, 1, 4, 15),
        ],
    )


@pytest.fixture
def document() -> Document:
    return make_document()


@pytest.fixture(scope="session")
def kremlin_documents() -> list[Document]:
    return [parse_file(p) for p in sorted((FIXTURES / "kremlin").glob("*.txt"))]


@pytest.fixture(scope="session")
def imports_dir() -> Path:
    return IMPORTS


def jing_validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    """Validate with jing against the Parla-CLARIN schema in ../shared (never copied here)."""
    if not PARLA_CLARIN.is_file():
        absent(f"../shared is absent: no Parla-CLARIN schema at {PARLA_CLARIN}")
    jing = shutil.which("jing")
    if jing is None:
        absent("jing is not installed (apt-get install -y jing)")
    return subprocess.run(
        [jing, str(PARLA_CLARIN), *map(str, paths)], capture_output=True, text=True, timeout=300
    )
