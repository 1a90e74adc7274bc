"""Diarized speech-to-text JSON as WhisperX writes it.

    {"segments": [{"start": 0.03, "end": 4.2, "text": " Good evening.", "speaker": "SPEAKER_00",
                   "words": [...]}, ...], "word_segments": [...]}

Each segment is a cue; consecutive segments of one speaker form one turn. A segment
without `speaker` (WhisperX leaves it out when diarization could not assign one)
continues the turn before it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.base import FileReader, decoded, head, json_of, parser_info, start_of
from onrecord.imports.cues import Cue, document_from_cues
from onrecord.model import Document
from onrecord.sources import limits

_SEGMENTS_FIRST = re.compile(rb'^\s*\{\s*"segments"\s*:\s*\[')


def _has_segments(data: bytes) -> bool:
    parsed = json_of(data)
    segments = parsed.get("segments") if isinstance(parsed, dict) else None
    return isinstance(segments, list) and all(
        isinstance(s, dict) and "start" in s for s in segments
    )


class WhisperXReader(FileReader):
    name = "whisperx"
    suffixes: tuple[str, ...] = (".json",)
    version = "2"

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        if _SEGMENTS_FIRST.match(start_of(data)):
            return True
        # Other writers put "text" or "language" first: a whole .json input is worth a look.
        return name.lower().endswith(".json") and _has_segments(data)

    def sniff(self, path: Path) -> bool:
        if not path.is_file():
            return False
        start = head(path)
        if _SEGMENTS_FIRST.match(start):
            return True
        is_json_object = path.suffix.lower() == ".json" and start.lstrip().startswith(b"{")
        return is_json_object and _has_segments(path.read_bytes())

    def parse(self, data: bytes, source: str) -> list[Document]:
        parsed = limits.loads(decoded(data, source), source)
        if not isinstance(parsed, dict) or not isinstance(parsed.get("segments"), list):
            raise InputError("no 'segments' list (field: segments)", source=source)
        cues = [_cue(segment, n, source) for n, segment in enumerate(parsed["segments"])]
        spoken = [c for c in cues if c.text]
        document = document_from_cues(spoken, data, source, parser_info(self))
        document.language = parsed.get("language") or document.language
        return [document]


def _cue(segment: Any, n: int, source: str) -> Cue:
    where = f"{source}: segment {n}"
    if not isinstance(segment, dict):
        raise InputError("is not an object (field: segments)", source=where)
    for key in ("start", "end"):
        value = segment.get(key)
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
        ):
            raise InputError(f"missing or not a number (field: {key})", source=where)
    if not isinstance(segment.get("text"), str):
        raise InputError("missing or not a string (field: text)", source=where)
    speaker = segment.get("speaker") or ""
    if not isinstance(speaker, str):
        raise InputError("not a string (field: speaker)", source=where)
    return Cue(speaker, " ".join(segment["text"].split()), segment["start"], segment["end"])
