"""An archive of the 36 Kremlin fixture pages in a temporary folder, and clients for it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.archive import Archive
from onrecord.web import WebConfig, create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KREMLIN = FIXTURES / "kremlin"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("web") / "archive.db"
    with Archive.open(path) as archive:
        report = archive.ingest(sorted(KREMLIN.glob("*.txt")), workers=1)
    assert report.inserted == 36, report.to_dict()
    return str(path)


@pytest.fixture(scope="session")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(WebConfig(web_db))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def revised_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """54271 stored twice: from the saved text, then from the site's HTML with its title
    corrected (two revisions: the same text in another format alone is not a revision)."""
    folder = tmp_path_factory.mktemp("revised")
    path = folder / "archive.db"
    html = (KREMLIN / "54271.html").read_text(encoding="utf-8")
    corrected = folder / "54271.html"
    title = re.compile(r'(<h1 class="entry-title p-name" itemprop="name">)[^<]*(</h1>)')
    assert title.search(html)
    corrected.write_text(title.sub(r"\1Interview to Mir TV\2", html, count=1), encoding="utf-8")
    with Archive.open(path) as archive:
        archive.ingest([KREMLIN / "54271.txt"], workers=1)
        archive.ingest([corrected], workers=1)
    return str(path)


@pytest.fixture(scope="session")
def revised_client(revised_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(WebConfig(revised_db))) as test_client:
        yield test_client


def make_client(tmp_path: Path, **config: object) -> TestClient:
    """A client on a fresh empty archive, with WebConfig options (token, max_body)."""
    app = create_app(WebConfig(str(tmp_path / "fresh.db"), **config))  # type: ignore[arg-type]
    return TestClient(app)


@pytest.fixture(scope="session")
def edited_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """54271 stored twice: as published, then with one figure changed (20,000 -> 25,000)."""
    folder = tmp_path_factory.mktemp("edited")
    page = folder / "54271.html"
    html = (KREMLIN / "54271.html").read_text(encoding="utf-8")
    path = folder / "archive.db"
    with Archive.open(path) as archive:
        page.write_text(html, encoding="utf-8")
        archive.ingest([page], workers=1, enrich=False)
        page.write_text(html.replace("around 20,000", "around 25,000", 1), encoding="utf-8")
        archive.ingest([page], workers=1, enrich=False)
    return str(path)
