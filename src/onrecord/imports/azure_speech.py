"""Azure AI Speech's batch transcription JSON, with speakers told apart (diarization).

    {"durationInTicks": 41200000, "recognizedPhrases": [
        {"recognitionStatus": "Success", "channel": 0, "speaker": 1,
         "offsetInTicks": 700000.0, "durationInTicks": 15900000.0,
         "offset": "PT0.07S", "duration": "PT1.59S",
         "nBest": [{"confidence": 0.93, "display": "Good morning, everyone."}]}, ...]}

A tick is 100 nanoseconds. Each recognised phrase is a cue, in the order of its offset (a file
of two channels interleaves them), its text the best alternative's display form; phrases
not recognised are skipped. Speakers are numbered (`1` is `Speaker 1`); consecutive cues of
one speaker form one turn.
"""

from __future__ import annotations

import re
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.cues import Cue, numbered_voice, seconds
from onrecord.imports.speech import SpeechJsonReader

_PHRASES = re.compile(rb'"(?:recognizedPhrases|combinedRecognizedPhrases)"\s*:')
TICKS_PER_SECOND = 10_000_000


def _phrases(parsed: Any) -> list[Any] | None:
    found = parsed.get("recognizedPhrases") if isinstance(parsed, dict) else None
    return found if isinstance(found, list) else None


class AzureSpeechReader(SpeechJsonReader):
    name = "azure-speech"
    opening = _PHRASES
    missing = "no recognised phrases (field: recognizedPhrases)"
    empty = "no words in the phrases (field: nBest)"

    def found(self, parsed: Any) -> list[Any] | None:
        return _phrases(parsed)

    def cues(self, found: list[Any], source: str) -> list[Cue]:
        cues = [_cue(p, f"{source}: phrase {n}") for n, p in enumerate(found)]
        return sorted((c for c in cues if c is not None), key=_offset)


def _offset(cue: Cue) -> float:
    return cue.start if cue.start is not None else 0.0


def _cue(phrase: Any, where: str) -> Cue | None:
    if not isinstance(phrase, dict):
        raise InputError("is not an object (field: recognizedPhrases)", source=where)
    if phrase.get("recognitionStatus", "Success") != "Success":
        return None  # `NoMatch`, `InitialSilenceTimeout`: nothing was said that it knew
    best = phrase.get("nBest")
    first = best[0] if isinstance(best, list) and best else None
    display = first.get("display") if isinstance(first, dict) else None
    if not isinstance(display, str):
        raise InputError("missing or not a string (field: nBest/display)", source=where)
    start = seconds(phrase.get("offsetInTicks"), "offsetInTicks", where, TICKS_PER_SECOND)
    length = seconds(phrase.get("durationInTicks"), "durationInTicks", where, TICKS_PER_SECOND)
    end = round(start + length, 3) if start is not None and length is not None else None
    name = numbered_voice(phrase.get("speaker"), where)
    return Cue(name, " ".join(display.split()), start, end)
