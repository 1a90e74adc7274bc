"""A page saved as Markdown (browser clippers, html2text, note-taking apps).

Markdown is a way of writing HTML, so it is rendered to HTML by markdown-it (CommonMark) and
read like any other HTML page: `**Vladimir Putin:**` becomes a bold label, `# Title` the
title, links their visible text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

NAME = "markdown"
VERSION = "9"
SUFFIXES = (".md", ".markdown")
SNIFF_CHARS = 20_000
# A bold label at the start of a line: `**Name:** text` or `**Name** : text`.
_BOLD_LABEL = re.compile(r"^\*\*[^*\n]{1,250}?(?::\*\*|\*\*\s?:)\s", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)
_LINK = re.compile(r"\[[^\]\n]*\]\([^)\s]+(?: \"[^\"\n]*\")?\)")
MIN_LINKS = 3  # with a heading: a clipped page, not a text that happens to hold a bracket

_RENDERER = MarkdownIt("commonmark")


def looks_like_markdown(text: str, source: str = "") -> bool:
    if source.lower().endswith(SUFFIXES):
        return True
    head = text[:SNIFF_CHARS]
    if _BOLD_LABEL.search(head):
        return True
    return bool(_HEADING.search(head)) and len(_LINK.findall(head)) >= MIN_LINKS


# html2text writes an empty icon (`<i class="icon"></i>`) as `__`; rendered, it is left as
# literal text outside tags, where no transcript has it.
_STRAY_MARKS = re.compile(r"__(?![^<]*>)")


# html2text drops the space between a bold role and the linked name that follows it
# (`**Sports Minister[Pavel Kolobkov](...):**`, `**President of Transneft****Nikolai**`).
_GLUED_LINK = re.compile(r"(?<=[^\s\[(!*_])\[(?=[^\]]{0,300}\]\()")
_GLUED_BOLD = re.compile(r"(?<=\S)\*\*\*\*(?=\S)")
# ... and writes empty bold runs before a label (`******GOVERNOR OF CALIFORNIA[...`), which
# Markdown reads as a list item: one bold opening.
_EMPTY_BOLDS = re.compile(r"^\*{4,}(?=[^\s*])", re.MULTILINE)
# ... and closes a bold label after the space that follows its colon (`**[Sergei Donskoy](...):
# **Mr President`), where Markdown reads `**Mr` as a new bold opening: the rest of the text
# bold, and no label. The closing goes back before the space.
_BOLD_CLOSED_LATE = re.compile(r"(\*\*[^*\n]{0,300}(?:\n[^*\n]{0,300}){0,4}:)( +)\*\*(?=\w)")


# A converter that wraps lines at ~78 columns wraps headings too; Markdown ends a heading at
# its line, so a long heading line is joined with the text line right under it.
# (A line under it that starts a list, a quote or a block is not part of it.)
MAX_HEADING_LINES = 8  # a summary set as the heading of an old page wraps over six
_WRAPPED_HEADING = re.compile(
    r"^(#{1,6} .{50,})\n(?=[^\s#>*\-+\[!|`])(?!\d{1,9}[.)](?:\s|$))", re.MULTILINE
)
# html2text puts a space between the end of an emphasis and the punctuation after it
# (`_Kemerovo Region_ , simultaneously`): none in the page.
_SPACED_EMPHASIS_END = re.compile(r"(?<=[^\s_*])([_*]{1,2}) (?=[,.;:!?)])")
# ... and before a stop set in italics alone (`Spasibo _._ Thank you`; markdownify: `Spasibo*.*`)
_SPACED_EMPHASISED_STOP = re.compile(r"(?<=\w) ?([_*]{1,2})([,.;:!?])\1(?=\s|$)")
# Wrapping breaks lines after a hyphen too (`military-` / `diplomatic`): the word is one.
_WRAPPED_HYPHEN = re.compile(r"(?<=[^\W\d_]-)\n(?=[^\W\d_])")
# html2text sets a superscript ordinal apart from its number (`300 th`)
_SPACED_ORDINAL = re.compile(r"(?<=\d) (st|nd|rd|th)\b")


def to_html(text: str) -> str:
    text = _WRAPPED_HYPHEN.sub("", text.replace("\r\n", "\n"))
    text = _SPACED_ORDINAL.sub(r"\1", text)
    for _ in range(MAX_HEADING_LINES):
        text = _WRAPPED_HEADING.sub(r"\1 ", text)
    text = _GLUED_BOLD.sub(" ", _GLUED_LINK.sub(" [", _EMPTY_BOLDS.sub("**", text)))
    text = _BOLD_CLOSED_LATE.sub(r"\1**\2", text)
    text = _SPACED_EMPHASISED_STOP.sub(r"\2", _SPACED_EMPHASIS_END.sub(r"\1", text))
    return _STRAY_MARKS.sub("", _RENDERER.render(text))
