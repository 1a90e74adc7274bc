"""Figures highlighted in the reader, the claims panel, and the same data in the JSON twin."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from onrecord.web.figures import locate

NEARLY = "fig-t11-848"  # 'nearly 10,000' in 54271, turn 11
AROUND = "fig-t11-935"  # 'around 9,000'


def _mark(html: str, figure_id: str) -> re.Match[str]:
    match = re.search(
        rf'<mark class="([^"]*)" id="{figure_id}" title="([^"]*)"[^>]*>([^<]*)</mark>', html
    )
    assert match, f"no mark {figure_id}"
    return match


def test_locate_maps_turn_offsets_to_paragraphs() -> None:
    paragraphs = ["abc", "defgh", "ij"]  # joined: abc\n\ndefgh\n\nij
    assert locate(paragraphs, 0, 3) is not None
    where = locate(paragraphs, 6, 9)
    assert where is not None and (where.paragraph, where.start, where.end) == (1, 1, 4)
    where = locate(paragraphs, 12, 14)
    assert where is not None and (where.paragraph, where.start, where.end) == (2, 0, 2)
    assert locate(paragraphs, 2, 6) is None  # crosses a paragraph break


def test_reader_highlights_figures(client: TestClient) -> None:
    html = client.get("/documents/54271").text
    classes, title, text = _mark(html, NEARLY).groups()
    assert unescape(text) == "nearly 10,000"
    assert classes.split() == ["figure", "inconsistent"]
    title = unescape(title)
    assert "10,000" in title and "nearly" in title and "foreign militants in Syria" in title
    assert "disagrees with 'around 9,000'" in title
    # a consistent figure is highlighted, not flagged
    assert re.search(
        r'<mark class="figure" id="fig-t\d+-\d+" title="[^"]*"[^>]*>around 20,000</mark>', html
    )


def test_inconsistent_figures_link_each_other(client: TestClient) -> None:
    html = client.get("/documents/54271").text
    assert unescape(_mark(html, AROUND).group(3)) == "around 9,000"
    assert "inconsistent" in _mark(html, AROUND).group(1)
    # each flagged figure is followed by a link to the one it disagrees with
    meaning = r'<span class="fig-meaning"[^>]*>[^<]*</span>'
    assert re.search(
        rf'id="{NEARLY}"[^>]*>[^<]*</mark>{meaning}<a class="conflict-link" href="#{AROUND}"', html
    )
    assert re.search(
        rf'id="{AROUND}"[^>]*>[^<]*</mark>{meaning}<a class="conflict-link" href="#{NEARLY}"', html
    )


def test_figure_meaning_is_in_the_page_not_only_a_tooltip(client: TestClient) -> None:
    """Keyboard and touch users reach the meaning: the mark takes focus and is described
    by a span in the page (shown on focus), not only by its `title`."""
    html = client.get("/documents/54271").text
    mark = re.search(rf'<mark [^>]*id="{NEARLY}"[^>]*>', html)
    assert (
        mark and 'tabindex="0"' in mark.group() and f'aria-describedby="{NEARLY}-m"' in mark.group()
    )
    meaning = re.search(rf'<span class="fig-meaning" id="{NEARLY}-m"[^>]*>([^<]*)</span>', html)
    assert meaning and "foreign militants in Syria" in unescape(meaning.group(1))


def claims_panel(html: str) -> str:
    start = html.index('<details class="claims-panel"')
    return html[start : html.index("</details>", start)]


def test_claims_panel(client: TestClient) -> None:
    html = client.get("/documents/54271").text
    panel = claims_panel(html)
    # the transcript comes first; the claims wait in a collapsed panel after it
    assert html.index('<section class="legend"') < html.index('<section class="turns"')
    assert html.index('<section class="turns"') < html.index('<details class="claims-panel"')
    assert '<details class="claims-panel" id="claims">' in html  # closed until asked for
    assert 'href="#claims"' in html.split('<section class="turns"')[0]  # the contents link it
    assert "Claims and figures" in panel
    assert f'href="#{NEARLY}"' in panel and f'href="#{AROUND}"' in panel
    assert 'href="#t11-p2"' in panel  # permalink to the paragraph
    assert "Vladimir Putin" in panel
    assert 'href="#t5-p2"' in panel  # the Afghan border claim
    restated = panel.split('id="restatements-h"')[1].split("</ul>")[0]
    assert "more than 1000 kilometres" in restated and "said more precisely" in restated


def test_json_twin_lists_claims_and_inconsistencies(client: TestClient) -> None:
    data = client.get("/api/v1/documents/54271").json()
    found = {tuple(f["text"] for f in i["figures"]) for i in data["inconsistencies"]}
    assert ("nearly 10,000", "around 9,000") in found
    assert len(data["inconsistencies"]) == 1
    restated = [tuple(f["text"] for f in i["figures"]) for i in data["restatements"]]
    assert restated == [("more than 1000 kilometres", "1,300 kilometres")]
    ids = {f["id"] for i in data["inconsistencies"] for f in i["figures"]}
    assert {NEARLY, AROUND} <= ids
    paragraphs = {f["paragraph"] for i in data["inconsistencies"] for f in i["figures"]}
    assert "t11-p2" in paragraphs
    assert data["claims"], "no claims"
    claim = next(c for c in data["claims"] if c["paragraph"] == "t5-p2")
    assert claim["speaker"] == "Vladimir Putin"
    assert [f["text"] for f in claim["figures"]] == [
        "more than 1000 kilometres",
        "1,300 kilometres",
    ]


def test_figure_text_is_escaped_in_titles(client: TestClient) -> None:
    html = client.get("/documents/54271").text
    for title in re.findall(r'<mark class="figure[^"]*" id="[^"]+" title="([^"]*)"', html):
        assert "<" not in title and '"' not in title


def test_older_revision_shows_no_figures(revised_client: TestClient) -> None:
    """Annotations belong to the current revision; an older one is not marked with them."""
    data = revised_client.get("/api/v1/documents/54271?revision=1").json()
    assert data["claims"] == [] and data["inconsistencies"] == []
    assert 'class="figure' not in revised_client.get("/documents/54271?revision=1").text
