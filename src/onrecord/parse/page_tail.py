"""What ends a saved page, and what a dump of the ordinary page sets between its paragraphs:
the page's tail (tags, publication status, share box), 'See also' boxes, pull quotes and the
site's pop-ups kept inline."""

from __future__ import annotations

import re

from onrecord.parse import kremlin
from onrecord.parse.labels import split_label
from onrecord.parse.layout import is_legal_link_row, starts_turn
from onrecord.parse.page import MAX_TITLE_CHARS, Page

SEE_ALSO_ITEMS = 3  # paragraphs of a 'See also' box up to its date
PROSE_CHARS = 80  # a paragraph of text after a 'See also' title is at least this long
_QUOTES = '”“"«'
_PULL_QUOTE = re.compile(r"^[”“\"«]\s*(.{40,}?)\s*[“”\"»]$")


def strip_tail(body: list[str], page: Page) -> list[str]:
    """The body without the page's tail: from a line that opens one (`Topics`, `Publication
    status`, a date line below the text) where only short lines and no labels follow, and
    the chrome, legal links, end marks (`END`, `# # #`) and copyright notices at the very
    end."""
    end = len(body)
    for index in range(len(body) - 1, max(-1, len(body) - 40), -1):
        para = body[index]
        tail = kremlin.is_tail(para) or (page.date and kremlin.match_date_line(para))
        if not tail:
            continue  # the checks below read the rest of the body: only at a tail's start
        short = short_tail(body[index:]) or kremlin.is_publication_status(body[index : index + 4])
        if short and not labels_below(body[index + 1 :]):
            end = index
    while end and (
        kremlin.is_chrome(body[end - 1])
        or is_legal_link_row(body[end - 1])
        or _END_MARK.match(body[end - 1].strip())
        or _COPYRIGHT_LINE.match(body[end - 1].strip())
    ):
        end -= 1
    return body[:end]


# The mark a transcript ends with, the time it ended beside it (`END`, `END 2:31 P.M. EDT`,
# `(END)`, `END OF TRANSCRIPT`, `# # #`, `-END-`, `Meeting ended after 00:06:12`): the
# publisher's or the meeting tool's, nobody's last words.
_END_MARK = re.compile(
    r"^(?:[(\[]?END(?: OF (?:THE )?TRANSCRIPT)?[)\]]?"
    r"(?:[ \t]+\d{1,2}:\d\d(?:[ \t]?[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{2,4})?)?"
    r"|#[ \t]?#[ \t]?#|-END-"
    r"|Meeting ended after \d{1,2}:\d\d(?::\d\d)?)$"  # Google Meet's transcripts
)


# The publisher's notice below the transcript (`Copyright © 2023 NPR. All rights reserved.
# Visit our website terms of use ...`): nobody's last words either.
_COPYRIGHT_LINE = re.compile(r"^(?:Copyright\b|©|\(c\) \d{4}).{0,400}$", re.IGNORECASE | re.DOTALL)


def drop_see_also(body: list[str]) -> list[str]:
    """Drop 'See also' boxes inside the text (a heading, a linked title, its date), which
    dumps of the ordinary page keep in the middle of a transcript."""
    out: list[str] = []
    index = 0
    while index < len(body):
        end = _see_also_end(body, index)
        if end is None:
            out.append(body[index])
            index += 1
        else:
            index = end
    return out


def without_popups(paragraph: str) -> str:
    """The site's pop-ups kept inline by a text dump, cut from the speech; a label keeps its
    own (`without_tooltip` cuts that one, with the description that follows it)."""
    if split_label(paragraph) is None:
        return kremlin.without_popups(paragraph)
    label, colon, speech = paragraph.partition(":")
    return label + colon + kremlin.without_popups(speech)


def drop_pull_quotes(body: list[str]) -> list[str]:
    """Drop quotations set apart from the text that repeat a passage of it (pull quotes)."""
    quoted = [(i, _PULL_QUOTE.match(p.strip())) for i, p in enumerate(body) if p[:1] in _QUOTES]
    if not any(match for _, match in quoted):
        return body
    flat = [" ".join(p.split()) for p in body]
    repeats = {
        i
        for i, match in quoted
        if match and any(" ".join(match.group(1).split()) in other for other in _others(flat, i))
    }
    return [p for i, p in enumerate(body) if i not in repeats]


def _others(items: list[str], index: int) -> list[str]:
    return items[:index] + items[index + 1 :]


def _see_also_end(body: list[str], index: int) -> int | None:
    heading = body[index].strip()
    if heading.casefold().startswith("see also ") and len(heading) <= MAX_TITLE_CHARS:
        # a copy of the whole page runs the heading into the box's one linked title
        joined = index + 1 < len(body) and not is_prose(heading) and is_prose(body[index + 1])
        return index + 1 if joined else None
    if heading.casefold() != "see also":
        return None
    for end in range(index + 1, min(len(body), index + SEE_ALSO_ITEMS + 1)):
        if len(body[end]) > MAX_TITLE_CHARS:
            return None
        if kremlin.ENDS_WITH_DATE.search(body[end].strip()):
            end = _more_items(body, end + 1)
            return end if end < len(body) else None  # a box closes before more text
    # a copy of the whole page keeps the box's linked title without its date
    title, after = index + 1, index + 2
    if after < len(body) and not is_prose(body[title]) and is_prose(body[after]):
        return after
    return None


def _more_items(body: list[str], at: int) -> int:
    """Past the box's further items, each a linked title over its date line."""
    while at + 1 < len(body) and _box_item(body[at], body[at + 1]):
        at += 2
    return at


def _box_item(title: str, date: str) -> bool:
    return len(title) <= MAX_TITLE_CHARS and not is_prose(title) and kremlin.date_only(date.strip())


def is_prose(paragraph: str) -> bool:
    """A sentence or more of text (a linked title is shorter, or ends without a stop)."""
    line = paragraph.rstrip()
    return len(line) >= PROSE_CHARS and line[-1] in '.!?…:”»"'


def labels_below(paragraphs: list[str]) -> bool:
    """Speakers named below a line that may open a page's tail (`Topics`, atop a page that
    lists a debate's topics over each speech): the text goes on there. Only labels known
    from the layout (`[Jane Roe]:`) count: a tail has `Direct link: ...` lines."""
    return any(p.lstrip().startswith("[") and split_label(p) is not None for p in paragraphs)


def short_tail(tail: list[str]) -> bool:
    return all(len(p) < 200 and not starts_turn(p) for p in tail)
