"""Names that mean one thing everywhere: ids from names, generic voices, permalinks.

    slug("В.Путин")            -> "v-putin"   (the parser's speaker ids, the archive's person
                                              ids, readable document ids: one function)
    is_generic_label("Вопрос") -> True        (a voice, not a person: one list)
    permalink("54271", 12, 3)  -> "54271#t12-p3";  permalink("54271", -1, 3) -> "54271#p3"
    parse_permalink("54271#t12-p3") -> ("54271", 12, 3)

Permalinks are the form that search hits, quotes, figures, the web reader's anchors,
`onrecord show` and Cite all write and read: `t{turn}-p{paragraph}` (0-based) in a turn,
`p{paragraph}` in the text before the first turn (the preamble, turn -1).

This module is part of the shared core: it imports no layer.
"""

from __future__ import annotations

import re
import unicodedata

# The label of a voice its transcript does not name (a caption's `- ` or `>>`), whichever
# reader meets it.
UNKNOWN_VOICE = "Unknown speaker"

# Transliteration of the scripts the parser reads beyond Latin (Russian, Ukrainian and
# Belarusian Cyrillic; Greek), as the English Kremlin site romanises names: `Владимир
# Путин` -> `vladimir-putin`. Latin diacritics are dropped by NFKD.
_TRANSLIT = {
    **dict(
        zip(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґў",
            (
                "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"
                " i ye yi g u"
            ).split(),
            strict=True,
        )
    ),
    **dict(
        zip(
            "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώ",
            "a v g d e z i th i k l m n x o p r s s t y f ch ps o a e i i o y o".split(),
            strict=True,
        )
    ),
}
_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """An id from a name or a file name: ASCII, lower case, hyphens, other scripts
    transliterated (`В.Путин` -> `v-putin`, `Café Müller` -> `cafe-muller`); "" when no
    letter or digit is left."""
    text = "".join(_TRANSLIT.get(c, c) for c in text.casefold()).replace("_", "")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ID.sub("-", ascii_text.casefold()).strip("-")


# Labels for unnamed voices, not persons: each is somebody different in each document.
# From the DEV corpus's labels that name no person (checked against its gold), other
# publishers' transcripts (Q/A, Unidentified Speaker) and the Russian site's.
GENERIC_LABELS = frozenset(
    {
        "question",
        "questions",
        "remark",
        "remarks",
        "reply",
        "response",
        "answer",
        "comment",
        "comments",
        "voice",
        "voices",
        "voice from the audience",
        "from the audience",
        "audience",
        "audience member",
        "participant",
        "participants",
        "journalist",
        "journalists",
        "reporter",
        "correspondent",
        "moderator",
        "host",
        "operator",
        "interpreter",
        "translator",
        "speaker",
        "unidentified speaker",
        "unknown speaker",
        "unidentified",
        "unknown",
        "off-mic",
        "applause",
        "q",
        "a",
        "вопрос",
        "реплика",
        "ответ",
        "голос",
        "голос из зала",
        "вопрос из зала",
        "реплика из зала",
        "ведущий",
        "ведущая",
        "модератор",
        "корреспондент",
        "журналист",
        "участник",
        "участница",
        "переводчик",
    }
)
_LABEL_KEY = re.compile(r"[^\w\s-]+")
_NUMBERED = re.compile(r"\s*\d+$")  # `Question 2` is still a question


def is_generic_label(label: str) -> bool:
    """Whether a label names an anonymous voice (`Question`, `Voice from the audience`,
    `Вопрос`, `Question 2`), by the one list above."""
    key = " ".join(_LABEL_KEY.sub(" ", label.casefold()).split())
    return _NUMBERED.sub("", key) in GENERIC_LABELS


PREAMBLE = -1  # the turn index of the text before the first turn
_ANCHOR = re.compile(r"^(?:t(\d{1,6})-)?p(\d{1,6})$")


def anchor(turn: int, paragraph: int) -> str:
    """`t12-p3`: paragraph 3 of turn 12 (0-based); `p3` before the first turn."""
    return f"t{turn}-p{paragraph}" if turn >= 0 else f"p{paragraph}"


def parse_anchor(value: str) -> tuple[int, int] | None:
    """(turn, paragraph) of an anchor (`t12-p3`, `p3` -> turn -1; the web's old `t-1-p3`
    too), or None when it is not one."""
    value = value.replace("t-1-", "", 1) if value.startswith("t-1-") else value
    match = _ANCHOR.match(value)
    if match is None:
        return None
    turn = int(match.group(1)) if match.group(1) is not None else PREAMBLE
    return turn, int(match.group(2))


def permalink(doc_id: str, turn: int, paragraph: int) -> str:
    """`ID#t12-p3`, the same form in search, quotes, figures, the web reader and `show`."""
    return f"{doc_id}#{anchor(turn, paragraph)}"


def parse_permalink(value: str) -> tuple[str, int | None, int | None]:
    """(document id, turn, paragraph) of `ID#t12-p3` / `ID#p3` / `ID`; turn and paragraph
    are None when there is no anchor or it is not one."""
    doc_id, _, mark = value.partition("#")
    found = parse_anchor(mark) if mark else None
    return (doc_id, found[0], found[1]) if found else (doc_id, None, None)
