"""Hostile and damaged input: bounded work, and an input error (never an internal one)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import budget, errors
from onrecord.cli import main
from onrecord.imports import read
from onrecord.parse import parse_bytes
from onrecord.sources import limits

# Generous: each of these took from 21 s to past 120 s before its reader was made linear,
# and takes under 2 s now on one busy core.
BUDGET_SECONDS = 15
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def nested_divs(depth: int) -> bytes:
    body = "<div>" * depth + "<p><b>Vladimir Putin:</b> Good afternoon.</p>" + "</div>" * depth
    return f"<html><body><h1>Talks</h1><p>May 3, 2016</p>{body}</body></html>".encode()


def test_html_nested_deeper_than_the_limit_is_refused_as_too_large_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(errors.TooLargeError, match="nested more than 2,000 blocks deep"):
        parse_bytes(nested_divs(100_000), "deep.html")
    assert time.perf_counter() - started < BUDGET_SECONDS


def test_a_site_page_nested_too_deep_in_its_article_is_refused_at_once() -> None:
    # the site's layout is parsed from its article's stretch alone: that is what is checked
    deep = "<div>" * 100_000 + "<p><b>Vladimir Putin:</b> Good afternoon.</p>"
    html = (
        '<html><body><div class="read"><h1 class="entry-title">Talks</h1>'
        '<time class="read__published" datetime="2016-05-03">May 3, 2016</time>'
        f'<div class="entry-content">{deep}</div>'
        '<span class="material_link">http://en.kremlin.ru/events/president/news/1</span>'
        "</div></body></html>"
    ).encode()
    started = time.perf_counter()
    with pytest.raises(errors.TooLargeError, match="nested more than 2,000 blocks deep"):
        parse_bytes(html, "deep.html")
    assert time.perf_counter() - started < BUDGET_SECONDS


def test_html_nested_up_to_the_limit_is_read() -> None:
    started = time.perf_counter()
    document = parse_bytes(nested_divs(limits.MAX_HTML_DEPTH - 1), "deep.html")
    assert [(t.label, t.text) for t in document.turns] == [("Vladimir Putin", "Good afternoon.")]
    assert time.perf_counter() - started < BUDGET_SECONDS


def test_twenty_thousand_nested_tables_are_read_in_linear_time() -> None:
    tables = "<table><tr><td>" * 20_000 + "x" + "</td></tr></table>" * 20_000
    html = f"<html><body><h1>Talks</h1>{tables}</body></html>".encode()
    started = time.perf_counter()
    with pytest.raises(errors.NoStructureError):  # no date, no labels: nothing to read
        parse_bytes(html, "tables.html")
    assert time.perf_counter() - started < BUDGET_SECONDS


def test_a_paragraph_of_a_hundred_thousand_notes_is_read_with_every_note() -> None:
    text = "Talks\n\nMay 3, 2016\n\nVladimir Putin: " + "Yes (Applause.) " * 100_000
    started = time.perf_counter()
    document = parse_bytes(text.encode(), "notes.txt")
    assert time.perf_counter() - started < BUDGET_SECONDS
    assert len(document.notes) == 100_000
    # 'Yes (Applause.) ' is 16 characters; the first note starts after 'Yes '
    assert (document.notes[1].start, document.notes[1].end) == (20, 31)


def test_notes_that_overlap_keep_the_first_kind_found() -> None:
    document = parse_bytes(
        b"Talks\n\nMay 3, 2016\n\nVladimir Putin: [...] and [the] (Applause.)", "n.txt"
    )
    assert [(n.kind, n.text) for n in document.notes] == [
        ("cut", "[...]"),
        ("insertion", "[the]"),
        ("stage", "(Applause.)"),
    ]


def test_parse_gives_up_on_a_file_over_its_time_budget_with_exit_18(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "FILE_SECONDS", 0.3)
    slow = tmp_path / "slow.txt"
    slow.write_text("Talks\n\nMay 3, 2016\n\nVladimir Putin: " + "Yes (Applause.) " * 100_000)
    result = run("parse", str(slow))
    assert result.exit_code == 18
    assert result.stderr == (
        f"onrecord: error: {slow}: reading took over the 0.3 s budget of one file\n"
    )


UTF16 = "Talks\n\nMay 3, 2016\n\nVladimir Putin: Good afternoon.\n".encode("utf-16")


@pytest.mark.parametrize(
    ("data", "paragraph", "at"),
    [
        # a BOM and 52 characters: the last one, '\n', is bytes 104-105
        (UTF16[:-1], "Good afternoon.\ufffd", 104),  # cut in the middle of it
        (UTF16[:-2] + b"\x00\xd8", "Good afternoon.\ufffd", 104),  # a lone high surrogate
        (UTF16[:-2] + b"\x00\xdcx\x00", "Good afternoon.\ufffdx", 104),  # a lone low one
    ],
)
def test_broken_utf16_is_decoded_with_a_warning(data: bytes, paragraph: str, at: int) -> None:
    document = parse_bytes(data, "utf16.txt")
    assert document.turns[0].paragraphs == [paragraph]
    assert document.warnings == [
        f"invalid UTF-16 at byte {at}; decoded with replacement characters"
    ]


def _docx(text: str) -> bytes:
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", body)
    return out.getvalue()


@pytest.mark.parametrize("cut", [(30, 60), (60, 140), (100, 101)])
def test_a_word_document_with_bytes_cut_out_is_an_input_error(
    tmp_path: Path, cut: tuple[int, int]
) -> None:
    data = _docx("Vladimir Putin: Good afternoon. " * 20)
    damaged = tmp_path / "cut.docx"
    damaged.write_bytes(data[: cut[0]] + data[cut[1] :])
    result = run("parse", str(damaged))
    assert result.exit_code in (3, 5, 7), result.stderr
    assert "cut.docx" in result.stderr and "internal error" not in result.stderr


def test_json_nested_a_hundred_thousand_deep_is_too_large(tmp_path: Path) -> None:
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"id": "a", "turns": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    result = run("parse", str(deep))
    assert result.exit_code == 6
    assert result.stderr == f"onrecord: error: {deep}:1: JSON nested too deep to read\n"


def test_convokit_utterances_with_invalid_utf8_name_the_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("speakers.json", "conversations.json", "corpus.json", "index.json"):
        (corpus / name).write_text("{}")
    good = {"id": "u1", "text": "Hello.", "speaker": "a", "conversation_id": "c1"}
    (corpus / "utterances.jsonl").write_bytes(
        json.dumps(good).encode() + b'\n{"id": "u2", "text": "caf\xe9"}\n'
    )
    with pytest.raises(errors.InputError) as raised:
        read(corpus)
    assert str(raised.value) == f"{corpus}/utterances.jsonl:2: invalid UTF-8 at byte 25 of the line"


DETERMINISM_PAGES = ("17976", "11287", "15240")
FOLDERS = (("html", "html"), ("text", "txt"))


@pytest.mark.skipif(not (SHARED / "kremlin" / "dev").is_dir(), reason="needs ../shared DEV pages")
def test_parsing_does_not_depend_on_the_hash_seed() -> None:
    dev = SHARED / "kremlin" / "dev"
    paths = [str(dev / k / f"{p}.{e}") for p in DETERMINISM_PAGES for k, e in FOLDERS]
    script = (
        "import json, sys\nfrom onrecord.parse import parse_file\n"
        "print(json.dumps([parse_file(p).to_dict() for p in sys.argv[1:]], sort_keys=True))"
    )
    outputs = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, *paths], env=env, capture_output=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


@pytest.mark.skipif(not (SHARED / "kremlin" / "dev").is_dir(), reason="needs ../shared DEV pages")
def test_a_name_written_two_ways_takes_the_form_the_page_uses_first() -> None:
    document = parse_bytes((SHARED / "kremlin/dev/html/17976.html").read_bytes(), "17976.html")
    host = next(s for s in document.speakers if s.id == "kirill-kleymenov")
    assert host.name == "Kirill Kleymenov"
