"""An archive of two made-up transcripts (helpers.watching) for the watch tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.watching import FIRST, SECOND
from onrecord.archive import Archive


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive.open(tmp_path / "watch.db") as opened:
        opened.put_documents([FIRST, SECOND])
        yield opened
