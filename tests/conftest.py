from __future__ import annotations

from pathlib import Path

import pytest

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
