"""Any other HTML page (print versions, other sites): visible text as paragraphs.

The main content (`<article>`, `<main>`, `role=main`, else `<body>`) is read block by block, site
chrome (navigation, header, footer, forms, hidden parts) dropped; the plain-text reader then finds
title, date line and labels in it.
"""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from onrecord.parse.columns import columns
from onrecord.parse.kremlin import PUBLICATION_DATE
from onrecord.parse.labels import OFFICE_WITH_ARTICLE, looks_like_label, split_label

NAME = "html-text"
VERSION = "9"
BLOCK_TAGS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "li",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "td",
    "th",
    "time",
    "div",
    "section",
    "figcaption",
    "address",
)
_BLOCK_SET = frozenset(BLOCK_TAGS)
DROP = (
    "script, style, noscript, nav, header, footer, aside, form, svg, template, select, button,"
    " .hidden, [hidden], [aria-hidden=true], [role=navigation], [role=banner],"
    " [role=contentinfo], [role=search], .masha-ignore, .read__bottommeta"
)
MAIN = ("article", "main", "[role=main]")
MAX_TABLES = 100
_WS = re.compile(r"[ \t\r\n\f\v]+")


def html_to_text(tree: LexborHTMLParser, title: str = "") -> str:
    """The page's visible text, `title` (its h1 or <title>) first when the content lacks it."""
    body_text = tree.body.text(separator=" ") if tree.body is not None else ""
    published = PUBLICATION_DATE.search(body_text)
    for node in tree.css(DROP):
        node.decompose()
    root = _main(tree)
    if root is None:
        return ""
    for br in root.css("br"):
        br.insert_after("\n\n")
    tables = _tables(root)
    if len(tables) <= MAX_TABLES:  # more is layout (or built to hang a reader), not a transcript
        for table, rows in tables:
            _transcript_table(table, rows)
    leaves = _leaf_blocks(root)
    blocks = _names_over_speech(leaves, [_block_text(node) for node in leaves])
    blocks = [b for b in blocks if b]
    if not blocks:
        blocks = [_WS.sub(" ", line).strip() for line in root.text(deep=True).split("\n")]
    if title and title not in blocks[:3]:
        blocks.insert(0, title)
    if published:  # kept for announcements, whose visible date is the event's
        blocks.append(published.group(0))
    return "\n\n".join(b for b in blocks if b)


MAX_NAME_WORDS = 6
MIN_NAME_LINES = 3  # bold or heading names over speech, one of them coming back
_NAME_HEADINGS = frozenset({"h2", "h3", "h4", "h5"})
_OFFICE = re.compile(rf"^{OFFICE_WITH_ARTICLE}$")  # `The Minister`


def _names_over_speech(nodes: list[LexborNode], texts: list[str]) -> list[str]:
    """Interviews that print who speaks in bold on a line of its own, or as a heading, the
    words below (`<p><b>Jane Doe</b></p><p>Minister, thank you.</p>`): each such name is a
    label known from the markup (`[Jane Doe]:`) where there are a few and one comes back."""
    names = {
        i: t for i, (node, t) in enumerate(zip(nodes, texts, strict=True)) if _name_line(node, t)
    }
    if len(names) < MIN_NAME_LINES or len(set(names.values())) == len(names):
        return texts
    if sum(1 for t in texts if split_label(t) is not None) >= MIN_NAME_LINES:
        return texts  # labelled otherwise: its bold lines and headings are headings
    return [f"[{names[i]}]:" if i in names else t for i, t in enumerate(texts)]


def _name_line(node: LexborNode, text: str) -> bool:
    words = text.split()
    if not 0 < len(words) <= MAX_NAME_WORDS or text.endswith((".", "?", "!", ":", ",", ";")):
        return False
    if not (looks_like_label(text) or _OFFICE.match(text)):
        return False
    if node.tag in _NAME_HEADINGS:
        return True
    bold = node.css_first("b, strong")
    return bold is not None and _WS.sub(" ", bold.text(deep=True)).strip() == text


def _cells(row: LexborNode) -> list[str]:
    return [_WS.sub(" ", c.text(deep=True)).strip() for c in row.iter() if c.tag in ("td", "th")]


def _header_cells(row: LexborNode) -> list[str]:
    """A row's cells as a header has them: the text of each cell or of its first element
    (`<th><b>Speaker</b></th>`), never the whole of what a cell holds."""
    found = []
    for cell in row.iter():
        if cell.tag in ("td", "th"):
            text = cell.text(deep=False).strip()
            child = cell.child
            while not text and child is not None:
                text = child.text(deep=False).strip() if child.tag != "-text" else ""
                child = child.next
            found.append(text)
    return found


def _tables(root: LexborNode) -> list[tuple[LexborNode, list[LexborNode]]]:
    """Each table with its own rows, in one pass over the rows (a row's table is its parent
    or the parent of its `tbody`/`thead`): linear however deep tables nest."""
    tables: dict[int, tuple[LexborNode, list[LexborNode]]] = {}
    for row in root.css("tr"):
        table = row.parent
        if table is not None and table.tag in ("tbody", "thead", "tfoot"):
            table = table.parent
        if table is not None and table.tag == "table":
            tables.setdefault(table.mem_id, (table, []))[1].append(row)
    return list(tables.values())


def _transcript_table(table: LexborNode, rows: list[LexborNode]) -> None:
    """A table whose header names a speaker and a text column (`Speaker | Text`), as a
    transcript: each row a paragraph `[speaker]: text`, the label known from its column."""
    header = columns(_header_cells(rows[0])) if rows else None
    if header is None:
        return
    paragraphs = []
    for row in rows[1:]:
        cells = _cells(row)
        if len(cells) <= max(header.speaker, header.text) or not cells[header.text]:
            continue
        speaker, said = cells[header.speaker], cells[header.text]
        paragraphs.append(f"[{speaker}]: {said}" if speaker else said)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    replacement = LexborHTMLParser(f"<div>{body}</div>").css_first("div")
    if replacement is not None:
        table.replace_with(replacement)


def _block_text(node: LexborNode) -> str:
    """A block's text on one line; preformatted text (the GPO's Congressional Record, a
    transcript pasted into `<pre>`) keeps its lines for the text reader."""
    if node.tag == "pre":
        return node.text(deep=True).strip("\n")
    return _WS.sub(" ", node.text(deep=True)).strip()


def _main(tree: LexborHTMLParser) -> LexborNode | None:
    for selector in MAIN:
        node = tree.css_first(selector)
        if node is not None and node.css_first("p") is not None:
            return node
    return tree.body or tree.root


def _leaf_blocks(root: LexborNode) -> list[LexborNode]:
    """Blocks with no block inside them; text loose in an outer block is read with it.

    One pass over the tree in reverse document order, each node telling its parent whether
    a block is below it: linear in the page, however deep it nests (asking every block for
    the blocks inside it was quadratic: 8,000 nested divs took 23 s).
    """
    nodes = list(root.traverse(include_text=False))
    has_block_below: set[int] = set()
    leaves: list[LexborNode] = []
    for node in reversed(nodes):  # the root too: css() counted it among its blocks
        is_block = node.tag in _BLOCK_SET
        if is_block and node.mem_id not in has_block_below:
            leaves.append(node)
        if (is_block or node.mem_id in has_block_below) and node.parent is not None:
            has_block_below.add(node.parent.mem_id)
    leaves.reverse()
    return leaves


def html_title(tree: LexborHTMLParser) -> tuple[str, bool]:
    """The page's `<h1>`, else its `<title>`; and whether it is the heading."""
    heading = tree.css_first("h1")
    node = heading or tree.css_first("title")
    text = _WS.sub(" ", node.text(deep=True)).strip() if node is not None else ""
    return text, heading is not None
