"""Amazon Transcribe's JSON: a transcription job's output, with speakers told apart.

    {"jobName": "...", "results": {
        "transcripts": [{"transcript": "Good evening. Thank you."}],
        "audio_segments": [{"transcript": "Good evening.", "start_time": "0.44",
                            "end_time": "1.3", "speaker_label": "spk_0"}, ...],
        "items": [{"type": "pronunciation", "start_time": "0.44", "end_time": "0.8",
                   "alternatives": [{"content": "Good"}], "speaker_label": "spk_0"},
                  {"type": "punctuation", "alternatives": [{"content": "."}]}, ...],
        "speaker_labels": {"segments": [{"speaker_label": "spk_0", "items": [...]}]}}}

Times are seconds written as strings. Files written since 2022 give each segment's words
(`audio_segments`); older ones give words alone (`items`), each word's speaker on the word or
in `speaker_labels`: each word is a cue, punctuation joined to the word before it. `spk_0` is
`Speaker 0`; consecutive cues of one speaker form one turn.
"""

from __future__ import annotations

import re
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.cues import Cue, seconds
from onrecord.imports.speech import SpeechJsonReader

_JOB_FIRST = re.compile(rb'^\s*\{\s*"(?:jobName|accountId|results)"\s*:')
_SPEAKER = re.compile(r"^spk_(\d+)$")


def _results(parsed: Any) -> dict[str, Any] | None:
    results = parsed.get("results") if isinstance(parsed, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("transcripts"), list):
        return None
    return results if "items" in results or "audio_segments" in results else None


class AwsTranscribeReader(SpeechJsonReader):
    name = "aws-transcribe"
    opening = _JOB_FIRST
    missing = "no transcription results (field: results)"
    empty = "no words in the results (field: items)"

    def found(self, parsed: Any) -> dict[str, Any] | None:
        return _results(parsed)

    def cues(self, found: dict[str, Any], source: str) -> list[Cue]:
        segments = found.get("audio_segments")
        if isinstance(segments, list) and segments:
            return [_segment(segment, n, source) for n, segment in enumerate(segments)]
        return _word_cues(found, source)


def _segment(segment: Any, n: int, source: str) -> Cue:
    where = f"{source}: audio segment {n}"
    if not isinstance(segment, dict) or not isinstance(segment.get("transcript"), str):
        raise InputError("missing or not a string (field: transcript)", source=where)
    start, end = (
        seconds(segment.get("start_time"), "start_time", where),
        seconds(segment.get("end_time"), "end_time", where),
    )
    speaker = _voice(segment.get("speaker_label"), where)
    return Cue(speaker, " ".join(segment["transcript"].split()), start, end)


def _word_cues(results: dict[str, Any], source: str) -> list[Cue]:
    items = results.get("items")
    if not isinstance(items, list):
        raise InputError("not a list (field: items)", source=source)
    speakers = _speakers_by_start(results)
    cues: list[Cue] = []
    for n, item in enumerate(items):
        where = f"{source}: item {n}"
        word = _content(item, where)
        if item.get("type") == "punctuation":
            if cues:
                cues[-1].text += word
            continue
        start, end = (
            seconds(item.get("start_time"), "start_time", where),
            seconds(item.get("end_time"), "end_time", where),
        )
        label = item.get("speaker_label") or speakers.get(item.get("start_time"))
        cues.append(Cue(_voice(label, where), word, start, end))  # a word's cue: one speaker's
    return cues  # words in a row are one turn (cues.turns_from_cues)


def _speakers_by_start(results: dict[str, Any]) -> dict[Any, Any]:
    """Each word's speaker, by the word's start time, as older files keep them apart."""
    labels = results.get("speaker_labels")
    segments = labels.get("segments") if isinstance(labels, dict) else None
    found: dict[Any, Any] = {}
    for segment in segments if isinstance(segments, list) else []:
        words = segment.get("items") if isinstance(segment, dict) else None
        for word in words if isinstance(words, list) else []:
            if isinstance(word, dict):
                found[word.get("start_time")] = word.get("speaker_label")
    return found


def _content(item: Any, where: str) -> str:
    alternatives = item.get("alternatives") if isinstance(item, dict) else None
    best = alternatives[0] if isinstance(alternatives, list) and alternatives else None
    content = best.get("content") if isinstance(best, dict) else None
    if not isinstance(content, str):
        raise InputError("missing or not a string (field: alternatives/content)", source=where)
    return content


def _voice(label: Any, where: str) -> str:
    """`spk_0` -> `Speaker 0`; another label as written; none -> ''."""
    if label is None:
        return ""
    if not isinstance(label, str):
        raise InputError("not a string (field: speaker_label)", source=where)
    numbered = _SPEAKER.match(label)
    return f"Speaker {numbered.group(1)}" if numbered else label
