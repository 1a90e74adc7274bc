"""Atom feeds (RFC 4287) of watches, speakers, entities, searches and new documents.

Each entry is one match: its title says what was found, its `alternate` link is the
paragraph's permalink (the diff, for a revised transcript), its content quotes the
matching words (marked) and, for a new figure, the earlier statement with its link. Entry
ids are `urn:onrecord:` names of the match (document, revision, paragraph), so the same
match keeps its id in every feed and a new revision gives new entries.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import quote as urlquote
from xml.etree import ElementTree as ET

from onrecord import __version__
from onrecord.archive import Archive
from onrecord.enrich.gazetteer import load
from onrecord.errors import NotFoundError
from onrecord.watch import get, matches
from onrecord.watch.matching import Context, revision_match, window
from onrecord.watch.model import Match, Quote, WatchSpec

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50  # entries per feed: a reader polls often; the archive keeps the rest
EPOCH = "1970-01-01T00:00:00+00:00"  # `updated` of a feed with no entry and no other date
MEDIA_TYPE = "application/atom+xml; charset=utf-8"


@dataclass
class Feed:
    """A feed before rendering: `path` is its own URL, `page` the HTML page it follows."""

    key: str
    title: str
    path: str
    page: str
    subtitle: str = ""
    since: str = EPOCH
    entries: list[Match] = field(default_factory=list)

    @property
    def updated(self) -> str:
        return max([self.since, *(e.updated for e in self.entries)])


def _urn(*parts: str) -> str:
    return "urn:onrecord:" + ":".join(urlquote(p, safe="") for p in parts)


def watch_feed(archive: Archive, watch_id: int | str) -> Feed:
    watch = get(archive, watch_id)
    found = matches(archive, watch.spec(), newest=FEED_SIZE)
    return Feed(
        _urn("watch", str(watch.id)),
        f"onrecord watch: {watch.name}",
        watch.feed,
        f"/api/v1/watches/{watch.id}",
        subtitle=_describe(watch.spec()),
        since=watch.created_at,
        entries=found,
    )


def speaker_feed(archive: Archive, person_id: str) -> Feed:
    person = archive.speaker(person_id).person  # NotFoundError for nobody
    found = matches(archive, WatchSpec(speaker=person.id), newest=FEED_SIZE)
    return Feed(
        _urn("speaker", person.id),
        f"onrecord: {person.name}",
        f"/feeds/speakers/{urlquote(person.id, safe='')}.atom",
        f"/speakers/{urlquote(person.id, safe='')}",
        subtitle=f"New transcripts in which {person.name} speaks",
        entries=found,
    )


def entity_feed(archive: Archive, entity: str) -> Feed:
    entry = load().lookup(entity)
    found = matches(archive, WatchSpec(entity=entity), newest=FEED_SIZE)
    if not found and entry is None:
        raise NotFoundError(f"no mentions of {entity[:60]!r}")
    name = entry.name if entry else entity
    key = entry.id if entry else entity
    return Feed(
        _urn("entity", key),
        f"onrecord: mentions of {name}",
        f"/feeds/entities/{urlquote(entity, safe='')}.atom",
        f"/entities/{urlquote(entity, safe='')}",
        subtitle=f"Paragraphs that mention {name}",
        entries=found,
    )


def search_feed(archive: Archive, spec: WatchSpec, query_string: str) -> Feed:
    found = matches(archive, spec, newest=FEED_SIZE)
    return Feed(
        _urn("search", query_string),
        f"onrecord search: {_describe(spec)}",
        f"/feeds/search.atom?{query_string}",
        f"/search?{query_string}",
        subtitle=_describe(spec),
        entries=found,
    )


def documents_feed(archive: Archive) -> Feed:
    """The transcripts stored last: a new document, or a new revision with its diff."""
    ctx = Context(archive)
    entries = []
    for stored in archive.watches.recent_revisions(FEED_SIZE):
        if stored.revision > 1:
            entries.append(revision_match(ctx, stored.doc_id, stored.revision))
            continue
        document = archive.get(stored.doc_id, stored.revision)
        text = document.lead or next((p for t in document.turns for p in t.paragraphs), "")
        quote = Quote(document.id, document.date, document.title, "", document.id,
                      window(text, [])[0])  # fmt: skip
        summary = f"New document: {document.title or document.id}"
        entries.append(Match("document", 1, quote, stored.ingested_at, summary))
    return Feed(
        _urn("documents"),
        "onrecord: new documents",
        "/feeds/documents.atom",
        "/documents",
        subtitle="Transcripts as they are added or revised",
        entries=entries[::-1],  # oldest first, as every feed's entries
    )


def _describe(spec: WatchSpec) -> str:
    return "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in spec.question().items())


def _quote_html(quote: Quote) -> str:
    out, last = [], 0
    for start, end in quote.highlights:
        out += [html.escape(quote.text[last:start]), "<mark>",
                html.escape(quote.text[start:end]), "</mark>"]  # fmt: skip
        last = end
    out.append(html.escape(quote.text[last:]))
    who = f"{html.escape(quote.speaker)}: " if quote.speaker else ""
    return f"<blockquote><p>{who}{''.join(out)}</p></blockquote>"


def _content(match: Match, base: str) -> str:
    parts = [f"<p>{html.escape(match.summary)}</p>"]
    if match.kind != "revision":
        parts.append(_quote_html(match.quote))
    cite = f"{html.escape(match.quote.title)}, {html.escape(match.quote.date)}"
    parts.append(f'<p><a href="{html.escape(base + match.quote.href)}">{cite}</a></p>')
    if match.earlier is not None:
        e = match.earlier
        parts += ["<p>Earlier:</p>", _quote_html(e),
                  f'<p><a href="{html.escape(base + e.href)}">{html.escape(e.title)}, '
                  f"{html.escape(e.date)}</a></p>"]  # fmt: skip
    if match.diff:
        parts.append(f'<p><a href="{html.escape(base + match.diff)}">What changed</a></p>')
    return "".join(parts)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, kind: str | None = None) -> None:
    attrs = {"href": href, "rel": rel}
    if kind:
        attrs["type"] = kind
    ET.SubElement(parent, f"{{{ATOM}}}link", attrs)


def render(feed: Feed, base_url: str) -> bytes:
    """The feed as Atom XML; `base_url` (`http://host/`) makes its links absolute."""
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "id", feed.key)
    _text(root, "title", feed.title)
    if feed.subtitle:
        _text(root, "subtitle", feed.subtitle)
    _text(root, "updated", feed.updated)
    _link(root, base + feed.path, "self", "application/atom+xml")
    _link(root, base + feed.page, "alternate", "text/html")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", "onrecord")
    _text(root, "generator", "onrecord", version=__version__)
    for match in reversed(feed.entries):  # newest first
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", _urn(match.kind, match.doc_id, str(match.revision), match.key))
        _text(entry, "title", match.summary)
        _text(entry, "updated", match.updated)
        _link(entry, base + (match.diff or match.quote.href), "alternate", "text/html")
        if match.earlier is not None:
            _link(entry, base + match.earlier.href, "related", "text/html")
        if match.quote.speaker:
            who = ET.SubElement(entry, f"{{{ATOM}}}author")
            _text(who, "name", match.quote.speaker)
        _text(entry, "summary", match.quote.marked())
        _text(entry, "content", _content(match, base), type="html")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body
