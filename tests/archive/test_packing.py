"""Annotations packed for the trip from a worker to the writer (`onrecord.store.packing`):
texts that are the slice they point at, and empty data, are not sent, and unpickling
gives back equal annotations in the same order."""

from __future__ import annotations

import pickle

from onrecord.model import Annotation, Document
from onrecord.store import packing
from onrecord.store.documents import Incoming

DOCUMENT = Document.from_dict(
    {
        "id": "p1",
        "source": "p1.txt",
        "sha256": "0" * 64,
        "parser": {"name": "test", "version": "1"},
        "lead": "Hello world.",
        "preamble": ["A b.", "C d."],  # joined: "A b.\n\nC d."
        "speakers": [{"id": "s1", "name": "Vladimir Putin"}],
        "turns": [
            {"index": 0, "label": "Putin", "speaker": "s1", "paragraphs": ["First.", "Second."]}
        ],  # turn 0's text: "First.\n\nSecond." (Second. at 8 to 15)
    }
)
ANNOTATIONS = (
    Annotation("sentence", "s.v1", None, 0, 12, "Hello world."),  # the lead's slice
    Annotation("entity", "e.v1", -1, 6, 9, "C d", {"type": "x"}),  # the preamble's
    Annotation("sentence", "s.v1", 0, 8, 15, "Second."),
    Annotation("entity", "e.v1", 0, 0, 5, "FIRST"),  # not the slice ("First"): sent
    Annotation("sentence", "s.v1", 7, 0, 3, "abc"),  # no turn 7: sent
    Annotation("sentence", "s.v1", 0, 0, 6, "First."),  # after the others, as given
)


def test_only_what_the_text_does_not_say_is_sent() -> None:
    packed = packing.pack(DOCUMENT, ANNOTATIONS)
    assert packed.names == (("sentence", "s.v1"), ("entity", "e.v1"))
    assert packed.spans == (0, 0, 12, 1, 6, 9, 0, 8, 15, 1, 0, 5, 0, 0, 3, 0, 0, 6)
    assert packed.turns == (None, -1, 0, 0, 7, 0)
    assert packed.texts == {3: "FIRST", 4: "abc"}
    assert packed.data == {1: {"type": "x"}}


def test_unpacked_annotations_are_the_same_in_the_same_order() -> None:
    packed = packing.pack(DOCUMENT, ANNOTATIONS)
    assert packing.unpack(DOCUMENT, packed) == ANNOTATIONS


def test_a_pickled_incoming_keeps_its_annotations() -> None:
    incoming = Incoming.of(DOCUMENT, b"raw bytes", ANNOTATIONS)
    again = pickle.loads(pickle.dumps(incoming))
    assert again == incoming
    assert again.annotations == ANNOTATIONS
    assert [a.text for a in again.annotations] == [
        "Hello world.",
        "C d",
        "Second.",
        "FIRST",
        "abc",
        "First.",
    ]


def test_two_turns_of_one_index_point_into_the_first() -> None:
    # `unit_text` finds the first turn of an index; a slice of it is not sent
    twice = Document.from_dict(
        {
            **DOCUMENT.to_dict(),
            "turns": [
                {"index": 0, "label": "Putin", "speaker": "s1", "paragraphs": ["First."]},
                {"index": 0, "label": "Putin", "speaker": "s1", "paragraphs": ["Other."]},
            ],
        }
    )
    first = (Annotation("sentence", "s.v1", 0, 0, 6, "First."),)
    packed = packing.pack(twice, first)
    assert packed.texts == {}
    assert packing.unpack(twice, packed) == first
