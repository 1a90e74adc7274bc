"""A JSON list of messages: who said what, one object a turn.

    [{"speaker": "Jane Doe", "text": "Good morning."}, {"speaker": "Q", "text": "..."}]
    {"title": "...", "date": "2024-07-08", "messages": [...]}     (also "utterances", "turns")

The speaker and text keys have common variants (`SPEAKER_KEYS`, `TEXT_KEYS`: what chat
exports, transcription services and hand-made files use); the first one present is used.
A message without a speaker is narration. Voices a service names by a letter or a number
(AssemblyAI's `A`, Deepgram's `0`) are `Speaker A`, `Speaker 0`; times in milliseconds (past
the recording's length, or past a day) are read as such, with a warning. A list in which no
object has a text key is not this format (the registry then says what the file is not).
"""

from __future__ import annotations

import hashlib
import math
from pathlib import PurePath
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.base import (
    FileReader,
    decoded,
    json_of,
    parser_info,
    speaker_id,
    speakers_of,
)
from onrecord.model import Document, Turn
from onrecord.sources import limits

SPEAKER_KEYS = ("speaker", "name", "author", "speaker_name", "from", "user", "role")
TEXT_KEYS = ("text", "content", "utterance", "message", "body", "transcript")
START_KEYS = ("start", "timestamp", "start_time")
END_KEYS = ("end", "end_time")
LIST_KEYS = ("messages", "utterances", "turns")  # an object that wraps the list
HEAD_KEYS = ("title", "date", "time", "place", "url", "language")


def messages_of(parsed: Any) -> tuple[list[Any], dict[str, Any]] | None:
    """(messages, the wrapping object or {}) when `parsed` is a message list, else None."""
    wrapper: dict[str, Any] = {}
    if isinstance(parsed, dict):
        found = next((parsed[k] for k in LIST_KEYS if isinstance(parsed.get(k), list)), None)
        if found is None:
            return None
        parsed, wrapper = found, parsed
    if not isinstance(parsed, list) or not parsed:
        return None
    if not all(isinstance(m, dict) for m in parsed):
        return None
    if not any(_first(m, TEXT_KEYS) is not None for m in parsed):
        return None
    return parsed, wrapper


def _first(message: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((message[k] for k in keys if k in message), None)


class MessagesReader(FileReader):
    name = "messages"
    suffixes: tuple[str, ...] = (".json",)
    version = "2"

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        start = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
        if not start.startswith((b"[", b"{")):
            return False
        return messages_of(json_of(data)) is not None

    def parse(self, data: bytes, source: str) -> list[Document]:
        found = messages_of(limits.loads(decoded(data, source), source))
        if found is None:
            raise InputError(
                f"not a message list: no object with a text key (field: {'/'.join(TEXT_KEYS)})",
                source=source,
            )
        messages, head = found
        voices = _numbered_voices(messages)
        names: dict[str, str] = {}
        turns: list[Turn] = []
        for n, message in enumerate(messages):
            turn = _turn(message, len(turns), names, f"{source}: message {n + 1}", voices)
            if turn is not None:
                turns.append(turn)
        warnings = _in_seconds(turns, head)
        document = Document(
            id=PurePath(source).stem,
            source=source,
            sha256=hashlib.sha256(data).hexdigest(),
            parser=parser_info(self),
            speakers=speakers_of(names),
            turns=turns,
            warnings=warnings,
        )
        for key in HEAD_KEYS:
            if isinstance(head.get(key), str):
                setattr(document, key, head[key])
        return [document]


def _turn(
    message: dict[str, Any], index: int, names: dict[str, str], where: str, voices: bool
) -> Turn | None:
    text = _first(message, TEXT_KEYS)
    if text is None:
        return None
    if not isinstance(text, str):
        raise InputError(f"not a string (field: {_key(message, TEXT_KEYS)})", source=where)
    speaker = _first(message, SPEAKER_KEYS)
    if isinstance(speaker, int) and not isinstance(speaker, bool):
        speaker = str(speaker)  # Deepgram's and others' numbered voices: `"speaker": 0`
    if speaker is not None and not isinstance(speaker, str):
        raise InputError(f"not a string (field: {_key(message, SPEAKER_KEYS)})", source=where)
    name = " ".join((speaker or "").split())
    name = f"Speaker {name}" if voices and name else name
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        return None
    start, end = _first(message, START_KEYS), _first(message, END_KEYS)
    return Turn(
        index,
        name,
        speaker_id(name, names) if name else "",
        paragraphs,
        _time(start),
        _time(end),
    )


def _time(value: Any) -> float | None:
    """A message's time where it is a number of seconds; else none (a chat export's
    `timestamp` may be a date, which is no time into a recording)."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return value if number and math.isfinite(value) else None


def _numbered_voices(messages: list[Any]) -> bool:
    """Whether the speakers are a service's voices, named by a letter or a number (`A`, `B`
    as AssemblyAI names them, `0`, `1` as Deepgram does): `Speaker A`, not a person `A`.
    `Q` and `A` are a question and its answer."""
    found = {str(_first(m, SPEAKER_KEYS)) for m in messages if _first(m, SPEAKER_KEYS) is not None}
    short = all((len(name) == 1 and name.isalnum()) or name.isdigit() for name in found)
    return bool(found) and short and not found <= {"Q", "A"}


# More than a day, in seconds: no one transcript is that long, so such times are in ms.
MAX_SECONDS = 86_400


def _in_seconds(turns: list[Turn], head: dict[str, Any]) -> list[str]:
    """Times in seconds, as every reader keeps them: a service's milliseconds (AssemblyAI's
    `"start": 250` for a quarter of a second) are divided, and the warning says so."""
    times = [t for turn in turns for t in (turn.start, turn.end) if t is not None]
    if not times:
        return []
    longest = max(times)
    duration = head.get("audio_duration")
    if isinstance(duration, int | float) and not isinstance(duration, bool) and duration > 0:
        in_ms = longest > 2 * duration  # the recording's length is given in seconds
    else:
        in_ms = all(isinstance(t, int) for t in times) and longest > MAX_SECONDS
    if not in_ms:
        return []
    for turn in turns:
        turn.start = turn.start / 1000 if turn.start is not None else None
        turn.end = turn.end / 1000 if turn.end is not None else None
    return [f"times read as milliseconds (the latest, {longest}, is past the recording's end)"]


def _key(message: dict[str, Any], keys: tuple[str, ...]) -> str:
    return next(k for k in keys if k in message)
