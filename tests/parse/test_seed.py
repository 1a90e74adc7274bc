"""The canonical input, exactly as the issue states it."""

from __future__ import annotations

import pytest

from onrecord.parse import parse_file

CHROME = [
    "View settings",
    "Font size",
    "Site colours",
    "Official website of the President of Russia",
    "Документ",
]


@pytest.fixture(scope="module")
def seed(seed_path):
    return parse_file(seed_path)


def test_metadata(seed):
    assert seed.title == "Interview to Mir broadcasting company"
    assert seed.date == "2017-04-12"
    assert seed.place == "The Kremlin, Moscow"
    assert " ".join(seed.lead.split()) == (
        "Vladimir Putin gave an interview to Mir television and radio broadcasting company on "
        "the eve of his visit to Kyrgyzstan. The interview took place on April 11."
    )


def test_28_turns_alternate_starting_with_batyrshin(seed):
    speakers = [seed.speaker(t.speaker).name for t in seed.turns]
    assert len(speakers) == 28
    assert speakers[::2] == ["Radik Batyrshin"] * 14
    assert speakers[1::2] == ["Vladimir Putin"] * 14


def test_speakers_have_names_and_roles(seed):
    by_name = {s.name: s for s in seed.speakers}
    assert set(by_name) == {"Radik Batyrshin", "Vladimir Putin"}
    assert by_name["Vladimir Putin"].roles == ["President of Russia"]
    assert by_name["Radik Batyrshin"].roles == [
        "President of Interstate Television and Radio Company Mir"
    ]
    assert by_name["Vladimir Putin"].labels == [
        "President of Russia Vladimir Putin",
        "Vladimir Putin",
    ]


def test_no_chrome_in_any_field(seed):
    record = str(seed.to_dict() | {"source": "", "parser": ""})
    for chrome in CHROME:
        assert chrome not in record


def test_footer_date_line_not_in_body(seed):
    last = seed.turns[-1].paragraphs[-1]
    assert last.endswith("will preserve this peace.")
    assert all("April 12, 2017" not in p for t in seed.turns for p in t.paragraphs)


def test_editorial_insertion_kept_in_text_and_noted(seed):
    note = next(n for n in seed.notes if n.text.replace("\u00a0", " ") == "[the Taliban]")
    paragraph = seed.turns[note.turn].paragraphs[note.paragraph]
    assert paragraph[note.start : note.end] == note.text


def test_provenance(seed, seed_path):
    import hashlib

    assert seed.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert seed.source == str(seed_path)
    assert seed.parser == {"name": "saved-text", "version": "1"}
    # the seed names no page of the site: its id is its file name's stem, made a slug
    assert seed.id == "000-2d5ceea0f88c4a04"
