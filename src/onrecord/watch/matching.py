"""What a watch finds in the archive: paragraphs, documents, figures, revisions.

`find(archive, spec, doc_ids)` evaluates a question over the current revisions (of the
documents `doc_ids` only, when given: what a webhook run looks at). A query goes through
the archive's search; a speaker, an entity, a place or dates alone give the speaker's
turns, the entity's mentions or the documents themselves. Every document that matches
in a revision after its first also gives a `revision` entry with the diff link.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from onrecord.archive import Archive, Filters
from onrecord.entities import mentioned
from onrecord.errors import NotFoundError
from onrecord.identity import fold
from onrecord.model import Document
from onrecord.names import permalink
from onrecord.search.engine import MAX_LIMIT
from onrecord.watch.model import Match, Quote, WatchSpec

QUOTE_CHARS = 240  # as search snippets: about two lines
PER_DOCUMENT_SEARCH = 20  # up to this many documents, search each one by its id
MAX_SCAN = 100_000
DOCUMENT_PAGE = 50  # paragraphs read for one query at most (a run, or a feed)


@dataclass
class Context:
    """Documents and revision times read once per evaluation."""

    archive: Archive
    newest: int | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    stored: dict[tuple[str, int], str] = field(default_factory=dict)

    def document(self, doc_id: str) -> Document:
        if doc_id not in self.documents:
            self.documents[doc_id] = self.archive.get(doc_id)
        return self.documents[doc_id]

    def revision(self, doc_id: str) -> int:
        return self.archive.watches.current_revision(doc_id)

    def updated(self, doc_id: str, revision: int) -> str:
        key = (doc_id, revision)
        if key not in self.stored:
            self.stored[key] = self.archive.watches.ingested_at(doc_id, revision)
        return self.stored[key]


def filters_of(spec: WatchSpec, doc_id: str | None = None) -> Filters:
    return Filters(spec.speaker, spec.date_from, spec.date_to, spec.place, doc_id)


def find(
    archive: Archive,
    spec: WatchSpec,
    doc_ids: Collection[str] | None = None,
    *,
    newest: int | None = None,
) -> list[Match]:
    """Every match of the question, oldest document first; with `newest`, about that
    many of the newest documents' matches (what a feed shows) rather than all."""
    ctx = Context(archive, newest=newest)
    if spec.figure:
        from onrecord.watch.figures import figure_matches

        found = figure_matches(ctx, spec, doc_ids)
    elif spec.query:
        found = _query_matches(ctx, spec, doc_ids)
    elif spec.entity:
        found = _entity_matches(ctx, spec, doc_ids)
    elif spec.speaker:
        found = _speaker_matches(ctx, spec, doc_ids)
    else:
        found = []
        for document in _documents(ctx, spec, doc_ids):
            found.append(_document_match(ctx, document))
            if _enough(ctx, found):
                break
    found = sorted(found, key=_order)
    if newest is not None:
        found = found[-newest:]
    found += _revision_matches(ctx, {m.doc_id for m in found})
    return sorted(found, key=_order)


def _order(match: Match) -> tuple[str, str, str, str]:
    return (match.quote.date, match.updated, match.doc_id, match.key)


def _document_ids(ctx: Context, spec: WatchSpec, doc_ids: Collection[str] | None) -> Iterator[str]:
    """The documents the question's filters allow: of `doc_ids`, or all, newest first
    in pages (a feed stops once it has enough)."""
    if doc_ids is not None:
        for doc_id in sorted(doc_ids):
            if ctx.archive.list_documents(filters_of(spec, doc_id), limit=1).total:
                yield doc_id
        return
    offset = 0
    while True:
        page = ctx.archive.list_documents(filters_of(spec), limit=DOCUMENT_PAGE, offset=offset)
        yield from (summary.id for summary in page.items)
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def _documents(
    ctx: Context, spec: WatchSpec, doc_ids: Collection[str] | None
) -> Iterator[Document]:
    return (ctx.document(doc_id) for doc_id in _document_ids(ctx, spec, doc_ids))


def _enough(ctx: Context, found: list[Match]) -> bool:
    return ctx.newest is not None and len(found) >= ctx.newest


def quote_of(
    document: Document, turn: int, paragraph: int, spans: Iterable[tuple[int, int]] = ()
) -> Quote:
    """A quote of one paragraph (turn -1: the preamble), trimmed around its first span."""
    if turn >= 0:
        who = next((t for t in document.turns if t.index == turn), None)
        text = who.paragraphs[paragraph] if who else ""
        person = document.speaker(who.speaker) if who else None
        speaker = person.name if person else (who.label if who else "")
    else:
        text, speaker = document.preamble[paragraph], ""
    body, marks = window(text, list(spans))
    return Quote(
        document.id,
        document.date,
        document.title,
        speaker,
        permalink(document.id, turn, paragraph),
        body,
        tuple(marks),
    )


def window(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """At most QUOTE_CHARS of `text`, starting a little before the first span."""
    start = 0
    if spans and len(text) > QUOTE_CHARS and spans[0][0] > QUOTE_CHARS // 4:
        start = text.rfind(" ", 0, spans[0][0] - QUOTE_CHARS // 4) + 1
    end = min(len(text), start + QUOTE_CHARS)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    prefix = "…" if start else ""
    body = prefix + text[start:end] + ("…" if end < len(text) else "")
    shift = len(prefix) - start
    return body, [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]


def locate(document: Document, turn: int | None, start: int, end: int) -> Quote | None:
    """The paragraph quote of an annotation's offsets into its turn (or the preamble)."""
    if turn is None:
        return None
    if turn >= 0:
        unit = next((t for t in document.turns if t.index == turn), None)
        text = unit.text if unit else ""
    else:
        text = "\n\n".join(document.preamble)
    if not text or end > len(text):
        return None
    paragraph = text.count("\n\n", 0, start)
    base = text.rfind("\n\n", 0, start)
    base = base + 2 if base >= 0 else 0
    return quote_of(document, turn, paragraph, [(start - base, end - base)])


def _query_matches(ctx: Context, spec: WatchSpec, doc_ids: Collection[str] | None) -> list[Match]:
    assert spec.query
    if doc_ids is not None and len(doc_ids) <= PER_DOCUMENT_SEARCH:
        scopes: list[Filters] = [filters_of(spec, d) for d in doc_ids]
    else:
        scopes = [filters_of(spec)]
    wanted = set(doc_ids) if doc_ids is not None else None
    entity = _entity_places(ctx, spec, doc_ids) if spec.entity else None
    found = []
    for scope in scopes:
        offset = 0
        while offset < MAX_SCAN:
            try:
                result = ctx.archive.search(spec.query, scope, limit=MAX_LIMIT, offset=offset)
            except NotFoundError:
                return []  # the speaker of the filter is not in the archive (yet)
            for hit in result.hits:
                if wanted is not None and hit.doc_id not in wanted:
                    continue
                if entity is not None and (hit.doc_id, hit.turn, hit.paragraph) not in entity:
                    continue
                revision = ctx.revision(hit.doc_id)
                quote = Quote(
                    hit.doc_id,
                    hit.date,
                    hit.title,
                    hit.speaker,
                    hit.permalink,
                    hit.snippet,
                    tuple(hit.highlights),
                )
                found.append(
                    Match(
                        "paragraph",
                        revision,
                        quote,
                        ctx.updated(hit.doc_id, revision),
                        _said(quote),
                    )
                )
            offset += MAX_LIMIT
            if offset >= result.total or not result.hits:
                break
    return found


def _said(quote: Quote) -> str:
    words = ", ".join(quote.text[a:b] for a, b in quote.highlights[:5])
    who = quote.speaker or "The text"
    return f"{who}: {words}" if words else who


def _mentions(
    ctx: Context, spec: WatchSpec, doc_ids: Collection[str] | None
) -> Iterable[tuple[Document, int | None, int, int]]:
    """The entity's mentions (the archive's entity index), newest document first, in the
    documents the question's other filters allow."""
    assert spec.entity
    filtered = bool(spec.speaker or spec.date_from or spec.date_to or spec.place)
    for doc_id, found in mentioned(ctx.archive, spec.entity, doc_ids):
        if filtered and not ctx.archive.list_documents(filters_of(spec, doc_id), limit=1).total:
            continue
        document = ctx.document(doc_id)
        for mention in found:
            yield document, mention.turn, mention.start, mention.end


def _entity_places(
    ctx: Context, spec: WatchSpec, doc_ids: Collection[str] | None
) -> set[tuple[str, int, int]]:
    places = set()
    for document, turn, start, end in _mentions(ctx, spec, doc_ids):
        quote = locate(document, turn, start, end)
        if quote is not None:
            places.add((document.id, *_position(quote.permalink)))
    return places


def _position(link: str) -> tuple[int, int]:
    """(turn, paragraph) of a permalink `ID#t12-p3`; (-1, 3) for `ID#p3`."""
    anchor = link.rpartition("#")[2]
    turn, _, paragraph = anchor.partition("-")
    return (int(turn[1:]), int(paragraph[1:])) if paragraph else (-1, int(turn[1:]))


def _entity_matches(ctx: Context, spec: WatchSpec, doc_ids: Collection[str] | None) -> list[Match]:
    found = []
    for document, turn, start, end in _mentions(ctx, spec, doc_ids):
        quote = locate(document, turn, start, end)
        if quote is None:
            continue
        revision = ctx.revision(document.id)
        summary = f"{quote.speaker or 'The text'} mentions {spec.entity}"
        found.append(
            Match("paragraph", revision, quote, ctx.updated(document.id, revision), summary)
        )
        if _enough(ctx, found):
            break
    return found


def person_names(archive: Archive, speaker: str) -> tuple[str, set[str]]:
    """The person a watch's speaker names (an id, a name or part of one) and every
    spelling of them, folded. NotFoundError when nobody in the archive fits."""
    try:
        person = archive.speaker(speaker).person
        people = [person]
    except NotFoundError:
        people = archive.speakers(speaker, limit=5)
        if not people:
            raise NotFoundError("no speaker of that name in the archive", source=speaker) from None
    names = {fold(n) for p in people for n in (p.name, *p.names)}
    return people[0].name, names


def _speaker_matches(ctx: Context, spec: WatchSpec, doc_ids: Collection[str] | None) -> list[Match]:
    assert spec.speaker
    try:
        name, names = person_names(ctx.archive, spec.speaker)
    except NotFoundError:
        return []
    found = []
    for document in _documents(ctx, spec, doc_ids):
        local = {s.id for s in document.speakers if fold(s.name) in names and not s.generic}
        turns = [t for t in document.turns if t.speaker in local and t.paragraphs]
        if not turns:
            continue
        quote = quote_of(document, turns[0].index, 0)
        revision = ctx.revision(document.id)
        summary = f"{name} speaks in {document.title or document.id}" + (
            f" ({len(turns)} turns)" if len(turns) > 1 else ""
        )
        found.append(
            Match("paragraph", revision, quote, ctx.updated(document.id, revision), summary)
        )
        if _enough(ctx, found):
            break
    return found


def _document_match(ctx: Context, document: Document) -> Match:
    revision = ctx.revision(document.id)
    text = document.lead or next((p for t in document.turns for p in t.paragraphs), "")
    body, _ = window(text, [])
    quote = Quote(document.id, document.date, document.title, "", document.id, body)
    summary = f"New document: {document.title or document.id}"
    return Match("document", revision, quote, ctx.updated(document.id, revision), summary)


def _revision_matches(ctx: Context, doc_ids: Iterable[str]) -> list[Match]:
    found = []
    for doc_id in sorted(doc_ids):
        revision = ctx.revision(doc_id)
        if revision > 1:
            found.append(revision_match(ctx, doc_id, revision))
    return found


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def revision_match(ctx: Context, doc_id: str, revision: int) -> Match:
    """What changed in `revision` of a document against the one before, with the diff link."""
    diff = ctx.archive.diff(doc_id, revision - 1, revision)
    document = ctx.document(doc_id)
    fields = [c.field for c in diff.changes]
    added = sum(1 for line in diff.text_diff if line[:1] == "+" and line[:3] != "+++")
    removed = sum(1 for line in diff.text_diff if line[:1] == "-" and line[:3] != "---")
    parts = ([f"fields changed: {', '.join(fields)}"] if fields else []) + (
        [f"text: {_lines(added)} added, {removed} removed"] if added or removed else []
    )
    what = "; ".join(parts) or "no visible change"
    quote = Quote(doc_id, document.date, document.title, "", doc_id, what)
    return Match(
        "revision",
        revision,
        quote,
        ctx.updated(doc_id, revision),
        f"Revised transcript (revision {revision}): {what}",
        diff=f"/documents/{doc_id}/diff?a={revision - 1}&b={revision}",
        extra={"changes": [c.to_dict() for c in diff.changes]},
    )
