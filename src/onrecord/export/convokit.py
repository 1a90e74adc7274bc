"""ConvoKit corpus directory: each document a conversation, each turn an utterance.

    utterances.jsonl    {id, conversation_id, speaker, reply_to, timestamp, text, meta}
    speakers.json       {speaker_id: {meta: {name, roles, generic}, vectors: []}}
    conversations.json  {document_id: {meta: title, date, place, url, ...}, vectors: []}
    corpus.json         corpus meta: producer, onrecord version, attribution
    index.json          the metadata type index ConvoKit reads back

The format is ConvoKit's own (`docs/source/data_format.rst` in CornellNLP/ConvoKit).
The first utterance's id is the conversation id, as ConvoKit expects of a conversation
root. `reply_to` is the nearest earlier turn by another speaker: in an interview the
answer replies to the question, the next question to the answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from onrecord import __version__
from onrecord.export.base import ExportOptions, ExportResult, tracked
from onrecord.export.people import PeopleIndex, Person
from onrecord.imports.formats import (
    CONVERSATIONS,
    CORPUS,
    INDEX,
    NARRATOR,
    SPEAKERS,
    UTTERANCES,
)
from onrecord.model import Document, Turn

CONVERSATION_META = (
    *("title", "date", "time", "place", "lead", "language", "url", "source"),
    *("sha256", "parser", "speakers", "preamble", "notes", "warnings"),
)


def utterance_id(document: Document, turn: Turn) -> str:
    first = document.turns[0].index if document.turns else turn.index
    return document.id if turn.index == first else f"{document.id}.{turn.index}"


def utterances(document: Document) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    previous: tuple[str, str] | None = None  # (speaker, utterance id) of the latest turn
    reply_to: str | None = None
    for turn in document.turns:
        speaker = turn.speaker or NARRATOR
        if previous is not None and previous[0] != speaker:
            reply_to = previous[1]  # the turn we answer is the one just before, by another
        uid = utterance_id(document, turn)
        records.append(_utterance(document, turn, uid, speaker, reply_to))
        previous = (speaker, uid)
    return records


def _utterance(
    document: Document, turn: Turn, uid: str, speaker: str, reply_to: str | None
) -> dict[str, Any]:
    meta: dict[str, Any] = {"index": turn.index, "label": turn.label}
    meta["paragraphs"] = turn.paragraphs
    meta["end"] = turn.end
    if not turn.speaker:
        meta["narration"] = True  # said by no one: the NARRATOR stands in for ConvoKit
    return {
        "id": uid,
        "conversation_id": document.id,
        "speaker": speaker,
        "reply_to": reply_to,
        "timestamp": turn.start,
        "text": turn.text,
        "meta": meta,
        "vectors": [],
    }


def conversation_meta(document: Document) -> dict[str, Any]:
    data = document.to_dict()
    return {key: data[key] for key in CONVERSATION_META}


def speaker_meta(person: Person) -> dict[str, Any]:
    roles = [{"role": r.role, "first": r.first, "last": r.last} for r in person.roles]
    return {"name": person.name, "roles": roles, "generic": person.generic}


def type_index(records: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """ConvoKit's index: each meta key -> the Python types of its values, as `str(type(v))`."""
    index: dict[str, list[str]] = {}
    for meta in records:
        for key, value in meta.items():
            types = index.setdefault(key, [])
            if value is not None and str(type(value)) not in types:
                types.append(str(type(value)))
    return index


class ConvokitExporter:
    name = "convokit"
    version = "convokit.v1"
    target = "directory"

    def write(
        self, documents: Iterable[Document], out: Path, options: ExportOptions
    ) -> ExportResult:
        out.mkdir(parents=True, exist_ok=True)
        result = ExportResult()
        people = PeopleIndex(options.people)
        utterance_index: dict[str, list[str]] = {}
        conversations: dict[str, dict[str, Any]] = {}
        spoken: set[str] = set()
        with (out / UTTERANCES).open("w", encoding="utf-8", newline="\n") as handle:
            for document in tracked(documents, result):
                people.observe(document)
                records = utterances(document)
                _write_lines(handle, records)
                spoken.update(r["speaker"] for r in records)
                _merge(utterance_index, type_index(r["meta"] for r in records))
                conversations[document.id] = {"meta": conversation_meta(document), "vectors": []}
        speakers = _speakers(people.people(), narrator=NARRATOR in spoken)
        corpus: dict[str, Any] = {"producer": self.version, "onrecord_version": __version__}
        corpus["attribution"] = sorted(result.attributions)
        index = {
            "utterances-index": utterance_index,
            "speakers-index": type_index(s["meta"] for s in speakers.values()),
            "conversations-index": type_index(c["meta"] for c in conversations.values()),
            "overall-index": type_index([corpus]),
            "version": 1,
            "vectors": [],
        }
        for name, data in (
            (SPEAKERS, speakers),
            (CONVERSATIONS, conversations),
            (CORPUS, corpus),
            (INDEX, index),
        ):
            _write_json(out / name, data)
        result.files = [Path(n) for n in (UTTERANCES, SPEAKERS, CONVERSATIONS, CORPUS, INDEX)]
        return result


def _speakers(people: list[Person], *, narrator: bool) -> dict[str, dict[str, Any]]:
    if narrator and all(p.id != NARRATOR for p in people):
        people = [*people, Person(NARRATOR, "", generic=True)]
    return {p.id: {"meta": speaker_meta(p), "vectors": []} for p in people}


def _write_lines(handle: TextIO, records: list[dict[str, Any]]) -> None:
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")


def _merge(into: dict[str, list[str]], index: dict[str, list[str]]) -> None:
    for key, types in index.items():
        known = into.setdefault(key, [])
        known.extend(t for t in types if t not in known)
