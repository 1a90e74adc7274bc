"""The search syntax, parsed once into a small tree that each engine compiles for itself.

    words            all must match          russia economy
    "a phrase"       the words in order      "gas prices", "militants" (only so spelled)
    prefix*          words starting so       sanction*
    OR               either side             oil OR gas
    NOT x, -x        must not match          russia NOT ukraine, russia -ukraine
    ( ... )          grouping                (oil OR gas) prices

Words are split like the indexes split them (letters and digits; `U.S.` is the phrase
"u s") and folded (lowercase, no diacritics). User text never reaches an engine's own
query parser: the tree is compiled into the engine's terms, and into SQLite as one
bound parameter, so a query can fail only here, with a QueryError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.errors import QueryError
from onrecord.identity import fold

TOKEN = re.compile(r"[^\W_]+")
_LEX = re.compile(r'\s*(?:(?P<paren>[()])|(?P<phrase>"[^"]*"?)|(?P<word>[^\s()"]+))')
MIN_PREFIX = 2  # a one-letter prefix would expand to a large part of the vocabulary
MAX_QUERY = 1000


@dataclass(frozen=True)
class Term:
    """A word (one token), or a phrase (several); `prefix`: the last token is a prefix;
    `exact`: in quotes, so a word matches only as spelled (not its other forms)."""

    tokens: tuple[str, ...]
    prefix: bool = False
    exact: bool = False


@dataclass(frozen=True)
class All:
    must: tuple[Node, ...]
    must_not: tuple[Node, ...] = ()


@dataclass(frozen=True)
class AnyOf:
    options: tuple[Node, ...]


Node = Term | All | AnyOf


def tokens(text: str) -> list[str]:
    """Folded words, split as the Tantivy index splits its (folded) text."""
    return TOKEN.findall(fold(text))


def _lex(query: str) -> list[str]:
    out, pos = [], 0
    while pos < len(query):
        match = _LEX.match(query, pos)
        if match is None or match.end() == pos:
            break
        pos = match.end()
        phrase = match.group("phrase")
        if phrase is not None and (len(phrase) < 2 or not phrase.endswith('"')):
            raise QueryError('unbalanced quote: close the phrase with "')
        out.append(match.group(match.lastgroup or "word"))
    return out


class _Parser:
    def __init__(self, items: list[str]) -> None:
        self.items = items
        self.pos = 0

    def peek(self) -> str | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def take(self) -> str:
        item = self.items[self.pos]
        self.pos += 1
        return item

    def parse(self) -> Node:
        node = self.or_expr()
        if self.peek() is not None:
            raise QueryError(f"unexpected {self.peek()!r}: unbalanced parenthesis")
        return node

    def or_expr(self) -> Node:
        options = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            options.append(self.and_expr())
        return options[0] if len(options) == 1 else AnyOf(tuple(options))

    def and_expr(self) -> Node:
        must: list[Node] = []
        must_not: list[Node] = []
        while self.peek() not in (None, ")", "OR"):
            item = self.peek()
            if item == "AND":
                self.take()
                continue
            negated = item == "NOT" or (item is not None and item.startswith("-") and len(item) > 1)
            if item == "NOT":
                self.take()
            elif negated:
                self.items[self.pos] = item[1:]  # type: ignore[index]
            node = self.primary()
            if node is not None:
                (must_not if negated else must).append(node)
        if not must:
            what = "NOT needs a word to match beside it" if must_not else "a word is missing"
            raise QueryError(f"{what} (e.g. `russia NOT ukraine`)")
        if len(must) == 1 and not must_not:
            return must[0]
        return All(tuple(must), tuple(must_not))

    def primary(self) -> Node | None:
        if self.peek() is None or self.peek() in (")", "OR"):
            raise QueryError("NOT or - must be followed by a word")
        item = self.take()
        if item == "(":
            node = self.or_expr()
            if self.peek() != ")":
                raise QueryError("unbalanced parenthesis: missing )")
            self.take()
            return node
        if item.startswith('"'):
            words = tokens(item.strip('"'))
            return Term(tuple(words), exact=True) if words else None
        return _word(item)


def _word(item: str) -> Term | None:
    prefix = item.endswith("*")
    words = tokens(item.rstrip("*"))
    if not words:
        return None
    if prefix and len(words[-1]) < MIN_PREFIX:
        raise QueryError(f"prefix {item!r} is too short: give at least {MIN_PREFIX} letters")
    return Term(tuple(words), prefix)


def parse(query: str) -> Node:
    """The tree of a query, or a QueryError that says what is wrong with it."""
    if len(query) > MAX_QUERY:
        raise QueryError(f"query too long (over {MAX_QUERY} characters)")
    items = _lex(query)
    if not items or all(i in ("AND", "OR", "NOT") for i in items):
        raise QueryError("empty query: give at least one word")
    return _Parser(items).parse()


def positive_terms(node: Node) -> list[Term]:
    """The terms a hit can match (those under NOT excluded), for highlighting."""
    if isinstance(node, Term):
        return [node]
    children = node.must if isinstance(node, All) else node.options
    return [t for child in children for t in positive_terms(child)]
