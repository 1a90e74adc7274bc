"""An archive of two made-up transcripts (helpers.watching) for the watch tests, on each
engine: a SQLite file and a PostgreSQL database (a throwaway cluster, helpers.postgres)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers.watching import FIRST, SECOND
from onrecord.archive import Archive


@pytest.fixture
def archive(location: str) -> Iterator[Archive]:
    with Archive.open(location) as opened:
        opened.put_documents([FIRST, SECOND])
        yield opened
