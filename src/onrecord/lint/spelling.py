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
from collections.abc import Callable, Iterable, Iterator
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
    "self mega micro macro neo pseudo ultra extra mono poly bi tri trans cross hyper geo bio "
    "eco euro tele cyber pan auto nano petro agro para proto quasi".split()
)
# British spellings and their American forms in pyspellchecker's list, tried one place
# at a time (`unrealisable`, `paedophile`, `manoeuvre`, `travelled`, `centre`, `programme`).
_BRITISH = (
    ("is", "iz"), ("ys", "yz"), ("our", "or"), ("ae", "e"), ("oe", "e"), ("re", "er"),
    ("mme", "m"), ("ll", "l"), ("ogue", "og"), ("ence", "ense"), ("isation", "ization"),
)  # fmt: skip
_SUFFIXES = ("d", "ed", "s", "es", "ing", "er", "ers", "ly", "ness")
# Short words that a glued pair may start with (`inthe` is `in the`).
_SHORT = frozenset("a an as at be by do go he if in is it me my no of on or so to up us we".split())
# A word used in this many paragraphs of the archive is the archive's own vocabulary.
ARCHIVE_PARAGRAPHS = 5


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


def _american(word: str) -> Iterator[str]:
    for british, american in _BRITISH:
        at = word.find(british)
        while at >= 0:
            yield word[:at] + american + word[at + len(british) :]
            at = word.find(british, at + 1)


@dataclass
class Vocabulary:
    """Words that are right here: the dictionaries', and the archive's own: the words of
    its names and terms (`names`), its speakers' full names (`full_names`, lower case),
    and `frequent(word)`: in how many of its paragraphs a word is (None: not known)."""

    names: set[str] = field(default_factory=set)
    full_names: set[str] = field(default_factory=set)
    frequent: Callable[[str], int] | None = None

    @classmethod
    def of(cls, names: Iterable[str], frequent: Callable[[str], int] | None = None) -> Vocabulary:
        names = list(names)
        terms = [n for e in load().entries.values() for n in (e.name, *e.aliases)]
        words = {w.lower() for name in (*names, *terms) for w in re.findall(r"[^\W\d_]+", name)}
        return cls(words, {" ".join(n.lower().split()) for n in names}, frequent)

    def is_name(self, name: str) -> bool:
        return name.lower() in self.full_names

    def known(self, word: str) -> bool:
        word = word.lower()
        if word in self.names or word in common_words():
            return True
        checker = _checker()
        if word in checker or any(w in checker for w in _american(word)):
            return True
        for suffix in _SUFFIXES:  # `analytics`, `briquetted`: a known word and an ending
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 3:
                continue
            if stem.endswith("e") and suffix[0] in "aeiou":
                continue  # `makeing`: English drops the e before a vowel
            if stem in checker or stem in common_words():
                return True
        if self.compound(word):
            return True
        for prefix in _PREFIXES:  # `preproduction`, `unviable`: a prefix and a known word
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= MIN_LENGTH and self.known(rest):
                return True
        return self.frequent is not None and self.frequent(word) >= ARCHIVE_PARAGRAPHS

    def suggest(self, word: str) -> str | None:
        """The likeliest word one edit away, else a split into two known words
        (`inthe`), else the likeliest word two edits away."""
        word = word.lower()
        checker = _checker()
        near = [w for w in checker.candidates(word) or () if w != word and w in checker]
        if near:
            return max(near, key=checker.word_usage_frequency)
        split = self.split(word)
        if split:
            return split
        best: tuple[int, float, str] | None = None
        for candidate in _buckets().get(word[0], ()):
            d = distance(word, candidate, MAX_DISTANCE)
            if d <= MAX_DISTANCE:
                key = (-d, checker.word_usage_frequency(candidate), candidate)
                best = key if best is None or key > best else best
        return best[2] if best else None

    def split(self, word: str) -> str | None:
        """`inthe`, `tokeep`: a short function word run into the next word."""
        for i in range(1, 3):
            left, right = word[:i], word[i:]
            if left in _SHORT and right in common_words():
                return f"{left} {right}"
        return None

    @staticmethod
    def compound(word: str) -> bool:
        """`crewmember`, `homebuyers`: two words of four letters or more, written as one
        (a compound, or two words run together: the text cannot tell them apart)."""
        words = common_words()
        return any(word[:i] in words and word[i:] in words for i in range(4, len(word) - 3))
