"""Requests an attacker or a careless link would send: answered 4xx, never 500 or off-site."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

HUGE = "99999999999999999999999"  # past SQLite's 64-bit integers


@pytest.mark.parametrize(
    "path",
    [
        f"/documents/54271?revision={HUGE}",
        f"/documents/54271/diff?a={HUGE}&b=1",
        f"/documents/54271/diff?a=1&b={HUGE}",
        f"/search?q=Russia&page={HUGE}",
        f"/speakers?page={HUGE}",
        "/documents/54271?revision=-1",
    ],
)
def test_an_integer_parameter_out_of_range_is_422(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("target", "link"),
    [
        ("/\t/evil.example", "/"),  # browsers drop the tab and read //evil.example
        ("/\n/evil.example", "/"),
        ("/\\evil.example", "/"),  # browsers read a backslash as a slash
        ("https://evil.example/", "/"),
        ("/%09/evil.example", "/%09/evil.example"),  # still escaped: a path on this site
        ("/documents/54271?revision=1#t1-p2", "/documents/54271?revision=1#t1-p2"),
    ],
)
def test_the_settings_back_link_stays_on_this_site(
    client: TestClient, target: str, link: str
) -> None:
    page = client.get("/settings", params={"next": target}).text
    assert f'<a href="{link}">Back</a>' in page
    redirect = client.post("/settings", data={"next": target}, follow_redirects=False)
    assert redirect.headers["location"] == link
