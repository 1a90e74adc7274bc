"""What a figure is about: the counted thing, named from the words around it.

Rules, in order, for each figure of one text (a turn or the lead); the rule that named the
subject is kept as `source`, because only some of them link two figures:

1. `apposition`: a figure set off by a comma right after another of the same unit
   (`more than 1000 kilometres, 1,300 kilometres`): the same subject as that one;
2. `anaphora`: `the figure at N`: the previous figure's subject, restated;
   `part`: `N of them`, `of which N`: the previous figure's subject, a part of it, with this
   figure's qualifiers (`from Russia`) replacing its own;
3. `after`: a noun phrase right after it: `20,000 foreign militants are fighting in Syria`;
4. `ellipsis`: only a qualifier after it (`around 5,000 from Central Asia`): the previous
   figure's subject with this qualifier;
5. `before`: the noun phrase before it in its clause (`Kyrgyzstan’s trade is up 2.5-fold`),
   named by its dimension when the unit has one (`length of the Afghan border`).

Qualifiers are the first `in X`, `from X`, `under X` and `of X` of the figure's clause, up
to the next figure; `in`, `under` and `of` only with a proper name (`in Syria`, not
`in progress`).
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
    ago since later earlier before after until whereas including during within through
    throughout against without via among like near along toward towards upon beyond
    compared""".split()
)
_DETERMINERS = frozenset("the this that these those our its their his her my your a an".split())
_PART_AFTER = re.compile(r"\s+of\s+(?:them|these|those|which|whom)\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\bof\s+(?:which|whom|them|these)\b[^,;]{0,30}$", re.IGNORECASE)
_RESTATED_BEFORE = re.compile(
    r"\b(?:the|this|that|the\s+same)\s+figure\s+(?:is\s+|was\s+|stands\s+at\s+|at\s+)?"
    r"(?:now\s+|still\s+)?$",
    re.IGNORECASE,
)
# "in 2011 the figure was", "in April this figure is": another period, not a restatement.
_PERIOD_BEFORE = re.compile(
    r"(?:\b(?:year|month|quarter|week|era|period|today|now|January|February|March|April|May|"
    r"June|July|August|September|October|November|December)|\d{4})\W+(?:the|this)\s+figure",
    re.IGNORECASE,
)
# "compared to only 600 million tonnes": a figure set against another, not a restatement.
_CONTRAST_BEFORE = re.compile(
    r"\b(?:compared\s+(?:to|with)|against|versus|vs\.?|than|up\s+from|down\s+from|from)\s+"
    r"(?:only\s+|just\s+|some\s+)?$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"\b(in|from|under|of)\s+", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"[;.!?]|,\s+(?:and|but|while|whereas|which|of\s+which)\b|\b(?:and|whereas)\b\s+(?=\S+\s+\d)"
)
_CLAUSE_BREAK = re.compile(r"[,;:()–—]|\b(?:and|but|whereas|while)\b")
_APPOSITION = re.compile(r"\s*[,–—]\s*(?:or\s+|even\s+|that\s+is\s+)?$")
LIST_GAP = 16  # chars: figures closer than this to each other on both sides form a list
ANTECEDENT_WINDOW = 600  # chars: an anaphoric figure looks this far back for its subject
CLAUSE_CHARS = 200  # a figure's clause is searched this far for its subject and qualifiers


@dataclass
class Subject:
    head: str = ""
    qualifiers: dict[str, str] = field(default_factory=dict)
    dimension: str = ""
    source: str = ""  # apposition | anaphora | part | after | ellipsis | before | contrast
    link: int | None = None  # start of the figure restated (apposition, anaphora)

    def render(self) -> str:
        if not self.head:
            return ""
        parts = [self.head] + [f"{k} {v}" for k, v in self.qualifiers.items() if v]
        text = " ".join(parts)
        return f"{self.dimension} of {text}" if self.dimension else text


@dataclass
class _Context:
    text: str
    sentences: list[tuple[int, int]]
    figures: list[Figure]
    previous: list[tuple[Figure, Subject]] = field(default_factory=list)


def assign_about(text: str, figures: list[Figure], sentences: list[tuple[int, int]]) -> None:
    """Set `about`, `about_parts` and `about_source` on each figure, in place."""
    context = _Context(text, sentences, figures)
    for index, fig in enumerate(figures):
        subject = _subject(context, index)
        context.previous.append((fig, subject))
        fig.about = subject.render() or None
        fig.about_parts = {"head": subject.head, **subject.qualifiers}
        fig.about_source = subject.source if fig.about else ""
        fig.about_link = subject.link if fig.about else None


def _subject(context: _Context, index: int) -> Subject:
    text, fig, previous = context.text, context.figures[index], context.previous
    sent_start, sent_end = _sentence_of(fig, context.sentences, len(text))
    next_start = context.figures[index + 1].start if index + 1 < len(context.figures) else sent_end
    clause_end = _clause_end(text, fig.end, min(sent_end, max(next_start, fig.end)))
    qualifiers = _qualifiers(text[fig.end : clause_end])
    antecedent = _antecedent(fig, previous)
    before = text[max(sent_start, fig.start - CLAUSE_CHARS) : fig.start]
    if previous and _apposition(context, index) and previous[-1][1].head:
        return _restate(previous[-1], "apposition")
    if _CONTRAST_BEFORE.search(before[-40:]):
        subject = _plain_subject(text, fig, before, clause_end, qualifiers)
        return Subject(subject.head, subject.qualifiers, subject.dimension, "contrast")
    if _RESTATED_BEFORE.search(before):
        restated = antecedent and not _PERIOD_BEFORE.search(before[-60:])
        return _restate(previous[-1], "anaphora") if restated else Subject()
    if _PART_AFTER.match(text, fig.end) or _PART_BEFORE.search(before):
        return _inherit(antecedent, qualifiers, "part") if antecedent else Subject()
    if (
        qualifiers
        and antecedent
        and fig.unit is None
        and not _head_after(text, fig.end, clause_end)
    ):
        return _inherit(antecedent, qualifiers, "ellipsis")
    return _plain_subject(text, fig, before, clause_end, qualifiers)


def _plain_subject(
    text: str, fig: Figure, before: str, clause_end: int, qualifiers: dict[str, str]
) -> Subject:
    head = _head_after(text, fig.end, clause_end)
    if head:
        return Subject(head, qualifiers, source="after")
    np = _noun_phrase_before(before)
    dimension = UNIT_DIMENSION.get(fig.unit or "", "") if np else ""
    return Subject(np, qualifiers if fig.unit is None else {}, dimension, "before")


def _apposition(context: _Context, index: int) -> bool:
    """`more than 1000 kilometres, 1,300 kilometres`: a restatement of the figure before.

    Not when the two are part of a longer list (`10, 20, maximum 30 years`), nor ranges.
    """
    figures, text = context.figures, context.text
    prev, fig = figures[index - 1], figures[index]
    gap = fig.start - prev.end
    if not (0 <= gap < 12 and prev.unit == fig.unit) or "range" in (prev.bound, fig.bound):
        return False
    after = figures[index + 1].start - fig.end if index + 1 < len(figures) else LIST_GAP
    before = prev.start - figures[index - 2].end if index >= 2 else LIST_GAP
    if min(after, before) < LIST_GAP:
        return False
    return bool(_APPOSITION.fullmatch(text[prev.end : fig.start]))


def _restate(previous: tuple[Figure, Subject], source: str) -> Subject:
    fig, subject = previous
    return Subject(subject.head, dict(subject.qualifiers), subject.dimension, source, fig.start)


def _inherit(antecedent: Subject, qualifiers: dict[str, str], source: str) -> Subject:
    merged = {**antecedent.qualifiers, **qualifiers}
    return Subject(antecedent.head, merged, antecedent.dimension, source)


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
    limit = min(limit, start + CLAUSE_CHARS)
    m = _CLAUSE_END.search(text, start, limit)
    return m.start() if m else limit


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
    if len(head) == 1 and head[0].endswith(("ed", "ing")):
        return ""  # "180 billion rubles allocated from ...": a participle, not the thing
    return " ".join(head)


def _qualifiers(clause: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _QUALIFIER.finditer(clause):
        key = m.group(1).lower()
        if key in found or (key == "of" and not clause[: m.start()].strip()):
            continue  # "a third of X": X is the head, not a qualifier
        np = _phrase(_words(clause[m.end() :]))
        named = np[:1].isupper() or (np.startswith("the ") and np[4:5].isupper())
        if np and (key == "from" or named):
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
    """The nearest noun phrase before the figure, looking back clause by clause.

    A clause with no noun phrase (`which is long`) is passed over, so that `the Afghan
    border, which is long, more than 1000 kilometres` finds `the Afghan border`.
    """
    pieces = _CLAUSE_BREAK.split(before)
    for piece in reversed(pieces[-4:]):
        np = _last_noun_phrase(_words(piece))
        if np:
            return np
    return ""


def _last_noun_phrase(tokens: list[str]) -> str:
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        is_possessive = token.endswith(("’s", "'s")) and token[0].isupper()
        if token.lower() in _DETERMINERS or is_possessive:
            if i > 0 and tokens[i - 1].lower() == "of":
                continue
            start = i if is_possessive or token.lower() in ("the", "a", "an") else i + 1
            np = _phrase_with_of(tokens[start:])
            if np:
                return np
    return ""


def _phrase_with_of(tokens: list[str]) -> str:
    out: list[str] = []
    for j, token in enumerate(tokens[:8]):
        lower = token.lower()
        allowed = (lower in ("the", "a", "an") and j == 0) or (lower == "of" and out)
        if not token[0].isalpha() or (lower in _STOP and not allowed):
            break
        out.append(token)
    while out and out[-1].lower() in ("of", "the"):
        out.pop()
    if out and out[0] in ("The", "A", "An"):  # sentence-initial: the same thing
        out[0] = out[0].lower()
    has_article = bool(out) and out[0].lower() in ("the", "a", "an")
    return " ".join(out) if len(out) > (1 if has_article else 0) else ""
