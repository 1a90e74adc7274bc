"""The shape every reader produces before segmentation: metadata and body paragraphs.

A reader that knows where labels are from markup (bold in HTML) sets `label` on a block;
a reader of plain text leaves it to `segment`, which recognises labels by their shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    text: str
    label: str | None = None  # the label as written, from markup; text excludes it


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
