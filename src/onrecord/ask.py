"""Questions in plain language -> the turns that answer them, best first.

    ask(conn, engine, "What did Putin say about Afghanistan in 2017?")

A question is not query syntax: it is read for its clues (`clues`): the content words
(question words and verbs of saying dropped), a quoted phrase, people named in it (by
name, `Putin`, or by role, `the Foreign Minister`) and years or months. The search index
is asked for paragraphs with any of the content words, in any form and spelling (BM25,
the title and lead of the transcript weighing a little), adjacent content words as a
phrase weighing more; a person named in the question and the year asked about add to a
paragraph's score (a preference, not a filter: `--speaker`, `--from` and `--to` are the
filters). Paragraphs are then gathered into their turns: a turn's score is its best
paragraph's. Each hit names the paragraph
that answers best and, within it, the sentence (`answer`).

With the `dense` extra installed, the keyword ranking's first turns are reranked by
sentence embeddings (`onrecord.hybrid`); every result says which (`mode`, `notice`).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

import tantivy

from onrecord import hybrid, wordforms
from onrecord.errors import QueryError
from onrecord.names import permalink
from onrecord.search import fts
from onrecord.search.engine import Engine, highlight_spans
from onrecord.search.query import AnyOf, Term, tokens
from onrecord.search.tantivy_index import TantivyIndex
from onrecord.store import askdata, paragraphs
from onrecord.store.records import Filters
from onrecord.wordforms import STOPWORDS

MAX_QUESTION = 1000  # characters: a question, not a pasted page
MAX_LIMIT = 100
POOL = 400  # paragraphs fetched before they are gathered into turns
# Calibrated on tests/data/ask/questions.jsonl (DEV pages): see bench/ask.py.
# Sweeps there (title 0.25-0.8, phrase 0.5-1.5, speaker factor 1.5-2.5) moved recall@5
# by 4 points at most; a turn scored by the sum of its paragraphs instead of its best one
# lost 12 (long speeches then answer everything).
ASK_BOOSTS = {"stem": 1.0, "title": 0.5, "lead": 0.3, "who": 0.0, "place": 0.15}
PHRASE_BOOST = 0.5  # two content words side by side in the paragraph
SPEAKER_BONUS = 3.0  # added in the index to a paragraph of a person the question names,
YEAR_BONUS = 2.0  # ... of a transcript of a year the question names (to be in the pool)
SPEAKER_FACTOR = 2.0  # then a paragraph's score is multiplied by these
YEAR_FACTOR = 1.3  # twice for the month asked about

# words that name an office in a role (`Foreign Minister`, `Governor of Tula Region`)
OFFICES = frozenset(
    "minister president governor chairman chairwoman secretary mayor ambassador director"
    " head chief commissioner chancellor premier spokesman spokeswoman prosecutor envoy"
    " deputy".split()
)
ROLE_FILLER = frozenset("of the and for in on to a at general russia russian federation".split())
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november"
        " december".split(),
        1,
    )
}
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"'”’)]*|$)")


@dataclass(frozen=True)
class Clues:
    """What a question gives to look for."""

    words: tuple[str, ...]  # content words, folded
    phrases: tuple[tuple[str, ...], ...]  # quoted phrases and adjacent content words
    people: tuple[str, ...]  # person ids the question names
    years: tuple[int, ...]
    months: tuple[tuple[int, int], ...]  # (year, month)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AskHit:
    """A turn that answers: its best paragraph (`paragraph`, `text`) and, within that
    text, the sentence that answers best (`answer`, at `answer_span`)."""

    doc_id: str
    turn_index: int
    paragraph: int
    text: str
    speaker: str
    speaker_id: str
    role: str
    date: str
    title: str
    place: str
    permalink: str
    score: float
    answer: str
    answer_span: tuple[int, int]
    highlights: list[tuple[int, int]]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["answer_span"] = list(self.answer_span)
        data["highlights"] = [list(h) for h in self.highlights]
        return data


@dataclass(frozen=True)
class AskResult:
    """Turns that answer a question, best first. `mode`: "keyword" (or "hybrid" once
    sentence embeddings are used); `notice`: what the reader should know about how the
    answers were found ("" if nothing)."""

    question: str
    hits: list[AskHit]
    mode: str
    engine: str
    clues: Clues
    notice: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "mode": self.mode,
            "engine": self.engine,
            "notice": self.notice,
            "clues": self.clues.to_dict(),
            "hits": [h.to_dict() for h in self.hits],
        }


class Roster:
    """Who can be named in a question: surnames and full names (folded) -> person ids,
    most words spoken first; roles (folded) -> person ids."""

    def __init__(self, people: list[tuple[str, str, list[str], int]]) -> None:
        self.names: dict[str, list[str]] = {}
        self.roles: dict[str, list[str]] = {}
        spoken: dict[str, int] = {}
        for person, name, roles, words_spoken in people:
            spoken[person] = words_spoken
            words = tokens(name)
            if not words:
                continue
            for key in {" ".join(words), words[-1]}:
                if len(key) >= 3 and key not in STOPWORDS:
                    self.names.setdefault(key, []).append(person)
            for role in roles:
                key = " ".join(tokens(role))
                if len(key.split()) >= 2:
                    self.roles.setdefault(key, []).append(person)
        # (office, qualifier) word pairs of each role -> its holders: `foreign minister`
        # finds the `Minister of Foreign Affairs` as well as the `Foreign Minister`
        self.offices: dict[tuple[str, str], list[str]] = {}
        # a surname shared by a frequent speaker and a misspelt or rare one (`Vladmir
        # Putin`, 40 words) names the frequent one: those under a tenth of the first's words
        # are dropped
        for key, ids in self.names.items():
            most = spoken[ids[0]]
            self.names[key] = [p for p in ids if spoken[p] * 10 >= most]
        for role, ids in self.roles.items():
            role_words = set(role.split()) - ROLE_FILLER
            for office in role_words & OFFICES:
                if "deputy" in role_words and office != "deputy":
                    continue  # a deputy minister is not the minister
                for other in role_words - {office}:
                    holders = self.offices.setdefault((office, other), [])
                    holders += [p for p in ids if p not in holders]

    def holders(self, words: list[str]) -> list[str]:
        """People whose role the question names by an office and a word beside it
        (`the foreign minister`, `minister of defence`, `the Tula governor`)."""
        found: list[str] = []
        for i, word in enumerate(words):
            if word not in OFFICES:
                continue
            near = words[max(0, i - 2) : i] + words[i + 1 : i + 4]
            for other in near:
                if other in ROLE_FILLER or other in OFFICES:
                    continue
                for variant in wordforms.variants(other):
                    found += self.offices.get((word, variant), [])[:3]
        return list(dict.fromkeys(found))[:6]


def validate(question: str) -> str:
    text = question.strip()
    if not text:
        raise QueryError("empty question: ask something, e.g. `what did Putin say about oil?`")
    if len(text) > MAX_QUESTION:
        raise QueryError(f"question too long (over {MAX_QUESTION} characters): ask it shorter")
    if "\x00" in text:
        raise QueryError("the question contains a NUL character")
    return text


def clues(question: str, roster: Roster) -> Clues:
    """The clues of a question (see the module's docstring)."""
    words = tokens(question)
    capitalised = {t for w in re.findall(r"\b[A-ZА-ЯЁ][\w'-]*", question) for t in tokens(w)}
    people: list[str] = []
    named: set[str] = set()
    for n in (3, 2, 1):  # full names before surnames
        for i in range(len(words) - n + 1):
            key = " ".join(words[i : i + n])
            if key in roster.names and (n > 1 or key in capitalised) and not named & {key}:
                people += [p for p in roster.names[key][:3] if p not in people]
                named.update(words[i : i + n])
    people += [p for p in roster.holders(words) if p not in people]
    years = sorted({int(y) for y in _YEAR.findall(question)})
    months = sorted({(y, _MONTHS[w]) for y in years for w in words if w in _MONTHS and w != "may"})
    content = [
        w
        for w in words
        if w not in STOPWORDS
        and w not in named
        and not (w.isdigit() and int(w) in years)
        and w not in _MONTHS
    ]
    if not content:
        content = [w for w in words if w not in named] or words
    phrases = [tuple(tokens(a or b)) for a, b in _QUOTED.findall(question)]
    phrases = [p for p in phrases if len(p) > 1]
    phrases += [
        (a, b) for a, b in itertools.pairwise(words) if a in content and b in content and a != b
    ]
    return Clues(
        tuple(dict.fromkeys(content)),
        tuple(dict.fromkeys(phrases)),
        tuple(people[:6]),
        tuple(years),
        tuple(months),
    )


_ROSTERS: dict[tuple[int, int], Roster] = {}


def roster(conn: sqlite3.Connection) -> Roster:
    """The archive's roster, made again when the database changed (a new transcript, a
    merge or split of speakers: each adds to the change log)."""
    seq = int(conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])
    key = (id(conn), seq)
    found = _ROSTERS.get(key)
    if found is None:
        if len(_ROSTERS) >= 8:
            _ROSTERS.clear()
        found = _ROSTERS[key] = Roster(askdata.people(conn))
    return found


def _keyword_query(index: TantivyIndex, found: Clues) -> tantivy.Query:
    q = tantivy.Query
    should = tantivy.Occur.Should
    content = [(should, index.word(w, ASK_BOOSTS)) for w in found.words]
    for phrase in found.phrases:
        words: list[str | tuple[int, str]] = list(phrase)
        phrase_query = q.phrase_query(index.schema, "text", words)
        content.append((should, q.boost_query(phrase_query, PHRASE_BOOST)))
    clauses = [(tantivy.Occur.Must, q.boolean_query(content))]
    for person in found.people:
        term = q.term_query(index.schema, "person", person)
        clauses.append((should, q.const_score_query(term, SPEAKER_BONUS)))
    for year in found.years:
        term = q.term_query(index.schema, "when", f"y:{year}")
        clauses.append((should, q.const_score_query(term, YEAR_BONUS)))
    return q.boolean_query(clauses)


def _paragraphs(
    conn: sqlite3.Connection, engine: Engine, found: Clues, filters: Filters | None
) -> list[tuple[int, float]]:
    if isinstance(engine, TantivyIndex):
        ranked, _ = engine.run_query(_keyword_query(engine, found), filters, POOL)
        return ranked
    node = AnyOf(tuple(Term((w,)) for w in found.words))
    return fts.search(conn, node, filters, POOL, 0)[0]


def best_sentence(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """(start, end) of the sentence with the most highlighted words (the first of those)."""
    best, best_count = (0, len(text)), -1
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        if not text[start:end].strip():
            continue
        count = sum(1 for a, b in spans if a >= start and b <= end)
        if count > best_count:
            best, best_count = (start, end), count
    start, end = best
    while start < end and text[start].isspace():
        start += 1
    return start, end


def ask(
    conn: sqlite3.Connection,
    engine: Engine,
    question: str,
    filters: Filters | None = None,
    *,
    limit: int = 10,
) -> AskResult:
    """The turns that answer a question best (see the module's docstring)."""
    text = validate(question)
    limit = max(1, min(limit, MAX_LIMIT))
    found = clues(text, roster(conn))
    ranked = _paragraphs(conn, engine, found, filters)
    turns: dict[tuple[str, int], tuple[float, int]] = {}
    rows = paragraphs.hit_rows(conn, [rowid for rowid, _ in ranked])
    years = {str(y) for y in found.years}
    months = {f"{y}-{m:02d}" for y, m in found.months}
    people = set(found.people)
    for rowid, score in ranked:
        row = rows.get(rowid)
        if row is None:
            continue
        if row[4] in people:
            score *= SPEAKER_FACTOR
        if row[7][:4] in years:
            score *= YEAR_FACTOR * (YEAR_FACTOR if row[7][:7] in months else 1)
        key = (row[1], row[2])
        if key not in turns or turns[key][0] < score:
            turns[key] = (score, rowid)
    scored = sorted(turns.values(), key=lambda item: -item[0])
    scored, mode, notice = hybrid.rerank(conn, text, scored, rows)
    terms = [Term((w,)) for w in found.words] + [Term(p, exact=True) for p in found.phrases]
    hits = [_hit(rows[rowid], score, terms) for score, rowid in scored[:limit]]
    if not hits and _LATIN.search(text) is None:
        notice += " The question has no words in Latin letters; ask in the transcripts' language."
    return AskResult(text, hits, mode, engine.name, found, notice)


def _hit(row: tuple[Any, ...], score: float, terms: list[Term]) -> AskHit:
    _, doc_id, turn, paragraph, person, name, roles, date, title, place, text = row
    spans = highlight_spans(text, terms)
    start, end = best_sentence(text, spans)
    return AskHit(
        doc_id=doc_id,
        turn_index=turn,
        paragraph=paragraph,
        text=text,
        speaker=name,
        speaker_id=person,
        role=", ".join(json.loads(roles)),
        date=date,
        title=title,
        place=place,
        permalink=permalink(doc_id, turn, paragraph),
        score=round(score if math.isfinite(score) else 0.0, 4),
        answer=text[start:end].strip(),
        answer_span=(start, end),
        highlights=spans,
    )
