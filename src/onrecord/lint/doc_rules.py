"""Rules over a whole document: speaker labels and roles, missing metadata, the parse's
warnings. Each is `rule(document, archive_names) -> Iterable[Finding]`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from onrecord.lint.model import Finding
from onrecord.lint.spelling import distance
from onrecord.model import Document, Speaker

# Archive spellings: name -> documents it is written in (every person's every spelling).
ArchiveNames = dict[str, int]
DocRule = Callable[[Document, ArchiveNames], Iterable[Finding]]
LONG_TRANSCRIPT = 20  # turns: below it, a label used once is ordinary


def _first_turn(document: Document, speaker: Speaker) -> tuple[int | None, str]:
    turn = next((t.index for t in document.turns if t.speaker == speaker.id), None)
    anchor = f"{document.id}#t{turn}-p0" if turn is not None else document.id
    return turn, anchor


def _near(a: str, b: str) -> bool:
    """Two spellings of one name: same number of words, one word differs by one or two
    letters (`Kleymenov` / `Kleimenov`), the others are the same."""
    wa, wb = a.lower().split(), b.lower().split()
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    return min(len(x), len(y)) >= 4 and _within_distance(x, y)


def _within_distance(x: str, y: str) -> bool:
    """One edit (`Kleymenov` / `Kleimenov`, `Sergei` / `Sergey`); two in long words only:
    `Morozov` and `Mironov` are two people."""
    return distance(x, y, 2) <= (2 if min(len(x), len(y)) >= 9 else 1)


def label_variants(document: Document, names: ArchiveNames) -> Iterator[Finding]:
    """A speaker whose name is written another way, more often or as often, in the archive
    or in the document itself: the rarer spelling is the one flagged, with the other."""
    people = [s for s in document.speakers if not s.generic]
    turns = Counter(t.speaker for t in document.turns)
    own = {s.name for s in people}
    for speaker in people:
        mine = (names.get(speaker.name, 0), turns[speaker.id])
        others = [((c, 0), n) for n, c in names.items() if n not in own]
        others += [
            ((names.get(s.name, 0), turns[s.id]), s.name) for s in people if s is not speaker
        ]
        near = [(count, n) for count, n in others if count >= mine and _near(speaker.name, n)]
        if not near:
            continue
        (count, _), other = max(near)
        turn, anchor = _first_turn(document, speaker)
        where = f"in {count} document{'s' * (count != 1)}" if count else "in this document"
        yield Finding(
            "label-variant.v1",
            f"{speaker.name!r} is written {other!r} {where}",
            speaker.name,
            other,
            anchor,
            turn,
        )


def label_once(document: Document, names: ArchiveNames) -> Iterator[Finding]:
    """In a long transcript, a speaker's label used for one turn only, when the speaker has
    another: a typo in a label, or a label that names the wrong person. The first label
    with the role in full (`President of Russia Vladimir Putin`) is the site's rule."""
    del names
    if len(document.turns) < LONG_TRANSCRIPT:
        return
    uses = Counter((t.speaker, t.label) for t in document.turns)
    for speaker in document.speakers:
        labels = [(label, uses[(speaker.id, label)]) for label in speaker.labels]
        common = max(labels, key=lambda item: item[1], default=("", 0))
        for label, count in labels:
            folded, usual = _squeeze(label), _squeeze(common[0])
            if count == 1 and common[1] > 1 and usual not in folded and folded not in usual:
                turn = next(t.index for t in document.turns if t.label == label)
                yield Finding(
                    "label-once.v1",
                    f"label {label!r} used once; {common[1]} turns say {common[0]!r}",
                    label,
                    common[0],
                    f"{document.id}#t{turn}-p0",
                    turn,
                )


def _squeeze(label: str) -> str:
    """`President of Russia VladimirPutin` -> `PresidentofRussiaVladimirPutin`."""
    return re.sub(r"\W+", "", label)


def roles_two_ways(document: Document, names: ArchiveNames) -> Iterator[Finding]:
    """A speaker given two roles in one transcript (`President of Russia` / `President`)."""
    del names
    for speaker in document.speakers:
        roles = [r for r in speaker.roles if not _piece_of_name(r, speaker)]
        if len(roles) > 1 and not speaker.generic:
            turn, anchor = _first_turn(document, speaker)
            ways = " / ".join(repr(r) for r in roles)
            yield Finding(
                "role-two-ways.v1",
                f"{speaker.name} has {len(roles)} roles: {ways}",
                speaker.name,
                None,
                anchor,
                turn,
            )


def _piece_of_name(role: str, speaker: Speaker) -> bool:
    """A "role" that a label writes between another role and the name is the start of the
    name the parser cut off: `Hamad` in `King of Bahrain Hamad Bin Isa Al Khalifa` (name
    `Bin Isa Al Khalifa`), `Alexander Van` for `Alexander Van der Bellen`."""
    tail = f" {role} {speaker.name}".lower()
    return any(
        other != role and f"{other} ".lower() + tail.lstrip() in label.lower()
        for other in speaker.roles
        for label in speaker.labels
    )


METADATA = ("title", "date", "place", "lead")


def missing_metadata(document: Document, names: ArchiveNames) -> Iterator[Finding]:
    del names
    for name in METADATA:
        if not getattr(document, name):
            yield Finding("metadata.v1", f"no {name}", "", None, document.id)


def parse_warnings(document: Document, names: ArchiveNames) -> Iterator[Finding]:
    del names
    for warning in document.warnings:
        yield Finding("parse-warning.v1", warning, "", None, document.id)


DOC_RULES: dict[str, DocRule] = {
    "label-variant.v1": label_variants,
    "label-once.v1": label_once,
    "role-two-ways.v1": roles_two_ways,
    "metadata.v1": missing_metadata,
    "parse-warning.v1": parse_warnings,
}
