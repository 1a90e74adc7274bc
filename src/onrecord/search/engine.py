"""Query -> ranked paragraph hits with snippets, highlights, permalinks and facets. No HTML.

The engines (Tantivy beside the database when it is in step, FTS5 inside it otherwise)
only rank row ids; the text, metadata and snippets always come from the database, so
both engines give the same kind of hit.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from typing import Any, Protocol

from onrecord import wordforms
from onrecord.errors import QueryError
from onrecord.identity import fold
from onrecord.names import permalink
from onrecord.search.query import AnyOf, Node, Term, parse, positive_terms
from onrecord.search.results import Facet, SearchHit, SearchResult
from onrecord.store import paragraphs
from onrecord.store.records import Filters

SNIPPET_CHARS = 240  # about two lines of a terminal or a result card
SNIPPET_LEAD = 60  # context kept before the first highlighted word
MAX_LIMIT = 1000
SORTS = ("relevance", "newest", "oldest")
_WORD = re.compile(r"[^\W_]+")


class Engine(Protocol):
    name: str

    def search(
        self, node: Node, filters: Filters | None, limit: int, offset: int, sort: str = ...
    ) -> tuple[list[tuple[int, float]], int]: ...

    def facets(self, node: Node, filters: Filters | None) -> dict[str, list[tuple[str, int]]]: ...

    def suggest(self, word: str) -> str | None: ...


def highlight_spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Offsets of the words in `text` that the terms match (phrase words one by one; a
    single word in any of its forms and spellings)."""
    exact, prefixes, stems, candidates = _highlighter(tuple(terms))
    spans = []
    for match in candidates.finditer(text):
        word = match.group()
        word = word.lower() if word.isascii() else fold(word)
        if (
            word in exact
            or (prefixes and word.startswith(prefixes))
            or (stems and wordforms.stem(word) in stems)
        ):
            spans.append(match.span())
    return spans


@functools.lru_cache(maxsize=256)
def _highlighter(
    terms: tuple[Term, ...],
) -> tuple[frozenset[str], tuple[str, ...], frozenset[str], re.Pattern[str]]:
    """The folded words and prefixes of the terms, and a pattern that finds, among the
    words of a text (as _WORD splits it), a superset of those that can match: ASCII words
    spelled like a term in any case, and every word with a non-ASCII letter (folding may
    turn it into a term). Only those candidates are folded and compared, which keeps
    snippets cheap on long paragraphs."""
    exact = frozenset(
        t for term in terms for t in (term.tokens if not term.prefix else term.tokens[:-1])
    )
    prefixes = tuple(term.tokens[-1] for term in terms if term.prefix)
    # a single word also matches its other forms (`militants` for `militant`): words that
    # start like one of its stems are candidates, kept when their stem is one of them
    stems = frozenset(
        s
        for term in terms
        if len(term.tokens) == 1 and not term.prefix and not term.exact
        for s in wordforms.stems(term.tokens[0])
    )
    options = [re.escape(w) + r"(?![^\W_])" for w in sorted(exact, key=len, reverse=True)]
    options += [re.escape(p) + r"[^\W_]*" for p in prefixes]
    options += [re.escape(s[: max(3, len(s) - 1)]) + r"[^\W_]*" for s in sorted(stems)]
    spelled = "(?i:" + "|".join(options) + ")|" if options else ""
    pattern = re.compile(r"(?<![^\W_])(?:" + spelled + r"[^\W_]*[^\W_\x00-\x7f][^\W_]*)")
    return exact, prefixes, stems, pattern


def snippet(text: str, terms: list[Term]) -> tuple[str, list[tuple[int, int]]]:
    """A window of the text around the first match, and the highlights within it."""
    spans = highlight_spans(text, terms)
    start = 0
    if spans and spans[0][0] > SNIPPET_LEAD and len(text) > SNIPPET_CHARS:
        start = text.rfind(" ", 0, spans[0][0] - SNIPPET_LEAD) + 1
    end = len(text)
    if end - start > SNIPPET_CHARS:
        cut = text.rfind(" ", start, start + SNIPPET_CHARS)
        end = cut if cut > start else start + SNIPPET_CHARS
    prefix = "…" if start > 0 else ""
    body = prefix + text[start:end] + ("…" if end < len(text) else "")
    shift = len(prefix) - start
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return body, inside


def _hit(row: tuple[Any, ...], score: float, terms: list[Term]) -> SearchHit:
    _, doc_id, turn, paragraph, person, name, roles, date, title, place, text = row
    snip, spans = snippet(text, terms)
    return SearchHit(
        doc_id=doc_id,
        turn=turn,
        paragraph=paragraph,
        speaker_id=person,
        speaker=name,
        role=", ".join(json.loads(roles)),
        date=date,
        title=title,
        place=place,
        snippet=snip,
        highlights=spans,
        permalink=permalink(doc_id, turn, paragraph),
        score=round(score, 4),
    )


def run(
    conn: sqlite3.Connection,
    engine: Engine,
    query: str,
    filters: Filters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    facets: bool = False,
    sort: str = "relevance",
) -> SearchResult:
    """The hits of a query. A query with no hits is not a dead end: the result suggests
    a spelling from the index's own words (`did_you_mean`), and when the query has
    several words, the paragraphs with any of them are searched instead (`relaxed`)."""
    node = parse(query)
    if sort not in SORTS:
        raise QueryError(f"sort: one of {', '.join(SORTS)}, not {sort!r}")
    limit, offset = max(0, min(limit, MAX_LIMIT)), max(0, offset)
    ranked, total = engine.search(node, filters, limit, offset, sort)
    terms = positive_terms(node)
    did_you_mean, relaxed = "", False
    if total == 0:
        did_you_mean = _did_you_mean(engine, query, terms)
        telling = [t for t in terms if t.exact or t.tokens[0] not in wordforms.STOPWORDS]
        if len(terms) > 1 and telling and not _excludes(node):
            node = AnyOf(tuple(telling)) if len(telling) > 1 else telling[0]
            ranked, total = engine.search(node, filters, limit, offset, sort)
            relaxed = total > 0
    rows = paragraphs.hit_rows(conn, [rowid for rowid, _ in ranked])
    hits = [_hit(rows[rowid], score, terms) for rowid, score in ranked if rowid in rows]
    counted: dict[str, list[Facet]] = {}
    if facets and total:
        for name, values in engine.facets(node, filters).items():
            counted[name] = [Facet(v, c) for v, c in values]
    return SearchResult(
        query=query,
        hits=hits,
        total=total,
        limit=limit,
        offset=offset,
        engine=engine.name,
        facets=counted,
        sort=sort,
        did_you_mean=did_you_mean,
        relaxed=relaxed,
    )


def _excludes(node: Node) -> bool:
    """Whether the query excludes something (NOT, -word): then it is not relaxed."""
    if isinstance(node, Term):
        return False
    if isinstance(node, AnyOf):
        return any(_excludes(n) for n in node.options)
    return bool(node.must_not) or any(_excludes(n) for n in node.must)


def _did_you_mean(engine: Engine, query: str, terms: list[Term]) -> str:
    """The query with each unknown word replaced by the index's nearest word, or ""."""
    changed = query
    for term in terms:
        if len(term.tokens) != 1 or term.prefix or term.exact:
            continue
        better = engine.suggest(term.tokens[0])
        if better:
            changed = re.sub(
                r"(?<![^\W_])" + re.escape(term.tokens[0]) + r"(?![^\W_])",
                better,
                changed,
                flags=re.IGNORECASE,
            )
    return changed if changed != query else ""
