"""The site's HTML pages: metadata from its markup, labels from bold text.

A turn starts at a body paragraph that begins with bold text reaching its first colon
(the colon inside or outside the bold). Non-bold text before the colon is accepted only as
a parenthetical remark, a 1–2 letter fragment before the bold (`V<b>ladimir Putin:</b>`) or a
1–3 character tail after it (`<b>Dmitry Pesko</b><b>V:</b>`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from onrecord.parse import kremlin
from onrecord.parse.labels import looks_like_label
from onrecord.parse.page import Block, Page, collapse_ascii_spaces
from onrecord.sources.limits import check_html_depth

NAME = "kremlin-html"
VERSION = "7"

# The article page, its print version and saved copies share the body's microdata.
SEL_ARTICLE = "div.entry-content, [itemprop=articleBody], div.read__internal_content"
SEL_TITLE = "h1.entry-title, h1[itemprop=name], h1"
SEL_LEAD = "div.read__lead p"
SEL_PUBLISHED = "time.read__published"
SEL_STATUS_TIME = "div.read__status time"
SEL_DATE_META = ("meta[itemprop=datePublished]", "meta[property='article:published_time']")
TEXT_DATE_WINDOW = 5000
SEL_TIME = "div.read__time"
SEL_PLACE = "div.read__place"
SEL_LANGUAGE = "meta[itemprop=inLanguage]"
SEL_URL = "span.material_link"
SEL_REMOVE = "span.read__tooltip, .hidden, script, style"
BOLD_TAGS = frozenset({"b", "strong"})
MAX_FRAGMENT_BEFORE = 2
MAX_TAIL_AFTER = 3


ARTICLE_MARKERS = (b"entry-content", b'itemprop="articleBody"', b"read__internal_content")


def has_article_markup(html: bytes) -> bool:
    """The site's article markup (cheap test on the source; `read_html` checks the tree)."""
    at = next((at for at in map(html.find, ARTICLE_MARKERS) if at >= 0), -1)
    # the title's heading is looked for back from the article's marker, where it usually is
    return at >= 0 and (html.rfind(b"<h1", 0, at) >= 0 or html.find(b"<h1", at) >= 0)


def read_page(data: bytes, source: str) -> Page:
    """The page from its HTML bytes: from the stretch that holds the article and its metadata
    where the page has the site's usual layout and that stretch says all (see
    `article_stretch`), else from the whole page. Both give the same page. What is parsed
    is first checked for nesting the parser could not bear (TooLargeError)."""
    found = article_stretch(data)
    if found is not None:
        check_html_depth(found[0], source)
        page = read_html(LexborHTMLParser(found[0]), after=found[1])
        if page is not None:
            return page
    check_html_depth(data, source)
    return read_html(LexborHTMLParser(data)) or Page(blocks=[], labels_from_markup=True)


# The site's article page keeps the article, its title, lead, dates and permalink in one
# stretch, from `<div class="read"` to the permalink (`material_link`); the head, the menus
# before it and the footer after it are most of the bytes and of the parsing. The stretch is
# read (with the head's language meta) where the first node of each kind is the one the whole
# page would give: nothing before the stretch is a landmark, and a kind the stretch lacks is
# not found after it (`_found_all`).
_STRETCH_START = b'<div class="read"'
_STRETCH_END = b"material_link"
_NOT_BEFORE = (b"<h1", b"<time", b"read__", b"entry-content", b"articleBody", _STRETCH_END)
_MARKERS_AFTER = {
    "title": b"<h1",
    "time": b"read__time",
    "place": b"read__place",
    "published": b"read__published",
    "status_time": b"read__status",
}


def article_stretch(data: bytes) -> tuple[bytes, bytes] | None:
    """The page's language meta with its article's stretch, and what follows the stretch;
    None where the page is laid out otherwise (then it is read whole)."""
    body = data.find(b"<body")
    start = data.find(_STRETCH_START, body) if body >= 0 else -1
    link = data.find(_STRETCH_END, start) if start >= 0 else -1
    end = data.find(b"</span>", link) if link >= 0 else -1
    if end < 0:
        return None
    end += len(b"</span>")
    if any(data.find(marker, body, start) >= 0 for marker in _NOT_BEFORE):
        return None
    language = _language_meta(data, body)
    if language is None or (not language and data.find(b"inLanguage", body, start) >= 0):
        return None
    return b"<html><head>" + language + b"</head><body>" + data[start:end], data[end:]


def _language_meta(data: bytes, body: int) -> bytes | None:
    """The head's language meta as written (all of the head the page's reading needs); b""
    where the head has none, None where its first mention is not a meta."""
    at = data.find(b"inLanguage", 0, body)
    if at < 0:
        return b""
    start, end = data.rfind(b"<", 0, at), data.find(b">", at, body)
    tag = data[start : end + 1]
    return tag if start >= 0 and end >= 0 and tag.startswith(b"<meta") else None


def _found_all(marks: _Landmarks, after: bytes) -> bool:
    """What the stretch gives is what the whole page gives: its date is read from a `time`
    (a meta of the head comes after every `time`), no lead paragraph follows it, and no kind
    it lacks is found after it."""
    if not _dated_by_time(marks) or b"read__lead" in after:
        return False
    return not any(k not in marks.first and m in after for k, m in _MARKERS_AFTER.items())


def read_html(tree: LexborHTMLParser, after: bytes | None = None) -> Page | None:
    """The page from its tree; None where it has no article, or where the tree is only the
    article's stretch (`after` is what follows it) and does not say all."""
    marks = _Landmarks.of(tree)
    article = marks.first.get("article")
    if article is None or (after is not None and not _found_all(marks, after)):
        return None
    for node in article.css(SEL_REMOVE):
        node.decompose()
    page = Page(blocks=[], labels_from_markup=True)
    page.title = _text(marks.first.get("title"))
    page.lead = "\n\n".join(t for t in (_text(p) for p in marks.lead) if t)
    page.date = _date(marks)
    page.time = _text(marks.first.get("time"))
    place = marks.first.get("place")
    page.place = _text(place)
    if not page.date or place is None:
        if after is not None and not _published_date_line(marks):
            return None
        text_date, text_place = _date_line_in_text(tree, marks)
        page.date = page.date or text_date
        page.place = page.place if place is not None else text_place
    language = marks.first.get("language")
    if language is not None and language.attributes.get("content"):
        page.language, page.language_known = language.attributes.get("content") or "", True
    url = _text(marks.first.get("url"))
    found = kremlin.PAGE_URL.search(url)
    if found:
        page.page_id, page.url = found.group(1), url
    # the body's own paragraphs: its children, not a css pass over all it holds
    page.blocks = [_block(child) for child in article.iter() if child.tag == "p"]
    return page


def _text(node: LexborNode | None) -> str:
    return collapse_ascii_spaces(node.text(deep=True)).strip() if node is not None else ""


@dataclass
class _Landmarks:
    """The nodes the page's metadata is read from, found in one pass over the tree (each
    `css_first` is a pass of its own): the first node of each kind, and the lead's paragraphs.

    Kinds, each the first in the page of its selector: article (SEL_ARTICLE), title
    (SEL_TITLE), published (SEL_PUBLISHED), status_time (SEL_STATUS_TIME), dated_time
    (`time[datetime]`), time (SEL_TIME), place (SEL_PLACE), language (SEL_LANGUAGE), url
    (SEL_URL), and the two SEL_DATE_META metas (`meta_date`, `meta_published`)."""

    first: dict[str, LexborNode]
    lead: list[LexborNode]

    @classmethod
    def of(cls, tree: LexborHTMLParser) -> _Landmarks:
        marks = cls({}, [])
        for node in tree.css(_SEL_LANDMARKS):
            for kind in _kinds(node, marks.first):
                if kind == "lead":
                    marks.lead.append(node)
                else:
                    marks.first.setdefault(kind, node)
        return marks


# The engine tests each element against each selector of the list, and fails a type fastest:
# the four div kinds and the three metas each stand behind one type (`div:is(...)`), which
# takes a quarter off the pass; any `h1` stands for SEL_TITLE's three (its last is `h1`).
# A node that two selectors match comes twice: `_kinds` gives it the same kinds each time.
_SEL_LANDMARKS = ", ".join(
    (
        "div:is(.entry-content, .read__internal_content, .read__time, .read__place)",
        *("[itemprop=articleBody]", SEL_LEAD, "h1", "time", SEL_URL),
        "meta:is([itemprop=datePublished], [property='article:published_time'],"
        " [itemprop=inLanguage])",
    )
)


def _kinds(node: LexborNode, found: dict[str, LexborNode]) -> list[str]:
    tag, attrs = node.tag, node.attributes
    classes = (attrs.get("class") or "").split()
    if attrs.get("itemprop") == "articleBody" or (tag == "div" and _ARTICLE_CLASSES & set(classes)):
        return ["article"]
    if tag == "h1":
        return ["title"]
    if tag == "p":
        return ["lead"]  # only `div.read__lead p` reaches here
    if tag == "time":
        kinds = ["published"] if "read__published" in classes else []
        # the walk up the tree only while no status time is found
        status = "status_time" not in found and _inside_class(node, "read__status", "div")
        kinds += ["status_time"] if status else []
        return kinds + (["dated_time"] if "datetime" in attrs else [])
    if tag == "meta":
        key = attrs.get("itemprop") or attrs.get("property") or ""
        return [_META_KINDS[key]] if key in _META_KINDS else []
    if tag == "div":
        return [k for k, c in (("time", "read__time"), ("place", "read__place")) if c in classes]
    return ["url"] if tag == "span" and "material_link" in classes else []


_ARTICLE_CLASSES = frozenset({"entry-content", "read__internal_content"})
_META_KINDS = {
    "datePublished": "meta_date",
    "article:published_time": "meta_published",
    "inLanguage": "language",
}


def _inside_class(node: LexborNode, name: str, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag and name in (parent.attributes.get("class") or "").split():
            return True
        parent = parent.parent
    return False


def _date(marks: _Landmarks) -> str:
    for kind in ("published", "status_time", "dated_time"):
        node = marks.first.get(kind)
        if node is not None and node.attributes.get("datetime"):
            return (node.attributes.get("datetime") or "")[:10]
    for kind in ("meta_date", "meta_published"):
        node = marks.first.get(kind)
        if node is not None and node.attributes.get("content"):
            return (node.attributes.get("content") or "")[:10]
    return ""


def _dated_by_time(marks: _Landmarks) -> bool:
    """The date comes from a `time` element (not from a meta of the head, which a `time`
    after the article's stretch would have overruled)."""
    kinds = ("published", "status_time", "dated_time")
    return any(marks.first[k].attributes.get("datetime") for k in kinds if k in marks.first)


def _published_date_line(marks: _Landmarks) -> re.Match[str] | None:
    return kremlin.DATE_LINE.match(_text(marks.first.get("published")))


def _date_line_in_text(tree: LexborHTMLParser, marks: _Landmarks) -> tuple[str, str]:
    """A print page may show date and place only as text: the first `Month D, YYYY` line.
    The page's own publication time, when it is such a line, is that line (and reading it
    spares a pass over the whole body's text)."""
    published = _published_date_line(marks)
    if published:
        return kremlin.iso_date(published), (published.group("place") or "").strip()
    body = tree.body
    text = body.text(separator="\n")[:TEXT_DATE_WINDOW] if body is not None else ""
    for line in text.split("\n"):
        match = kremlin.DATE_LINE.match(line.strip())
        if match:
            return kremlin.iso_date(match), (match.group("place") or "").strip()
    return "", ""


@dataclass
class _Run:
    text: str
    bold: bool


def _runs(paragraph: LexborNode) -> Iterator[_Run]:
    """The paragraph's text nodes in order, each bold or not (read only as far as the label's
    colon: the rest of a long paragraph is never walked)."""
    for node in paragraph.traverse(include_text=True):
        if node.tag == "-text":
            text = node.text_content
            if text:
                yield _Run(text, _inside_bold(node, paragraph))


def _inside_bold(node: LexborNode, stop: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != stop.mem_id:
        if parent.tag in BOLD_TAGS:
            return True
        parent = parent.parent
    return False


def _block(paragraph: LexborNode) -> Block:
    full = paragraph.text(deep=True)
    if ":" not in full:  # three paragraphs in four: no label to look for
        return Block(full)
    runs = _runs(paragraph)
    label_end = _label_end(runs, full)
    if label_end is None:
        return Block(full)
    label = collapse_ascii_spaces(full[:label_end]).strip()
    if _is_heading(label):
        return Block(full)
    return Block(full[label_end + 1 :], label)


def _label_end(runs: Iterable[_Run], full: str) -> int | None:
    """Index of the label's colon in the paragraph text, or None when it has no label."""
    colon = full.find(":")
    if colon <= 0:
        return None
    before: list[str] = []
    after: list[str] = []
    position, seen_bold = 0, False
    for run in runs:
        if position >= colon:
            break
        piece = run.text[: max(0, colon - position)]
        if run.bold and piece.strip():
            seen_bold = True
        elif not run.bold:
            (after if seen_bold else before).append(piece)
        position += len(run.text)
    if not seen_bold:
        return None
    return colon if _outside_ok("".join(before), "".join(after)) else None


_TAIL_AND_REMARKS = re.compile(rf"^\S{{0,{MAX_TAIL_AFTER}}}(?:\s*\([^()]*\)?)*$")


def _outside_ok(before: str, after: str) -> bool:
    """Non-bold text before the colon: a short fragment before the bold, a short word tail
    right after it, and parenthetical remarks."""
    fragment = before.strip()
    if fragment and (len(fragment) > MAX_FRAGMENT_BEFORE or not fragment.isalpha()):
        return False
    rest = after.rstrip()
    if not rest.strip():
        return True
    if rest[:1].isspace():
        rest = rest.strip()
        return rest.startswith("(") and bool(_TAIL_AND_REMARKS.match(rest))
    return bool(_TAIL_AND_REMARKS.match(rest))


def _is_heading(label: str) -> bool:
    """Bold headings with a colon (`The message reads:`, `Contact telephone numbers:`) are
    ordinary paragraphs: they fail the shape of a label."""
    return not looks_like_label(label)
