"""What the readers of speech-to-text services' JSON share (Amazon Transcribe, Deepgram,
Rev.ai, Azure AI Speech, Google Speech-to-Text): each says where its part of the file is
(`found`) and what cues that part holds (`cues`); sniffing, reading and refusing are the same
for all."""

from __future__ import annotations

import re
from typing import Any

from onrecord.errors import InputError
from onrecord.imports.base import FileReader, decoded, json_of, parser_info, start_of
from onrecord.imports.cues import Cue, document_from_cues
from onrecord.model import Document
from onrecord.sources import limits


class SpeechJsonReader(FileReader):
    """A service's JSON: recognised by a pattern of its first bytes, then by its part being
    there; its cues in order, and consecutive cues of one speaker one turn."""

    suffixes: tuple[str, ...] = (".json",)
    version = "1"
    opening: re.Pattern[bytes]  # searched in the first bytes (`start_of`)
    missing: str  # the error where the part is not there
    empty: str  # the error where it holds no words

    def found(self, parsed: Any) -> Any:
        """The part of the parsed file this service writes; None where it is not its file."""
        raise NotImplementedError

    def cues(self, found: Any, source: str) -> list[Cue]:
        raise NotImplementedError

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        return bool(self.opening.search(start_of(data))) and self.found(json_of(data)) is not None

    def parse(self, data: bytes, source: str) -> list[Document]:
        found = self.found(limits.loads(decoded(data, source), source))
        if found is None:
            raise InputError(self.missing, source=source)
        spoken = [cue for cue in self.cues(found, source) if cue.text]
        if not spoken:
            raise InputError(self.empty, source=source)
        return [document_from_cues(spoken, data, source, parser_info(self))]
