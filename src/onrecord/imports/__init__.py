"""Imports: transcripts from the tools researchers already have -> Documents.

    from onrecord.imports import detect, read
    reader = detect("talk.vtt")          # a Reader, or None when no importer knows the file
    documents = read("talk.vtt")         # list[Document]; InputError / SchemaError when bad

Readers, tried in this order (`READERS`, by name):

    convokit        a ConvoKit corpus directory (utterances.jsonl, speakers.json, ...)
    tei             a TEI directory (corpus.xml), a teiCorpus or a TEI file
    webvtt          WebVTT subtitles, speakers as <v Name> voice tags or NAME: prefixes
    srt             SRT subtitles, the same
    onrecord-jsonl  onrecord's own records, one per line (checked against the JSON Schema)
    onrecord-json   the same as one JSON record or an array of them
    whisperx        diarized speech-to-text JSON (segments with speaker, start, end, text)
    aws-transcribe  Amazon Transcribe's JSON (audio segments, or words with speaker labels)
    deepgram        Deepgram's JSON (utterances, paragraphs or words, speakers numbered)
    revai           Rev.ai's JSON transcript (monologues of elements, speakers by name or number)
    azure-speech    Azure AI Speech's batch transcription JSON (recognised phrases, speakers)
    google-speech   Google Cloud Speech-to-Text's JSON (words with speaker tags, or transcripts)
    messages        a JSON list of messages ([{"speaker": ..., "text": ...}], key variants)
    table           a table with speaker and text columns: CSV, TSV or a Markdown pipe table

Single-file formats also read from bytes (`detect_bytes`, `read_bytes`), so the archive
can re-read the raw input it keeps. Each document records its source, the sha256 of the
raw bytes and the reader as `parser` ({"name": "webvtt", "version": "1"}). Errors name
the file, the line or record, and the field, in one line.
"""

from __future__ import annotations

import os
from pathlib import Path

from onrecord.errors import InputError
from onrecord.imports.aws_transcribe import AwsTranscribeReader
from onrecord.imports.azure_speech import AzureSpeechReader
from onrecord.imports.base import FileReader, Reader
from onrecord.imports.convokit import ConvokitReader
from onrecord.imports.deepgram import DeepgramReader
from onrecord.imports.google_speech import GoogleSpeechReader
from onrecord.imports.messages import MessagesReader
from onrecord.imports.records import JsonlReader, JsonReader
from onrecord.imports.revai import RevAiReader
from onrecord.imports.subtitles import SrtReader, WebVttReader
from onrecord.imports.tables import TableReader
from onrecord.imports.tei import TeiReader
from onrecord.imports.whisperx import WhisperXReader
from onrecord.model import Document

READERS: dict[str, Reader] = {
    reader.name: reader
    for reader in (
        ConvokitReader(),
        TeiReader(),
        WebVttReader(),
        SrtReader(),
        JsonlReader(),
        JsonReader(),
        WhisperXReader(),
        AwsTranscribeReader(),
        DeepgramReader(),
        RevAiReader(),
        AzureSpeechReader(),
        GoogleSpeechReader(),
        MessagesReader(),
        TableReader(),
    )
}


FILE_READERS: dict[str, FileReader] = {
    name: reader for name, reader in READERS.items() if isinstance(reader, FileReader)
}


def detect(path: str | os.PathLike[str]) -> Reader | None:
    """The reader that recognises `path`, or None (then it is not a format of this package)."""
    target = Path(path)
    return next((r for r in READERS.values() if r.sniff(target)), None)


def read(path: str | os.PathLike[str]) -> list[Document]:
    """All documents in `path`; InputError when no reader recognises it."""
    reader = detect(path)
    if reader is None:
        raise InputError("not a format onrecord imports (field: format)", source=os.fspath(path))
    return reader.read(Path(path))


def detect_bytes(data: bytes, source: str) -> FileReader | None:
    """The reader of a single-file format that recognises these bytes (named `source`)."""
    name = os.path.basename(source)
    return next((r for r in FILE_READERS.values() if r.sniff_bytes(data, name)), None)


def read_bytes(data: bytes, source: str) -> list[Document]:
    """The documents in raw bytes of a single-file format; InputError when none knows them."""
    reader = detect_bytes(data, source)
    if reader is None:
        raise InputError("not a format onrecord imports (field: format)", source=source)
    return reader.parse(data, source)


__all__ = [
    "FILE_READERS",
    "READERS",
    "FileReader",
    "Reader",
    "detect",
    "detect_bytes",
    "read",
    "read_bytes",
]
