"""Entity mentions: the gazetteer first, then rules for names it lacks.

Rules (each a regular expression over capitalised words):

- person: a known given name and a capitalised surname (`Radik Batyrshin`), or a title and
  a name (`Mr Kudrin`, `Governor Kozhemyako`: the span is the name only);
- org: capitalised words ending in an organisation word (`Russian Geographical Society`,
  `Ministry of Natural Resources`);
- place: capitalised words ending in a place word (`Tver Region`, `Amur River`);
- event: capitalised words ending in an event word (`Eastern Economic Forum`).

Overlaps go to the longest span, then to the gazetteer. Linked mentions carry the entry's
id; the others `id: None`. A person mention that names one of the document's speakers
carries that speaker's id.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from onrecord.enrich.gazetteer import Entry, common_words, first_names, load, normalize_space
from onrecord.enrich.patterns import matches_at, word_trie

_CAP = r"[A-Z][A-Za-z'-]*"  # no digits (An-148), no possessive (Russia’s Defence Ministry)
_PREFIX = rf"(?:{_CAP}\s+)*"  # capitalised words before the head word
# "of Science and Higher Education", "of the CIS Heads of State": at most two "of" groups.
_SUFFIX_GROUP = rf"\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP}){{0,3}}"
_SUFFIX = rf"(?:{_SUFFIX_GROUP}){{0,2}}"
_END = r"(?:(?![\w’'])|(?=[’']s\b))"  # a possessive ends the name: "the Institute’s laboratory"
# After an "of" group a possessive belongs to what follows: "General Staff of [Russia’s Army]".
_SUFFIX_END = rf"(?:(?:{_SUFFIX_GROUP}){{1,2}}(?![\w’'])|{_END})"
# Official names of states: "Arab Republic of Egypt", "Republic of the Congo".
_STATE_NAME = (
    rf"(?:{_CAP}\s+)*(?:Republic|Kingdom|Federation|Sultanate|Emirate|Principality|"
    rf"Grand Duchy|Commonwealth) of\s+(?:the\s+|The\s+)?"
    rf"(?P<state>{_CAP}(?:\s+{_CAP}|[’'][A-Z]\w*)*)"
)
_ORG_WORDS = (
    "Ministry|Committee|Council|Bank|Company|Corporation|Agency|Service|University|Institute|"
    "Academy|Fund|Foundation|Union|Organisation|Organization|Party|Court|Chamber|Assembly|"
    "Commission|Centre|Center|Club|Association|Society|Church|Theatre|Museum|Parliament|"
    "Administration|Inspectorate|Directorate|Department|Office|Group|Holding|Railways|"
    "Airlines|Forces|Army|Navy|Fleet|Staff|Conservatory|Philharmonic|Orchestra|School|College|"
    "Embassy|Consulate|Federation|League|Enterprise|Hospital|Bureau|Ventures|Partners|"
    "Holdings|Gazette|Ensemble|Choir|Lyceum|Seminary|Motors|Airways|Electric"
)
_PLACE_WORDS = (
    "Region|Territory|Republic|Oblast|Krai|Sea|River|Lake|Island|Islands|Peninsula|Province|"
    "District|Federal District|Mountains|Square|Airport|Bay|Strait|Ocean|Autonomous Area|"
    "Street|Avenue|Refinery|Plant|Field|Pipeline|Pipeline System|Cosmodrome|Spaceport|Port|"
    "Bridge|Memorial|Forest|Park|Palace|Cemetery|Stadium|Arena|Cathedral|Tower|Towers|Canal|"
    "Highway|Gulf|Valley|Desert|Embankment|Boulevard|Prospekt|Station|Hall|Monastery"
)
_EVENT_WORDS = (
    "War|Summit|Games|Cup|Forum|Festival|Championship|Revolution|Olympiad|Olympics|Parade|"
    "Marathon|Tournament|Exhibition|Expo|Week"
)


def _longest_first(words: str) -> str:
    return "|".join(sorted(words.split("|"), key=len, reverse=True))


def _trie(words: str) -> str:
    """`_longest_first` written as a trie (`Mr\\.` is the word `Mr.`): the same matches, as the
    words that fit at one position are tried longest first in both, but each position costs
    a few letters instead of every word. These patterns scan every text."""
    return word_trie(w.replace("\\.", ".") for w in words.split("|"))


_RULES = (
    ("org", re.compile(rf"(?<![\w-]){_PREFIX}(?:{_trie(_ORG_WORDS)}){_SUFFIX_END}")),
    ("place", re.compile(rf"(?<![\w-]){_PREFIX}(?:{_trie(_PLACE_WORDS)}){_END}")),
    # the first letter before the test of what precedes it: the engine skips to R and T
    ("place", re.compile(rf"(?:R(?<![\w-]R)egion|T(?<![\w-]T)erritory) of\s+{_CAP}{_END}")),
    ("place", re.compile(rf"(?<![\w-]){_STATE_NAME}{_END}")),
    ("event", re.compile(rf"(?<![\w-]){_PREFIX}(?:{_trie(_EVENT_WORDS)}){_END}")),
)
_HEAD_WORD = re.compile(
    rf"\b(?:{_ORG_WORDS}|{_PLACE_WORDS}|{_EVENT_WORDS}|Conference|Parliamentary)\b"
)
_SHORT_TITLES = "Mr|Mrs|Ms|Madam|Dr|Patriarch|King|Queen|Prince|Princess|Emir|Sheikh|Governor|Mayor"
_LONG_TITLES = "President|Prime Minister|Chancellor|Minister|Ambassador|Senator"
_TITLED = re.compile(
    rf"\b(?:(?:{_SHORT_TITLES})\.?\s+(?P<short>{_CAP}(?:\s+{_CAP})?)"
    rf"|(?:{_LONG_TITLES})\s+(?P<long>{_CAP}\s+{_CAP}))(?![\w])"
)
# Overlapping matches: "Turkey Alexei Yerkhov" must still try "Alexei Yerkhov".
_GIVEN = re.compile(
    r"(?<![\w-])(?=(?P<given>[A-Z][\w-]+)\s+(?P<surname>[A-Z][a-z][\w'-]*[a-z])(?![\w]))"
)
# Further name words after a given name and surname: "Gabriela Cuevas Barron".
_MORE_NAME = re.compile(r"\s+(?P<word>[A-Z][a-z][\w'-]*[a-z])(?![\w’'-])")
_OFFICE_BEFORE = re.compile(
    r"\b(?:President|Speaker|Director|Director General|Chairman|Chairwoman|Head|Minister|"
    r"Secretary|Secretary General|Ambassador|Governor|Mayor|Chief|Leader|Prime Minister|King|"
    r"Emir|Chancellor|Commissioner|Representative)\s+(?:of|to)\s+(?:the\s+)?$"
)
_NAME_AFTER = re.compile(
    r"\s+(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}(?:(?:al|el|bin|ibn|van|von|de|da)[- ])?[A-Z][\w'’-]*\w)"
    r"(?![\w])"
)
# A title, or a chain of them, then one to three name words: `President Erdogan`,
# `Defence Minister Sergei Shoigu`, `Secretary General Antonio Guterres`. Each name word must
# not be an English word (`General Electric`), an office or an organisation's head word.
_TITLE_WORDS = (
    "President|Vice-President|Vice President|Prime Minister|Chancellor|Minister|Ambassador|"
    "Senator|Secretary General|Director General|Secretary|Speaker|Chairman|Chairwoman|"
    "Governor|Mayor|Deputy|Academician|Professor|Cardinal|Archbishop|Metropolitan|Bishop|"
    "Sultan|Crown Prince|Emir|Sheikh|King|Queen|Prince|Princess|Pope|Patriarch|Marshal|"
    "Admiral|General|Colonel|Lieutenant|Captain|Commander|Coach|Premier|Foreign Minister|"
    "Defence Minister|Mr|Mrs|Ms|Madam|Dr|Mr\\.|Mrs\\.|Ms\\.|Dr\\."
)
_TITLE_TOKENS = frozenset(_TITLE_WORDS.replace("\\.", "").replace("|", " ").split()) | {"Editor"}
_TITLE_CHAIN = re.compile(rf"(?<![\w-])(?:(?:{_trie(_TITLE_WORDS)})[ \u00a0]+)+(?=[A-Z])")
_NAME_WORD = re.compile(r"(?P<word>[A-Z][a-z]+(?:-[A-Za-z][a-z]+|[’'][A-Z][a-z]+)*)(?![\w])")
# Between name words: a space, or a particle (`Charles de Gaulle`, `Mohammed bin Salman`).
_PARTICLE_GAP = re.compile(
    r"[ \u00a0]+(?:(?:de|da|dos|du|van|von|der|bin|ibn|al|el|la|le)[ \u00a0-])?"
)
# A capitalised word and a surname by its ending: `Rasul Gamzatov`, `Jorgen Pettersson`.
_SURNAME_ENDINGS = (
    "ov|ova|ev|eva|yev|yeva|iev|ieva|sky|skiy|skii|skaya|ski|ska|enko|chuk|yuk|vich|vych|"
    "yan|ian|dze|shvili|escu|sson|ssen|son|sen|ez|oglu|zadeh|bayev|bayeva"
)
_SHAPED = re.compile(
    r"(?<![\w’'-])(?=(?P<given>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \u00a0]+"
    rf"(?P<surname>[A-Z][a-z]+(?:{_longest_first(_SURNAME_ENDINGS)}))(?![\w-]))"
)
# Adjectives of place that end like surnames (`Eminent Russian musician`).
_DEMONYMS = frozenset(
    "Russian Armenian Indian Italian Canadian Brazilian Australian Austrian Belarusian Asian "
    "Christian Iranian Syrian Georgian Egyptian Ethiopian Nigerian Algerian Norwegian Hungarian "
    "Bulgarian Romanian Serbian Croatian Estonian Latvian Lithuanian Ukrainian Mongolian "
    "Malaysian Indonesian Cambodian Palestinian Jordanian Tunisian Libyan Mauritanian "
    "Colombian Peruvian Bolivian Argentinian Ecuadorian Caucasian Siberian Eurasian Bosnian "
    "Macedonian Slovenian Albanian Arabian Persian Tanzanian Kenyan Ghanaian Zambian Namibian "
    "Gambian Guinean Liberian Tajik Uzbek Kazakh Kyrgyz Turkmen Azerbaijani Arab Olympic "
    "Orthodox Muslim Jewish Catholic Buddhist Slavic Soviet Nazi".split()
)
_LANGUAGE_ENDING = re.compile(r"(?:ian|ean|ese|ish|ic)$")  # `in Spanish`, `in Chinese`
_DEMONYM_ENDING = re.compile(r"(?:ian|ean|ese|ish|ic|an|ern)$")
# An acronym that the gazetteer lacks is an organisation (`NASA`, `KVN`, `WADA`), unless it
# is one of these (read from the acronyms of all DEV pages: terms, units, products, treaties).
_NOT_ORG_ACRONYMS = frozenset(
    "II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI CEO CFO CTO GDP "
    "GRP LNG TV IT AI VAT ABM ICBM INF START GLONASS MW GW USD RUB EUR FM AM PM SMS MMS DNA "
    "NPP NPO PPP OK EBITDA BMD QR EGE THE OF DWI IP MS PDA KPI CT PE IVF COVID PPE HEPA ID "
    "LGBT MVA ICT MRI CNC ERP WMD VIP PR LLC OJSC JSC OAO CJSC PLC IFRS SU ECMO TPP JCPOA "
    "UGS SPG REW NPR IBS MEP PAK CST AC MP FA RR OVR DEPUTY BRANCH RUSSIAN ACADEMY VALERY "
    "SME SMES NGO NGOS HIV AIDS SARS GMO CO UN A B C D E I X Q R&D SKD".split()
)
# Patterns that start with a capital letter test what precedes it after it
# (`[A-Z](?<![\w-][A-Z])` for `(?<![\w-])[A-Z]`): the same matches, and the regular expression
# engine skips to the next capital letter instead of trying every position.
_ACRONYM = re.compile(
    r"[A-Z](?<![\w.’'-][A-Z])[A-Z0-9&]{1,7}(?:\.[A-Z]{2,3})?(?:(?![\w’'-])|(?=[’']s\b))"
)
# A place named by what it is: `the town of Yeruda`, `the village of Maryino`.
_PLACE_CUE = re.compile(
    r"\b(?:town|city|village|settlement|hamlet|region|province|district|island|port|resort|"
    r"republic|capital|suburb|outskirts) of[ \u00a0]+"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*(?:[ \u00a0][A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)?)(?![\w])"
)
# `in Botlikh`, `near Lough Erne`: name-like words after a preposition of place.
_IN_PLACE = re.compile(
    r"\b(?:in|near|outside)[ \u00a0]+(?P<name>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*"
    r"(?:[ \u00a0][A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)?)(?![\w’'-]|[ \u00a0][A-Z])"
)
# `Amjad Odeh Adaileh (Hashemite Kingdom of Jordan)`: a name, then the country in brackets.
_NAME_THEN_COUNTRY = re.compile(
    r"(?P<name>[A-Z](?<![\w’'-][A-Z])[a-z]+(?:-[A-Za-z][a-z]+)*"
    r"(?:[ \u00a0](?:(?:bin|ibn|al|el|de|da|van|von)[ \u00a0])?"
    r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*){1,4})"
    r"[ \u00a0]\((?P<country>[^()]{3,60})\)"
)
# Organisations named by a common noun after a name: `Elbrus Capital`, `Hockey Legends Team`.
_WEAK_ORG = re.compile(
    r"(?P<name>[A-Z](?<![\w’'-][A-Z])[\w-]+[ \u00a0](?:[A-Z][\w-]+[ \u00a0]){0,2})"
    r"(?:Capital|Team|Board|Media)(?![\w-])"
)
_OPERATION = re.compile(
    r"Operation(?<![\w-]Operation)[ \u00a0][A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+)?(?![\w])"
)
# `Northern Machine-Building Enterprise (Sevmash)`: the name in brackets names the same thing.
_BRACKETED = re.compile(r"[ \u00a0]*\((?P<name>[A-Z][\w.&-]+(?:[ \u00a0][A-Z][\w.&-]+){0,2})\)")
_REGNAL = re.compile(r"\s+(?:I|II|III|IV|V|VI|VII|VIII)(?![\w])")
# Capitalised words that a rule may swallow at a sentence start but that name nothing.
_NOT_NAMES = frozenset(
    "The This That These Those Our Their Its My Your We I It In On At As And But If When So "
    "Today Yesterday Tomorrow Mr President Colleagues Friends Ladies Gentlemen Dear Director "
    "Chairman Head Chief Deputy Honorary Professor Joint Statement Resolution Minister Acting "
    "Staff Extraordinary Plenipotentiary Secretary Speaker Aide Adviser Envoy Representative "
    "Commissioner Officer Executive CEO Governor Chancellor Ambassador Senator Prime-Minister "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Nazi Soviet Christmas Easter "
    "Moon Mars Earth Government".split()
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str
    entry: Entry | None

    @property
    def length(self) -> int:
        return self.end - self.start


def find_mentions(text: str, known: dict[str, Entry | None] | None = None) -> list[Mention]:
    """Non-overlapping mentions in `text`, in order.

    A person named in full (`Recep Tayyip Erdogan`, `Mr Magnitsky`) makes their surname alone a
    person mention elsewhere in the text, linked like the full name; `known` adds surnames
    learned elsewhere in the document (its speakers, earlier turns).
    """
    gazetteer = [Mention(s, e, entry.type, entry) for s, e, entry in load().find(text)]
    places = [m for m in gazetteer if m.type == "place"]
    starts = [p.start for p in places]
    cut = [_cut_at_place(m, places, starts, text) for m in _rule_mentions(text)]
    candidates = gazetteer + cut
    candidates.sort(key=lambda m: (m.start, -m.length, m.entry is None))
    chosen: list[Mention] = []
    for mention in candidates:
        if chosen and mention.start < chosen[-1].end:
            if mention.length > chosen[-1].length and mention.start == chosen[-1].start:
                chosen[-1] = mention
            continue
        chosen.append(mention)
    chosen = _bracketed(text, _people_after_offices(text, chosen))
    learned = learn_names(chosen, text)
    if known:
        learned = {**known, **learned}
    return known_surnames(text, chosen, learned)


def _cut_at_place(mention: Mention, places: list[Mention], starts: list[int], text: str) -> Mention:
    """`Grand National Assembly of Turkey Mustafa Sentop`: the org ends with its place."""
    if mention.type != "org":
        return mention
    for i in range(bisect.bisect_left(starts, mention.start), len(places)):
        place = places[i]
        if place.start >= mention.end:
            break
        rest = text[place.end : mention.end]
        inside = mention.start < place.start and place.end < mention.end
        if inside and _NAME_AFTER.fullmatch(rest) and not _HEAD_WORD.search(rest):
            return Mention(mention.start, place.end, "org", None)
    return mention


def _people_after_offices(text: str, chosen: list[Mention]) -> list[Mention]:
    """`President of the Pan-African Parliament Roger Nkodo Dang`: the name after an office."""
    out: list[Mention] = []
    for i, mention in enumerate(chosen):
        out.append(mention)
        if mention.type not in ("org", "place"):
            continue
        if not _OFFICE_BEFORE.search(text, max(0, mention.start - 40), mention.start):
            continue
        m = _NAME_AFTER.match(text, mention.end)
        next_start = chosen[i + 1].start if i + 1 < len(chosen) else len(text)
        name = m.group("name") if m else ""
        if m and m.end() <= next_start and not set(name.split()) & _NOT_NAMES:
            if _HEAD_WORD.search(name):
                continue  # "Parliamentary Conference ...": more of an organisation's name
            out.append(Mention(m.start("name"), m.end("name"), "person", _known_person(name)))
    return out


# A capital letter that starts a word. Every match of `_RULES`, `_GIVEN`, `_TITLED`,
# `_TITLE_CHAIN` and `_SHAPED` starts at one (their first letter is a capital that no word
# character precedes), so they are tried there only, see `patterns.matches_at`.
_CAPITAL = re.compile(r"[A-Z](?<!\w[A-Z])")


def _capitals(text: str) -> list[int]:
    return [m.start() for m in _CAPITAL.finditer(text)]


def _rule_mentions(text: str) -> list[Mention]:
    found: list[Mention] = []
    capitals = _capitals(text)
    for kind, pattern in _RULES:
        for m in matches_at(pattern, text, capitals):
            start, end = _trim(text, m.start(), m.end())
            name = text[start:end]
            if end - start > 3 and " " in name.replace("\u00a0", " ") and name[0].isupper():
                state = m.groupdict().get("state")
                entry = _known(name)
                if state:
                    end, entry = _state_end(text, m.start("state"), end, entry)
                found.append(Mention(start, end, kind, entry))
    names = first_names()
    for m in matches_at(_GIVEN, text, capitals):
        if m.group("given") in names and m.group("surname") not in _NOT_NAMES:
            start, end = m.start("given"), _more_name_end(text, m.end("surname"))
            found.append(Mention(start, end, "person", _known_person(text[start:end])))
    for m in matches_at(_TITLED, text, capitals):
        group = "short" if m.group("short") else "long"
        if not set(m.group(group).split()) & _NOT_NAMES:
            start, end = m.start(group), _regnal_end(text, m.end(group))
            found.append(Mention(start, end, "person", _known_person(text[start:end])))
    found += _titled_names(text, capitals)
    found += _shaped_names(text, names, capitals)
    found += _acronyms(text)
    for m in _PLACE_CUE.finditer(text):
        if all(_name_like(w) for w in m.group("name").split()):
            found.append(Mention(m.start("name"), m.end("name"), "place", _known(m.group("name"))))
    for m in _IN_PLACE.finditer(text):
        words = m.group("name").split()
        if words[0] in names or _known(m.group("name")) or _LANGUAGE_ENDING.search(words[0]):
            continue
        if all(_name_like(w) for w in words):
            found.append(Mention(m.start("name"), m.end("name"), "place", None))
    for m in _NAME_THEN_COUNTRY.finditer(text):
        found += _name_then_country(m, names)
    for m in _WEAK_ORG.finditer(text):
        if not any(w in _NOT_NAMES or w.lower() in common_words() for w in m.group("name").split()):
            found.append(Mention(m.start(), m.end(), "org", _known(m.group())))
    found += [
        Mention(m.start(), m.end(), "event", _known(m.group())) for m in _OPERATION.finditer(text)
    ]
    return found


_STATE_NAME_ONLY = re.compile(rf"(?:the\s+|The\s+)?{_STATE_NAME}")


def _is_country(text: str) -> bool:
    """`Russia`, `the Republic of Ghana`, `Hashemite Kingdom of Jordan`."""
    known = _known(re.sub(r"^(?:the|The)\s+", "", text))
    if known is not None:
        return known.type == "place"
    return _STATE_NAME_ONLY.fullmatch(text) is not None


def _name_then_country(m: re.Match[str], names: frozenset[str]) -> list[Mention]:
    """`Woo Yoon-keun (Republic of Korea)`: name-like words, then a country in brackets."""
    words = m.group("name").split()
    if not _is_country(m.group("country")) or _other_than_person(m.group("name")):
        return []
    if words[0] in names or (_name_like(words[0]) and _name_like(words[-1])):
        name = m.group("name")
        return [Mention(m.start("name"), m.end("name"), "person", _known_person(name))]
    return []


def _name_like(word: str) -> bool:
    """A capitalised word that may be part of a name: not an English word, office or head word."""
    return (
        not set(word.split("-")) & _NOT_NAMES
        and word not in _DEMONYMS
        and word not in _TITLE_TOKENS
        and word.removesuffix("s") not in _TITLE_TOKENS
        and word.lower() not in common_words()
        and not _HEAD_WORD.fullmatch(word)
        and not _other_than_person(word)
    )


def _other_than_person(name: str) -> bool:
    entry = _known(name)
    return entry is not None and entry.type != "person"


def _titled_names(text: str, capitals: list[int]) -> list[Mention]:
    """`President Erdogan`, `Defence Minister Sergei Shoigu`: the name after a title."""
    out = []
    given = first_names()
    for m in matches_at(_TITLE_CHAIN, text, capitals):
        end = start = m.end()
        for _ in range(3):
            word = _NAME_WORD.match(text, end)
            if not word or not (word.group() in given or _name_like(word.group())):
                break
            end = word.end()
            gap = _PARTICLE_GAP.match(text, end)
            if not gap or not _NAME_WORD.match(text, gap.end()):
                break
            end_with_gap = gap.end()
            nxt = _NAME_WORD.match(text, end_with_gap)
            if not nxt or not (nxt.group() in given or _name_like(nxt.group())):
                break
            end = end_with_gap
        if end > start and text[end - 1].isalpha():
            end = _regnal_end(text, end)
            name = text[start:end]
            if _other_than_person(name):
                continue
            if text.startswith("]", end):
                continue  # an editor's insertion: "[Foreign Minister Sergei] Lavrov"
            out.append(Mention(start, end, "person", _known_person(name)))
    return out


def _shaped_names(text: str, given_names: frozenset[str], capitals: list[int]) -> list[Mention]:
    """`Rasul Gamzatov`: a name-like word and a word with a surname's ending."""
    out = []
    for m in matches_at(_SHAPED, text, capitals):
        given, surname = m.group("given"), m.group("surname")
        if given in given_names or not _name_like(given) or not _name_like(surname):
            continue  # given names are the given-name rule's
        if _DEMONYM_ENDING.search(given):
            continue  # "Russian Ivanov" is not a name
        start, end = (
            _more_name_start(text, m.start("given")),
            _more_name_end(text, m.end("surname")),
        )
        out.append(Mention(start, end, "person", _known_person(text[start:end])))
    return out


_NAME_BEFORE = re.compile(r"(?:^|(?<=[^\w’'-]))([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \u00a0]+$")


def _more_name_start(text: str, start: int) -> int:
    """`Efren Arnoldo Bernal Chevez`: up to two name-like words before the given name."""
    for _ in range(2):
        m = _NAME_BEFORE.search(text, max(0, start - 30), start)
        if not m or not _name_like(m.group(1)) or _DEMONYM_ENDING.search(m.group(1)):
            break
        start = m.start(1)
    return start


def _acronyms(text: str) -> list[Mention]:
    out = []
    for m in _ACRONYM.finditer(text):
        word = m.group()
        if word in _NOT_ORG_ACRONYMS or any(c.isdigit() for c in word) or _known(word):
            continue
        out.append(Mention(m.start(), m.end(), "org", None))
    return out


def _bracketed(text: str, chosen: list[Mention]) -> list[Mention]:
    """`Northern Machine-Building Enterprise (Sevmash)`: an organisation's other name."""
    out: list[Mention] = []
    for i, mention in enumerate(chosen):
        out.append(mention)
        if mention.type != "org":
            continue
        m = _BRACKETED.match(text, mention.end)
        if not m:
            continue
        start, end = m.start("name"), m.end("name")
        if not _name_like(m.group("name")) and not m.group("name").isupper():
            continue  # "Council of Ministers (Government)"
        if i + 1 < len(chosen) and chosen[i + 1].start < end:
            if (chosen[i + 1].start, chosen[i + 1].end) != (start, end):
                continue
            chosen[i + 1] = Mention(start, end, "org", chosen[i + 1].entry or mention.entry)
            continue
        out.append(Mention(start, end, "org", _known(text[start:end]) or mention.entry))
    return out


_POSSESSIVE = re.compile(r"[’']s$")


def learn_names(mentions: list[Mention], text: str) -> dict[str, Entry | None]:
    """Surnames of the people named in `text`, for later mentions by surname alone."""
    known: dict[str, Entry | None] = {}
    for m in mentions:
        if m.type != "person":
            continue
        words = normalize_space(text[m.start : m.end]).split()
        surname = _POSSESSIVE.sub("", words[-1]) if words else ""
        if len(surname) > 2 and surname[0].isupper() and not _REGNAL.fullmatch(" " + surname):
            known.setdefault(surname, m.entry)
    return known


def speaker_surnames(speakers: dict[str, str]) -> dict[str, Entry | None]:
    """The surnames of a document's named speakers, linked through the gazetteer."""
    known: dict[str, Entry | None] = {}
    for name in speakers.values():
        words = normalize_space(name).split()
        if len(words) >= 2 and len(words[-1]) > 2 and words[-1][0].isupper():
            known.setdefault(words[-1], _known_person(" ".join(words)))
    return known


def known_surnames(
    text: str, mentions: list[Mention], known: dict[str, Entry | None]
) -> list[Mention]:
    """`mentions` plus each bare surname of a person already named in the document."""
    names = tuple(sorted(k for k in known if k.lower() not in common_words()))
    if not names:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for start, name in _surnames_in(text, names):
        end = start + len(name)
        if any(s < end and start < e for s, e in taken):
            continue
        before = _NAME_BEFORE.search(text, max(0, start - 30), start)
        if (
            before
            and _name_like(before.group(1))
            and not _TITLE_BEFORE.search(text, max(0, start - 40), start)
        ):
            continue  # part of a longer name ("Alexander Rumyantsev" is taken already)
        added.append(Mention(start, end, "person", known[name]))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


_TITLE_BEFORE = re.compile(rf"(?:{_longest_first(_TITLE_WORDS)})[ \u00a0]+$")


def _surnames_in(text: str, names: tuple[str, ...]) -> list[tuple[int, str]]:
    """(start, name) of each of `names` said as a word, as the regular expression
    `(?<![\\w’'-])(?:name1|name2|...)(?![\\w-])` finds them (names in that order): at a
    start where several fit, the first; scanning on after the end of each.

    Each document has its own names, and compiling that expression for each took longer
    than finding them with `str.find`.
    """
    if "" in names:  # an empty name matches everywhere: leave that to the regex engine
        pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
        return [(m.start(), m.group()) for m in pattern.finditer(text)]
    at: dict[int, str] = {}
    for name in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if (
                start not in at
                and not (start and _joins(text[start - 1], "’'-"))
                and not (end < len(text) and _joins(text[end], "-"))
            ):
                at[start] = name
            start = text.find(name, start + 1)
    found: list[tuple[int, str]] = []
    scanned = 0
    for start in sorted(at):
        if start >= scanned:
            found.append((start, at[start]))
            scanned = start + len(at[start])
    return found


def _joins(char: str, marks: str) -> bool:
    """Whether `char` would continue a word: `\\w` in a regular expression, or one of `marks`."""
    return char.isalnum() or char == "_" or char in marks


def _state_end(
    text: str, state_start: int, end: int, entry: Entry | None
) -> tuple[int, Entry | None]:
    """`Arab Republic of Egypt Abdel Fattah el-Sisi`: the state's name ends with the country."""
    known = load().pattern.match(text, state_start)
    if known is None:
        return end, entry
    country = load().by_alias[normalize_space(known.group())]
    return known.end(), entry or country


def _more_name_end(text: str, end: int) -> int:
    """Up to two more name words that are not known names of something else."""
    for _ in range(2):
        m = _MORE_NAME.match(text, end)
        if not m or m.group("word") in _NOT_NAMES or _known(m.group("word")):
            break
        if _HEAD_WORD.fullmatch(m.group("word")):
            break
        end = m.end()
    return _regnal_end(text, end)


def _regnal_end(text: str, end: int) -> int:
    """`Juan Carlos I`: a regnal number belongs to the name."""
    m = _REGNAL.match(text, end)
    return m.end() if m and not text[m.end() : m.end() + 1].isalpha() else end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-initial function words a rule took in (`The Russian Geographical ...`)."""
    while True:
        word = re.match(r"(\S+)\s+", text[start:end])
        if not word or (word.group(1) not in _NOT_NAMES and word.group(1) != "and"):
            return start, end
        start += word.end()


@cache
def _known(name: str) -> Entry | None:
    return load().by_alias.get(normalize_space(name))


def _known_person(name: str) -> Entry | None:
    return _known(name) or fuzzy_person(normalize_space(name))


# Transliterations differ by a letter or two (Kocharian / Kocharyan, Heidar / Heydar).
FUZZY_SURNAME_EDITS = 1
FUZZY_GIVEN_EDITS = 2


@cache
def fuzzy_person(name: str) -> Entry | None:
    """The one gazetteer person whose name differs from `name` by transliteration only."""
    words = name.split()
    if len(words) < 2:
        return None
    index = _surname_index()
    if FUZZY_SURNAME_EDITS > 1:  # the index finds surnames one edit apart, no further
        candidates = {pair for pairs in index.values() for pair in pairs}
    else:
        candidates = {pair for key in _deletions(words[-1]) for pair in index.get(key, ())}
    found = {
        entry.id: entry
        for given, surname, entry in candidates
        if _edits(surname, words[-1]) <= FUZZY_SURNAME_EDITS
        and _edits(given, words[0]) <= FUZZY_GIVEN_EDITS
        and given[:1] == words[0][:1]
    }
    return next(iter(found.values())) if len(found) == 1 else None


@cache
def _people() -> tuple[Entry, ...]:
    return tuple(e for e in load().entries.values() if e.type == "person")


def _deletions(word: str) -> set[str]:
    """The word and every string one letter shorter: two words within one edit share one."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@cache
def _surname_index() -> dict[str, list[tuple[str, str, Entry]]]:
    """Each person's (given name, surname) pairs under `_deletions` of the surname.

    A surname within FUZZY_SURNAME_EDITS (one) of another shares a key with it (the same
    word, one letter more, or the same letter changed), so `fuzzy_person` compares a name
    with a handful of people instead of every person in the gazetteer.
    """
    index: dict[str, list[tuple[str, str, Entry]]] = {}
    for entry in _people():
        for given, surname in _name_pairs(entry):
            for key in _deletions(surname):
                index.setdefault(key, []).append((given, surname, entry))
    return index


def _name_pairs(entry: Entry) -> list[tuple[str, str]]:
    names = [n.split() for n in (entry.name, *entry.aliases)]
    return [(n[0], n[-1]) for n in names if len(n) >= 2]


def _edits(a: str, b: str) -> int:
    """Levenshtein distance, stopping early: only small distances matter here."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def speaker_for(mention_name: str, speakers: dict[str, str]) -> str | None:
    """The id of the document speaker a person mention names (full name or surname)."""
    words = mention_name.split()
    for speaker_id, name in speakers.items():
        parts = name.split()
        if not parts:
            continue
        if name.endswith(mention_name) or (len(words) == 1 and parts[-1] == words[0]):
            return speaker_id
    return None
