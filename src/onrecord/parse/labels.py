"""Is the start of a plain-text paragraph a speaker label (`Name: text`)?

Plain text has no bold to mark a label, so a label is recognised by its shape: a run of
capitalised words (a role and a name), a generic voice (`Question`, `Q`), an upper-case
name (`MR. SMITH`) or a diarized tag (`[SPEAKER_16]`). Sentences that merely end in a
colon (`The message reads, in part:`, `I have come here in a dual role:`) are not labels.
The word lists were drawn from the 567 distinct gold labels and the 244 colon-prefixed
non-label paragraphs of the DEV set; each entry is a general English pattern, not a page fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


def _words(text: str) -> list[str]:
    return text.split()


MAX_LABEL_CHARS = 250
# Lower-case content words a role may hold ('Master mariner', 'Producer of the film Frontier')
# when the label ends with a capitalised name; sentences have more.
MAX_LOWER_WORDS = 4
# A label's content words are capitalised; these may stand lower-case inside one.
FUNCTION_WORDS = frozenset(
    _words(
        "of the and for in on at to de da del der van von la le du des bin ibn al el y und with "
        "from under & и в во на по по из с со для при от до о об у к за под"
    )
)
# Role nouns that appear lower-case in real labels ('chairman of VEB Vladimir Dmitriev').
LOWERCASE_ROLE_WORDS = frozenset(
    _words(
        "chairman chairwoman chairperson president minister head director governor deputy "
        "member host moderator presenter correspondent journalist anchor reporter veteran "
        "cosmonaut acting former first general executive co-chair spokesman spokeswoman"
    )
)
# Words that open sentences, never labels.
SENTENCE_OPENERS = frozenset(
    _words(
        "a an the i we it this that these those there here you he she they and but so or "
        "however in as some our my his her their its another from during given addressing today "
        "secondly firstly thirdly finally of to then recently overall friends hence naturally "
        "what when where why how if let let’s let's all one on at for with after before about "
        "according attending participants regarding concerning yes no well now look please "
        "thank thanks dear colleagues ladies gentlemen speaking in conclusion furthermore "
        "moreover also still just only even something nothing everything everyone nobody "
        "somebody someone vodyanaya"
    )
)
GENERIC_LABELS = frozenset(
    _words(
        "question questions remark remarks reply response answer comment comments voice voices "
        "audience participant participants interpreter translator moderator operator host q a "
        "unidentified unknown off-mic speaker reporter journalist correspondent "
        # the Russian site's
        "вопрос реплика ответ голос ведущий ведущая модератор корреспондент журналист участник "
        "участница переводчик "
        # governments' own transcripts in their languages: question, answer, interjection
        "frage antwort zuruf réponse pregunta respuesta domanda risposta pergunta resposta "
        "vraag antwoord"
    )
)
# Words that head a line of instructions or a list (`Deadline:`, `Note:`), never a voice.
NO_VOICE_WORDS = frozenset(
    _words(
        "note notes update source sources example examples deadline background editor warning "
        "caution listen look see result results summary conclusion first second third fourth "
        "finally also subject re attention tip tips reminder"
    )
)
GENERIC_PHRASES = frozenset(
    [
        "голос из зала",
        "вопрос из зала",
        "реплика из зала",
        # a chamber's members calling out together, as Hansards print them
        *(f"{some}{hon}members" for some in ("", "some ", "several ") for hon in ("", "hon. ")),
        *(f"{side} members" for side in ("government", "opposition", "honourable")),
        "an hon. member",
        # voices the record does not name: `Des voix : Ha, ha, ha!` (Quebec's National Assembly)
        *(f"{some} {voice}" for some in ("des", "une", "plusieurs") for voice in ("voix",)),
        "a voice",
        "voices",
        "several voices",
        # the chair of the Netherlands' chambers (`De voorzitter:`)
        "de voorzitter",
    ]
)
# Titles as news transcripts and briefings shorten them (`SEN. JOHN DOE (R-TX)`, `Lt. Gen.
# Jane Roe`, `Amb. John Doe`): a role, written out in full.
ABBREVIATED_TITLES = {
    "sen": "Senator",
    "rep": "Representative",
    "gov": "Governor",
    "gen": "General",
    "lt": "Lieutenant",
    "col": "Colonel",
    "maj": "Major",
    "capt": "Captain",
    "cmdr": "Commander",
    "adm": "Admiral",
    "brig": "Brigadier",
    "sgt": "Sergeant",
    "amb": "Ambassador",
    "sec": "Secretary",
    "supt": "Superintendent",
    "insp": "Inspector",
    "det": "Detective",
    "cllr": "Councillor",
    # ranks of the police and the bench as interview records and British courts print them
    # (`DC SMITH:`, `DCI Jane Roe:`, `HHJ ROE:`)
    "pc": "Police Constable",
    "dc": "Detective Constable",
    "ds": "Detective Sergeant",
    "di": "Detective Inspector",
    "dci": "Detective Chief Inspector",
    "dsupt": "Detective Superintendent",
    "hhj": "His Honour Judge",
}
HONORIFICS = frozenset(_words("mr mrs ms dr prof mme mlle sir lord lady st hon rt")) | frozenset(
    ABBREVIATED_TITLES
)
# Honorifics of more words, or of other languages, before a name or an office: `El señor
# PRESIDENTE` (Spain's Cortes), `De heer Wilders` and `Mevrouw Kaag` (the Netherlands').
_FOREIGN_HONORIFICS = (
    *("El señor", "La señora", "La señorita", "De heer", "Mevrouw", "Herr", "Frau"),
    # diplomacy's forms of address (`H.E. Mr. António Guterres`, `His Excellency President
    # Xi Jinping`); not a bare `HE`, which is a surname too (`HE LIFENG`)
    *("H.E.", "H. E.", "His Excellency", "Her Excellency", "S.E."),
)
FOREIGN_HONORIFICS = frozenset(h.casefold() for h in _FOREIGN_HONORIFICS)
FOREIGN_HONORIFIC = re.compile(
    rf"^(?:{'|'.join(map(re.escape, _FOREIGN_HONORIFICS))}) (?=[A-ZÀ-Þ])", re.IGNORECASE
)

# `[SPEAKER_16]: text`; without the colon only a numbered voice (`[SPEAKER_00] text`), since
# a line of wrapped text may open with an editorial insertion (`[a bank's] licence is ...`).
# The bracketed form is also the one the clean-up and the label shapes write for a label they
# vouch for, as long as a label may be (an office and its holder: `[The First Secretary of
# State and Leader of the House of Commons (Mr William Hague)]:`).
MAX_KNOWN_LABEL_CHARS = 160
_DIARIZED = re.compile(
    rf"\[([^\[\]\n]{{1,{MAX_KNOWN_LABEL_CHARS}}})\]\s*:|\[((?i:speaker)[ _]?\w{{1,3}})\]"
)
# one level of nesting: '(Richmond (Yorks))'; and an affiliation in square brackets after a
# name, as NATO's transcripts print it (`Sabine Siebold [Reuters]`)
_PARENS = re.compile(r"\((?:[^()]|\([^()]*\))*\)?|(?<=\S) \[[^\[\]]{1,60}\]")
# `Speaker 1`, `Speaker A`, `Unknown Speaker`: voices a transcription service numbered.
NUMBERED_VOICE = re.compile(r"^(?:Unknown )?Speaker(?: \w{1,3})?$", re.IGNORECASE)
# `The CHAIRMAN`, `The SPEAKER pro tempore`: the chair in the US Congressional Record.
_THE_OFFICE = re.compile(r"^The(?: [A-Z]{2,})+(?: pro tempore)?$")
# Hansard names a minister by office, then name: `The Prime Minister (Rishi Sunak)`, `The
# Parliamentary Under-Secretary of State, Home Office (Lord Sharpe of Epsom) (Con)`.
OFFICE_THEN_NAME = re.compile(
    r"^(?P<office>(?:The|THE|(?:El|La) (?:señor|señora)) (?:[A-Z][\w’'-]*,?|of|the|and|for|on)"
    r"(?: (?:[A-Z][\w’'-]*,?|of|the|and|for|on))*"
    # the chair of a committee, named without its article (`CHAIR (Senator Walsh)`, as
    # Australia's Hansard prints a hearing's)
    r"|(?i:(?:acting |deputy )?(?:chair|chairman|chairwoman|chairperson)))"
    r" \((?P<name>[A-Z][\w’'.-]*(?: (?:[A-Z][\w’'.-]*|of|de|van|von))*)"
    r"(?: \([^()]{1,80}\))?\)"  # the holder's seat and party (`(Mississauga East, Lib.)`)
)
_INITIAL = re.compile(r"(?:^|\s)[A-ZА-ЯЁ]\.(?:\s|$)")
# `U.S. Ambassador John Tefft`: dotted capitals abbreviate a name, they end no sentence.
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")
# `В.Путин`, `В. В. Путин`, `V.Putin`: initials run into the surname, as the Russian site writes.
INITIALS_NAME = re.compile(r"^((?:[A-ZА-ЯЁ]\.\s?){1,2})([A-ZА-ЯЁ][\w’'-]+)$")
_TOKEN = re.compile(r"[^\s]+")
_LABEL_NOTE = re.compile(r"\s*\([a-z][^()]{0,39}\)$")
_CAPITALISED_END = re.compile(r"[A-Z][^\sA-Z]*$")
_CAMEL_NAME = re.compile(r"^(?:[A-Z][a-z’'\-]+){2,6}$|^[A-Z][a-z]+[A-Z]{2,}$")


@dataclass(frozen=True)
class LabelMatch:
    label: str  # as written, without the colon
    rest: str  # the paragraph after the label and its colon
    diarized: bool = False


# Markdown's bold around a label that the converter could not close (`**Name ** _(note):_`)
# is printed as it is: its marks are not part of the name.
_STRAY_EMPHASIS = re.compile(
    r"^(?:\*\*|__)\s*(?=\S)|(?<=\S)\s*(?:\*\*|__)$"
    r"|[*_]+(?=\()|(?<=\()[*_]+|[*_]+(?=\))|(?<=\))[*_]+"  # `*(note)*`, `_(_note _)_`
)


def _without_converters_marks(label: str) -> str:
    """A label without the emphasis a converter could not render around it or its note,
    nor the space it set inside the note's brackets."""
    label = _STRAY_EMPHASIS.sub("", label)
    if "( " in label or " )" in label:  # `(retranslated )`
        label = label.replace("( ", "(").replace(" )", ")")
    return label


def split_label(paragraph: str) -> LabelMatch | None:
    """The label at the start of a paragraph, or None."""
    diarized = _DIARIZED.match(paragraph)
    if diarized:
        tag = diarized.group(1) or diarized.group(2)
        return LabelMatch(tag.strip(), paragraph[diarized.end() :].strip(), True)
    if "**:**" in paragraph[:MAX_LABEL_CHARS]:  # a converter's bold colon, left unrendered
        paragraph = paragraph.replace("**:**", ": ", 1)
    if ":****" in paragraph[:MAX_LABEL_CHARS]:  # html2text's empty bold after a remark's colon
        paragraph = paragraph.replace(":****", ": ", 1)
    colon = _label_colon(paragraph)
    if colon < 0:
        return None
    written = paragraph[:colon].strip()
    rest = paragraph[colon + 1 :].strip()
    if written[:2] in ("**", "__") and rest.startswith(written[:2]):  # `**Name: **Speech`
        rest = rest[2:]
    label = _QUESTION_NUMBER.sub("", without_tooltip(_without_converters_marks(written)))
    addressed = _NUMBERED_QUESTION_TO.match(label)
    if addressed and looks_like_label(addressed.group("asker")):
        label = addressed.group("asker")
    if not rest and label.casefold() in {"q", "a"}:
        return None
    if not looks_like_label(label) or (rest[:1].islower() and _is_generic_word(label)):
        return None
    return LabelMatch(label, rest)


# UK select committees number the questions asked before the asker's label (`Q1  Chair: ...`):
# a number, not part of who speaks.
_QUESTION_NUMBER = re.compile(r"^Q\d{1,4}\s+(?=\S)")
# New Zealand's Hansard opens each primary question with its number and whom it is put to
# (`1. CHRIS HIPKINS (Leader of the Opposition) to the Prime Minister: Does he ...`): who
# asks is the label.
_OFFICE_WORD = r"(?:[A-Z][\w’'-]*|of|for|and|the|on)"
_NUMBERED_QUESTION_TO = re.compile(
    rf"^\d{{1,3}}\.\s+(?P<asker>[A-Z][^:]*?\S)\s+to the {_OFFICE_WORD}(?:\s+{_OFFICE_WORD})*$"
)


MIN_REPEATED_WORDS = 2  # a label of two words said again at least: `Bora Bora` is a name
MAX_TIMES_WRITTEN = 3  # the link's text, the card's title and the card's text


def _doubled(label: str) -> str:
    """The label written once, where it is the same words written two or three times over
    ('' otherwise). A copy may have lost a space (`Ruling Prince of MonacoAlbert II Ruling
    Prince of Monaco Albert II`): the copies are compared without spaces, and the last one
    is kept."""
    note = _LABEL_NOTE.search(label)
    words = (label[: note.start()] if note else label).split()
    joined = "".join(words)
    for times in range(2, MAX_TIMES_WRITTEN + 1):
        size, rest = divmod(len(joined), times)
        if rest or joined != joined[:size] * times:
            continue
        last = _last_words_of_length(words, size)
        if len(last) >= MIN_REPEATED_WORDS:
            return " ".join(last) + (note.group() if note else "")
    return ""


def _last_words_of_length(words: list[str], size: int) -> list[str]:
    """The last words of `words` whose letters number `size` ([] where no word ends there)."""
    length = 0
    for at in range(len(words) - 1, -1, -1):
        length += len(words[at])
        if length >= size:
            return words[at:] if length == size else []
    return []


def without_tooltip(label: str) -> str:
    """The label without the text of a person's pop-up card that a text dump kept.

    `Governor of the Central Bank Elvira Nabiullina Nabiullina Elvira Nabiullina ElviraGovernor
    of the Central Bank...`: the card repeats the name surname first (`Erdogan Recep
    TayyipPresident of Turkey` after `Recep Tayyip Erdogan`), or as written where the name
    reads surname first already (`Moon Jae-in Moon Jae-inPresident of ...`), so the label
    ends where the name comes back. A card that repeats the whole label as written (`Ruling
    Prince of Monaco Albert II Ruling Prince of Monaco Albert II (retranslated)`) is cut too.
    """
    words = label.split()
    doubled = _doubled(label)
    if doubled:
        return doubled
    for at in range(1, len(words) - 1):
        given = _card_follows(words, at)
        if given and _office_words(words[at + 2 + given :]):
            first = words[at - given]
            name_start = _CAPITALISED_END.search(first)
            if name_start and name_start.start() > 0 and not first.isupper():  # `MinisterVladimir`
                words[at - given] = f"{first[: name_start.start()]} {name_start.group()}"
            note = _LABEL_NOTE.search(label)  # '(retranslated)' after the card is the label's
            return " ".join(words[: at + 1]) + (" " + note.group().lstrip() if note else "")
    return label


MAX_GIVEN_NAMES = 2
MAX_OFFICE_LOWER = 2  # `A Just Russia Political Party Group leader`
_OFFICE_LINKS = frozenset("of the and for on in to at".split())


def _office_words(words: list[str]) -> bool:
    """What a card gives after the name: an office (`of the Central Bank (Bank of Russia)`),
    not a sentence that goes on (`... discussed bilateral cooperation`): then the name
    is someone spoken of, and the colon further on no label's."""
    lower = [w for w in words if w[:1].islower() and w not in _OFFICE_LINKS and not w.endswith(")")]
    return len(lower) <= MAX_OFFICE_LOWER


def _card_follows(words: list[str], at: int) -> int:
    """How many given names come before `words[at]`, the last word of a name that a card
    follows; 0 where no card does. (`ARNOLD SCHWARZENEGGER Schwarzenegger Arnold`: a card
    gives the name in its own case.)"""
    for given in range(1, min(MAX_GIVEN_NAMES, at) + 1):
        name = [w.casefold() for w in words[at - given : at + 1]]
        if not words[at - given].isupper():
            first = _CAPITALISED_END.search(words[at - given])  # 'BankElvira': a lost space
            if first is None:
                continue
            name[0] = first.group().casefold()
        card = [w.casefold() for w in words[at + 1 : at + 2 + given]]
        surname_first = [name[-1], *name[:-1]]
        if len(card) == given + 1 and (_repeats(card, surname_first) or _repeats(card, name)):
            return given
    return 0


def _repeats(card: list[str], name: list[str]) -> bool:
    """The card's words are the name's, the last perhaps run into the office after it."""
    return card[:-1] == name[:-1] and card[-1].startswith(name[-1])


def _label_colon(paragraph: str) -> int:
    colon = paragraph.find(":", 0, MAX_LABEL_CHARS)
    while colon > 0 and (_in_time(paragraph, colon) or _in_brackets(paragraph, colon)):
        # `Mr DUTTON (Dickson—Leader of the Opposition) (14:02): text`: the time is the label's;
        # `Rocket Lab USA, Inc. (NASDAQ:RKLB) Q4 ...`: a ticker's colon is no label's
        colon = paragraph.find(":", colon + 1, MAX_LABEL_CHARS)
    if colon <= 0:
        return -1
    after = paragraph[colon + 1 : colon + 2]
    if after and not after.isspace() and not after.isupper():
        return -1  # '10:30', 'http://', 'Ratio 3:1'; a dump that lost the space keeps a capital
    return colon


_TIME_IN_PARENS = re.compile(r"\(\d{1,2}:\d\d(?::\d\d)?\)")


def _in_brackets(paragraph: str, colon: int) -> bool:
    """Whether a colon stands inside a bracket opened before it and closed after it."""
    before = paragraph[:colon]
    opened = before.rfind("(")
    return opened > before.rfind(")") and paragraph.find(")", colon) > 0


def _in_time(paragraph: str, colon: int) -> bool:
    """Whether a colon is that of a time in brackets (`(14:02)`)."""
    start = paragraph.rfind("(", max(0, colon - 3), colon)
    return start >= 0 and bool(_TIME_IN_PARENS.match(paragraph, start))


# A voice told apart by its number (`UNIDENTIFIED PERSON #1`, `Caller 2`, `Speaker #3`):
# the words before the number decide.
_VOICE_NUMBER = re.compile(
    r"(?<=\w) ?#\d{1,3}$|(?i:\b(?P<voice>person|male|female|voice|participant|caller|member|man"
    r"|woman|reporter|journalist|questioner|student|protester|child|officer|interviewer"
    r"|respondent|witness) \d{1,3}$)"
)


@lru_cache(maxsize=4096)  # a transcript says its few labels again and again
def looks_like_label(label: str) -> bool:
    label = _VOICE_NUMBER.sub(lambda m: m.group("voice") or "", label.rstrip())
    label = FOREIGN_HONORIFIC.sub("Mr ", label)  # the shape of `Mr Wilders` is a name's
    core = _PARENS.sub(" ", label).strip(" ,;\u00a0")
    tokens = _TOKEN.findall(core)
    if len(tokens) > 1 and tokens[-1].casefold().rstrip(".") in LIST_HEADINGS:
        return False  # `Speaker key:`, `List of participants:`: a list's heading
    if NUMBERED_VOICE.match(core) or _THE_OFFICE.match(core) or INITIALS_NAME.match(core):
        return True
    if OFFICE_THEN_NAME.match(label.strip()):
        return True
    if core.casefold() in GENERIC_PHRASES:
        return True
    plain = " ".join(t for t in tokens if not _ABBREVIATION.match(t))
    if not tokens or (
        "." in plain.rstrip(".") and not _has_honorific(tokens) and not _INITIAL.search(core)
    ):
        return False
    if not tokens[-1][:1].isupper() and len(tokens) > 1:
        return False
    if any(
        t.endswith((".", "!", "?", ";"))
        and t.rstrip(".").casefold() not in HONORIFICS
        and not _INITIAL.match(t)
        and not _ABBREVIATION.match(t)
        for t in tokens[:-1]
    ):
        return False
    first = tokens[0].casefold().rstrip(",;")  # `Naturally, we will discuss ...:`
    if len(tokens) > 1 and tokens[-1].casefold() in FUNCTION_WORDS:
        return False  # 'ORAL ARGUMENT OF:', a heading; no name ends with 'of'
    if len(tokens) == 1:
        return _single_word_label(tokens[0])
    if core.isupper():
        return True
    if first in SENTENCE_OPENERS:
        return False
    return _capitalised_shape(tokens)


def _is_generic_word(label: str) -> bool:
    # 'Question: at what expense?' in a speech is a rhetorical question, not a turn.
    return label.casefold() in GENERIC_LABELS


def _has_honorific(tokens: list[str]) -> bool:
    return any(t.rstrip(".").casefold() in HONORIFICS for t in tokens)


# Who chairs a sitting is named by office alone (`President. – The sitting is opened.`).
PRESIDING = frozenset({"president", "vice-president", "chair", "chairman", "chairwoman"})


# The last word of a list's heading above a transcript (`Speaker key:`, `Panel of Witnesses:`).
LIST_HEADINGS = frozenset(
    _words("key list index contents appearances participants attendees witnesses panelists")
)
# Headings and fields of a transcript's front pages, never a voice (`APPEARANCES:`, `Date:`).
SECTION_WORDS = frozenset(
    _words(
        "appearances contents proceedings speakers witnesses present panelists panellists "
        "attendees index exhibits page pages date place location venue time subject title "
        "transcript agenda"
    )
)


# `Bloomberg: A follow-up question.`, `Wagner: Das Amt ist vertreten.`: one capitalised word
# before the colon and a sentence after it, a voice named in one word; not a word that heads
# a line of a list (`Deadline:`), opens a sentence or names a section of a page.
_ONE_WORD_OPENING = re.compile(r"^([A-Z][a-z’'-]{2,30}): (?=[A-Z“\"‘'(])")
_NOT_A_VOICE = NO_VOICE_WORDS | SENTENCE_OPENERS | SECTION_WORDS


def one_word_opening(paragraph: str) -> re.Match[str] | None:
    """The opening of a paragraph that names a voice in one word (the word: group 1)."""
    match = _ONE_WORD_OPENING.match(paragraph)
    return match if match and match.group(1).casefold() not in _NOT_A_VOICE else None


# A research team's code for a voice of an interview (`I:`, `R:`, `INT:`, `IV:`, `P1:`,
# `Interviewer:`, `Participant 3:`), before the words: a label where codes take turns
# (segment._coded_voices).
_CODE_OPENING = re.compile(
    r"^((?P<code>[A-Z]{1,4}[0-9]{0,2})|[A-Z][a-z’'-]{2,30}(?: [0-9]{1,3})?): (?=\S)"
)


def coded_voice_opening(paragraph: str) -> re.Match[str] | None:
    """The opening of a paragraph that names a voice by a code or one word (group 1)."""
    match = _CODE_OPENING.match(paragraph)
    if match is None or match.group("code"):
        return match
    return match if match.group(1).split()[0].casefold() not in _NOT_A_VOICE else None


# An office named with its article: `The Prime Minister`, `An Ceann Comhairle`.
OFFICE_WITH_ARTICLE = r"(?:The|An) (?:[A-Z][\w’'-]+ ?){1,4}"


_ROMAN_NUMERAL = re.compile(r"^X{0,3}(?:IX|IV|VI{0,3}|I{1,3})$")


def _single_word_label(word: str) -> bool:
    lowered = word.casefold().rstrip(".")
    if lowered in SECTION_WORDS:
        return False
    if lowered in GENERIC_LABELS or lowered in PRESIDING:
        return word[0].isupper()
    if _ROMAN_NUMERAL.match(word):
        return False  # 'II: Tony Lloyd', an item of a numbered list (panels, parts), no voice
    if word.isupper() and len(word) > 1 and word.isalpha():
        return True  # 'SMITH:' in generic transcripts
    return bool(_CAMEL_NAME.match(word))  # 'VladimirPutin', a run-together name


def _capitalised_shape(tokens: list[str]) -> bool:
    if _name_then_verb(tokens):
        return False
    lower_roles = 0
    for token in tokens:
        word = token.strip(",;–—-\"“”‘’'")
        if not word:
            continue
        lowered = word.casefold()
        if lowered in FUNCTION_WORDS or not word[0].isalpha():
            continue
        if word[0].isupper():
            continue
        lower_roles += 1
    if lower_roles > MAX_LOWER_WORDS:
        return False
    return _ends_with_name(tokens) or lower_roles == 0


def _name_then_verb(tokens: list[str]) -> bool:
    """'Vladimir Putin sent his greetings to ...' is a sentence about a person."""
    if len(tokens) < 3 or not (tokens[0][:1].isupper() and tokens[1][:1].isupper()):
        return False
    third = tokens[2].casefold()
    return (
        tokens[2][:1].islower()
        and third not in FUNCTION_WORDS
        and third not in LOWERCASE_ROLE_WORDS
    )


def _ends_with_name(tokens: list[str]) -> bool:
    tail = [t for t in tokens[-2:]]
    return all(t[:1].isupper() and t.casefold() not in FUNCTION_WORDS for t in tail)
