"""Corpus-level people: who spoke, under which names, in which roles, on which dates.

The archive knows people across documents (`PersonSummary`); an export that only has
documents collects the same from the speakers of the documents it writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from onrecord.model import Document


@dataclass
class DatedRole:
    """A role a person was recorded in, from the first to the last date it was seen."""

    role: str
    first: str = ""
    last: str = ""


@dataclass
class Person:
    id: str
    name: str
    roles: list[DatedRole] = field(default_factory=list)
    generic: bool = False

    @classmethod
    def from_summary(cls, data: Mapping[str, Any]) -> Person:
        """From the archive's `PersonSummary.to_dict()` shape."""
        roles = [
            DatedRole(r["role"], r.get("first") or "", r.get("last") or "")
            for r in data.get("roles", [])
        ]
        return cls(id=data["id"], name=data["name"], roles=roles)

    def see_role(self, role: str, date: str) -> None:
        span = next((r for r in self.roles if r.role == role), None)
        if span is None:
            self.roles.append(DatedRole(role, date, date))
            return
        if date and (not span.first or date < span.first):
            span.first = date
        if date and (not span.last or date > span.last):
            span.last = date


class PeopleIndex:
    """Collects people from documents as they stream past; known people take precedence."""

    def __init__(self, known: Mapping[str, Person] | None = None) -> None:
        self._known = dict(known or {})
        self._seen: dict[str, Person] = {}

    def observe(self, document: Document) -> None:
        for speaker in document.speakers:
            person = self._seen.get(speaker.id)
            if person is None:
                person = Person(speaker.id, speaker.name, generic=speaker.generic)
                self._seen[speaker.id] = person
            for role in speaker.roles:
                person.see_role(role, document.date)

    def observe_all(self, documents: Iterable[Document]) -> None:
        for document in documents:
            self.observe(document)

    def people(self) -> list[Person]:
        """Everyone seen, ordered by id; the known description wins over the collected one."""
        return [self._known.get(pid, person) for pid, person in sorted(self._seen.items())]
