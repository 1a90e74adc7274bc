"""Claims: which sentences `run_claims` may skip without scoring them, worked by hand from
the weights of `lexicon` (quantity 0.55, comparative 0.2, causal 0.15, entity 0.1, past
0.05; threshold 0.5)."""

from __future__ import annotations

from onrecord.enrich.claims import is_claim, may_be_claim, score_sentence
from onrecord.enrich.producers import (
    CLAIMS,
    run_claims,
    run_entities,
    run_quantities,
    run_sentences,
)
from onrecord.model import Annotation, Document

from .conftest import make_document

# comparative (higher), causal (because), past (were): every cue words can add
EVERY_WORD_CUE = "Prices were higher because of the war."


def test_without_figures_or_entities_every_word_cue_scores_under_the_threshold() -> None:
    score = score_sentence(EVERY_WORD_CUE, 0, 0)  # 0.2 + 0.15 + 0.05
    assert (score.score, score.cues) == (0.4, ("comparative", "causal", "past"))
    assert not is_claim(score)
    assert may_be_claim(0, 0) is False


def test_an_entity_and_every_word_cue_reach_the_threshold() -> None:
    score = score_sentence(EVERY_WORD_CUE, 0, 1)  # 0.2 + 0.15 + 0.1 + 0.05
    assert (score.score, is_claim(score)) == (0.5, True)
    assert may_be_claim(0, 2) is True


def test_a_figure_alone_reaches_the_threshold() -> None:
    score = score_sentence("Exports came to 40 billion dollars.", 1, 0)  # 0.55 + 0.05
    assert (score.score, is_claim(score)) == (0.6, True)
    assert may_be_claim(3, 0) is True
    assert may_be_claim(1, 1) is True


def _scored_every_sentence(document: Document) -> list[Annotation]:
    """`run_claims` as it was: every sentence scored, none skipped."""
    done: list[Annotation] = []
    for run in (run_sentences, run_entities, run_quantities):
        done.extend(run(document, done))
    out = []
    for s in (a for a in done if a.kind == "sentence"):
        inside = [a for a in done if a.turn == s.turn and s.start <= a.start and a.end <= s.end]
        figures = [a for a in inside if a.kind == "quantity" and a.data.get("unit")]
        entities = [a for a in inside if a.kind == "entity"]
        if is_claim(score_sentence(s.text, len(figures), len(entities))):
            out.append((s.start, s.end))
    return out


def test_skipping_sentences_keeps_the_same_claims() -> None:
    document = make_document(
        "Prices were higher because of the war. Exports from Germany increased because of it. "
        "Trade with China was 40 billion dollars in 2016. We hope it will grow."
    )
    done: list[Annotation] = []
    for run in (run_sentences, run_entities, run_quantities):
        done.extend(run(document, done))
    claims = run_claims(document, done)
    assert all(c.producer == CLAIMS for c in claims)
    # by hand: the first has no figure or entity (0.4); the second names Germany and has
    # all three word cues (increased, because, increased: 0.5); the third has a figure,
    # an entity and the past (0.55 + 0.05 + 0.1 + 0.05); the fourth a hedge (hope)
    assert [c.text for c in claims] == [
        "Exports from Germany increased because of it.",
        "Trade with China was 40 billion dollars in 2016.",
    ]
    assert [(c.start, c.end) for c in claims] == _scored_every_sentence(document)
