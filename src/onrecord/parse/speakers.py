"""Labels as written → the people of one document, with their roles.

Within a document, one person is one speaker: `President of Russia Vladimir Putin` and
`Vladimir Putin` are `Vladimir Putin` with the role `President of Russia`. Remarks in
parentheses (`(retranslated)`) and descriptions after a comma (`Name, description`) do not
make a new person. Generic labels (`Question`, `Remark`) are one anonymous voice each.
"""

from __future__ import annotations

import re
from functools import lru_cache

from onrecord.model import Speaker
from onrecord.names import slug
from onrecord.parse.labels import (
    ABBREVIATED_TITLES,
    FOREIGN_HONORIFIC,
    FOREIGN_HONORIFICS,
    FUNCTION_WORDS,
    GENERIC_LABELS,
    GENERIC_PHRASES,
    INITIALS_NAME,
    OFFICE_THEN_NAME,
)

_RUN_TOGETHER = re.compile(r"^(?:[A-Z][a-z’'-]+){2,3}$")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
# one level of nesting; an affiliation in square brackets after a name (`Jane Roe [Reuters]`)
_PARENS = re.compile(r"\((?:[^()]|\([^()]*\))*\)|\([^()]*$|(?<=\S) \[[^\[\]]{1,60}\]")
_TRIM = " ,;.-\u2013\u2014\u00a0"
# How many capitalised tokens at the end of a role-and-name label are taken as the name
# when no shorter label of the page says so ('... Company Mir Radik Batyrshin').
NAME_TOKENS = 2
MAX_NAME_TOKENS = 5  # after an honorific, the words of a name (`Mr. Jasraj Singh Hallan`)
_NAME_PARTICLES = frozenset(
    ["van", "der", "von", "de", "da", "bin", "ibn", "al", "el", "le", "la", "di", "du"]
)
_NOT_IN_NAMES = FUNCTION_WORDS - _NAME_PARTICLES  # `of`, `the`: a name's particles excepted
# Titles that open a label before the name ('Senator Jane Roe'); honorifics (Mr, Ms) stay.
ROLE_TITLES = frozenset(
    "senator secretary secretary-general president premier minister governor mayor"
    " ambassador general colonel admiral chairman chairwoman chairperson director deputy"
    " speaker judge justice representative rep sen gov professor prof dr king queen prince"
    " princess emir sheikh pope patriarch chancellor commissioner spokesman spokeswoman host"
    " moderator"
    # the Bundestag's chair (`Präsidentin Bärbel Bas`, `Vizepräsident Wolfgang Kubicki`)
    " präsident präsidentin vizepräsident vizepräsidentin".split()
)
# Jobs that open a label before a name (`Paramedic Natalya Osipova`): the job is a role.
OCCUPATIONS = frozenset(
    "paramedic nurse doctor teacher student pupil pilot farmer worker engineer officer soldier"
    " sergeant lieutenant captain corporal commander correspondent journalist reporter anchor"
    " presenter volunteer scientist researcher economist analyst lawyer attorney coach athlete"
    " driver miner priest bishop archbishop metropolitan rabbi imam mufti firefighter".split()
)
HONORIFICS = frozenset("mr mrs ms miss mme madam dr sir dame hon rt shri smt sri shrimati".split())
TITLES_BEFORE_NAME = (
    ROLE_TITLES
    | OCCUPATIONS
    | set(ABBREVIATED_TITLES)
    | {"hon", "rt", "right", "shri", "smt", "sri"}
)
GENERIC_ALIASES = {"q": "Question", "a": "Answer"}
# A label that ends with one of these names an office, not a person in it.
OFFICE_ENDINGS = frozenset(
    "secretary minister president spokesman spokeswoman spokesperson chairman chairwoman"
    " chairperson chair director governor ambassador commissioner moderator".split()
)


def collapse(text: str) -> str:
    return " ".join(text.split())  # as `\s+` to one space, stripped


# A label in two languages, the office in the record's other language first (`Y Llywydd /
# The Presiding Officer`, as the Senedd prints it): the English one.
_BILINGUAL = re.compile(r"^[^/:()]{2,60} / (?=The )")


@lru_cache(maxsize=4096)  # pure, and a site's labels come back from page to page
def core_label(label: str) -> str:
    """The label without parenthetical remarks and with whitespace collapsed; an office
    that names its holder in brackets is the holder with the office as description."""
    named = OFFICE_THEN_NAME.match(collapse(label))
    if named:
        return f"{named.group('name')}, {named.group('office').rstrip(',')}"
    label = _BILINGUAL.sub("", label) if " / " in label else label
    core = collapse(_PARENS.sub(" ", label)).strip(_TRIM)
    return _office_first_swapped(core) or core or collapse(label)


def _office_first_swapped(core: str) -> str:
    """`Official Spokesperson, Shri Arindam Bagchi`: an office, then its holder after the
    comma, is the holder with the office as description ('' for any other label)."""
    head, comma, holder = core.partition(",")
    words = head.split()
    names = holder.split()
    if not comma or not words or words[-1].casefold() not in OFFICE_ENDINGS:
        return ""
    if not 2 <= len(names) <= 5 or not all(w[:1].isupper() for w in names):
        return ""
    return f"{holder.strip()}, {head.strip()}"


def resolve_speakers(labels: list[str]) -> tuple[list[Speaker], dict[str, str]]:
    """People for the labels of one document, and label → speaker id."""
    cores = _offices_by_holder({label: core_label(label) for label in labels})
    # Shortest first, and in the page's order among labels of one length (not a set's
    # order, which changes with PYTHONHASHSEED): `Kirill Kleymenov` before `Kirill KleYMENOV`.
    canon = _canonical_cores(sorted(dict.fromkeys(cores.values()), key=len))
    canon = _with_honorifics_resolved(_with_initials_resolved(canon))
    canon = _with_surnames_resolved(canon)
    speakers: dict[str, Speaker] = {}
    label_to_id: dict[str, str] = {}
    # where names are printed in mixed case, a word in capitals is an acronym (`CCTV`, `AFP`
    # asking questions), not a surname in capitals to title-case
    acronyms = any(any(c.islower() for c in core) for core in cores.values())
    for label in labels:
        core = cores[label]
        person = canon[core]
        speaker = speakers.get(person.casefold())
        if speaker is None:
            speaker = _new_speaker(person, {s.id for s in speakers.values()}, acronyms)
            speakers[person.casefold()] = speaker
        if label not in speaker.labels:
            speaker.labels.append(label)
        for role in (_role(core, person, speaker.name), *offices_in_parentheses(label)):
            role = FOREIGN_HONORIFIC.sub("", role)
            role = "" if _honorific_only(role) else role
            role = _role_case(role) if role.isupper() else role
            role = _written_out(role)
            if role and role not in speaker.roles:
                speaker.roles.append(role)
        label_to_id[label] = speaker.id
    return list(speakers.values()), label_to_id


# Words that make a phrase in a label's brackets an office (`Hon CHRIS HIPKINS (Prime
# Minister)`, `Mr ALBANESE (Grayndler—Prime Minister)`), not a seat, a party or a remark.
OFFICE_WORDS = (
    ROLE_TITLES
    | OFFICE_ENDINGS
    | frozenset(
        "leader treasurer attorney-general solicitor-general whip chief clerk witness"
        " anchor correspondent moderator presenter reporter".split()
    )
)
_IN_PARENS = re.compile(r"\(([^()]{2,120})\)|(?<=\S) \[([^\[\]]{2,60})\]")
_PARTS = re.compile(r"\s*[—–;,]\s*|\s+-\s+")


def offices_in_parentheses(label: str) -> list[str]:
    """The offices a label names in brackets, each part of a bracket apart (`Grayndler`,
    the seat, is none); a remark (`(spoke in Russian)`) opens lower-case and is none."""
    if OFFICE_THEN_NAME.match(collapse(label)):
        return []  # `CHAIR (Senator Walsh)`: the brackets name the office's holder
    offices = []
    for inside in (round or square for round, square in _IN_PARENS.findall(label)):
        if not inside.strip()[:1].isupper():
            continue  # a remark: `(answering Jane Roe, Speaker of ...)`
        for part in _PARTS.split(inside.strip()):
            words = part.casefold().replace(".", "").split()
            if part[:1].isupper() and OFFICE_WORDS.intersection(words):
                offices.append(part.strip())
    return offices


def _offices_by_holder(cores: dict[str, str]) -> dict[str, str]:
    """`The Prime Minister` alone is whoever the page named in that office (`The Prime
    Minister (Rishi Sunak)`), not a person of its own, nor the holder's name a role of it."""
    holders: dict[str, str] = {}
    for label in cores:
        named = OFFICE_THEN_NAME.match(collapse(label))
        if named:
            holders.setdefault(named.group("office").rstrip(",").casefold(), cores[label])
    if not holders:
        return cores
    return {label: holders.get(core.casefold(), core) for label, core in cores.items()}


def _canonical_cores(uniq: list[str]) -> dict[str, str]:
    """Map each core label to the shortest label of the page it ends with, repeatedly."""
    lowered = {c: c.casefold() for c in uniq}
    by_lower: dict[str, str] = {}
    for core in uniq:
        by_lower.setdefault(lowered[core], core)

    def shorter(core: str) -> str | None:
        best = None
        for other in uniq:
            if len(other) >= len(core):
                break
            # a surname alone (`KLOBUCHAR`) is the full name's, not the other way round:
            # `_with_surnames_resolved` joins them
            if (
                lowered[core].endswith(" " + lowered[other])
                and " " in other
                and not _is_generic(other)
            ):
                best = other if best is None or len(other) > len(best) else best
        if best is None and "," in core:
            head = core.split(",", 1)[0].strip().casefold()
            best = by_lower.get(head) if head != lowered[core] else None
        return best

    def resolve(core: str) -> str:
        seen: set[str] = set()
        while core not in seen:
            seen.add(core)
            nxt = shorter(core)
            if nxt is None:
                break
            core = nxt
        return by_lower.get(core.casefold(), core)

    resolved = {core: resolve(core) for core in uniq}
    return {core: _spaced_form(person, set(resolved.values())) for core, person in resolved.items()}


def _with_initials_resolved(canon: dict[str, str]) -> dict[str, str]:
    """`В.Путин` is the `Владимир Путин` of the same page when just one name fits."""
    names = set(canon.values())
    for core, person in canon.items():
        initials = INITIALS_NAME.match(person)
        if initials:
            first, surname = initials.group(1)[0], initials.group(2)
            canon[core] = _one_full_name(names, surname, first) or person
    return canon


_HONORIFIC_NAME = re.compile(
    r"^(?:mr|mrs|ms|miss|mme|madam|dr|sir)\.?\s+(?P<surname>[^\W\d_][\w’'-]*)$", re.IGNORECASE
)


def _with_honorifics_resolved(canon: dict[str, str]) -> dict[str, str]:
    """`MR. COOK` is the `PETER COOK` of the same page when just one full name ends so (a
    briefing names its speaker in full once, then by surname; so does a record of debates)."""
    names = {n for n in canon.values() if not _HONORIFIC_NAME.match(n) and not _is_generic(n)}
    for core, person in canon.items():
        honorific = _HONORIFIC_NAME.match(person)
        if honorific:
            canon[core] = _one_full_name(names, honorific.group("surname")) or person
    return canon


def _with_surnames_resolved(canon: dict[str, str]) -> dict[str, str]:
    """`LAVANDERA` is the `ED LAVANDERA, CNN CORRESPONDENT` of the same page when just one
    full name ends with that word (broadcasts and debates name a speaker in full once)."""
    full: dict[str, str] = {}  # a person's name -> the label they are known by
    for person in set(canon.values()):
        if not _is_generic(person) and len(person_name(person).split()) >= 2:
            full.setdefault(person_name(person), person)
    for core, person in canon.items():
        if " " in person or not person.isalpha() or _is_generic(person):
            continue
        name = _one_full_name(set(full), person)
        if name is not None:
            canon[core] = full[name]
    return canon


def _one_full_name(names: set[str], surname: str, first: str = "") -> str | None:
    """The one name of two words or more that ends with `surname` (its word before that
    starting with `first`, when given); None when no name or several fit."""
    surname, first = surname.casefold(), first.casefold()
    fits = {
        name
        for name in names
        if len(words := name.split()) >= 2
        and words[-1].casefold() == surname
        and (not first or words[-2][:1].casefold() == first)
    }
    return fits.pop() if len(fits) == 1 else None


def _spaced_form(person: str, people: set[str]) -> str:
    """A name run together by the page's markup (`VladimirPutin`, `Minister-PresidentofBavaria
    HorstSeehofer`) is the person whose last words, spaces removed, it equals or ends with at a
    capital letter."""
    if " " in person:
        return person
    squeezed = person.casefold()
    for other in sorted(people, key=lambda name: (len(name), name)):
        words = other.casefold().split()
        for count in (2, 3):
            if len(words) < count:
                continue
            tail = "".join(words[-count:])
            cut = len(person) - len(tail)
            if squeezed.endswith(tail) and (cut == 0 or (cut > 0 and person[cut].isupper())):
                return other
    return person


def _is_generic(core: str) -> bool:
    lowered = core.casefold()
    return (
        lowered in GENERIC_LABELS or lowered in GENERIC_PHRASES or lowered.startswith("question ")
    )


def _new_speaker(person: str, taken: set[str], acronyms: bool = False) -> Speaker:
    generic = _is_generic(person)
    name = GENERIC_ALIASES.get(person.casefold(), person) if generic else person_name(person)
    if generic and name.isupper() and len(name) > 2:
        name = _title_case(name)  # `QUESTION`, `UNIDENTIFIED MALE` as `Spokesperson` is cased
    if acronyms and not generic and person.isupper() and person.isalpha():
        name = person
    return Speaker(id=unique_id(slug(name) or "speaker", taken), name=name, generic=generic)


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... where it is taken in the document."""
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


# A label that is a code or an acronym, not a surname in capitals (`DOLE`, `GORE`): one or two
# letters (`IV`, `R`), letters and a number (`P1`), or capitals with no vowel (`CCTV`).
_CODE = re.compile(r"[A-Z]{1,2}|[A-Z]{1,3}[0-9]{1,2}|[B-DF-HJ-NP-TV-XZ]{2,5}")


@lru_cache(maxsize=4096)
def person_name(core: str) -> str:
    """The name in a role-and-name label: after a comma's description is cut, the trailing
    capitalised words (`President of Russia Vladimir Putin` → `Vladimir Putin`)."""
    core = _without_post_nominals(FOREIGN_HONORIFIC.sub("", core))  # `El señor BAL FRANCÉS`
    head = core.split(",", 1)[0].strip() if "," in core else core
    if head != core and _office_with_comma(head, core):
        head = core.replace(",", "")
    if _RUN_TOGETHER.match(head):
        return _CAMEL_BOUNDARY.sub(" ", head)
    if _CODE.fullmatch(head):
        return head  # `CCTV`, `BBC`, a research team's `IV` or `P1`: as written
    if head.isupper():
        head = _title_case(head)
        words = head.split()
        shortened = words[0].rstrip(".").casefold() in ABBREVIATED_TITLES
        plain = len(words) <= 2 or (
            len(words) == 3 and not _titled(words[0]) and not _honorific_then_name(words)
        )
        if plain and not shortened:
            return head  # `Justice Alito` as printed; `SEN. AMY KLOBUCHAR` is Amy Klobuchar
    tokens = head.split()
    if tokens[-1].casefold().strip(".,") in OFFICE_ENDINGS:
        return head  # an office with no name in it: `Cabinet Public Relations Secretary`
    while len(tokens) > 2 and tokens[0].casefold().rstrip(".") in TITLES_BEFORE_NAME:
        tokens = tokens[1:]  # `Paramedic Natalya Osipova`: the job is a role
    if len(tokens) == 2 and tokens[0].casefold().rstrip(".") in _TITLES_OF_SURNAMES:
        if _surname(tokens[1]):
            return tokens[1]  # `Senator Feinstein`, `Chairman Grassley`: a title and a surname
        if len(tokens[1]) > 1 and tokens[1].isalpha() and tokens[1].isupper():
            return tokens[1].title()  # `Senator BIRMINGHAM`, as Australia's Hansard prints it
    if len(tokens) == 3 and _honorific_then_name(tokens):
        tokens = tokens[1:]  # `Mr. Peter Fonseca`, `M. Olivier Marleix`; `Mr Smith` stays whole
    if len(tokens) <= 3 and not _has_particle(tokens):
        return _name_case(tokens)
    tail: list[str] = []
    for token in reversed(tokens):
        if token.casefold().rstrip(".") in HONORIFICS:
            # `Mr. Pierre de Savoye`, `Mr. Jasraj Singh Hallan`: the honorific is not the
            # name, and says where it starts
            return _name_case(tail) if 2 <= len(tail) <= MAX_NAME_TOKENS else head
        if token.casefold() in _NOT_IN_NAMES or not token[:1].isupper():
            if token.casefold() in _NAME_PARTICLES and tail:
                tail.insert(0, token)
                continue
            break
        tail.insert(0, token)
    return " ".join(_last_names(tail)) if len(tail) >= 2 else head


_TITLES_OF_SURNAMES = ROLE_TITLES | set(ABBREVIATED_TITLES)
_OFFICE_OPENERS = ROLE_TITLES | OFFICE_ENDINGS | frozenset("head chief supreme member".split())


# Letters after a name that say what its bearer is, not who (`MR SMITH KC`, `Keir Starmer MP`).
POST_NOMINALS = frozenset("kc qc sc mp msp mla mep td obe mbe cbe kbe dbe jp".split())


def _without_post_nominals(core: str) -> str:
    words = core.split()
    while len(words) > 1 and words[-1].strip(".,").casefold() in POST_NOMINALS:
        words.pop()
    return " ".join(words)


def _honorific_then_name(tokens: list[str]) -> bool:
    """An honorific (or France's `M.`), then a given name and a surname (not `M. le
    président`, an office)."""
    honorific = tokens[0].casefold().rstrip(".") in HONORIFICS or tokens[0] == "M."
    return honorific and all(t[:1].isupper() for t in tokens[1:])


def _office_with_comma(head: str, core: str) -> bool:
    """`Minister for Civil Defence, Emergencies and Disaster Relief Vladimir Puchkov`: the
    comma is inside an office, whose holder's name ends the label (not `Name, description`)."""
    words = core.split()
    if words[-1].casefold() in OFFICE_ENDINGS:
        return False  # `Senator Walsh, The CHAIR`: the holder, then the office (core_label)
    return (
        bool(_OFFICE_OPENERS.intersection(head.casefold().split()))
        and len(words) >= 2
        and all(w[:1].isupper() and w.isalpha() for w in words[-2:])
    )


def _honorific_only(role: str) -> bool:
    """`Mr.`, `Right Hon.`, `The Hon.`, `El señor`, `H.E.`: a form of address, no role."""
    words = role.casefold().replace(".", " ").split()
    if " ".join(words) in _FORMS_OF_ADDRESS:
        return True
    return bool(words) and all(w in HONORIFICS or w in ("right", "the") for w in words)


_FORMS_OF_ADDRESS = frozenset(" ".join(h.replace(".", " ").split()) for h in FOREIGN_HONORIFICS)


def _titled(word: str) -> bool:
    return word.casefold().rstrip(".") in TITLES_BEFORE_NAME


def _name_case(tokens: list[str]) -> str:
    """`Hon CHRIS HIPKINS` → `Chris Hipkins`, `Mr ALBANESE` → `Mr Albanese`: parliaments print
    surnames in capitals; an honorific or initials before them stay as written."""
    words = [_title_case(t) if len(t) > 2 and t.isupper() and t.isalpha() else t for t in tokens]
    return " ".join(words)


def _surname(token: str) -> bool:
    return token[:1].isupper() and token[1:2].islower() and token.isalpha()


def _has_particle(tokens: list[str]) -> bool:
    return any(t.casefold() in _NAME_PARTICLES for t in tokens[1:-1])


def _last_names(tail: list[str]) -> list[str]:
    """The last NAME_TOKENS words of a name, counting a particle (`van`, `der`, `de`) with
    the word after it: `Alexander Van der Bellen` keeps its four words."""
    kept: list[str] = []
    words = 0
    for token in reversed(tail):
        particle = token.casefold() in _NAME_PARTICLES
        if not particle:
            if words == NAME_TOKENS:
                break
            words += 1
        kept.insert(0, token)
    while kept and kept[0].casefold() in _NAME_PARTICLES and len(kept) > 1 and words < 2:
        kept = kept[1:]
    if kept and _patronymic(kept[0]) and len(kept) < len(tail):
        kept.insert(0, tail[len(tail) - len(kept) - 1])  # `Tamim bin Hamad Al Thani`
    return kept


def _patronymic(word: str) -> bool:
    """`bin`, `ibn` (`son of`): the given name goes before; `Ben` capitalised is a name."""
    return word.casefold() in ("bin", "ibn", "bint") or word == "ben"


def _title_case(text: str) -> str:
    """`DEPUTY DIRECTOR OF THE INSTITUTE` → `Deputy Director of the Institute`."""
    words = text.title().split()
    return " ".join(
        w.casefold() if i and w.casefold() in FUNCTION_WORDS else w for i, w in enumerate(words)
    )


# Acronyms a role printed in capitals keeps (`CNN HOST` is `CNN Host`); a word of capitals
# with no vowel (`NBC`, `NPR`) is one too.
ROLE_ACRONYMS = frozenset(
    "US USA UK UN EU NATO FBI CIA NSA ABC AP AFP BBC CBS CNN NBC NPR PBS RT TASS ITV CEO"
    " MP MEP IMF WHO".split()
)
_VOWELS = frozenset("AEIOUY")


def _written_out(role: str) -> str:
    """`Sen` → `Senator`, `Lt. Gen` → `Lieutenant General`: only a role made of shortened
    titles alone is written out (`Gen Z Spokesperson` is not one)."""
    words = role.split()
    full = [ABBREVIATED_TITLES.get(word.rstrip(".").casefold(), "") for word in words]
    return " ".join(full) if words and all(full) else role


def _role_case(role: str) -> str:
    """`CNN HOST` → `CNN Host`: title case, acronyms kept."""
    kept, titled = role.split(), _title_case(role).split()  # title case keeps the words
    return " ".join(
        word if word in ROLE_ACRONYMS or (word.isalpha() and not _VOWELS & set(word)) else new
        for word, new in zip(kept, titled, strict=True)
    )


def _role(core: str, person: str, name: str) -> str:
    if "," in core:
        head, desc = core.split(",", 1)
        head = head.strip().casefold()
        if head in (person.casefold(), name.casefold()) or head.endswith(" " + name.casefold()):
            return desc.strip(_TRIM)  # `Shri Arindam Bagchi, Official Spokesperson`
    text = core
    for suffix in (person, name):
        if text.casefold().endswith(suffix.casefold()) and len(text) > len(suffix):
            return text[: len(text) - len(suffix)].strip(_TRIM)
    return ""
