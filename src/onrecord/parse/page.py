"""The shape every reader produces before segmentation: metadata and body paragraphs.

A reader that knows where labels are from markup (bold in HTML) sets `label` on a block;
a reader of plain text leaves it to `segment`, which recognises labels by their shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_TITLE_CHARS = 300  # a page's title is no longer; a longer line is text


def collapse_ascii_spaces(text: str) -> str:
    """Runs of ASCII whitespace as one space, ends trimmed; no-break spaces kept as written.
    (The same as re.sub(r"[ \\t\\r\\n\\f\\v]+", " ", text).strip(" "), at C speed.)"""
    # str.replace runs at C speed where str.translate maps char by char
    for space in "\n\t\r\f\v":
        if space in text:
            text = text.replace(space, " ")
    text = text.strip(" ")
    if "  " not in text:
        return text  # most paragraphs: nothing to collapse, and splitting copies every word
    return " ".join(filter(None, text.split(" ")))


@dataclass
class Block:
    text: str
    label: str | None = None  # the label as written, from markup; text excludes it
    # a section's heading between turns (`PLEDGE OF ALLEGIANCE`): nobody's words, it ends
    # the turn above it
    heading: bool = False


@dataclass
class Page:
    blocks: list[Block]
    title: str = ""
    date: str = ""
    time: str = ""
    place: str = ""
    lead: str = ""
    url: str = ""
    page_id: str = ""
    language: str = "en"
    language_known: bool = False  # True when the markup says it
    labels_from_markup: bool = False
    warnings: list[str] = field(default_factory=list)
