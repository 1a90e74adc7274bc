"""Which words are spelled right, and what a misspelled one should be.

The dictionary is pyspellchecker's English word list (American spelling), widened with
what the archive itself writes: the lower-case words of the DEV pages
(`enrich/data/common_words.txt`, British spellings included), British forms of known
words (`organisation`, `colour`, `centre`, `programme`) and the words of the archive's
speakers and gazetteer (`Vocabulary.names`). Only lower-case words are checked: a word
with a capital is a name or starts a sentence, and names are not ours to correct.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from spellchecker import SpellChecker

from onrecord.enrich.gazetteer import common_words, load

MIN_LENGTH = 4  # shorter words are too often abbreviations, interjections or foreign
MAX_DISTANCE = 2
# A suggestion must be a word people use (pyspellchecker's relative frequency): rare
# dictionary words (`dificulty` -> `dificulty`-like archaisms) make poor corrections.
MIN_FREQUENCY = 1e-8
_PREFIXES = tuple(
    "un re pre non anti counter over under inter multi post co de dis mis sub super semi "
    "self mega micro macro neo pseudo ultra".split()
)
# British endings and their American forms in pyspellchecker's list.
_BRITISH = [
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"([^aeiou])re(s?)$"), r"\1er\2"),
    (re.compile(r"mme(s?)$"), r"m\1"),
    (re.compile(r"lled$"), "led"),
    (re.compile(r"lling$"), "ling"),
    (re.compile(r"ogue(s?)$"), r"og\1"),
    (re.compile(r"ence(s?)$"), r"ense\1"),
    (re.compile(r"yse(d|s)?$"), r"yze\1"),
]


@cache
def _checker() -> SpellChecker:
    return SpellChecker(distance=1)


@cache
def _buckets() -> dict[str, list[str]]:
    """Dictionary words worth suggesting, by first letter (for distance-2 searches)."""
    checker = _checker()
    out: dict[str, list[str]] = defaultdict(list)
    for word in checker.word_frequency.dictionary:
        if word.isalpha() and checker.word_usage_frequency(word) >= MIN_FREQUENCY:
            out[word[0]].append(word)
    return out


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition is one edit), cut at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


@dataclass
class Vocabulary:
    """Words that are right here: the dictionaries' and the archive's own."""

    names: set[str] = field(default_factory=set)  # lower-cased words of names and terms

    @classmethod
    def of(cls, names: Iterable[str]) -> Vocabulary:
        words = {w.lower() for name in names for w in re.findall(r"[^\W\d_]+", name)}
        for entry in load().entries.values():
            for name in (entry.name, *entry.aliases):
                words.update(w.lower() for w in re.findall(r"[^\W\d_]+", name))
        return cls(words)

    def known(self, word: str) -> bool:
        word = word.lower()
        if word in self.names or word in common_words():
            return True
        checker = _checker()
        if word in checker:
            return True
        for prefix in _PREFIXES:  # `preproduction`, `unviable`: a prefix and a known word
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= MIN_LENGTH and rest in checker:
                return True
        return any(rx.search(word) and rx.sub(repl, word) in checker for rx, repl in _BRITISH)

    def suggest(self, word: str) -> str | None:
        """The likeliest word within two edits, or a split into two known words."""
        word = word.lower()
        split = self.split(word)
        if split:
            return split
        checker = _checker()
        near = [w for w in checker.candidates(word) or () if w != word and w in checker]
        if near:
            return max(near, key=checker.word_usage_frequency)
        best: tuple[int, float, str] | None = None
        for candidate in _buckets().get(word[0], ()):
            d = distance(word, candidate, MAX_DISTANCE)
            if d <= MAX_DISTANCE:
                key = (-d, checker.word_usage_frequency(candidate), candidate)
                best = key if best is None or key > best else best
        return best[2] if best else None

    def split(self, word: str) -> str | None:
        """`stmilitary`-like glue: two known words, each of three letters or more."""
        for i in range(3, len(word) - 2):
            left, right = word[:i], word[i:]
            if left in common_words() and right in common_words():
                return f"{left} {right}"
        return None
