"""The static encoder (issue 14): distilled from the ONNX MiniLM without torch, the same
matrix every time, cached in a file named by what it is made from, distilled again when the
file is damaged, kept in memory when the cache cannot be written. The tests distil the
first 400 vocabulary entries to 8 dims (a second); the encoder tests use the real model,
distilled once per machine into the user's cache (about 20 s the first time)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from onrecord import dense

pytestmark = pytest.mark.skipif(
    not dense.available(),
    reason="the dense extra is not installed (pip install 'onrecord[dense]')",
)


def _small() -> Any:
    from onrecord.dense.static import Distillation

    return Distillation(dims=8, limit=400)


class _Counting:
    """`distil`, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, params: Any) -> Any:
        from onrecord.dense.static import distil

        self.calls += 1
        return distil(params)


def test_distilling_twice_gives_the_same_matrix() -> None:
    import numpy as np

    from onrecord.dense.static import distil

    first, second = distil(_small()), distil(_small())
    assert first.shape == (400, 8) and first.dtype == np.float32
    assert np.array_equal(first, second)
    assert np.isfinite(first).all() and np.abs(first).sum() > 0


def test_the_second_load_reads_the_cache_file(tmp_path: Path) -> None:
    import numpy as np

    from onrecord.dense import static

    build = _Counting()
    built, key = static.matrix(_small(), tmp_path, build)
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == [f"minilm-static-{key}.npy"]  # no temporary file left
    again, _ = static.matrix(_small(), tmp_path, build)
    assert build.calls == 1 and np.array_equal(built, again)
    np.save(files[0], np.ones((400, 8), np.float16))  # a file it did not write: read as is
    planted, _ = static.matrix(_small(), tmp_path, build)
    assert build.calls == 1 and planted.tolist() == np.ones((400, 8)).tolist()


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a numpy file"),
        lambda path: path.write_bytes(path.read_bytes()[:1000]),  # cut short
        lambda path: __import__("numpy").save(path, __import__("numpy").ones((400, 9), "float16")),
        lambda path: __import__("numpy").save(path, __import__("numpy").ones((400, 8), "float64")),
    ],
    ids=["garbage", "truncated", "wrong shape", "wrong dtype"],
)
def test_a_damaged_cache_file_is_distilled_again(tmp_path: Path, damage: Any) -> None:
    import numpy as np

    from onrecord.dense import static

    build = _Counting()
    built, key = static.matrix(_small(), tmp_path, build)
    path = tmp_path / f"minilm-static-{key}.npy"
    damage(path)
    again, _ = static.matrix(_small(), tmp_path, build)
    assert build.calls == 2 and np.array_equal(built, again)
    assert np.array_equal(np.load(path), built.astype(np.float16))  # the file is whole again


def test_an_unwritable_cache_keeps_the_matrix_in_memory_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from onrecord.dense import static

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    caplog.set_level(logging.WARNING, logger="onrecord.dense.static")
    built, _ = static.matrix(_small(), blocker / "cache", _Counting())
    assert built.shape == (400, 8)
    assert "kept in memory" in caplog.text
    assert list(tmp_path.iterdir()) == [blocker]


def test_the_cache_file_is_named_by_the_knobs(tmp_path: Path) -> None:
    from onrecord.dense.static import Distillation, cache_key

    keys = {
        cache_key(Distillation()),
        cache_key(Distillation(dims=128)),
        cache_key(Distillation(pooling="token")),
        cache_key(Distillation(sif=1e-3)),
    }
    assert len(keys) == 4 and cache_key(Distillation()) == cache_key(Distillation())


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord.dense.static import cache_dir

    monkeypatch.setenv("ONRECORD_CACHE", "/somewhere/onrecord-cache")
    assert cache_dir() == Path("/somewhere/onrecord-cache")
    monkeypatch.delenv("ONRECORD_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache_dir() == Path("/xdg/onrecord")


@pytest.fixture(scope="module")
def encoder() -> Any:
    from onrecord.dense.static import StaticEncoder

    return StaticEncoder.load()  # the user's cache: distilled once per machine


def test_static_vectors_are_unit_length_and_empty_text_is_zero(encoder: Any) -> None:
    import numpy as np

    out = encoder.encode(["Gas", "We discussed gas supplies to Europe. " * 200, "", "🙂"])
    assert out.shape == (4, 256) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out[:2], axis=1), 1.0, atol=1e-5)
    assert not out[2:].any()  # no tokens ([UNK] is left out): no direction


@pytest.mark.parametrize(
    ("asked", "similar", "unrelated"),
    [
        # measured 0.62 against 0.22, and 0.62 against 0.31
        (
            "natural gas deliveries to Europe",
            "We discussed gas supplies to European countries.",
            "The harvest was good this year.",
        ),
        (
            "What did he say about inflation?",
            "Prices rose by four percent, and inflation is slowing.",
            "The football team played well.",
        ),
    ],
)
def test_a_paraphrase_scores_well_above_an_unrelated_sentence(
    encoder: Any, asked: str, similar: str, unrelated: str
) -> None:
    question, near, far = encoder.encode([asked, similar, unrelated])
    assert float(question @ near) - float(question @ far) > 0.2


def test_the_encoders_model_id_carries_the_cache_key(encoder: Any) -> None:
    from onrecord.dense.static import Distillation, cache_key

    assert encoder.model_id == f"minilm-static-{cache_key(Distillation())}"
    assert (encoder.dim, encoder.lam) == (256, 2.0)


class _Recording:
    """A tokenizer that records the texts it is given."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.batches: list[list[str]] = []

    def encode_batch(self, texts: list[str], **kwargs: Any) -> Any:
        self.batches.append(list(texts))
        return self.tokenizer.encode_batch(texts, **kwargs)


HEADED = [
    "Vladimir Putin (Meeting with Government members): We discussed gas supplies.",
    "Vladimir Putin (Meeting with Government members): Prices rose by 4%.",
    " (Answers to questions): Ça va? 中文字 Ünïcödé",  # no speaker name
    "A (talk (part 2)): one): two",  # the first "): " ends the head
    "no head at all",
    "X (T): " + "word " * 600,  # over MAX_TOKENS
]


def test_a_shared_head_is_tokenised_once(encoder: Any) -> None:
    import copy

    recording = copy.copy(encoder)
    recording._tokenizer = _Recording(encoder._tokenizer)
    recording.encode(HEADED)
    (batch,) = recording._tokenizer.batches
    assert batch[:5] == [
        "Vladimir Putin (Meeting with Government members): ",
        " (Answers to questions): ",
        "A (talk (part 2)): ",
        "",
        "X (T): ",
    ]
    assert batch[5:] == [
        "We discussed gas supplies.",
        "Prices rose by 4%.",
        "Ça va? 中文字 Ünïcödé",
        "one): two",
        "no head at all",
        "word " * 600,
    ]


def test_head_and_rest_tokenised_apart_give_the_whole_texts_ids(encoder: Any) -> None:
    from onrecord.dense.static import MAX_TOKENS

    whole = [e.ids for e in encoder._tokenizer.encode_batch(HEADED, add_special_tokens=False)]
    ids = encoder._token_ids(HEADED)
    assert ids == whole
    assert len(ids[-1]) == MAX_TOKENS == 512  # "X", "(", "t", ")", ":" and 507 of the words
    assert ids[-1][5:] == [ids[-1][5]] * 507
