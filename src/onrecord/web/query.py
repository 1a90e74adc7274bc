"""Checking what a request asks for before the archive sees it: dates, pages, query text.

Every problem is a QueryError (400) naming the parameter; the archive binds all values
as SQL parameters, so nothing here is about escaping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import Depends, Query

from onrecord.archive import Filters
from onrecord.dates import date_problem
from onrecord.errors import QueryError

MAX_QUERY_CHARS = 500  # a long pasted paragraph still fits; a megabyte of query does not
MAX_FILTER_CHARS = 200
MAX_PAGE = 10_000


def date_param(name: str, value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    problem = date_problem(value)
    if problem:
        raise QueryError(f"{name}: {problem}")
    return value


def text_param(name: str, value: str | None, limit: int = MAX_FILTER_CHARS) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > limit:
        raise QueryError(f"{name}: at most {limit} characters")
    if "\x00" in value:
        raise QueryError(f"{name}: contains a NUL character")
    return value.strip()


def make_filters(
    speaker: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    doc: str | None = None,
) -> Filters:
    return Filters(
        speaker=text_param("speaker", speaker),
        date_from=date_param("from", date_from),
        date_to=date_param("to", date_to),
        place=text_param("place", place),
        doc_id=text_param("doc", doc),
    )


FilterText = Annotated[str | None, Query(max_length=500)]
FilterFrom = Annotated[
    str | None,
    Query(alias="from", max_length=10, description="ISO date: 2017, 2017-04, 2017-04-12"),
]
FilterTo = Annotated[
    str | None, Query(alias="to", max_length=10, description="ISO date, inclusive")
]


async def filter_params(
    speaker: FilterText = None,
    place: FilterText = None,
    date_from: FilterFrom = None,
    date_to: FilterTo = None,
) -> Filters:
    """The filters every listing takes (`speaker`, `place`, `from`, `to`), declared once for
    the API and the pages. `async`: FastAPI runs a plain `def` dependency in its thread
    pool, a hand-off to another thread and back on every search and listing for a few
    string checks."""
    return make_filters(speaker, date_from, date_to, place)


FilterParams = Annotated[Filters, Depends(filter_params)]


def filter_query(filters: Filters) -> dict[str, str | None]:
    """The filters as the query parameters that give them (`from`, `to`...), for links."""
    return {
        "speaker": filters.speaker,
        "place": filters.place,
        "from": filters.date_from,
        "to": filters.date_to,
    }


def within(filters: Filters, doc: str | None) -> Filters:
    """`filters` narrowed to one document (`doc`), when given."""
    return replace(filters, doc_id=text_param("doc", doc))


SORTS = ("relevance", "newest", "oldest")
MODES = ("search", "ask")


def choice_param(name: str, value: str | None, choices: tuple[str, ...]) -> str:
    """One of `choices` (the first when not given)."""
    if not value:
        return choices[0]
    if value not in choices:
        raise QueryError(f"{name}: one of {', '.join(choices)}, not {value[:40]!r}")
    return value


def query_text(value: str | None, *, required: bool, limit: int = MAX_QUERY_CHARS) -> str:
    text = text_param("q", value, limit)
    if text is None and required:
        raise QueryError("q: a search query is required")
    return text or ""


@dataclass(frozen=True)
class Paging:
    """A slice of a list: `size` items from `offset`; HTML pages count in page numbers."""

    size: int
    offset: int = 0

    @property
    def page(self) -> int:
        return self.offset // self.size + 1

    @classmethod
    def of(cls, page: int | None, size: int) -> Paging:
        if page is not None and not 1 <= page <= MAX_PAGE:
            raise QueryError(f"page: expected a number from 1 to {MAX_PAGE}")
        return cls(size, ((page or 1) - 1) * size)

    def pages(self, total: int) -> int:
        return max(1, -(-total // self.size))
