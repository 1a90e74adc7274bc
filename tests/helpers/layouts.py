"""Ways people really save a page, applied to the site's plain-text layout (for tests)."""

from __future__ import annotations

import re
import textwrap

from onrecord.parse import kremlin
from onrecord.parse.labels import split_label

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


def ordinary_page_meta_below(text: str) -> str:
    """The ordinary page's order: title, lead, then date, time and place one a line."""
    parts = paragraphs(without_chrome(text))
    title, date_line, lead, body = parts[0], parts[1], parts[2], parts[3:]
    if split_label(lead) or lead.endswith(":") or _before_leads(date_line):  # no lead
        lead, body = "", parts[2:]
    date, _, place = date_line.partition(", ")
    year, _, place = place.partition(", ")
    meta = [f"{date}, {year}", "12:00"] + ([place] if place else [])
    return "\n\n".join(p for p in ["Events", title, lead, "\n".join(meta), *body] if p)


def _before_leads(date_line: str) -> bool:
    year = re.search(r"\b(\d{4})\b", date_line)
    return bool(year) and int(year.group(1)) < kremlin.FIRST_YEAR_WITH_LEADS


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
    "ordinary-page-meta-below": ordinary_page_meta_below,
    "stray-whitespace": stray_whitespace,
    "single-newlines": single_newlines,
}
