"""The static encoder (`static`, the default): MiniLM distilled into one vector per token.

Distillation, model2vec's recipe without torch (`distil`): every entry of the WordPiece
vocabulary goes through the ONNX MiniLM as `[CLS] token [SEP]` and its vector is the mean
of the three outputs; the 30,522 x 384 matrix is centred and projected on its first 256
principal components (numpy's SVD), and each row is weighted by sif / (sif + p), p the
token's probability under Zipf's law by its rank in the vocabulary, so that the commonest
pieces count less. A text is the mean of its tokens' rows ([CLS], [SEP] and [UNK] left
out), L2-normalised: the DEV pages embed in about 3 s on 2 cores, against 8 minutes for MiniLM.

The knobs (`Distillation`) were picked on the 89 DEV questions (bench/ask_dense.py, rerank
λ 2, recall@5 / MRR): the mean of the three outputs 85.4 / 68.8 against the token's own
output 86.5 / 68.2 (dense-only 56.2 / 35.1 against 52.8 / 30.2, so the mean); 256 dims
as 128 (86.5 / 68.4), all 384 without PCA worse (79.8 / 66.3: the centring matters);
SIF 1e-4 as model2vec's default, 1e-3 or none no better.

Distilling reads the local model and vocabulary only and takes about 20 s on 2 cores, once:
the matrix is cached as float16 .npy (15.6 MB) under $ONRECORD_CACHE, else
$XDG_CACHE_HOME/onrecord (~/.cache/onrecord), in a file named by a hash of the model's and
the vocabulary's sha256, the knobs and VERSION, written to a temporary file and renamed.
A damaged cache file is distilled again; a cache folder that cannot be written leaves
the matrix in memory (a warning says the next process distils again). The hash is also
in the encoder's `model_id`, so vectors of another distillation are re-embedded.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from onrecord.dense import VOCAB, minilm

log = logging.getLogger(__name__)

VERSION = "static.v1"  # bump when distil() or encode() change what they compute
BATCH = 1024  # vocabulary entries per run of the model
CHUNK = 512  # texts per step of encode (their token rows are gathered at once)
MAX_TOKENS = 512
HEAD_END = "): "  # ends the `speaker (title): ` head of a paragraph's text (see `_token_ids`)


@dataclass(frozen=True)
class Distillation:
    dims: int = 256
    pooling: str = "mean"  # "mean" of [CLS], the token, [SEP]; or the "token"'s own output
    sif: float = 1e-4
    limit: int | None = None  # distil only the first `limit` entries (for tests)


def cache_dir() -> Path:
    chosen = os.environ.get("ONRECORD_CACHE")
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "onrecord"


def _vocabulary() -> list[str]:
    return VOCAB.read_text("utf-8").splitlines()


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def cache_key(params: Distillation) -> str:
    """A hash of what the matrix is made from and how."""
    parts = (_sha256(minilm.model_path()), _sha256(VOCAB), repr(params), VERSION)
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=10).hexdigest()


def distil(params: Distillation) -> Any:
    """The token matrix (rows x params.dims, float32), float16-rounded as it is cached."""
    import numpy as np

    vocabulary = _vocabulary()
    cls, sep = vocabulary.index("[CLS]"), vocabulary.index("[SEP]")
    rows = params.limit or len(vocabulary)
    model = minilm.session()
    pooled = np.empty((rows, minilm.DIM), np.float32)
    for start in range(0, rows, BATCH):
        ids = np.arange(start, min(rows, start + BATCH), dtype=np.int64)
        hidden = minilm.hidden_states(
            model, np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1)
        )
        pooled[ids] = hidden.mean(axis=1) if params.pooling == "mean" else hidden[:, 1]
    return _reduce(pooled, params).astype(np.float16).astype(np.float32)


def _reduce(pooled: Any, params: Distillation) -> Any:
    """PCA to params.dims, then the Zipf/SIF weight of each row."""
    import numpy as np

    centred = pooled.astype(np.float64) - pooled.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    components = components[: params.dims]
    # an SVD's signs are arbitrary: each component's largest loading made positive
    largest = np.abs(components).argmax(axis=1)
    components *= np.sign(components[np.arange(len(components)), largest])[:, None]
    reduced = centred @ components.T
    inverse_rank = 1 / np.arange(2, len(reduced) + 2)
    probability = inverse_rank / inverse_rank.sum()
    return reduced * (params.sif / (params.sif + probability))[:, None]


def _read(path: Path, shape: tuple[int, int]) -> Any | None:
    """The cached matrix, or None when it is absent or damaged (then said)."""
    import numpy as np

    if not path.exists():
        return None
    try:
        cached = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError) as err:
        log.warning("static model cache %s is damaged (%s): distilling again", path, err)
        return None
    if cached.shape != shape or cached.dtype != np.float16 or not np.isfinite(cached).all():
        log.warning("static model cache %s is damaged (%s): distilling again", path, cached.shape)
        return None
    return cached.astype(np.float32)


def _write(path: Path, matrix: Any) -> None:
    """Atomically: a temporary file beside it, renamed; a folder that cannot be written is
    said once and the matrix stays in memory."""
    import numpy as np

    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp", delete=False
        ) as handle:
            temporary = Path(handle.name)
            np.save(handle, matrix.astype(np.float16))
        temporary.chmod(0o644)  # as a file written by hand: a shared cache is readable
        os.replace(temporary, path)
    except OSError as err:
        log.warning(
            "static model not cached in %s (%s): kept in memory, the next process distils again",
            path.parent,
            err,
        )
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def matrix(
    params: Distillation,
    directory: Path | None = None,
    build: Callable[[Distillation], Any] = distil,
) -> tuple[Any, str]:
    """(the token matrix, its cache key): read from the cache, else `build` (distil) and cached."""
    key = cache_key(params)
    path = (directory or cache_dir()) / f"minilm-static-{key}.npy"
    shape = (params.limit or len(_vocabulary()), params.dims)
    cached = _read(path, shape)
    if cached is not None:
        return cached, key
    log.info("distilling the static model from MiniLM (about 20 s on 2 cores, once)")
    start = time.perf_counter()
    built = build(params)
    log.info("static model distilled in %.1f s", time.perf_counter() - start)
    _write(path, built)
    return built, key


class StaticEncoder:
    """Texts -> unit vectors (float32): the mean of their tokens' rows."""

    lam = 2.0  # swept 0.5-4 on the DEV questions: 2-4 best, 2 as MiniLM's (module docstring)
    label = "a static model distilled from all-MiniLM-L6-v2"

    def __init__(self, rows: Any, key: str) -> None:
        from tokenizers.implementations import BertWordPieceTokenizer

        self._rows = rows
        self.dim = int(rows.shape[1])
        self.model_id = f"minilm-static-{key}"
        self._tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._skip = {self._tokenizer.token_to_id(t) for t in ("[UNK]", "[CLS]", "[SEP]")}

    @classmethod
    def load(
        cls, params: Distillation | None = None, directory: Path | None = None
    ) -> StaticEncoder:
        return cls(*matrix(params or Distillation(), directory))

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        """Each text's WordPiece ids (at most MAX_TOKENS), as `encode_batch` gives them.

        A paragraph is embedded as `speaker (title): text` (`dense.paragraph_text`), and
        the paragraphs of one transcript share that head: it is tokenised once, not with
        every paragraph (a third of the characters of the DEV paragraphs). The split is
        after a space, where BERT's pre-tokeniser splits anyway and its normaliser works
        character by character, so the head's ids followed by the rest's are the whole
        text's, and the first MAX_TOKENS of them are what truncating the whole keeps."""
        heads: dict[str, int] = {}
        parts: list[tuple[int, str]] = []
        for text in texts:
            head, sep, rest = text.partition(HEAD_END)
            if not sep:
                head, rest = "", text
            parts.append((heads.setdefault(head + sep, len(heads)), rest))
        batch = [*heads, *(rest for _, rest in parts)]
        encoded = [e.ids for e in self._tokenizer.encode_batch(batch, add_special_tokens=False)]
        head_ids, rest_ids = encoded[: len(heads)], encoded[len(heads) :]
        return [
            (head_ids[h] + ids)[:MAX_TOKENS] if head_ids[h] else ids
            for (h, _), ids in zip(parts, rest_ids, strict=True)
        ]

    def encode(self, texts: list[str]) -> Any:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), CHUNK):
            ids = [
                [i for i in tokens if i not in self._skip and i < len(self._rows)]
                for tokens in self._token_ids(texts[start : start + CHUNK])
            ]
            lengths = np.array([len(i) for i in ids], dtype=np.int64)
            if not lengths.sum():
                continue
            flat = np.fromiter(chain.from_iterable(ids), np.int64, count=int(lengths.sum()))
            nonempty = np.flatnonzero(lengths)
            starts = (np.cumsum(lengths) - lengths)[nonempty]
            sums = np.add.reduceat(self._rows[flat], starts, axis=0)
            out[start + nonempty] = sums / lengths[nonempty, None]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out
