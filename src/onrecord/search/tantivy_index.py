"""The derived search index: Tantivy files in `<database>.index/`, rebuilt from the database.

The database is the record. Every write to it appends the changed document ids to the
`changes` table in the same transaction; `sync` replays the changes after the sequence
number the index last recorded (delete the document's paragraphs, add the current ones)
and then records the new number. Replaying is idempotent, so a crash between Tantivy's
commit and the note of the sequence number only means some work is done twice. An index
that is missing, from another database or from an older layout is rebuilt from scratch.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tantivy

from onrecord import wordforms
from onrecord.identity import fold
from onrecord.search.query import All, AnyOf, Node, Term, tokens
from onrecord.store import backend, paragraphs, persons
from onrecord.store.records import Filters

log = logging.getLogger(__name__)

LAYOUT = 9  # bump when the fields change: older indexes are rebuilt
FACET_SIZE = 20  # values per facet, as in search.fts.facets
FACET_CACHE = 512  # searches whose facets a process keeps (see TantivyIndex.facets)
_FACETS: OrderedDict[tuple[Any, ...], dict[str, list[tuple[str, int]]]] = OrderedDict()
_FACETS_LOCK = threading.Lock()
META = "onrecord-index.json"
WRITER_HEAP = 200_000_000  # bytes of indexing buffer; larger buffers mean fewer segments
UPDATE_HEAP = 20_000_000  # enough for the few documents one ingest batch changes
WHEN_SHARE = 0.5  # year unions up to this share of the index; see TantivyIndex._when
MAX_TOKEN = wordforms.MAX_TOKEN
# How much a word in a transcript's title, lead, speaker's name or place weighs against
# the same word in the paragraph itself (BM25 of each field, summed). A title is short,
# so its BM25 is already high; these keep a paragraph that says the word above one whose
# transcript's title merely has it, except for names, which people search for as such.
BOOSTS = {"stem": 1.0, "title": 0.6, "lead": 0.3, "who": 0.8, "place": 0.3}


def index_dir(db_path: str) -> Path:
    """`<db>.index` beside a SQLite file; a folder of this node's for a PostgreSQL URL."""
    if backend.is_url(db_path):
        return backend.index_dir(db_path)
    return Path(f"{db_path}.index")


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    # stored as well: reading ten stored values costs 0.01 ms, the fast field 0.3 ms at 5M
    # paragraphs (whatever the number of hits: opening the column costs)
    builder.add_integer_field("rowid", indexed=False, fast=True, stored=True)
    builder.add_text_field("doc", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("text", tokenizer_name="fold")  # exact words: phrases, prefixes
    # words by their stems (and the transcript's title, lead, the speaker's name)
    builder.add_text_field("stem", tokenizer_name="stem", index_option="freq")
    builder.add_text_field("title", tokenizer_name="stem", index_option="freq")
    builder.add_text_field("lead", tokenizer_name="stem", index_option="freq")
    builder.add_text_field("who", tokenizer_name="fold", index_option="freq")
    builder.add_text_field("person", tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_integer_field("date", indexed=True, fast=True)
    builder.add_integer_field("year", fast=True)
    builder.add_text_field("place", tokenizer_name="fold")
    builder.add_text_field("place_exact", tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_text_field("all", tokenizer_name="raw", index_option="basic")  # "1" on each
    builder.add_integer_field("order", fast=True)  # the index's order: speaker, then date
    # `y:2017` and `vladimir-putin|2017`: whole-year filters as posting lists (see _when)
    builder.add_text_field("when", tokenizer_name="raw", index_option="basic")
    return builder.build()


def _analyzer() -> tantivy.TextAnalyzer:
    """Words as search.query.tokens() makes them: letters and digits of text that
    identity.fold() has folded before it reaches Tantivy (Tantivy's own ascii_fold only
    knows Latin letters: `ё` would stay `ё` where the query has `е`)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN))
        .filter(tantivy.Filter.lowercase())
        .build()
    )


def _paragraph_documents(
    doc_id: str,
    date: str,
    place: str,
    paragraphs: Iterable[tuple[int, str, str | None]],
    head: tuple[str, str] = ("", ""),
) -> Iterator[tantivy.Document]:
    """One transcript's paragraphs as the index stores them, from (rowid, text as `fold`
    gives it, person id), with the transcript's (title, lead). The fields every paragraph
    of the transcript (or of one of its speakers) shares are made once."""
    number = date_number(date)
    title, lead = head
    shared: dict[str, Any] = {
        "doc": doc_id,
        "all": "1",
        "date": number,
        "year": number // 10_000,
        "place": fold(place),
        "place_exact": [place] if place else [],
        "title": fold(title),
        "lead": fold(lead),
    }
    speakers: dict[str | None, dict[str, Any]] = {}
    for rowid, folded, person in paragraphs:
        fields = speakers.get(person)
        if fields is None:
            fields = speakers[person] = {
                **shared,
                "order": order_key(person, number),
                "when": _when_terms(person, number),
                "person": [person] if person else [],
                "who": person.replace("-", " ") if person else "",
            }
        yield tantivy.Document(rowid=rowid, text=folded, stem=folded, **fields)


def _transcript(row: tuple[Any, ...]) -> tuple[str, str, str]:
    """(doc id, date, place) of a row of `paragraphs.index_rows`."""
    return row[1], row[4], row[5]


def _when_terms(person: str | None, number: int) -> list[str]:
    year = number // 10_000
    return [f"y:{year}", f"{person}|{year}"] if person else [f"y:{year}"]


def order_key(person: str | None, number: int) -> int:
    """The index's sort key: a paragraph's speaker (hashed), then its date, so that one
    speaker's paragraphs are contiguous and a speaker filter skips the rest of a posting
    list instead of testing each entry."""
    return (zlib.crc32((person or "").encode()) << 27) | min(number, (1 << 27) - 1)


def edit_distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance with transpositions counted as one, or most + 1 once over."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        if min(row) > most:
            return most + 1
        previous2, previous = previous, row
    return previous[-1]


def _one_term_but(node: Node) -> bool:
    """`word NOT other` (one term kept, any excluded): see TantivyIndex._search_excluding."""
    return (
        isinstance(node, All)
        and len(node.must) == 1
        and bool(node.must_not)
        and isinstance(node.must[0], Term)
    )


_NOT_DIGIT = re.compile(r"\D")


def date_number(date: str, *, upper: bool = False) -> int:
    """`2017-04-12` -> 20170412; a partial date is widened to its first or last day."""
    digits = _NOT_DIGIT.sub("", date)[:8]
    if not digits:
        return 0
    return int(digits.ljust(8, "9" if upper else "0"))


def _replays(batch: paragraphs.FtsBatch, fed: int, seq: int) -> bool:
    """Whether the batch wrote exactly the changes after `fed` up to `seq`."""
    seqs = batch.seqs
    return bool(seqs) and seqs == list(range(fed + 1, seq + 1))


class Updater:
    """Replays the database's change log into an open writer; see TantivyIndex.updating."""

    def __init__(self, owner: TantivyIndex, meta: dict[str, Any], heap: int) -> None:
        self.owner = owner
        fresh = meta.get("layout") != LAYOUT or meta.get("instance") != owner._instance()
        self.fed: int | None = None if fresh else int(meta.get("seq", 0))
        self.heap = WRITER_HEAP if fresh else heap
        self.index = owner._open(fresh)
        self.writer: Any = None

    def catch_up(self, batch: paragraphs.FtsBatch | None = None) -> int:
        """Add what the database changed since the last catch-up; returns documents.

        `batch`: the batch an ingest has just committed; when it wrote exactly the changes
        to replay, its paragraphs are indexed from memory instead of read back."""
        conn = self.owner.conn
        conn.execute("BEGIN")  # one snapshot: the rows and the sequence number agree
        try:
            seq = self.owner._last_seq()
            if self.fed == seq:
                return 0
            if self.writer is None:
                self.writer = self.index.writer(self.heap, 1)
            if batch is not None and self.fed is not None and _replays(batch, self.fed, seq):
                count = self.owner._add_written(self.writer, batch.written)
            else:
                count = self.owner._write(self.writer, self.fed)
            self.fed = seq
        finally:
            conn.execute("COMMIT")
        return count

    def finish(self) -> None:
        if self.writer is None or self.fed is None:
            return
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.owner._save_meta(self.fed)
        self.owner._index = None

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.rollback()


class TantivyIndex:
    """The index of one database; `name` says which engine answered a search."""

    name = "tantivy"

    def __init__(self, conn: sqlite3.Connection, db_path: str) -> None:
        self.conn = conn
        self.path = index_dir(db_path)
        self.schema = _schema()
        self._index: tantivy.Index | None = None
        self._seen_seq: Any = None  # the sequence number in the index's note, last read
        # the database's sequence number that `behind` read last: every search asks it
        # first, so what it resolves afterwards (a speaker filter) need not ask again
        self._checked_seq: int | None = None
        self._loaded_seq: Any = None  # ... when the searcher was last (re)loaded
        self._meta_note: dict[str, Any] = {}
        self._meta_signature: Any = None
        self._instance_id: str | None = None  # the database's, which never changes
        self._searcher: tantivy.Searcher | None = None
        self._speakers: dict[tuple[str, int, int], list[str]] = {}

    # keeping in step

    def _meta(self) -> dict[str, Any]:
        try:
            return dict(json.loads((self.path / META).read_text()))
        except (OSError, ValueError):
            return {}

    def _current_meta(self, *, again: bool = False) -> dict[str, Any]:
        """The note, read again only when its file changed (it is replaced, never edited)
        or when asked to."""
        try:
            st = os.stat(self.path / META)
            signature: Any = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            signature = None
        if again or signature is None or signature != self._meta_signature:
            self._meta_note = self._meta()
            self._meta_signature = signature
        return self._meta_note

    def _instance(self) -> str:
        if self._instance_id is None:
            self._instance_id = paragraphs.instance(self.conn)
        return self._instance_id

    def behind(self) -> bool:
        last = self._checked_seq = self._last_seq()
        meta = self._current_meta()
        if self._differs(meta, last):  # the note read before may be stale: read it again
            meta = self._current_meta(again=True)
        self._seen_seq = meta.get("seq")
        return self._differs(meta, last)

    def usable(self) -> bool:
        """Whether a committed index of this database is there to search, in step or not."""
        meta = self._current_meta(again=True)
        return meta.get("instance") == self._instance() and meta.get("layout") == LAYOUT

    def _differs(self, meta: dict[str, Any], last: int) -> bool:
        return (
            meta.get("seq") != last
            or meta.get("instance") != self._instance()
            or meta.get("layout") != LAYOUT
        )

    def _last_seq(self) -> int:
        return paragraphs.last_change(self.conn)

    def _open(self, fresh: bool) -> tantivy.Index:
        if fresh and self.path.exists():
            shutil.rmtree(self.path)
        self.path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self.schema, str(self.path), reuse=not fresh, sort_by_field="order")
        index.register_tokenizer("fold", _analyzer())
        index.register_tokenizer("stem", wordforms.stem_analyzer())
        return index

    def sync(self) -> int:
        """Bring the index in step with the database; returns the documents (re)indexed.

        Raises ValueError when another process is updating the index.
        """
        with self.updating(UPDATE_HEAP) as updater:
            return updater.catch_up()

    def rebuild(self) -> int:
        """Build the index again from every paragraph; returns the documents indexed."""
        with self.updating(fresh=True) as updater:
            return updater.catch_up()

    @contextmanager
    def updating(self, heap: int = WRITER_HEAP, *, fresh: bool = False) -> Iterator[Updater]:
        """Hold the index writer across several catch-ups (an ingest, batch by batch);
        commit once at the end. Raises ValueError when another process holds it."""
        with self._lock():
            updater = Updater(self, {} if fresh else self._meta(), heap)
            try:
                yield updater
            except BaseException:
                updater.abort()
                raise
            updater.finish()

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """One updater at a time, across processes: a rebuild deletes the directory."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(f"{self.path}.lock", "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as err:
                raise ValueError("another process is updating the search index") from err
            yield

    def _write(self, writer: Any, after: int | None) -> int:
        if after is None:
            return self._add(writer, paragraphs.index_rows(self.conn), set())
        doc_ids = paragraphs.changed_since(self.conn, after)
        for doc_id in doc_ids:
            writer.delete_documents_by_term("doc", doc_id)
            self._add(writer, paragraphs.index_rows(self.conn, doc_id), set())
        return len(doc_ids)

    def _add_written(self, writer: Any, written: list[paragraphs.Written]) -> int:
        """The same index documents as `_write` makes from the rows, from a batch in memory."""
        for doc in written:
            writer.delete_documents_by_term("doc", doc.doc_id)
            rows = ((rowid, text, person) for _, _, rowid, text, person in doc.rows)
            head = (doc.title, doc.lead)
            for paragraph in _paragraph_documents(doc.doc_id, doc.date, doc.place, rows, head):
                writer.add_document(paragraph)
        return len({doc.doc_id for doc in written})

    def _add(self, writer: Any, rows: Iterator[tuple[Any, ...]], docs: set[str]) -> int:
        """Index rows of `paragraphs.index_rows`, a transcript at a time (by row id)."""
        for (doc_id, date, place), group in itertools.groupby(rows, key=_transcript):
            docs.add(doc_id)
            texts = ((row[0], fold(row[2]), row[3]) for row in group)
            head = paragraphs.head(self.conn, doc_id)
            for paragraph in _paragraph_documents(doc_id, date, place, texts, head):
                writer.add_document(paragraph)
        return len(docs)

    def _save_meta(self, seq: int) -> None:
        meta = {"layout": LAYOUT, "seq": seq, "instance": self._instance()}
        tmp = self.path / (META + ".tmp")
        tmp.write_text(json.dumps(meta))
        os.replace(tmp, self.path / META)

    # searching

    def searcher(self) -> tantivy.Searcher:
        """A searcher that sees the last sync, also one made by another process; the same
        one until then (a searcher is a snapshot of the index's segments)."""
        if self._index is None:
            self._index = self._open(False)
            self._loaded_seq = self._seen_seq
            self._searcher = None
        elif self._loaded_seq != self._seen_seq:
            self._index.reload()
            self._loaded_seq = self._seen_seq
            self._searcher = None
        if self._searcher is None:
            self._searcher = self._index.searcher()
        return self._searcher

    def search(
        self,
        node: Node,
        filters: Filters | None,
        limit: int,
        offset: int,
        sort: str = "relevance",
    ) -> tuple[list[tuple[int, float]], int]:
        searcher = self.searcher()
        unfiltered = filters is None or filters.is_empty()
        if unfiltered and sort == "relevance" and _one_term_but(node):
            late = self._search_excluding(node, limit, offset, searcher)  # type: ignore[arg-type]
            if late is not None:
                hits, total = late
                return self._ranked(searcher, hits), total
        return self.run_query(self.compile(node), filters, limit, offset, sort)

    def run_query(
        self,
        query: tantivy.Query,
        filters: Filters | None,
        limit: int,
        offset: int = 0,
        sort: str = "relevance",
    ) -> tuple[list[tuple[int, float]], int]:
        """(row id, score) of a compiled query's hits under the filters, and their count.
        `sort`: "relevance", "newest" or "oldest" (then the score is the date, 20170412)."""
        searcher = self.searcher()
        query = self._filtered(query, filters, searcher)
        # Tantivy needs a limit of at least one; a count-only search drops the one hit.
        if sort == "relevance":
            result = searcher.search(query, max(limit, 1), count=True, offset=offset)
        else:
            order = tantivy.Order.Desc if sort == "newest" else tantivy.Order.Asc
            result = searcher.search(
                query, max(limit, 1), count=True, offset=offset, order_by_field="date", order=order
            )
        total = int(getattr(result, "count", 0) or 0)
        return self._ranked(searcher, result.hits[:limit]), total

    @staticmethod
    def _ranked(searcher: tantivy.Searcher, hits: list[Any]) -> list[tuple[int, float]]:
        """(row id, score) of Tantivy's (score, address) hits."""
        return [(int(searcher.doc(address)["rowid"][0]), float(score)) for score, address in hits]

    def _search_excluding(
        self, node: All, limit: int, offset: int, searcher: tantivy.Searcher
    ) -> tuple[list[Any], int] | None:
        """`word NOT other` ranked as two cheap searches instead of one slow one, or None.

        Tantivy scores a single term through a fast path that a boolean query with a
        MUST_NOT clause loses (7 ms against 3.5 for `russia NOT ukraine` at 5M
        paragraphs). The top hits of `word` are fetched with some to spare, and so are
        those of `word AND other`, the ones to drop: a dropped hit of rank r in the
        first list has a rank of at most r in the second (same scores, same order of
        ties), so the second holds every one of them. The total is the count of `word`
        less the count of `word AND other`. None when too many of the top hits were
        dropped; the caller then runs the boolean query.
        """
        want = offset + limit
        fetch = want + 10
        positive = self.compile(node.must[0])
        excluded = AnyOf(node.must_not) if len(node.must_not) > 1 else node.must_not[0]
        overlap = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, positive),
                (
                    tantivy.Occur.Must,  # scored 0: the same scores as `word` alone
                    tantivy.Query.const_score_query(self.compile(excluded), 0.0),
                ),
            ]
        )
        dropped = searcher.search(overlap, fetch, count=True)
        found = searcher.search(positive, fetch, count=True)
        matches = int(getattr(found, "count", 0) or 0)
        total = matches - int(getattr(dropped, "count", 0) or 0)
        gone = {(a.segment_ord, a.doc) for _, a in dropped.hits}
        kept = [h for h in found.hits if (h[1].segment_ord, h[1].doc) not in gone]
        if len(kept) < want and len(found.hits) == fetch:
            return None  # more than the spare were dropped: not all of the page is known
        return kept[offset:want], total

    def paragraphs_with(self, word: str) -> int:
        """In how many indexed paragraphs a word is, folded as the index folds it. Tantivy
        counts a replaced revision's paragraphs until its segments merge, so a word may
        count a little high (lint's vocabulary then knows a word a little early)."""
        words = tokens(word)
        return int(self.searcher().doc_freq("text", words[0])) if len(words) == 1 else 0

    def suggest(self, word: str) -> str | None:
        """The index's word nearest to an unknown one (edit distance 1, or 2 for words of
        six letters or more; the most frequent of the nearest), or None: among the words
        that share its first two letters, so a slip in those is not corrected."""
        searcher = self.searcher()
        if len(word) < 3 or not word.isalpha():
            return None
        if any(searcher.doc_freq("stem", s) for s in wordforms.stems(word)):
            return None
        most = 1 if len(word) < 6 else 2
        best: tuple[int, int, str] | None = None
        for term, count in searcher.terms_with_prefix("text", word[:2]):
            if abs(len(term) - len(word)) > most or not term.isalpha():
                continue
            distance = edit_distance(word, term, most)
            if distance <= most and (best is None or (distance, -count) < best[:2]):
                best = (distance, -count, term)
        return best[2] if best else None

    def facets(self, node: Node, filters: Filters | None) -> dict[str, list[tuple[str, int]]]:
        """Counts of all matches by year, speaker (person id) and place. They cost more than
        the search itself and grow with the matches (47 ms for `russia` at 5 M paragraphs,
        against 15 ms for its page of hits), so they are kept for the index's state they
        were counted on, in the process: pages 2 and 3 of a search, and the same search by
        another reader, read them (`FACET_CACHE`). A sync gives the index a new state."""
        searcher = self.searcher()
        key = (str(self.path), self._loaded_seq, node, filters)
        with _FACETS_LOCK:
            if key in _FACETS:
                _FACETS.move_to_end(key)
                return _FACETS[key]
        out = self._count_facets(searcher, node, filters)
        with _FACETS_LOCK:
            _FACETS[key] = out
            if len(_FACETS) > FACET_CACHE:
                _FACETS.popitem(last=False)
        return out

    def _count_facets(
        self, searcher: tantivy.Searcher, node: Node, filters: Filters | None
    ) -> dict[str, list[tuple[str, int]]]:
        fields = {"year": "year", "speaker": "person", "place": "place_exact"}
        request = {
            name: {"terms": {"field": field, "size": FACET_SIZE}} for name, field in fields.items()
        }
        result = searcher.aggregate(self._filtered(self.compile(node), filters), request)
        out = {}
        for name in fields:
            buckets = result.get(name, {}).get("buckets", [])
            pairs = [
                (str(b["key"]), int(b["doc_count"])) for b in buckets if b["key"] not in (0, "")
            ]
            out[name] = sorted(pairs, key=lambda p: (-p[1], p[0]))
        return out

    def compile(self, node: Node) -> tantivy.Query:
        if isinstance(node, Term):
            return self._term(node)
        if isinstance(node, AnyOf):
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self.compile(n)) for n in node.options]
            )
        assert isinstance(node, All)
        clauses = [(tantivy.Occur.Must, self.compile(n)) for n in node.must]
        clauses += [(tantivy.Occur.MustNot, self.compile(n)) for n in node.must_not]
        return tantivy.Query.boolean_query(clauses)

    def _term(self, term: Term) -> tantivy.Query:
        words: list[str | tuple[int, str]] = list(term.tokens)
        if term.prefix:
            return tantivy.Query.phrase_prefix_query(self.schema, "text", words)
        if len(words) == 1:
            if term.exact:
                return tantivy.Query.term_query(self.schema, "text", words[0])
            return self.word(term.tokens[0])
        return tantivy.Query.phrase_query(self.schema, "text", words)

    def word(self, word: str, boosts: dict[str, float] = BOOSTS) -> tantivy.Query:
        """One word: any of its stems and spellings, in the paragraph, the transcript's
        title or lead, the speaker's name or the place; each field weighed by `boosts`."""
        q = tantivy.Query
        stems = wordforms.stems(word)
        clauses = []
        for field, boost in boosts.items():
            if boost <= 0:
                continue
            values = stems if field in ("stem", "title", "lead") else wordforms.variants(word)
            for value in values:
                one = q.term_query(self.schema, field, value)
                weighed = one if boost == 1 else q.boost_query(one, boost)
                clauses.append((tantivy.Occur.Should, weighed))
        return clauses[0][1] if len(clauses) == 1 else q.boolean_query(clauses)

    def _speaker_ids(self, speaker: str) -> list[str]:
        """persons.resolve_filter, remembered until the database changes (a merge or a
        split of speakers is a change): `Putin` is a LIKE over every name otherwise."""
        seq = self._checked_seq if self._checked_seq is not None else self._last_seq()
        key = (speaker, seq, self.conn.total_changes)
        ids = self._speakers.get(key)
        if ids is None:
            if len(self._speakers) > 256:
                self._speakers.clear()
            ids = self._speakers[key] = persons.resolve_filter(self.conn, speaker)
        return ids

    def _when(
        self, searcher: tantivy.Searcher, prefixes: list[str], first: int, last: int
    ) -> tantivy.Query | None:
        """Paragraphs of years `first` to `last` (of the speakers whose `id|` prefixes are
        given, else of anyone: `y:`) as a union of `when` terms; None when they are more
        than WHEN_SHARE of the index, where the date range costs less than a union as
        dense. At 5M paragraphs (CPU ms, union / range): `security` 2010-2012 (3% of the
        index) 0.8 / 4.3, `economy` by Putin from 2015 (36%) 5.1 / 9.6, `russia`
        2000-2005 (46%) 6.5 / 12.2, `economy` by Putin (40%, one id) 6.1 / 4.8,
        `economy` from 2015 (75%) 8.0 / 7.4, `russia` to 2020 (all) 24.6 / 12.9."""
        terms = []
        found = 0
        for prefix in prefixes:
            for term, count in searcher.terms_with_prefix("when", prefix):
                year = term[len(prefix) :]
                if year.isdigit() and first <= int(year) <= last:
                    terms.append(term)
                    found += count
        if found > searcher.num_docs * WHEN_SHARE:
            return None
        if not terms:
            return tantivy.Query.empty_query()
        if len(terms) == 1:
            return tantivy.Query.term_query(self.schema, "when", terms[0])
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "when", t))
                for t in terms
            ]
        )

    def _filtered(
        self,
        query: tantivy.Query,
        filters: Filters | None,
        searcher: tantivy.Searcher | None = None,
    ) -> tantivy.Query:
        if filters is None or filters.is_empty():
            return query
        q = tantivy.Query
        clauses = []
        if filters.doc_id:
            clauses.append(q.term_query(self.schema, "doc", filters.doc_id))
        dated = bool(filters.date_from or filters.date_to)
        low = date_number(filters.date_from or "0")
        high = date_number(filters.date_to or "9", upper=True)
        whole = low % 10_000 == 0 and high % 10_000 == 9999
        ids = self._speaker_ids(filters.speaker) if filters.speaker else []
        when = None
        if dated and whole:  # whole years: the posting lists of `when`, if few documents
            searcher = searcher or self.searcher()
            prefixes = [f"{i}|" for i in ids] or ["y:"]
            when = self._when(searcher, prefixes, low // 10_000, high // 10_000)
        if when is not None:
            clauses.append(when)
        else:
            if ids:
                # one id (the usual case): a term query, a quarter faster than a term set
                clauses.append(
                    q.term_query(self.schema, "person", ids[0])
                    if len(ids) == 1
                    else q.term_set_query(self.schema, "person", ids)
                )
            if dated:
                clauses.append(
                    q.range_query(self.schema, "date", tantivy.FieldType.Integer, low, high)
                )
        if filters.place:
            words: list[str | tuple[int, str]] = list(tokens(filters.place))
            if words:
                place = (
                    q.term_query(self.schema, "place", words[0])
                    if len(words) == 1
                    else q.phrase_query(self.schema, "place", words)
                )
                clauses.append(place)
        scored = [(tantivy.Occur.Must, query)]
        scored += [(tantivy.Occur.Must, q.const_score_query(c, 0.0)) for c in clauses]
        return q.boolean_query(scored)
