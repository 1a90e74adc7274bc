"""Google Cloud Speech-to-Text's JSON response, with speakers told apart (diarization).

    {"results": [
        {"alternatives": [{"transcript": "Good morning, everyone.", "confidence": 0.93}]},
        ...,
        {"alternatives": [{"transcript": "...", "words": [
            {"startTime": "0.100s", "endTime": "0.400s", "word": "Good", "speakerTag": 1},
            ...]}]}]}

With diarization the last result holds every word of the recording with its speaker
(`speakerTag`, `speakerLabel` in version 2): those words are the cues, one a word, and a
speaker's words in a row one turn. Without it, each result's best transcript is a cue of no
speaker. Times are strings of seconds (`"1.300s"`) or `{"seconds": "1", "nanos": 300000000}`.
"""

from __future__ import annotations

import re
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.cues import Cue, seconds
from onrecord.imports.speech import SpeechJsonReader

_RESULTS_FIRST = re.compile(rb'^\s*\{\s*"results"\s*:\s*\[')


def _results(parsed: Any) -> list[Any] | None:
    results = parsed.get("results") if isinstance(parsed, dict) else None
    if not isinstance(results, list) or not results:
        return None
    ok = all(isinstance(r, dict) and isinstance(r.get("alternatives"), list) for r in results)
    return results if ok else None


class GoogleSpeechReader(SpeechJsonReader):
    name = "google-speech"
    opening = _RESULTS_FIRST
    missing = "no results with alternatives (field: results)"
    empty = "no words in the results (field: alternatives)"

    def found(self, parsed: Any) -> list[Any] | None:
        return _results(parsed)

    def cues(self, found: list[Any], source: str) -> list[Cue]:
        words = _best(found[-1]).get("words")
        if isinstance(words, list) and any(_speaker_of(w) is not None for w in words):
            return [_word(word, f"{source}: word {n}") for n, word in enumerate(words)]
        return [_transcript(result, f"{source}: result {n}") for n, result in enumerate(found)]


def _best(result: dict[str, Any]) -> dict[str, Any]:
    alternatives = result["alternatives"]
    best = alternatives[0] if alternatives else None
    return best if isinstance(best, dict) else {}


def _speaker_of(word: Any) -> Any:
    return (word.get("speakerTag") or word.get("speakerLabel")) if isinstance(word, dict) else None


def _word(word: Any, where: str) -> Cue:
    if not isinstance(word, dict) or not isinstance(word.get("word"), str):
        raise InputError("missing or not a string (field: word)", source=where)
    speaker = _speaker_of(word)
    if speaker is not None and (isinstance(speaker, bool) or not isinstance(speaker, int | str)):
        raise InputError("not a speaker's number (field: speakerTag)", source=where)
    start = _time(word.get("startTime", word.get("startOffset")), "startTime", where)
    end = _time(word.get("endTime", word.get("endOffset")), "endTime", where)
    return Cue(f"Speaker {speaker}" if speaker is not None else "", word["word"], start, end)


def _transcript(result: dict[str, Any], where: str) -> Cue:
    text = _best(result).get("transcript", "")
    if not isinstance(text, str):
        raise InputError("not a string (field: alternatives/transcript)", source=where)
    return Cue("", " ".join(text.split()))


def _time(value: Any, field: str, where: str) -> float | None:
    """`"1.300s"`, or protobuf's `{"seconds": "1", "nanos": 300000000}`."""
    if isinstance(value, dict):
        whole = seconds(value.get("seconds", 0), f"{field}/seconds", where) or 0.0
        nanos = seconds(value.get("nanos", 0), f"{field}/nanos", where, 1_000_000_000) or 0.0
        return round(whole + nanos, 3)
    if isinstance(value, str):
        value = value.removesuffix("s")
    return seconds(value, field, where)
