"""ConvoKit export: the corpus directory ConvoKit reads, reply_to linking answers to questions."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.needs import absent
from onrecord.export import export
from onrecord.export.attribution import KREMLIN_ATTRIBUTION
from onrecord.export.convokit import utterances
from onrecord.model import Document, Turn

from .conftest import make_document

FILES = ["corpus.json", "conversations.json", "index.json", "speakers.json", "utterances.jsonl"]
# ConvoKit's dependencies pull in torch and CUDA wheels (GBs), so the test loads the corpus
# with a lighter interpreter of its own (tests/export/convokit-requirements.txt) when
# onrecord's venv does not have convokit.
CONVOKIT_PYTHON_ENV = "ONRECORD_CONVOKIT_PYTHON"
CONVOKIT_VENV_PYTHON = Path(__file__).resolve().parent / ".venv-convokit" / "bin" / "python"
LOAD_SCRIPT = """
import json, sys
from convokit import Corpus
corpus = Corpus(filename=sys.argv[1])
conversation = corpus.get_conversation(sys.argv[2])
utterances = sorted(conversation.iter_utterances(), key=lambda u: u.meta["index"])
print(json.dumps({
    "conversations": len(list(corpus.iter_conversations())),
    "utterances": len(list(corpus.iter_utterances())),
    "title": conversation.meta["title"],
    "chain": [[u.id, u.reply_to, u.speaker.id] for u in utterances],
    "name": utterances[1].speaker.meta["name"],
    "integrity": conversation.check_integrity(verbose=False),
}))
"""


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    export([make_document(), make_document("1002")], "convokit", tmp_path / "ck")
    return tmp_path / "ck"


def test_directory_has_the_five_files_and_a_manifest(corpus_dir: Path) -> None:
    assert sorted(p.name for p in corpus_dir.iterdir()) == sorted([*FILES, "manifest.json"])


def test_each_document_is_a_conversation_rooted_at_its_id(corpus_dir: Path) -> None:
    utterances = _lines(corpus_dir / "utterances.jsonl")
    assert [u["id"] for u in utterances[:3]] == ["1001", "1001.1", "1001.2"]
    assert {u["conversation_id"] for u in utterances} == {"1001", "1002"}
    conversations = json.loads((corpus_dir / "conversations.json").read_text(encoding="utf-8"))
    assert conversations["1001"]["meta"]["title"] == "Interview to Example TV"


def test_reply_to_links_each_turn_to_the_previous_speaker() -> None:
    document = make_document()
    document.turns.insert(2, Turn(2, "Vladimir Putin", "vladimir-putin", ["And more."]))
    document.turns[3].index = 3
    records = utterances(document)
    assert [(r["id"], r["reply_to"]) for r in records] == [
        ("1001", None),
        ("1001.1", "1001"),
        ("1001.2", "1001"),  # a second turn of the same speaker still answers the question
        ("1001.3", "1001.2"),
    ]


def test_speakers_corpus_meta_and_index(corpus_dir: Path) -> None:
    speakers = json.loads((corpus_dir / "speakers.json").read_text(encoding="utf-8"))
    assert speakers["vladimir-putin"]["meta"]["roles"][0]["role"] == "President of Russia"
    corpus = json.loads((corpus_dir / "corpus.json").read_text(encoding="utf-8"))
    assert corpus["attribution"] == [KREMLIN_ATTRIBUTION]
    index = json.loads((corpus_dir / "index.json").read_text(encoding="utf-8"))
    assert index["utterances-index"]["index"] == ["<class 'int'>"]
    assert index["version"] == 1


def _convokit_python() -> str:
    configured = os.environ.get(CONVOKIT_PYTHON_ENV)
    if configured:
        return configured
    if importlib.util.find_spec("convokit") is not None:
        return sys.executable
    if CONVOKIT_VENV_PYTHON.is_file():
        return str(CONVOKIT_VENV_PYTHON)
    absent(
        f"convokit is not installed: no {CONVOKIT_VENV_PYTHON} and ${CONVOKIT_PYTHON_ENV} is not"
        " set (see tests/export/convokit-requirements.txt)"
    )


def test_convokit_loads_the_corpus(kremlin_documents: list[Document], tmp_path: Path) -> None:
    python = _convokit_python()
    export(kremlin_documents, "convokit", tmp_path / "ck")
    run = subprocess.run(
        [python, "-c", LOAD_SCRIPT, str(tmp_path / "ck"), "54271"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},  # ConvoKit writes ~/.convokit on first use
    )
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    with_turns = [d for d in kremlin_documents if d.turns]
    assert loaded["conversations"] == len(with_turns)
    assert loaded["utterances"] == sum(len(d.turns) for d in kremlin_documents)
    assert loaded["title"] == "Interview to Mir broadcasting company"
    assert loaded["chain"][0][:2] == ["54271", None]
    assert loaded["chain"][1][1] == "54271"
    assert loaded["name"] == "Vladimir Putin"
    assert loaded["integrity"] is True
