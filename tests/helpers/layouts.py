"""Ways people really save a page, applied to the site's plain-text layout (for tests)."""

from __future__ import annotations

import re
import textwrap

CHROME_END = re.compile(r"Документ[\s\u00a0]*/\n")
ORDINARY_MENU = [
    "President of Russia",
    "Menu",
    "Search",
    "Events",
    "News",
    "Transcripts",
    "Structure",
    "Videos",
    "Photos",
    "Contacts",
    "Русская версия",
]


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def hard_wrapped(text: str, width: int = 72) -> str:
    return "\n\n".join(
        textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False)
        for p in paragraphs(text)
    )


def windows_with_bom(text: str) -> str:
    return "\ufeff" + text.replace("\n", "\r\n")


def without_chrome(text: str) -> str:
    return CHROME_END.split(text, maxsplit=1)[1].lstrip("\n")


def ordinary_page_copy(text: str) -> str:
    """A copy of the ordinary page: menus above, Topics and publication status below."""
    body = without_chrome(text)
    tail = [
        "Topics",
        "Foreign policy",
        "CSTO",
        "Publication status",
        "Published in sections: News, Transcripts",
        "Publication date: April 12, 2017, 12:00",
        "Direct link: en.kremlin.ru/d/54271",
        "Text version",
    ]
    return "\n".join(ORDINARY_MENU) + "\n\n" + body + "\n\n" + "\n".join(tail) + "\n"


def stray_whitespace(text: str) -> str:
    out = []
    for p in paragraphs(text):
        out.append("  " + p + "\u00a0  \t")
    return "\n\u00a0\n\n".join(out) + "\n\n\n"


def single_newlines(text: str) -> str:
    return text.replace("\n\n", "\n")


LAYOUTS = {
    "hard-wrapped": hard_wrapped,
    "windows-bom": windows_with_bom,
    "no-chrome": without_chrome,
    "ordinary-page": ordinary_page_copy,
    "stray-whitespace": stray_whitespace,
    "single-newlines": single_newlines,
}
