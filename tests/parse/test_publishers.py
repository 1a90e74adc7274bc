"""Other publishers' shapes: who said what, and loud when unsure (issue: any publisher, same
trust). Each text is written here in the shape its publisher uses; the expected turns were
worked out by reading it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.errors import NoStructureError
from onrecord.imports import read_bytes
from onrecord.parse import parse_bytes
from onrecord.parse.cleanup import indented_paragraphs
from onrecord.parse.narration import is_narration
from onrecord.parse.speakers import person_name


def turns(text: str, name: str = "transcript.txt") -> list[tuple[str, str]]:
    document = parse_bytes(text.encode(), name)
    return [(t.label, t.text) for t in document.turns]


def _numbered(lines: list[tuple[int, str]]) -> str:
    """A page of a court transcript as `pdftotext -layout` prints it: 25 numbered lines,
    double spaced, the lines after the text blank."""
    page = dict(lines)
    numbered = [f"{n:2d}  {page[n]}" if page.get(n) else f"{n:2d}" for n in range(1, 26)]
    return "\n\n".join(numbered) + "\n"


COURT = (
    "                    SUPREME COURT OF THE UNITED STATES\n\n"
    "- - - - - - - - - - - - - - - - - -\n"
    "JANE ROE,                             )\n"
    "          Petitioner,                 )\n"
    "     v.                               )  No. 24-101\n"
    "ACME CORP.,                           )\n"
    "          Respondent.                 )\n"
    "- - - - - - - - - - - - - - - - - -\n\n"
    "Pages: 1 through 2\n\nPlace: Washington, D.C.\n\nDate: SEPTEMBER 27, 2018\n\n"
    "                    Heritage Reporting Corporation\n\f"
    + _numbered(
        [
            (1, "APPEARANCES:"),
            (2, ""),
            (3, "JOHN DOE, ESQUIRE, on behalf of the petitioner."),
            (4, "         C O N T E N T S"),
            (5, "ORAL ARGUMENT OF:                        PAGE:"),
            (6, "JOHN DOE, ESQ.                            3"),
        ]
    )
    + "                    Heritage Reporting Corporation\n\f"
    + _numbered(
        [
            (1, "          CHIEF JUSTICE ROBERTS: We'll hear argument"),
            (2, "first this morning in Case 24-101, Roe versus Acme."),
            (3, "          MR. DOE: Mr. Chief Justice, and may it please"),
            (4, "the Court: the statute is plain. Its non-"),
            (5, "signatory clause says so, and the record is clear"),
            (6, "on the point that matters here."),
            (7, "          JUSTICE KAGAN: Is it?"),
            (8, "          MR. DOE: It is."),
            (9, ""),
        ]
    )
    + "                    Heritage Reporting Corporation\n"
)


def test_court_transcript_loses_line_numbers_and_page_furniture() -> None:
    document = parse_bytes(COURT.encode(), "roe-v-acme.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        (
            "CHIEF JUSTICE ROBERTS",
            "We'll hear argument first this morning in Case 24-101, Roe versus Acme.",
        ),
        (
            "MR. DOE",
            "Mr. Chief Justice, and may it please the Court: the statute is plain. "
            "Its non-signatory clause says so, and the record is clear on the point that "
            "matters here.",
        ),
        ("JUSTICE KAGAN", "Is it?"),
        ("MR. DOE", "It is."),
    ]
    assert document.title == "JANE ROE, Petitioner, v. ACME CORP., Respondent."
    assert (document.date, document.place) == ("2018-09-27", "Washington, D.C.")
    assert document.id == "roe-v-acme"
    assert len(document.speakers) == 3  # APPEARANCES and the contents are no one


def test_rev_page_short_date_line_and_title_with_a_colon() -> None:
    text = (
        "Jun 27, 2019\n\nDemocratic Debate Transcript: Night Two\n\n"
        "Savannah Guthrie: (00:00)\nGood evening.\n\n"
        "crowd: (00:05)\nBernie! Bernie!\n\n"
        "Bernie Sanders: (00:09)\nThank you.\n\n"
        "Savannah Guthrie: (00:12)\nSenator.\n\n"
        "crowd: (00:15)\nBoo!\n"
    )
    document = parse_bytes(text.encode(), "rev.txt")
    assert (document.title, document.date) == (
        "Democratic Debate Transcript: Night Two",
        "2019-06-27",
    )
    assert [t.label for t in document.turns] == [
        "Savannah Guthrie",
        "crowd",
        "Bernie Sanders",
        "Savannah Guthrie",
        "crowd",
    ]


def test_otter_export_with_one_word_speakers() -> None:
    text = (
        "Emma  0:37\nHello there, welcome to the show.\n\n"
        "John  0:45\nThanks Emma, glad to be here.\n\n"
        "Emma  1:02\nSo tell us about it.\n\n"
        "Transcribed by https://otter.ai\n"
    )
    found = turns(text)
    assert [label for label, _ in found] == ["Emma", "John", "Emma"]
    assert found == [
        ("Emma", "Hello there, welcome to the show."),
        ("John", "Thanks Emma, glad to be here."),
        ("Emma", "So tell us about it."),  # the service's signature is no one's words
    ]


def test_bold_markdown_labels_and_bold_names_with_times() -> None:
    text = (
        "# Questions\n\n**The Prime Minister:** We will act.\n\n**Mr Smith:** When?\n\n"
        "**The Prime Minister:** Soon.\n"
    )
    assert turns(text, "pmqs.md") == [
        ("The Prime Minister", "We will act."),
        ("Mr Smith", "When?"),
        ("The Prime Minister", "Soon."),
    ]
    podcast = "# Show\n\n**Emma Jones** [12:05]\n\nHello.\n\n**Tom Li** [12:09]\n\nHi.\n"
    assert turns(podcast, "show.md") == [("Emma Jones", "Hello."), ("Tom Li", "Hi.")]


def test_bold_lead_ins_said_once_that_are_no_names_are_text() -> None:
    # seed 163, page 55799 by html2text: a press notice's two bold lead-ins were two turns
    notice = (
        "# Summit\n\nOctober 10, 2019\n\nThe events will be streamed.\n\n"
        "**Note for the CIS media:** To receive video materials, call 1391.\n\n"
        "**Note for television journalists:** Please, do not use wireless microphones.\n"
    )
    document = parse_bytes(notice.encode(), "notice.md")
    assert document.turns == []
    assert document.preamble[-1].startswith("Note for television journalists: Please")
    # the same shape said again is a voice, and a speaker's shape said once is one
    said = (
        "# Q&A\n\n**Question from the floor:** Why?\n\n**Dr Tedros:** Because.\n\n"
        "**Question from the floor:** When?\n"
    )
    assert [label for label, _ in turns(said, "qa.md")] == [
        "Question from the floor",
        "Dr Tedros",
        "Question from the floor",
    ]


def test_front_matter_gives_title_and_date_not_figures() -> None:
    text = (
        "---\ntitle: Press Briefing by Karine Jean-Pierre\ndate: 2024-07-08\n---\n\n"
        "MS. JEAN-PIERRE: Good afternoon.\n\nQ    Hi, Karine. Thank you.\n\n"
        "MS. JEAN-PIERRE: Yes.\n\nQ    And the other thing?\n"
    )
    document = parse_bytes(text.encode(), "briefing-2024-07-08.md")
    assert (document.title, document.date) == ("Press Briefing by Karine Jean-Pierre", "2024-07-08")
    assert [t.label for t in document.turns] == ["MS. JEAN-PIERRE", "Q", "MS. JEAN-PIERRE", "Q"]
    assert document.id == "briefing-2024-07-08"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # YAML: a quoted title folded over two lines, `\_` a no-break space
        (
            'title: "Remarks by the President and\\\n  \\ Prime Minister\\_Kishida"',
            "Remarks by the President and Prime Minister Kishida",
        ),
        # not YAML (a colon in an unquoted value): read line by line
        ("title: Briefing: the economy", "Briefing: the economy"),
    ],
)
def test_front_matter_titles_as_yaml_writes_them(head: str, title: str) -> None:
    turns = "MS. JEAN-PIERRE: Hello.\n\nQ    Hi.\n\nMS. JEAN-PIERRE: Yes.\n\nQ    Thanks.\n"
    text = f"---\n{head}\ndate: 2023-01-13\n---\n\n{turns}"
    document = parse_bytes(text.encode(), "briefing.md")
    assert (document.title, document.date) == (title, "2023-01-13")


def test_place_and_time_above_the_first_turn_are_not_the_title() -> None:
    text = (
        "James S. Brady Press Briefing Room\n\n2:19 P.M. EDT\n\n"
        "Q    Good afternoon.\n\nMS. JEAN-PIERRE: Hello.\n\nQ    Hi.\n\nMS. JEAN-PIERRE: Yes.\n"
    )
    document = parse_bytes(text.encode(), "briefing.txt")
    assert (document.place, document.time, document.title) == (
        "James S. Brady Press Briefing Room",
        "2:19 P.M. EDT",
        "",
    )
    assert [t.label for t in document.turns] == ["Q", "MS. JEAN-PIERRE", "Q", "MS. JEAN-PIERRE"]


def test_hansard_labels_on_their_own_line_with_seat_and_party() -> None:
    text = (
        "Oral Questions\n\n"
        "Hon. Don Boudria (Leader of the Government in the House of Commons, Lib.):\n"
        "Mr. Speaker, I rise on a point of order.\n\n"
        "Mr. Pierre de Savoye (Portneuf, BQ):\nMr. Speaker, the minister is wrong.\n\n"
        "Hon. Don Boudria (Leader of the Government in the House of Commons, Lib.):\n"
        "No.\n"
    )
    document = parse_bytes(text.encode(), "hansard.txt")
    assert [t.text for t in document.turns] == [
        "Mr. Speaker, I rise on a point of order.",
        "Mr. Speaker, the minister is wrong.",
        "No.",
    ]
    assert [s.name for s in document.speakers] == ["Don Boudria", "Pierre de Savoye"]
    assert document.turns[0].speaker == document.turns[2].speaker


def test_names_keep_their_particles_and_lose_jobs_and_honorifics() -> None:
    assert (
        person_name("President of Austria Alexander Van der Bellen") == "Alexander Van der Bellen"
    )
    assert person_name("Mr. Pierre de Savoye") == "Pierre de Savoye"
    assert person_name("Paramedic Natalya Osipova") == "Natalya Osipova"
    assert person_name("Prime Minister of Malaysia Mahathir bin Mohamad") == "Mahathir bin Mohamad"


def test_furniture_never_becomes_a_speaker() -> None:
    text = (
        "Hearing\n\nSPEAKERS:\n\nWITNESSES:\n\n[*] GRASSLEY: The committee will come to order.\n\n"
        "KAVANAUGH: Thank you, Mr. Chairman.\n\nMORE KAVANAUGH\n\nKAVANAUGH: I am grateful.\n\n"
        "GRASSLEY: Senator Feinstein.\n"
    )
    document = parse_bytes(text.encode(), "hearing.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("GRASSLEY", "The committee will come to order."),
        ("KAVANAUGH", "Thank you, Mr. Chairman."),
        ("KAVANAUGH", "I am grateful."),
        ("GRASSLEY", "Senator Feinstein."),
    ]


def test_dates_other_publishers_write() -> None:
    for line, iso in [
        ("Monday, March 26, 2012", "2012-03-26"),
        ("SEPTEMBER 27, 2018", "2018-09-27"),
        ("Sept. 4, 2019", "2019-09-04"),
    ]:
        turns = "THE PRESIDENT: Thank you.\n\nQ: Why?\n\nTHE PRESIDENT: Because.\n"
        text = f"Remarks\n\n{line}\n\n{turns}"
        assert parse_bytes(text.encode(), "r.txt").date == iso, line


def test_vtt_voice_tags_decide_and_a_colon_in_speech_is_speech() -> None:
    vtt = (
        "WEBVTT\n\n00:00.000 --> 00:03.000\n<v John Roberts>We'll hear argument.\n\n"
        "00:03.000 --> 00:06.000\n<v Jane Doe>Mr. Chief Justice, and may it please the\n"
        "Court: When this case began, it was small.\n"
    )
    [document] = read_bytes(vtt.encode(), "argument.vtt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("John Roberts", "We'll hear argument."),
        (
            "Jane Doe",
            "Mr. Chief Justice, and may it please the Court: When this case began, it was small.",
        ),
    ]


def test_srt_name_ending_a_caption_line_and_dash_voices() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\nMICHELLE BACHMANN: Most\nassuredly.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nGEORGE STEPHANOPOULOS:\nCongresswoman, thank you.\n\n"
        "3\n00:00:05,000 --> 00:00:07,000\nWe go on. RON PAUL: Well,\nobviously.\n"
    )
    [document] = read_bytes(srt.encode(), "debate.srt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("MICHELLE BACHMANN", "Most assuredly."),
        ("GEORGE STEPHANOPOULOS", "Congresswoman, thank you. We go on."),
        ("RON PAUL", "Well, obviously."),
    ]
    dashes = (
        "1\n00:00:01,000 --> 00:00:02,000\n- Where were you?\n- At home.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n- Alone?\n"
    )
    [voices] = read_bytes(dashes.encode(), "film.srt")
    assert [t.text for t in voices.turns] == ["Where were you?", "At home.", "Alone?"]
    assert {t.label for t in voices.turns} == {"Unknown speaker"}


def test_unsure_attribution_is_loud_and_strict_refuses_it(tmp_path: Path) -> None:
    # `THE CHAIR` and `Member` voices that no rule reads: 2 openings that come back, kept as text
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Minutes\n\nMR SMITH: We begin.\n\nChair said: order please.\n\nMR JONES: Yes.\n\n"
        "Chair said: order again.\n",
        encoding="utf-8",
    )
    document = parse_bytes(path.read_bytes(), str(path))
    assert document.confidence < 0.8
    assert document.warnings == [
        "attribution: 2 paragraphs look like speaker labels but were kept as text, "
        "e.g. turn 0, paragraph 1 'Chair said: order please.'"
    ]
    runner = CliRunner()
    loose = runner.invoke(main, ["parse", "--format", "jsonl", str(path)])
    assert loose.exit_code == 0
    assert json.loads(loose.stdout)["confidence"] == document.confidence
    assert loose.stderr.startswith(f"onrecord: warning: {path}: attribution uncertain (")
    strict = runner.invoke(main, ["parse", "--strict", str(path)])
    assert (strict.exit_code, strict.stdout) == (17, "")
    db = tmp_path / "a.db"
    stored = runner.invoke(main, ["ingest", "--strict", "--db", str(db), str(path)])
    assert stored.exit_code == 17
    assert "failed 1" in stored.stdout and "attribution uncertain" in stored.stderr


def test_a_sure_parse_has_full_confidence_and_no_warning(seed_path: Path) -> None:
    document = parse_bytes(seed_path.read_bytes(), str(seed_path))
    assert document.confidence == 1.0
    assert not [w for w in document.warnings if w.startswith("attribution")]


def test_congressional_record_page_of_the_gpo_reads_its_pre_text() -> None:
    page = (
        "<html><head><title>Congressional Record</title></head><body><pre>\n"
        "[Congressional Record Volume 165, Number 100 (Tuesday, June 11, 2019)]\n[Senate]\n\n"
        "                          NOMINATION OF JANE DOE\n\n"
        "  Mr. McCONNELL. Mr. President, the Senate will vote today on the\n"
        "nomination of Jane Doe.\n"
        "  Mrs. DeWINE. Mr. President, I rise in opposition. Her\nrecord is clear.\n"
        "  The PRESIDING OFFICER. The Senator from Kentucky.\n"
        "  Mr. McCONNELL. I thank the Senator.\n</pre></body></html>"
    )
    document = parse_bytes(page.encode(), "CREC-2019-06-11.htm")
    assert [(t.label, t.text) for t in document.turns] == [
        (
            "Mr. McCONNELL",
            "Mr. President, the Senate will vote today on the nomination of Jane Doe.",
        ),
        ("Mrs. DeWINE", "Mr. President, I rise in opposition. Her record is clear."),
        ("The PRESIDING OFFICER", "The Senator from Kentucky."),
        ("Mr. McCONNELL", "I thank the Senator."),
    ]
    assert document.date == "2019-06-11"


def test_a_date_line_with_tabs_between_its_parts() -> None:
    text = "Meeting with students\n\nMay\t22,\t2019,  Moscow\n\nVladimir Putin: Good afternoon.\n"
    document = parse_bytes(text.encode(), "page.txt")
    assert (document.date, document.place) == ("2019-05-22", "Moscow")


def test_broadcast_surnames_are_the_full_names_said_before() -> None:
    text = (
        "Aired May 1, 2020 - 14:00   ET\n\n"
        "ED LAVANDERA, CNN CORRESPONDENT: The city is closing.\n\n"
        "BROOKE BALDWIN, CNN HOST: Got it. Ed, thank you.\n\n"
        "LAVANDERA: Thanks, Brooke.\n\nBALDWIN: Let's go to the White House.\n"
    )
    document = parse_bytes(text.encode(), "cnn.txt")
    assert [t.speaker for t in document.turns] == [
        "ed-lavandera",
        "brooke-baldwin",
        "ed-lavandera",
        "brooke-baldwin",
    ]


def test_white_house_q_with_one_space_is_a_reporter_not_the_briefer() -> None:
    text = (
        "Press Briefing\n\nMR. DEERE: Good afternoon. I'm going to lay out --\n\n"
        "Q (Inaudible.)\n\nMR. DEERE: It's a busy day.\n\nQ Will he mention it?\n\nMR. DEERE: No.\n"
    )
    assert [label for label, _ in turns(text)] == ["MR. DEERE", "Q", "MR. DEERE", "Q", "MR. DEERE"]


def test_un_records_name_members_by_country_and_the_chair_by_office() -> None:
    inline = (
        "Security Council\n\nThe President: The Council will now begin.\n\n"
        "Mr. Abulhasan (Kuwait) (interpretation from Arabic): I thank you.\n\n"
        "The President: I thank the representative of Kuwait.\n"
    )
    assert [label for label, _ in turns(inline)] == [
        "The President",
        "Mr. Abulhasan (Kuwait) (interpretation from Arabic)",
        "The President",
    ]
    own_line = (
        "Security Council meeting 3923\n\nThe meeting was called to order at 11.50 a.m.\n\n"
        "The President\n\nI express deep sorrow.\n\nMr. Dejammet (France)\n\n"
        "France joins the condolences.\n\nThe President\n\nI thank the representative of France.\n"
    )
    assert turns(own_line) == [
        ("The President", "I express deep sorrow."),
        ("Mr. Dejammet (France)", "France joins the condolences."),
        ("The President", "I thank the representative of France."),
    ]


def test_menu_items_one_a_line_above_the_title_are_not_the_title() -> None:
    text = (
        "President of Russia\nVideos and Photos\nDocuments\nContacts\nSearch\nEvents\n"
        "Interview to Mir broadcasting company\n\nApril 12, 2017, The Kremlin, Moscow\n\n"
        "Radik Batyrshin: Good afternoon.\n\nVladimir Putin: Good afternoon.\n"
    )
    document = parse_bytes(text.encode(), "saved.txt")
    assert document.title == "Interview to Mir broadcasting company"
    assert (document.date, document.place) == ("2017-04-12", "The Kremlin, Moscow")


def test_browser_chrome_is_never_the_title() -> None:
    text = (
        "Desktop notifications are on | Turn off\n\n"
        "Press Briefing by Press Secretary Jen Psaki, May 5, 2021\n\n"
        "MS. PSAKI: Hi everyone.\n\nQ    Thanks, Jen.\n\nMS. PSAKI: Sure.\n"
    )
    document = parse_bytes(text.encode(), "briefing.txt")
    assert document.title == "Press Briefing by Press Secretary Jen Psaki, May 5, 2021"
    assert document.date == "2021-05-05"


def test_line_numbers_with_one_space_and_labels_at_the_text_column() -> None:
    pages = []
    for day in ("Monday", "Tuesday", "Friday"):
        said = [
            f"MR. LONG: On {day}, Your Honor, I rise to",
            f"address the court on the {day} motion.",
            f"THE COURT: Go ahead, counsel, but {day} is",
            "short.",
            f"MR. LONG: I will, {day} or not.",
            f"MS. SHORT: Objection to {day}.",
            f"THE COURT: Overruled on {day}.",
        ]
        lines = [f"{n} {said[n - 1]}" if n <= len(said) else str(n) for n in range(1, 26)]
        pages.append("\n".join(lines))
    document = parse_bytes(("Hearing\n\n" + "\n\f".join(pages)).encode(), "hearing.txt")
    assert [t.label for t in document.turns][:5] == [
        "MR. LONG",
        "THE COURT",
        "MR. LONG",
        "MS. SHORT",
        "THE COURT",
    ]
    assert document.turns[0].text == (
        "On Monday, Your Honor, I rise to address the court on the Monday motion."
    )
    assert len(document.turns) == 15
    assert {s.name for s in document.speakers} == {"The Court", "Mr. Long", "Ms. Short"}


def test_older_court_captions_with_a_colon_column_give_the_title() -> None:
    caption = (
        "IN THE SUPREME COURT OF THE UNITED STATES\n"
        "- - - - - - - - - - - - - - - - - -x\n"
        "JANE ROE,                           :\n"
        "             Petitioner,            :\n"
        "       v.                           :  No. 14-101\n"
        "ACME CORP.,                         :\n"
        "             Respondent.            :\n"
        "- - - - - - - - - - - - - - - - - -x\n\n"
    )
    text = caption + "CHIEF JUSTICE ROBERTS: We'll hear argument.\n\nMR. DOE: Thank you.\n"
    document = parse_bytes(text.encode(), "roe.txt")
    assert document.title == "JANE ROE, Petitioner, v. ACME CORP., Respondent."
    assert [t.label for t in document.turns] == ["CHIEF JUSTICE ROBERTS", "MR. DOE"]


def test_hansard_quoted_with_portraits_and_link_rows() -> None:
    text = (
        "Oral Answers to Questions\n\nWednesday 3rd December 2025\n\n"
        "Jane Roe Portrait Jane Roe (Blyth and Ashington) (Lab)\n- Hansard - - - Excerpts\n\n"
        "Q1. If he will list his official engagements.\n\n"
        "John Doe Portrait The Prime Minister (John Doe)\n- View Speech - Hansard - -\n\n"
        "This morning, I had meetings with colleagues.\n\n"
        "Jane Roe Portrait Jane Roe\n- View Speech - Hansard - - - Excerpts\n\n"
        "The north-east is still waiting.\n"
    )
    document = parse_bytes(text.encode(), "pmqs.txt")
    assert document.date == "2025-12-03"
    assert [t.text for t in document.turns] == [
        "Q1. If he will list his official engagements.",
        "This morning, I had meetings with colleagues.",
        "The north-east is still waiting.",
    ]
    assert [s.name for s in document.speakers] == ["Jane Roe", "John Doe"]
    assert document.turns[0].speaker == document.turns[2].speaker


def test_podcast_tools_put_the_time_before_or_after_the_name() -> None:
    shapes = [
        "00:00:05 Jane Smith: Welcome.\n00:00:09 Tom Brown: Thanks.\n00:00:15 Jane Smith: Go on.\n",
        "Jane Smith [00:00:05]: Welcome.\n\nTom Brown [00:00:09]: Thanks.\n\n"
        "Jane Smith [00:00:15]: Go on.\n",
        "[00:00:05] JANE SMITH\nWelcome.\n\n[00:00:09] TOM BROWN\nThanks.\n\n"
        "[00:00:15] JANE SMITH\nGo on.\n",
    ]
    for shape in shapes:
        found = turns("Episode 12\n\n" + shape, "episode.txt")
        assert [text for _, text in found] == ["Welcome.", "Thanks.", "Go on."], shape
        assert [label.casefold() for label, _ in found] == [
            "jane smith",
            "tom brown",
            "jane smith",
        ], shape


def test_australian_hansard_labels_carry_seat_office_and_time() -> None:
    text = (
        "Questions without Notice\n\n"
        "Mr DUTTON (Dickson—Leader of the Opposition) (14:02): My question is to the PM.\n\n"
        "Mr ALBANESE (Grayndler—Prime Minister) (14:03): I thank the member.\n\n"
        "The SPEAKER: Order!\n\n"
        "Mr DUTTON (Dickson—Leader of the Opposition) (14:05): Again.\n"
    )
    document = parse_bytes(text.encode(), "aph.txt")
    assert [t.text for t in document.turns] == [
        "My question is to the PM.",
        "I thank the member.",
        "Order!",
        "Again.",
    ]
    assert document.turns[0].speaker == document.turns[3].speaker != document.turns[1].speaker


HEARING = (
    "NOMINATION OF JANE ROE TO BE A JUDGE\n\nTUESDAY, SEPTEMBER 4, 2018\n\n"
    "The Committee met, pursuant to notice, at 9:30 a.m.\n\n"
    "Chairman Grassley. Good morning. I welcome everyone.\n\n"
    "Senator Feinstein. Mr. Chairman, may I ask a question?\n\n"
    "Chairman Grassley. Yes.\n\n"
    "Judge Roe. Thank you, Mr. Chairman.\n\n"
    "Senator Van Hollen. Judge, one more.\n\n"
    "The Chairman. We stand adjourned.\n"
)


def test_a_congressional_hearing_as_the_gpo_prints_it() -> None:
    """`Title Surname. text`: the title is the role, the surname the person."""
    document = parse_bytes(HEARING.encode(), "hearing.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("Chairman Grassley", "Good morning. I welcome everyone."),
        ("Senator Feinstein", "Mr. Chairman, may I ask a question?"),
        ("Chairman Grassley", "Yes."),
        ("Judge Roe", "Thank you, Mr. Chairman."),
        ("Senator Van Hollen", "Judge, one more."),
        ("The Chairman", "We stand adjourned."),
    ]
    people = {(s.name, tuple(s.roles)) for s in document.speakers}
    assert ("Grassley", ("Chairman",)) in people and ("Roe", ("Judge",)) in people
    assert document.date == "2018-09-04"


def test_a_title_and_name_opening_a_line_of_a_labelled_debate_is_an_address() -> None:
    """Where labels are written otherwise, `Senator Harris.` opens a question put to her."""
    text = (
        "Jane Moderator: (00:01)\nSenator Harris. The first question is yours.\n\n"
        "Kamala Harris: (00:05)\nThank you.\n\n"
        "Jane Moderator: (00:09)\nSenator Booker. Same question.\n\n"
        "Cory Booker: (00:12)\nThanks.\n"
    )
    document = parse_bytes(text.encode(), "debate.txt")
    assert [t.label for t in document.turns] == [
        "Jane Moderator",
        "Kamala Harris",
        "Jane Moderator",
        "Cory Booker",
    ]
    assert document.turns[0].text == "Senator Harris. The first question is yours."


def test_the_head_of_a_un_verbatim_record_is_no_turn() -> None:
    """`President:` over `Mr. Koonjul` / `(Mauritius)` names who chairs: a field of the head,
    not the first speaker (who is `The President`, coming back)."""
    text = (
        "Security Council\n\n4466th meeting\n\nThursday, 31 January 2002, 3.45 p.m.\n\n"
        "New York\n\nPresident:\n\nMr. Koonjul\n\n(Mauritius)\n\nMembers:\n\nBulgaria\n\n"
        "Mr. Tafrov\n\nThe meeting was called to order at 3.45 p.m.\n\n"
        "The President : The Council will now begin.\n\n"
        "Mr. Tafrov (Bulgaria) (spoke in French): We agree.\n\n"
        "The President : I thank him.\n"
    )
    document = parse_bytes(text.encode(), "unsc.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("The President", "The Council will now begin."),
        ("Mr. Tafrov (Bulgaria) (spoke in French)", "We agree."),
        ("The President", "I thank him."),
    ]
    assert "President:" in document.preamble and "Mr. Koonjul" in document.preamble
    assert document.date == "2002-01-31"


def test_a_podcast_site_puts_the_name_above_a_timed_speech() -> None:
    """`Lex Fridman` / `(00:00:00) text`: the name over the time is the label; the time
    opening a paragraph further on is timing, not speech."""
    text = (
        "Episode 400: A talk\n\nLex Fridman\n(00:00:00) The following is a conversation.\n\n"
        "(00:00:20) And now, here is Jane.\n\nJane Roe\n(00:01:12) Thanks for having me.\n\n"
        "Lex Fridman\n(00:01:15) Let us begin.\n"
    )
    document = parse_bytes(text.encode(), "episode.txt")
    assert document.title == "Episode 400: A talk"
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        ("Lex Fridman", ["The following is a conversation.", "And now, here is Jane."]),
        ("Jane Roe", ["Thanks for having me."]),
        ("Lex Fridman", ["Let us begin."]),
    ]


def test_a_meeting_transcripts_clock_lines_are_timing_not_speech() -> None:
    text = (
        "Weekly sync - Transcript\n\n00:00:00\n\nJane Roe: Hello everyone.\nJohn Doe: Hi Jane.\n\n"
        "00:05:00\n\nJane Roe: Moving on to the budget.\nJohn Doe: Sure.\n"
    )
    document = parse_bytes(text.encode(), "sync.txt")
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        ("Jane Roe", ["Hello everyone."]),
        ("John Doe", ["Hi Jane."]),
        ("Jane Roe", ["Moving on to the budget."]),
        ("John Doe", ["Sure."]),
    ]
    assert document.preamble == []


def test_names_in_capitals_on_their_own_line_over_the_speech() -> None:
    """Broadcast transcripts: `JOHN DOE` / `Welcome.`; a voice heard once is a voice too,
    never merged into the speaker before."""
    text = (
        "Interview with Jane Roe\n\nMarch 3, 2022\n\nJOHN DOE\n\nWelcome to the program.\n\n"
        "JANE ROE\n\nThank you, John.\n\nJOHN DOE\n\nThe budget?\n\nJANE ROE\n\nBalanced.\n\n"
        "CALLER\n\nI disagree.\n"
    )
    document = parse_bytes(text.encode(), "interview.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("JOHN DOE", "Welcome to the program."),
        ("JANE ROE", "Thank you, John."),
        ("JOHN DOE", "The budget?"),
        ("JANE ROE", "Balanced."),
        ("CALLER", "I disagree."),
    ]
    assert (document.place, document.lead) == ("", "")


def test_a_heading_in_capitals_is_no_speaker() -> None:
    text = "Talks\n\nMarch 3, 2022\n\nOPENING REMARKS\n\nJane Doe: Welcome.\n\nJohn Roe: Thanks.\n"
    document = parse_bytes(text.encode(), "talks.txt")
    assert [t.label for t in document.turns] == ["Jane Doe", "John Roe"]


def test_headings_in_capitals_that_never_come_back_are_no_speakers() -> None:
    text = (
        "Address to the Nation\n\nMarch 3, 2022\n\nPART ONE\n\nWe gathered today.\n\n"
        "PART TWO\n\nWe go on.\n"
    )
    document = parse_bytes(text.encode(), "address.txt")
    assert (document.turns, document.speakers) == ([], [])
    assert "PART TWO" in document.preamble


def test_markdown_front_matter_title_gives_the_first_line_back_to_the_text() -> None:
    """The first line was taken for the title before the front matter's title won: it is
    the text's, not lost."""
    text = (
        "---\ntitle: Remarks by the President\n---\n\nRoosevelt Room\n\n"
        "JANE DOE: Hello.\n\nJOHN ROE: Hi.\n\nJANE DOE: Bye.\n"
    )
    document = parse_bytes(text.encode(), "remarks.md")
    assert document.title == "Remarks by the President"
    assert document.preamble == ["Roosevelt Room"]
    assert [t.label for t in document.turns] == ["JANE DOE", "JOHN ROE", "JANE DOE"]


COMMITTEE = (
    "Logo (Green).tif\n\nHealth Committee\n\nOral evidence: Waiting lists\n\n"
    "Tuesday 1 March 2022\n\nMembers present: Jane Roe (Chair); John Doe.\n\n"
    "I: Ann Smith\n\nII: Bob Jones\n\nIII: Carl Brown\n\n"
    "Q1                Chair: Good afternoon. Over to you.\n\n"
    "Ann Smith: Thank you. We ask for a debate.\n\n"
    "Q2                Chair: When would you like it?\n\n"
    "Ann Smith: In March.\n"
)


def test_committee_panels_numbered_in_roman_are_no_speakers() -> None:
    # 'II: Bob Jones' lists a panel of witnesses: Bob Jones said nothing there
    document = parse_bytes(COMMITTEE.encode(), "committee.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("Chair", "Good afternoon. Over to you."),
        ("Ann Smith", "Thank you. We ask for a debate."),
        ("Chair", "When would you like it?"),
        ("Ann Smith", "In March."),
    ]
    assert "II: Bob Jones" in document.preamble


def test_a_logo_file_name_atop_a_page_is_no_title() -> None:
    document = parse_bytes(COMMITTEE.encode(), "committee.txt")
    assert (document.title, document.date) == ("Health Committee", "2022-03-01")


DEPOSITION = (
    "Deposition of John Roe (Dec. 14, 2021)\n\n"
    "The Witness. Can I ask a question?\n\n"
    "Mr.   Of course.\n\n"
    "The Witness. Will you follow up?\n\n"
    "Ms.   We may. Let us begin.\n\n"
    "The Reporter. Please raise your right hand.\n"
)


def test_deposition_roles_and_blanked_names_cut_turns_and_warn() -> None:
    # the released copy blanks out staff names: the turn ends at `Mr.`, and nobody is named
    document = parse_bytes(DEPOSITION.encode(), "deposition.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("The Witness", "Can I ask a question?"),
        ("Mr.", "Of course."),
        ("The Witness", "Will you follow up?"),
        ("Ms.", "We may. Let us begin."),
        ("The Reporter", "Please raise your right hand."),
    ]
    assert document.confidence < 1.0
    assert any("title with no name" in w for w in document.warnings)


RECORD_WITH_FURNITURE = (
    "[Congressional Record Volume 153, Number 3]\n[Pages H100-H101]\n"
    "[From the U.S. Government Publishing Office]\n\n"
    "HOUSE OF REPRESENTATIVES--Friday, January 5, 2007\n\n"
    "  The SPEAKER. The Journal stands approved.\n\n"
    "                          PLEDGE OF ALLEGIANCE\n\n"
    "  The SPEAKER. Will the gentleman from Texas lead the Pledge.\n\n"
    "  Mr. POE. I will.\n"
)


def test_bracketed_page_furniture_is_no_speech_to_text_tag() -> None:
    # two turns of one speaker apart stay two turns: only tagged speech-to-text lines merge
    document = parse_bytes(RECORD_WITH_FURNITURE.encode(), "crec.txt")
    assert [(t.label, t.paragraphs[0]) for t in document.turns] == [
        ("The SPEAKER", "The Journal stands approved."),
        ("The SPEAKER", "Will the gentleman from Texas lead the Pledge."),
        ("Mr. POE", "I will."),
    ]


# The Congressional Record as the GPO prints it: a paragraph opens with a two-space indent and
# runs on flush with the margin, headings in capitals stand between turns, rules close them,
# and a new page's number may break a paragraph.
RECORD_OF_A_DAY = (
    "[Congressional Record Volume 160, Number 9 (Tuesday, January 14, 2014)]\n"
    "[House]\n"
    "[Pages H1-H2]\n\n"
    "                          MORNING-HOUR DEBATE\n\n"
    "  The SPEAKER pro tempore (Mr. Roe). The Chair recognizes the gentleman \n"
    "from Ohio for 5 minutes.\n"
    "  Mr. DOE. Mr. Speaker, I rise today to speak about the budget of the \n"
    "county and of the town that\n\n"
    "[[Page H2]]\n\n"
    "depend on it.\n"
    "  It is a matter of the roads, and of the schools that stand beside \n"
    "them.\n\n"
    "                          ____________________\n\n"
    "                                 PRAYER\n\n"
    "  The Chaplain offered the following prayer: \n"
    "  Give us wisdom.\n\n"
    "                          ____________________\n\n"
    "                          PLEDGE OF ALLEGIANCE\n\n"
    "  The SPEAKER pro tempore. Will the gentlewoman lead us?\n"
)


def test_record_paragraphs_by_indent_headings_apart_and_its_head_the_title() -> None:
    document = parse_bytes(RECORD_OF_A_DAY.encode(), "crec-day.txt")
    assert document.title == "Congressional Record Volume 160, Number 9 (Tuesday, January 14, 2014)"
    assert document.date == "2014-01-14"
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        (
            "The SPEAKER pro tempore (Mr. Roe)",
            ["The Chair recognizes the gentleman from Ohio for 5 minutes."],
        ),
        (
            "Mr. DOE",
            [
                "Mr. Speaker, I rise today to speak about the budget of the county and of the "
                "town that depend on it.",
                "It is a matter of the roads, and of the schools that stand beside them.",
            ],
        ),
        # the prayer follows a heading and no label: the record says whose it is in its
        # narration, which is no one's turn (test_narration_of_the_record_is_no_ones_turn)
        ("", ["The Chaplain offered the following prayer:", "Give us wisdom."]),
        ("The SPEAKER pro tempore", ["Will the gentlewoman lead us?"]),
    ]
    # the headings are nobody's speech; the rules and the page's number are gone
    assert "PRAYER" in document.preamble and "PLEDGE OF ALLEGIANCE" in document.preamble
    assert not any("____" in p or "[[Page" in p for t in document.turns for p in t.paragraphs)


# The Record's narration between turns: its clerks' and officers' acts and the chamber's
# decisions, in the third person; what the clerk reads or the Record prints follows a colon.
RECORD_WITH_NARRATION = (
    "[Congressional Record Volume 151, Number 68 (Friday, May 20, 2005)]\n"
    "[Senate]\n\n"
    "  The PRESIDING OFFICER. The clerk will report.\n"
    "  The legislative clerk read the nomination of Jane Roe, of Ohio, to be a judge.\n"
    "  Mr. DOE. Mr. President, I suggest the absence of a quorum.\n"
    "  The PRESIDING OFFICER. The clerk will call the roll.\n"
    "  The assistant legislative clerk proceeded to call the roll.\n"
    "  Mr. DOE. I ask that a letter be printed in the Record.\n"
    "  There being no objection, the material was ordered to be printed in the Record, as "
    "follows:\n"
    "  Dear Senator: We write in support of the nominee.\n"
    "  Mr. DOE. The amendment was agreed to last year. It should be again.\n"
    "  The amendment (No. 12) was agreed to.\n"
    "  The motion to reconsider was laid upon the table.\n"
    "  The senator then showed the chart to the chamber.\n"
)


def test_narration_of_the_record_is_no_ones_turn() -> None:
    document = parse_bytes(RECORD_WITH_NARRATION.encode(), "crec.txt")
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        ("The PRESIDING OFFICER", ["The clerk will report."]),
        ("", ["The legislative clerk read the nomination of Jane Roe, of Ohio, to be a judge."]),
        ("Mr. DOE", ["Mr. President, I suggest the absence of a quorum."]),
        ("The PRESIDING OFFICER", ["The clerk will call the roll."]),
        ("", ["The assistant legislative clerk proceeded to call the roll."]),
        ("Mr. DOE", ["I ask that a letter be printed in the Record."]),
        (  # what the Record printed at his request is not what he said
            "",
            [
                "There being no objection, the material was ordered to be printed in the "
                "Record, as follows:",
                "Dear Senator: We write in support of the nominee.",
            ],
        ),
        # speech that reports a vote stays speech
        ("Mr. DOE", ["The amendment was agreed to last year. It should be again."]),
        (
            "",
            [
                "The amendment (No. 12) was agreed to.",
                "The motion to reconsider was laid upon the table.",
            ],
        ),
        # text after the narration that is not narration: nobody known said it
        ("", ["The senator then showed the chart to the chamber."]),
    ]
    narrated = [(n.turn, n.paragraph) for n in document.notes if n.kind == "stage"]
    assert narrated == [(1, 0), (4, 0), (6, 0), (8, 0), (8, 1)]
    # the narration is sure; the text after it with no speaker is not
    assert document.warnings == ["attribution: 1 turns have no speaker, e.g. turn 9"]


@pytest.mark.parametrize(
    ("paragraph", "narration"),
    [
        ("The amendment (No. 12) was agreed to.", True),
        # a second sentence is someone's account, not the Record's one line of narration
        ("The amendment was agreed to. Senators have spoken on both sides of the bill.", False),
        ("The bill clerk read the bill. Senators objected loudly.", False),
    ],
)
def test_narration_is_one_sentence_of_the_records_wording(paragraph: str, narration: bool) -> None:
    assert is_narration(paragraph) is narration


def test_one_indented_opening_is_no_layout_of_indented_paragraphs() -> None:
    # three openings at one indent make the layout; a single indented line is just that
    one = "The text runs flush,\n  then one line is indented\nand the text runs on."
    assert indented_paragraphs(one) == one
    three = "  A. One\nflush.\n  B. Two\nflush.\n  C. Three\nflush."
    assert indented_paragraphs(three) == (
        "  A. One\nflush.\n\n  B. Two\nflush.\n\n  C. Three\nflush."
    )


# The House's day opens with the chair's acts told, and a Member leading the Pledge.
HOUSE_OPENING = (
    "[Congressional Record Volume 165, Number 62 (Wednesday, April 10, 2019)]\n"
    "[House]\n\n"
    "  The SPEAKER pro tempore (Mr. Roe). The Chair lays a communication \n"
    "before the House.\n"
    "  The SPEAKER pro tempore laid before the House the following \n"
    "communication from the Speaker:\n"
    "  I hereby appoint the Honorable Jane Roe to act as Speaker pro \n"
    "tempore on this day.\n"
    "  The SPEAKER pro tempore. Will the gentleman from Illinois (Mr. Doe) \n"
    "come forward and lead the House in the Pledge of Allegiance?\n"
    "  Mr. DOE led the Pledge of Allegiance as follows:\n"
    "  I pledge allegiance to the Flag of the United States of America, \n"
    "and to the Republic for which it stands.\n"
    "  The SPEAKER pro tempore. The Chair will entertain requests for \n"
    "1-minute speeches.\n"
)


def test_the_houses_narration_and_what_it_introduces_are_no_ones_turns() -> None:
    document = parse_bytes(HOUSE_OPENING.encode(), "crec-house.txt")
    assert [(t.label, len(t.paragraphs)) for t in document.turns] == [
        ("The SPEAKER pro tempore (Mr. Roe)", 1),
        ("", 2),  # the communication laid before the House, and its text
        ("The SPEAKER pro tempore", 1),
        ("", 2),  # the Pledge as Mr. Doe led it: told, not his turn
        ("The SPEAKER pro tempore", 1),
    ]
    assert document.warnings == []


# A House committee's hearing as its site printed it (2003): the page's tools in a row of
# links atop, the title wrapped over lines, the date, and the committee's meeting told.
COMMITTEE_HEARING_PAGE = (
    "| Printer-Friendly | Search\n\n"
    "Hearings of the\nSubcommittee on Roads & the House\nCommittee on Rules\n\n"
    "Wednesday, June 4, 2003\n\n\n\n"
    "The subcommittee met, pursuant to call, at 10:00 a.m., in Room H-313, The Capitol, "
    "Hon. Jane Roe [chairman of the subcommittee] presiding.\n\n"
    "Present: Representatives Roe, Doe, Poe, and Moe.\n\n\n"
    "Mrs. Roe. The meeting will come to order.\n\n"
    "Mr. Doe. Thank you, Madam Chairman. I yield back.\n\n"
    "The subcommittee met, pursuant to notice, at 2:00 p.m., in Room H-313, The Capitol.\n\n"
    "Mrs. Roe. We resume.\n"
)


def test_a_row_of_the_pages_tools_is_no_title_and_a_committee_meeting_told_no_turn() -> None:
    document = parse_bytes(COMMITTEE_HEARING_PAGE.encode(), "hearing.txt")
    assert document.title == "Hearings of the Subcommittee on Roads & the House Committee on Rules"
    assert document.date == "2003-06-04"
    assert [(t.label, len(t.paragraphs)) for t in document.turns] == [
        ("Mrs. Roe", 1),
        ("Mr. Doe", 1),
        ("", 1),  # the meeting after a recess, told: no one's words
        ("Mrs. Roe", 1),
    ]
    assert document.warnings == []


# The European Parliament's verbatim report of an item where only the chair speaks, in an
# edition of another language than English: the date in that language's words.
ONE_VOICE_ITEM = (
    "Donnerstag, 30. November 2017 - Brüssel\n\n"
    "Wiederaufnahme der Sitzung\n\n"
    "(The sitting was resumed at 9.48)\n\n"
    "  President. – I hereby resume the sitting.\n\n"
    "We will now proceed to the vote.\n"
)


def test_a_single_dot_dash_label_and_a_date_in_the_editions_language() -> None:
    document = parse_bytes(ONE_VOICE_ITEM.encode(), "cre.txt")
    assert document.date == "2017-11-30"
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        ("President", ["I hereby resume the sitting.", "We will now proceed to the vote."])
    ]


def test_a_cover_naming_no_inquiry_has_the_committee_for_title() -> None:
    cover = COMMITTEE_COVER.replace("ROAD SAFETY\n", "")
    assert parse_bytes(cover.encode(), "evidence.txt").title == "TRANSPORT COMMITTEE"
    # one line in capitals over the date is a heading, not a cover: the first line is the title
    text = "ORAL EVIDENCE\nTUESDAY 28 JANUARY 2014\nQ1 Chair: Good morning.\nJane Roe: Hello.\n"
    assert parse_bytes(text.encode(), "evidence.txt").title == "ORAL EVIDENCE"


# The same report in English as a copy of its page gives it: the site's tab above the date
# line, the item's numbered heading under it, and the site's legal links at the foot.
ITEM_PAGE = (
    "Full text\n"
    "Thursday, 30 November 2017 - Brussels Revised edition\n\n"
    "3. Resumption of the sitting\n"
    "Video of the speeches\n\n"
    "(The sitting was resumed at 9.48)\n\n"
    "  President. – I hereby resume the sitting.\n\n"
    "We will now proceed to the vote.\n\n"
    "Legal notice - Privacy policy\n"
)


def test_an_items_numbered_heading_under_the_date_is_the_title_and_legal_links_go() -> None:
    document = parse_bytes(ITEM_PAGE.encode(), "cre.txt")
    assert (document.title, document.date) == ("3. Resumption of the sitting", "2017-11-30")
    assert document.preamble[:2] == [
        "Full text",
        "Thursday, 30 November 2017 - Brussels Revised edition",
    ]
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        ("President", ["I hereby resume the sitting.", "We will now proceed to the vote."])
    ]


@pytest.mark.parametrize(
    "last",
    [
        "Thank you - Goodbye",  # no legal page named
        "Legal notice",  # one item: no row of links
        "The legal notice - and the privacy policy - was read.",  # a sentence
    ],
)
def test_a_last_line_that_is_no_row_of_legal_links_stays(last: str) -> None:
    document = parse_bytes(
        ITEM_PAGE.replace("Legal notice - Privacy policy", last).encode(), "c.txt"
    )
    assert document.turns[-1].paragraphs[-1] == last


EXCHANGE = "Remarks\n\nQ    Are you going?\n\nTHE PRESIDENT:  Yes.\n\nQ    When?\n\n"


@pytest.mark.parametrize(
    "mark",
    [
        "END",
        "END 2:31 P.M. EDT",
        "(END)",
        "END OF TRANSCRIPT",
        "# # #",
        "Meeting ended after 00:06:12",
    ],
)
def test_the_mark_that_ends_a_transcript_is_nobodys_last_words(mark: str) -> None:
    text = f"{EXCHANGE}THE PRESIDENT:  Soon.\n\nThank you.\n\n{mark}\n"
    assert turns(text)[-1] == ("THE PRESIDENT", "Soon.\n\nThank you.")
    # the word said, not the mark alone on its line, stays speech
    said = f"{EXCHANGE}THE PRESIDENT:  Soon.\n\nEnd.\n"
    assert turns(said)[-1] == ("THE PRESIDENT", "Soon.\n\nEnd.")


def test_a_hyphen_after_a_sentence_alone_is_no_label() -> None:
    # a hyphen in running text (`... met Jane Roe. - Then ...`) may open a wrapped line
    text = "Notes of the meeting\n\nThursday 30 November 2017\n\nJane Roe. - Then we left.\n"
    assert turns(text) == []
    assert turns(text.replace(" - ", " – ")) == [("Jane Roe", "Then we left.")]


# A UK committee's transcript as printed from 2008 to 2015: a cover of short lines in capitals
# (the date among them), then `Members present:` and one member a line.
COMMITTEE_COVER = (
    "HOUSE OF COMMONS\nORAL EVIDENCE\nTAKEN BEFORE THE\nTRANSPORT COMMITTEE\nROAD SAFETY\n"
    "TUESDAY 28 JANUARY 2014\nJANE ROE and JOHN DOE\n"
    "Members present:\nMrs Ann Able (Chair)\nMr Ben Bell\nCarl Cole\nDan Dale\n"
    "________________\nExamination of Witnesses\n"
    "Witnesses: Jane Roe, Chief Executive, Road Trust, and John Doe, Director, Safe Streets.\n"
    "Q1 Chair: Good morning, and welcome. Would you introduce yourselves for the record?\n"
    "Jane Roe: I am Jane Roe, Chief Executive of the Road Trust.\n"
)


def test_a_committee_cover_and_its_members_are_its_head_not_a_menu() -> None:
    document = parse_bytes(COMMITTEE_COVER.encode(), "evidence.txt")
    assert document.date == "2014-01-28"
    assert document.title == "ROAD SAFETY"  # the inquiry above the date, not the names
    assert document.preamble[:4] == [
        "HOUSE OF COMMONS",
        "ORAL EVIDENCE",
        "TAKEN BEFORE THE",
        "TRANSPORT COMMITTEE",
    ]
    assert {"Mrs Ann Able (Chair)", "Mr Ben Bell", "Dan Dale"} <= set(document.preamble)
    assert [t.label for t in document.turns] == ["Chair", "Jane Roe"]


# A parliament's debate as openparliament.ca prints the Canadian Hansard: over each speech the
# topics, the time, the party, and the name with the party and the riding on one line.
HEADED_SPEECHES = (
    "House of Commons Hansard #12 of the 45th Parliament, 1st Session.\n\n"
    "Topics\n\n"
    "Oral Questions\n\n"
    "2:20 p.m.\n\n"
    "Conservative\n\n"
    "Jane Roe Conservative Calgary Centre, AB\n\n"
    "Mr. Speaker, when will the minister answer?\n\n"
    "Oral Questions\n\n"
    "2:25 p.m.\n\n"
    "Liberal\n\n"
    "The Deputy Speaker Liberal John Doe\n\n"
    "Order. The hon. minister.\n\n"
    "Oral Questions\n\n"
    "2:25 p.m.\n\n"
    "Liberal\n\n"
    "Ann Poe Liberal Halifax, NS\n\n"
    "Mr. Speaker, today.\n\n"
    "She will answer now.\n"
)


def test_names_over_their_party_are_labels_and_the_page_lines_no_speech() -> None:
    assert turns(HEADED_SPEECHES, "debate.txt") == [
        ("Jane Roe", "Mr. Speaker, when will the minister answer?"),
        ("The Deputy Speaker (John Doe)", "Order. The hon. minister."),
        ("Ann Poe", "Mr. Speaker, today.\n\nShe will answer now."),
    ]


# --- parliaments that name offices with an article, Hansard's own-line labels, the UN's
# --- narration, offices in brackets (classes found on texts written in these shapes)

DAIL = (
    "Dáil Éireann debate - Tuesday, 7 Mar 2023\n\n"
    "An Ceann Comhairle: We move to Leaders' Questions.\n\n"
    "Deputy Mary Lou McDonald: The Government has decided to lift the ban.\n\n"
    "People are frightened.\n\n"
    "The Taoiseach: I thank the Deputy for raising this matter.\n\n"
    "Deputy Mary Lou McDonald: The Taoiseach is wrong.\n\n"
    "An Ceann Comhairle: The Deputy's time is up.\n"
)


def test_an_office_said_once_is_a_turn_where_the_text_is_labelled_throughout() -> None:
    # `The Taoiseach:` opens one paragraph only: before, his answer went to McDonald
    assert [label for label, _ in turns(DAIL)] == [
        "An Ceann Comhairle",
        "Deputy Mary Lou McDonald",
        "The Taoiseach",
        "Deputy Mary Lou McDonald",
        "An Ceann Comhairle",
    ]


def test_an_office_said_once_in_an_unlabelled_text_stays_text() -> None:
    text = (
        "Notes from the meeting\n\nThe minutes were read.\n\n"
        "The Answer: nobody knew what to do next, so we waited.\n"
    )
    with pytest.raises(NoStructureError):  # taken as a label, it would make a turn of it
        turns(text)


HANSARD = (
    "Prime Minister\nVolume 735: debated on Wednesday 7 June 2023\n\n"
    "Engagements\n\n"
    "Q1. [905211] Mrs Flick Drummond (Meon Valley) (Con)\nShare\n"
    "If he will list his official engagements for Wednesday 7 June.\n\n"
    "The Prime Minister (Rishi Sunak)\nShare\n"
    "This morning, I had meetings with ministerial colleagues.\n\n"
    "Mrs Drummond\nShare\nI thank my right hon. Friend for his answer.\n\n"
    "The Prime Minister\nShare\nI am happy to join my hon. Friend.\n\n"
    "Keir Starmer (Holborn and St Pancras) (Lab)\nShare\n"
    "The Prime Minister promised to cut waiting lists.\n\n"
    "Hon. Members\nShare\nHear, hear!\n"
)


def test_hansard_page_text_share_buttons_question_numbers_and_short_names() -> None:
    document = parse_bytes(HANSARD.encode(), "pmqs.txt")
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        (
            "Mrs Flick Drummond (Meon Valley) (Con)",
            ["If he will list his official engagements for Wednesday 7 June."],
        ),
        (
            "The Prime Minister (Rishi Sunak)",
            ["This morning, I had meetings with ministerial colleagues."],
        ),
        ("Mrs Drummond", ["I thank my right hon. Friend for his answer."]),
        ("The Prime Minister", ["I am happy to join my hon. Friend."]),
        (
            "Keir Starmer (Holborn and St Pancras) (Lab)",
            ["The Prime Minister promised to cut waiting lists."],
        ),
        # the button under a name vouches for it: `Hear, hear!` was Keir Starmer's
        ("Hon. Members", ["Hear, hear!"]),
    ]
    people = {s.id: (s.name, s.roles) for s in document.speakers}
    speakers = [people[t.speaker] for t in document.turns]
    assert speakers[0] == speakers[2] == ("Flick Drummond", [])  # no honorific in a full name
    # the office alone is whoever the page named in it, with the office as role
    assert speakers[1] == speakers[3] == ("Rishi Sunak", ["The Prime Minister"])


def test_a_single_share_line_is_kept() -> None:
    text = "Title\n\nJane Roe: Which button?\n\nJohn Doe: This one:\nShare\n\nJane Roe: Fine.\n"
    assert [t for _, t in turns(text)] == ["Which button?", "This one: Share", "Fine."]
    # buttons that stand under a title and under a sentence vouch for no name
    bye = "Bye now, and see you all again at the same place and time next week"
    page = (
        f"Big News Today\nShare\n\nJane Roe: Hello.\n\nJohn Doe: Bye now.\nShare\n\n{bye}\nShare\n"
    )
    document = parse_bytes(page.encode(), "news.txt")
    assert document.title == "Big News Today"
    assert [(t.label, t.text) for t in document.turns] == [
        ("Jane Roe", "Hello."),
        ("John Doe", f"Bye now.\n\n{bye}"),
    ]


UN = (
    "Security Council\n9000th meeting\nMonday, 21 March 2022, 10 a.m.\nNew York\n\n"
    "The meeting was called to order at 10.05 a.m.\n\n"
    "Adoption of the agenda\n\n"
    "The agenda was adopted.\n\n"
    "The President: I give the floor to Ms. DiCarlo.\n\n"
    "Ms. DiCarlo: I thank you, Mr. President.\n\n"
    "The humanitarian situation continues to deteriorate.\n\n"
    "The agenda was adopted.\n\n"
    "The situation in Ukraine\n\n"
    "The President: I thank Ms. DiCarlo for her briefing.\n\n"
    "Mr. Nebenzia (Russian Federation) (spoke in Russian): We requested this meeting.\n\n"
    "The meeting rose at 12.40 p.m.\n"
)


def test_un_verbatim_record_narration_is_nobodys_words() -> None:
    document = parse_bytes(UN.encode(), "spv-9000.txt")
    assert [(t.label, t.paragraphs) for t in document.turns] == [
        ("The President", ["I give the floor to Ms. DiCarlo."]),
        (
            "Ms. DiCarlo",
            ["I thank you, Mr. President.", "The humanitarian situation continues to deteriorate."],
        ),
        ("", ["The agenda was adopted."]),  # not DiCarlo's words
        ("The President", ["I thank Ms. DiCarlo for her briefing."]),
        ("Mr. Nebenzia (Russian Federation) (spoke in Russian)", ["We requested this meeting."]),
        ("", ["The meeting rose at 12.40 p.m."]),
    ]
    # above the first words spoken: the head, the record's narration and an item's title
    # an item's title below narration between turns is no one's words either
    assert document.preamble[-4:] == [
        "The meeting was called to order at 10.05 a.m.",
        "Adoption of the agenda",
        "The agenda was adopted.",
        "The situation in Ukraine",
    ]
    assert document.warnings == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The meeting rose at 12.40 p.m.", True),
        ("The meeting was suspended at 11.10 a.m. and resumed at 11.30 a.m.", True),
        ("A vote was taken by show of hands.", True),
        ("The meeting rose at the time we all wanted.", False),  # `we`: someone speaks
        ("A vote was taken and we lost it.", False),
    ],
)
def test_un_narration_shapes(text: str, expected: bool) -> None:
    assert is_narration(text) is expected


AUSTRALIA = (
    "House of Representatives\nWednesday, 8 February 2023\n\n"
    "Mr DUTTON (Dickson—Leader of the Opposition) (14:01): My question is to the Prime"
    " Minister.\n\n"
    "Mr ALBANESE (Grayndler—Prime Minister) (14:02): I thank the Leader of the Opposition.\n\n"
    "Mr DUTTON: It goes to relevance.\n\n"
    "Hon CHRIS HIPKINS (Prime Minister): Yes, in the context in which they were made.\n"
)


def test_offices_in_a_labels_brackets_are_roles_seats_and_remarks_are_not() -> None:
    document = parse_bytes(AUSTRALIA.encode(), "question-time.txt")
    people = {s.name: s.roles for s in document.speakers}
    assert people == {
        "Mr Dutton": ["Leader of the Opposition"],
        "Mr Albanese": ["Prime Minister"],
        "Chris Hipkins": ["Prime Minister"],
    }
    remark = parse_bytes(
        b"Title\n\nVladimir Putin (answering Jane Roe, Speaker of the Duma): Yes.\n\n"
        b"Jane Roe: Thank you.\n\nVladimir Putin: Good.\n",
        "remark.txt",
    )
    assert {s.name: s.roles for s in remark.speakers} == {"Vladimir Putin": [], "Jane Roe": []}


def test_a_full_name_in_capitals_with_a_title_is_the_person_its_surname_later_names() -> None:
    text = (
        "Transcript\n\nJAKE TAPPER, CNN HOST: Hello.\n\n"
        "SEN. AMY KLOBUCHAR (D-MN): Thanks, Jake.\n\n"
        "TAPPER: So, the administration moved quickly.\n\n"
        "KLOBUCHAR: They did.\n"
    )
    document = parse_bytes(text.encode(), "sotu.txt")
    names = {s.id: s.name for s in document.speakers}
    assert [names[t.speaker] for t in document.turns] == [
        "Jake Tapper",
        "Amy Klobuchar",
        "Jake Tapper",
        "Amy Klobuchar",
    ]
    assert person_name("JUSTICE ALITO") == "Justice Alito"  # two words: as printed


def test_broadcast_captions_unnamed_voice_among_named_ones() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\n>> DAVID MUIR: GOOD EVENING, EVERYONE.\n\n"
        "2\n00:00:04,500 --> 00:00:07,000\nWELCOME TO THE DEBATE.\n\n"
        "3\n00:00:07,500 --> 00:00:10,000\n>> SENATOR SMITH: THANK YOU, DAVID.\n\n"
        "4\n00:00:10,500 --> 00:00:13,000\n>> DAVID MUIR: LET'S BEGIN.\n\n"
        "5\n00:00:13,500 --> 00:00:15,000\n>> THE ECONOMY IS STRONG.\n"
    )
    [document] = read_bytes(srt.encode(), "debate.srt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("DAVID MUIR", "GOOD EVENING, EVERYONE. WELCOME TO THE DEBATE."),
        ("SENATOR SMITH", "THANK YOU, DAVID."),
        ("DAVID MUIR", "LET'S BEGIN."),
        ("Unknown speaker", "THE ECONOMY IS STRONG."),  # was the moderator's, `>>` and all
    ]


def test_a_time_in_brackets_after_the_labels_colon_is_no_speech() -> None:
    text = (
        "Jane Doe: [00:00:00] Hi, welcome to the podcast.\n\n"
        "John Roe: [00:00:05] Thanks for having me.\n\n"
        "Jane Doe: [00:00:09] Let's talk about housing.\n"
    )
    assert turns(text) == [
        ("Jane Doe", "Hi, welcome to the podcast."),
        ("John Roe", "Thanks for having me."),
        ("Jane Doe", "Let's talk about housing."),
    ]


def test_affiliation_in_square_brackets_after_a_name() -> None:
    text = (
        "Press conference\n\n"
        "Oana Lungescu [NATO Spokesperson]: Good afternoon.\n\n"
        "NATO Secretary General Jens Stoltenberg: Tomorrow, Defence Ministers will meet.\n\n"
        "Oana Lungescu [NATO Spokesperson]: We'll go to Reuters.\n\n"
        "Sabine Siebold [Reuters]: A question on ammunition.\n\n"
        "NATO Secretary General Jens Stoltenberg: Production must go up.\n"
    )
    document = parse_bytes(text.encode(), "nato.txt")
    names = {s.id: (s.name, s.roles) for s in document.speakers}
    # the reporter's question was the spokesperson's before
    assert [names[t.speaker][0] for t in document.turns] == [
        "Oana Lungescu",
        "Jens Stoltenberg",
        "Oana Lungescu",
        "Sabine Siebold",
        "Jens Stoltenberg",
    ]
    assert names[document.turns[0].speaker] == ("Oana Lungescu", ["NATO Spokesperson"])
    assert names[document.turns[3].speaker] == ("Sabine Siebold", [])  # an outlet, no office


MFA = (
    "Foreign Ministry Spokesperson's Regular Press Conference on March 8, 2023\n\n"
    "CCTV: The two sessions are under way. Could you share more?\n\n"
    "Mao Ning: This year's two sessions are of great importance.\n\n"
    "AFP: What is China's response to the sanctions?\n\n"
    "Mao Ning: We firmly oppose illegal unilateral sanctions.\n\n"
    "Bloomberg: A follow-up question. Will China retaliate?\n\n"
    "Mao Ning: I'd refer you to the competent authorities.\n"
)


def test_one_word_voices_where_outlets_ask() -> None:
    assert [label for label, _ in turns(MFA)] == [
        "CCTV",
        "Mao Ning",
        "AFP",
        "Mao Ning",
        "Bloomberg",  # was merged into the spokesperson's answer before
        "Mao Ning",
    ]


def test_one_word_above_the_first_turn_is_a_field_of_the_head() -> None:
    text = MFA.replace(
        "\n\nCCTV:", "\n\nPresenter: Mao Ning, Foreign Ministry Spokesperson\n\nCCTV:"
    )
    assert turns(text)[0][0] == "CCTV"


def test_one_word_is_no_voice_where_only_generic_voices_have_one() -> None:
    text = (
        "Briefing\n\nJOHN DOE: Hi everyone.\n\nQ: A question.\n\n"
        "MR. DOE: An answer.\n\nMoscow: The talks will go on, we are told.\n"
    )
    assert turns(text)[-1] == (
        "MR. DOE",
        "An answer.\n\nMoscow: The talks will go on, we are told.",
    )


def test_one_capitalised_word_heading_a_list_is_no_voice() -> None:
    text = MFA + "\nNote: The transcript is unofficial.\n\nDeadline: Friday.\n"
    assert turns(text)[-1] == (
        "Mao Ning",
        "I'd refer you to the competent authorities.\n\n"
        "Note: The transcript is unofficial.\n\nDeadline: Friday.",
    )


def test_office_then_comma_then_holder_and_offices_with_a_comma_inside() -> None:
    text = (
        "Weekly Media Briefing\n\n"
        "Official Spokesperson, Shri Arindam Bagchi: Good afternoon.\n\n"
        "Question: Sir, what are the outcomes?\n\n"
        "Minister for Civil Defence, Emergencies and Disaster Relief Vladimir Puchkov: We are"
        " ready.\n\n"
        "Emir of Qatar Tamim bin Hamad Al Thani: Thank you.\n\n"
        "CEO of Royal Dutch Shell Ben van Beurden: Thank you too.\n"
    )
    document = parse_bytes(text.encode(), "briefing.txt")
    assert [(s.name, s.roles) for s in document.speakers] == [
        ("Arindam Bagchi", ["Official Spokesperson"]),
        ("Question", []),
        ("Vladimir Puchkov", ["Minister for Civil Defence, Emergencies and Disaster Relief"]),
        ("Tamim bin Hamad Al Thani", ["Emir of Qatar"]),  # `bin`: the given name goes with it
        ("Ben van Beurden", ["CEO of Royal Dutch Shell"]),  # `Ben`: a given name
    ]


def test_a_sentence_opener_with_a_comma_opens_no_label() -> None:
    text = (
        "Talks\n\nJane Roe: Welcome.\n\nJohn Doe: Thank you.\n\n"
        "Naturally, we will discuss the situation in the Middle East: the latest news.\n"
    )
    assert turns(text)[-1] == (
        "John Doe",
        "Thank you.\n\nNaturally, we will discuss the situation in the Middle East: the latest"
        " news.",
    )


BOLD_NAMES = (
    "<html><head><title>Interview with the Minister</title></head><body>"
    "<h1>Interview with the Minister</h1><p>Published 3 May 2023</p>"
    "<p><strong>Jane Doe</strong></p><p>Minister, thank you for joining us.</p>"
    "<p><strong>The Minister</strong></p><p>My pleasure.</p><p>It is good to be here.</p>"
    "<p><strong>Jane Doe</strong></p><p>Let us begin with the budget.</p>"
    "</body></html>"
)


def test_names_in_bold_on_their_own_line_over_the_speech() -> None:
    # before: no turns at all (a dated page), everything in the preamble, no warning
    assert turns(BOLD_NAMES, "interview.html") == [
        ("Jane Doe", "Minister, thank you for joining us."),
        ("The Minister", "My pleasure.\n\nIt is good to be here."),
        ("Jane Doe", "Let us begin with the budget."),
    ]


def test_names_as_markdown_headings_over_the_speech() -> None:
    text = (
        "# Episode 42: Housing\n\n## Jane Doe\n\nWelcome to the show.\n\n"
        "## John Roe\n\nThanks for having me.\n\nIt is a big topic.\n\n"
        "## Jane Doe\n\nLet's start with prices.\n"
    )
    assert turns(text, "episode-42.md") == [
        ("Jane Doe", "Welcome to the show."),
        ("John Roe", "Thanks for having me.\n\nIt is a big topic."),
        ("Jane Doe", "Let's start with prices."),
    ]


def test_bold_lines_that_never_come_back_are_no_names() -> None:
    page = (
        "<html><body><h1>Report</h1><p>Published 3 May 2023</p>"
        "<p><b>Price Trends</b></p><p>Prices rose.</p><p><b>Market Outlook</b></p>"
        "<p>They may fall.</p><p><b>Research Methods</b></p><p>We asked people.</p></body></html>"
    )
    document = parse_bytes(page.encode(), "report.html")
    assert document.turns == []
    assert document.preamble[-2:] == ["Research Methods", "We asked people."]


def test_bold_headings_of_a_page_labelled_otherwise_are_headings() -> None:
    page = (
        "<html><body><h1>Interview</h1><p>Published 3 May 2023</p>"
        "<p><b>Foreign Policy</b></p><p><b>Jane Doe:</b> What about Europe?</p>"
        "<p><b>John Roe:</b> We talk every week.</p><p><b>Foreign Policy</b></p>"
        "<p><b>Jane Doe:</b> And Asia?</p><p><b>Domestic Affairs</b></p>"
        "<p><b>John Roe:</b> Also every week.</p></body></html>"
    )
    assert [label for label, _ in turns(page, "interview.html")] == [
        "Jane Doe",
        "John Roe",
        "Jane Doe",
        "John Roe",
    ]


BUNDESREGIERUNG = (
    "Regierungspressekonferenz vom 6. März 2023\n\n"
    "StS Hebestreit: Guten Tag. Der Bundeskanzler reist morgen nach Indien.\n\n"
    "Frage: Herr Hebestreit, wann genau fliegt der Kanzler?\n\n"
    "StS Hebestreit: Am Vormittag.\n\n"
    "Frage: Und wer begleitet ihn?\n\n"
    "Wagner: Das Auswärtige Amt ist vertreten.\n"
)


def test_a_governments_press_conference_in_its_own_language() -> None:
    text = BUNDESREGIERUNG + "\nFrage: Wer genau?\n\nWagner: Die Staatsministerin.\n"
    assert [label for label, _ in turns(text)] == [
        "StS Hebestreit",
        "Frage",  # a question, as `Question:` is
        "StS Hebestreit",
        "Frage",
        "Wagner",  # a surname that comes back
        "Frage",
        "Wagner",
    ]


def test_a_surname_said_once_as_a_voice_in_a_labelled_text_is_reported() -> None:
    head = "Sprecher: StS Hebestreit, Wagner (AA)\n\n"  # a field of the head: no voice
    document = parse_bytes(BUNDESREGIERUNG.replace("\n\n", "\n\n" + head, 1).encode(), "regpk.txt")
    assert document.preamble == ["Sprecher: StS Hebestreit, Wagner (AA)"]
    assert document.warnings[0].startswith("attribution: 1 paragraphs look like speaker labels")
    assert document.turns[-1].paragraphs == [
        "Und wer begleitet ihn?",
        "Wagner: Das Auswärtige Amt ist vertreten.",
    ]
    assert document.confidence < 0.8  # merged into the question above: never silently
    assert "'Wagner: Das Auswärtige Amt ist vertreten.'" in document.warnings[0]


def test_a_courts_heading_wrapped_over_lines_is_no_ones_turn() -> None:
    text = (
        "SUPREME COURT OF THE UNITED STATES\n\nDate: October 1, 2019\n\n"
        "CHIEF JUSTICE ROBERTS: We'll hear argument first this morning.\n\n"
        "MR. DOE: Mr. Chief Justice, and may it please the Court.\n\n"
        "CHIEF JUSTICE ROBERTS: Thank you, counsel. Mr. Roe.\n\n"
        "ORAL ARGUMENT OF RICHARD ROE\n\nFOR THE UNITED STATES, AS AMICUS CURIAE,\n\n"
        "SUPPORTING THE PETITIONERS\n\nMR. ROE: Mr. Chief Justice, the Convention applies.\n"
    )
    document = parse_bytes(text.encode(), "argument.txt")
    assert [t.label for t in document.turns] == [
        "CHIEF JUSTICE ROBERTS",
        "MR. DOE",
        "CHIEF JUSTICE ROBERTS",
        "MR. ROE",
    ]
    assert document.turns[2].paragraphs == ["Thank you, counsel. Mr. Roe."]
    assert document.warnings == []  # was `1 turns have no speaker` on 9 of 16 DEV arguments


def test_canadian_hansard_names_over_the_speech_and_a_form_of_address_is_no_role() -> None:
    text = (
        "House of Commons Debates\nMonday, February 13, 2023\n\nOral Questions\n\n"
        "Hon. Pierre Poilievre (Carleton, CPC)\nMr. Speaker, everything is broken.\n\n"
        "Right Hon. Justin Trudeau (Prime Minister, Lib.)\nMr. Speaker, we are there.\n\n"
        "We will continue to be there.\n\n"
        "Hon. Pierre Poilievre (Carleton, CPC)\nMr. Speaker, he says he is there.\n\n"
        "Right Hon. Justin Trudeau\nMr. Speaker, we will always stand up for Canadians.\n"
    )
    document = parse_bytes(text.encode(), "hansard-ca.txt")
    people = {s.id: (s.name, s.roles) for s in document.speakers}
    assert [(people[t.speaker][0], len(t.paragraphs)) for t in document.turns] == [
        ("Pierre Poilievre", 1),
        ("Justin Trudeau", 2),
        ("Pierre Poilievre", 1),
        ("Justin Trudeau", 1),
    ]
    assert people[document.turns[1].speaker] == ("Justin Trudeau", ["Prime Minister"])


def test_a_verbatim_records_front_page_list_with_dot_leaders_is_no_turn() -> None:
    leaders = " . " * 12
    text = (
        "Security Council\n9000th meeting\nMonday, 21 March 2022, 10 a.m.\nNew York\n\n"
        f"President:    Mr. Costa Filho{leaders}(Brazil)\n\n"
        f"Members:      Albania{leaders}Mr. Hoxha\n\n"
        "The meeting was called to order at 10.05 a.m.\n\n"
        "The President: I give the floor to Ms. DiCarlo.\n\n"
        "Ms. DiCarlo: I thank you, Mr. President.\n\n"
        "The President: I thank Ms. DiCarlo for her briefing.\n"
    )
    document = parse_bytes(text.encode(), "spv-9000.txt")
    # before: a turn of `President` saying the list of members
    assert [t.label for t in document.turns] == ["The President", "Ms. DiCarlo", "The President"]
    assert document.preamble[-3].startswith("President: Mr. Costa Filho . .")
    assert document.warnings == []


def test_a_front_page_row_on_one_line_is_no_turn() -> None:
    text = (
        "Security Council\n9000th meeting\nMonday, 21 March 2022, 10 a.m.\nNew York\n\n"
        "President: Mr. Nunes (Brazil)\n\n"
        "The meeting was called to order at 10.05 a.m.\n\n"
        "The President: I give the floor to Ms. DiCarlo.\n\n"
        "Ms. DiCarlo: I thank you, Mr. President.\n\n"
        "The President: I thank Ms. DiCarlo for her briefing.\n"
    )
    document = parse_bytes(text.encode(), "spv-9000.txt")
    # before: a turn of the President saying `Mr. Nunes (Brazil)`
    assert [t.label for t in document.turns] == ["The President", "Ms. DiCarlo", "The President"]
    assert document.preamble[-2:] == [
        "President: Mr. Nunes (Brazil)",
        "The meeting was called to order at 10.05 a.m.",
    ]


@pytest.mark.parametrize(
    ("first", "labels"),
    [
        # a value (a few capitalised words, no stop), its label said once: a row of the head
        ("Interviewer: Jane Doe", ["Jane Doe", "Sam Roe", "Jane Doe"]),
        # a greeting, an address, a label that comes back: the first turn
        ("Host: Good afternoon", ["Host", "Jane Doe", "Sam Roe", "Jane Doe"]),
        ("Host: Colleagues,", ["Host", "Jane Doe", "Sam Roe", "Jane Doe"]),
        ("Jane Doe: Sam Roe", ["Jane Doe", "Jane Doe", "Sam Roe", "Jane Doe"]),
    ],
)
def test_a_head_row_is_told_from_a_first_turn(first: str, labels: list[str]) -> None:
    text = f"Interview\n\n{first}\n\nJane Doe: Why?\n\nSam Roe: Because.\n\nJane Doe: Oh.\n"
    document = parse_bytes(text.encode(), "interview.txt")
    assert [t.label for t in document.turns] == labels


@pytest.mark.parametrize(
    "line",
    [
        "Audience Member: Four More Years",  # a value said once: a row only above the speech
        "Jane Doe: The first item . . . . . . . . read it, please.",  # dot leaders: the same
    ],
)
def test_head_rows_shapes_below_the_first_words_spoken_are_turns(line: str) -> None:
    text = f"Debate\n\nJane Doe: Welcome.\n\nSam Roe: Thank you.\n\n{line}\n\nSam Roe: Yes.\n"
    document = parse_bytes(text.encode(), "debate.txt")
    assert [t.label for t in document.turns] == [
        "Jane Doe",
        "Sam Roe",
        line.split(":")[0],
        "Sam Roe",
    ]


def test_an_outlet_in_capitals_keeps_its_capitals_where_names_are_in_mixed_case() -> None:
    document = parse_bytes(MFA.encode(), "mfa.txt")
    assert [s.name for s in document.speakers] == ["CCTV", "Mao Ning", "AFP", "Bloomberg"]
    caps = parse_bytes(
        b"Debate\n\nLEHRER: Good evening.\n\nBUSH: Thank you.\n\nLEHRER: Go.\n", "d.txt"
    )
    assert [s.name for s in caps.speakers] == ["Lehrer", "Bush"]  # a text in capitals


def test_a_role_in_capitals_keeps_its_acronyms() -> None:
    text = (
        "Debate\n\nTAPPER (CNN HOST): Good evening.\n\nBIDEN: Thanks, Jake.\n\n"
        "TAPPER: Next question.\n\nBASH (MSNBC ANCHOR): And you?\n\nTRUMP: Yes.\n"
    )
    document = parse_bytes(text.encode(), "debate.txt")
    roles = {s.name: s.roles for s in document.speakers}
    # before: `Cnn Host`, and `anchor` was no office (Bash had no role)
    assert roles == {
        "Tapper": ["CNN Host"],
        "Biden": [],
        "Bash": ["MSNBC Anchor"],
        "Trump": [],
    }


# A central bank's printed transcript (the Federal Reserve's, as pdftotext gives it): the
# page's head and foot on every page, names in capitals before a stop.
FED = (
    "March 21, 2018\n\nChairman Powell’s Press Conference\n\nPRELIMINARY\n\n"
    "Transcript of Chairman Powell’s Press Conference\nMarch 21, 2018\n\n"
    "CHAIRMAN POWELL. Good afternoon. I have a brief statement.\n\n"
    "Inflation remains below our objective.\n\nPage 1 of 3\n\f"
    "March 21, 2018\n\nChairman Powell’s Press Conference\n\nPRELIMINARY\n\n"
    "MICHELLE SMITH. Thank you. Let’s start with Jeanna.\n\n"
    "JEANNA SMIALEK. Jeanna Smialek, Bloomberg. Four hikes this year?\n\n"
    "CHAIRMAN POWELL. So, we did mark up our forecast.\n\nPage 2 of 3\n\f"
    "March 21, 2018\n\nChairman Powell’s Press Conference\n\nPRELIMINARY\n\n"
    "MICHELLE SMITH. Steve.\n\nSTEVE LIESMAN. Steve Liesman, CNBC. Wages?\n\n"
    "CHAIRMAN POWELL. We watch wages very carefully.\n\nPage 3 of 3\n\f"
)


def test_names_in_capitals_before_a_stop_are_labels_where_they_come_back() -> None:
    document = parse_bytes(FED.encode(), "fomc-presconf-20180321.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        (
            "CHAIRMAN POWELL",
            "Good afternoon. I have a brief statement.\n\nInflation remains below our objective.",
        ),
        ("MICHELLE SMITH", "Thank you. Let’s start with Jeanna."),
        ("JEANNA SMIALEK", "Jeanna Smialek, Bloomberg. Four hikes this year?"),
        ("CHAIRMAN POWELL", "So, we did mark up our forecast."),
        ("MICHELLE SMITH", "Steve."),
        ("STEVE LIESMAN", "Steve Liesman, CNBC. Wages?"),
        ("CHAIRMAN POWELL", "We watch wages very carefully."),
    ]
    assert (document.title, document.date) == (
        "Transcript of Chairman Powell’s Press Conference",
        "2018-03-21",
    )
    # lines of that shape whose names never come back are sentences
    text = "Notes\n\nJane Doe: Hello.\n\nNATO SUMMIT. The leaders met.\n\nEU COUNCIL. It met.\n"
    assert turns(text) == [
        ("Jane Doe", "Hello.\n\nNATO SUMMIT. The leaders met.\n\nEU COUNCIL. It met.")
    ]


def test_capitals_labels_kept_as_text_are_reported() -> None:
    # the shape is a label only where two names come back: here one does, so it is text,
    # and the check says so instead of crediting Jane Doe with both lines
    statement = "Good afternoon. I have a brief statement, and then I will take your questions."
    text = f"Notes\n\nJane Doe: Hello.\n\nCHAIRMAN POWELL. {statement}\n\nCHAIRMAN POWELL. Yes.\n"
    document = parse_bytes(text.encode(), "t.txt")
    assert [t.label for t in document.turns] == ["Jane Doe"]
    assert document.warnings == [
        "attribution: 2 paragraphs look like speaker labels but were kept as text, "
        "e.g. turn 0, paragraph 1 'CHAIRMAN POWELL. Good afternoon. I have a brief statement, …'"
    ]


MFA_Q_A = (
    "Foreign Ministry Spokesperson's Regular Press Conference on January 13, 2020\n\n"
    "Q Iranian military admitted that they shot down the jetliner. Your comment?\n\n"
    "A We are deeply saddened by this tragic crash.\n\n"
    "Q The Ministry started using Twitter. Can you tell us its purpose?\n\n"
    "A First I would like to thank you for your interest.\n\n"
    "A Chinese embassy's account is one of them.\n\n"
    "Q Will China buy more?\n\n"
    "A I would refer you to the competent authorities.\n"
)


def test_a_bare_answer_after_a_bare_question_is_the_answerer() -> None:
    assert turns(MFA_Q_A) == [
        ("Q", "Iranian military admitted that they shot down the jetliner. Your comment?"),
        ("A", "We are deeply saddened by this tragic crash."),
        ("Q", "The Ministry started using Twitter. Can you tell us its purpose?"),
        # the article opening the answer's second paragraph is no second answer
        (
            "A",
            "First I would like to thank you for your interest.\n\n"
            "A Chinese embassy's account is one of them.",
        ),
        ("Q", "Will China buy more?"),
        ("A", "I would refer you to the competent authorities."),
    ]
    # where a named voice answers, `A ...` after a question is the question's own text
    asked = ["A Reuters story asks it.\n\n", "", "A Times story too.\n\n", "", ""]
    after = ["", "\n\nA Fox reporter asked me.", "", "\n\nA Fox reporter too.", ""]
    named = "Briefing\n\n" + "".join(
        f"Q  Question {n}.\n\n{asked[n]}MS. PSAKI: Answer {n}.{after[n]}\n\n" for n in range(5)
    )
    assert turns(named)[:4] == [
        ("Q", "Question 0.\n\nA Reuters story asks it."),
        ("MS. PSAKI", "Answer 0."),
        ("Q", "Question 1."),
        ("MS. PSAKI", "Answer 1.\n\nA Fox reporter asked me."),
    ]
    assert len(turns(named)) == 10


def test_an_interjection_the_record_notes_is_a_stage_note_not_speech() -> None:
    text = (
        "House of Representatives\n\n"
        "Mr ALBANESE (Grayndler—Prime Minister) (14:01): We deliver a tax cut.\n\n"
        "Honourable members interjecting—\n\n"
        "The SPEAKER: Order!\n\n"
        "Dr CHALMERS (Rankin—Treasurer) (14:03): Inflation has moderated.\n\n"
        "Mr Taylor interjecting—\n\nIt has.\n\n(1420)\n\nIt has (2300 jobs).\n"
    )
    document = parse_bytes(text.encode(), "hansard.txt")
    stage = [(n.turn, n.paragraph, n.text) for n in document.notes if n.kind == "stage"]
    assert stage == [
        (0, 1, "Honourable members interjecting—"),
        (2, 1, "Mr Taylor interjecting—"),
        (2, 3, "(1420)"),  # the Canadian Hansard's clock; a figure in brackets is speech
    ]
    # a sentence that says so is speech
    said = parse_bytes(
        b"Debate\n\nJane Doe: Members were interjecting. Stop.\n\nSam: No.\n", "d.txt"
    )
    assert [n.kind for n in said.notes] == []


def test_a_chair_named_once_is_its_holder_until_another_is_named() -> None:
    text = (
        "Senate\n\nThe PRESIDING OFFICER (Mr. Cornyn). The Senator from New York.\n\n"
        "Mr. SCHUMER. Thank you.\n\nThe PRESIDING OFFICER. Without objection.\n\n"
        "The PRESIDING OFFICER (Mr. Isakson). The Senator from New York.\n\n"
        "Mr. SCHUMER. Thank you again.\n\nThe PRESIDING OFFICER. Without objection.\n"
    )
    document = parse_bytes(text.encode(), "record.txt")
    # before: both bare labels were Mr. Cornyn's, the first holder named on the page
    assert [t.speaker for t in document.turns] == [
        "mr-cornyn",
        "mr-schumer",
        "mr-cornyn",
        "mr-isakson",
        "mr-schumer",
        "mr-isakson",
    ]
    chair = "THE MINISTER OF HOME AFFAIRS (SHRI AMIT SHAH)"
    debate = f"Lok Sabha\n\n{chair}: Sir, a point.\n\nSHRI RAHUL GANDHI: No.\n\n{chair}: Yes.\n"
    shah = parse_bytes(debate.encode(), "lok-sabha.txt").speakers[0]
    assert (shah.name, shah.roles) == ("Amit Shah", ["The Minister of Home Affairs"])


def test_a_hearing_printed_by_the_gpo_is_titled_below_its_bracketed_head() -> None:
    text = (
        "[Senate Hearing 115-561]\n[From the U.S. Government Publishing Office]\n\n\n\n"
        "                                                        S. Hrg. 115-561\n\n"
        "              CONFIRMATION HEARING ON THE NOMINATION OF HON.\n"
        "                BRETT M. KAVANAUGH TO BE AN ASSOCIATE JUSTICE\n\n"
        "                          SEPTEMBER 27, 2018\n\n"
        "    Chairman Grassley. Good morning. Today we are holding a\nhearing.\n"
        "    Senator Feinstein. Thank you very much, Mr. Chairman.\n"
        "    [The prepared statement of Senator Feinstein appears as a\nsubmission.]\n"
        "    Dr. Ford. I do.\n"
    )
    document = parse_bytes(text.encode(), "CHRG-115shrg32765.txt")
    # before: the title was `[Senate Hearing 115-561] [From the U.S. Government ...]`
    assert (document.title, document.date) == (
        "CONFIRMATION HEARING ON THE NOMINATION OF HON. BRETT M. KAVANAUGH TO BE AN "
        "ASSOCIATE JUSTICE",
        "2018-09-27",
    )
    assert document.preamble == [
        "[Senate Hearing 115-561] [From the U.S. Government Publishing Office]",
        "S. Hrg. 115-561",
    ]
    assert [t.label for t in document.turns] == [
        "Chairman Grassley",
        "Senator Feinstein",
        "Dr. Ford",
    ]


EXAMINED = (
    "DEPOSITION OF JOHN DOE\nTuesday, March 3, 2020\n\n"
    "THE VIDEOGRAPHER: We are on the record.\n\n"
    "JOHN DOE,\nhaving been first duly sworn, was examined and testified as follows:\n\n"
    "EXAMINATION\nBY MR. SMITH:\n\n"
    "Q. Please state your name.\n\nA. John Doe.\n\n"
    "MS. JONES: Objection. Form.\n\nBY MR. SMITH:\n\n"
    "Q. You may answer.\n\nA. Ten years.\n\n"
    "CROSS-EXAMINATION\nBY MS. JONES:\n\nQ. One question.\n\nA. Yes.\n"
)


def test_a_depositions_questions_are_its_examiners() -> None:
    document = parse_bytes(EXAMINED.encode(), "deposition.txt")
    names = {s.id: s.name for s in document.speakers}
    assert [(t.label, names.get(t.speaker, "")) for t in document.turns] == [
        ("THE VIDEOGRAPHER", "The Videographer"),
        ("", ""),  # JOHN DOE, having been first duly sworn, ...: the record's narration
        ("", ""),  # EXAMINATION BY MR. SMITH:
        ("Q", "Mr. Smith"),
        ("A", "John Doe"),  # the witness sworn in above
        ("MS. JONES", "Ms. Jones"),
        ("", ""),  # BY MR. SMITH:
        ("Q", "Mr. Smith"),
        ("A", "John Doe"),
        ("", ""),  # CROSS-EXAMINATION BY MS. JONES:
        ("Q", "Ms. Jones"),
        ("A", "John Doe"),
    ]
    assert document.turns[2].text == "EXAMINATION BY MR. SMITH:"
    # no `Question` or `Answer` left over, and no warning: the headings are nobody's words
    assert sorted(names.values()) == ["John Doe", "Mr. Smith", "Ms. Jones", "The Videographer"]
    assert document.warnings == []
    # with no examiner named, a question is asked by `Question`
    plain = parse_bytes(b"Interview\n\nQ. Where?\n\nA. Here.\n\nQ. When?\n\nA. Now.\n", "i.txt")
    assert [s.name for s in plain.speakers] == ["Question", "Answer"]


@pytest.mark.parametrize(
    "sworn",
    [
        # the name centred on a line of its own, a blank line above the oath
        "JOHN DOE,\n\nhaving been first duly sworn, was examined and testified as follows:",
        "JOHN DOE, called as a witness by the Plaintiff, being duly sworn, testified as follows:",
    ],
)
def test_a_depositions_answers_are_the_witness_sworn_in_above(sworn: str) -> None:
    second = "MARY ROE, having been duly sworn, testified as follows:"
    text = (
        EXAMINED.replace(EXAMINED[EXAMINED.index("JOHN DOE,") : EXAMINED.index("\n\nEXAM")], sworn)
        + f"\n{second}\n\nEXAMINATION\nBY MR. SMITH:\n\nQ. Your name?\n\nA. Mary Roe.\n"
    )
    document = parse_bytes(text.encode(), "deposition.txt")
    names = {s.id: s.name for s in document.speakers}
    answers = [names[t.speaker] for t in document.turns if t.label == "A"]
    assert answers == ["John Doe", "John Doe", "John Doe", "Mary Roe"]


def test_voices_told_apart_by_a_number_and_the_copyright_notice_below() -> None:
    text = (
        "Biden Says Inflation Is Easing\n\nMarch 14, 2023 5:00 AM ET\n\n"
        "STEVE INSKEEP, HOST:\n\nGood morning.\n\n"
        "SCOTT HORSLEY, BYLINE: Good morning, Steve.\n\n"
        "UNIDENTIFIED PERSON #1: I can't afford eggs.\n\n"
        "HORSLEY: That's one shopper.\n\n"
        "UNIDENTIFIED PERSON #2: Me neither.\n\n"
        "Copyright © 2023 NPR. All rights reserved. Visit our website terms of use.\n"
    )
    document = parse_bytes(text.encode(), "npr.txt")
    # before: the shoppers' words were Scott Horsley's, and the notice a turn of no one
    assert [(t.label, t.text) for t in document.turns] == [
        ("STEVE INSKEEP, HOST", "Good morning."),
        ("SCOTT HORSLEY, BYLINE", "Good morning, Steve."),
        ("UNIDENTIFIED PERSON #1", "I can't afford eggs."),
        ("HORSLEY", "That's one shopper."),
        ("UNIDENTIFIED PERSON #2", "Me neither."),
    ]
    assert len(document.speakers) == 4
    # a number after other words is no voice's: `Resolution #2: adopted` stays text
    assert turns("Minutes\n\nJane Roe: Next.\n\nResolution #2: adopted by all.\n") == [
        ("Jane Roe", "Next.\n\nResolution #2: adopted by all.")
    ]


# An earnings call as Seeking Alpha prints it: a ticker's colon in the head, who takes part,
# then each name alone above the speech.
EARNINGS_CALL = (
    "Rocket Lab USA, Inc. (RKLB) Q4 2023 Earnings Call Transcript\n\n"
    "Rocket Lab USA, Inc. (NASDAQ:RKLB) Q4 2023 Earnings Conference Call February 27, 2024\n\n"
    "Company Participants\n\nPeter Beck - Founder and Chief Executive Officer\n"
    "Adam Spice - Chief Financial Officer\n\nConference Call Participants\n\n"
    "Erik Rasmussen - Stifel\n\n"
    "Operator\n\nGood day. My name is Ellie.\n\n"
    "Peter Beck\n\nYes, thanks, Colin.\n\nWe had a strong quarter.\n\n"
    "Question-and-Answer Session\n\nOperator\n\nOur first question comes from Erik.\n\n"
    "Erik Rasmussen\n\nThanks for taking the questions.\n\n"
    "Adam Spice\n\nPete, I'll let you take that.\n\n"
    "Peter Beck\n\nSure.\n\n"
    "Erik Rasmussen\n\nGreat.\n\n"
    "Kristine Liwag\n\nOne more from me.\n\n"
    "Adam Spice\n\nThank you.\n"
)


def test_names_alone_above_the_speech_are_labels_where_people_come_back() -> None:
    document = parse_bytes(EARNINGS_CALL.encode(), "rklb-q4-2023.txt")
    # before: one turn labelled `Rocket Lab USA, Inc. (NASDAQ` held the whole call
    assert [(t.label, t.text) for t in document.turns] == [
        ("Operator", "Good day. My name is Ellie."),
        ("Peter Beck", "Yes, thanks, Colin.\n\nWe had a strong quarter."),
        ("Operator", "Our first question comes from Erik."),
        ("Erik Rasmussen", "Thanks for taking the questions."),
        ("Adam Spice", "Pete, I'll let you take that."),
        ("Peter Beck", "Sure."),
        ("Erik Rasmussen", "Great."),
        ("Kristine Liwag", "One more from me."),  # said once: a name all the same
        ("Adam Spice", "Thank you."),
    ]
    assert document.preamble == [
        "Rocket Lab USA, Inc. (NASDAQ:RKLB) Q4 2023 Earnings Conference Call February 27, 2024",
        "Company Participants",
        "Peter Beck - Founder and Chief Executive Officer Adam Spice - Chief Financial Officer",
        "Conference Call Participants",
        "Erik Rasmussen - Stifel",
        "Question-and-Answer Session",  # a heading right above a name: nobody's words
    ]
    assert (document.title, document.date) == (
        "Rocket Lab USA, Inc. (RKLB) Q4 2023 Earnings Call Transcript",
        "2024-02-27",
    )
    # the list of who takes part gives the jobs; an analyst's firm is none
    roles = {s.name: s.roles for s in document.speakers}
    assert roles == {
        "Operator": [],
        "Peter Beck": ["Founder and Chief Executive Officer"],
        "Erik Rasmussen": [],
        "Adam Spice": ["Chief Financial Officer"],
        "Kristine Liwag": [],
    }
    # one person coming back is not enough: the lines stay text, and the check says so
    one = "Notes\n\nJane Doe: Hello.\n\nPeter Beck\n\nYes.\n\nPeter Beck\n\nNo.\n"
    document = parse_bytes(one.encode(), "one.txt")
    assert [t.label for t in document.turns] == ["Jane Doe"]
    assert document.warnings == [
        "attribution: 2 paragraphs look like speaker labels but were kept as text, "
        "e.g. turn 0, paragraph 1 'Peter Beck'"
    ]


@pytest.mark.parametrize("voice", ["Members", "Some hon. Members", "An hon. Member", "Des voix"])
def test_a_chamber_calling_out_together_is_a_voice_of_its_own(voice: str) -> None:
    text = (
        "First Minister's Question Time\n\n"
        "Douglas Ross (Highlands and Islands) (Con): Waiting times are rising.\n\n"
        f"The First Minister (Humza Yousaf): I do not accept that.\n\n{voice}: Hear, hear.\n\n"
        "The Presiding Officer (Alison Johnstone): Order, please.\n"
    )
    document = parse_bytes(text.encode(), "fmqs.txt")
    # before: `Hear, hear.` was the First Minister's, with a warning
    assert [t.label for t in document.turns][2:] == [
        voice,
        "The Presiding Officer (Alison Johnstone)",
    ]
    assert [(s.name, s.generic) for s in document.speakers][2] == (voice, True)
    assert document.warnings == []


def test_a_bare_question_after_no_break_spaces_on_a_web_page() -> None:
    page = (
        "<html><head><title>Press Briefing | The White House</title></head><body><article>"
        "<h1>Press Briefing by Press Secretary Karine Jean-Pierre</h1>"
        "<p>MS. JEAN-PIERRE:&nbsp; Good afternoon.</p><p>I have two things.</p>"
        "<p>Q&nbsp;&nbsp;&nbsp; Thank you, Karine.</p><p>MS. JEAN-PIERRE:&nbsp; Sure.</p>"
        "<p>Q &nbsp;&nbsp;Follow-up?</p><p>MS. JEAN-PIERRE:&nbsp; Go ahead.</p>"
        "</article></body></html>"
    )
    document = parse_bytes(page.encode(), "briefing.html")
    # before: both questions were the press secretary's (with a warning)
    assert [(t.label, t.text) for t in document.turns] == [
        ("MS. JEAN-PIERRE", "Good afternoon.\n\nI have two things."),
        ("Q", "Thank you, Karine."),
        ("MS. JEAN-PIERRE", "Sure."),
        ("Q", "Follow-up?"),
        ("MS. JEAN-PIERRE", "Go ahead."),
    ]


def test_a_numbered_question_put_to_a_minister_is_the_askers() -> None:
    text = (
        "Oral Questions — Questions to Ministers\nTuesday, 13 February 2024\n\n"
        "1. CHRIS HIPKINS (Leader of the Opposition) to the Prime Minister: Does he stand by"
        " all his Government's statements?\n\n"
        "Rt Hon CHRISTOPHER LUXON (Prime Minister): Yes.\n\n"
        "CHRIS HIPKINS: Does he stand by his statement?\n\n"
        "Rt Hon CHRISTOPHER LUXON: Yes, I do.\n"
    )
    document = parse_bytes(text.encode(), "nz-oral-questions.txt")
    # before: the primary question was left above the first turn, nobody's
    assert [(t.label, t.speaker) for t in document.turns] == [
        ("CHRIS HIPKINS (Leader of the Opposition)", "chris-hipkins"),
        ("Rt Hon CHRISTOPHER LUXON (Prime Minister)", "christopher-luxon"),
        ("CHRIS HIPKINS", "chris-hipkins"),
        ("Rt Hon CHRISTOPHER LUXON", "christopher-luxon"),
    ]
    assert document.turns[0].text == "Does he stand by all his Government's statements?"
    # an office `to the ...` with no question number is the label whole
    envoy = "Briefing\n\nJane Roe, Special Envoy to the Secretary General: Hello.\n\nSam Roe: Hi.\n"
    assert turns(envoy)[0] == ("Jane Roe, Special Envoy to the Secretary General", "Hello.")


# The WHO's press conferences: each voice by its initials and a tab (or a run of spaces),
# the initials keyed to names above, the clock on lines of its own.
WHO = (
    "COVID-19 virtual press conference - 20 April, 2020\n\n"
    "Speaker key:\nTJ\tTarik Jasarevic\nTAG\tDr Tedros Adhanom Ghebreyesus\n"
    "MR\tDr Michael Ryan\nHE\tHelen\n\n00:00:55\n\n"
    "TJ\tHello, everyone, from Geneva.\n\nI give the floor to Dr Tedros.\n\n00:01:40\n\n"
    "TAG\tThank you, Tarik. Good morning.\n\n"
    "TJ\tThank you. Helen, please.\n\nHE\tMy question is for Dr Ryan.\n\n"
    "MR\tWe are seeing a decline.\n"
)


@pytest.mark.parametrize("gap", ["\t", "          ", "\u00a0\u00a0\u00a0 "])
def test_initials_keyed_to_names_are_labels(gap: str) -> None:
    document = parse_bytes(WHO.replace("\t", gap).encode(), "who-20200420.txt")
    names = {s.id: s.name for s in document.speakers}
    # before: one turn `Speaker key` held the whole conference, with confidence 1.0
    assert [(t.label, names[t.speaker], t.text) for t in document.turns] == [
        (
            "TJ",
            "Tarik Jasarevic",
            "Hello, everyone, from Geneva.\n\nI give the floor to Dr Tedros.",
        ),
        ("TAG", "Tedros Adhanom Ghebreyesus", "Thank you, Tarik. Good morning."),
        ("TJ", "Tarik Jasarevic", "Thank you. Helen, please."),
        ("HE", "Helen", "My question is for Dr Ryan."),  # once, but the key vouches
        ("MR", "Michael Ryan", "We are seeing a decline."),
    ]
    key = " ".join(document.preamble[0].split())  # the gaps kept as printed
    assert key.startswith("Speaker key: TJ Tarik Jasarevic TAG")
    # without a key, initials are labels where two of them come back
    unkeyed = "Briefing\n\nTJ\tHello.\n\nTAG\tThanks.\n\nTJ\tNext.\n\nTAG\tYes.\n"
    assert [t.label for t in parse_bytes(unkeyed.encode(), "b.txt").turns] == [
        "TJ",
        "TAG",
        "TJ",
        "TAG",
    ]
    # an acronym before a tab once is text: `NATO\tsummit` in a table of a speech
    once = "Notes\n\nJane Doe: The list.\n\nNATO\tsummit in July.\n\nEU\tcouncil in May.\n"
    assert turns(once) == [("Jane Doe", "The list.\n\nNATO summit in July.\n\nEU council in May.")]


def test_a_paragraph_wholly_in_brackets_is_what_the_record_tells() -> None:
    text = (
        "Stenografischer Bericht\n\n"
        "Olaf Scholz, Bundeskanzler: Frau Präsidentin! Wir stehen vor großen Aufgaben.\n\n"
        "(Beifall bei der SPD, dem BÜNDNIS 90/DIE GRÜNEN und der FDP)\n\n"
        "Deshalb handeln wir jetzt.\n\n(McDonald’s)\n\n"
        "Friedrich Merz (CDU/CSU): Frau Präsidentin!\n"
    )
    document = parse_bytes(text.encode(), "bundestag.txt")
    stage = [(n.turn, n.paragraph, n.text) for n in document.notes if n.kind == "stage"]
    # before: the applause was no note (capitals in it), the Chancellor's words in the search
    assert stage == [(0, 1, "(Beifall bei der SPD, dem BÜNDNIS 90/DIE GRÜNEN und der FDP)")]
    assert document.turns[0].paragraphs[1:] == [
        "(Beifall bei der SPD, dem BÜNDNIS 90/DIE GRÜNEN und der FDP)",  # the text stays
        "Deshalb handeln wir jetzt.",
        "(McDonald’s)",  # one word in brackets is no stage direction
    ]


def test_the_bundestags_chair_is_the_person_named_after_the_office() -> None:
    text = (
        "Stenografischer Bericht\n\nBerlin, Mittwoch, den 28. September 2022\n\n"
        "Präsidentin Bärbel Bas: Die Sitzung ist eröffnet.\n\n"
        "Friedrich Merz (CDU/CSU): Frau Präsidentin!\n\n"
        "Vizepräsident Wolfgang Kubicki: Das Wort hat der Kollege Dürr.\n"
    )
    document = parse_bytes(text.encode(), "bundestag.txt")
    # before: people named `Präsidentin Bärbel Bas` and `Vizepräsident Wolfgang Kubicki`
    assert [(s.name, s.roles) for s in document.speakers] == [
        ("Bärbel Bas", ["Präsidentin"]),
        ("Friedrich Merz", []),
        ("Wolfgang Kubicki", ["Vizepräsident"]),
    ]


def test_names_in_square_brackets_before_the_words_are_labels_where_they_come_back() -> None:
    text = (
        "Press Conference by Prime Minister Kishida\n\nWednesday, May 3, 2023\n\n"
        "[Prime Minister Kishida] Today, I would like to speak about the Summit.\n\n"
        "We will show our resolve.\n\n"
        "[Moderator] We will now take questions.\n\n[Reporter] I am Sato from NHK.\n\n"
        "[Prime Minister Kishida] My aim is unity.\n\n[Laughter] That is all.\n\n"
        "[Moderator] Next question.\n"
    )
    document = parse_bytes(text.encode(), "kantei.txt")
    # before: no turn at all, every line above a first turn that never came, confidence 1.0
    assert [(t.label, t.text) for t in document.turns] == [
        (
            "Prime Minister Kishida",
            "Today, I would like to speak about the Summit.\n\nWe will show our resolve.",
        ),
        ("Moderator", "We will now take questions."),
        ("Reporter", "I am Sato from NHK."),
        ("Prime Minister Kishida", "My aim is unity.\n\n[Laughter] That is all."),
        ("Moderator", "Next question."),
    ]
    # names in brackets that do not come back open no turn either
    once = (
        "Speech\n\nMay 3, 2023\n\n[John Smith] asked me to speak.\n\n[Mary Jones] sends regards.\n"
    )
    assert turns(once) == []
    # an editor's insertions that come back open no turn
    notes = "Remarks\n\nJane Doe: Hello.\n\n" + "[Applause] Thanks.\n\n[Laughter] Yes.\n\n" * 2
    assert turns(notes) == [
        (
            "Jane Doe",
            "Hello.\n\n"
            + "[Applause] Thanks.\n\n[Laughter] Yes.\n\n" * 1
            + "[Applause] Thanks.\n\n[Laughter] Yes.",
        )
    ]


@pytest.mark.parametrize(
    "head",
    [
        "{name} ({time})",  # Descript: the time in brackets, no colon
        "{time} - {name}",
        "{name} - {time}",
        "[{time}] {name}",
    ],
)
def test_a_name_and_its_time_on_a_line_above_the_speech(head: str) -> None:
    lines = [("Jane Smith", "00:00:03", "Welcome."), ("Tom Lee", "00:00:09", "Thanks.")] * 2
    text = "Episode 12: Budgets\n\n" + "".join(
        head.format(name=name, time=time) + f"\n{said}\n\n" for name, time, said in lines
    )
    # before: `Jane Smith (00:00:03)`, `- Jane Smith` and `Jane Smith -` were the labels
    assert turns(text) == [(name, said) for name, _time, said in lines]


@pytest.mark.parametrize("rule", ["* * *", "***", "* * * * *"])
def test_a_row_of_asterisks_between_paragraphs_is_a_section_break(rule: str) -> None:
    # the IMF's briefings end with `* * * * *`; before, only three asterisks were a break
    spoken = "MS. KOZACK: Good morning.\n\nQUESTIONER: On Egypt?\n\nMS. KOZACK: Ongoing."
    text = f"Briefing\n\n{spoken}\n\n{rule}\n"
    document = parse_bytes(text.encode(), "imf.txt")
    assert [(n.kind, n.turn, n.paragraph) for n in document.notes] == [("separator", 2, 1)]
    # asterisks inside a sentence are none
    said = text.replace(rule, "We rated it * * * out of five.")
    assert parse_bytes(said.encode(), "imf.txt").notes == []


def test_two_people_whose_names_make_one_id_get_two_ids() -> None:
    text = "Debate\n\nJosé Pérez: Hola.\n\nJose Perez: Hello.\n\nJosé Pérez: Adiós.\n"
    document = parse_bytes(text.encode(), "d.txt")
    # before: both were `jose-perez`, and a turn's speaker named either of them
    assert [(s.id, s.name) for s in document.speakers] == [
        ("jose-perez", "José Pérez"),
        ("jose-perez-2", "Jose Perez"),
    ]
    assert [t.speaker for t in document.turns] == ["jose-perez", "jose-perez-2", "jose-perez"]


@pytest.mark.parametrize(
    "job", ["Director, Communications Department, IMF", "Director of Communications, IMF"]
)
def test_a_briefings_head_field_naming_the_speaker_is_no_turn(job: str) -> None:
    text = (
        "Transcript of IMF Press Briefing\n\nApril 6, 2023\n\n"
        f"SPEAKER: Julie Kozack, {job}\n\n"
        "MS. KOZACK: Good morning, everyone.\n\nQUESTIONER: On Egypt?\n\n"
        "MS. KOZACK: The review is ongoing.\n"
    )
    document = parse_bytes(text.encode(), "imf.txt")
    # before: a first turn `SPEAKER` whose words were the name and jobs
    assert [t.label for t in document.turns] == ["MS. KOZACK", "QUESTIONER", "MS. KOZACK"]
    assert document.preamble[-1] == f"SPEAKER: Julie Kozack, {job}"
    # a first turn said once that is a sentence stays a turn
    spoken = text.replace(job, "and I welcome you.")
    assert parse_bytes(spoken.encode(), "imf.txt").turns[0].label == "SPEAKER"


_INTERVIEW = [
    "Thank you for agreeing to take part. Could you tell me about your role?",
    "I have been a community health worker for six years.",
    "What are the main challenges?",
    "Transport is the biggest one.",
    "And how do you manage that?",
    "We share motorbikes with the nurses.",
]


@pytest.mark.parametrize(
    ("asks", "answers", "names"),
    [
        ("I", "R", ["I", "R"]),
        ("Interviewer", "Respondent", ["Interviewer", "Respondent"]),
        ("INT", "RESP", ["Int", "Resp"]),
        ("IV", "IE", ["IV", "IE"]),  # `IV` is no Roman numeral here
        ("P1", "P2", ["P1", "P2"]),
        ("Facilitator", "Participant 3", ["Facilitator", "Participant 3"]),
    ],
)
def test_an_interview_coded_by_a_research_team(asks: str, answers: str, names: list[str]) -> None:
    said = [f"{asks if at % 2 == 0 else answers}: {s}" for at, s in enumerate(_INTERVIEW)]
    document = parse_bytes(("Interview 7\n\n" + "\n\n".join(said)).encode(), "i7.txt")
    # before: refused (no structure), or the first question above the first turn
    assert [(t.label, t.text) for t in document.turns] == [
        (asks if at % 2 == 0 else answers, s) for at, s in enumerate(_INTERVIEW)
    ]
    assert [s.name for s in document.speakers] == names


def test_codes_that_do_not_take_turns_are_no_voices() -> None:
    plain = "Revenue grew.\n\nCosts fell.\n\nStaff grew.\n\nExports rose.\n\n"
    # two headings that come back, but open few of the report's paragraphs
    few = "Budget: up.\n\nTax: down.\n\nBudget: flat.\n\nTax: up.\n\n"
    report = f"Annual report\n\nMarch 3, 2021\n\n{plain}{few}{plain}{plain}"
    assert parse_bytes(report.encode(), "r.txt").turns == []
    # or open most of them without taking turns: one list, then the other
    lists = "Budget: a.\n\nBudget: b.\n\nBudget: c.\n\nTax: d.\n\nTax: e.\n\nTax: f.\n"
    assert parse_bytes(f"Annual report\n\nMarch 3, 2021\n\n{lists}".encode(), "r.txt").turns == []
    # words that head a note are no voices, even where they take turns
    notes = "Note: provisional.\n\nSource: the ministry.\n\n" * 3
    dated = f"Annual report\n\nMarch 3, 2021\n\nRevenue grew.\n\n{notes}"
    assert parse_bytes(dated.encode(), "r.txt").turns == []
    # a list of answers, each said once, is no interview
    options = "Poll\n\nMay 2, 2022\n\nA: Yes.\n\nB: No.\n\nC: Not sure.\n\nD: Refused.\n"
    labels = [t.label for t in parse_bytes(options.encode(), "p.txt").turns]
    assert not {"B", "C", "D"} & set(labels)


@pytest.mark.parametrize(
    ("chair", "holder", "office"),
    [
        ("CHAIR (Senator Walsh)", "Walsh", "Chair"),
        ("The CHAIR (Senator Walsh)", "Walsh", "The CHAIR"),
        ("ACTING CHAIR (Senator Smith)", "Smith", "Acting Chair"),
        ("Chair (Ms Payne)", "Ms Payne", "Chair"),
    ],
)
def test_a_hearings_chair_is_the_holder_named_in_brackets(
    chair: str, holder: str, office: str
) -> None:
    # Australia's Senate estimates: before, a person `CHAIR` with the role `Senator Walsh`
    bare = chair.split(" (")[0]
    text = (
        "Estimates\n\nMonday, 24 October 2022\n\n"
        f"{chair}: I declare open this hearing.\n\n"
        "Senator BIRMINGHAM: Minister, can you confirm the figure?\n\n"
        "Senator Gallagher: I can confirm that figure.\n\n"
        f"{bare}: Thank you.\n"
    )
    document = parse_bytes(text.encode(), "estimates.txt")
    people = {s.id: s for s in document.speakers}
    chaired = [people[t.speaker] for t in document.turns if t.label.startswith(bare)]
    assert [(s.name, s.roles) for s in chaired] == [(holder, [office])] * 2
    # a senator's surname in capitals is the surname, as in mixed case
    assert [s.name for s in document.speakers if "Senator" in s.roles] == [
        "Birmingham",
        "Gallagher",
    ]


def test_a_committee_chair_with_the_seat_in_brackets_and_names_after_an_honorific() -> None:
    text = (
        "Standing Committee on Finance\n\nTuesday, October 4, 2022\n\n"
        "The Chair (Mr. Peter Fonseca (Mississauga East—Cooksville, Lib.)): I call this"
        " meeting to order.\n\n"
        "Mr. Jasraj Singh Hallan (Calgary Forest Lawn, CPC): Thank you, Mr. Chair.\n\n"
        "The Chair: Thank you.\n\nMr. Jasraj Singh Hallan: That was not an answer.\n"
    )
    document = parse_bytes(text.encode(), "fina.txt")
    names = {s.id: s.name for s in document.speakers}
    # before: the chair's first words above the first turn, nobody's; and a person
    # `Singh Hallan` whose role was `Mr. Jasraj`
    assert [names[t.speaker] for t in document.turns] == [
        "Peter Fonseca",
        "Jasraj Singh Hallan",
        "Peter Fonseca",
        "Jasraj Singh Hallan",
    ]
    assert document.turns[0].text == "I call this meeting to order."


@pytest.mark.parametrize(
    "chat",
    [
        # Zoom's saved chat, the message under the sender
        "10:02:33 From Jane Doe to Everyone:\n\tHello everyone!\n"
        "10:02:41 From jdoe to Everyone:\n\tHi Jane, can you share the slides?\n"
        "10:03:05 From Jane Doe to jdoe (Direct Message):\n\tSharing now.\n",
        # its older files, the message on the same line
        "10:02:33\t From  Jane Doe : Hello everyone!\n"
        "10:02:41\t From  jdoe : Hi Jane, can you share the slides?\n"
        "10:03:05\t From  Jane Doe : Sharing now.\n",
    ],
)
def test_a_meetings_saved_chat(chat: str) -> None:
    # before: refused, no structure
    assert turns(chat, "meeting_saved_chat.txt") == [
        ("Jane Doe", "Hello everyone!"),
        ("jdoe", "Hi Jane, can you share the slides?"),
        ("Jane Doe", "Sharing now."),
    ]


def test_chambers_that_print_the_speaker_before_a_stop() -> None:
    # France's Assemblée nationale: before, 0 turns with confidence 1.0 and no warning
    french = (
        "Assemblée nationale\n\nSéance du mardi 4 octobre 2022\n\n"
        "M. le président. La séance est ouverte.\n\n"
        "M. Olivier Marleix. Madame la Première ministre, votre réforme est injuste.\n\n"
        "Mme Élisabeth Borne, Première ministre. Monsieur le président Marleix, merci.\n\n"
        "M. Olivier Marleix. Ce n'est pas une réponse.\n\n"
        "M. le président. La parole est à Mme Mathilde Panot.\n"
    )
    document = parse_bytes(french.encode(), "cri.txt")
    names = {s.id: s.name for s in document.speakers}
    assert [(t.label, names[t.speaker]) for t in document.turns] == [
        ("M. le président", "M. le président"),
        ("M. Olivier Marleix", "Olivier Marleix"),
        ("Mme Élisabeth Borne, Première ministre", "Élisabeth Borne"),
        ("M. Olivier Marleix", "Olivier Marleix"),
        ("M. le président", "M. le président"),
    ]
    # Italy's Camera: the chair in one word, names with accents; before, 0 turns
    italian = (
        "Camera dei deputati\n\nSeduta di martedì 4 ottobre 2022\n\n"
        "PRESIDENTE. La seduta è aperta.\n\nMARIO ROSSI. Grazie, Presidente.\n\n"
        "PRESIDENTE. Ha facoltà di parlare l'onorevole Formica.\n\n"
        "NICOLÒ FORMICA. Grazie.\n\nMARIO ROSSI. Chiedo di parlare.\n"
    )
    labels = [t.label for t in parse_bytes(italian.encode(), "seduta.txt").turns]
    assert labels == ["PRESIDENTE", "MARIO ROSSI", "PRESIDENTE", "NICOLÒ FORMICA", "MARIO ROSSI"]
    # a story that names people once each, before a stop, has no voices
    story = (
        "Chronique\n\n4 octobre 2022\n\nIl a parlé avec M. Dupont.\n\n"
        "M. Martin. Puis il est parti.\n\nMme Durand. Elle est restée.\n"
    )
    assert parse_bytes(story.encode(), "chronique.txt").turns == []


def test_chambers_whose_labels_open_with_an_honorific_of_their_language() -> None:
    # Spain's Cortes: before, the chair's lines were text (warned) and the minister a person
    # `FUNCIÓN PÚBLICA` whose role was `La señora MINISTRA DE HACIENDA Y`
    spanish = (
        "Diario de Sesiones del Congreso de los Diputados\n\n"
        "Sesión plenaria, celebrada el miércoles 5 de octubre de 2022\n\n"
        "El señor PRESIDENTE: Se abre la sesión.\n\n"
        "La señora MINISTRA DE HACIENDA Y FUNCIÓN PÚBLICA (Montero Cuadrado): Gracias.\n\n"
        "El señor BAL FRANCÉS: Señora ministra, los presupuestos no son creíbles.\n\n"
        "El señor PRESIDENTE: Muchas gracias.\n"
    )
    document = parse_bytes(spanish.encode(), "dss.txt")
    people = {s.id: (s.name, s.roles) for s in document.speakers}
    assert [people[t.speaker] for t in document.turns] == [
        ("Presidente", []),
        ("Montero Cuadrado", ["Ministra de Hacienda y Función Pública"]),
        ("Bal Francés", []),
        ("Presidente", []),
    ]
    # the Netherlands' Tweede Kamer: before, `De heer Wilders (PVV):` and `De voorzitter:`
    # were text, and Wilders's words the chair's
    dutch = (
        "Tweede Kamer\n\nVergadering 5, woensdag 28 september 2022\n\n"
        "De voorzitter:\nIk open de vergadering.\n\n"
        "De heer Wilders (PVV):\nVoorzitter, dit kabinet faalt.\n\n"
        "Mevrouw Kaag:\nDat ben ik niet met de heer Wilders eens.\n\n"
        "De voorzitter:\nDank u wel.\n"
    )
    document = parse_bytes(dutch.encode(), "handelingen.txt")
    names = {s.id: (s.name, s.roles) for s in document.speakers}
    assert [(t.label, names[t.speaker]) for t in document.turns] == [
        ("De voorzitter", ("De voorzitter", [])),
        ("De heer Wilders (PVV)", ("Wilders", [])),
        ("Mevrouw Kaag", ("Kaag", [])),
        ("De voorzitter", ("De voorzitter", [])),
    ]


def test_letters_after_a_name_are_no_part_of_it() -> None:
    text = (
        "UK Supreme Court hearing\n\nTuesday, 18 October 2022\n\n"
        "LORD REED: Yes, Mr Smith.\n\nMR SMITH KC: My Lord, two questions.\n\n"
        "LORD REED: Thank you. Ms Jones?\n\nMS JONES KC: My Lord, briefly.\n\n"
        "Keir Starmer MP: And a third.\n"
    )
    document = parse_bytes(text.encode(), "uksc.txt")
    # before: `Mr Smith Kc` and `Ms Jones Kc`
    assert [s.name for s in document.speakers] == [
        "Lord Reed",
        "Mr Smith",
        "Ms Jones",
        "Keir Starmer",
    ]


def test_a_label_in_two_languages_and_initials_before_a_surname_in_capitals() -> None:
    senedd = (
        "Plenary\n\nWednesday, 5 October 2022\n\n"
        "Y Llywydd / The Presiding Officer: Good afternoon.\n\n"
        "Andrew RT Davies: Thank you, Presiding Officer.\n\n"
        "Y Prif Weinidog / The First Minister: I don't agree.\n"
    )
    # before: a person `Presiding Officer` whose role was `Y Llywydd / The`
    names = [s.name for s in parse_bytes(senedd.encode(), "senedd.txt").speakers]
    assert names == ["The Presiding Officer", "Andrew RT Davies", "The First Minister"]
    za = (
        "Hansard\n\nTuesday, 4 October 2022\n\nThe SPEAKER: Order!\n\n"
        "Mr J S MALEMA: Madam Speaker.\n\nThe SPEAKER: Yes?\n"
    )
    # South Africa's Hansard: the surname in capitals after initials
    names = [s.name for s in parse_bytes(za.encode(), "za.txt").speakers]
    assert names == ["The Speaker", "J S Malema"]


@pytest.mark.parametrize("gap", [" ", "\n"])
def test_a_meetings_saved_transcript_with_names_in_brackets_and_times(gap: str) -> None:
    text = "".join(
        f"[{name}] {time}{gap}{said}\n"
        for name, time, said in [
            ("Jane Doe", "10:02:33", "Hello everyone, welcome."),
            ("John Smith", "10:02:41", "Thanks Jane."),
            ("Jane Doe", "10:02:50", "Let's begin."),
        ]
    )
    # before, with the words on the name's line: refused (no structure)
    assert turns(text, "meeting_saved_transcript.txt") == [
        ("Jane Doe", "Hello everyone, welcome."),
        ("John Smith", "Thanks Jane."),
        ("Jane Doe", "Let's begin."),
    ]


def test_a_long_office_with_its_holder_under_a_portrait_is_the_label() -> None:
    # Pages quoting Hansard write the member's picture before the label; an office with its
    # holder runs past 80 characters, and its words were merged into the member above, at
    # full confidence.
    text = (
        "Procedure of the House\n\nThursday 26th March 2015\n\n"
        "Jane Roe Portrait Jane Roe (Newport West) (Lab)\n- Hansard - -\n\n"
        "The Leader of the House has a choice in front of him.\n\n"
        "John Doe Portrait The First Secretary of State and Leader of the House of Commons"
        " (Mr John Doe)\n- Hansard - -\n\n"
        "I will listen, but the motion stands.\n\n"
        "Jane Roe Portrait Jane Roe\n- Hansard - -\n\n"
        "Then the House will decide.\n"
    )
    document = parse_bytes(text.encode(), "procedure.txt")
    assert [(t.speaker, t.text) for t in document.turns] == [
        ("jane-roe", "The Leader of the House has a choice in front of him."),
        ("john-doe", "I will listen, but the motion stands."),
        ("jane-roe", "Then the House will decide."),
    ]
    hague = document.speaker("john-doe")
    assert hague is not None
    assert hague.roles == ["The First Secretary of State and Leader of the House of Commons"]


def test_theyworkforyou_photo_headings_are_the_labels() -> None:
    # TheyWorkForYou: the photo's alt text, the name again, the office or the party and seat,
    # the time; KildareStreet: the alt text run into the name, a row of links below.
    twfy = (
        "Public Services\n\nPart of Debate on the Address at 2:40 pm on 16th October 2019.\n\n"
        "Photo of Jane Roe Jane Roe Shadow Economic Secretary (Treasury)"
        " 2:40 pm, 16th October 2019\n\n"
        "That is unacceptable.\n\n"
        "Photo of John Doe John Doe Conservative, Gainsborough 2:48 pm, 16th October 2019\n\n"
        "It is a pleasure to follow the hon. Lady.\n\n"
        "Photo of Jane Roe Jane Roe Shadow Economic Secretary (Treasury)\n\n"
        "Will he give way?\n"
    )
    document = parse_bytes(twfy.encode(), "twfy.txt")
    assert [(t.speaker, t.text) for t in document.turns] == [
        ("jane-roe", "That is unacceptable."),
        ("john-doe", "It is a pleasure to follow the hon. Lady."),
        ("jane-roe", "Will he give way?"),
    ]
    assert [(s.name, s.roles) for s in document.speakers] == [
        ("Jane Roe", ["Shadow Economic Secretary"]),
        ("John Doe", []),  # a party and a seat are no office
    ]
    kildare = (
        "Dáil debates\n\nWednesday, 9 December 2015\n\n"
        "Photo of Seán RoeSeán Roe (Mayo, Fine Gael)\n"
        "Link to this: Individually | In context | Oireachtas source\n\n"
        "It is proposed to take No. 14.\n\n"
        "Photo of Micheál DoeMicheál Doe (Cork South Central, Fianna Fail)\n"
        "Link to this: Individually | In context | Oireachtas source\n\n"
        "It is not agreed.\n"
    )
    document = parse_bytes(kildare.encode(), "dail.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("Seán Roe (Mayo, Fine Gael)", "It is proposed to take No. 14."),
        ("Micheál Doe (Cork South Central, Fianna Fail)", "It is not agreed."),
    ]
    assert document.warnings == []


DASHED_EARNINGS_CALL = (
    "Acme Widgets Inc (NYSE: ACME)\nQ2 2020 Earnings Call\nMay 5, 2020, 8:00 a.m. ET\n\n"
    "Prepared Remarks:\n\nOperator\n\nGood day, and welcome to the call.\n\n"
    "Jane Roe -- Director of Investor Relations\n\nThank you, operator.\n\n"
    "John Smith -- Chief Executive Officer\n\nRevenue grew 12% to $45 million.\n\n"
    "Questions and Answers:\n\nOperator\n\nOur first question comes from Tom Lee.\n\n"
    "Tom Lee -- Big Bank -- Analyst\n\nHow should we think about margins?\n\n"
    "John Smith -- Chief Executive Officer\n\nWe expect them to hold near 38%.\n\n"
    "Tom Lee -- Big Bank asked the same last year.\n\nSo we are consistent.\n\n"
    "Call participants:\n\n"
    "Jane Roe -- Director of Investor Relations\n\n"
    "John Smith -- Chief Executive Officer\n\n"
    "Tom Lee -- Big Bank -- Analyst\n"
)


def test_an_earnings_call_names_its_speakers_with_their_jobs_after_dashes(
    tmp_path: Path,
) -> None:
    # The Motley Fool's shape: every turn was kept as the preamble, at full confidence. The
    # sections' names are headings, and the list of participants at the end is nobody's words.
    path = tmp_path / "acme-q2-2020.txt"
    path.write_text(DASHED_EARNINGS_CALL)
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [(t["speaker"], t["text"]) for t in document["turns"]] == [
        ("operator", "Good day, and welcome to the call."),
        ("jane-roe", "Thank you, operator."),
        ("john-smith", "Revenue grew 12% to $45 million."),
        ("operator", "Our first question comes from Tom Lee."),
        ("tom-lee", "How should we think about margins?"),
        (
            "john-smith",
            # a name, a dash and a sentence: his words, not a label
            "We expect them to hold near 38%.\n\n"
            "Tom Lee -- Big Bank asked the same last year.\n\n"
            "So we are consistent.",
        ),
    ]
    assert [(s["name"], s["roles"]) for s in document["speakers"]] == [
        ("Operator", []),
        ("Jane Roe", ["Director of Investor Relations"]),
        ("John Smith", ["Chief Executive Officer"]),
        ("Tom Lee", ["Big Bank, Analyst"]),
    ]
    assert document["preamble"][-5:] == [
        "Questions and Answers:",
        "Call participants:",
        "Jane Roe -- Director of Investor Relations",
        "John Smith -- Chief Executive Officer",
        "Tom Lee -- Big Bank -- Analyst",
    ]


def test_shortened_titles_are_roles_written_out() -> None:
    # News transcripts and briefings shorten titles: before, `Gen. Jane Roe` was a person of
    # that name, `SEN. JOHN DOE` had the role `Sen`, and `LT. GEN. TOM LEE:` was no label:
    # his words went to the general above.
    text = (
        "Press briefing, March 3, 2024\n\n"
        "SEN. JOHN DOE (R-TX): Thanks for having me.\n\n"
        "Gen. Jane Roe: The exercise ends on Friday.\n\n"
        "LT. GEN. TOM LEE: We will brief again next week.\n\n"
        "Adm. Kirby: Next question.\n\n"
        "Press Sec. Jane Smith: That is all for today.\n\n"
        "DOE: Thank you, General.\n"
    )
    document = parse_bytes(text.encode(), "briefing.txt")
    assert [(s.name, s.roles) for s in document.speakers] == [
        ("John Doe", ["Senator"]),
        ("Jane Roe", ["General"]),
        ("Tom Lee", ["Lieutenant General"]),
        ("Kirby", ["Admiral"]),  # a title and a surname, as `Senator Feinstein` is read
        ("Jane Smith", ["Press Sec"]),  # written out only where every word is a short title
    ]
    assert [t.speaker for t in document.turns] == [
        "john-doe",
        "jane-roe",
        "tom-lee",
        "kirby",
        "jane-smith",
        "john-doe",
    ]


def test_broadcast_captions_saved_as_text_mark_each_voice() -> None:
    # `>>` opens each voice; some are named. Before, a text with no names was refused
    # (exit 7), and a named one gave people called `>> Senator Smith`.
    named = (
        "Committee hearing\n\n"
        ">> SENATOR SMITH: THANK YOU, MR. CHAIRMAN.\n"
        ">> CHAIRMAN JONES: GO AHEAD.\n"
        ">> SENATOR SMITH: WHY WAS IT CUT?\n"
    )
    assert turns(named) == [
        ("SENATOR SMITH", "THANK YOU, MR. CHAIRMAN."),
        ("CHAIRMAN JONES", "GO AHEAD."),
        ("SENATOR SMITH", "WHY WAS IT CUT?"),
    ]
    unnamed = (
        "Senate session\n\n"
        ">> THE SENATE WILL COME TO ORDER.\n"
        ">> LET US PRAY.\n"
        "AMEN.\n"
        ">> SENATOR SMITH: MR. PRESIDENT, I RISE TODAY.\n"
    )
    document = parse_bytes(unnamed.encode(), "session.txt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("Unknown speaker", "THE SENATE WILL COME TO ORDER."),
        ("Unknown speaker", "LET US PRAY. AMEN."),
        ("SENATOR SMITH", "MR. PRESIDENT, I RISE TODAY."),
    ]


def test_meeting_tools_time_spans_and_columns_are_labels(tmp_path: Path) -> None:
    # Before, each of these was refused (exit 7): the time in columns with the name and the
    # words, as meeting tools save their text; the span of a segment before the name.
    columns = (
        "Weekly sync\n\n"
        "00:00:02\tJane Doe\tHello everyone.\n"
        "00:00:07\tTom Brown\tHappy to be here.\n"
        "00:00:11\tJane Doe\tLet us start.\n"
    )
    spans = (
        "Weekly sync\n\n"
        "[00:00:15 - 00:01:02] Jane Doe: Hello everyone.\n\n"
        "[00:01:05 - 00:01:45] Tom Brown: Happy to be here.\n\n"
        "[00:01:48 - 00:02:30] Jane Doe: Let us start.\n"
    )
    bold_spans = (
        "# Weekly sync\n\n"
        "[00:00:15 → 00:01:02] **Jane Doe:** Hello everyone.\n\n"
        "[00:01:05 → 00:01:45] **Tom Brown:** Happy to be here.\n\n"
        "[00:01:48 → 00:02:30] **Jane Doe:** Let us start.\n"
    )
    expected = [
        ("Jane Doe", "Hello everyone."),
        ("Tom Brown", "Happy to be here."),
        ("Jane Doe", "Let us start."),
    ]
    for name, text in (("sync.txt", columns), ("spans.txt", spans), ("sync.md", bold_spans)):
        path = tmp_path / name
        path.write_text(text)
        result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
        assert result.exit_code == 0, (name, result.output)
        found = json.loads(result.stdout)["turns"]
        assert [(t["label"], t["text"]) for t in found] == expected, name


def test_generic_voices_in_capitals_are_cased_as_named_voices_are() -> None:
    # `QUESTION` stayed in capitals beside `Spokesperson` (a UN noon briefing's labels).
    text = (
        "Daily Press Briefing\n\n12 March 2024\n\n"
        "SPOKESPERSON: Good afternoon.\n\nQUESTION: On Gaza, can you say more?\n\n"
        "SPOKESPERSON: I have nothing further.\n\nQUESTION: Thank you.\n"
    )
    document = parse_bytes(text.encode(), "noon-briefing.txt")
    assert [(s.name, s.generic) for s in document.speakers] == [
        ("Spokesperson", False),
        ("Question", True),
    ]


def test_names_set_off_with_a_dash_are_labels_where_they_come_back() -> None:
    # A radio interview's shape. Its lines were once read as names with jobs after a dash
    # (`[JANE DOE, Good morning, ...]`), then as the page's head: all at full confidence.
    for dash in ("—", "-"):  # with a hyphen, before: no turns at full confidence
        text = (
            "Radio interview, 3 March 2024\n\n"
            f"JANE DOE {dash} Good morning, and welcome to the programme.\n\n"
            f"TOM BROWN {dash} Thank you for having me.\n\n"
            f"JANE DOE {dash} Let us start with the budget.\n\n"
            f"TOM BROWN {dash} It is a good budget.\n"
        )
        assert turns(text) == [
            ("JANE DOE", "Good morning, and welcome to the programme."),
            ("TOM BROWN", "Thank you for having me."),
            ("JANE DOE", "Let us start with the budget."),
            ("TOM BROWN", "It is a good budget."),
        ], dash
    # one voice alone so: no labels, and said so
    one_voice = (
        "Radio interview, 3 March 2024\n\n"
        "HOST — Good morning.\n\n"
        "The host introduced the programme and its guest at some length.\n\n"
        "HOST - Let us start with the budget, which the minister presented this week.\n"
    )
    document = parse_bytes(one_voice.encode(), "radio.txt")
    assert document.turns == []
    assert document.confidence == 0.0
    assert document.warnings == [
        "attribution: 2 paragraphs look like speaker labels but no turns were found, "
        "e.g. preamble, paragraph 0 'HOST — Good morning.'"
    ]


def test_forms_of_address_are_neither_names_nor_roles() -> None:
    # A UN or embassy transcript: before, `H.E. Mr.` was a role, `Secretary-General Ban` a
    # name, `Dame Diana Roe` kept her title in the name, `MR. JOHN DOE` his.
    text = (
        "Press encounter, 3 March 2024\n\n"
        "H.E. Mr. António Roe: Good afternoon.\n\n"
        "His Excellency President Li Doe: Thank you.\n\n"
        "Secretary-General Ban: Welcome to both.\n\n"
        "Dame Diana Roe: A question on the budget.\n\n"
        "MR. JOHN DOE: And one on trade.\n\n"
        "SHEA MALONE: And mine.\n\n"  # `S.E.` is a form of address, `SHEA` a name
        "H.E. Mr. António Roe: Both later.\n"
    )
    document = parse_bytes(text.encode(), "encounter.txt")
    assert [(s.name, s.roles) for s in document.speakers] == [
        ("António Roe", []),
        ("Li Doe", ["President"]),
        ("Ban", ["Secretary-General"]),
        ("Diana Roe", []),
        ("John Doe", []),
        ("Shea Malone", []),
    ]
    assert document.turns[-1].speaker == document.turns[0].speaker
    # the forms of address of other languages, in capitals as their records print them
    cortes = (
        "Sesión plenaria\n\nEL SEÑOR PRESIDENTE: Se abre la sesión.\n\nLA SEÑORA ROE: Gracias.\n"
    )
    assert [s.name for s in parse_bytes(cortes.encode(), "cortes.txt").speakers] == [
        "Presidente",
        "Roe",
    ]


def test_ranks_of_the_police_and_the_bench_are_roles() -> None:
    # A record of interview and a British court's transcript: before, `DC SMITH` was a
    # person `Dc Smith`, `DCI Jane Roe` kept her rank in her name.
    text = (
        "Record of interview, 3 March 2024\n\n"
        "DCI JANE ROE: This interview is being recorded.\n\n"
        "DC SMITH: Present is Detective Constable Smith.\n\n"
        "SUSPECT: No comment.\n\n"
        "DC SMITH: The interview is ended.\n"
    )
    document = parse_bytes(text.encode(), "interview.txt")
    assert [(s.name, s.roles) for s in document.speakers] == [
        ("Jane Roe", ["Detective Chief Inspector"]),
        ("Smith", ["Detective Constable"]),
        ("Suspect", []),
    ]
    court = "Hearing, 3 March 2024\n\nHHJ Doe: Sit down.\n\nMR ROE: My Lord.\n\nHHJ Doe: Go on.\n"
    judge = parse_bytes(court.encode(), "hearing.txt").speakers[0]
    assert (judge.name, judge.roles) == ("Doe", ["His Honour Judge"])
