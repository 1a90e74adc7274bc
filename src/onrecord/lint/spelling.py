"""Which words are spelled right, and what a misspelled one should be.

The dictionary is pyspellchecker's English word list (American spelling), widened with
what the archive itself writes: the lower-case words of the DEV pages
(`enrich/data/common_words.txt`, British spellings included), British forms of known
words (`organisation`, `colour`, `centre`, `programme`) and the words of the archive's
speakers and gazetteer (`Vocabulary.names`). Only lower-case words are checked: a word
with a capital is a name or starts a sentence, and names are not ours to correct. A word
no dictionary knows is flagged only with a clear suggestion that people write far more
often (wordfreq's frequencies): rare right words (`sorbent`, `ethnos`) are the most
common false alarm of a spelling checker on these pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from spellchecker import SpellChecker
from wordfreq import zipf_frequency

from onrecord.enrich.gazetteer import common_words, load

MIN_LENGTH = 4  # shorter words are too often abbreviations, interjections or foreign
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
    ("oul", "ol"),
)  # fmt: skip
# British forms that could also be a slip for another word (`sould` -> `sold`, meant for
# `should`): taken only when people write the British form at least a tenth as often as the
# American one (`mould` 3.45 / `mold` 3.77, `moult`, `smoulder`; `sould` 2.12 / `sold` 4.97).
_BRITISH_AMBIGUOUS = frozenset({("oul", "ol")})
# Verbs made with -ise are made freely (`securitise`, `monetise`): the -ize form need not
# be in pyspellchecker's list if wordfreq knows it (`securitize` 1.19).
_ISE = re.compile(r"is(e|es|ed|ing|ation|ations)$")
_SUFFIXES = ("d", "ed", "s", "es", "ing", "er", "ers", "ly", "ness")
# Short words that a glued pair may start with (`inthe` is `in the`).
_SHORT = frozenset(
    "a an as at be by do go he if in is it me my no of on or so to up us we the and for not".split()
)
# Particles that English writes as the first half of a word (`onsite`, `inbound`, `upkeep`,
# `bygone`, `outreach`): run into a word, they make a compound, not a slip, unless the
# second half is a short function word (`inthe`, `bythe`, `onthe`).
_COMPOUNDING = frozenset("in on up by out off".split())
# How much more often (wordfreq's Zipf scale: log10 of uses per billion words) people
# write the suggestion than the word: 2 is a hundred times. Chosen on DEV pages: it leaves
# `queueing` (2.64 -> `queuing` 3.05), `ethnos`, `sorbent` and `yearend` alone, and keeps
# `recieve` (2.75 -> 4.85); the price is a misspelling written as often as `accomodate`
# (2.45 -> 4.02), which is not flagged.
MIN_GAIN = 2.0
# A word used in this many paragraphs of the archive is the archive's own vocabulary.
ARCHIVE_PARAGRAPHS = 5


@cache
def _checker() -> SpellChecker:
    return SpellChecker(distance=1)


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


@cache
def zipf(word: str) -> float:
    return float(zipf_frequency(word, "en"))


def _squeeze(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


@cache
def _doubling_slips() -> dict[str, set[str]]:
    """Dictionary words by their letters with doubles made single: `difficulties` and
    `dificculties` are both `dificulties` (a letter doubled in the wrong place)."""
    out: dict[str, set[str]] = defaultdict(set)
    for word in _checker().word_frequency.dictionary:
        squeezed = _squeeze(word)
        if squeezed != word:
            out[squeezed].add(word)
    return out


def _american(word: str) -> Iterator[str]:
    for british, american in _BRITISH:
        at = word.find(british)
        while at >= 0:
            form = word[:at] + american + word[at + len(british) :]
            if (british, american) not in _BRITISH_AMBIGUOUS or zipf(word) >= zipf(form) - 1:
                yield form
            at = word.find(british, at + 1)


def _ize(word: str) -> bool:
    """`securitise`: a British -ise verb whose -ize form people write (wordfreq knows it)."""
    return _ISE.search(word) is not None and zipf(_ISE.sub(r"iz\1", word)) > 0


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
        if word in checker or any(w in checker for w in _american(word)) or _ize(word):
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
        """What `word` should be, when that is clear: a word one edit away, or the same
        word with another letter doubled (`dificculties`), or a short word run into the
        next (`inthe`); and people write it far more often than `word` (by wordfreq's
        Zipf scale, MIN_GAIN or more), so that a rare right word is left alone."""
        word = word.lower()
        checker = _checker()
        options = {w for w in checker.candidates(word) or () if w != word and w in checker}
        options |= _doubling_slips().get(_squeeze(word), set()) - {word}
        here = zipf(word)
        scored = [(zipf(w), w) for w in options]
        best = max(scored, default=(0.0, ""))
        if best[1] and best[0] - here >= MIN_GAIN:
            return best[1]  # an edit first: `atending` is `attending`, not `at ending`
        split = self.split(word)
        if split and min(zipf(w) for w in split.split()) - here >= MIN_GAIN:
            return split
        return None

    def split(self, word: str) -> str | None:
        """`inthe`, `tokeep`: a short function word run into the next word."""
        for i in range(1, 3):
            left, right = word[:i], word[i:]
            if left in _SHORT and right in common_words():
                if left in _COMPOUNDING and right not in _SHORT:
                    return None  # `onsite`, `inbound`: a compound
                return f"{left} {right}"
        return None

    @staticmethod
    def compound(word: str) -> bool:
        """`crewmember`, `homebuyers`: two words of four letters or more, written as one
        (a compound, or two words run together: the text cannot tell them apart)."""
        words = common_words()
        return any(word[:i] in words and word[i:] in words for i in range(4, len(word) - 3))
