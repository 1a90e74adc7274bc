"""Rules over the words of one paragraph: typos, glued tokens, number agreement,
unbalanced brackets and quotes, doubled words.

Each rule is `rule(paragraph: Paragraph, vocabulary) -> Iterable[Hit]`, a hit being
(start, end, message, suggestion) in the paragraph's text. The word lists say how each
rule keeps off speech that is right: chosen by reading the findings on DEV pages
(docs/lint.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from onrecord.enrich.gazetteer import common_words
from onrecord.lint.spelling import MIN_LENGTH, Vocabulary


@dataclass(frozen=True)
class Paragraph:
    turn: int  # -1: the preamble
    index: int
    text: str
    last_of_turn: bool = True
    next_text: str = ""
    unit: tuple[str, ...] = ()  # every paragraph of the turn (or the preamble)


Hit = tuple[int, int, str, str | None]
TextRule = Callable[[Paragraph, Vocabulary], Iterable[Hit]]

# A lower-case word, not part of a longer token with digits, capitals or joiners.
_WORD = re.compile(r"(?<![\w'’@/.-])[a-z]+(?![\w'’@/-]|\.\w)")
# Sites and e-mail addresses, whose parts are not words.
_ADDRESS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\b\S+\.(?:ru|com|org|net|gov)\b")


def typos(paragraph: Paragraph, vocabulary: Vocabulary) -> Iterator[Hit]:
    """`ecerything` -> `everything`: lower-case words that no dictionary knows."""
    skip = [m.span() for m in _ADDRESS.finditer(paragraph.text)]
    words = list(_WORD.finditer(paragraph.text))
    unknown = [len(m.group()) >= MIN_LENGTH and not vocabulary.known(m.group()) for m in words]
    for i, match in enumerate(words):
        if not unknown[i] or any(a <= match.start() < b for a, b in skip):
            continue
        if (i and unknown[i - 1]) or (i + 1 < len(words) and unknown[i + 1]):
            continue  # two unknown words together: a foreign phrase (`fait accompli`)
        suggestion = vocabulary.suggest(match.group())
        if suggestion:
            yield match.start(), match.end(), "not in any dictionary", suggestion


# `201<sup>st</sup>military` read as text: an ordinal run into the next word; and a word
# run into a capitalised one (`theKremlin`, `VladimirPutin`).
_ORDINAL_GLUE = re.compile(r"\b(\d+(?:st|nd|rd|th))([a-z]{3,})\b")
_CAMEL_GLUE = re.compile(r"\b([A-Za-z][a-z]+)([A-Z][a-z]{2,})\b")


def glued(paragraph: Paragraph, vocabulary: Vocabulary) -> Iterator[Hit]:
    """Tokens glued by markup: `201stmilitary`, `VladimirPutin`."""
    for match in _ORDINAL_GLUE.finditer(paragraph.text):
        if vocabulary.known(match.group(2)):
            suggestion = f"{match.group(1)} {match.group(2)}"
            yield match.start(), match.end(), "a number run into the next word", suggestion
    for match in _CAMEL_GLUE.finditer(paragraph.text):
        left, right = match.groups()
        name = f"{left} {right}"
        if vocabulary.is_name(name) or (
            left.islower() and left in common_words() and vocabulary.known(right)
        ):
            yield match.start(), match.end(), "two words run together", name


# Quantifiers that take a plural noun; numbers are left out ("a two year programme").
_PLURAL_QUANTIFIERS = ("several", "many", "various", "numerous", "multiple")
# After the noun, prepositions that end the noun phrase: a noun before them is its head,
# so it must be plural ("several version of", but "various government agencies" is
# right). `to`, `from`, `that` are left out: "many seem to", "many suffer from", "many
# believe that" have a verb there.
_PHRASE_ENDS = frozenset("of in on at for with by".split())
# Singular nouns that quantifiers take anyway, or that are their own plural.
_INVARIANT = frozenset(
    "percent per cent million billion trillion thousand hundred dozen more less other "
    "different such times people staff police personnel data media species series "
    "aircraft sheep fish equipment information".split()
)
_AGREEMENT = re.compile(
    r"\b(" + "|".join(_PLURAL_QUANTIFIERS) + r")\s+([a-z]+)\b(?=[\s,.;:!?)]+([a-z]*))",
    re.IGNORECASE,
)


def agreement(paragraph: Paragraph, vocabulary: Vocabulary) -> Iterator[Hit]:
    """`several version of` -> `several versions of`."""
    del vocabulary
    words = common_words()
    for match in _AGREEMENT.finditer(paragraph.text):
        noun, after = match.group(2), match.group(3).lower()
        if noun in _INVARIANT or noun.endswith("s") or noun not in words:
            continue
        plural = _plural(noun)
        text_after = paragraph.text[match.end(2) : match.end(2) + 2]
        ends = after in _PHRASE_ENDS or (text_after[:1] != "" and text_after[:1] in ",.;:!?)")
        if text_after[:1] == "," and _plural_follows(paragraph.text[match.end(2) + 1 :]):
            continue  # `several standard, more customary formats`: adjectives in a row
        if plural in words and ends:
            message = f"{match.group(1)!r} takes a plural"
            yield match.start(), match.end(), message, f"{match.group(1)} {plural}"


def _plural_follows(text: str) -> bool:
    """A plural noun within the next three words, before any stop: the quantifier's noun
    is still to come (`several large, modern ships`)."""
    clause = re.split(r"[,.;:!?()]", text, maxsplit=1)[0]
    words = common_words()
    for word in clause.lower().split()[:3]:
        stem = word[:-2] if word.endswith("ies") else word[:-1]
        candidates = (stem, stem + "y", word[:-2])
        if word.endswith("s") and any(_plural(n) == word and n in words for n in candidates):
            return True
    return False


def _plural(noun: str) -> str:
    if noun.endswith(("ch", "sh", "x", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_BRACKETS = (("(", ")"), ("[", "]"))
_QUOTES = (("“", "”"), ("«", "»"))
# Around a quote mark, what says it opens (before it: nothing, a space, a bracket or a
# dash; after it: a letter) or closes (before it: a letter or a stop; after it: nothing,
# a space or a stop). The site often types `”` where `“` belongs (`”Great,“ I said`),
# so the place of a curly double quote, not its shape, says what it does.
_OPENS_AFTER = " \u00a0\t\n([{—–-/"
_CLOSES_BEFORE = " \u00a0\t\n.,;:!?)]}—–-…"


def brackets(paragraph: Paragraph, vocabulary: Vocabulary) -> Iterator[Hit]:
    """An opening bracket or quote without its closing one, a closing one alone, or a
    quote mark written the wrong way round (`”things“`, `school…“ —`).

    Brackets close in their paragraph. A quotation may run over the paragraphs of a turn
    (opened once, or again at each paragraph, closed at the end), so quotes are balanced
    over the turn and each slip is reported in its own paragraph."""
    del vocabulary
    for opening, closing in _BRACKETS:
        for (_, offset), message in _unbalanced([paragraph.text], opening, closing):
            yield offset, offset + 1, message, None
    unit = list(paragraph.unit) or [paragraph.text]
    for opening, closing in _QUOTES:
        by_place = opening == "“"
        marks = [_marks(text, opening, closing, by_place=by_place) for text in unit]
        mine = marks[paragraph.index] if paragraph.index < len(marks) else []
        wrong = [(offset, opens) for offset, opens, written in mine if opens != written]
        yield from _wrong_way(paragraph.text, wrong, opening, closing)
        reported = {offset for offset, _ in wrong}
        for (index, offset), message in _balance(unit, marks, opening, closing):
            if index == paragraph.index and offset not in reported:
                yield offset, offset + 1, message, None
    straight = [i for i, char in enumerate(paragraph.text) if char == '"']
    if len(straight) % 2 and not paragraph.next_text.lstrip().startswith('"'):
        yield straight[-1], straight[-1] + 1, "an odd number of '\"'", None


def _marks(
    text: str, opening: str, closing: str, *, by_place: bool
) -> list[tuple[int, bool, bool]]:
    """(offset, opens by its place, opens by its shape) of each quote mark of `text`."""
    out = []
    for i, char in enumerate(text):
        if char not in (opening, closing):
            continue
        written = char == opening
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        opens = (before == "" or before in _OPENS_AFTER) and after.strip() != ""
        closes = before.strip() != "" and (after == "" or after in _CLOSES_BEFORE)
        out.append((i, opens if by_place and opens != closes else written, written))
    return out


def _wrong_way(
    text: str, wrong: list[tuple[int, bool]], opening: str, closing: str
) -> Iterator[Hit]:
    """Marks whose shape is not their place: an opening written as a closing one, and the
    closing written as an opening one that comes next, are one slip (`”things“`)."""
    i = 0
    while i < len(wrong):
        start, opens = wrong[i]
        if opens and i + 1 < len(wrong) and not wrong[i + 1][1]:
            end = wrong[i + 1][0]
            if opening not in text[start + 1 : end] and closing not in text[start + 1 : end]:
                fixed = opening + text[start + 1 : end] + closing
                yield start, end + 1, "quotes the wrong way round", fixed
                i += 2
                continue
        right, written = (opening, closing) if opens else (closing, opening)
        yield start, start + 1, f"{written!r} where {right!r} belongs", right
        i += 1


def _balance(
    texts: list[str], marks: list[list[tuple[int, bool, bool]]], opening: str, closing: str
) -> Iterator[tuple[tuple[int, int], str]]:
    """(paragraph, offset) of each quote left open over the turn and each closing quote
    that closes nothing. A paragraph that opens while a quotation is open continues it
    (the printers' rule), unless it closes more than that leaves open: then its first
    quote is one quoted inside the quotation (`“Doronina style” is the mark…”`)."""
    stack: list[tuple[int, int]] = []
    for index, (text, paragraph) in enumerate(zip(texts, marks, strict=True)):
        for k, (offset, opens, _) in enumerate(paragraph):
            if opens:
                first = k == 0 and text[:offset].strip() == ""
                if first and stack and _continues(paragraph, len(stack)):
                    continue
                stack.append((index, offset))
            elif stack:
                stack.pop()
            else:
                yield (index, offset), f"{closing!r} without {opening!r}"
    for place in stack:
        yield place, f"{opening!r} not closed"


def _continues(paragraph: list[tuple[int, bool, bool]], depth: int) -> bool:
    """Whether a paragraph's first (opening) quote reopens the quotation left open:
    not when the paragraph closes more quotes than it and the open ones account for."""
    opens = sum(1 for _, o, _ in paragraph[1:] if o)
    closes = sum(1 for _, o, _ in paragraph if not o)
    return closes <= opens + depth


def _unbalanced(
    texts: list[str], opening: str, closing: str
) -> Iterator[tuple[tuple[int, int], str]]:
    """(paragraph, offset) of each opening bracket left open and each closing that closes
    nothing."""
    stack: list[tuple[int, int]] = []
    for index, text in enumerate(texts):
        for i, char in enumerate(text):
            if char == opening:
                stack.append((index, i))
            elif char == closing:
                if stack:
                    stack.pop()
                elif not _list_item(text, i, closing):
                    yield (index, i), f"{closing!r} without {opening!r}"
    for place in stack:
        yield place, f"{opening!r} not closed"


def _list_item(text: str, i: int, closing: str) -> bool:
    """`1) first`, `a) second`: a closing bracket that numbers a list item."""
    return closing == ")" and bool(re.fullmatch(r"(?:^|.*[\s:;])(?:\d{1,2}|[a-z])", text[:i]))


# Words that speech doubles on purpose ("that that", "had had", "very very").
_DOUBLED_OK = frozenset(
    "that had her very really bye no yes well far more again now long many much little so "
    "step go come".split()
)
_DOUBLED = re.compile(r"\b([A-Za-z]+)[ \u00a0]+(\1)\b", re.IGNORECASE)
# A preposition that ends a wh-clause may meet the same one starting the next phrase:
# "what condition the plant was in in the late 1990s", "which they live on on Sundays".
_PREPOSITIONS = frozenset("in on at to for with from about of by".split())
_WH_CLAUSE = re.compile(r"\b(?:what|which|who|whom|whose|where)\b", re.IGNORECASE)


def doubled(paragraph: Paragraph, vocabulary: Vocabulary) -> Iterator[Hit]:
    """`the the`: a word written twice with nothing between."""
    del vocabulary
    for match in _DOUBLED.finditer(paragraph.text):
        word, again = match.groups()
        if word.lower() in _DOUBLED_OK or again not in (word, word.lower()):
            continue  # `an AN-124`: an abbreviation after the word
        if again[0].isupper():
            continue  # `Abdullah Abdullah`: a name
        if word.lower() in _PREPOSITIONS and _WH_CLAUSE.search(
            _sentence_before(paragraph.text, match.start())
        ):
            continue  # `the plant was in in the 1990s`: a stranded preposition, then another
        yield match.start(), match.end(), f"{word!r} twice", word


def _sentence_before(text: str, end: int) -> str:
    """The words of the sentence that `end` is in, up to `end`."""
    return re.split(r"[.!?;]\s", text[:end])[-1]


TEXT_RULES: dict[str, TextRule] = {
    "typo.v1": typos,
    "glued.v1": glued,
    "agreement.v1": agreement,
    "brackets.v1": brackets,
    "doubled.v1": doubled,
}
