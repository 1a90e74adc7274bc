"""Revisions compared word by word, turn by turn, with the speaker."""

from __future__ import annotations

from onrecord.diffing import turn_changes, word_diff
from onrecord.model import Document, Speaker, Turn


def _doc(*texts: str) -> Document:
    return Document(
        id="1",
        source="x.txt",
        sha256="0" * 64,
        parser={"name": "t", "version": "1"},
        title="T",
        date="2017-04-12",
        speakers=[Speaker("vp", "Vladimir Putin"), Speaker("q", "Question", generic=True)],
        turns=[Turn(i, "x", "vp" if i % 2 else "q", [t]) for i, t in enumerate(texts)],
    )


def test_a_one_word_change_is_that_word() -> None:
    old = "We sent about 20,000 people there, and they worked hard for years in the field."
    segments = word_diff(old, old.replace("20,000", "25,000"))
    assert ("-", "20,000") in segments and ("+", "25,000") in segments
    assert [op for op, _ in segments] == ["=", "-", "+", "="]


def test_long_unchanged_runs_keep_a_few_words_around_the_change() -> None:
    words = " ".join(f"w{i}" for i in range(60))
    segments = word_diff(words + " old end", words + " new end", context=5)
    assert segments[0] == ("=", "… w55 w56 w57 w58 w59 ")
    assert segments[1:] == [("-", "old"), ("+", "new"), ("=", " end")]


def test_non_breaking_spaces_are_not_changes() -> None:
    assert word_diff("a\u00a0b c", "a b c") == [("=", "a b c")]


def test_turns_are_paired_and_carry_the_speaker() -> None:
    old = _doc("Hello?", "About 20,000.", "Thanks.")
    new = _doc("Hello?", "About 25,000.", "Thanks.", "One more thing.")
    changes = turn_changes(old, new)
    assert [(c.status, c.speaker, c.old, c.new) for c in changes] == [
        ("changed", "Vladimir Putin", 1, 1),
        ("added", "Vladimir Putin", None, 3),
    ]
    assert ("+", "25,000.") in changes[0].segments
