"""The curated gazetteer: canonical entries with aliases, loaded from package data.

`data/gazetteer.jsonl` holds one entry a line: `{"id", "type", "name", "aliases"}`, with
type one of person, org, place, event. Aliases are case-sensitive and written without a
leading "the" (the span convention: `the United States` is annotated `United States`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

ENTITY_TYPES = ("person", "org", "place", "event")


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]


class Gazetteer:
    """Entries by id and by alias, and one regular expression that finds every alias."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = {e.id: e for e in entries}
        self.by_alias: dict[str, Entry] = {}
        for entry in entries:
            for alias in (entry.name, *entry.aliases):
                self.by_alias.setdefault(alias, entry)
        body = trie_regex(list(self.by_alias))
        self.pattern = re.compile(r"(?<![\w.-])(?:" + body + r")(?![\w]|\.\w)")

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        alias = self.by_alias
        return [
            (m.start(), m.end(), alias[normalize_space(m.group())])
            for m in self.pattern.finditer(text)
        ]

    def lookup(self, name: str) -> Entry | None:
        """An entry by id, canonical name or alias (case-insensitive on a miss)."""
        key = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)
        hit = self.entries.get(key) or self.by_alias.get(key)
        if hit is not None:
            return hit
        folded = key.casefold()
        return next((e for a, e in self.by_alias.items() if a.casefold() == folded), None)


def trie_regex(words: list[str]) -> str:
    """One alternation that shares prefixes, so matching costs little per position."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [_char(c) + _node_regex(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _char(char: str) -> str:
    return "[ \u00a0\u202f]" if char == " " else re.escape(char)


def normalize_space(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@cache
def load() -> Gazetteer:
    """The packaged gazetteer (read once per process)."""
    text = resources.files("onrecord.enrich").joinpath("data/gazetteer.jsonl").read_text("utf-8")
    entries = []
    for line in text.splitlines():
        if line.strip():
            raw = json.loads(line)
            entries.append(Entry(raw["id"], raw["type"], raw["name"], tuple(raw["aliases"])))
    return Gazetteer(entries)


@cache
def first_names() -> frozenset[str]:
    data = resources.files("onrecord.enrich").joinpath("data/first_names.txt").read_text("utf-8")
    lines = [line for line in data.splitlines() if not line.startswith("#")]
    return frozenset(" ".join(lines).split())


@cache
def common_words() -> frozenset[str]:
    """Lower-case English words that are not names (see `onrecord.enrich.wordlists`)."""
    data = resources.files("onrecord.enrich").joinpath("data/common_words.txt").read_text("utf-8")
    return frozenset(line for line in data.splitlines() if line and not line.startswith("#"))
