"""Property tests from the OpenAPI schema: no generated request makes the server fail.

Bounded: a few examples per operation (ONRECORD_SCHEMATHESIS_EXAMPLES to raise it).
Uploads are exercised too, with the token they need. The schema has to exist when the
tests are collected (schemathesis' `from_fixture` does not work with pytest 9), so the
app is made on an empty archive in a temporary folder then, and filled by a fixture.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis  # the `test` extra: a missing one is an error, not a skip
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from onrecord.archive import Archive
from onrecord.web import WebConfig, create_app

from .conftest import KREMLIN

TOKEN = "schemathesis-token"
EXAMPLES = int(os.environ.get("ONRECORD_SCHEMATHESIS_EXAMPLES", "25"))
DB = Path(tempfile.mkdtemp(prefix="onrecord-schemathesis-")) / "a.db"
schema = schemathesis.openapi.from_asgi(
    "/api/v1/openapi.json", create_app(WebConfig(str(DB), token=TOKEN))
)


@pytest.fixture(scope="module", autouse=True)
def _filled_archive() -> None:
    with Archive.open(DB) as archive:
        archive.ingest([KREMLIN / "54271.txt", KREMLIN / "17723.txt"], workers=1)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_no_server_error(case: Any) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" else None
    response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
    assert response.status_code < 500
    assert response.headers["content-type"][0].startswith("application/json")
