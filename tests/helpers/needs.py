"""Tools the tests need that Python does not install (Chromium, poppler, jing, ../shared).

On a developer's machine a missing one skips its tests; in CI (`CI` set), where
`scripts/install --test` provides them, a missing one fails them: a skip there would
pass a check that never ran.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

IN_CI = bool(os.environ.get("CI"))


def absent(reason: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"{reason}; CI must provide it (scripts/install --test)")
    pytest.skip(reason)
