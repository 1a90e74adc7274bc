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

import re
from dataclasses import dataclass
from functools import cache

from onrecord.enrich.gazetteer import Entry, first_names, load, normalize_space

_CAP = r"[A-Z][\w’'-]*"
_CAPS = rf"{_CAP}(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?{_CAP})*"
_ORG_WORDS = (
    "Ministry|Committee|Council|Bank|Company|Corporation|Agency|Service|University|Institute|"
    "Academy|Fund|Foundation|Union|Organisation|Organization|Party|Court|Chamber|Assembly|"
    "Commission|Centre|Center|Club|Association|Society|Church|Theatre|Museum|Parliament|"
    "Government|Administration|Inspectorate|Directorate|Group|Holding|Railways|Airlines"
)
_PLACE_WORDS = (
    "Region|Territory|Republic|Oblast|Krai|Sea|River|Lake|Island|Islands|Peninsula|Province|"
    "District|Mountains|Square|Airport|Bay|Strait|Ocean|Area|Autonomous Area|Street|Avenue"
)
_EVENT_WORDS = "War|Summit|Games|Cup|Forum|Festival|Championship|Revolution|Olympiad|Congress"
_TITLES = (
    "Mr|Mrs|Ms|Madam|Dr|Governor|Minister|Chancellor|Patriarch|Mayor|Ambassador|Senator|"
    "Metropolitan|Archbishop|Bishop|King|Queen|Prince|Emir|Sheikh|General|Admiral|Colonel"
)
_RULES = (
    (
        "org",
        re.compile(
            rf"(?<![\w-])(?:{_CAPS}\s+)?(?:{_ORG_WORDS})(?:\s+(?:of|for)\s+(?:the\s+)?{_CAPS})?(?![\w])"
        ),
    ),
    ("place", re.compile(rf"(?<![\w-]){_CAPS}\s+(?:{_PLACE_WORDS})(?![\w])")),
    ("event", re.compile(rf"(?<![\w-]){_CAPS}\s+(?:{_EVENT_WORDS})(?![\w])")),
)
_TITLED = re.compile(rf"\b(?:{_TITLES})\.?\s+(?P<name>{_CAP}(?:\s+{_CAP})?)")
_GIVEN = re.compile(
    r"(?<![\w-])(?P<given>[A-Z][\w-]+)\s+(?P<surname>[A-Z][a-z][\w’'-]*[a-z])(?![\w])"
)
# Capitalised words that a rule may swallow at a sentence start but that name nothing.
_NOT_NAMES = frozenset(
    "The This That These Those Our Their Its My Your We I It In On At As And But If When So "
    "Today Yesterday Tomorrow Mr President Colleagues Friends Ladies Gentlemen Dear".split()
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
    candidates = [Mention(s, e, entry.type, entry) for s, e, entry in load().find(text)]
    candidates += list(_rule_mentions(text))
    candidates.sort(key=lambda m: (m.start, -m.length, m.entry is None))
    chosen: list[Mention] = []
    for mention in candidates:
        if chosen and mention.start < chosen[-1].end:
            if mention.length > chosen[-1].length and mention.start == chosen[-1].start:
                chosen[-1] = mention
            continue
        chosen.append(mention)
    return chosen


def _rule_mentions(text: str) -> list[Mention]:
    found: list[Mention] = []
    for kind, pattern in _RULES:
        for m in pattern.finditer(text):
            start, end = _trim(text, m.start(), m.end())
            if end - start > 3 and " " in text[start:end]:
                found.append(Mention(start, end, kind, _known(text[start:end])))
    names = first_names()
    for m in _GIVEN.finditer(text):
        if m.group("given") in names and m.group("surname") not in _NOT_NAMES:
            found.append(Mention(m.start(), m.end(), "person", _known(m.group())))
    for m in _TITLED.finditer(text):
        if m.group("name").split()[0] not in _NOT_NAMES:
            found.append(Mention(m.start("name"), m.end("name"), "person", _known(m.group("name"))))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-initial function words a rule took in (`The Russian Geographical ...`)."""
    while True:
        word = re.match(r"(\S+)\s+", text[start:end])
        if not word or (word.group(1) not in _NOT_NAMES and word.group(1)[0].isupper()):
            return start, end
        start += word.end()


@cache
def _known(name: str) -> Entry | None:
    return load().by_alias.get(normalize_space(name))


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
