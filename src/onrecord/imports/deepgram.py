"""Deepgram's JSON: a pre-recorded transcription's response, with speakers told apart.

    {"metadata": {"duration": 25.9, ...}, "results": {
        "utterances": [{"start": 0.08, "end": 1.9, "transcript": "Good morning.",
                        "speaker": 0, "channel": 0}, ...],
        "channels": [{"alternatives": [{"transcript": "...",
            "paragraphs": {"paragraphs": [{"speaker": 0, "start": 0.08, "end": 1.9,
                "sentences": [{"text": "Good morning.", "start": 0.08, "end": 1.9}]}]},
            "words": [{"word": "good", "punctuated_word": "Good", "start": 0.08,
                       "end": 0.3, "speaker": 0}, ...]}]}]}}

Times are seconds. What a request asked for decides what is there: utterances
(`utterances=true`), else the paragraphs (`paragraphs=true`), else the words of the first
channel's best alternative, each a cue. Voices are numbered (`0` is `Speaker 0`);
consecutive cues of one speaker form one turn.
"""

from __future__ import annotations

import re
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.cues import Cue, numbered_voice, seconds
from onrecord.imports.speech import SpeechJsonReader

_RESPONSE_FIRST = re.compile(rb'^\s*\{\s*"(?:metadata|results)"\s*:')


def _results(parsed: Any) -> dict[str, Any] | None:
    results = parsed.get("results") if isinstance(parsed, dict) else None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("metadata"), dict):
        return None
    return results if isinstance(results, dict) and "channels" in results else None


class DeepgramReader(SpeechJsonReader):
    name = "deepgram"
    opening = _RESPONSE_FIRST
    missing = "no transcription results (field: results)"
    empty = "no words in the results (field: channels)"

    def found(self, parsed: Any) -> dict[str, Any] | None:
        return _results(parsed)

    def cues(self, found: dict[str, Any], source: str) -> list[Cue]:
        return _cues(found, source)


def _cues(results: dict[str, Any], source: str) -> list[Cue]:
    utterances = results.get("utterances")
    if isinstance(utterances, list) and utterances:
        return [_cue(u, "transcript", f"{source}: utterance {n}") for n, u in enumerate(utterances)]
    best = _best_alternative(results, source)
    paragraphs = best.get("paragraphs")
    found = paragraphs.get("paragraphs") if isinstance(paragraphs, dict) else None
    if isinstance(found, list) and found:
        return [_paragraph(p, f"{source}: paragraph {n}") for n, p in enumerate(found)]
    words = best.get("words")
    if not isinstance(words, list):
        raise InputError("not a list (field: words)", source=source)
    return [_cue(w, "punctuated_word", f"{source}: word {n}") for n, w in enumerate(words)]


def _best_alternative(results: dict[str, Any], source: str) -> dict[str, Any]:
    channels = results.get("channels")
    channel = channels[0] if isinstance(channels, list) and channels else None
    alternatives = channel.get("alternatives") if isinstance(channel, dict) else None
    best = alternatives[0] if isinstance(alternatives, list) and alternatives else None
    if not isinstance(best, dict):
        raise InputError("no alternative (field: channels/alternatives)", source=source)
    return best


def _paragraph(paragraph: Any, where: str) -> Cue:
    sentences = paragraph.get("sentences") if isinstance(paragraph, dict) else None
    if not isinstance(sentences, list):
        raise InputError("not a list (field: sentences)", source=where)
    texts = [s.get("text") if isinstance(s, dict) else None for s in sentences]
    if not all(isinstance(text, str) for text in texts):
        raise InputError("missing or not a string (field: sentences/text)", source=where)
    return _cue({**paragraph, "text": " ".join(map(str, texts))}, "text", where)


def _cue(item: Any, text_key: str, where: str) -> Cue:
    if not isinstance(item, dict):
        raise InputError("is not an object", source=where)
    text = item.get(text_key, item.get("word"))
    if not isinstance(text, str):
        raise InputError(f"missing or not a string (field: {text_key})", source=where)
    times = [seconds(item.get(key), key, where) for key in ("start", "end")]
    name = numbered_voice(item.get("speaker"), where)
    return Cue(name, " ".join(text.split()), times[0], times[1])
