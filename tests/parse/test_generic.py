"""Transcripts from other sources, with no site metadata."""

from __future__ import annotations

from onrecord.parse import parse_text


def labels_and_speakers(document):
    return [(t.label, document.speaker(t.speaker).name) for t in document.turns]


def test_name_colon_paragraphs():
    document = parse_text(
        "Senate hearing on energy\n\nSenator Jane Roe: Thank you for coming.\n\n"
        "Secretary John Doe: Thank you.\n\nIt is an honour.\n\nSenator Jane Roe: Let us begin."
    )
    assert document.title == "Senate hearing on energy"
    assert [t.speaker for t in document.turns] == ["jane-roe", "john-doe", "jane-roe"]
    assert document.turns[1].paragraphs == ["Thank you.", "It is an honour."]
    assert document.speaker("jane-roe").roles == ["Senator"]


def test_uppercase_labels_white_house_style():
    document = parse_text(
        "THE PRESIDENT: Thank you all.\n\nMR. SMITH: A question on trade.\n\n"
        "THE PRESIDENT: Go ahead.\n\nMS. JONES (via phone): Thank you."
    )
    assert labels_and_speakers(document) == [
        ("THE PRESIDENT", "The President"),
        ("MR. SMITH", "Mr. Smith"),
        ("THE PRESIDENT", "The President"),
        ("MS. JONES (via phone)", "Ms. Jones"),
    ]


def test_q_and_a_are_anonymous_voices():
    document = parse_text("Q: Will you run again?\n\nA: Not this time.\n\nQ: Why?\n\nA: Family.")
    assert [t.label for t in document.turns] == ["Q", "A", "Q", "A"]
    question = document.speaker(document.turns[0].speaker)
    assert question.generic and question.name == "Question"
    assert len(document.speakers) == 2


def test_diarized_lines_merge_consecutive_lines_of_one_speaker():
    document = parse_text(
        "[Trump]: We are going to win.\n[Trump]: Believe me.\n[SPEAKER_16]: Thank you, sir.\n"
        "[Trump]: Next question."
    )
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        ("Trump", ["We are going to win.", "Believe me."]),
        ("SPEAKER_16", ["Thank you, sir."]),
        ("Trump", ["Next question."]),
    ]


def test_sentences_ending_in_a_colon_are_not_turns():
    document = parse_text(
        "Vladimir Putin: I have a message.\n\nThe message reads, in part: we are ready.\n\n"
        "I have come here in a dual role: as a guest and as a friend.\n\n"
        "Question: are we there yet? the host read out.\n\nMaria Sittel: Next."
    )
    assert [t.label for t in document.turns] == ["Vladimir Putin", "Maria Sittel"]
    assert len(document.turns[0].paragraphs) == 4


def test_name_with_description_after_a_comma_is_one_speaker():
    document = parse_text(
        "Sergei Mironov, Leader of A Just Russia: Good afternoon.\n\n"
        "Vladimir Putin: Hello.\n\nSergei Mironov: Thank you.\n\n"
        "Vladimir Putin (retranslated): Goodbye."
    )
    assert [t.speaker for t in document.turns] == [
        "sergei-mironov",
        "vladimir-putin",
        "sergei-mironov",
        "vladimir-putin",
    ]
    assert document.speaker("sergei-mironov").roles == ["Leader of A Just Russia"]


def test_names_run_together_by_markup_are_the_same_person():
    document = parse_text(
        "President of Russia Vladimir Putin: Good afternoon.\n\nSergeiDonskoy: Thank you.\n\n"
        "VladimirPutin: Please go on."
    )
    assert [t.speaker for t in document.turns] == [
        "vladimir-putin",
        "sergei-donskoy",
        "vladimir-putin",
    ]
    assert document.speaker("sergei-donskoy").name == "Sergei Donskoy"


def test_language_is_guessed_from_the_script():
    russian = parse_text("Владимир Путин: Добрый день, коллеги.\n\nДмитрий Песков: Спасибо.")
    english = parse_text("Vladimir Putin: Good afternoon, colleagues.\n\nDmitry Peskov: Thank you.")
    assert (russian.language, english.language) == ("ru", "en")
    assert [s.name for s in russian.speakers] == ["Владимир Путин", "Дмитрий Песков"]


def test_upper_case_role_and_name_label():
    document = parse_text(
        "DEPUTY DIRECTOR OF THE BORESKOV INSTITUTE OF CATALYSIS VALERY BUKHTIYAROV: Thank you.\n\n"
        "Vladimir Putin: Please."
    )
    speaker = document.speaker(document.turns[0].speaker)
    assert speaker.name == "Valery Bukhtiyarov"
    assert speaker.roles == ["Deputy Director of the Boreskov Institute of Catalysis"]
