"""The corpus-wide speaker registry's rules: who is the same person, who is nobody in particular.

A person is recognised across documents by a *name key*: the name folded to lowercase,
without diacritics, punctuation or repeated spaces: `Vladimir Putin`, `Vladimir  Putin`
and `VLADIMIR PUTIN.` are one person. Other spellings are linked only on strong evidence
(`same_person`): first names that differ only in romanisation (`Dmitry`/`Dmitriy`) with
the same surname *and* a role in common. Otherwise they stay two until an archivist
merges them: a wrong automatic merge is worse than a missed one, since it puts words in
someone's mouth.

Generic labels (`Question`, `Remark`, `Reply`, ...) are anonymous voices: each is
somebody different in each document, so they never become a registry person.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from onrecord import names

# The one list of labels for unnamed voices (onrecord.names).
GENERIC_LABELS = names.GENERIC_LABELS

_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase, without diacritics (`Ёлка` -> `елка`, `Café` -> `cafe`): the shape in
    which the registry compares names and both search indexes compare words."""
    return _combining().sub("", unicodedata.normalize("NFKD", text)).casefold()


@functools.cache
def _combining() -> re.Pattern[str]:
    """Every combining mark of the Basic Multilingual Plane, as one character class."""
    marks = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    return re.compile(f"[{re.escape(marks)}]")


def name_key(name: str) -> str:
    """The key two spellings of one person share."""
    folded = _NOT_WORD.sub(" ", fold(name).replace("’", "").replace("'", ""))
    return _SPACES.sub(" ", folded).strip()


# Romanisations of one Russian first name that differ only in these endings
# (Dmitry/Dmitriy, Sergei/Sergey, Yury/Yuri/Yurii, Alexei/Alexey, Vasily/Vasilii).
# Each ending maps to one canonical form; two-letter endings are tried first.
_TRANSLIT_ENDINGS = (("iy", "y"), ("ii", "y"), ("yi", "y"), ("ei", "ey"), ("i", "y"))


def spelling_key(name: str) -> str:
    """The name key with the first name's romanisation endings made alike."""
    words = name_key(name).split(" ")
    first = words[0]
    for ending, common in _TRANSLIT_ENDINGS:
        if len(first) > 3 and first.endswith(ending):
            first = first[: -len(ending)] + common
            break
    return " ".join([first, *words[1:]])


def same_person(name: str, roles: Iterable[str], other: str, other_roles: Iterable[str]) -> bool:
    """Strong evidence that two spellings name one person: the same surname, first names
    that differ only in romanisation, and at least one role in common."""
    if name_key(name) == name_key(other):
        return True
    shared = {name_key(r) for r in roles} & {name_key(r) for r in other_roles}
    return bool(shared) and spelling_key(name) == spelling_key(other)


def slug(name: str) -> str:
    """A person id from a name: `Vladimir Putin` -> `vladimir-putin`, `В.Путин` -> `v-putin`:
    the parser's speaker ids and the archive's person ids come from one slug."""
    return names.slug(name) or "person"


def is_generic(label: str, flagged: bool = False) -> bool:
    """Whether a speaker is an anonymous voice, by the parser's flag or the label itself."""
    if flagged:
        return True
    return names.is_generic_label(label)


def unique_id(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken."""
    existing = set(taken)
    if base not in existing:
        return base
    n = 2
    while f"{base}-{n}" in existing:
        n += 1
    return f"{base}-{n}"
