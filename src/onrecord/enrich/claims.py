"""Check-worthy sentences: a score from cues, a kind, and the figures they contain.

Cues: a figure (the strongest), a comparison, a causal marker, a named entity, the past
tense; hedges and opinions lower the score, questions lower it more. The weights and the
threshold are data in `lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from onrecord.enrich.lexicon import (
    CAUSAL_MARKERS,
    CLAIM_THRESHOLD,
    CLAIM_WEIGHTS,
    COMPARATIVE_WORDS,
    HEDGE_OR_OPINION,
    MAX_CLAIM_CHARS,
)
from onrecord.enrich.patterns import word_trie

_WORD = re.compile(r"[a-z]+")
# Only whether they occur counts. `[a-z]{5,}(?<=ed)` is `[a-z]{3,}ed` without trying each
# shorter stretch of a word for the ending; the markers are a trie (see `word_trie`).
_PAST = re.compile(r"\b(?:was|were|had|did|[a-z]{5,}(?<=ed))\b")
_CAUSAL = re.compile(r"\b(?:" + word_trie(CAUSAL_MARKERS) + r")\b")


@dataclass(frozen=True)
class ClaimScore:
    score: float
    kind: str  # numeric | comparative | causal | factual
    cues: tuple[str, ...]


def score_sentence(sentence: str, n_figures: int, n_entities: int) -> ClaimScore:
    """How check-worthy one sentence is, from 0 to 1."""
    if len(sentence) > MAX_CLAIM_CHARS:
        return ClaimScore(0.0, "factual", ("too-long",))
    lower = sentence.lower()
    words = set(_WORD.findall(lower))
    cues: list[str] = []
    if n_figures:
        cues.append("quantity")
    if words & COMPARATIVE_WORDS:
        cues.append("comparative")
    if _CAUSAL.search(lower):
        cues.append("causal")
    if n_entities:
        cues.append("entity")
    if _PAST.search(lower):
        cues.append("past")
    if words & HEDGE_OR_OPINION:
        cues.append("hedge")
    if sentence.rstrip('"”’)] ').endswith("?"):
        cues.append("question")
    return ClaimScore(_score(cues), _kind(cues), tuple(cues))


def _score(cues: list[str]) -> float:
    score = sum(CLAIM_WEIGHTS[c] for c in cues)
    if "quantity" in cues and "comparative" not in cues and "hedge" not in cues:
        score += 0.05
    return round(min(1.0, max(0.0, score)), 3)


# The cues a sentence's words may add to what its figures and entities give.
_TEXT_CUES = ("comparative", "causal", "past")


def _reachable(figures: bool, entities: bool) -> bool:
    """Whether a sentence with (or without) figures and entities can be a claim at all:
    whether some set of the cues its words may add (no hedge, no question: they only
    lower it) scores up to the threshold. The weights decide; with those of `lexicon`, a
    sentence with neither scores 0.4 at most."""
    given = ["quantity"] * figures + ["entity"] * entities
    return any(
        _score(given + list(added)) >= CLAIM_THRESHOLD
        for n in range(len(_TEXT_CUES) + 1)
        for added in combinations(_TEXT_CUES, n)
    )


_REACHABLE = {(f, e): _reachable(f, e) for f in (False, True) for e in (False, True)}


def may_be_claim(n_figures: int, n_entities: int) -> bool:
    """False when no sentence with so many figures and entities is a claim, whatever its
    words: `run_claims` then skips scoring it (half the sentences of the DEV pages)."""
    return _REACHABLE[(n_figures > 0, n_entities > 0)]


def _kind(cues: list[str]) -> str:
    for cue, kind in (
        ("quantity", "numeric"),
        ("comparative", "comparative"),
        ("causal", "causal"),
    ):
        if cue in cues:
            return kind
    return "factual"


def is_claim(score: ClaimScore) -> bool:
    return score.score >= CLAIM_THRESHOLD and "question" not in score.cues


def claim_data(
    score: ClaimScore, quantities: list[dict[str, Any]], entities: list[str]
) -> dict[str, Any]:
    return {
        "score": score.score,
        "kind": score.kind,
        "cues": list(score.cues),
        "quantities": quantities,
        "entities": entities,
    }
