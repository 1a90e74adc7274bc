"""Any other HTML page (print versions, other sites): visible text as paragraphs.

Bold at a paragraph's start is kept as a label hint only on the site's own article pages;
elsewhere the plain-text reader recognises labels by their shape.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

NAME = "html-text"
VERSION = "1"
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "dd", "dt", "blockquote", "pre", "td", "time")
DROP = (
    "script, style, noscript, nav, header nav, footer, form, svg, template, .hidden,"
    " [aria-hidden=true]"
)
_WS = re.compile(r"[ \t\r\n\f\v]+")


def html_to_text(tree: LexborHTMLParser) -> str:
    for node in tree.css(DROP):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    for br in root.css("br"):
        br.insert_after("\n\n")
    blocks = []
    for node in root.css(", ".join(BLOCK_TAGS)):
        if _has_inner_block(node):
            continue  # an outer block: its inner blocks are read on their own
        text = _WS.sub(" ", node.text(deep=True)).strip()
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [_WS.sub(" ", line).strip() for line in root.text(deep=True).split("\n")]
    return "\n\n".join(b for b in blocks if b)


def _has_inner_block(node: LexborNode) -> bool:
    return any(inner.mem_id != node.mem_id for inner in node.css(", ".join(BLOCK_TAGS)))


def html_title(tree: LexborHTMLParser) -> str:
    node = tree.css_first("h1") or tree.css_first("title")
    return _WS.sub(" ", node.text(deep=True)).strip() if node is not None else ""
