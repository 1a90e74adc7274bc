"""Rev.ai's JSON transcript (its API's `application/vnd.rev.transcript.v1.0+json`).

    {"monologues": [{"speaker": 0, "speaker_name": "Jane Doe", "elements": [
        {"type": "text", "value": "Good", "ts": 0.5, "end_ts": 0.8, "confidence": 1},
        {"type": "punct", "value": " "},
        {"type": "text", "value": "morning", "ts": 0.8, "end_ts": 1.2},
        {"type": "punct", "value": "."}]}, ...]}

Each monologue is a cue: its elements' values joined as written (punctuation and spaces are
elements of their own), from the first word's time to the last's, in seconds. The speaker is
its name where the transcript gives one, else its number (`0` is `Speaker 0`); consecutive
monologues of one speaker form one turn.
"""

from __future__ import annotations

import re
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.cues import Cue, numbered_voice, seconds
from onrecord.imports.speech import SpeechJsonReader

_MONOLOGUES = re.compile(rb'"monologues"\s*:\s*\[')


def _monologues(parsed: Any) -> list[Any] | None:
    found = parsed.get("monologues") if isinstance(parsed, dict) else None
    return found if isinstance(found, list) and found else None


class RevAiReader(SpeechJsonReader):
    name = "revai"
    opening = _MONOLOGUES
    missing = "no monologues (field: monologues)"
    empty = "no words in the monologues (field: elements)"

    def found(self, parsed: Any) -> list[Any] | None:
        return _monologues(parsed)

    def cues(self, found: list[Any], source: str) -> list[Cue]:
        return [_cue(m, f"{source}: monologue {n}") for n, m in enumerate(found)]


def _cue(monologue: Any, where: str) -> Cue:
    elements = monologue.get("elements") if isinstance(monologue, dict) else None
    if not isinstance(elements, list):
        raise InputError("not a list (field: elements)", source=where)
    values = [e.get("value") if isinstance(e, dict) else None for e in elements]
    if not all(isinstance(value, str) for value in values):
        raise InputError("missing or not a string (field: elements/value)", source=where)
    words = [e for e in elements if e.get("type") == "text"]
    start = seconds(words[0].get("ts"), "elements/ts", where) if words else None
    end = seconds(words[-1].get("end_ts"), "elements/end_ts", where) if words else None
    text = " ".join("".join(map(str, values)).split())
    return Cue(_speaker(monologue, where), text, start, end)


def _speaker(monologue: dict[str, Any], where: str) -> str:
    name = monologue.get("speaker_name")
    if isinstance(name, str) and name.strip():
        return " ".join(name.split())
    return numbered_voice(monologue.get("speaker"), where)
