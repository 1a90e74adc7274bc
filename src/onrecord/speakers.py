"""The corpus-wide speaker registry's rules: who is the same person, who is nobody in particular.

A person is recognised across documents by a *name key*: the name folded to lowercase,
without diacritics, punctuation or repeated spaces. That is the only automatic link:
`Vladimir Putin`, `Vladimir  Putin` and `VLADIMIR PUTIN.` are one person, but
`Dmitry Peskov` and `Dmitriy Peskov` stay two until an archivist merges them (a wrong
automatic merge is worse than a missed one: it puts words in someone's mouth).

Generic labels (`Question`, `Remark`, `Reply`, ...) are anonymous voices: each is
somebody different in each document, so they never become a registry person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Labels the Kremlin transcripts use for unnamed speakers, from the DEV corpus's labels
# that name no person (checked against gold.jsonl: none of them is a person).
GENERIC_LABELS = frozenset(
    {
        "question",
        "questions",
        "remark",
        "remarks",
        "reply",
        "response",
        "answer",
        "voice",
        "voices",
        "voice from the audience",
        "comment",
        "audience",
        "participant",
        "participants",
        "journalist",
        "journalists",
        "correspondent",
        "moderator",
        "interpreter",
        "translator",
        "speaker",
        "unidentified speaker",
        "from the audience",
        "audience member",
        "applause",
    }
)

_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase, without diacritics: the shape both search and the registry compare."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(name: str) -> str:
    """The key two spellings of one person share."""
    folded = _NOT_WORD.sub(" ", fold(name).replace("’", "").replace("'", ""))
    return _SPACES.sub(" ", folded).strip()


def slug(name: str) -> str:
    """A person id from a name: `Vladimir Putin` -> `vladimir-putin`."""
    return name_key(name).replace(" ", "-") or "person"


def is_generic(label: str, flagged: bool = False) -> bool:
    """Whether a speaker is an anonymous voice, by the parser's flag or the label itself."""
    if flagged:
        return True
    key = name_key(re.sub(r"\s*\d+$", "", label))  # "Question 2" is still a question
    return key in GENERIC_LABELS


def unique_id(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken."""
    existing = set(taken)
    if base not in existing:
        return base
    n = 2
    while f"{base}-{n}" in existing:
        n += 1
    return f"{base}-{n}"
