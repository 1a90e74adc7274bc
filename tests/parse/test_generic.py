"""Transcripts from other sources, with no site metadata."""

from __future__ import annotations

import pytest

from onrecord.parse import parse_bytes, parse_text


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


OTHER_SERVICES = {
    "otter": (
        "John Smith  0:05\nWelcome to the show.\n\nJane Doe  0:12\nThanks for having me.\n\n"
        "John Smith  1:20\nLet's start.\n"
    ),
    "rev-numbered": (
        "Speaker 1 (00:05):\nWelcome to the show.\n\nSpeaker 2 (00:12):\nThanks for having me."
        "\n\nSpeaker 1 (01:20):\nLet's start.\n"
    ),
    "rev-named": (
        "John Smith: (00:05)\nWelcome to the show.\n\nJane Doe: (00:12)\nThanks for having me."
        "\n\nJohn Smith: (01:20)\nLet's start.\n"
    ),
    "deposition": ("Q. Welcome to the show.\nA. Thanks for having me.\nQ. Let's start.\n"),
    "timestamp-first": (
        "[00:00:05] John Smith: Welcome to the show.\n[00:00:12] Jane Doe: Thanks for having me."
        "\n[00:01:20] John Smith: Let's start.\n"
    ),
}


@pytest.mark.parametrize("service", sorted(OTHER_SERVICES))
def test_labels_of_transcription_services_without_their_timestamps(service):
    document = parse_text(OTHER_SERVICES[service], f"{service}.txt")
    assert [t.text for t in document.turns] == [
        "Welcome to the show.",
        "Thanks for having me.",
        "Let's start.",
    ]
    assert document.turns[0].speaker == document.turns[2].speaker != document.turns[1].speaker


def test_numbered_voices_are_different_people():
    document = parse_text(OTHER_SERVICES["rev-numbered"])
    assert [t.speaker for t in document.turns] == ["speaker-1", "speaker-2", "speaker-1"]


def test_hansard_names_with_seat_and_party_on_their_own_line():
    document = parse_text(
        "Prime Minister's Questions\n\nRishi Sunak (Richmond (Yorks)) (Con)\nThe economy is "
        "growing.\n\nKeir Starmer (Holborn and St Pancras) (Lab)\nThat is not what people feel."
        "\n\nRishi Sunak (Richmond (Yorks)) (Con)\nThe figures are clear.\n"
    )
    assert document.title == "Prime Minister's Questions"
    assert [(t.label, t.speaker) for t in document.turns] == [
        ("Rishi Sunak (Richmond (Yorks)) (Con)", "rishi-sunak"),
        ("Keir Starmer (Holborn and St Pancras) (Lab)", "keir-starmer"),
        ("Rishi Sunak (Richmond (Yorks)) (Con)", "rishi-sunak"),
    ]


def test_congressional_record_labels_end_with_a_full_stop():
    document = parse_text(
        "SENATE\n\nThe PRESIDING OFFICER. The Senator from New York.\n\nMr. SCHUMER. Mr. "
        "President, I rise today to speak about the bill.\n\nThe PRESIDING OFFICER. Without "
        "objection, it is so ordered.\n"
    )
    assert [t.label for t in document.turns] == [
        "The PRESIDING OFFICER",
        "Mr. SCHUMER",
        "The PRESIDING OFFICER",
    ]
    assert document.turns[1].text == "Mr. President, I rise today to speak about the bill."


def test_one_line_of_a_label_shape_alone_is_not_taken_for_a_label():
    document = parse_text(
        "Notes  10:30\n\nVladimir Putin: We met at 10:30.\n\nQuestion: Where?\n\n"
        "Vladimir Putin: In Moscow.\n"
    )
    assert " ".join(document.title.split()) == "Notes 10:30"
    assert [t.label for t in document.turns] == ["Vladimir Putin", "Question", "Vladimir Putin"]


RUSSIAN_PAGE = """Интервью телекомпании «Мир»

12 апреля 2017 года, 12:00, Московский Кремль

Владимир Путин дал интервью телекомпании «Мир».

Вопрос: Владимир Владимирович, добрый день.

Президент России Владимир Путин: Добрый день.

Вопрос: Как вы оцениваете ситуацию?

В.Путин: Ситуация сложная. Как сказал министр:

«Мы справимся».

Голос из зала: Спасибо!
"""


def test_a_page_of_the_russian_site():
    document = parse_text(RUSSIAN_PAGE, "54270.txt")
    assert (document.title, document.date, document.time, document.place) == (
        "Интервью телекомпании «Мир»",
        "2017-04-12",
        "12:00",
        "Московский Кремль",
    )
    assert document.language == "ru"
    assert [(t.label, t.speaker) for t in document.turns] == [
        ("Вопрос", "vopros"),
        ("Президент России Владимир Путин", "vladimir-putin"),
        ("Вопрос", "vopros"),
        ("В.Путин", "vladimir-putin"),
        ("Голос из зала", "golos-iz-zala"),
    ]
    assert document.speaker("vladimir-putin").roles == ["Президент России"]
    assert document.speaker("vopros").generic and document.speaker("golos-iz-zala").generic
    assert document.turns[3].text.endswith("Как сказал министр:\n\n«Мы справимся».")


def test_initials_are_not_joined_to_a_name_that_does_not_fit():
    document = parse_text(
        "Talks\n\nMay 3, 2016\n\nVladimir Putin: Hello.\n\nV.Putina: Hello.\n\n"
        "A.Putin: Hi.\n\nV.Putin: Yes.\n"
    )
    assert [t.speaker for t in document.turns] == [
        "vladimir-putin",
        "v-putina",
        "a-putin",
        "vladimir-putin",
    ]


WHITE_HOUSE = """<!doctype html><html><head><title>Press Briefing, March 3, 2021 | The White House
</title></head><body><header><nav><a href="/">Home</a></nav></header><main><article>
<h1>Press Briefing by Press Secretary Jen Psaki, March 3, 2021</h1>
<time datetime="2021-03-03">March 3, 2021</time>
<p>James S. Brady Press Briefing Room</p><p>1:03 P.M. EST</p>
<p>MS. PSAKI:&nbsp; Hi, everyone.</p><p>Today, the President will deliver remarks.</p>
<p>Q&nbsp; Thanks, Jen.&nbsp; On the relief bill?</p><p>MS. PSAKI:&nbsp; We are confident.</p>
<p>Q&nbsp; And the vote?</p><p>MS. PSAKI:&nbsp; Tomorrow.</p>
</article></main><footer>The White House</footer></body></html>"""


def test_white_house_briefing_page():
    document = parse_bytes(WHITE_HOUSE.encode(), "briefing.html")
    assert document.title == "Press Briefing by Press Secretary Jen Psaki, March 3, 2021"
    assert (document.date, document.time, document.place) == (
        "2021-03-03",
        "1:03 P.M. EST",
        "James S. Brady Press Briefing Room",
    )
    assert [t.speaker for t in document.turns] == ["ms-psaki", "question"] * 2 + ["ms-psaki"]
    assert document.turns[0].text == "Hi, everyone.\n\nToday, the President will deliver remarks."


def test_page_heading_is_the_title_not_the_line_above_the_date():
    page = (
        "<html><body><main><h1>PM remarks at press conference: 5 April 2016</h1><dl><dt>"
        "Published</dt><dd>5 April 2016</dd></dl><p>Prime Minister:</p><p>Good afternoon.</p>"
        "<p>Question:</p><p>What about the budget?</p></main></body></html>"
    )
    document = parse_bytes(page.encode(), "remarks.html")
    assert document.title == "PM remarks at press conference: 5 April 2016"
    assert [(t.label, t.text) for t in document.turns] == [
        ("Prime Minister", "Good afternoon."),
        ("Question", "What about the budget?"),
    ]


def test_a_sentence_that_opens_with_an_initial_is_not_an_answer():
    document = parse_text(
        "Notes\n\nVladimir Putin: History matters.\n\nA. Lincoln said so.\n\n"
        "A. Smith agreed.\n\nQuestion: Really?\n"
    )
    assert [t.label for t in document.turns] == ["Vladimir Putin", "Question"]


BRIEFING = """Department Press Briefing - March 2, 2023

Jane Roe, Department Spokesperson
Washington, D.C.

2:39 p.m. EST

JANE ROE: Good afternoon. One item at the top before your questions.

QUESTION: Good afternoon.

MS. ROE: Go ahead.

QUESTION: On the talks of January 5, 2010 - any news?
"""


def test_a_briefing_dated_in_its_title_with_its_speaker_named_in_full_then_by_surname():
    document = parse_text(BRIEFING, "briefing.txt")
    assert (document.date, document.time) == ("2023-03-02", "2:39 p.m. EST")
    assert [t.speaker for t in document.turns] == ["jane-roe", "question", "jane-roe", "question"]
    assert document.speaker("jane-roe").labels == ["JANE ROE", "MS. ROE"]
    assert document.preamble == ["Jane Roe, Department Spokesperson Washington, D.C."]


def test_a_date_on_a_header_line_and_none_from_the_speech():
    dated = parse_text(
        "News Transcript\n\nPresenter: Press Secretary John Doe September 8, 2015\n\n"
        "JOHN DOE: Hi everyone.\n\nQ: A question.\n\nMR. DOE: An answer.\n"
    )
    assert dated.date == "2015-09-08"
    assert [t.speaker for t in dated.turns] == ["john-doe", "question", "john-doe"]
    undated = parse_text("Talks\n\nJOHN DOE: We met on September 8, 2015.\n\nQ: And?\n")
    assert undated.date == ""


def test_a_surname_that_two_full_names_share_stays_apart():
    document = parse_text(
        "JOHN DOE: One.\n\nJANE DOE: Two.\n\nMR. DOE: Three.\n\nQ: Four?\n", "doe.txt"
    )
    assert [t.speaker for t in document.turns] == ["john-doe", "jane-doe", "mr-doe", "question"]


def test_labels_on_their_own_lines_and_a_weekday_date_line():
    document = parse_text(
        "Prime Minister's Press Conference\n\nWednesday 19 February 2003\n\n"
        "The Prime Minister held a press conference at Downing Street today.\n\n"
        "Prime Minister:\n\nGood morning everyone.\n\nI shall be brief.\n\n"
        "Question:\n\nCan I ask you about the unit?\n\nPrime Minister:\n\nYes.\n",
        "press.txt",
    )
    assert document.date == "2003-02-19"
    assert document.preamble == [
        "The Prime Minister held a press conference at Downing Street today."
    ]
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        ("Prime Minister", ["Good morning everyone.", "I shall be brief."]),
        ("Question", ["Can I ask you about the unit?"]),
        ("Prime Minister", ["Yes."]),
    ]


def test_european_parliament_verbatim_report():
    document = parse_text(
        "Debates - Wednesday, 15 March 2023 - Strasbourg\n\n"
        "President. – The next item is the debate on energy prices.\n\n"
        "Jane Doe, on behalf of the PPE Group. – Madam President, prices are too high.\n\n"
        "John Roe (S&D). – Madam President, I agree. – And I say so twice.\n\n"
        "President. – The debate is closed.\n",
        "cre.txt",
    )
    assert document.date == "2023-03-15"
    assert [(t.label, t.speaker) for t in document.turns] == [
        ("President", "president"),
        ("Jane Doe, on behalf of the PPE Group", "jane-doe"),
        ("John Roe (S&D)", "john-roe"),
        ("President", "president"),
    ]
    assert document.turns[2].text == "Madam President, I agree. – And I say so twice."


def test_a_dash_after_a_sentence_is_not_a_label():
    document = parse_text(
        "Notes\n\nJohn Roe: It was late.\n\nWe stayed long. – Then we left the hall.\n\n"
        "We met again. – Nobody came.\n\nJane Doe: Fine.\n"
    )
    assert [t.speaker for t in document.turns] == ["john-roe", "jane-doe"]
    assert document.turns[0].paragraphs[1:] == [
        "We stayed long. – Then we left the hall.",
        "We met again. – Nobody came.",
    ]


def test_hansard_lords_and_a_minister_named_by_office_then_name():
    document = parse_text(
        "Asylum Accommodation\n\nLord Smith of Finsbury (Lab)\nTo ask the Government about "
        "hotels.\n\nThe Parliamentary Under-Secretary of State, Home Office (Lord Sharpe of Epsom)"
        " (Con)\nMy Lords, we are reducing their use.\n\nLord Smith of Finsbury (Lab)\nI thank "
        "the Minister.\n\nLord Sharpe of Epsom (Con)\nMy Lords, indeed.\n"
    )
    assert [t.speaker for t in document.turns] == [
        "lord-smith-of-finsbury",
        "lord-sharpe-of-epsom",
        "lord-smith-of-finsbury",
        "lord-sharpe-of-epsom",
    ]
    minister = document.speaker("lord-sharpe-of-epsom")
    assert minister.roles == ["The Parliamentary Under-Secretary of State, Home Office"]


def test_an_office_with_no_name_in_it_is_the_speaker():
    document = parse_text(
        "Press Conference\n\nCABINET PUBLIC RELATIONS SECRETARY: We will now begin.\n\n"
        "PRIME MINISTER KAN: Thank you.\n\nCABINET PUBLIC RELATIONS SECRETARY: Questions.\n"
    )
    assert [document.speaker(t.speaker).name for t in document.turns] == [
        "Cabinet Public Relations Secretary",
        "Prime Minister Kan",
        "Cabinet Public Relations Secretary",
    ]
