"""Made-up transcripts for the watch tests, whose matches can be counted by hand."""

from __future__ import annotations

from onrecord.identity import slug
from onrecord.model import Document, Speaker, Turn


def transcript(doc_id: str, date: str, turns: list[tuple[str, str]], title: str = "") -> Document:
    """A document whose turns are (speaker name, text) pairs; paragraphs split on blank lines."""
    names = list(dict.fromkeys(name for name, _ in turns))
    speakers = [Speaker(id=slug(n), name=n, labels=[n]) for n in names]
    return Document(
        id=doc_id,
        source=f"test:{doc_id}",
        sha256="",
        parser={"name": "test"},
        title=title or f"Meeting {doc_id}",
        date=date,
        place="Moscow",
        speakers=speakers,
        turns=[
            Turn(i, name, slug(name), text.split("\n\n")) for i, (name, text) in enumerate(turns)
        ],
    )


PUTIN, MERKEL = "Vladimir Putin", "Angela Merkel"

FIRST = transcript(
    "a1",
    "2020-01-10",
    [(PUTIN, "Gas prices in Europe rose this winter."), (MERKEL, "We discussed the gas transit.")],
    title="Talks with Angela Merkel",
)
SECOND = transcript("a2", "2020-02-01", [(PUTIN, "Oil output grew.")], title="Press statement")
