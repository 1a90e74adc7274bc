"""Permalinks followed to the paragraph they name: in the reader page, by the cite route,
by `onrecord show ID#...` and from `onrecord quote`. The expected paragraphs are those of
the made-up corpus in helpers/corpus.py, read off it by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from lxml import html

from helpers.corpus import CORPUS
from onrecord.archive import Archive
from onrecord.cli import main
from onrecord.enrich.quotes import find_quote
from onrecord.web import WebConfig, create_app
from onrecord.web.reader import anchor, paragraph_at, parse_anchor


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("permalinks") / "archive.db"
    with Archive.open(path) as archive:
        archive.put_documents(CORPUS)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(WebConfig(str(db)))) as test_client:
        yield test_client


def paragraph_in_page(client: TestClient, doc_id: str, mark: str) -> str:
    """The text of the element whose id is `mark` in the reader page, without its tools."""
    page = html.fromstring(client.get(f"/documents/{doc_id}").text)
    (element,) = page.xpath(f'//*[@id="{mark}"]')
    for tools in element.xpath('.//*[@class="para-tools"]'):
        tools.drop_tree()
    return " ".join(element.text_content().split())


@pytest.mark.parametrize(
    ("query", "permalink", "text"),
    [
        ('"gas prices"', "d1#t1-p2", "Gas prices fell in Russia, oil prices rose."),
        ("ruble", "d1#t1-p1", "The ruble is stable; rural areas grow."),
        ("china", "d2#t0-p0", "Russia talks with China."),
        ("decides", "d2#t1-p1", "Russia, not Europe, decides."),
        ("rubber", "d3#t0-p0", "Rules run the rubber market."),
    ],
)
def test_a_search_hit_leads_to_its_paragraph_in_the_reader(
    client: TestClient, query: str, permalink: str, text: str
) -> None:
    (hit,) = client.get("/api/v1/search", params={"q": query}).json()["hits"]
    assert hit["permalink"] == permalink
    doc_id, mark = permalink.split("#")
    assert paragraph_in_page(client, doc_id, mark) == text
    cited = client.get(f"/api/v1/documents/{doc_id}/cite", params={"p": mark}).json()
    assert cited["quote"] == text
    assert cited["permalink"] == f"http://testserver/documents/{permalink}"


def test_a_preamble_hit_leads_to_its_paragraph_in_the_reader(client: TestClient) -> None:
    (hit,) = client.get("/api/v1/search", params={"q": "ministers"}).json()["hits"]
    assert hit["permalink"] == "d1#p0"
    assert paragraph_in_page(client, "d1", "p0") == "Ministers from Europe arrived."


def test_every_paragraph_of_the_reader_has_the_anchor_of_its_place(client: TestClient) -> None:
    page = html.fromstring(client.get("/documents/d2").text)
    marks = [p.get("id") for p in page.xpath('//*[contains(concat(" ", @class, " "), " para ")]')]
    assert marks == ["t0-p0", "t0-p1", "t1-p0", "t1-p1"]


@pytest.mark.parametrize(
    ("value", "turn", "paragraph"),
    [("t0-p0", 0, 0), ("t12-p3", 12, 3), ("t1-p10", 1, 10)],
)
def test_anchors_read_back_as_they_are_written(value: str, turn: int, paragraph: int) -> None:
    assert parse_anchor(value) == (turn, paragraph)
    assert anchor(turn, paragraph) == value


def test_the_webs_old_preamble_anchor_still_reads() -> None:
    assert parse_anchor("t-1-p0") == parse_anchor("p0") == (-1, 0)


@pytest.mark.parametrize("mark", ["t1-p3", "t2-p0", "p1", "t-1-p1"])
def test_a_paragraph_past_the_end_is_not_found(mark: str) -> None:
    from onrecord.errors import NotFoundError, QueryError

    with pytest.raises((NotFoundError, QueryError)):
        paragraph_at(CORPUS[0], *parse_anchor(mark))


def test_paragraph_at_finds_the_turn_by_its_index_not_its_position() -> None:
    document = CORPUS[0]
    turn, text = paragraph_at(document, 1, 2)
    assert (turn.index, text) == (1, "Gas prices fell in Russia, oil prices rose.")
    last = document.turns[1]
    document = type(document)(**{**document.__dict__, "turns": [last]})
    assert paragraph_at(document, 1, 0)[1] == "Russia is part of Europe."


@pytest.mark.parametrize(
    ("permalink", "shown", "hidden"),
    [
        ("d1#t1-p2", "Gas prices fell in Russia", "What about Russia"),
        ("d1#t0-p0", "What about Russia", "Gas prices fell"),
        ("d1#p0", "Ministers from Europe arrived.", "What about Russia"),
    ],
)
def test_show_follows_a_permalink_to_its_turn(
    db: Path, permalink: str, shown: str, hidden: str
) -> None:
    result = CliRunner().invoke(main, ["show", permalink, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert shown in result.stdout and hidden not in result.stdout


@pytest.mark.parametrize(
    ("quote", "permalink"),
    [
        ("Gas prices fell in Russia, oil prices rose.", "d1#t1-p2"),
        ("The ruble is stable", "d1#t1-p1"),
        ("Russia is part of Europe.", "d1#t1-p0"),
        ("Prices of gas are high.", "d2#t0-p1"),
        ("Ministers from Europe arrived.", "d1#p0"),  # the preamble, as search links it
    ],
)
def test_a_found_quote_links_to_the_paragraph_that_says_it(quote: str, permalink: str) -> None:
    result = find_quote(CORPUS, quote)
    assert result["found"] is True and result["match"] == "exact"
    assert result["permalink"] == permalink


def test_a_near_quote_scores_the_share_of_its_words_said_in_order() -> None:
    # 8 of the quotation's 9 words, in order, in a passage of 8 words: 8/9 * (8/8) ** 0.25
    result = find_quote(CORPUS, "Gas prices fell in Russia and oil prices rose.")
    assert (result["match"], result["score"]) == ("near", 0.889)
    assert result["differences"] == [{"op": "delete", "quoted": "and", "said": ""}]


def test_a_page_of_the_reader_names_a_bad_anchor_in_at_most_40_characters(
    client: TestClient,
) -> None:
    asked = {"Accept": "application/json"}
    response = client.get("/documents/d1/cite", params={"p": "x" * 60}, headers=asked)
    assert response.status_code == 400
    assert response.json()["message"] == (
        f"p: expected a paragraph anchor like t12-p3, got {'x' * 40!r}"
    )


def test_a_turn_without_a_known_speaker_is_cited_by_its_label() -> None:
    from onrecord.model import Turn
    from onrecord.web.reader import speaker_of

    assert speaker_of(CORPUS[0], Turn(5, "Voice from the hall", "nobody", ["x"])) == (
        "Voice from the hall",
        "",
    )
    assert speaker_of(CORPUS[0], Turn(5, "", "nobody", ["x"])) == ("Unknown speaker", "")
    assert speaker_of(CORPUS[0], CORPUS[0].turns[1]) == ("Vladimir Putin", "President of Russia")


def test_a_quote_from_the_lead_links_to_the_document() -> None:
    from dataclasses import replace

    document = replace(CORPUS[2], lead="The rubber market was discussed at length.")
    result = find_quote([document], "The rubber market was discussed at length.")
    assert (result["found"], result["turn"], result["permalink"]) == (True, None, "d3")
