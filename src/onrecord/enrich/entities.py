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

from onrecord.enrich.gazetteer import Entry, first_names, load, normalize_space

_CAP = r"[A-Z][A-Za-z'-]*"  # no digits (An-148), no possessive (Russia’s Defence Ministry)
_PREFIX = rf"(?:{_CAP}\s+)*"  # capitalised words before the head word
# "of Science and Higher Education", "of the CIS Heads of State": at most two "of" groups.
_SUFFIX = rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP}){{0,3}}){{0,2}}"
_END = r"(?![\w’'])"
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
    "Airlines|Forces|Army|Navy|Fleet|Staff|Conservatory|Philharmonic|Orchestra|School|College"
)
_PLACE_WORDS = (
    "Region|Territory|Republic|Oblast|Krai|Sea|River|Lake|Island|Islands|Peninsula|Province|"
    "District|Federal District|Mountains|Square|Airport|Bay|Strait|Ocean|Autonomous Area|"
    "Street|Avenue|Refinery|Plant|Field|Pipeline|Pipeline System|Cosmodrome|Spaceport|Port|"
    "Bridge"
)
_EVENT_WORDS = "War|Summit|Games|Cup|Forum|Festival|Championship|Revolution|Olympiad"


def _longest_first(words: str) -> str:
    return "|".join(sorted(words.split("|"), key=len, reverse=True))


_RULES = (
    ("org", re.compile(rf"(?<![\w-]){_PREFIX}(?:{_longest_first(_ORG_WORDS)}){_SUFFIX}{_END}")),
    ("place", re.compile(rf"(?<![\w-]){_PREFIX}(?:{_longest_first(_PLACE_WORDS)}){_END}")),
    ("place", re.compile(rf"(?<![\w-])(?:Region|Territory) of\s+{_CAP}{_END}")),
    ("place", re.compile(rf"(?<![\w-]){_STATE_NAME}{_END}")),
    ("event", re.compile(rf"(?<![\w-]){_PREFIX}(?:{_longest_first(_EVENT_WORDS)}){_END}")),
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
_REGNAL = re.compile(r"\s+(?:I|II|III|IV|V|VI|VII|VIII)(?![\w])")
# Capitalised words that a rule may swallow at a sentence start but that name nothing.
_NOT_NAMES = frozenset(
    "The This That These Those Our Their Its My Your We I It In On At As And But If When So "
    "Today Yesterday Tomorrow Mr President Colleagues Friends Ladies Gentlemen Dear Director "
    "Chairman Head Chief Deputy Honorary Professor Joint Statement Resolution Minister Acting "
    "Staff Extraordinary Plenipotentiary Secretary Speaker Aide Adviser Envoy Representative "
    "Commissioner Officer Executive CEO Governor Chancellor Ambassador Senator".split()
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


def find_mentions(text: str) -> list[Mention]:
    """Non-overlapping mentions in `text`, in order."""
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
    return _people_after_offices(text, chosen)


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


def _rule_mentions(text: str) -> list[Mention]:
    found: list[Mention] = []
    for kind, pattern in _RULES:
        for m in pattern.finditer(text):
            start, end = _trim(text, m.start(), m.end())
            name = text[start:end]
            if end - start > 3 and " " in name.replace("\u00a0", " ") and name[0].isupper():
                state = m.groupdict().get("state")
                entry = _known(name)
                if state:
                    end, entry = _state_end(text, m.start("state"), end, entry)
                found.append(Mention(start, end, kind, entry))
    names = first_names()
    for m in _GIVEN.finditer(text):
        if m.group("given") in names and m.group("surname") not in _NOT_NAMES:
            start, end = m.start("given"), _more_name_end(text, m.end("surname"))
            found.append(Mention(start, end, "person", _known_person(text[start:end])))
    for m in _TITLED.finditer(text):
        group = "short" if m.group("short") else "long"
        if not set(m.group(group).split()) & _NOT_NAMES:
            start, end = m.start(group), _regnal_end(text, m.end(group))
            found.append(Mention(start, end, "person", _known_person(text[start:end])))
    return found


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
    found = {
        entry.id: entry
        for entry in _people()
        for given, surname in _name_pairs(entry)
        if _edits(surname, words[-1]) <= FUZZY_SURNAME_EDITS
        and _edits(given, words[0]) <= FUZZY_GIVEN_EDITS
        and given[:1] == words[0][:1]
    }
    return next(iter(found.values())) if len(found) == 1 else None


@cache
def _people() -> tuple[Entry, ...]:
    return tuple(e for e in load().entries.values() if e.type == "person")


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
