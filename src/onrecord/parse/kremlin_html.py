"""The site's HTML pages: metadata from its markup, labels from bold text.

A turn starts at a body paragraph that begins with bold text reaching its first colon
(the colon inside or outside the bold). Non-bold text before the colon is accepted only as
a parenthetical remark, a 1–2 letter fragment before the bold (`V<b>ladimir Putin:</b>`) or a
1–3 character tail after it (`<b>Dmitry Pesko</b><b>V:</b>`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from onrecord.parse import kremlin
from onrecord.parse.labels import looks_like_label
from onrecord.parse.page import Block, Page

NAME = "kremlin-html"
VERSION = "2"

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
_WS = re.compile(r"[ \t\r\n\f\v]+")


ARTICLE_MARKERS = ("entry-content", 'itemprop="articleBody"', "read__internal_content")


def has_article_markup(html: str) -> bool:
    """The site's article markup (cheap test on the source; `read_html` checks the tree)."""
    return "<h1" in html and any(marker in html for marker in ARTICLE_MARKERS)


def read_html(tree: LexborHTMLParser) -> Page:
    article = tree.css_first(SEL_ARTICLE)
    if article is None:
        return Page(blocks=[], labels_from_markup=True)
    for node in article.css(SEL_REMOVE):
        node.decompose()
    page = Page(blocks=[], labels_from_markup=True)
    page.title = _text(tree.css_first(SEL_TITLE))
    page.lead = "\n\n".join(t for t in (_text(p) for p in tree.css(SEL_LEAD)) if t)
    page.date = _date(tree)
    page.time = _text(tree.css_first(SEL_TIME))
    place = tree.css_first(SEL_PLACE)
    page.place = _text(place)
    if not page.date or place is None:
        text_date, text_place = _date_line_in_text(tree)
        page.date = page.date or text_date
        page.place = page.place if place is not None else text_place
    language = tree.css_first(SEL_LANGUAGE)
    if language is not None and language.attributes.get("content"):
        page.language, page.language_known = language.attributes.get("content") or "", True
    url = _text(tree.css_first(SEL_URL))
    found = kremlin.PAGE_URL.search(url)
    if found:
        page.page_id, page.url = found.group(1), url
    page.blocks = [_block(p) for p in article.css("p") if _direct_child(p, article)]
    return page


def _direct_child(node: LexborNode, parent: LexborNode) -> bool:
    return node.parent is not None and node.parent.mem_id == parent.mem_id


def _text(node: LexborNode | None) -> str:
    return _WS.sub(" ", node.text(deep=True)).strip() if node is not None else ""


def _date(tree: LexborHTMLParser) -> str:
    for selector in (SEL_PUBLISHED, SEL_STATUS_TIME, "time[datetime]"):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get("datetime"):
            return (node.attributes.get("datetime") or "")[:10]
    for selector in SEL_DATE_META:
        node = tree.css_first(selector)
        if node is not None and node.attributes.get("content"):
            return (node.attributes.get("content") or "")[:10]
    return ""


def _date_line_in_text(tree: LexborHTMLParser) -> tuple[str, str]:
    """A print page may show date and place only as text: the first `Month D, YYYY` line.
    The page's own publication time, when it is such a line, is that line (and reading it
    spares a pass over the whole body's text)."""
    published = kremlin.DATE_LINE.match(_text(tree.css_first(SEL_PUBLISHED)))
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


def _runs(paragraph: LexborNode) -> list[_Run]:
    runs: list[_Run] = []
    for node in paragraph.traverse(include_text=True):
        if node.tag != "-text":
            continue
        text = node.text_content or ""
        if text:
            runs.append(_Run(text, _inside_bold(node, paragraph)))
    return runs


def _inside_bold(node: LexborNode, stop: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != stop.mem_id:
        if parent.tag in BOLD_TAGS:
            return True
        parent = parent.parent
    return False


def _block(paragraph: LexborNode) -> Block:
    runs = _runs(paragraph)
    full = "".join(run.text for run in runs)
    label_end = _label_end(runs, full)
    if label_end is None:
        return Block(full)
    label = _WS.sub(" ", full[:label_end]).strip()
    if _is_heading(label):
        return Block(full)
    return Block(full[label_end + 1 :], label)


def _label_end(runs: list[_Run], full: str) -> int | None:
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
