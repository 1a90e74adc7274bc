"""Who is who across a whole document, beyond what each label says.

`speakers.resolve_speakers` turns the labels of a document into its people; what the
document says elsewhere settles the rest: an office named alone is its holder of the moment
(the chair changes hands during a sitting), a deposition's `Q` is whoever examines the
witness, a list of who takes part gives jobs, and a key of initials gives names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onrecord.model import Speaker, Turn
from onrecord.names import slug
from onrecord.parse.examination import examiners
from onrecord.parse.label_lines import MAX_KEY_NAME_WORDS
from onrecord.parse.labels import OFFICE_THEN_NAME
from onrecord.parse.speakers import (
    OFFICE_WORDS,
    collapse,
    core_label,
    person_name,
    resolve_speakers,
    unique_id,
)


def people(turns: list[Turn], preamble: list[str]) -> list[Speaker]:
    """The people of a document's turns, each turn's `speaker` set: by its label, an office
    alone by its holder of the moment, a deposition's `Q` by its examiner and `A` by its
    witness; the jobs of a list of who takes part and the names of a key of initials, above
    the first turn."""
    if not any(turn.label for turn in turns):
        return []  # four pages in five: a news item, a speech with no label
    asked = examiners(turns, preamble)
    labels = [turn.label for turn in turns if turn.label]
    speakers, label_to_id = resolve_speakers(list(dict.fromkeys([*labels, *asked.values()])))
    labelled = [turn for turn in turns if turn.label]
    by_id = {speaker.id: speaker for speaker in speakers}
    for turn, speaker in zip(labelled, chairs_followed(labels, label_to_id), strict=True):
        turn.speaker = label_to_id[asked[turn.index]] if turn.index in asked else speaker
        if turn.label not in by_id[turn.speaker].labels:
            by_id[turn.speaker].labels.append(turn.label)
    heard = {turn.speaker for turn in turns}
    speakers = [speaker for speaker in speakers if speaker.id in heard]
    roles_from_cast(preamble, speakers)
    names_from_key(preamble, turns, speakers)
    return speakers


def chairs_followed(labels: list[str], ids: dict[str, str]) -> list[str]:
    """The speaker id of each turn's label, in the document's order. An office named alone
    (`The PRESIDING OFFICER`) is the holder last named in it above (`The PRESIDING OFFICER
    (Mr. Isakson)`): the chair changes hands during a sitting, and the record names the new
    holder once. Above the first holder named, `resolve_speakers`' choice stands."""
    holder: dict[str, str] = {}
    followed = []
    for label in labels:
        named = OFFICE_THEN_NAME.match(collapse(label))
        if named:
            holder[named.group("office").rstrip(",").casefold()] = ids[label]
        followed.append(holder.get(core_label(label).casefold(), ids.get(label, "")))
    return followed


# Words of a job in a list of who takes part (`Peter Beck - Founder and Chief Executive
# Officer`); a firm after an analyst's name (`Erik Rasmussen - Stifel`) is no role.
CAST_ROLE_WORDS = OFFICE_WORDS | frozenset(
    "officer head founder manager analyst counsel partner vice ceo cfo coo cto".split()
)
MAX_CAST_ROLE_WORDS = 10


def roles_from_cast(preamble: list[str], speakers: list[Speaker]) -> None:
    """Give the people of a document the jobs a list of who takes part gives them above the
    first turn (`Peter Beck - Founder and Chief Executive Officer Adam Spice - Chief
    Financial Officer`, as earnings calls print it: a name of the turns, a dash, the job)."""
    people = {s.name: s for s in speakers if not s.generic and " " in s.name}
    if not people or not any(" - " in p or " – " in p or " — " in p for p in preamble):
        return
    names = "|".join(re.escape(name) for name in sorted(people, key=len, reverse=True))
    entry = re.compile(rf"(?<![\w-])({names})\s+[-–—]\s+")
    for name, role in _entries(preamble, entry):
        words = role.casefold().replace(",", " ").split()
        speaker = people[name]
        job = len(words) <= MAX_CAST_ROLE_WORDS and CAST_ROLE_WORDS.intersection(words)
        if job and role not in speaker.roles:
            speaker.roles.append(role)


_INITIALS_LABEL = re.compile(r"^[A-Z]{2,4}$")


def names_from_key(preamble: list[str], turns: list[Turn], speakers: list[Speaker]) -> None:
    """A key of initials above the first turn (`Speaker key: TJ Tarik Jasarevic TAG Dr Tedros
    Adhanom Ghebreyesus`, as the WHO prints it) names the people its labels stand for: each
    speaker labelled by keyed initials alone takes the name, and a new id from it."""
    initials = {t.label for t in turns if _INITIALS_LABEL.match(t.label)}
    if not initials:
        return
    entry = re.compile(rf"(?<!\S)({'|'.join(sorted(initials))})\s+")
    keyed: dict[str, str] = {}
    for key, name in _entries(preamble, entry):
        if name and len(name.split()) <= MAX_KEY_NAME_WORDS and name[:1].isupper():
            keyed.setdefault(key, person_name(name))
    renamed: dict[str, str] = {}
    taken = {speaker.id for speaker in speakers}
    for speaker in speakers:
        names = {keyed.get(label) for label in speaker.labels}
        if len(names) == 1 and None not in names:
            name = str(names.pop())
            ident = unique_id(slug(name) or speaker.id, taken)
            taken.add(ident)
            renamed[speaker.id] = ident
            speaker.id, speaker.name = ident, name
    for turn in turns:
        turn.speaker = renamed.get(turn.speaker, turn.speaker)


def _entries(preamble: list[str], entry: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """(key, what follows it up to the next key) for each entry of a list that the lines
    above the first turn run together (`TJ Tarik Jasarevic TAG Dr Tedros ...`)."""
    for paragraph in preamble:
        found = list(entry.finditer(paragraph))
        ends = [match.start() for match in found[1:]] + [len(paragraph)]
        for match, end in zip(found, ends, strict=False):  # no entry: no end either
            yield match.group(1), paragraph[match.end() : end].strip(" ,;")
