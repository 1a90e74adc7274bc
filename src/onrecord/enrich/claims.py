"""Check-worthy sentences: a score from cues, a kind, and the figures they contain.

Cues: a figure (the strongest), a comparison, a causal marker, a named entity, the past
tense; hedges and opinions lower the score, questions lower it more. The weights and the
threshold are data in `lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    score = sum(CLAIM_WEIGHTS[c] for c in cues)
    if "quantity" in cues and "comparative" not in cues and "hedge" not in cues:
        score += 0.05
    return ClaimScore(round(min(1.0, max(0.0, score)), 3), _kind(cues), tuple(cues))


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
