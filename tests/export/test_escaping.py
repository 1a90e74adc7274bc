"""Exports read back by real readers: Markdown rendered by markdown-it, CSV read by the csv
module, TEI parsed by lxml. Whatever a speaker said must come back as the same text, never
as markup (a heading, a quote, a list, a link, emphasis, an entity)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import etree, html
from markdown_it import MarkdownIt

from onrecord.export import ExportOptions, export
from onrecord.imports.formats import TEI_NS
from onrecord.model import Document, Speaker, Turn

# Each is one paragraph of a turn; a line break inside one is a line of the same paragraph.
TRICKY = [
    "> not a quotation",
    "1. not a list item",
    "1986. A year, not a list.",
    "2) nor this",
    "# not a heading",
    "first line\n# second line is not a heading",
    "first line\n> nor a quotation",
    "first line\n---",
    "first line\n===",
    "- not a bullet",
    "+ nor this",
    "* nor this",
    "* * *",
    "___",
    "| a | b |",
    "    four spaces are not code",
    "```",
    "~~~",
    "*not emphasis* and _not emphasis_ and **not strong**",
    "a <b>tag</b> is text, and <https://example.org> is not a link",
    "[not a link](https://example.org) and ![not an image](x.png)",
    "[ref]: https://example.org",
    "&amp; stays &amp;, &#65; stays &#65;, and R&D stays R&D",
    "`not code`",
    "a backslash \\ and \\* and a trailing one \\",
    "<…> a cut, and [Applause] an insertion",
    "Price: 5 < 6 > 4, 100% #1",
]
LABELS = ["Mr. *Smith*", "Jane_Doe #2", "1. Speaker"]


def tricky_document(doc_id: str = "esc") -> Document:
    speakers = [Speaker(f"s{i}", label, [], [label]) for i, label in enumerate(LABELS)]
    turns = [
        Turn(i, speakers[i % len(speakers)].name, speakers[i % len(speakers)].id, [text])
        for i, text in enumerate(TRICKY)
    ]
    return Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        sha256="b" * 64,
        parser={"name": "test", "version": "1"},
        title="Title with *stars* and a closing #",
        date="2017-04-12",
        place="Moscow <Kremlin> & co",
        lead="A lead with _underscores_ and [brackets](x)",
        speakers=speakers,
        turns=turns,
        preamble=["1. A preamble that is not a list"],
    )


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> html.HtmlElement:
    out = tmp_path_factory.mktemp("md") / "t.md"
    export([tricky_document()], "markdown", out)
    markup = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(out.read_text())
    return html.fromstring(f"<div>{markup}</div>")


def test_markdown_paragraphs_render_as_the_same_text(rendered: html.HtmlElement) -> None:
    paragraphs = [_norm(p.text_content()) for p in rendered.findall("p")]
    # the facts, the lead, the preamble, then one paragraph per turn, then nothing else
    assert paragraphs[2] == "1. A preamble that is not a list"
    assert paragraphs[3:] == [_norm(text) for text in TRICKY]


def test_markdown_turns_are_headings_with_the_labels_as_written(
    rendered: html.HtmlElement,
) -> None:
    headings = [h.text_content() for h in rendered.findall("h3")]
    assert headings == [LABELS[i % len(LABELS)] for i in range(len(TRICKY))]
    assert [h.text_content() for h in rendered.findall("h1")] == [
        "Title with *stars* and a closing #"
    ]


def test_markdown_text_makes_no_markup(rendered: html.HtmlElement) -> None:
    made = {el.tag for el in rendered.iter()} - {"div", "h1", "h3", "p", "br", "strong"}
    assert made == {"em"}  # the lead, in italics, and nothing else
    (lead,) = rendered.findall(".//em")
    assert lead.text_content() == "A lead with _underscores_ and [brackets](x)"
    assert [s.text_content() for s in rendered.findall(".//strong")] == ["Date:", "Place:", "Id:"]
    facts = _norm(rendered.findall("p")[0].text_content())
    assert facts == "Date: 2017-04-12 Place: Moscow <Kremlin> & co Id: esc"


def test_csv_reads_back_every_field_as_written(tmp_path: Path) -> None:
    document = tricky_document()
    document.turns.append(Turn(len(TRICKY), LABELS[0], "s0", ['He said "yes", then, no', "x"]))
    export([document], "csv", tmp_path / "t.csv", ExportOptions(paragraphs=True))
    with (tmp_path / "t.csv").open(newline="", encoding="utf-8") as handle:
        turns = list(csv.DictReader(handle))
    with (tmp_path / "t.paragraphs.csv").open(newline="", encoding="utf-8") as handle:
        paragraphs = list(csv.DictReader(handle))
    # a cell a spreadsheet would run as a formula (= + - @ first) has a ' before it (OWASP)
    formula = ("=", "+", "-", "@", "\t", "\r")
    assert [row["text"] for row in paragraphs] == [
        "1. A preamble that is not a list",
        *[f"'{t}" if t.startswith(formula) else t for t in TRICKY],
        'He said "yes", then, no',
        "x",
    ]
    assert [row["paragraph_index"] for row in paragraphs][-2:] == ["0", "1"]
    assert turns[-1]["text"] == 'He said "yes", then, no\n\nx'
    assert {row["place"] for row in turns} == {"Moscow <Kremlin> & co"}
    assert [row["speaker_name"] for row in turns][:4] == ["", *LABELS]  # the preamble first
    assert (tmp_path / "t.csv").read_bytes().count(b"\r\n") >= len(turns) + 1


def test_csv_with_a_bom_reads_back_with_utf_8_sig(tmp_path: Path) -> None:
    export([tricky_document()], "csv", tmp_path / "t.csv", ExportOptions(bom=True))
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdocument_id,")
    with (tmp_path / "t.csv").open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["document_id"] == "esc" and rows[1]["text"] == TRICKY[0]


def test_tei_text_parses_back_to_the_paragraphs(tmp_path: Path) -> None:
    document = tricky_document()
    document.turns.append(Turn(len(TRICKY), LABELS[0], "s0", ["]]> and \x0c a form feed"]))
    export([document], "tei", tmp_path / "tei")
    tree = etree.parse(str(tmp_path / "tei" / "onrecord.esc.xml"))
    ns = {"tei": TEI_NS}
    segs = ["".join(seg.itertext()) for seg in tree.iterfind(".//tei:u/tei:seg", ns)]
    assert segs == [*TRICKY, "]]> and \ufffd a form feed"]
    labels = [n.text for n in tree.iterfind(".//tei:note[@type='speaker']", ns)]
    assert labels[:3] == LABELS
    (title,) = {t.text for t in tree.iterfind(".//tei:head", ns)}
    assert title == "Title with *stars* and a closing #"


def test_markdown_headings_of_unlabelled_and_timed_turns(tmp_path: Path) -> None:
    speaker = Speaker("s0", "Anna Smith", [], ["Anna Smith"])
    document = Document(
        id="timed",
        source="timed.srt",
        sha256="c" * 64,
        parser={"name": "test", "version": "1"},
        title="Timed",
        speakers=[speaker],
        turns=[
            Turn(0, "", "s0", ["No label: the speaker's name heads it."], start=3600.0),
            Turn(1, "", "nobody", ["No label, no speaker: no heading."]),
            Turn(2, "Q", "nobody", ["Later."], start=3725.9),
            Turn(3, "A", "nobody", ["Just before."], start=3599.0),
            Turn(4, "B", "nobody", ["Before."], start=3545.0),
        ],
    )
    export([document], "markdown", tmp_path / "t.md")
    markup = MarkdownIt("commonmark").render((tmp_path / "t.md").read_text())
    page = html.fromstring(f"<div>{markup}</div>")
    assert [h.text_content() for h in page.findall("h3")] == [
        "Anna Smith [01:00:00]",
        "Q [01:02:05]",
        "A [00:59:59]",
        "B [00:59:05]",
    ]
