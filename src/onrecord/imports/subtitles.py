"""WebVTT and SRT subtitles with speakers (`<v Name>` voice tags or `NAME:` prefixes).

Both are blocks separated by blank lines; a cue block is an optional identifier (SRT: a
number), a timing line `start --> end`, and the text. A malformed cue raises InputError
naming the file, the line and the field (`timing`, `start`, `end`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from onrecord.errors import InputError
from onrecord.imports.base import FileReader, decoded, parser_info, start_of
from onrecord.imports.cues import (
    Cue,
    document_from_cues,
    plain_text,
    split_payload,
    voice_marking,
)
from onrecord.model import Document

_VTT_TIME = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)[.](\d{3})$")
_SRT_TIME = re.compile(r"^(\d+):([0-5]\d):([0-5]\d)[,.](\d{1,3})$")
_TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)(?:\s+.*)?$")
_VTT_HEADER = re.compile(r"^WEBVTT(?:[ \t](.*))?$")
_SRT_SNIFF = re.compile(rb"^\s*\d+\s*\r?\n\s*\d+:\d\d:\d\d[,.]\d+\s+-->", re.MULTILINE)
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass
class LineRun:
    line: int  # 1-based number of the block's first line
    lines: list[str]


def blocks(lines: list[str], first: int = 0) -> Iterator[LineRun]:
    """Runs of non-blank lines from `lines[first:]`, with their line numbers."""
    current: LineRun | None = None
    for n in range(first, len(lines)):
        if lines[n].strip():
            if current is None:
                current = LineRun(n + 1, [])
            current.lines.append(lines[n])
        elif current is not None:
            yield current
            current = None
    if current is not None:
        yield current


def vtt_blocks(lines: list[str]) -> Iterator[LineRun]:
    """Blocks as WebVTT's own parser reads them: a cue's text runs to an empty line, or to a
    line holding `-->`, which opens the next cue. A line of spaces is text: YouTube's
    captions open each cue's text with one."""
    current: LineRun | None = None
    for n, line in enumerate(lines):
        opens = "-->" in line and current is not None and any("-->" in x for x in current.lines)
        if not line or opens:
            if current is not None:
                yield current
            current = None
        if line:
            if current is None:
                current = LineRun(n + 1, [])
            current.lines.append(line)
    if current is not None:
        yield current


def seconds(stamp: str, pattern: re.Pattern[str]) -> float | None:
    match = pattern.match(stamp)
    if match is None:
        return None
    hours, minutes, secs, millis = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis.ljust(3, "0")) / 1000


def parse_timing(line: str, where: str, pattern: re.Pattern[str]) -> tuple[float, float]:
    match = _TIMING.match(line)
    if match is None:
        raise InputError(
            f"malformed cue: no 'start --> end' in {line.strip()!r} (field: timing)", source=where
        )
    start = seconds(match.group(1), pattern)
    end = seconds(match.group(2), pattern)
    if start is None:
        raise InputError(f"malformed cue: bad time {match.group(1)!r} (field: start)", source=where)
    if end is None:
        raise InputError(f"malformed cue: bad time {match.group(2)!r} (field: end)", source=where)
    if end < start:
        raise InputError(
            f"malformed cue: ends at {end} before it starts at {start} (field: end)", source=where
        )
    return start, end


@dataclass
class Timed:
    start: float
    end: float
    lines: list[str]


def cues_of(timed: list[Timed]) -> list[Cue]:
    """The cues of a file, its voices marked the one way the file marks them."""
    timed = _without_rolled_lines(timed)
    marking = voice_marking(line for cue in timed for line in cue.lines)
    return [c for t in timed for c in split_payload(t.lines, t.start, t.end, marking)]


MIN_ROLLED, ROLLED_SHARE = 2, 0.75  # of pairs of cues, for a file's captions to roll up


def _without_rolled_lines(timed: list[Timed]) -> list[Timed]:
    """Captions that roll up (YouTube's automatic ones) show the line before again above
    each cue's new words, and the finished line alone in a cue of a few milliseconds. Where
    nearly every cue opens with the line that ended the cue before, that line is shown
    again, not said again: it is dropped."""
    plain = [[plain_text(line) for line in cue.lines if plain_text(line)] for cue in timed]
    pairs = list(itertools.pairwise(plain))
    rolled = sum(1 for before, now in pairs if before and now and now[0] == before[-1])
    if rolled < MIN_ROLLED or rolled < ROLLED_SHARE * len(pairs):
        return timed
    kept: list[Timed] = []
    last = ""
    for cue, shown in zip(timed, plain, strict=True):
        lines = [line for line in cue.lines if plain_text(line)]
        if shown and shown[0] == last:
            lines = lines[1:]
        last = shown[-1] if shown else last
        kept.append(Timed(cue.start, cue.end, lines))
    return kept


def cue_of(block: LineRun, source: str, pattern: re.Pattern[str]) -> Timed:
    """A cue block -> its times and lines; the timing line is the first or (after an
    identifier) the second."""
    at = next((i for i, line in enumerate(block.lines[:2]) if "-->" in line), None)
    if at is None:
        where = f"{source}:{block.line}"
        raise InputError(
            "malformed cue: no timing line 'start --> end' (field: timing)", source=where
        )
    start, end = parse_timing(block.lines[at], f"{source}:{block.line + at}", pattern)
    return Timed(start, end, block.lines[at + 1 :])


class WebVttReader(FileReader):
    name = "webvtt"
    suffixes: tuple[str, ...] = (".vtt",)
    version = "4"

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        return name.lower().endswith(".vtt") or start_of(data).lstrip().startswith(b"WEBVTT")

    def parse(self, data: bytes, source: str) -> list[Document]:
        lines = decoded(data, source).splitlines()
        header = _VTT_HEADER.match(lines[0].strip()) if lines else None
        if header is None:
            message = "not WebVTT: the first line is not 'WEBVTT' (field: header)"
            raise InputError(message, source=f"{source}:1")
        timed: list[Timed] = []
        all_blocks = vtt_blocks(lines)
        next(all_blocks, None)  # the header block, with any header metadata lines
        for block in all_blocks:
            if block.lines[0].split(" ", 1)[0] not in _VTT_SKIPPED_BLOCKS:
                timed.append(cue_of(block, source, _VTT_TIME))
        title = (header.group(1) or "").strip(" -\t")
        return [document_from_cues(cues_of(timed), data, source, parser_info(self), title=title)]


class SrtReader(FileReader):
    name = "srt"
    suffixes: tuple[str, ...] = (".srt",)
    version = "4"

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        return name.lower().endswith(".srt") or bool(_SRT_SNIFF.match(start_of(data)))

    def parse(self, data: bytes, source: str) -> list[Document]:
        timed = [
            cue_of(block, source, _SRT_TIME) for block in blocks(decoded(data, source).splitlines())
        ]
        return [document_from_cues(cues_of(timed), data, source, parser_info(self))]
