"""Plain text as people save it: the site's accessible page, a copy of the ordinary page,
print-outs, e-mail, or a generic transcript with no site metadata at all."""

from __future__ import annotations

import itertools
import os
import re

from onrecord.parse import kremlin, page_tail
from onrecord.parse.cleanup import Head, clean_layout
from onrecord.parse.label_lines import normalise_label_lines
from onrecord.parse.labels import split_label
from onrecord.parse.layout import (
    drop_page_furniture,
    normalise_newlines,
    paragraphs,
    starts_turn,
)
from onrecord.parse.page import MAX_TITLE_CHARS, Block, Page

NAME = "saved-text"
VERSION = "14"
# The title is the last paragraph before the date line; one more paragraph may sit between
# them on a copy of the ordinary page (title, lead, date): how far back to look.
TITLE_LOOKBACK = 2
DATE_LOOKAHEAD = 120  # paragraphs from the top (after chrome) in which the date line is looked for
MAX_PLACE_CHARS = 80  # the longest DEV place is 61 characters
MAX_PLACE_WORDS = 8
TAIL_LINES = 200  # how far from the end the Topics / publication block may start
HEAD_LINES = 200  # how far from the top the date line is looked for
HEAD_PARAGRAPHS = 10  # a text without a date line: how far down its date is looked for
HEAD_LINE_CHARS = 150  # ... in lines no longer than this
MIN_COVER_LINES = 2  # lines in capitals above a date that make a cover (one is a heading)
# `29^th`: a text browser's superscript.
# w3m: `4^ th`, and `18` / `^th` where it wraps the line before the mark
_SUPERSCRIPT_ORDINAL = re.compile(r"(\d)[ \n]?\^ ?(st|nd|rd|th)(?![a-z])")
TITLE_LINES = 4  # a printed title wraps over this many lines at most
MIN_BLANK_LINES = 3  # fewer blank lines than this: the text has one paragraph a line


def read_text(text: str, source: str, title: str = "") -> Page:
    """The page in a text; `title`, when the caller knows it (an HTML page's heading), marks
    where the page starts above its date line."""
    published = kremlin.PUBLICATION_DATE.search(text)
    ordinary_page = kremlin.may_hold_popups(text)  # before its tail is dropped below
    direct_link = kremlin.DIRECT_LINK.search(text)  # in the tail, which is dropped below
    text = _SUPERSCRIPT_ORDINAL.sub(r"\1\2", text)
    text, printed_title = drop_page_furniture(normalise_newlines(text))
    text, head = clean_layout(text.replace("\f", "\n"))
    text, first_label, headings = normalise_label_lines(text)
    text = _drop_chrome_atop_title(_isolate_meta_lines(_drop_menu_runs(_drop_chrome_lines(text))))
    paras = _split_printed_title([p for p in paragraphs(text) if p.strip()], printed_title)
    page = Page(blocks=[])
    if direct_link:
        page.page_id, page.url = direct_link.group(1), kremlin.page_url(direct_link.group(1))
    else:
        page.page_id, page.url = identity(text, source)
    start = _strip_chrome_head(paras)
    date_at = _find_date_line(paras, start)
    if date_at is None:
        body = _date_over_item(page, _place_and_time_atop(page, paras[start:]))
        body = _cover_title(page, body)
        if not page.title:
            page.title, body = _generic_title(body, _head_length(body, first_label))
        body = _date_in_head(page, body)
    else:
        body = _read_header(page, paras, start, date_at, title)
        if published and paras[date_at].startswith("Announcement"):
            page.date = kremlin.iso_date(published)  # the site dates announcements by publication
    apply_head(page, head, body)
    body = page_tail.drop_pull_quotes(page_tail.drop_see_also(body))
    body = page_tail.strip_tail(body, page)
    if page.lead and not body:  # one paragraph is the text itself, not a summary of it
        body, page.lead = [page.lead], ""
    if start > 0 or ordinary_page:  # a page saved with the site around it
        body = [p for p in body if not kremlin.is_photo_caption(p, page.title)]
    if ordinary_page:
        body = [page_tail.without_popups(p) for p in body]
        page.lead = kremlin.without_popups(page.lead)
    page.blocks = [
        Block(p, heading=_is_heading(p) or p.strip() in headings)
        for p in _without_rules_and_page_marks(body)
    ]
    return page


# Furniture of printed records between paragraphs: a rule (`______`, `-----`) and a page's
# number where a new page starts (`[[Page S5552]]`, `[Page 12]`).
_RULE = re.compile(r"^[ \t]*(?:_{4,}|-{4,}|={4,})[ \t]*$")
_PAGE_MARK = re.compile(r"^[ \t]*\[\[?Pages? [\w.-]{1,20}\]\]?[ \t]*$")
_SENTENCE_END = (".", "?", "!", "…", "”", '"', ")", ":", ";")


def _without_rules_and_page_marks(body: list[str]) -> list[str]:
    """Rules and page numbers dropped; a paragraph a new page broke is made whole again
    (`... what you and I see` / `[[Page S5553]]` / `every day, ...`)."""
    out: list[str] = []
    joining = False
    for paragraph in body:
        if _RULE.match(paragraph):
            joining = False
        elif _PAGE_MARK.match(paragraph):
            joining = bool(out) and not out[-1].rstrip().endswith(_SENTENCE_END)
        elif joining and paragraph[:1].islower():
            out[-1] = f"{out[-1].rstrip()} {paragraph.lstrip()}"
            joining = False
        else:
            out.append(paragraph)
            joining = False
    return out


MAX_HEADING_CHARS = 200
MIN_HEADING_LETTERS = 4


def _is_heading(paragraph: str) -> bool:
    """A line in capitals that is no sentence (`PLEDGE OF ALLEGIANCE`, `NOMINATION OF JANE
    ROE--RESUMED`): a section's heading, as records and hearings print them between turns."""
    line = paragraph.strip()
    # a heading wrapped over lines ends one with a comma (`FOR THE UNITED STATES, AS AMICUS
    # CURIAE,` below `ORAL ARGUMENT OF ...`): still the heading
    if len(line) > MAX_HEADING_CHARS or line.endswith((".", "?", "!", ":")):
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= MIN_HEADING_LETTERS and all(c.isupper() for c in letters)


_ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


def apply_head(page: Page, head: Head, body: list[str]) -> None:
    """What the clean-up read off the layout (front matter, a caption, `Place:` lines) fills
    the fields the text's own lines left empty; a caption or front-matter title wins over a
    first line taken as the title."""
    if head.title and page.title != head.title:
        if page.title and not page.date:
            body.insert(0, page.title)
        page.title = head.title
    if head.date and not page.date:
        found = [m for pattern in kremlin.DATES_IN_TEXT if (m := pattern.search(head.date))]
        if _ISO_DATE.match(head.date):
            page.date = head.date
        elif found:
            page.date = kremlin.iso_date(found[0])
    if head.place and not page.place:
        page.place = head.place


def _split_printed_title(paras: list[str], title: str) -> list[str]:
    """A PDF's text runs the title into the menus and the lead, or wraps it over lines that
    read as paragraphs; the running head of its pages names it."""
    if not title:
        return paras
    title = " ".join(title.split())
    for index in range(min(len(paras), HEAD_LINES)):
        joined = ""
        for end in range(index, min(len(paras), index + TITLE_LINES)):
            joined = f"{joined} {' '.join(paras[end].split())}".strip()
            at = joined.find(title)
            if at >= 0:
                parts = [joined[:at].strip(), title, joined[at + len(title) :].strip()]
                return paras[:index] + [p for p in parts if p] + paras[end + 1 :]
            if not _ends_with_start_of(joined, title):
                break
    return paras


def _ends_with_start_of(text: str, title: str) -> bool:
    words = text.split()[-len(title.split()) :]
    return any(title.startswith(" ".join(words[at:]) + " ") for at in range(len(words)))


# What a browser or any site puts above a page, copied with it: never its title.
_UI_CHROME = re.compile(
    r"(?i)^(?:skip to (?:main )?content|desktop notifications are (?:on|off)\b.*|turn (?:on|off)"
    r"|sign in|log in|subscribe|accept(?: all)? cookies|cookie settings|toggle navigation"
    r"|open menu|close menu|share(?: this page)?|print(?: this page)?"
    # the banner atop every US federal site (the US Web Design System's), copied with a page
    r"|an official website of the united states government(?: here[’']s how you know)?"
    r"|here[’']s how you know|official websites use \.gov|secure \.gov websites use https"
    r"|a \.gov website belongs to an official government organization in the united states\."
    r"|a lock \(.{0,40}\) or https:// means you[’']ve safely connected to the \.gov website\..*)$"
)
MENU_RUN = 3  # short lines in a row that read as a menu, one item a line
MENU_ITEM_WORDS = 4


# A row of the page's tools, one link each between bars (`| Printer-Friendly | Search`).
_UI_WORD = (
    r"(?:printer[- ]friendly(?: version)?|print(?: this page)?|search|share|e-?mail(?: this"
    r" page)?|home|menu|rss|text size|font size|site ?map|contact(?: us)?|help)"
)
_UI_LINK_ROW = re.compile(rf"(?i)^[|•]?[ \t]*{_UI_WORD}(?:[ \t]*[|•][ \t]*{_UI_WORD})+[ \t]*[|•]?$")


def is_ui_chrome(line: str) -> bool:
    line = line.strip()
    return bool(_UI_CHROME.match(line) or _UI_LINK_ROW.match(line)) or kremlin.is_chrome(line)


def _drop_menu_runs(text: str) -> str:
    """Above the date line, a run of short lines one item each (`Videos and Photos`,
    `Documents`, `Contacts`) that a longer line follows in the same block is a menu."""
    lines = text.split("\n")
    limit = min(len(lines), HEAD_LINES)
    drop: set[int] = set()
    start = 0
    while start < limit:
        end = start
        while end < limit and _menu_item(lines[end]):
            end += 1
        following = end < len(lines) and lines[end].strip() and not _date_line(lines[end])
        if end - start >= MENU_RUN and following and not _listed_in_head(lines, start):
            drop.update(range(start, end))
        start = end + 1
    return "\n".join(line for i, line in enumerate(lines) if i not in drop) if drop else text


def _menu_item(line: str) -> bool:
    item = line.strip()
    return (
        0 < len(item) <= 30
        and len(item.split()) <= MENU_ITEM_WORDS
        and item[0].isupper()
        and not item.endswith((".", "?", "!", ":", ","))
        and kremlin.match_date_line(item) is None
        and not kremlin.date_only(item)  # `TUESDAY 28 JANUARY 2014`
    )


def _date_line(line: str) -> bool:
    return kremlin.match_date_line(line) is not None or kremlin.date_only(line.strip())


def _listed_in_head(lines: list[str], start: int) -> bool:
    """Short lines under a list's heading (`Members present:`) or under a date line (the
    witnesses of a hearing, `MR SIMON` / `ROBBINS, MR`) are the page's head, not a menu."""
    above = next((line.strip() for line in reversed(lines[:start]) if line.strip()), "")
    return above.endswith(":") or kremlin.date_only(above)


def _drop_chrome_lines(text: str) -> str:
    """Menus above the page and the Topics / publication block below it, line by line, as a
    copy of the ordinary page brings them (one item a line, with or without blank lines)."""
    lines = text.split("\n")
    head = 0
    while head < len(lines) and (not lines[head].strip() or is_ui_chrome(lines[head])):
        head += 1
    end = len(lines)
    wrapped = text.count("\n\n") >= MIN_BLANK_LINES  # blank lines part paragraphs of lines
    for index in range(len(lines) - 1, max(head, len(lines) - TAIL_LINES) - 1, -1):
        tail = lines[index].strip().casefold() in kremlin.TAIL_STARTS
        if not tail:
            continue
        box = _up_to_next_tail(_paragraphs_of(lines[index + 1 :])) if wrapped else []
        prose = any(page_tail.is_prose(p) for p in box)
        if (
            not prose
            and page_tail.short_tail(lines[index:])
            and not page_tail.labels_below(lines[index + 1 :])
        ):
            end = index
    return "\n".join(lines[head:end])


def _up_to_next_tail(paragraphs: list[str]) -> list[str]:
    """A box's own paragraphs: up to the next line that opens a part of the page's tail."""
    return list(itertools.takewhile(lambda p: not kremlin.is_tail(p), paragraphs))


def _paragraphs_of(lines: list[str]) -> list[str]:
    """Lines joined into their paragraphs: a text browser wraps a speech into short lines,
    and a `See also` box above the rest of it is no tail."""
    return [" ".join(p.split()) for p in "\n".join(lines).split("\n\n")]


def _isolate_meta_lines(text: str) -> str:
    """Date and time lines stand alone even when a copy put no blank line around them."""
    if text.count("\n\n") < MIN_BLANK_LINES:
        return text  # one paragraph a line: every line stands alone already
    lines = text.split("\n")
    for index, line in enumerate(lines[:HEAD_LINES]):
        stripped = line.strip()
        if stripped[:1].isdigit() and _NUMBERED_ITEM.match(stripped):
            _isolate_date_over_item(lines, index)
        if kremlin.TIME_LINE.match(stripped) or (
            len(stripped) < 200 and kremlin.match_date_line(stripped)
        ):
            lines[index] = f"\n{stripped}\n"
            after = index + 1
            if (
                after < len(lines)
                and kremlin.TIME_LINE.match(stripped)
                and _place_like(lines[after])
            ):
                lines[after] = (
                    f"\n{lines[after].strip()}\n"  # the place, on the line after the time
                )
    return "\n".join(lines)


def _isolate_date_over_item(lines: list[str], item: int) -> None:
    """A sitting's date line over a numbered item (`Thursday, 30 November 2017 - Brussels`
    / `3. Resumption of the sitting`): each stands alone, whatever shares their blocks."""
    above = next((i for i in range(item - 1, max(-1, item - 3), -1) if lines[i].strip()), None)
    if above is not None and kremlin.opening_date(lines[above]):
        lines[above], lines[item] = f"\n{lines[above].strip()}\n", f"\n{lines[item].strip()}\n"


def _drop_chrome_atop_title(text: str) -> str:
    """Above the date line, the site's lines (its footer, the section's name) that open a
    block of lines are dropped when page text follows them in the block: a copy of the
    whole page runs them into the title (`Presidential Executive Office2020`, `Events`,
    then the title, with no blank line between them)."""
    if text.count("\n\n") < MIN_BLANK_LINES:
        return text  # one paragraph a line: no blocks
    lines = text.split("\n")
    kept: list[str] = []
    opening = True  # at the top of a block, or only site lines in it so far
    for index, line in enumerate(lines[:HEAD_LINES]):
        stripped = line.strip()
        if kremlin.match_date_line(stripped):
            return "\n".join(kept + lines[index:])
        following = index + 1 < len(lines) and lines[index + 1].strip()
        if opening and following and (kremlin.is_chrome(stripped) or kremlin.is_footer(stripped)):
            continue
        kept.append(line)
        opening = not stripped
    return text


def identity(text: str, source: str) -> tuple[str, str]:
    stem = os.path.splitext(os.path.basename(source))[0]
    found = kremlin.PAGE_URL.search(text[:5000]) or kremlin.PAGE_URL.search(text[-5000:])
    if found:
        return found.group(1), kremlin.page_url(found.group(1))
    by_name = kremlin.FILE_ID.match(stem)
    if by_name:
        return by_name.group(1), kremlin.page_url(by_name.group(1))
    url = kremlin.PAGE_URL.search(source)
    return (url.group(1), kremlin.page_url(url.group(1))) if url else ("", "")


def _strip_chrome_head(paras: list[str]) -> int:
    start = 0
    while start < len(paras) and is_ui_chrome(paras[start]):
        start += 1
    return start


def _find_date_line(paras: list[str], start: int) -> int | None:
    for index in range(start, min(len(paras), start + DATE_LOOKAHEAD)):
        if kremlin.match_date_line(paras[index]):
            return index
    return None


def _read_header(
    page: Page, paras: list[str], start: int, date_at: int, title: str = ""
) -> list[str]:
    match = kremlin.match_date_line(paras[date_at])
    assert match is not None
    page.date = kremlin.iso_date(match)
    page.time = match.group("time") or ""
    page.place = (match.group("place") or "").strip()
    head = paras[start:date_at]
    # a copy of the whole page has the site's footer above the page: the page starts below
    # it, and a lead stands between the title and the date (else the page has none)
    footer = max((i for i, p in enumerate(head) if kremlin.is_footer(p)), default=-1)
    rest = _more_meta(page, paras[date_at + 1 :])
    if footer >= 0:
        return _read_summary_above_date(page, head[footer + 1 :], rest)
    titled = _last_index(head, title)
    if titled is not None and titled + 1 < len(head):  # the ordinary page: a lead above the date
        return _read_summary_above_date(page, head[titled:], rest)
    before = [p for p in head if not kremlin.is_chrome(p)][-TITLE_LOOKBACK:]
    if len(before) == 2 and _title_like(before[0], limit=None) and not _title_like(before[1]):
        page.title, page.lead = before[0], before[1]  # ordinary page: title, lead, date
        return rest
    page.title = before[-1] if before else ""
    if rest and _lead_like(rest[0]) and not kremlin.leadless(page.date, page.page_id):
        page.lead, rest = rest[0], rest[1:]
    return rest


def _last_index(paras: list[str], wanted: str) -> int | None:
    flat = " ".join(wanted.split())
    found = [i for i, p in enumerate(paras) if flat and " ".join(p.split()) == flat]
    return found[-1] if found else None


def _read_summary_above_date(page: Page, above_date: list[str], rest: list[str]) -> list[str]:
    """The page as its ordinary version shows it: the title, then the lead (one paragraph or
    more) if the page has one, above the date line."""
    header = [p for p in above_date if not kremlin.is_chrome(p)]
    if not header:
        return rest
    page.title = header[0]
    page.lead = "\n\n".join(header[1:])
    return rest


def _lead_like(paragraph: str) -> bool:
    # 'The statement said, in part:' opens the body; a lead is a whole summary.
    line = paragraph.strip()
    return not (split_label(line) or kremlin.match_date_line(line) or line.endswith(":"))


def _more_meta(page: Page, rest: list[str]) -> list[str]:
    """A date alone on its line may be followed by the time and the place, one a line."""
    if rest and not page.time and kremlin.TIME_LINE.match(rest[0].strip()):
        page.time, rest = rest[0].strip(), rest[1:]
    timed = bool(page.time)
    if rest and not page.place and (_place_like(rest[0]) or (timed and _place_after_time(rest[0]))):
        page.place, rest = rest[0].strip(), rest[1:]
    if rest and not page.time and kremlin.TIME_LINE.match(rest[0].strip()):
        page.time, rest = rest[0].strip(), rest[1:]  # other sources: the place, then the time
    return rest


# `3. Resumption of the sitting`: an item of a sitting's agenda, numbered, heading its page.
_NUMBERED_ITEM = re.compile(r"^\d{1,3}\.[ \t]+[^\W\d_][^\n]{2,150}$")
ITEM_LOOKAHEAD = 3  # paragraphs from the top in which the date line over the item may be


def _date_over_item(page: Page, body: list[str]) -> list[str]:
    """A verbatim report printed item by item: the sitting's date (`Thursday, 30 November
    2017 - Brussels Revised edition`; the lines above it are the site's) over the item's
    numbered heading (`3. Resumption of the sitting`), which is the title."""
    for at in range(min(len(body) - 1, ITEM_LOOKAHEAD)):
        heading = body[at + 1].strip()
        if not (_NUMBERED_ITEM.match(heading) and _title_like(heading)):
            continue
        dated = kremlin.opening_date(body[at])
        if dated is not None:
            page.title, page.date = heading, kremlin.iso_date(dated)
            return body[: at + 1] + body[at + 2 :]
    return body


def _cover_title(page: Page, body: list[str]) -> list[str]:
    """A cover of short lines in capitals down to a date alone on its line (`HOUSE OF
    COMMONS` / `ORAL EVIDENCE` / `TAKEN BEFORE THE` / `TRANSPORT COMMITTEE` / `ROAD SAFETY` /
    `TUESDAY 28 JANUARY 2014`): as on any page, the line right above the date is the title
    (the inquiry, or the committee where none is named); the house's name atop is not."""
    if page.title or not body or not _is_heading(body[0]):
        return body
    for at in range(1, min(len(body), HEAD_PARAGRAPHS)):
        if kremlin.date_only(body[at].strip()):
            if at >= MIN_COVER_LINES:
                page.title = body[at - 1].strip()
                return body[: at - 1] + body[at:]
            return body
        if not _is_heading(body[at]):
            return body
    return body


def _place_and_time_atop(page: Page, body: list[str]) -> list[str]:
    """A text that opens with where and when it was said (`James S. Brady Press Briefing
    Room` / `12:52 P.M. EST`, as the White House prints it): the place, not a title."""
    if len(body) > 2 and _place_like(body[0]) and kremlin.TIME_LINE.match(body[1].strip()):
        page.place, page.time = body[0].strip(), body[1].strip()
        return body[2:]
    return body


# A photo's caption under the date line of a page saved with the site around it (`At the
# World Economic Forum`, `With President Nursultan Nazarbayev`): no place opens so.
_CAPTION_OPENING = re.compile(r"(?:At\s+the|During|With)\s")  # no-break spaces too


def _place_like(paragraph: str) -> bool:
    line = paragraph.strip()
    words = line.replace(",", " ").split()
    return (
        0 < len(line) <= MAX_PLACE_CHARS
        and not _CAPTION_OPENING.match(line)
        and not line.endswith((".", ":", "!", "?"))
        and all(
            w[:1].isupper() or w.casefold() in {"of", "the", "on", "upon", "am", "de"}
            for w in words
        )
        and split_label(line) is None
    )


def _place_after_time(paragraph: str) -> bool:
    """The line after a time line is the place on the strength of where it stands, in the
    shapes places take that _place_like refuses: `10 Downing Street, London`, `Moscow region,
    Gorki`, `Pratica-Di-Mare (Italian Air Force Base)`, `The Kremlin, Moscow.`"""
    line = paragraph.strip()
    words = line.split()
    return (
        0 < len(line) <= MAX_PLACE_CHARS
        and len(words) <= MAX_PLACE_WORDS
        and (line[:1].isupper() or line[:1].isdigit())
        and ("," in line or "(" in line)
        and not line.endswith((":", "!", "?"))
        and not (line.endswith(".") and len(words) > MAX_PLACE_WORDS // 2)
        and split_label(line) is None
        and kremlin.match_date_line(line) is None
    )


def _title_like(paragraph: str, limit: int | None = MAX_TITLE_CHARS) -> bool:
    line = paragraph.strip()
    return (limit is None or len(line) <= limit) and not line.endswith((".", ":", "!", "?"))


def _date_in_head(page: Page, body: list[str]) -> list[str]:
    """A text without a date line may still date itself above its first turn: in its title
    or a line of its own (`Department Press Briefing - October 11, 2022`); a line that is
    only a date (`Wednesday 19 February 2003`) or a time (`2:39 p.m. EDT`) there is
    metadata, not text."""
    above_turns = list(itertools.takewhile(lambda p: not starts_turn(p), body[:HEAD_PARAGRAPHS]))
    for line in [page.title, *above_turns]:
        if len(line) > HEAD_LINE_CHARS:  # narration may recall other dates
            continue
        found = [m for pattern in kremlin.DATES_IN_TEXT if (m := pattern.search(line))]
        if found:
            page.date = kremlin.iso_date(min(found, key=lambda m: m.start()))
            break
    kept = []
    for line in above_turns:
        stripped = line.strip()
        if not page.time and kremlin.TIME_LINE.match(stripped):
            page.time = stripped
        elif not kremlin.date_only(stripped):
            kept.append(line)
    return kept + body[len(above_turns) :]


def _head_length(body: list[str], first_label: str) -> int:
    """How many paragraphs stand above the first label of a shape beyond doubt (0: unknown)."""
    if not first_label:
        return 0
    return next((i for i, p in enumerate(body[:HEAD_PARAGRAPHS]) if p.startswith(first_label)), 0)


def _date_or_time(line: str) -> bool:
    return bool(kremlin.date_only(line) or kremlin.TIME_LINE.match(line))


# An image's file name, which a copied page keeps where the image (a logo) stood.
_IMAGE_FILE = re.compile(r"^[^\n]{1,80}\.(?:tiff?|png|jpe?g|gif|svg|bmp|webp)$", re.IGNORECASE)


def _no_title(line: str) -> bool:
    return _date_or_time(line) or bool(_IMAGE_FILE.match(line))


def _wrapped_in_parentheses(line: str, following: str) -> bool:
    """A title wrapped inside its parentheses: the next line closes what it opened."""
    rest = following.strip()
    return (
        line.count("(") > line.count(")")
        and len(rest) <= MAX_PLACE_CHARS
        and rest.count(")") > rest.count("(")
        and rest.endswith(")")
    )


_BRACKETED_FIELDS = re.compile(r"^(?:\[[^\[\]\n]{1,80}\]\s*)+$")
_SERIAL_NUMBER = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}\.\s?){1,3}\d[\d-]*$")  # `S. Hrg. 115-561`


def _publisher_head_length(body: list[str]) -> int:
    """How many paragraphs atop are a publisher's fields in brackets and a serial number."""
    at = 0
    while at < min(len(body), 2) and (
        _BRACKETED_FIELDS.match(body[at].strip()) and not _BRACKETED_HEAD.match(body[at].strip())
    ):
        at += 1
    if at and at < len(body) and _SERIAL_NUMBER.match(body[at].strip()):
        at += 1
    return at


# A text that opens with a bracketed line of four words or more, then maybe more bracketed
# fields on the same paragraph: how the GPO heads what it prints (the section in `[Senate]`).
_BRACKETED_HEAD = re.compile(r"^\[((?:[^\[\]\s]+ ){3,}[^\[\]]*)\](?:\s+\[[^\[\]\n]{1,60}\])*$")


def _generic_title(body: list[str], head: int = 0) -> tuple[str, list[str]]:
    """The first line, when it reads as a title; a date or a time alone on its line is passed
    over, and so is a publisher's head of bracketed fields that names no volume (`[Senate
    Hearing 115-561]` / `[From the U.S. Government Publishing Office]`) with the document's
    number below it (`S. Hrg. 115-561`). In a head known to end before the first label, a
    line with a colon is a title too."""
    start = _publisher_head_length(body)
    window = enumerate(body[start : start + 2], start)
    at = next((i for i, p in window if not _no_title(p.strip())), None)
    if at is None or at + 1 >= len(body):
        return "", body
    line = body[at]
    bracketed = _BRACKETED_HEAD.match(line.strip()) if len(line) <= MAX_TITLE_CHARS else None
    if bracketed:  # `[Congressional Record Volume 151, ...] [Senate]`: the record's own head
        rest = [line.strip()[bracketed.end(1) + 1 :].strip()]
        return bracketed.group(1).strip(), body[:at] + [p for p in rest if p] + body[at + 1 :]
    if _title_like(line) and len(line) < 150 and (at < head or not split_label(line)):
        after = at + 1
        if _wrapped_in_parentheses(line, body[after]):  # `... (Questions 369` / `- 380)`
            line, after = f"{line.strip()} {body[after].strip()}", after + 1
        return line.strip(), body[:at] + body[after:]
    return "", body
