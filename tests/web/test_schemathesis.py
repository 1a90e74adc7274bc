"""Property tests from the OpenAPI schema: no generated request makes the server fail.

Bounded: a few examples per operation (ONRECORD_SCHEMATHESIS_EXAMPLES to raise it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from onrecord.archive import Archive  # noqa: E402
from onrecord.web import WebConfig, create_app  # noqa: E402

KREMLIN = Path(__file__).resolve().parents[1] / "fixtures" / "kremlin"
TOKEN = "schemathesis-token"  # uploads are exercised too, with the token they need
EXAMPLES = int(os.environ.get("ONRECORD_SCHEMATHESIS_EXAMPLES", "25"))


def _app():  # type: ignore[no-untyped-def]
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="onrecord-st-"))
    with Archive.open(folder / "a.db") as archive:
        archive.ingest([KREMLIN / "54271.txt", KREMLIN / "17723.txt"], workers=1)
    return create_app(WebConfig(str(folder / "a.db"), token=TOKEN))


APP = _app()
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_no_server_error(case) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" else None
    response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
    assert response.status_code < 500
    assert response.headers["content-type"][0].startswith("application/json")
