"""The order of documents: the list by date (newest or oldest first) and each document's
previous and next, on the hand-made corpus with two more documents to break ties.

By (date, id), worked out by hand: u1 (undated, ""), d1 (2017-04-12), d0 and d2 (both
2018-06-01: the id decides, d0 first), d3 (2019-01-15).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers.corpus import CORPUS, PESKOV, doc
from onrecord.archive import DOCUMENT_SORTS, Archive, Filters
from onrecord.errors import NotFoundError, QueryError

SAME_DAY = doc("d0", "2018-06-01", "Sochi", [PESKOV], turns=[(PESKOV, ["Good morning."])])
UNDATED = doc("u1", "", "", [PESKOV], turns=[(PESKOV, ["No date on this one."])])
OLDEST_FIRST = ["u1", "d1", "d0", "d2", "d3"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with Archive.open(tmp_path_factory.mktemp("order") / "archive.db") as opened:
        opened.put_documents([*CORPUS, SAME_DAY, UNDATED])
        yield opened


def _ids(archive: Archive, **options: object) -> list[str]:
    return [d.id for d in archive.list_documents(**options).items]  # type: ignore[arg-type]


def test_the_sorts_are_search_s_date_orders_newest_first() -> None:
    assert DOCUMENT_SORTS == ("newest", "oldest")


def test_newest_first_is_the_default(archive: Archive) -> None:
    assert _ids(archive) == ["d3", "d2", "d0", "d1", "u1"]
    assert _ids(archive, sort="newest") == ["d3", "d2", "d0", "d1", "u1"]


def test_oldest_first_is_date_then_id_ascending(archive: Archive) -> None:
    assert _ids(archive, sort="oldest") == OLDEST_FIRST


def test_a_sorted_list_pages_and_filters(archive: Archive) -> None:
    assert _ids(archive, sort="oldest", limit=2, offset=2) == ["d0", "d2"]
    assert _ids(archive, sort="oldest", limit=2, offset=4) == ["d3"]
    page = archive.list_documents(Filters(date_from="2018"), sort="oldest")
    assert [d.id for d in page.items] == ["d0", "d2", "d3"] and page.total == 3
    sochi = archive.list_documents(Filters(place="Sochi"), sort="newest")
    assert [d.id for d in sochi.items] == ["d2", "d0"]


def test_an_unknown_sort_is_a_query_error(archive: Archive) -> None:
    with pytest.raises(QueryError, match=r"^sort: one of newest, oldest, not 'date-desc'$"):
        archive.list_documents(sort="date-desc")
    with pytest.raises(QueryError):
        archive.list_documents(sort="relevance")  # search's order, not a list's


@pytest.mark.parametrize(
    ("doc_id", "previous", "following"),
    [
        ("u1", None, "d1"),
        ("d1", "u1", "d0"),
        ("d0", "d1", "d2"),
        ("d2", "d0", "d3"),
        ("d3", "d2", None),
    ],
)
def test_previous_and_next_follow_date_then_id(
    archive: Archive, doc_id: str, previous: str | None, following: str | None
) -> None:
    before, after = archive.neighbours(doc_id)
    assert (before.id if before else None, after.id if after else None) == (previous, following)


def test_walking_next_from_the_oldest_visits_the_list_oldest_first(archive: Archive) -> None:
    walked, current = [], "u1"
    while current:
        walked.append(current)
        after = archive.neighbours(current)[1]
        current = after.id if after else ""
    assert walked == OLDEST_FIRST


def test_a_neighbour_is_a_listing_line(archive: Archive) -> None:
    before, _ = archive.neighbours("d2")
    assert before is not None
    assert (before.title, before.date, before.place) == ("Talks d0", "2018-06-01", "Sochi")


def test_neighbours_of_an_unknown_document_is_not_found(archive: Archive) -> None:
    with pytest.raises(NotFoundError, match="no such document"):
        archive.neighbours("nope")
