from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.postgres import Cluster
from onrecord import dense
from onrecord.dense import static

# Every test archive embeds its paragraphs on each write, as an installed `dense` extra does
# (the static model: milliseconds a write). Its matrix is distilled once per machine (about
# 20 s) into the user's cache, pinned here so that subprocesses run with another HOME read it.
os.environ.setdefault("ONRECORD_CACHE", str(static.cache_dir()))


FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def static_model() -> None:
    """The static model distilled (or read from the cache) once, before any test needs it."""
    if dense.available() and not dense.switched_off():
        static.matrix(static.Distillation())


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return FIXTURES / "seed" / "000_2d5ceea0f88c4a04.txt"


@pytest.fixture(scope="session")
def kremlin_dir() -> Path:
    return FIXTURES / "kremlin"


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL server for the session (helpers.postgres); its tests skip,
    or fail in CI, where it cannot start."""
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> str:
    """The URL of a new, empty PostgreSQL database."""
    return postgres_cluster.database()


@pytest.fixture(params=["sqlite", "postgresql"])
def location(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Where an empty archive goes, once on each engine: a file, or a new PostgreSQL
    database (with this node's search index in the test's folder)."""
    monkeypatch.setenv("ONRECORD_INDEX", str(tmp_path / "pg.index"))
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    url: str = request.getfixturevalue("postgres_url")
    return url
