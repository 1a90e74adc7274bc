"""Timed cues (subtitles, speech-to-text segments) -> turns: who said it, from when to when.

Consecutive cues of the same speaker form one turn, its text the cues joined by spaces and
its start/end the first cue's start and the last cue's end. A cue without a speaker
continues the turn before it, as subtitles mark a voice only when it changes.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from onrecord.imports.base import speaker_id, speakers_of
from onrecord.model import Document, Turn

# <v Name> or <v.class Name>: WebVTT's voice span.
_VOICE = re.compile(r"<v(?:\.[\w.\-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")
# `NAME:` / `Jane Doe:` / `- NAME:` / `>> NAME:` at the start of a line: up to six words,
# each capitalised, so that an ordinary sentence with a colon is not taken for a speaker.
_PREFIX = re.compile(r"^(?:>>\s*|-\s*)?([A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,5}):\s+(?=\S)")


@dataclass
class Cue:
    speaker: str  # the name as written, "" when the cue does not say
    text: str
    start: float | None = None
    end: float | None = None


def split_payload(lines: list[str], start: float | None, end: float | None) -> list[Cue]:
    """A cue's text lines -> one Cue per voice in it (a voice tag or a NAME: prefix starts one)."""
    cues: list[Cue] = []
    for line in lines:
        speaker, text = _voice_of(line)
        text = " ".join(html.unescape(_TAG.sub("", text)).split())
        if speaker or not cues:
            cues.append(Cue(speaker, text, start, end))
        else:
            cues[-1].text = f"{cues[-1].text} {text}".strip()
    return [c for c in cues if c.text]


def _voice_of(line: str) -> tuple[str, str]:
    voice = _VOICE.search(line)
    if voice:
        return " ".join(html.unescape(voice.group(1)).split()), line[voice.end() :]
    plain = _TAG.sub("", line)
    prefix = _PREFIX.match(plain)
    if prefix:
        return prefix.group(1).strip(), plain[prefix.end() :]
    return "", line


def turns_from_cues(cues: Iterable[Cue]) -> tuple[list[Turn], dict[str, str]]:
    """Merge consecutive cues of one speaker; returns turns and speaker id -> name."""
    turns: list[Turn] = []
    names: dict[str, str] = {}
    for cue in cues:
        current = turns[-1] if turns else None
        if current is not None and (not cue.speaker or cue.speaker == current.label):
            current.paragraphs[0] = f"{current.paragraphs[0]} {cue.text}"
            current.end = cue.end if cue.end is not None else current.end
            continue
        ident = speaker_id(cue.speaker, names) if cue.speaker else ""
        turns.append(Turn(len(turns), cue.speaker, ident, [cue.text], cue.start, cue.end))
    return turns, names


def document_from_cues(
    cues: Iterable[Cue], data: bytes, source: str, parser: dict[str, str], title: str = ""
) -> Document:
    """A document of the cues of one input: id from the file name, sha256 of its bytes."""
    turns, names = turns_from_cues(cues)
    return Document(
        id=PurePath(source).stem,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        parser=parser,
        title=title,
        speakers=speakers_of(names),
        turns=turns,
    )
