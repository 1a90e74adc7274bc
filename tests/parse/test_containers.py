"""Transcripts inside other files: PDF (a page printed from the browser, read without the
running heads and feet of its pages), MHTML (a page saved as one file) and Word documents."""

from __future__ import annotations

import json
import plistlib
import re
import shutil

import pytest
from click.testing import CliRunner

from helpers.needs import IN_CI
from onrecord.cli import main
from onrecord.errors import EmptyInputError, InputError
from onrecord.parse import html_text, kremlin_html, parse_bytes, parse_file, parse_text, saved_text
from onrecord.parse.layout import drop_page_furniture
from onrecord.sources import pdf

PRINTED = "saved/55980.chromium.pdf"


def _structure(document):
    return (
        document.id,
        " ".join(document.title.split()),
        document.date,
        document.place,
        " ".join(document.lead.split()),
        [(t.speaker, t.label, " ".join(t.text.split())) for t in document.turns],
    )


@pytest.mark.skipif(
    shutil.which("pdftotext") is None and not IN_CI, reason="poppler's pdftotext not installed"
)
def test_printed_page_reads_like_the_site_text_with_pdftotext(fixtures):
    document = parse_file(fixtures / PRINTED)
    assert document.parser == {"name": "pdf-text", "version": f"{saved_text.VERSION}+pdftotext"}
    assert _structure(document) == _structure(parse_file(fixtures / "kremlin/55980.txt"))


def test_printed_page_reads_with_pypdf_when_pdftotext_is_missing(fixtures, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    document = parse_file(fixtures / PRINTED)
    site = parse_file(fixtures / "kremlin/55980.txt")
    assert document.parser["version"] == f"{saved_text.VERSION}+pypdf"
    assert _structure(document)[:5] == _structure(site)[:5]
    assert [t.label for t in document.turns] == [t.label for t in site.turns]


def test_broken_pdf_is_a_clear_input_error():
    with pytest.raises(InputError, match=r"broken\.pdf: PDF cannot be read"):
        parse_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "broken.pdf")


def test_pdf_without_text_is_empty_input(monkeypatch):
    monkeypatch.setattr(pdf, "_poppler", lambda raw, tool: "\f \f")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: "/usr/bin/pdftotext")
    with pytest.raises(EmptyInputError, match=r"scan\.pdf: PDF has no text"):
        parse_bytes(b"%PDF-1.7\n", "scan.pdf")


def _printed(body_pages: list[str]) -> str:
    pages = []
    for number, body in enumerate(body_pages, 1):
        head = "11/29/26, 10:44 PM     Press briefing • Ministry of Things"
        foot = f"https://example.org/briefing     {number}/{len(body_pages)}"
        pages.append(f"{head}\n\n{body}\n\n{foot}\n")
    return "\f".join(pages)


def test_running_heads_and_feet_are_dropped_and_name_the_title():
    text, title = drop_page_furniture(
        _printed(["Anna Smith: Good morning.", "Question: Any news?", "Anna Smith: None."])
    )
    assert title == "Press briefing"
    assert "PM" not in text and "example.org" not in text and "/3" not in text
    assert text.split("\n") == [
        "Anna Smith: Good morning.",
        "Question: Any news?",
        "Anna Smith: None.",
    ]


def test_a_line_repeated_inside_the_pages_is_kept():
    body = "Line one.\nLine two.\nLine three.\nApril 5, 2016\nLine four.\nLine five.\nLine six."
    text, _ = drop_page_furniture(_printed([body, body, body]))
    assert text.count("April 5, 2016") == 3


def test_paragraph_broken_by_a_page_runs_on():
    document = parse_text(
        _printed(
            [
                "Briefing\n\nApril 5, 2016\n\nAnna Smith: We met today, and we agreed on the\n"
                "following points, which I will now read out to you, one by one; the",
                "first is the budget, which is balanced and which will stay balanced.\n"
                "Question: And the second?",
                "Anna Smith: The second is the road.",
            ]
        ),
        "briefing.txt",
    )
    assert [t.label for t in document.turns] == ["Anna Smith", "Question", "Anna Smith"]
    assert " ".join(document.turns[0].text.split()) == (
        "We met today, and we agreed on the following points, which I will now read out to you,"
        " one by one; the first is the budget, which is balanced and which will stay balanced."
    )


def test_page_saved_as_one_file_mhtml_reads_like_the_html(fixtures):
    document = parse_file(fixtures / "saved/55980.chromium.mhtml")
    assert document.parser == {"name": "kremlin-html", "version": f"{kremlin_html.VERSION}+mhtml"}
    site = parse_file(fixtures / "kremlin/55980.html")
    assert _structure(document)[:5] == _structure(site)[:5]
    assert [(t.speaker, t.label) for t in document.turns] == [
        (t.speaker, t.label) for t in site.turns
    ]


MHTML = (
    "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/briefing\r\n"
    'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n'
    '\tboundary="----B----"\r\n\r\n\r\n------B----\r\nContent-Type: text/html\r\n'
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "Content-Location: https://example.org/briefing\r\n\r\n"
    "<html><body><h1>Press briefing</h1><p>April 5, 2016</p>"
    "<p><b>Anna Smith:</b> Good morning =E2=80=93 welcome.</p><p><b>Question:</b> News?</p>"
    "</body></html>\r\n------B------\r\n"
)


def test_mhtml_of_another_site_keeps_the_address_it_was_saved_from():
    document = parse_bytes(MHTML.encode(), "briefing.mhtml")
    assert document.url == "https://example.org/briefing"
    assert document.title == "Press briefing"
    assert [(t.label, t.text) for t in document.turns] == [
        ("Anna Smith", "Good morning – welcome."),
        ("Question", "News?"),
    ]


def test_mhtml_without_a_page_is_a_clear_input_error():
    no_page = MHTML.replace("Content-Type: text/html\r\n", "Content-Type: image/png\r\n")
    with pytest.raises(InputError, match=r"saved\.mhtml: MHTML file holds no HTML page"):
        parse_bytes(no_page.encode(), "saved.mhtml")


def _webarchive(html: bytes, url: str = "https://example.org/briefing", **main) -> bytes:
    """A page as Safari saves it ("Web Archive"): a binary property list, the page its main
    resource, a picture beside it."""
    resource = {
        "WebResourceData": html,
        "WebResourceMIMEType": "text/html",
        "WebResourceTextEncodingName": "UTF-8",
        "WebResourceURL": url,
        "WebResourceFrameName": "",
        **main,
    }
    picture = {"WebResourceData": b"\x89PNG", "WebResourceMIMEType": "image/png"}
    archive = {"WebMainResource": resource, "WebSubresources": [picture]}
    return plistlib.dumps(archive, fmt=plistlib.FMT_BINARY)


def test_page_saved_by_safari_reads_like_the_html(fixtures, tmp_path):
    # Safari's default "Save As" on a Mac; before, refused as a binary file (exit 5).
    html = (fixtures / "kremlin/55980.html").read_bytes()
    saved = tmp_path / "55980.webarchive"
    saved.write_bytes(_webarchive(html, "http://en.kremlin.ru/events/president/news/55980"))
    result = CliRunner().invoke(main, ["parse", str(saved), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    site = parse_file(fixtures / "kremlin/55980.html")
    assert document["parser"] == {
        "name": "kremlin-html",
        "version": f"{kremlin_html.VERSION}+webarchive",
    }
    assert document["id"] == "55980"
    assert [(t["speaker"], t["label"], t["text"]) for t in document["turns"]] == [
        (t.speaker, t.label, t.text) for t in site.turns
    ]


def test_web_archive_of_another_site_in_its_own_encoding():
    html = (
        "<html><body><h1>Press briefing</h1><p>April 5, 2016</p>"
        "<p><b>Anna Smith:</b> Good morning – welcome.</p><p><b>Question:</b> News?</p>"
        "</body></html>"
    ).encode("cp1252")
    document = parse_bytes(
        _webarchive(html, WebResourceTextEncodingName="windows-1252"), "briefing.webarchive"
    )
    assert document.url == "https://example.org/briefing"
    assert [(t.label, t.text) for t in document.turns] == [
        ("Anna Smith", "Good morning – welcome."),
        ("Question", "News?"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_webarchive(b"<p>x</p>")[:60], r"web archive cannot be read \(InvalidFileException\)"),
        (
            plistlib.dumps({"WebMainResource": "none", "X": 1}, fmt=plistlib.FMT_BINARY),
            r"web archive holds no page \(field: WebMainResource\)",
        ),
        (_webarchive(b"   "), r"web archive holds no page \(field: WebResourceData\)"),
        (
            _webarchive(b"<p>x</p>", WebResourceTextEncodingName="klingon"),
            r"web archive page cannot be decoded",
        ),
    ],
)
def test_a_damaged_web_archive_is_one_clear_line(tmp_path, data, message):
    saved = tmp_path / "saved.webarchive"
    saved.write_bytes(data)
    result = CliRunner().invoke(main, ["parse", str(saved)])
    assert result.exit_code == InputError.exit_code
    assert re.search(rf"saved\.webarchive: {message}", result.stderr)
    assert "Traceback" not in result.output


def test_word_document_with_bold_labels(fixtures):
    document = parse_file(fixtures / "saved/briefing.docx")
    assert document.parser == {"name": "html-text", "version": f"{html_text.VERSION}+docx"}
    assert (document.title, document.date, document.place) == (
        "Press briefing by the Ministry spokesperson",
        "2016-04-05",
        "Moscow",
    )
    assert [(t.speaker, t.text) for t in document.turns] == [
        (
            "anna-petrova",
            "Good afternoon. Let us begin with the harvest, which came to nearly 10,000 tonnes.",
        ),
        ("question", "What about the talks?"),
        ("anna-petrova", "The talks go on.\n\nThey will resume next week."),
    ]


def test_word_document_with_broken_xml_is_a_clear_input_error(tmp_path):
    import zipfile

    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with pytest.raises(InputError, match=r"broken\.docx: Word document cannot be read"):
        parse_file(path)


def test_a_folder_ingested_takes_its_web_archives_and_rtf(fixtures, tmp_path, monkeypatch):
    monkeypatch.setenv("ONRECORD_VECTORS", "off")
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("55980.webarchive", "briefing.rtf"):
        (folder / name).write_bytes((fixtures / "saved" / name).read_bytes())
    db = tmp_path / "archive.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--no-enrich"])
    assert result.exit_code == 0, result.output
    assert "inserted 2," in result.output
    shown = CliRunner().invoke(main, ["show", "55980", "--db", str(db)])
    assert "Meeting with President of Iran Hassan Rouhani" in shown.output


def test_rtf_document_reads_as_its_text(fixtures):
    # Before: read as a text file, the control words were the title and every label was
    # kept as text, at full confidence.
    result = CliRunner().invoke(
        main, ["parse", str(fixtures / "saved/briefing.rtf"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["parser"] == {"name": "saved-text", "version": f"{saved_text.VERSION}+rtf"}
    assert (document["title"], document["date"]) == ("Press briefing", "2024-03-03")
    assert [(t["label"], t["text"]) for t in document["turns"]] == [
        ("Jane Doe", "Good morning, everyone. The minister’s trip starts on Monday—in Paris."),
        ("Question", "Any news on the budget?"),
        ("Jane Doe", "None today. Cafés will stay open."),
    ]


def test_rtf_in_the_code_page_its_header_names():
    putin = "\\'c2\\'2e\\'cf\\'f3\\'f2\\'e8\\'ed"  # В.Путин in cp1251
    rtf = (
        "{\\rtf1\\ansi\\ansicpg1251\\deff0 Meeting, 8 December 2020\\par\\par "
        f"{putin}: Good afternoon.\\par\\par Question: Any news?\\par\\par "
        f"{putin}: None.\\par}}"
    )
    document = parse_bytes(rtf.encode("ascii"), "meeting.rtf")
    assert [t.label for t in document.turns] == ["В.Путин", "Question", "В.Путин"]
    # a writer that put the code page's bytes in as they are
    raw = rtf.replace(putin, "В.Путин").encode("cp1251")
    document = parse_bytes(raw, "meeting.rtf")
    assert [t.label for t in document.turns] == ["В.Путин", "Question", "В.Путин"]


def test_rtf_with_no_text_is_empty_input(tmp_path):
    empty = tmp_path / "empty.rtf"
    empty.write_bytes(b"{\\rtf1\\ansi {\\fonttbl {\\f0 Arial;}}\\par }")
    result = CliRunner().invoke(main, ["parse", str(empty)])
    assert result.exit_code == EmptyInputError.exit_code
    assert "empty.rtf: RTF has no text" in result.stderr
