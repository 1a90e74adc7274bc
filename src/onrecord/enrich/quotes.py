"""Did this person say this? The closest passage to a quotation, with the differences.

The quotation is compared with windows of consecutive sentences of each turn (word
level, case and punctuation folded). `exact` when every word matches in order, `near` when
the similarity is at least `NEAR_THRESHOLD`, otherwise no such statement.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from onrecord.enrich.reports import speaker_matches, speaker_of
from onrecord.enrich.sentences import split_sentences
from onrecord.enrich.units import unit_text, units
from onrecord.model import Document
from onrecord.names import permalink

# A quotation with a word or two changed keeps 0.8-0.95 of its words in order; an unrelated
# sentence on the same subject keeps below 0.5 (checked on quotations altered by hand
# against the seed).
NEAR_THRESHOLD = 0.7
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[\w’'-]+")  # 20,000 is one word


@dataclass
class Match:
    score: float
    document: Document
    turn: int | None
    start: int
    end: int
    passage: str


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def find_quote(
    documents: Iterable[Document], quote: str, *, speaker: str | None = None
) -> dict[str, Any]:
    """The closest passage to `quote` (by `speaker`, if given) and how it differs."""
    wanted = _words(quote)
    if not wanted:
        return {"found": False, "match": "none", "quote": quote, "reason": "empty quotation"}
    best: Match | None = None
    for document in documents:
        for match in _candidates(document, wanted, speaker):
            if best is None or (match.score, best.end - best.start) > (
                best.score,
                match.end - match.start,
            ):
                best = match
    if best is None or best.score < NEAR_THRESHOLD:
        who = f" by {speaker}" if speaker else ""
        closest = _result(best, quote, wanted) if best is not None and best.score > 0 else None
        return {
            "found": False,
            "match": "none",
            "quote": quote,
            "reason": f"no such statement{who} in the archive",
            "closest": closest,
        }
    return _result(best, quote, wanted)


def _candidates(document: Document, wanted: list[str], speaker: str | None) -> Iterable[Match]:
    wanted_set = set(wanted)
    for unit in units(document):
        if speaker and not speaker_matches(speaker_of(document, unit.turn), speaker):
            continue
        if len(wanted_set & set(_words(unit.text))) < max(1, len(wanted_set) // 2):
            continue
        sentences = split_sentences(unit.text)
        for i in range(len(sentences)):
            for j in range(i, min(i + 3, len(sentences))):
                start, end = sentences[i][0], sentences[j][1]
                score = _similarity(wanted, _words(unit.text[start:end]))
                yield Match(score, document, unit.turn, start, end, unit.text[start:end])


def _similarity(quoted: list[str], said: list[str]) -> float:
    """Share of the quotation's words found in order in the passage, discounted when the
    matched words are spread thin (a stray "is" two sentences away adds little)."""
    if len(set(quoted) & set(said)) < NEAR_THRESHOLD * len(set(quoted)):
        return 0.0
    matcher = difflib.SequenceMatcher(None, quoted, said, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0.0
    matched = sum(b.size for b in blocks)
    region = blocks[-1].b + blocks[-1].size - blocks[0].b
    return matched / len(quoted) * (matched / region) ** 0.25


def _result(best: Match, quote: str, wanted: list[str]) -> dict[str, Any]:
    said = _words(best.passage)
    exact = " ".join(wanted) in " ".join(said)
    doc = best.document
    diffs = [] if exact else differences(wanted, said)
    figures_differ = [d for d in diffs if _is_figure(d["quoted"]) or _is_figure(d["said"])]
    return {
        "found": True,
        "match": "exact" if exact else "figure differs" if figures_differ else "near",
        "score": round(1.0 if exact else best.score, 3),
        "quote": quote,
        "passage": best.passage,
        "doc_id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "speaker": speaker_of(doc, best.turn),
        "turn": best.turn,
        "start": best.start,
        "end": best.end,
        "permalink": _permalink(doc, best.turn, best.start),
        "differences": diffs,
        "figures_differ": figures_differ,
        "marked": "" if exact else marked(wanted, said),
    }


def _permalink(doc: Document, turn: int | None, start: int) -> str:
    base = doc.url or doc.id
    if turn is None:  # the lead has no paragraph anchor
        return base
    paragraph = unit_text(doc, turn)[:start].count("\n\n")
    return permalink(base, turn, paragraph)  # `#p3` in the preamble, `#t12-p3` in a turn


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion trillion half dozen".split()
)


def _is_figure(words: str) -> bool:
    """Differing words that hold a figure (digits or a number word)."""
    return any(c.isdigit() for c in words) or bool(set(words.split()) & _NUMBER_WORDS)


def marked(quoted: list[str], said: list[str]) -> str:
    """The record's wording over the part the quotation covers, with what differs marked:
    [-words only in the quotation-] {+what the record says instead+}."""
    matcher = difflib.SequenceMatcher(None, quoted, said, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if blocks:
        said = said[blocks[0].b : blocks[-1].b + blocks[-1].size]
        matcher = difflib.SequenceMatcher(None, quoted, said, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(" ".join(said[j1:j2]))
            continue
        if i2 > i1:
            parts.append(f"[-{' '.join(quoted[i1:i2])}-]")
        if j2 > j1:
            parts.append(f"{{+{' '.join(said[j1:j2])}+}}")
    return " ".join(parts)


def differences(quoted: list[str], said: list[str]) -> list[dict[str, str]]:
    """Word-level differences: what the quotation has where the record says otherwise."""
    out = []
    matcher = difflib.SequenceMatcher(None, quoted, said, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if blocks:  # compare with the part of the passage the quotation covers
        said = said[blocks[0].b : blocks[-1].b + blocks[-1].size]
        matcher = difflib.SequenceMatcher(None, quoted, said, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            out.append({"op": op, "quoted": " ".join(quoted[i1:i2]), "said": " ".join(said[j1:j2])})
    return out
