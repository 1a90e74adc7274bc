"""Keyword answers reranked by sentence embeddings (`ask`'s hybrid mode).

The keyword ranking's first RERANK turns are scored again as 1/sqrt(rank) + λ x the
cosine between the question and the turn's closest paragraph, λ the encoder's (`lam`,
`onrecord.dense`); the rest follow in keyword order. A rerank, not a fusion with a dense
search of the whole archive: it needs the vectors of 50 turns (read by an index search
each, the same work at 21 K or 1 M paragraphs, so no vector index: bench/vectors_scale.py)
and on the DEV questions it gains 7 answers in the top 5 and loses 2 with the static
model, 6 and none with MiniLM (bench/ask_dense.py; RRF with a dense search gains no more
and loses more).

Without the `dense` extra, or without vectors for these turns (never synced, damaged, or
another encoder's), or with $ONRECORD_ENCODER naming no encoder, the keyword ranking stands
and the notice says why, and a log line says so once.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from typing import Any

from onrecord import dense
from onrecord.store import vectors

log = logging.getLogger(__name__)

RERANK = 50
HYBRID = "Answers found by keywords, reranked by sentence embeddings ({})."  # the encoder
NO_EXTRA = (
    "Answers found by keywords alone: sentence embeddings need the optional extra"
    " (pip install 'onrecord[dense]')."
)
NO_VECTORS = (
    "Answers found by keywords alone: this archive's sentence vectors are missing or damaged;"
    " `onrecord reindex` rebuilds them."
)
SWITCHED_OFF = (
    "Answers found by keywords alone: sentence vectors are switched off (ONRECORD_VECTORS)."
)
NO_ENCODER = "Answers found by keywords alone: {}."  # $ONRECORD_ENCODER names no encoder
_said: set[str] = set()

Scored = list[tuple[float, int]]  # (score, rowid of the turn's best paragraph), best first


def _once(message: str) -> None:
    if message not in _said:
        _said.add(message)
        log.info("%s", message)


def rerank(
    conn: sqlite3.Connection, question: str, scored: Scored, rows: dict[int, tuple[Any, ...]]
) -> tuple[Scored, str, str]:
    """(scored again, mode, notice)."""
    if not dense.available():
        _once(NO_EXTRA)
        return scored, "keyword", NO_EXTRA
    if dense.switched_off():
        _once(SWITCHED_OFF)
        return scored, "keyword", SWITCHED_OFF
    try:
        encoder = dense.encoder()
    except dense.UnknownEncoder as err:
        _once(NO_ENCODER.format(err))
        return scored, "keyword", NO_ENCODER.format(err)
    head = scored[:RERANK]
    keys = [(rows[rowid][1], rows[rowid][2]) for _, rowid in head]
    try:
        found = vectors.turn_vectors(conn, keys, encoder.dim)
    except vectors.VectorsMissing as err:
        _once(f"{NO_VECTORS} ({err})")
        return scored, "keyword", NO_VECTORS
    notice = HYBRID.format(encoder.label)
    if not head:
        return scored, "hybrid", notice
    asked = encoder.encode([question])[0]
    again = []
    for rank, ((_, rowid), key) in enumerate(zip(head, keys, strict=True), 1):
        cosine = float((found[key] @ asked).max()) if key in found else 0.0
        again.append((1 / math.sqrt(rank) + encoder.lam * cosine, rowid))
    again.sort(key=lambda item: -item[0])
    return again + scored[RERANK:], "hybrid", notice
