"""A citation of one paragraph: the exact quote, who said it, when, where, and a permalink.

Three renderings of the same record: plain text, BibTeX (biblatex `@misc`) and CSL-JSON
(`type: speech`), so the quote can go into a text, a LaTeX paper or Zotero.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from onrecord.export.attribution import attribution
from onrecord.model import Document
from onrecord.web.reader import anchor, paragraph_at, speaker_of

_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
_KEY_CHARS = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Citation:
    doc_id: str
    anchor: str
    quote: str
    speaker: str
    role: str
    title: str
    date: str
    place: str
    permalink: str
    source_url: str
    attribution: str | None

    @property
    def plain(self) -> str:
        who = f"{self.speaker} ({self.role})" if self.role else self.speaker
        where = ", ".join(x for x in (self.place, self.date) if x)
        lines = [f"“{self.quote}”", f"— {who}, “{self.title}”, {where}.", self.permalink]
        if self.source_url:
            lines.append(f"Original: {self.source_url}")
        if self.attribution:
            lines.append(self.attribution)
        return "\n".join(lines)

    @property
    def bibtex(self) -> str:
        fields = {
            "author": _bib_name(self.speaker),
            "title": self.title,
            "date": self.date,
            "year": self.date[:4],
            "venue": self.place,
            "url": self.permalink,
            "note": _note(self),
        }
        body = ",\n".join(
            f"  {k} = {{{_bib_escape(v) if k != 'url' else v}}}" for k, v in fields.items() if v
        )
        return f"@misc{{{self.key},\n{body}\n}}"

    @property
    def key(self) -> str:
        family = _split_name(self.speaker)[0] or "anon"
        stem = _KEY_CHARS.sub("", family.lower()) or "anon"
        return f"{stem}{self.date[:4]}-{self.doc_id}-{self.anchor}"

    @property
    def csl(self) -> dict[str, Any]:
        family, given = _split_name(self.speaker)
        item: dict[str, Any] = {
            "id": self.key,
            "type": "speech",
            "title": self.title,
            "author": [{"family": family, "given": given} if given else {"literal": family}],
            "genre": "transcript",
            "event-place": self.place,
            "URL": self.permalink,
            "note": _note(self),
            "quote": self.quote,
        }
        parts = [int(x) for x in self.date.split("-") if x.isdigit()]
        if parts:
            item["issued"] = {"date-parts": [parts]}
        return {k: v for k, v in item.items() if v}

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "anchor": self.anchor,
            "quote": self.quote,
            "speaker": self.speaker,
            "role": self.role,
            "title": self.title,
            "date": self.date,
            "place": self.place,
            "permalink": self.permalink,
            "source_url": self.source_url,
            "attribution": self.attribution,
            "plain": self.plain,
            "bibtex": self.bibtex,
            "csl_json": self.csl,
        }

    @property
    def csl_text(self) -> str:
        return json.dumps([self.csl], ensure_ascii=False, indent=2)


def cite(document: Document, turn: int, paragraph: int, base_url: str) -> Citation:
    """Cite paragraph `paragraph` of turn `turn`; `base_url` is the site root for the link."""
    found, text = paragraph_at(document, turn, paragraph)
    name, role = speaker_of(document, found)
    mark = anchor(turn, paragraph)
    return Citation(
        doc_id=document.id,
        anchor=mark,
        quote=text.replace("\u00a0", " "),
        speaker=name,
        role=role,
        title=document.title,
        date=document.date,
        place=document.place,
        permalink=f"{base_url.rstrip('/')}/documents/{document.id}#{mark}",
        source_url=document.url,
        attribution=attribution(document),
    )


def _note(c: Citation) -> str:
    parts = [f"Transcript, turn {c.anchor}"]
    if c.source_url:
        parts.append(f"original: {c.source_url}")
    if c.attribution:
        parts.append(c.attribution)
    return ". ".join(parts)


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) for `Given Family`; one-word names are all family."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])


def _bib_name(name: str) -> str:
    family, given = _split_name(name)
    return f"{family}, {given}" if given else f"{{{family}}}"


def _bib_escape(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _BIBTEX_ESCAPES.get(char, "\\" + char)

    return _BIBTEX_SPECIAL.sub(escape, text.replace("\u00a0", " "))
