"""What the reader page asks of the store, on both engines: the annotation kinds it shows
in one statement (kind by kind, in the order asked), the neighbours by date, and an
unknown id refused by each, however few statements they take.

The three fixture pages, dates read off them by hand: 17389 (2013-01-30), 17723
(2013-03-22), 54271 (2017-04-12); so 17723's previous is 17389 and its next 54271.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from onrecord.archive import Archive
from onrecord.errors import NotFoundError
from onrecord.model import Annotation
from onrecord.store import backend
from onrecord.web import views_docs

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"
PAGES = [str(KREMLIN / f"{page}.txt") for page in ("54271", "17389", "17723")]


@pytest.fixture
def archive(location: str) -> Iterator[Archive]:
    with Archive.open(location) as opened:
        report = opened.ingest(PAGES, workers=1, enrich=False)
        assert (report.inserted, report.failed) == (3, [])
        yield opened


def note(kind: str, turn: int, start: int) -> Annotation:
    return Annotation(kind, f"{kind}.test", turn, start, start + 4, "text", {"n": turn})


def test_several_kinds_come_kind_by_kind_in_the_order_asked(archive: Archive) -> None:
    archive.put_annotations(
        "54271",
        [
            note("claim", 2, 5),
            note("quantity", 1, 0),
            note("quantity", 0, 3),
            note("sentence", 0, 0),
            note("claim", 0, 9),
        ],
    )
    found = archive.annotations("54271", ("quantity", "claim"))
    assert [(a.kind, a.turn, a.start) for a in found] == [
        ("quantity", 0, 3),
        ("quantity", 1, 0),
        ("claim", 0, 9),
        ("claim", 2, 5),
    ]
    assert found[0].data == {"n": 0} and found[0].end == 7
    found = archive.annotations("54271", ("claim", "quantity"))
    assert [(a.kind, a.turn) for a in found] == [
        ("claim", 0),
        ("claim", 2),
        ("quantity", 0),
        ("quantity", 1),
    ]
    assert [a.kind for a in archive.annotations("54271", "sentence")] == ["sentence"]
    assert len(archive.annotations("54271")) == 5
    assert archive.annotations("17389", ("quantity", "claim")) == []  # none stored


def test_an_unknown_document_is_refused_by_each_read(archive: Archive) -> None:
    for read in (
        lambda: archive.annotations("nope", ("quantity", "claim")),
        lambda: archive.annotations("nope"),
        lambda: archive.neighbours("nope"),
        lambda: archive.get("nope"),
        lambda: archive.revisions("nope"),
    ):
        with pytest.raises(NotFoundError, match="no such document"):
            read()


def test_neighbours_by_date(archive: Archive) -> None:
    previous, following = archive.neighbours("17723")
    assert previous is not None and previous.id == "17389"
    assert following is not None and following.id == "54271"
    assert archive.neighbours("17389")[0] is None
    assert archive.neighbours("54271")[1] is None
    assert [r.current for r in archive.revisions("54271")] == [True]


def test_a_reader_page_asks_postgresql_five_statements(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document, its revisions and their inputs, its neighbours by date (with its own
    summary), the annotations it shows: one statement each (a round trip to the server), not
    one per kind or per lookup of the current revision (there were 16)."""
    monkeypatch.setenv("ONRECORD_INDEX", str(tmp_path / "pg.index"))
    with Archive.open(postgres_url) as archive:
        archive.ingest(PAGES, workers=1, enrich=False)
        archive.put_annotations("17723", [note("quantity", 1, 0), note("claim", 2, 5)])
        asked: list[str] = []
        run = backend.PgConnection.execute

        def counted(self: backend.PgConnection, sql: str, params: Any = None) -> Any:
            asked.append(sql)
            return run(self, sql, params)

        monkeypatch.setattr(backend.PgConnection, "execute", counted)
        view = views_docs.document(archive, "17723")
    assert len(asked) == 5, asked
    assert view.document.id == "17723" and view.revision == 1
    assert view.previous is not None and view.previous.id == "17389"
    assert view.next is not None and view.next.id == "54271"
