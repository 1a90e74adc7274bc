"""The site en.kremlin.ru: its chrome, its date lines, its URLs. Selectors and patterns as data.

Calibrated on the 2,170 DEV pages (`shared/kremlin/dev`); the chrome lists also hold the
menus of the ordinary (non-accessible) page, which a copy-paste from the browser brings along.
"""

from __future__ import annotations

import re

MONTHS = (
    "January February March April May June July August September October November December"
).split(" ")
_MONTH = "|".join(MONTHS)
_SP = r"[ \u00a0]"
DATE_LINE = re.compile(
    rf"^(?:Announcement,{_SP}*)?(?P<month>{_MONTH}){_SP}+(?P<day>\d{{1,2}})"
    rf"(?:{_SP}*[-–−]{_SP}*\d{{1,2}})?,{_SP}*(?P<year>\d{{4}})"
    rf"(?:,{_SP}*(?P<time>\d{{1,2}}:\d\d))?(?:,{_SP}*(?P<place>.+?))?{_SP}*$"
)
DATE_LINE_DMY = re.compile(
    rf"^(?P<day>\d{{1,2}}){_SP}+(?P<month>{_MONTH}){_SP}+(?P<year>\d{{4}})"
    rf"(?:,{_SP}*(?P<time>\d{{1,2}}:\d\d))?(?:,{_SP}*(?P<place>.+?))?{_SP}*$"
)
# The Russian site (kremlin.ru): `12 апреля 2017 года, 12:00, Московский Кремль`.
MONTHS_RU = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split(" ")
_MONTH_RU = "|".join(MONTHS_RU)
DATE_LINE_RU = re.compile(
    rf"^(?P<day>\d{{1,2}}){_SP}+(?P<month>{_MONTH_RU}){_SP}+(?P<year>\d{{4}})(?:{_SP}+года)?"
    rf"(?:,{_SP}*(?P<time>\d{{1,2}}:\d\d))?(?:,{_SP}*(?P<place>.+?))?{_SP}*$",
    re.IGNORECASE,
)
# Month names of the European languages that write a date day first (`30. november 2017`,
# `30 de noviembre de 2017`, `30 novembre 2017`): a verbatim report in its edition's language.
# Danish, German, Dutch, French, Spanish, Italian, Portuguese, Swedish; after English, so that
# a short English name (`Mar`) still finds its English month first.
MONTHS_EUROPEAN = tuple(
    names.split(" ")
    for names in (
        "januar janvier enero gennaio januari janeiro",
        "februar février fevrier febrero febbraio februari fevereiro",
        "marts märz mars marzo maart março marco",
        "april avril abril aprile",
        "mai maj mayo maggio mei maio",
        "juni juin junio giugno junho",
        "juli juillet julio luglio julho",
        "august août aout agosto augustus augusti",
        "september septembre septiembre settembre setembro",
        "oktober octobre octubre ottobre outubro",
        "november novembre noviembre novembro",
        "december décembre decembre diciembre dicembre dezember dezembro",
    )
)
MONTH_NUMBERS = {
    name.casefold(): number for names in (MONTHS, MONTHS_RU) for number, name in enumerate(names, 1)
}
for _number, _names in enumerate(MONTHS_EUROPEAN, 1):
    MONTH_NUMBERS.update((name, _number) for name in _names if name not in MONTH_NUMBERS)
_MONTH_EUROPEAN = "|".join(name for names in MONTHS_EUROPEAN for name in names)
PUBLICATION_DATE = re.compile(
    rf"Publication{_SP}date:{_SP}*(?P<month>{_MONTH}){_SP}+(?P<day>\d{{1,2}}),{_SP}*(?P<year>\d{{4}})"
)
# A date inside a line, for texts without a date line (`Press Briefing - October 11, 2022`,
# `Presenter: Press Secretary Peter Cook September 8, 2015`, `Thursday 3 March 2022`).
# Other publishers also write the month in capitals (`SEPTEMBER 27, 2018`) or short (`Jun 27,
# 2019`, `Sept. 4, 2019`), and put tabs or runs of spaces between the parts.
_MONTH_ANY = rf"(?i:{_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_GAP = r"[ \t\u00a0]"
DATES_IN_TEXT = (
    re.compile(rf"\b(?P<month>{_MONTH_ANY}){_GAP}+(?P<day>\d{{1,2}}),{_GAP}*(?P<year>\d{{4}})\b"),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_GAP}+(?P<month>{_MONTH_ANY}),?{_GAP}+"
        rf"(?P<year>\d{{4}})\b"
    ),
    re.compile(
        rf"(?i)\b(?P<day>\d{{1,2}})(?:er)?\.?{_GAP}+(?:de{_GAP}+)?(?P<month>{_MONTH_EUROPEAN})"
        rf"{_GAP}+(?:de{_GAP}+)?(?P<year>\d{{4}})\b"
    ),
)
_WEEKDAY = re.compile(rf"(?i)^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?{_SP}+")


def date_only(line: str) -> bool:
    """Whether a line is a date and nothing else (`Wednesday 19 February 2003`)."""
    rest = _WEEKDAY.sub("", line)
    return any(pattern.fullmatch(rest) for pattern in DATES_IN_TEXT)


# Up to two words before a date that opens a line: its weekday in any language (`Thursday,`,
# `Torsdag den`, `Jeudi`); after it, the place and edition behind a dash or a comma.
_BEFORE_DATE = re.compile(r"^(?:[^\W\d_]+,?[ \t\u00a0]+){0,2}$")
_AFTER_DATE = re.compile(r"^(?:$|[ \t\u00a0]*[-–—,][ \t\u00a0])")
MAX_DATED_LINE_CHARS = 100


def opening_date(line: str) -> re.Match[str] | None:
    """The date that opens a short line, weekday first or not (`Thursday, 30 November 2017 -
    Brussels Revised edition`), or None."""
    line = line.strip()
    if len(line) > MAX_DATED_LINE_CHARS:
        return None
    for pattern in DATES_IN_TEXT:
        found = pattern.search(line)
        if (
            found
            and _BEFORE_DATE.match(line[: found.start()])
            and _AFTER_DATE.match(line[found.end() :])
        ):
            return found
    return None


ENDS_WITH_DATE = re.compile(rf"(?:^|\s)(?:{_MONTH}){_SP}+\d{{1,2}},{_SP}*\d{{4}}$")
# `12:00`; other sources write `1:03 P.M. EST`, `10:30 a.m.`
TIME_LINE = re.compile(r"^\d{1,2}:\d\d(?:\s?[AaPp]\.?[Mm]\.?(?:\s[A-Z]{2,4})?)?$")
PAGE_URL = re.compile(r"kremlin\.ru/(?:events/president/(?:news|transcripts)/(?:copy/)?|d/)(\d+)")
# The page's own short link, which every copy of the ordinary page shows under the text.
DIRECT_LINK = re.compile(r"Direct link:[\s\u00a0]*(?:https?://)?en\.kremlin\.ru/d/(\d+)")
FILE_ID = re.compile(r"^(\d{2,9})(?:[._-](?:print|copy|text))?$")

CHROME_LINES = frozenset(
    line.casefold()
    for line in (
        "View settings",
        "Font size:",
        "Site colours:",
        "Images",
        "Normal version",
        "Official website of the President of Russia",
        "Документ /",
        "Документ",
        "Документ  /",
        "President of Russia",
        "Events",
        "News",
        "Transcripts",
        "Speeches and transcripts",
        "President",
        "Administration",
        "Security Council",
        "State Council",
        "Commissions and Councils",
        "Structure",
        "Acts",
        "Documents",
        "Videos",
        "Photos",
        "Multimedia",
        "Contacts",
        "Search",
        "Menu",
        "Русская версия",
        "Russian version",
        "Version for people with disabilities",
        "Send a letter",
        "Letters",
        "All news",
        "Text",
        "Photo",
        "Video",
        "Share",
        "Direct link",
        "Text version",
        "Print",
        "Регионы",
        "Kremlin",
        "Events section",
        "Previous",
        "Next",
        "Back",
        "To the top",
        "Top",
        "Subscribe",
        "RSS",
        "A",
        "A A A",
        "Aa",
        "Site colours",
        "Font size",
        "Reset settings",
    )
)
TAIL_STARTS = (
    "topics",
    "geography",
    "persons",
    "publication status",
    "published in sections",
    "see also",
)
TAIL_PREFIXES = (
    "published in sections:",
    "publication date:",
    "direct link:",
    "text version",
    "all content on this site is licensed",
    "© ",
    "president of russia official website",
)


def month_number(name: str) -> int:
    """1-12 for a month's name in English or Russian, whole or short (`Sept.`, `jun`)."""
    key = name.casefold().rstrip(".")
    if key in MONTH_NUMBERS:
        return MONTH_NUMBERS[key]
    return next(n for full, n in MONTH_NUMBERS.items() if full.startswith(key[:3]))


def iso_date(match: re.Match[str]) -> str:
    """`YYYY-MM-DD` from a match with groups year, month (name) and day."""
    month = month_number(match.group("month"))
    return f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"


def is_chrome(paragraph: str) -> bool:
    line = re.sub(r"[\s\u00a0]+", " ", paragraph).strip().casefold()
    return line in CHROME_LINES or line.startswith("документ")


# The site's footer, which a copy of the whole page (a browser's select-all, Ctrl+A) sets
# between the menus and the page itself, its last line run into the title's block.
_FOOTER = re.compile(
    r"all content on this site is licensed under|creative commons attribution 4\.0"
    r" international|presidential executive office ?\d{4}"
)


def is_footer(paragraph: str) -> bool:
    line = re.sub(r"[\s\u00a0]+", " ", paragraph).strip().casefold()
    return _FOOTER.fullmatch(line) is not None


def is_publication_status(paragraphs: list[str]) -> bool:
    """`Publication status` over its `Publication date:` or `Direct link:` line: the page's
    tail beyond doubt, whatever a text dump that renders hidden parts keeps below it (the
    "Send by email" box, with the title after `Official Website of the President of Russia:`)."""
    if not paragraphs or not _ends_in_status(paragraphs[0].strip().casefold()):
        return False
    below = (p.strip().casefold() for p in paragraphs[1:])
    return any(line.startswith(("publication date:", "direct link")) for line in below)


def _ends_in_status(line: str) -> bool:
    """`Publication status`, or the page's tags run into one paragraph above it by a copy
    (`Geography India Topics Foreign policy Publication status`)."""
    if line == "publication status":
        return True
    return line.endswith(" publication status") and line.startswith(_TAG_HEADINGS)


_TAG_HEADINGS = ("geography ", "topics ", "persons ")


def is_tail(paragraph: str) -> bool:
    line = paragraph.strip().casefold()
    return line in TAIL_STARTS or line.startswith(TAIL_PREFIXES) or _ends_in_status(line)


# The site's pages from before 2008 (its first archive) have no lead: in their text the
# paragraph after the date line is already the body (all 1,041 such DEV pages).
FIRST_YEAR_WITH_LEADS = 2008


def leadless(iso: str, page_id: str) -> bool:
    """A page of this site that was published before the site gave its pages a lead."""
    return bool(page_id) and iso[:4].isdigit() and int(iso[:4]) < FIRST_YEAR_WITH_LEADS


# A glossary pop-up that a text dump keeps inline: `SCO Background information Shanghai
# Cooperation Organisation (SCO)`, `BRICS Background information BRICS`.
_GLOSSARY = re.compile(r"(?<!\S)(\S+) Background information .{0,150}?(?:\(\1\)|(?<= )\1)(?!\w)")


# A card's office after the name: capitalised words, and the words that join them, ending on
# a capitalised one that is not `I` (`... of the Russian Federation and I wanted`: the
# sentence goes on).
_OFFICE = r"(?:(?: (?:of|the|and|for|on|in))* (?!I\b)[A-Z][\w’'-]*)*"


# A person's pop-up card, kept inline by a text dump, repeats the name surname first:
# `President Jacob Zuma Zuma Jacob Zuma Jacob .`
_DOUBLED_WORD = re.compile(r"\b([A-Z][\w’'-]+) +\1\b")
_PERSON_CARD = re.compile(r"\b([A-Z][\w’'-]+) ([A-Z][\w’'-]+)(?: \2 \1)+(?![\w’'-])(?! \2 \1)")


# A dump of the ordinary page (where pop-ups stay inline) keeps one of these; the site's own
# text version none.
ORDINARY_PAGE_MARKS = ("Background information", "Direct link", "Published in sections")


def may_hold_popups(text: str) -> bool:
    """Whether a text can hold pop-ups kept inline: one test for a whole page."""
    return any(mark in text for mark in ORDINARY_PAGE_MARKS)


# The card of a person whose name reads surname first already (`Xi Jinping`) repeats it as
# written, then gives the office: `President Xi Jinping Xi Jinping President of People's
# Republic of China , ladies and gentlemen`.
_SAME_ORDER_CARD = re.compile(
    r"\b([A-Z][\w’'-]+ [A-Z][\w’'-]+) +\1(?:[A-Z][\w’'-]*)?"  # `Xi JinpingPresident`: run in
    rf"{_OFFICE}(?: (?=[,.;:]))?(?=[,.;:]| [a-z]|$)"
)


# A card after a name in a sentence, surname first and its office run into the given name,
# as a browser's copy keeps it: `Angela Merkel  Merkel AngelaFederal Chancellor of Germany
# discussed ...` (the office ends where the sentence goes on in lower case).
_REVERSE_CARD = re.compile(
    r"\b([A-Z][\w’'-]+) ([A-Z][\w’'-]+) +\2 \1(?:(?=[A-Z])[\w’'-]*| (?=[A-Z])[\w’'-]+)"
    rf"{_OFFICE}(?: (?=[\],.;:]))?(?=[ ,.;:\]]|$)"
)


# A card after a surname alone (`Mr. Artemyev Artemyev Igor, I would like`, or with the office
# run into the given name: `Mr. Artemyev Artemyev IgorHead of the Federal Anti-Monopoly
# Service , I would`): the surname again, one given name, perhaps the office.
_SURNAME_CARD = re.compile(
    r"\b([A-Z][\w’'-]+) +\1 [A-Z][a-z’'-]+(?:(?=[A-Z])[\w’'-]*| (?=[A-Z])[\w’'-]+)?"
    rf"{_OFFICE}(?: (?=[\],.;:]))?(?=[ ,.;:\]]|$)"
)


def without_popups(paragraph: str) -> str:
    """The paragraph without the site's pop-ups that a text dump kept inline."""
    if "Background information" in paragraph:
        paragraph = _GLOSSARY.sub(r"\1", paragraph)
    paragraph = _REVERSE_CARD.sub(r"\1 \2", paragraph)  # first: its name is the other's too
    paragraph = _SAME_ORDER_CARD.sub(r"\1", paragraph)
    if not _DOUBLED_WORD.search(paragraph):  # every card doubles the surname: cheap to rule out
        return paragraph
    return _SURNAME_CARD.sub(r"\1", _PERSON_CARD.sub(r"\1 \2", paragraph))


# A photo's caption, kept among the paragraphs by a dump of the ordinary page: it places the
# people in the picture (`Meeting with Georgy Poltavchenko (right) and Alexander Beglov.`),
# which no paragraph of the site's text does.
MAX_CAPTION_WORDS = 30
# Where people stand in a photo (`(left)`, `(second right)`): a caption's words, no label's.
PHOTO_PLACE = re.compile(
    r"\((?:(?:second |third )?(?:left|right)|centre|center|foreground|background)\)"
)


def is_photo_caption(paragraph: str, title: str) -> bool:
    """A caption places people in a photo, repeats the page's title as a sentence, or names
    who is pictured at the page's occasion. A printed page may set one twice on a line (the
    picture's text and its caption), and a dump may run a gallery's captions into one
    paragraph: each sentence a caption."""
    sentences = _SENTENCE_BREAK.split(paragraph)
    if len(sentences) > 1 and all(_one_caption(s, title) for s in sentences):
        return True
    return _one_caption(paragraph, title)


_SENTENCE_BREAK = re.compile(r"(?<=[a-z]\.) (?=[A-Z])")


def _one_caption(paragraph: str, title: str) -> bool:
    if title and paragraph.endswith(".") and _same_words(paragraph[:-1], title):
        return True
    if title and _pictured_at_occasion(paragraph, title):
        return True
    return (
        "(" in paragraph
        and len(paragraph.split()) <= MAX_CAPTION_WORDS
        and PHOTO_PLACE.search(paragraph) is not None
        and ":" not in paragraph
    )


# `At a meeting with Government members.`, `Acting Defence Minister Sergei Shoigu before the
# meeting with Defence Ministry senior officials.` under the title `Meeting with ...`: the
# occasion is the title; before it, if anything, names and offices only (a sentence of speech
# that ends so has words in lower case: `We will speak of it at the meeting with ...`).
_OCCASION = re.compile(r"(?:^|(?<= ))(?:[Aa]t|[Dd]uring|[Bb]efore|[Aa]fter) (?:a|an|the) ")
_ARTICLES = frozenset({"a", "an", "the"})
_NAME_JOINERS = frozenset({"of", "the", "and", "–", "—", "-", "de", "van", "von", "der", "bin"})


def _pictured_at_occasion(paragraph: str, title: str) -> bool:
    if not paragraph.endswith(".") or len(paragraph.split()) > 2 * MAX_CAPTION_WORDS:
        return False
    body = paragraph[:-1]
    for occasion in _OCCASION.finditer(body):
        if _words_of(body[occasion.end() :]) == _words_of(title):
            names = PHOTO_PLACE.sub(" ", body[: occasion.start()]).split()
            return all(w[:1].isupper() or w in _NAME_JOINERS for w in names)
    return False


def _words_of(text: str) -> list[str]:
    return [w for w in text.casefold().split() if w not in _ARTICLES]


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split()  # no-break spaces and runs of spaces alike


def page_url(page_id: str) -> str:
    return f"http://en.kremlin.ru/events/president/news/{page_id}"


def match_date_line(paragraph: str) -> re.Match[str] | None:
    """The page's date line (`May 22, 2019, Moscow`, day first, or in Russian), if the
    paragraph is one."""
    line = paragraph.strip()
    if len(line) > 200:
        return None
    if "\t" in line or "  " in line:  # `May<TAB>22,<TAB>2019,  Moscow`
        line = " ".join(line.split())
    return DATE_LINE.match(line) or DATE_LINE_DMY.match(line) or DATE_LINE_RU.match(line)
