"""Diarized speech-to-text JSON as WhisperX writes it.

    {"segments": [{"start": 0.03, "end": 4.2, "text": " Good evening.", "speaker": "SPEAKER_00",
                   "words": [...]}, ...], "word_segments": [...]}

Each segment is a cue; consecutive segments of one speaker form one turn. A segment
without `speaker` (WhisperX leaves it out when diarization could not assign one)
continues the turn before it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.base import head, parser_info, read_text
from onrecord.imports.cues import Cue, document_from_cues
from onrecord.model import Document

_SEGMENTS_FIRST = re.compile(rb'^\s*\{\s*"segments"\s*:\s*\[')


def _has_segments(path: Path) -> bool:
    try:
        data = json.loads(path.read_bytes())
    except (ValueError, OSError):
        return False
    segments = data.get("segments") if isinstance(data, dict) else None
    return isinstance(segments, list) and all(
        isinstance(s, dict) and "start" in s for s in segments
    )


class WhisperXReader:
    name = "whisperx"
    version = "1"

    def sniff(self, path: Path) -> bool:
        if not path.is_file():
            return False
        start = head(path)
        if _SEGMENTS_FIRST.match(start):
            return True
        # Other writers put "text" or "language" first; a .json file is worth a full look.
        return (
            path.suffix.lower() == ".json"
            and start.lstrip().startswith(b"{")
            and _has_segments(path)
        )

    def read(self, path: Path) -> list[Document]:
        raw, text = read_text(path)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"invalid JSON: {err.msg}", source=f"{path}:{err.lineno}") from err
        if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
            raise InputError("no 'segments' list (field: segments)", source=str(path))
        cues = [_cue(segment, n, path) for n, segment in enumerate(data["segments"])]
        document = document_from_cues(
            (c for c in cues if c.text), path=path, sha256=raw.sha256, parser=parser_info(self)
        )
        document.language = data.get("language") or document.language
        return [document]


def _cue(segment: Any, n: int, path: Path) -> Cue:
    where = f"{path}: segment {n}"
    if not isinstance(segment, dict):
        raise InputError("is not an object (field: segments)", source=where)
    for key in ("start", "end"):
        if not isinstance(segment.get(key), int | float) or isinstance(segment.get(key), bool):
            raise InputError(f"missing or not a number (field: {key})", source=where)
    if not isinstance(segment.get("text"), str):
        raise InputError("missing or not a string (field: text)", source=where)
    speaker = segment.get("speaker") or ""
    if not isinstance(speaker, str):
        raise InputError("not a string (field: speaker)", source=where)
    return Cue(speaker, " ".join(segment["text"].split()), segment["start"], segment["end"])
