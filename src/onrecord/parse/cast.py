"""Who is who across a whole document, beyond what each label says.

`speakers.resolve_speakers` turns the labels of a document into its people; what the
document says elsewhere settles the rest: an office named alone is its holder of the moment
(the chair changes hands during a sitting), a deposition's `Q` is whoever examines the
witness, a list of who takes part gives jobs, and a key of initials gives names.
"""

from __future__ import annotations

import re

from onrecord.model import Speaker, Turn
from onrecord.names import slug
from onrecord.parse.examination import examiners
from onrecord.parse.labels import OFFICE_THEN_NAME
from onrecord.parse.speakers import (
    OFFICE_WORDS,
    collapse,
    core_label,
    person_name,
    resolve_speakers,
)


def people(turns: list[Turn], preamble: list[str]) -> list[Speaker]:
    """The people of a document's turns, each turn's `speaker` set: by its label, an office
    alone by its holder of the moment, a deposition's `Q` by its examiner; the jobs of a
    list of who takes part and the names of a key of initials, above the first turn."""
    asked = examiners(turns)
    labels = [turn.label for turn in turns if turn.label]
    speakers, label_to_id = resolve_speakers(list(dict.fromkeys([*labels, *asked.values()])))
    labelled = [turn for turn in turns if turn.label]
    by_id = {speaker.id: speaker for speaker in speakers}
    for turn, speaker in zip(labelled, chairs_followed(labels, speakers, label_to_id), strict=True):
        turn.speaker = label_to_id[asked[turn.index]] if turn.index in asked else speaker
        if turn.label not in by_id[turn.speaker].labels:
            by_id[turn.speaker].labels.append(turn.label)
    heard = {turn.speaker for turn in turns}
    speakers = [speaker for speaker in speakers if speaker.id in heard]
    roles_from_cast(preamble, speakers)
    names_from_key(preamble, turns, speakers)
    return speakers


def chairs_followed(labels: list[str], speakers: list[Speaker], ids: dict[str, str]) -> list[str]:
    """The speaker id of each turn's label, in the document's order. An office named alone
    (`The PRESIDING OFFICER`) is the holder last named in it above (`The PRESIDING OFFICER
    (Mr. Isakson)`): the chair changes hands during a sitting, and the record names the new
    holder once. Above the first holder named, `resolve_speakers`' choice stands."""
    by_id = {speaker.id: speaker for speaker in speakers}
    holder: dict[str, str] = {}
    followed = []
    for label in labels:
        named = OFFICE_THEN_NAME.match(collapse(label))
        if named:
            holder[named.group("office").rstrip(",").casefold()] = ids[label]
        speaker_id = holder.get(core_label(label).casefold(), ids.get(label, ""))
        if speaker_id != ids.get(label, "") and label not in by_id[speaker_id].labels:
            by_id[speaker_id].labels.append(label)
        followed.append(speaker_id)
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
    for paragraph in preamble:
        found = list(entry.finditer(paragraph))
        ends = [match.start() for match in found[1:]] + [len(paragraph)] if found else []
        for match, end in zip(found, ends, strict=True):
            role = paragraph[match.end() : end].strip(" ,;")
            words = role.casefold().replace(",", " ").split()
            speaker = people[match.group(1)]
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
    for paragraph in preamble:
        found = list(entry.finditer(paragraph))
        ends = [match.start() for match in found[1:]] + [len(paragraph)] if found else []
        for match, end in zip(found, ends, strict=True):
            name = paragraph[match.end() : end].strip(" ,;")
            if name and len(name.split()) <= MAX_KEY_WORDS and name[:1].isupper():
                keyed.setdefault(match.group(1), person_name(name))
    renamed: dict[str, str] = {}
    taken = {speaker.id for speaker in speakers}
    for speaker in speakers:
        names = {keyed.get(label) for label in speaker.labels}
        if len(names) == 1 and None not in names:
            name = str(names.pop())
            base = slug(name) or speaker.id
            ident, n = base, 2
            while ident in taken:
                ident, n = f"{base}-{n}", n + 1
            taken.add(ident)
            renamed[speaker.id] = ident
            speaker.id, speaker.name = ident, name
    for turn in turns:
        turn.speaker = renamed.get(turn.speaker, turn.speaker)


MAX_KEY_WORDS = 6
