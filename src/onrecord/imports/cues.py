"""Timed cues (subtitles, speech-to-text segments) -> turns: who said it, from when to when.

Consecutive cues of the same speaker form one turn, its text the cues joined by spaces and
its start/end the first cue's start and the last cue's end. A cue without a speaker
continues the turn before it, as subtitles mark a voice only when it changes.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.base import speaker_id, speakers_of
from onrecord.model import Document, Turn
from onrecord.names import UNKNOWN_VOICE

# <v Name> or <v.class Name>: WebVTT's voice span.
_VOICE = re.compile(r"<v(?:\.[\w.\-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")
# `NAME:` / `Jane Doe:` / `- NAME:` / `>> NAME:` at the start of a line: up to six words,
# each capitalised, so that an ordinary sentence with a colon is not taken for a speaker; the
# name may end its line, the speech on the next.
_PREFIX = re.compile(
    r"^(?:>>\s*|-\s*)?([A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,5}):(?:\s+(?=\S)|\s*$)"
)
# Broadcast captions run a new speaker's name in capitals on after the last words of the one
# before (`... the people. GEORGE STEPHANOPOULOS: Congresswoman`).
_CAPS_NAME_INSIDE = re.compile(
    r"(?<=[a-z0-9][.?!,]) +(?=(?:[A-Z][A-Z'.\-]+ ){0,4}[A-Z][A-Z'.\-]+:(?:\s|$))"
)
# `- Yes.` / `>> Thank you.`: a caption's mark that another voice speaks, name unsaid.
_VOICE_CHANGE = re.compile(r"^(?:-|>>)\s+(?=\S)")
WORDS_PER_NAME = 6
# How a file marks its voices, decided once for the file: a voice tag anywhere means that a
# `Court:` opening a line is speech ('... may it please the / Court: When this case ...').
VOICE_TAGS, PREFIXES, DASHES = "voice tags", "name prefixes", "voice-change dashes"


@dataclass
class Cue:
    speaker: str  # the name as written, "" when the cue does not say
    text: str
    start: float | None = None
    end: float | None = None
    new_voice: bool = False  # another, unnamed voice starts here (`- ` in captions)


def voice_marking(lines: Iterable[str]) -> str:
    """How a file's cue lines mark who speaks: voice tags, name prefixes or dashes."""
    prefixes = dashes = 0
    for line in lines:
        if _VOICE.search(line):
            return VOICE_TAGS
        plain = _TAG.sub("", line)
        prefixes += bool(_PREFIX.match(plain) or _CAPS_NAME_INSIDE.search(plain))
        dashes += bool(_VOICE_CHANGE.match(plain))
    return DASHES if dashes > 1 and prefixes == 0 else PREFIXES


def split_payload(
    lines: list[str], start: float | None, end: float | None, marking: str = PREFIXES
) -> list[Cue]:
    """A cue's text lines -> one Cue per voice in it (a voice tag, a NAME: prefix or a dash,
    as the file marks voices, starts one)."""
    cues: list[Cue] = []
    for line in _split_names_inside(lines) if marking == PREFIXES else lines:
        speaker, text, new_voice = _voice_of(line, marking)
        text = plain_text(text)
        if speaker or new_voice or not cues:
            cues.append(Cue(speaker, text, start, end, new_voice))
        else:
            cues[-1].text = f"{cues[-1].text} {text}".strip()
    return [c for c in cues if c.text or c.speaker]


def plain_text(line: str) -> str:
    """A cue line's words: its tags (voices, inline times, styles) out, entities read."""
    return " ".join(html.unescape(_TAG.sub("", line)).split())


def _split_names_inside(lines: list[str]) -> list[str]:
    return [part for line in lines for part in _CAPS_NAME_INSIDE.split(line)]


def _voice_of(line: str, marking: str) -> tuple[str, str, bool]:
    voice = _VOICE.search(line)
    if voice:
        return " ".join(html.unescape(voice.group(1)).split()), line[voice.end() :], False
    plain = _TAG.sub("", line)
    if marking == DASHES:
        change = _VOICE_CHANGE.match(plain)
        return ("", plain[change.end() :], True) if change else ("", line, False)
    prefix = _PREFIX.match(plain) if marking == PREFIXES else None
    if prefix and len(prefix.group(1).split()) <= WORDS_PER_NAME:
        return prefix.group(1).strip(), plain[prefix.end() :], False
    if marking == PREFIXES and plain.startswith(">>"):
        # `>> The economy is strong.`: broadcast captions' mark of another voice, which
        # names some speakers and not others; never the named voice before it
        return "", plain[2:].lstrip(), True
    return "", line, False


def seconds(value: Any, field: str, where: str, per_second: float = 1) -> float | None:
    """A time in seconds from a number, or a string of one (as Amazon writes them), counted in
    units of which `per_second` make a second; None where there is none. InputError where it
    is no finite number: a time of `NaN` or `1e999` would sort and play nowhere."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(f"not a number (field: {field})", source=where)
    try:
        number = float(value)
    except ValueError as err:
        raise InputError(f"not a number (field: {field})", source=where) from err
    if not math.isfinite(number):
        raise InputError(f"not a finite number (field: {field})", source=where)
    return round(number / per_second, 3) if per_second != 1 else number


def numbered_voice(value: Any, where: str) -> str:
    """A voice a service numbers (`"speaker": 0`) as `Speaker 0`; '' where none is given."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("not a number (field: speaker)", source=where)
    return f"Speaker {value}"


def turns_from_cues(cues: Iterable[Cue]) -> tuple[list[Turn], dict[str, str]]:
    """Merge consecutive cues of one speaker; returns turns and speaker id -> name."""
    turns: list[Turn] = []
    names: dict[str, str] = {}
    for cue in cues:
        current = turns[-1] if turns else None
        continues = not cue.speaker and not cue.new_voice
        if current is not None and (continues or cue.speaker == current.label):
            current.paragraphs[0] = f"{current.paragraphs[0]} {cue.text}".strip()
            current.end = cue.end if cue.end is not None else current.end
            continue
        label = cue.speaker or (UNKNOWN_VOICE if cue.new_voice else "")
        ident = speaker_id(label, names) if label else ""
        turns.append(Turn(len(turns), label, ident, [cue.text], cue.start, cue.end))
    return turns, names


def document_from_cues(
    cues: Iterable[Cue], data: bytes, source: str, parser: dict[str, str], title: str = ""
) -> Document:
    """A document of the cues of one input: id from the file name, sha256 of its bytes."""
    turns, names = turns_from_cues(cues)
    document = Document(
        id=PurePath(source).stem,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        parser=parser,
        title=title,
        speakers=speakers_of(names),
        turns=turns,
    )
    from onrecord.parse import attribution  # the parser loads only when a file is read

    return attribution.check(document)
