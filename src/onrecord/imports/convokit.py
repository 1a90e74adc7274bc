"""A ConvoKit corpus directory -> one document per conversation, one turn per utterance.

Reads the format ConvoKit writes (`utterances.jsonl`, `speakers.json`,
`conversations.json`, `corpus.json`, `index.json`); a missing file raises InputError
naming it. Conversation metadata written by onrecord's exporter (title, date, place,
speakers, notes, provenance ...) is restored; other corpora get what ConvoKit has:
speakers, text, timestamps. Utterances keep the file's order within a conversation.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.base import parser_info
from onrecord.imports.formats import CONVERSATIONS, CONVOKIT_FILES, NARRATOR, SPEAKERS, UTTERANCES
from onrecord.model import Document, Note, Speaker, Turn
from onrecord.sources import limits

REQUIRED_FILES = CONVOKIT_FILES
# ConvoKit's older corpora name these fields differently; the first name found is used.
SPEAKER_KEYS = ("speaker", "user")
CONVERSATION_KEYS = ("conversation_id", "root")
RESTORED = ("title", "date", "time", "place", "lead", "language", "url", "preamble", "warnings")


class ConvokitReader:
    name = "convokit"
    suffixes: tuple[str, ...] = ()
    version = "1"

    def sniff(self, path: Path) -> bool:
        return path.is_dir() and (path / UTTERANCES).is_file()

    def read(self, path: Path) -> list[Document]:
        for name in REQUIRED_FILES:
            if not (path / name).is_file():
                raise InputError(
                    f"missing file of a ConvoKit corpus (field: {name})", source=str(path / name)
                )
        sha256 = _digest(path)
        speakers = _load_json(path / SPEAKERS)
        conversations = _load_json(path / CONVERSATIONS)
        grouped = _utterances_by_conversation(path / UTTERANCES)
        documents = []
        # conversations.json keeps the export's order, and documents without turns
        order = [*conversations, *(c for c in grouped if c not in conversations)]
        for conversation_id in order:
            utterances = grouped.get(conversation_id, [])
            meta = (conversations.get(conversation_id) or {}).get("meta") or {}
            document = Document(
                id=conversation_id, source=str(path), sha256=sha256, parser=parser_info(self)
            )
            _restore(document, meta)
            document.turns = [_turn(u, n) for n, u in enumerate(utterances)]
            if "speakers" not in meta:  # not written by onrecord: from speakers.json
                document.speakers = _speakers(document.turns, speakers)
            documents.append(document)
        return documents


def _digest(path: Path) -> str:
    """sha256 over the corpus files in a fixed order: the raw input of this import."""
    digest = hashlib.sha256()
    for name in REQUIRED_FILES:
        digest.update((path / name).read_bytes())
    return digest.hexdigest()


def _load_json(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"invalid UTF-8 at byte {err.start}", source=str(path)) from err
    data = limits.loads(text, str(path))
    if not isinstance(data, dict):
        raise InputError("not a JSON object (field: (file))", source=str(path))
    return data


def _utterances_by_conversation(path: Path) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    with path.open("rb") as handle:
        for n, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                where = f"{path}:{n}"
                raise InputError(
                    f"invalid UTF-8 at byte {err.start} of the line", source=where
                ) from err
            if line.strip():
                utterance = _utterance(line, f"{path}:{n}")
                grouped.setdefault(utterance["conversation_id"], []).append(utterance)
    return grouped


def _utterance(line: str, where: str) -> dict[str, Any]:
    data = limits.loads(line, where)
    if not isinstance(data, dict):
        raise InputError("utterance is not an object (field: (utterance))", source=where)
    for key in ("id", "text"):
        if not isinstance(data.get(key), str):
            raise InputError(f"utterance without a string {key!r} (field: {key})", source=where)
    speaker = next((data[k] for k in SPEAKER_KEYS if k in data), None)
    conversation = next((data[k] for k in CONVERSATION_KEYS if k in data), None)
    if not isinstance(speaker, str):
        raise InputError("utterance without a speaker (field: speaker)", source=where)
    data["speaker"] = speaker
    data["conversation_id"] = conversation if isinstance(conversation, str) else data["id"]
    return data


def _restore(document: Document, meta: dict[str, Any]) -> None:
    """Fields onrecord's exporter kept in the conversation's metadata, where present."""
    for key in (*RESTORED, "source", "sha256", "parser"):
        if isinstance(meta.get(key), type(getattr(document, key))):
            setattr(document, key, meta[key])
    try:
        document.speakers = [Speaker(**s) for s in meta.get("speakers") or []]
        document.notes = [Note(**n) for n in meta.get("notes") or []]
    except TypeError as err:
        raise InputError(
            f"conversation {document.id}: bad metadata (field: speakers/notes): {err}"
        ) from err


def _turn(utterance: dict[str, Any], position: int) -> Turn:
    meta = utterance.get("meta") or {}
    text: str = utterance["text"]
    paragraphs = meta.get("paragraphs")
    if not (isinstance(paragraphs, list) and "\n\n".join(map(str, paragraphs)) == text):
        paragraphs = [p for p in text.split("\n\n") if p] or [text]
    speaker = utterance["speaker"]
    start = utterance.get("timestamp")
    end = meta.get("end")
    return Turn(
        index=meta["index"] if isinstance(meta.get("index"), int) else position,
        label=meta["label"] if isinstance(meta.get("label"), str) else speaker,
        speaker="" if speaker == NARRATOR and meta.get("narration") else speaker,
        paragraphs=list(paragraphs),
        start=start if isinstance(start, int | float) else None,
        end=end if isinstance(end, int | float) else None,
    )


def _speakers(turns: list[Turn], speakers: dict[str, Any]) -> list[Speaker]:
    """Speakers of one conversation from the corpus's speakers.json, in order of first turn."""
    found: dict[str, Speaker] = {}
    for turn in turns:
        if not turn.speaker:
            continue
        speaker = found.get(turn.speaker)
        if speaker is None:
            meta = (speakers.get(turn.speaker) or {}).get("meta") or {}
            roles = [
                r["role"] for r in meta.get("roles", []) if isinstance(r, dict) and "role" in r
            ]
            name = meta.get("name") if isinstance(meta.get("name"), str) else ""
            speaker = Speaker(
                turn.speaker, name or turn.speaker, roles, [], bool(meta.get("generic"))
            )
            found[turn.speaker] = speaker
        if turn.label and turn.label not in speaker.labels:
            speaker.labels.append(turn.label)
    return list(found.values())
