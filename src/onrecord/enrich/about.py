"""What a figure is about: the counted thing, named from the words around it.

Rules, in order, for each figure of one text (a turn or the lead):

1. a noun phrase right after it: `20,000 foreign militants are fighting in Syria`;
2. `N of them`, `of which N`, `the figure at N`, or a figure with only a qualifier after it
   (`around 5,000 from Central Asia`): the previous figure's subject, with this one's
   qualifiers (`from Russia`) replacing its own;
3. a figure set off by a comma right after another (`more than 1000 kilometres, 1,300
   kilometres`): the same subject as that one;
4. otherwise the noun phrase before it in its sentence (`Kyrgyzstan’s trade is up 2.5-fold`),
   named by its dimension when the unit has one (`length of the Afghan border`).

Qualifiers are the first `in X`, `from X` and `under X` of the clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from onrecord.enrich.lexicon import UNIT_DIMENSION
from onrecord.enrich.quantities import Figure

_TOKEN = re.compile(r"[A-Za-z][\w’'-]*|[,;:()–—.!?\"“”]")
_STOP = frozenset(
    """a an is are was were be been being has have had will would can could may might must
    shall should do does did come comes came live lives lived work works worked go goes went
    die died took take join joined left arrive arrived fight fighting fought remain remains
    remained stay stayed become became get got make made reach reached rose grew fell
    increased decreased in from at on by for with to into over under per than as across
    between of and or but nor which who whom whose that this these those it its they them
    their we our us you your he his she her i me my already now today still more less also
    only just even about around nearly almost some all each every both either there here
    then so such very not no yes up down out off what when where why how if while year years
    ago""".split()
)
_DETERMINERS = frozenset("the this that these those our its their his her my your".split())
_ANAPHORA_AFTER = re.compile(r"\s+of\s+(?:them|these|those|which|whom)\b", re.IGNORECASE)
_ANAPHORA_BEFORE = re.compile(
    r"(?:\bof\s+(?:which|whom|them|these)|\bthe\s+(?:figure|number|total|amount|estimate))"
    r"\b[^,;]{0,30}$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"\b(in|from|under)\s+", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;.!?]|,\s+(?:and|but|while|which|of\s+which)\b|\band\b\s+(?=\S+\s+\d)")
_APPOSITION = re.compile(r"\s*[,–—]\s*(?:or\s+|even\s+|that\s+is\s+)?$")
ANTECEDENT_WINDOW = 600  # chars: an anaphoric figure looks this far back for its subject


@dataclass
class Subject:
    head: str = ""
    qualifiers: dict[str, str] = field(default_factory=dict)
    dimension: str = ""

    def render(self) -> str:
        if not self.head:
            return ""
        parts = [self.head] + [f"{k} {v}" for k, v in self.qualifiers.items() if v]
        text = " ".join(parts)
        return f"{self.dimension} of {text}" if self.dimension else text


def assign_about(text: str, figures: list[Figure], sentences: list[tuple[int, int]]) -> None:
    """Set `about` and `about_parts` on each figure, in place."""
    subjects: list[tuple[Figure, Subject]] = []
    for fig in figures:
        sent_start, sent_end = _sentence_of(fig, sentences, len(text))
        subject = _subject(text, fig, sent_start, sent_end, subjects)
        subjects.append((fig, subject))
        fig.about = subject.render() or None
        fig.about_parts = {"head": subject.head, **subject.qualifiers}


def _subject(
    text: str,
    fig: Figure,
    sent_start: int,
    sent_end: int,
    previous: list[tuple[Figure, Subject]],
) -> Subject:
    clause_end = _clause_end(text, fig.end, sent_end)
    qualifiers = _qualifiers(text[fig.end : clause_end])
    antecedent = _antecedent(fig, previous)
    before = text[max(sent_start, fig.start - 200) : fig.start]
    if previous and _apposition(text, previous[-1][0], fig) and previous[-1][1].head:
        return _inherit(previous[-1][1], {})
    if _ANAPHORA_AFTER.match(text, fig.end) or _ANAPHORA_BEFORE.search(before):
        return _inherit(antecedent, qualifiers) if antecedent else Subject()
    head = _head_after(text, fig.end, clause_end)
    if head:
        return Subject(head, qualifiers)
    if qualifiers and antecedent and fig.unit is None:
        return _inherit(antecedent, qualifiers)
    np = _noun_phrase_before(before)
    dimension = UNIT_DIMENSION.get(fig.unit or "", "")
    return Subject(np, qualifiers if fig.unit is None else {}, dimension if np else "")


def _apposition(text: str, prev: Figure, fig: Figure) -> bool:
    """`more than 1000 kilometres, 1,300 kilometres`: a restatement of the figure before."""
    gap = fig.start - prev.end
    return (
        0 <= gap < 12
        and prev.unit == fig.unit
        and bool(_APPOSITION.fullmatch(text[prev.end : fig.start]))
    )


def _inherit(antecedent: Subject, qualifiers: dict[str, str]) -> Subject:
    return Subject(antecedent.head, {**antecedent.qualifiers, **qualifiers}, antecedent.dimension)


def _antecedent(fig: Figure, previous: list[tuple[Figure, Subject]]) -> Subject | None:
    for prev, subject in reversed(previous):
        if fig.start - prev.end > ANTECEDENT_WINDOW:
            return None
        if subject.head:
            return subject
    return None


def _sentence_of(fig: Figure, sentences: list[tuple[int, int]], length: int) -> tuple[int, int]:
    i = bisect.bisect_right(sentences, (fig.start, length + 1)) - 1
    if i >= 0 and sentences[i][0] <= fig.start < sentences[i][1]:
        return sentences[i]
    return 0, length


def _clause_end(text: str, start: int, limit: int) -> int:
    m = _CLAUSE_END.search(text, start, min(limit, start + 200))
    return m.start() if m else min(limit, start + 200)


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _head_after(text: str, end: int, clause_end: int) -> str:
    tokens = _words(text[end:clause_end])
    if tokens[:1] == ["of"]:
        tokens = tokens[2:] if tokens[1:2] == ["the"] else tokens[1:]
    head: list[str] = []
    for token in tokens[:6]:
        if not token[0].isalpha() or token.lower() in _STOP:
            break
        head.append(token)
    return " ".join(head)


def _qualifiers(clause: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _QUALIFIER.finditer(clause):
        key = m.group(1).lower()
        if key in found:
            continue
        np = _phrase(_words(clause[m.end() :]))
        if np and (key != "under" or np[0].isupper()):
            found[key] = np
    return found


def _phrase(tokens: list[str]) -> str:
    out: list[str] = []
    for token in tokens[:5]:
        lower = token.lower()
        if not token[0].isalpha() or (lower in _STOP and not (lower == "the" and not out)):
            break
        out.append(token)
    return " ".join(out) if any(t.lower() != "the" for t in out) else ""


def _noun_phrase_before(before: str) -> str:
    tokens = _words(before)
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        is_possessive = token.endswith(("’s", "'s")) and token[0].isupper()
        if token.lower() in _DETERMINERS or is_possessive:
            if i > 0 and tokens[i - 1].lower() == "of":
                continue
            start = i if is_possessive or token.lower() == "the" else i + 1
            np = _phrase_with_of(tokens[start:])
            if np:
                return np
    return ""


def _phrase_with_of(tokens: list[str]) -> str:
    out: list[str] = []
    for j, token in enumerate(tokens[:8]):
        lower = token.lower()
        allowed = (lower == "the" and j == 0) or (lower == "of" and out)
        if not token[0].isalpha() or (lower in _STOP and not allowed):
            break
        out.append(token)
    while out and out[-1].lower() in ("of", "the"):
        out.pop()
    if out and out[0] == "The":  # sentence-initial: "The Afghan border" names the same thing
        out[0] = "the"
    return " ".join(out) if len(out) > (1 if out and out[0].lower() == "the" else 0) else ""
