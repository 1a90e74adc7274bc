from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.postgres import Cluster

# With the `dense` extra installed every test archive would embed its paragraphs on each
# write (minutes over the suite): off here, and on in the tests of sentence vectors
# (tests/archive/test_ask_dense.py). Set before any test, so that subprocesses inherit it.
os.environ["ONRECORD_VECTORS"] = "off"

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


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
