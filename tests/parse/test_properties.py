"""Random and mutated input: every reader either parses or raises the project's own error."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.errors import OnrecordError
from onrecord.parse import parse_bytes

FIXTURES = Path(__file__).parents[1] / "fixtures" / "kremlin"
SAMPLES = [FIXTURES / "54271.txt", FIXTURES / "7506.txt", FIXTURES / "54271.html"]
SEEDS = [p.read_bytes()[:20000] for p in SAMPLES]
FRAGMENTS = [
    b"\n\n",
    b": ",
    b"<p><b>",
    b"</b>",
    b"Vladimir Putin:",
    b"\xc2\xa0",
    b"\r\n",
    b"April 12, 2017",
    b"\xff",
    b"[",
    b"(",
    b"<\xe2\x80\xa6>",
    b"<html>",
    b"\x00",
]
RELAXED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_own_error(data: bytes, name: str) -> None:
    try:
        document = parse_bytes(data, name)
    except OnrecordError:
        return
    check_invariants(document)


def check_invariants(document) -> None:
    ids = {s.id for s in document.speakers}
    assert all(t.speaker in ids for t in document.turns)
    assert [t.index for t in document.turns] == list(range(len(document.turns)))
    for note in document.notes:
        if note.paragraph < 0:
            assert document.turns[note.turn].label[note.start : note.end] == note.text
            continue
        paragraphs = (
            document.preamble if note.turn is None else document.turns[note.turn].paragraphs
        )
        assert paragraphs[note.paragraph][note.start : note.end] == note.text


@RELAXED
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.html"]))
def test_random_bytes(data, name):
    parse_or_own_error(data, name)


@RELAXED
@given(st.text(max_size=2000))
def test_random_text(text):
    parse_or_own_error(text.encode("utf-8", "surrogatepass"), "t.txt")


@RELAXED
@given(
    st.sampled_from(range(len(SEEDS))),
    st.lists(
        st.tuples(st.integers(0, 20000), st.integers(0, 300), st.sampled_from(FRAGMENTS)),
        max_size=8,
    ),
)
def test_mutated_real_pages(which, edits):
    data = bytearray(SEEDS[which])
    for position, cut, fragment in edits:
        position %= max(1, len(data))
        data[position : position + cut] = fragment
    parse_or_own_error(bytes(data), SAMPLES[which].name)
