"""Pages saved by other tools than a browser parse to the structure of the site's own text.

The fixtures in `fixtures/saved` are the original HTML of three fixture pages turned into
Markdown by html2text and into text by `lynx -dump`, inscriptis and a select-all copy from
Chromium (see its ATTRIBUTION.md):
menus, pop-up cards of people, 'See also' boxes and image captions all stay in them.
"""

from __future__ import annotations

import difflib

import pytest

from onrecord.parse import markdown, parse_file, parse_text
from onrecord.parse.labels import split_label, without_tooltip

SAVED = sorted(
    ("17723", "52920", "55980"),
)
TOOLS = ("html2text.md", "lynx.txt", "inscriptis.txt", "chromium-copy.txt")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _structure(document):
    return (
        document.id,
        _flat(document.title),
        document.date,
        _flat(document.place),
        _flat(document.lead),
        [(t.speaker, _flat(t.label)) for t in document.turns],
    )


def _words(document) -> list[str]:
    return " ".join(t.text for t in document.turns).split()


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("page", SAVED)
def test_dump_gives_the_structure_of_the_site_text(fixtures, page, tool):
    site = parse_file(fixtures / "kremlin" / f"{page}.txt")
    dump = parse_file(fixtures / "saved" / f"{page}.{tool}")
    assert _structure(dump) == _structure(site)
    # Glossary pop-ups stay inline in a dump ('BRICS Background information BRICS'): a few
    # words more, none of the transcript's lost.
    similarity = difflib.SequenceMatcher(None, _words(site), _words(dump), autojunk=False)
    assert similarity.ratio() > 0.96


def test_markdown_file_is_read_as_markdown(fixtures):
    document = parse_file(fixtures / "saved" / "17723.html2text.md")
    assert document.parser["name"] == "markdown"
    assert not any("**" in t.text or "](" in t.text for t in document.turns)


def test_bold_label_with_the_colon_outside_the_bold():
    text = (
        "# Interview\n\nMarch 22, 2013\n\n**Question:** How are you?\n\n"
        "**Vladimir Putin** : Fine, thank you.\n\n**Question:** And the economy?\n\n"
        "**Vladimir Putin** : Growing.\n"
    )
    document = parse_text(text, "interview.md")
    assert [t.label for t in document.turns] == ["Question", "Vladimir Putin"] * 2
    assert document.turns[1].text == "Fine, thank you."


def test_plain_text_with_a_bracket_is_not_taken_for_markdown(seed_path):
    assert not markdown.looks_like_markdown(seed_path.read_text("utf-8"), str(seed_path))
    assert not markdown.looks_like_markdown("See [1] and [2](ibid).\n\nVladimir Putin: Yes.")


def test_person_card_is_cut_from_a_label():
    label = (
        "Governor of the Central Bank Elvira Nabiullina Nabiullina Elvira Nabiullina "
        "ElviraGovernor of the Central Bank of the Russian Federation (Bank of Russia)"
    )
    assert without_tooltip(label) == "Governor of the Central Bank Elvira Nabiullina"
    card = "President of Iran Hassan Rouhani Rouhani Hassan Rouhani HassanPresident (retranslated)"
    assert without_tooltip(card) == "President of Iran Hassan Rouhani (retranslated)"
    assert split_label(f"{label}: Overall, the situation is normalising.").label == (
        "Governor of the Central Bank Elvira Nabiullina"
    )


@pytest.mark.parametrize(
    ("label", "cut"),
    [
        # two given names: the card gives them after the surname
        (
            "President of Turkey Recep Tayyip Erdogan Erdogan Recep TayyipPresident of Turkey"
            " (retranslated)",
            "President of Turkey Recep Tayyip Erdogan (retranslated)",
        ),
        # a name that reads surname first: the card repeats it as written
        (
            "President of Korea Moon Jae-in  Moon Jae-inPresident of Korea \xa0(retranslated)",
            "President of Korea Moon Jae-in (retranslated)",
        ),
        # the note run into the card's last word; a space lost before the given name
        (
            "President of Korea Moon Jae-in Moon Jae-inPresident of Korea(retranslated)",
            "President of Korea Moon Jae-in (retranslated)",
        ),
        (
            "Culture MinisterVladimir Medinsky Medinsky VladimirCulture Minister",
            "Culture Minister Vladimir Medinsky",
        ),
        # a name in capitals, its card in the name's own case (page 9207)
        (
            "GOVERNOR OF CALIFORNIA ARNOLD SCHWARZENEGGER Schwarzenegger Arnold",
            "GOVERNOR OF CALIFORNIA ARNOLD SCHWARZENEGGER",
        ),
        # an office may hold a word or two in lower case (page 54705)
        (
            "Head of the faction Sergei Mironov Mironov Sergei A Just Russia Party Group leader",
            "Head of the faction Sergei Mironov",
        ),
    ],
)
def test_person_cards_of_every_order_are_cut(label, cut):
    assert without_tooltip(label) == cut


def test_a_card_inside_a_sentence_is_cut_and_makes_no_label():
    # Chromium's copy of page 62562: the card of a person named in the summary, and a colon
    # further on (before: a turn of `Vladimir Putin and Angela Merkel` saying the rest)
    text = (
        "Russian-German talks\n\nJanuary 11, 2020\n\n"
        "Vladimir Putin held talks with Angela Merkel  Merkel AngelaFederal Chancellor of"
        " Germany.\n\n"
        "Vladimir Putin and Angela Merkel  Merkel AngelaFederal Chancellor of Germany discussed"
        " the international agenda: the situation in Syria and Libya.\n\n"
        "President of Russia Vladimir Putin: Madam Federal Chancellor, welcome.\n\n"
        "Federal Chancellor of Germany Angela Merkel: Thank you.\n\n"
        "Publication status\n\nDirect link: en.kremlin.ru/d/62562\n"
    )
    document = parse_text(text)
    assert [t.label for t in document.turns] == [
        "President of Russia Vladimir Putin",
        "Federal Chancellor of Germany Angela Merkel",
    ]
    assert document.lead == "Vladimir Putin held talks with Angela Merkel."
    assert document.preamble == [
        "Vladimir Putin and Angela Merkel discussed the international agenda: the situation"
        " in Syria and Libya."
    ]


@pytest.mark.parametrize(
    ("paragraph", "label", "rest"),
    [
        # markdownify: a bold colon it left as text, a label in bold it could not close
        (
            "Sigmar Gabriel (retranslated)**:**Mr President,",
            "Sigmar Gabriel (retranslated)",
            "Mr President,",
        ),
        ("**Sigmar Gabriel: Mr President,", "Sigmar Gabriel", "Mr President,"),
        ("**Sooronbay Jeenbekov: **Mr President,", "Sooronbay Jeenbekov", "Mr President,"),
        ("Alpha Conde*(retranslated)*: On behalf", "Alpha Conde(retranslated)", "On behalf"),
        ("Song Young-gil (retranslated ): Thank you", "Song Young-gil (retranslated)", "Thank you"),
        ("Zhang Gaoli _(_retranslated )_: Your", "Zhang Gaoli (retranslated)", "Your"),
        ("** Yunus-bek Yevkurov : **Mr President,", "Yunus-bek Yevkurov", "Mr President,"),
        # a dump that lost the space after the colon keeps the capital after it
        ("Vladimir Putin:Thank you.", "Vladimir Putin", "Thank you."),
    ],
)
def test_labels_of_converters_that_lost_their_marks(paragraph, label, rest):
    found = split_label(paragraph)
    assert (found.label, found.rest) == (label, rest)


@pytest.mark.parametrize(
    "paragraph", ["Meeting at 10:30 today", "John Smith:30 minutes", "John Smith:http://x.org"]
)
def test_a_colon_inside_a_word_is_no_label(paragraph):
    assert split_label(paragraph) is None


@pytest.mark.parametrize("name", ["Boutros Boutros-Ghali", "Vladimir Putin", "Sirhan Sirhan"])
def test_names_that_repeat_a_word_are_kept(name):
    assert without_tooltip(name) == name


def test_see_also_box_inside_the_text_is_dropped_and_the_text_after_it_kept():
    text = (
        "Talks\n\nMarch 22, 2013\n\nVladimir Putin: First part.\n\nSee also\n\n"
        "Concept of participation in BRICS\nMarch 21, 2013\n\nSecond part.\n\n"
        "Question: And then?\n\nVladimir Putin: Third part.\n"
    )
    document = parse_text(text)
    assert [t.text for t in document.turns] == [
        "First part.\n\nSecond part.",
        "And then?",
        "Third part.",
    ]


def test_a_page_of_the_site_from_before_leads_has_none():
    text = (
        "Official website of the President of Russia\n\nДокумент /\n\n"
        "President Putin met with the Speaker of the Ukrainian Parliament\n\n"
        "November 13, 2001\n\nThe two discussed bilateral cooperation.\n\nThey agreed.\n\n"
        "Direct link: en.kremlin.ru/d/23027\n"
    )
    document = parse_text(text)
    assert document.id == "23027"
    assert document.lead == ""
    assert document.preamble[0] == "The two discussed bilateral cooperation."


def test_a_paragraph_that_announces_a_quote_is_not_the_lead():
    text = "Statement\n\nApril 21, 2017\n\nThe message reads, in part:\n\n“We value it.”\n"
    document = parse_text(text)
    assert document.lead == ""
    assert document.preamble[:2] == ["The message reads, in part:", "“We value it.”"]


@pytest.mark.parametrize(
    ("written", "read"),
    # the site itself runs a name into the ordinal where it sets it in superscript
    [
        ("33^rd session", "33rd session"),
        ("14^thReturn to Life", "14thReturn to Life"),
        ("4^ th session", "4th session"),  # w3m
        ("18\n^th Festival", "18th Festival"),  # w3m, the line wrapped before the mark
    ],
)
def test_text_browser_superscript_ordinals_are_read_as_ordinals(written, read):
    text = f"Greetings\n\nDecember 18, 2012\n\nGreetings to the {written}.\n\nBody.\n"
    assert parse_text(text).lead == f"Greetings to the {read}."


def test_pull_quote_that_repeats_the_text_is_dropped():
    passage = "BRICS is a key element of the emerging multipolar world, and so it remains."
    text = (
        f"Interview\n\nMarch 22, 2013\n\nQuestion: What is BRICS?\n\nVladimir Putin: {passage}"
        f"\n\n”{passage}“\n\nQuestion: And next?\n\nVladimir Putin: We will see.\n"
    )
    document = parse_text(text)
    assert document.turns[1].text == passage


def test_quotation_that_repeats_nothing_is_kept():
    text = (
        "Statement\n\nApril 21, 2017\n\nThe message reads, in part:\n\n"
        "“We value the fact that our relations have substantial potential.”\n"
    )
    assert parse_text(text).preamble[1].startswith("“We value")


def test_pop_ups_a_dump_kept_inline_are_cut_from_the_speech():
    text = (
        "Talks\n\nMarch 22, 2013\n\nVladimir Putin: We work in the SCO Background information "
        "Shanghai Cooperation Organisation (SCO) and with President Jacob Zuma Zuma Jacob Zuma "
        "Jacob .\n\nQuestion: Thank you.\n"
    )
    assert parse_text(text).turns[0].text == ("We work in the SCO and with President Jacob Zuma.")


def test_geography_block_under_the_text_is_not_speech():
    text = (
        "Meeting\n\nSeptember 27, 2018\n\nVladimir Putin: Thank you.\n\nGeorgy Poltavchenko: "
        "Thank you. <…>\n\nGeography\n\n* Saint Petersburg\n\nPersons\n\n* Beglov Alexander\n"
    )
    assert parse_text(text).turns[-1].text == "Thank you. <…>"


WHOLE_PAGE_COPY = """President of Russia
Events
Structure

All content on this site is licensed under

Creative Commons Attribution 4.0 International

Presidential Executive Office2020
Events
Meeting of the Commission for Military Technical Cooperation

{lead}June 24, 2019
14:20
The Kremlin, Moscow

President of Russia Vladimir Putin: Good afternoon, colleagues. We exceeded the targets.

See also
News of the Commission for Military Technical Cooperation

Speaking of our tasks, I would like to note that the streamlining of financial, economic, \
organisational and other aspects of military technical cooperation is our key objective, and \
it goes on this year: one line, as a browser copies a paragraph.

Topics
Armed Forces
"""


@pytest.mark.parametrize("lead", ["", "Vladimir Putin chaired a meeting of the Commission.\n\n"])
def test_a_copy_of_the_whole_page_reads_the_title_and_lead_above_the_date(lead):
    # select-all in a browser: the site's footer and the section's name run into the title,
    # the lead (if the page has one) stands above the date, a 'See also' box has no date
    document = parse_text(WHOLE_PAGE_COPY.format(lead=lead), "copy.txt")
    assert document.title == "Meeting of the Commission for Military Technical Cooperation"
    assert document.lead == lead.strip()
    assert (document.date, document.time, document.place) == (
        "2019-06-24",
        "14:20",
        "The Kremlin, Moscow",
    )
    assert [t.label for t in document.turns] == ["President of Russia Vladimir Putin"]
    assert document.turns[0].paragraphs[1].startswith("Speaking of our tasks")
    assert not any("See also" in p for p in document.turns[0].paragraphs)


WAYBACK_TOOLBAR = """<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base" lang="en"><div id="wm-ipp"><form target="_top" method="get"
action="/web/submit"><input type="text" name="url" value="http://en.kremlin.ru/"/></form>
<div id="wm-nav-captures"><a href="/web/20170413054000*/http://en.kremlin.ru/">3 captures</a>
<div>13 Apr 2017 - 02 Mar 2022</div></div><table><tr><td>MAR</td><td>APR</td><td>MAY</td></tr>
<tr><td>2016</td><td>2017</td><td>2018</td></tr></table><div>COLLECTED BY</div>
<div>Organization: Alexa Crawls</div><div>TIMESTAMPS</div></div>
<div id="wm-ipp-print">The Wayback Machine - https://web.archive.org/web/20170413054000/</div>
</div><!-- END WAYBACK TOOLBAR INSERT -->"""


@pytest.mark.parametrize("page", SAVED)
def test_a_page_kept_by_the_wayback_machine_reads_as_the_original(fixtures, tmp_path, page):
    import re

    html = (fixtures / "kremlin" / f"{page}.html").read_text(encoding="utf-8")
    archived = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + WAYBACK_TOOLBAR, html, count=1)
    archived = re.sub(
        r'(href|src)="(https?://(?:en\.)?kremlin\.ru)',
        r'\1="https://web.archive.org/web/20170413054000/\2',
        archived,
    )
    saved = tmp_path / "Wayback Machine.html"  # named by the browser, not by the page id
    saved.write_text(archived + "\n<!-- FILE ARCHIVED ON 05:40:40 Apr 13, 2017 -->\n")
    original = parse_file(fixtures / "kremlin" / f"{page}.html")
    assert _structure(parse_file(saved)) == _structure(original)
    assert _words(parse_file(saved)) == _words(original)


def test_markdown_wrapped_at_78_columns_keeps_headings_and_words_whole():
    text = (
        "# Greetings to the 10th National Forum of School Librarians Mikhailovskoye\n"
        "2017\n\n"
        "Vladimir Putin sent greetings on the Russian military-\n"
        "diplomatic presence in _Kemerovo Region_ , and to the librarians.\n\n"
        "July 3, 2017\n\n"
        "The message reads, in part:\n\n"
        "“Your forum is a good tradition.”\n"
    )
    document = parse_text(text, "greetings.md")
    assert document.title == (
        "Greetings to the 10th National Forum of School Librarians Mikhailovskoye 2017"
    )
    assert document.lead == (
        "Vladimir Putin sent greetings on the Russian military-diplomatic presence in"
        " Kemerovo Region, and to the librarians."
    )
    assert document.date == "2017-07-03"


def test_the_hidden_send_by_email_box_in_a_dumps_tail_is_nobodys_turn():
    # inscriptis, lynx and w3m render the share box: its preview opens with a label shape
    links = " * ".join(["VK", "Facebook", "Twitter", "LiveJournal", "Send by email", "Print"])
    title = "President Vladimir Putin met with Moscow Mayor Yury Luzhkov and other officials"
    text = (
        f"{title}\n\nOctober 24, 2002\n\nThe Kremlin, Moscow\n\n"
        "Mr Putin called to focus efforts on helping the hostages.\n\n"
        "Publication status\n\nPublished in section: News\n\n"
        "Publication date: October 24, 2002, 14:45\n\nDirect link: en.kremlin.ru/d/27606\n\n"
        f"Text version\n\nShare Direct link http://en.kremlin.ru/events/president/news/27606 "
        f"* {links} Send by email Message preview {title} and other officials again\n\n"
        f"Official Website of the President of Russia:\n\n{title}, {title}\n\n"
        "http://en.kremlin.ru/events/president/news/27606\n\nAddressee email Send\n"
    )
    document = parse_text(text)
    assert document.turns == []  # was one turn of `Official Website of the President of Russia`
    assert document.preamble == ["Mr Putin called to focus efforts on helping the hostages."]


def test_a_copys_tags_run_into_the_publication_status_still_end_the_text():
    # Chromium's select-all copy of page 17180: the tags and `Publication status` one line
    title = "India and Russia: new prospects for strategic partnership"
    text = (
        f"{title}\n\nDecember 23, 2012\n\nI wish the people of India peace.\n\n"
        "Geography India Topics Foreign policy Publication status\n\n"
        "Published in sections: News, Transcripts\n\n"
        "Publication date: December 23, 2012, 22:30\n\nDirect link: en.kremlin.ru/d/17180\n\n"
        "Text version\n\nText\n\nShare Direct link Send by email Message preview\n\n"
        f"Official Website of the President of Russia:\n\n{title}\n\n"
        "http://en.kremlin.ru/events/president/news/17180\n\nAddressee email Send\n"
    )
    document = parse_text(text)
    assert document.turns == []  # was two: `Official Website of ...` and `India and Russia`
    assert document.preamble == ["I wish the people of India peace."]


def test_a_see_also_box_in_a_text_browsers_wrapped_lines_is_no_tail():
    # `lynx -dump` wraps every paragraph into short lines: the box is no tail because each
    # of its lines is short; what follows it is the speech going on
    text = (
        "Meeting of the Commission\n\nJanuary 30, 2019\n\nThe Kremlin, Moscow\n\n"
        "   President of Russia Vladimir Putin: Good afternoon, colleagues,\n\n"
        "   Foreign currency revenues from the export of military goods soared\n"
        "   by 45 percent, while the overall portfolio of contracts reached almost\n"
        "   $54 billion.\n\n"
        "See also\n\n"
        "   News of the Commission for Military Technical Cooperation\n\n"
        "   Speaking of our tasks, I would like to note that the streamlining\n"
        "   of financial and other mechanisms is our key objective.\n\n"
        "   It goes without saying that these matters require high-priority\n"
        "   attention.\n\n"
        "Publication status\n\nPublication date: January 30, 2019\n"
    )
    [turn] = parse_text(text).turns
    assert turn.paragraphs[-2:] == [
        "Speaking of our tasks, I would like to note that the streamlining of financial and other"
        " mechanisms is our key objective.",
        "It goes without saying that these matters require high-priority attention.",
    ]


# Chromium's copy runs the office into the name, after two spaces
@pytest.mark.parametrize(("gap", "between"), [(" ", " "), ("  ", "")])
def test_the_card_of_a_name_written_surname_first_is_cut_from_the_speech(gap, between):
    text = (
        "Opening ceremony\n\nMarch 22, 2018\n\n"
        "President of Russia Vladimir Putin: President Xi Jinping"
        f"{gap}Xi Jinping{between}President of People's Republic of China ,"
        " ladies and gentlemen, friends,\n\n"
        "We are pleased to welcome our Chinese friends.\n\nDirect link: en.kremlin.ru/d/17730\n"
    )
    [turn] = parse_text(text).turns
    assert turn.paragraphs[0] == "President Xi Jinping, ladies and gentlemen, friends,"


@pytest.mark.parametrize(
    "said", ["Xi Jinping said that Xi Jinping would come.", "Talks with Li Qiang and Li Qiang."]
)
def test_a_name_said_twice_apart_is_no_card(said):
    from onrecord.parse.kremlin import without_popups

    assert without_popups(said) == said


def test_a_photo_caption_among_a_dumps_paragraphs_is_dropped():
    text = (
        "Meeting with Georgy Poltavchenko and Alexander Beglov\n\nOctober 3, 2018\n\n"
        "Vladimir Putin: Mr Beglov, you started as a builder.\n\n"
        "Alexander Beglov: High rigger.\n\n"
        "Meeting with Georgy Poltavchenko and Alexander Beglov.\n\n"
        "Vladimir Putin: High rigger, yes.\n\n"
        "Meeting with Georgy Poltavchenko (right) and Alexander Beglov.\n\n"
        "I want you to pay special attention to St Petersburg.\n\n"
        "And to the shipyards (the Admiralty ones).\n\n"
        "Alexander Beglov: Thank you (the Governor on the left) for your trust.\n\n"
        "Publication status\n\nPublished in sections: News, Transcripts\n\n"
        "Publication date: October 3, 2018, 18:30\n\nDirect link: en.kremlin.ru/d/58709\n\n"
        "Text version\n"
    )
    document = parse_text(text)
    assert document.turns[1].paragraphs == ["High rigger."]  # the title as a caption
    assert document.turns[2].paragraphs == [
        "High rigger, yes.",
        "I want you to pay special attention to St Petersburg.",
        "And to the shipyards (the Admiralty ones).",  # a bracket that places no one
    ]
    # only a bracket that places people in a picture makes a caption
    assert document.turns[3].paragraphs == ["Thank you (the Governor on the left) for your trust."]
    # the site's own text version holds no caption: nothing is dropped there
    own = parse_text(text[: text.index("Publication status")], "58709.txt")
    assert "Meeting with Georgy Poltavchenko (right) and Alexander Beglov." in own.turns[2].text


def test_a_photo_gallery_caption_wrapped_by_lynx_is_no_label():
    # lynx prints a gallery's captions as wrapped lines: one ends in `(left)` and looked
    # like a name over its seat (page 53018, seed 23 of bench/saved_layouts.py)
    text = (
        "   Events\n\nRussia-Kazakhstan Interregional Cooperation Forum\n\n"
        "   Vladimir Putin and Nursultan Nazarbayev attended the Forum.\n"
        "   October 4, 2016\n   14:30\n   Astana\n"
        "   With President of Kazakhstan Nursultan Nazarbayev (left)\n"
        "   at The Development of the Transport and Logistics Potential of Eurasia\n"
        "   and Astana Expo 2017 exhibitions.\n"
        "   With President of Kazakhstan Nursultan Nazarbayev at The Development\n"
        "   of the Transport and Logistics Potential of Eurasia.\n\n"
        "   With President of Kazakhstan Nursultan Nazarbayev (left)\n"
        "   at The Development of the Transport and Logistics Potential of Eurasia\n"
        "   and Astana Expo 2017 exhibitions.\n\n"
        "   President of Russia Vladimir Putin: Mr Nazarbayev, colleagues,\n\n"
        "   The development of our relations is a priority.\n"
    )
    document = parse_text(text)
    assert [t.label for t in document.turns] == ["President of Russia Vladimir Putin"]


def test_a_lead_of_two_paragraphs_above_a_dumps_date_is_one_lead():
    # page 62982: the site's lead has two paragraphs, and the ordinary page shows both
    # between the title and the date (before: the second was the text's first paragraph)
    text = (
        "All content on this site is licensed under\n\n"
        "Creative Commons Attribution 4.0 International\n\nPresidential Executive Office2020\n\n"
        "Events\n\nOn current corporation heads and 90s oligarchs (TASS interview)\n\n"
        "The 13th part of Vladimir Putin's interview to TASS News Agency has been published.\n\n"
        "The 20 Questions with Vladimir Putin project is an interview with the President.\n\n"
        "March 13, 2020\n\n15:00\n\n"
        "Andrei Vandenko: State capitalism.\n\nVladimir Putin: Yes.\n\n"
        "Andrei Vandenko: Why?\n\nVladimir Putin: Because.\n\n"
        "Direct link: en.kremlin.ru/d/62982\n"
    )
    document = parse_text(text)
    assert document.lead == (
        "The 13th part of Vladimir Putin's interview to TASS News Agency has been published."
        "\n\nThe 20 Questions with Vladimir Putin project is an interview with the President."
    )
    assert document.preamble == []
    assert document.turns[0].text == "State capitalism."


def test_empty_bold_runs_before_a_markdown_label_are_no_list_item():
    # html2text's Markdown of page 9207: `******` opened the label, which Markdown read as
    # a list item with emphasis, and the Governor's turn was lost
    text = (
        "# Meeting with Arnold Schwarzenegger\n\nOctober 11, 2010\n\n"
        "**President of Russia Dmitry Medvedev:** Mr Governor, welcome.\n\n"
        "******GOVERNOR OF CALIFORNIA[ARNOLD SCHWARZENEGGER]"
        "(http://en.kremlin.ru/catalog/persons/207/events):**\nThank you very much.\n\n"
        "**Dmitry Medvedev:** Good.\n"
    )
    document = parse_text(text, "9207.md")
    assert [(t.label, t.text) for t in document.turns] == [
        ("President of Russia Dmitry Medvedev", "Mr Governor, welcome."),
        ("GOVERNOR OF CALIFORNIA ARNOLD SCHWARZENEGGER", "Thank you very much."),
        ("Dmitry Medvedev", "Good."),
    ]


def test_a_see_also_box_of_two_items_inside_a_speech_is_dropped_whole():
    # inscriptis, page 56702: each item a linked title over its date
    text = (
        "Meeting with Muslim organisations\n\nJanuary 25, 2018\n\n"
        "President of Russia Vladimir Putin: Good afternoon, friends.\n\nSee also\n\n"
        "Meeting with Talgat Tadzhuddin\n\nJanuary 24, 2018\n\n"
        "Meeting with Mintimer Shaimiyev\n\nJanuary 25, 2018\n\n"
        f"{UFA}\n\nPublication status\n\nDirect link: en.kremlin.ru/d/56702\n"
    )
    [turn] = parse_text(text).turns
    assert turn.paragraphs == ["Good afternoon, friends.", UFA]  # before: the second item's
    # title and date were the speech's second and third paragraphs


UFA = "As you know, I have come here from Ufa, where I met with your esteemed colleague."


@pytest.mark.parametrize(
    "card",
    [
        "Viktor Tomenko Tomenko Viktor Governor of the Altai Territory ]",  # inscriptis
        "Viktor Tomenko  Tomenko ViktorGovernor of the Altai Territory ]",  # Chromium
        "Viktor Tomenko Tomenko Viktor Tomenko ViktorGovernor of the Altai Territory ]",  # lynx
    ],
)
def test_a_card_inside_an_editors_brackets_is_cut(card):
    # page 62108: the editor's insertion `[Viktor Tomenko]` holds a linked name
    text = (
        "Meeting with Alexei Gordeyev\n\nDecember 19, 2019\n\n"
        "Vladimir Putin: And who heads the working group?\n\n"
        f"Alexei Gordeyev: Altai Territory Governor [{card}. He knows it.\n\n"
        "Vladimir Putin: Good.\n\nDirect link: en.kremlin.ru/d/62108\n"
    )
    document = parse_text(text)
    assert document.turns[1].text == "Altai Territory Governor [Viktor Tomenko]. He knows it."


@pytest.mark.parametrize("written", ["Spasibo _._ Thank you.", "Spasibo*.* Thank you."])
def test_a_stop_set_in_italics_alone_stays_with_its_word(written):
    # html2text and markdownify on page 57401: the turn's first words no longer matched
    text = (
        f"# Meeting\n\nJune 14, 2018\n\n**Gianni Infantino:** {written}\n\n"
        "**Vladimir Putin:** Good.\n"
    )
    document = parse_text(text, "57401.md")
    assert document.turns[0].text == "Spasibo. Thank you."


def test_html2text_long_headings_and_spaced_ordinals():
    # page 29748: a summary set as the heading wraps over six lines (the last, `economy`,
    # was the lead); page 58385: `300 th`
    heading = (
        "# Speaking at a congress of the Russian Union of Industrialists and\n"
        "Entrepreneurs, President Vladimir Putin said that strengthening the\n"
        "institution of property, carrying out tax and administrative reform,\n"
        "developing the financial and banking sectors and reorganising the country’s\n"
        "infrastructure monopolies are all effective ways of developing the Russian\n"
        "economy\n\n"
    )
    lead = "Putin signed the Order on the 300 th anniversary."
    text = f"{heading}November 14, 2018\n\n{lead}\n\nBody.\n"
    document = parse_text(text, "29748.md")
    assert document.title.endswith("are all effective ways of developing the Russian economy")
    assert document.lead == "Putin signed the Order on the 300th anniversary."


def test_html2text_empty_bold_after_a_remarks_colon_and_a_caption_under_the_date():
    # seed 131 of bench/saved_layouts.py: page 17113, `**Name**(_retranslated_):****` (the
    # guest's words were the President's); page 48620, a photo's caption under the date line
    # (`At the World Economic Forum`) read as the place
    text = (
        "# Meeting with President of Uganda Yoweri Museveni\n\nDecember 11, 2012\n\n"
        "**Vladimir Putin:** Welcome!\n\n"
        "**President of Uganda Yoweri Museveni**(_retranslated_):**** Thank you, Mr\n"
        "President,\n\n**Vladimir Putin:** Thank you.\n"
    )
    document = parse_text(text, "17113.md")
    assert [(t.label, t.text) for t in document.turns] == [
        ("Vladimir Putin", "Welcome!"),
        ("President of Uganda Yoweri Museveni(retranslated)", "Thank you, Mr President,"),
        ("Vladimir Putin", "Thank you."),
    ]
    captioned = (
        "Speaking at the Forum\n\nOctober 3, 2003\n20:22\n\nAt the World Economic Forum\n\nText.\n"
    )
    document = parse_text(captioned, "48620.txt")
    assert (document.time, document.place) == ("20:22", "")
    copied = parse_text(captioned.replace("At the ", "At\u00a0the\u00a0"), "48620.txt")
    assert copied.place == ""  # Chromium's copy keeps the site's no-break spaces
    placed = captioned.replace("At the World Economic Forum", "The Kremlin, Moscow")
    assert parse_text(placed, "48620.txt").place == "The Kremlin, Moscow"


def test_two_turns_of_one_speaker_in_a_row_stay_two_in_markdown():
    # seed 149, page 56699 as markdownify saves it: the site prints two turns of Sergei
    # Chemezov in a row (the first ends with a `Vladimir Putin.` typo), and the bold labels,
    # written as tags, merged them as speech-to-text segments are merged
    text = (
        "# Meeting with Sergei Chemezov\n\nFebruary 15, 2019\n\n"
        "**Vladimir Putin:** Is there a department for this?\n\n"
        "**Sergei Chemezov:** Do you mean civilian products?\n\n"
        "Vladimir Putin. Yes. Is there a task group?\n\n"
        "**Sergei Chemezov:** Rostec has established Konversiya.\n\n"
        "**Vladimir Putin:** What is its status?\n\n**Sergei Chemezov:** A subsidiary.\n"
    )
    document = parse_text(text, "56699.md")
    assert [t.label for t in document.turns] == [
        "Vladimir Putin",
        "Sergei Chemezov",
        "Sergei Chemezov",
        "Vladimir Putin",
        "Sergei Chemezov",
    ]


@pytest.mark.parametrize(
    "written",
    [
        "Ruling Prince of Monaco Albert II Ruling Prince of Monaco Albert II",
        # lynx and w3m: the link's text, the card's title and the card's text
        "Ruling Prince of Monaco Albert II " * 2 + "Ruling Prince of Monaco Albert II",
        # html2text runs the first copy's words together
        "Ruling Prince of MonacoAlbert II Ruling Prince of Monaco Albert II",
    ],
)
def test_a_card_that_repeats_the_whole_label_is_cut(written):
    # seeds 163 and 181, page 53043 in every text dump: the pop-up card repeats the label
    text = (
        "Meeting with Prince Albert II of Monaco\n\nOctober 1, 2013\n\n"
        "Vladimir Putin: Welcome.\n\n"
        f"{written} (retranslated): Mr President, friends.\n"
    )
    document = parse_text(text, "53043.txt")
    assert [t.label for t in document.turns] == [
        "Vladimir Putin",
        "Ruling Prince of Monaco Albert II (retranslated)",
    ]
    # a name said twice by itself is a name (`Bora Bora`), and so is a label of one word twice
    assert without_tooltip("Bora Bora") == "Bora Bora"
    assert without_tooltip("John Smith John Smith") == "John Smith"


@pytest.mark.parametrize(
    "card",
    [
        "Artemyev Igor",  # lynx, w3m
        "Artemyev Igor Head of the Federal Anti-Monopoly Service ",  # inscriptis
        "Artemyev IgorHead of the Federal Anti-Monopoly Service ",  # markdownify, its image gone
        " Artemyev IgorHead of the Federal Anti-Monopoly Service ",  # Chromium's copy
    ],
)
def test_the_card_of_a_surname_said_alone_is_cut_from_the_speech(card):
    # seed 181, page 54383: the name in the sentence is the surname alone
    text = (
        "Meeting with Igor Artemyev\n\nMarch 2, 2016\n\n"
        f"Vladimir Putin: Mr. Artemyev {card}, I would like to discuss several issues.\n\n"
        "Igor Artemyev: Mr President, first.\n\nDirect link: en.kremlin.ru/d/54383\n"
    )
    turn = parse_text(text).turns[0]
    assert turn.text == "Mr. Artemyev, I would like to discuss several issues."


def test_a_caption_of_who_is_pictured_at_the_occasion_is_dropped():
    # seed 181, pages 51436 and 57477: the caption names the occasion as the title does
    text = (
        "Meeting with Defence Ministry senior officials\n\nMay 13, 2016\n\n"
        "Vladimir Putin: Good afternoon, colleagues.\n\n"
        "At a meeting with Defence Ministry senior officials.\n\n"
        "Before the meeting with the Defence Ministry senior officials.\n\n"
        "We will speak of it at the meeting with Defence Ministry senior officials.\n\n"
        "At a meeting with Defence Ministry senior officials. At a meeting with Defence"
        " Ministry senior officials.\n\n"  # a printed page: the picture's text, its caption
        "Acting Defence Minister Sergei Shoigu before the meeting with Defence\n"
        "Ministry senior officials.\n\n"
        "Chief of the General Staff – First Deputy Defence Minister Valery Gerasimov (left)"
        " and Yury Borisov before the meeting with the Defence Ministry senior officials.\n\n"
        "It is crucial to develop the Land Forces.\n\nDirect link: en.kremlin.ru/d/57477\n"
    )
    assert parse_text(text).turns[0].paragraphs == [
        "Good afternoon, colleagues.",
        "We will speak of it at the meeting with Defence Ministry senior officials.",
        "It is crucial to develop the Land Forces.",
    ]


def test_a_card_ends_where_the_sentence_goes_on_with_and_i():
    # seed 149, page 55365 in lynx, inscriptis and html2text: the card's office ended on
    # `... Russian Federation and I`, which took two words of the speech with it
    from onrecord.parse.kremlin import without_popups

    said = (
        "Mr Medvedev Medvedev Dmitry Medvedev DmitryDeputy Chairman of the Security Council"
        " of the Russian Federation and I wanted to meet with you."
    )
    assert without_popups(said) == "Mr Medvedev and I wanted to meet with you."


def test_a_word_broken_after_its_hyphen_at_a_lines_end_is_one():
    # a printed page (Chromium's PDF of page 9207) and text dumps break lines after a hyphen
    text = (
        "Meeting with the Governor of California\n\nJune 28, 2010\n\n"
        "Vladimir Putin: The business leaders in California, the high-\n"
        "tech leaders, will meet here, and the growth is 1.6–\n"
        "1.7 percent.\n\nArnold Schwarzenegger: Thank you - and welcome.\n"
    )
    turns = parse_text(text).turns
    # before: `high- tech`, `1.6– 1.7`
    assert turns[0].text == (
        "The business leaders in California, the high-tech leaders, will meet here, and the"
        " growth is 1.6–1.7 percent."
    )
    assert turns[1].text == "Thank you - and welcome."  # a dash between words stays


def test_html2text_closing_a_bold_label_after_the_space_past_its_colon():
    # seed 197, page 53079: `**Office** **[Name ...](link): **Mr President` made the rest of
    # the page one bold run, and the minister's turn the President's
    text = (
        "# Meeting on the environment\n\nMarch 1, 2016\n\n"
        "**President of Russia Vladimir Putin:** Mr Donskoy, please.\n\n"
        "**Minister of Natural Resources and Environment** **[Sergei Donskoy\n"
        "Donskoy Sergei ](http://en.kremlin.ru/catalog/persons/347/events): **Mr\n"
        "President, poaching is driven by demand.\n\n"
        "**Vladimir Putin:** Thank you.\n"
    )
    document = parse_text(text, "53079.md")
    assert [(t.label, t.text) for t in document.turns] == [
        ("President of Russia Vladimir Putin", "Mr Donskoy, please."),
        (
            "Minister of Natural Resources and Environment Sergei Donskoy",
            "Mr President, poaching is driven by demand.",
        ),
        ("Vladimir Putin", "Thank you."),
    ]


def test_a_gallerys_captions_run_into_one_paragraph_are_dropped():
    # seed 197, page 62646 by lynx: three captions on consecutive lines, one paragraph
    text = (
        "Remembering the Holocaust: Fighting Antisemitism forum\n\nJanuary 23, 2020\n\n"
        "Remembering the Holocaust: Fighting Antisemitism forum.\n"
        "Prime Minister of Israel Benjamin Netanyahu at the Remembering\n"
        "the Holocaust: Fighting Antisemitism forum.\n"
        "At the Remembering the Holocaust: Fighting Antisemitism forum.\n\n"
        "President of Russia Vladimir Putin: Mr President, ladies and gentlemen.\n\n"
        "We named it so. Remembering the Holocaust: Fighting Antisemitism forum.\n\n"
        "Direct link: en.kremlin.ru/d/62646\n"
    )
    document = parse_text(text)
    assert [t.label for t in document.turns] == ["President of Russia Vladimir Putin"]
    assert document.preamble == []
    # a paragraph with a sentence of speech in it is speech
    assert document.turns[0].paragraphs[-1].startswith("We named it so.")
