"""Exports opened in other programs: no formulas in spreadsheets, no raw HTML in Markdown."""

from __future__ import annotations

import csv
from pathlib import Path

from markdown_it import MarkdownIt

from onrecord.export import export
from onrecord.export.base import ExportOptions
from onrecord.model import Document, Speaker, Turn


def hostile_document() -> Document:
    return Document(
        id="666",
        source="666.txt",
        sha256="b" * 64,
        parser={"name": "saved-text", "version": "1"},
        title='=HYPERLINK("http://evil.example","x")',
        date="2020-01-01",
        time="",
        place="@SUM(A1:A9)",
        lead="",
        url="",
        speakers=[Speaker("mallory", "+Mallory", [], ["+Mallory"])],
        turns=[
            Turn(0, "+Mallory", "mallory", ["-2+3", "<script>alert(1)</script> said <b>so</b>"]),
            Turn(1, "+Mallory", "mallory", ["\tindented", "plain - text = fine"]),
        ],
        preamble=[],
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_cells_that_would_be_formulas_start_with_a_quote(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    export([hostile_document()], "csv", out, ExportOptions(paragraphs=True))
    turns = _rows(out)
    assert turns[0]["title"] == '\'=HYPERLINK("http://evil.example","x")'
    assert turns[0]["place"] == "'@SUM(A1:A9)"
    assert turns[0]["speaker_name"] == "'+Mallory"
    assert turns[0]["text"] == "'-2+3\n\n<script>alert(1)</script> said <b>so</b>"
    assert turns[1]["text"] == "'\tindented\n\nplain - text = fine"
    paragraphs = [r["text"] for r in _rows(tmp_path / "t.paragraphs.csv")]
    assert paragraphs == [
        "'-2+3",
        "<script>alert(1)</script> said <b>so</b>",
        "'\tindented",
        "plain - text = fine",
    ]


def test_markdown_export_renders_html_in_the_text_as_text(tmp_path: Path) -> None:
    out = tmp_path / "t.md"
    export([hostile_document()], "markdown", out)
    markdown = out.read_text(encoding="utf-8")
    assert "\\<script>alert(1)\\</script> said \\<b>so\\</b>" in markdown
    html = MarkdownIt("commonmark").render(markdown)
    assert "<script>" not in html and "<b>" not in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; said &lt;b&gt;so&lt;/b&gt;</p>" in html
