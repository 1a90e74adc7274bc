"""An archive of two made-up transcripts (helpers.watching) for the watch tests, on each
engine: a SQLite file and a PostgreSQL database (a throwaway cluster, helpers.postgres)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.watching import FIRST, SECOND
from onrecord.archive import Archive


@pytest.fixture(params=["sqlite", "postgresql"])
def location(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.setenv("ONRECORD_INDEX", str(tmp_path / "pg.index"))  # this node's index
    if request.param == "sqlite":
        return str(tmp_path / "watch.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def archive(location: str) -> Iterator[Archive]:
    with Archive.open(location) as opened:
        opened.put_documents([FIRST, SECOND])
        yield opened
