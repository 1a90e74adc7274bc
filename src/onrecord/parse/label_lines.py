"""Speaker labels as other transcript services and archives write them.

- Otter, Zoom and Teams exports: `John Smith  0:05`, the speech on the lines below;
- Rev and Descript: `Speaker 1 (00:05):`, `Joe Biden: (00:05)`, `[00:01:23] John Smith: text`;
- copies of Hansard: `Rishi Sunak (Richmond (Yorks)) (Con)`, the speech on the lines below;
- the US Congressional Record and hearings: `Mr. SCHUMER. Mr. President, I rise ...`;
- White House transcripts: `Q  Thanks, Jen.`, a question with no colon;
- depositions and printed interviews: `Q. Where do you live?` and `A. In Boston.`;
- the European Parliament's verbatim reports: `Jane Doe (PPE). – Madam President, ...`.

Each is rewritten, line by line, to the one form the segmenter reads (`Label: speech`) when
at least two lines of the text have that shape: one line alone may be a heading. Timestamps
are not speech and are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from onrecord.parse.kremlin import PHOTO_PLACE
from onrecord.parse.labels import NUMBERED_VOICE, looks_like_label

MIN_LINES = 2
_TIME = r"\d{1,2}:\d\d(?::\d\d)?(?:[.,]\d{1,3})?"

_SP = r"[ \t]"  # a space inside a line: patterns run over the whole text, line by line


def _line(body: str) -> re.Pattern[str]:
    """A pattern for whole lines of a text (`finditer` over it finds each line that fits)."""
    return re.compile(rf"^{_SP}*(?:{body}){_SP}*$", re.MULTILINE)


# a dash or a bar may stand between a name and its time (`Jane Smith - 00:00:03`)
_TIME_MARK = rf"(?:[-–—|]{_SP}+)?"
_NAME_THEN_TIME = _line(rf"(?P<label>[^\s:\d][^:\n]{{0,60}}?){_SP}+{_TIME_MARK}(?P<time>{_TIME})")
_TIME_IN_LABEL = _line(
    rf"(?P<label>[^:()\n]{{1,80}}?){_SP}*\({_TIME}\)(?:{_SP}*:(?:{_SP}+(?P<rest>.*))?)?"
)
_TIME_AFTER_LABEL = _line(
    rf"(?P<label>[^:()\[\]\n]{{1,80}}):{_SP}*(?:\({_TIME}\)|\[{_TIME}\])(?:{_SP}+(?P<rest>.*))?"
)
# a time, or the span of a segment (`00:00:15 → 00:01:02`, `00:00:15 - 00:01:02`)
_SPAN = rf"{_TIME}(?:{_SP}*(?:-->|->|→|[-–—]){_SP}*{_TIME})?"
_TIME_FIRST = _line(rf"(?:\[{_SPAN}\]|\({_SPAN}\)){_SP}*(?P<rest>\S.*)")
# Podcast and interview tools: `00:00:05 Jane Smith: text`, `[00:00:05] JANE SMITH` above the
# speech, `Jane Smith [00:00:05]: text`; with the span of the segment (`[00:00:15 → 00:01:02]
# **Jane Smith:** text`); or the time, the name and the words in columns, as Zoom's and other
# meeting tools' text files keep them (`00:00:02<TAB>Jane Smith<TAB>Hello`).
_NAME = r"[^\s:\d\[\]][^:\[\]\n]{0,60}?"
_TIME_THEN_LABEL = _line(rf"\[?{_SPAN}\]?{_SP}+(?P<label>{_NAME}):{_SP}+(?P<rest>\S.*)")
_TIME_THEN_NAME = _line(rf"\[?{_SPAN}\]?{_SP}+(?:[-–—|]{_SP}+)?(?P<label>{_NAME})")
_TIME_NAME_COLUMNS = _line(
    rf"\[?{_SPAN}\]?\t+(?P<label>[^\s:\d\[\]][^\t:\n]{{0,60}}?)\t+(?P<rest>\S.*)"
)
# Zoom's saved chat: `10:02:33 From Jane Doe to Everyone:` over the message, or
# `10:02:33\t From  Jane Doe : Hello` in its older files. The shape names the sender beyond
# doubt, whatever the name looks like (`jdoe`, `iPad`).
_CHAT_FROM = _line(
    rf"{_TIME}{_SP}+From{_SP}+(?P<label>{_NAME})(?:{_SP}+to{_SP}+[^:\n]{{1,60}}?)?{_SP}*:"
    rf"(?:{_SP}*(?P<rest>\S.*))?"
)
# Broadcast and screenplay-style transcripts: the speaker's name in capitals on its own
# line, the speech below (`JANE ROE` / `Thank you, John.`); a label where names come back.
_CAPS_WORD = r"(?:Mc|Mac)?[A-Z][A-Z.’'-]*"
_CAPS_NAME_LINE = _line(rf"(?P<label>{_CAPS_WORD}(?:{_SP}+{_CAPS_WORD}){{0,3}})")
_CAPS_FEATURE = r"\n[ \t]*[A-Z][A-Z.’'-]+(?:[ \t]+[A-Z][A-Z.’'-]+)*[ \t]*\n"
MIN_NAME_RETURNS = 2  # names that come back, for a text's capitals lines to be labels
# Printed transcripts of central banks and agencies: the name in capitals, a stop, the speech
# (`CHAIRMAN POWELL. Good afternoon.`, `MICHELLE SMITH. Thank you.`); labels where names come
# back. Two words at least: one (`NATO. The alliance`) opens sentences.
_CAPS_NAME_WORD = r"(?:Mc|Mac)?[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ’'-]+"
# The chair alone in one word, as Italy's and other chambers print it (`PRESIDENTE. La
# seduta è aperta.`)
_CAPS_CHAIR = r"PRESIDENTE|PRESIDENT|PRÉSIDENT|PRÉSIDENTE|PRÄSIDENT|CHAIRMAN|CHAIR|SPEAKER"
_CAPS_STOP = _line(
    rf"(?P<label>(?:(?:MR|MRS|MS|DR)\.{_SP}+)?{_CAPS_NAME_WORD}(?:{_SP}+{_CAPS_NAME_WORD}){{1,3}}"
    rf"|{_CAPS_CHAIR})\.{_SP}+(?P<rest>\S.*)"
)
# Radio and interview transcripts that set the name off with a dash (`JANE DOE — Good
# morning.`, `Jane Doe – Thank you.`, `JANE DOE - Hello.`): a label where names come back.
_NAME_WORD_CASED = r"(?:Mc|Mac)?[A-ZÀ-ÖØ-Þ][\w’'.-]*"
_NAME_DASH = _line(
    rf"(?P<label>{_NAME_WORD_CASED}(?:{_SP}+{_NAME_WORD_CASED}){{0,3}}){_SP}+[—–-]{_SP}+"
    r"(?P<rest>\S.*)"
)
# French-speaking chambers print the honorific and the name, or the office, before a stop:
# `M. le président. La séance est ouverte.`, `Mme Élisabeth Borne, Première ministre. ...`
_HONORIFIC_STOP = _line(
    rf"(?P<label>(?:M\.|MM\.|Mme|Mmes|Mlle){_SP}+[^.\n]{{1,100}}?)\.{_SP}+(?P<rest>\S.*)"
)


def _returning(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """All the lines, where some name comes back (a voice heard once is one too: merged
    into the speaker before, its words would be misattributed); none where none does."""
    counts = Counter(line.partition(":")[0] for _start, _end, line in lines)
    returns = sum(1 for n in counts.values() if n >= MIN_NAME_RETURNS)
    return lines if returns >= MIN_NAME_RETURNS else []


# Meeting tools mark the time every few minutes on a line of its own (`00:05:00`): timing.
_CLOCK_LINE = _line(r"[\[(]?\d{1,2}:\d\d:\d\d[\])]?")


def _dropped(_match: re.Match[str]) -> str | None:
    return ""


# Podcast sites: the name on its line, the time opening the speech below it
# (`Lex Fridman` / `(00:00:00) The following is a conversation with ...`).
_NAME_OVER_TIME = re.compile(
    rf"^{_SP}*(?P<label>{_NAME}){_SP}*\n{_SP}*[\[(]{_TIME}[\])]{_SP}*(?P<rest>\S.*?){_SP}*$",
    re.MULTILINE,
)
_LABEL_THEN_TIME = _line(rf"(?P<label>{_NAME}){_SP}*\[{_TIME}\]{_SP}*:(?:{_SP}+(?P<rest>\S.*))?")
_PARENTHESES = r"\((?:[^()\n]|\([^()\n]*\))*\)"
# Hansard: `Rishi Sunak (Richmond (Yorks)) (Con)`, `Lord Smith of Finsbury (Lab)`, `The
# Parliamentary Under-Secretary of State, Home Office (Lord Sharpe of Epsom) (Con)`.
_HANSARD_WORD = r"(?:[A-Z][\w’'.-]*,?|of|the|and|for|upon|in|on|de|van|von|le|la)"
# The UN's verbatim records and others name the chair by office alone on its line (`The
# President`, `The Acting Chair`), members by name and country (`Mr. Dejammet (France)`).
# Prime Minister's Questions number each question and give its id: `Q1. [905211] Name (Seat)`.
QUESTION_NUMBER = rf"(?:Q?\d{{1,3}}\.{_SP}+)?(?:\[\d{{3,}}\]{_SP}+)?"
_NAME_THEN_SEAT = _line(
    rf"{QUESTION_NUMBER}(?P<label>[A-Z][\w’'.-]*,?(?:{_SP}{_HANSARD_WORD}){{0,15}}"
    rf"(?:{_SP}{_PARENTHESES})+|The(?:{_SP}[A-Z][\w’'-]+){{1,3}})"
)
# White House transcripts: `Q  Thanks, Jen.` (no colon, two spaces or a no-break space).
# the gap after it: spaces with a no-break space among them (a web page's `Q&nbsp;&nbsp; `), two
# spaces or more, or one before a capital
_BARE_GAP = r"(?:[ \t]*\u00a0[\u00a0 \t]*| {2,}| (?=[A-Z“\"‘'(\[—–…]))"
_BARE_Q = _line(rf"Q{_BARE_GAP}(?P<rest>\S.*)")
# The WHO's press conferences name each voice by its initials, a tab or a run of spaces,
# then the speech (`TAG        Thank you, Christian.`), and key the initials to names above
# (`Speaker key:` / `TAG Dr Tedros Adhanom Ghebreyesus`): a key's line holds a name, not
# speech (`_initials`).
_INITIALS_GAP = rf"(?:\t{_SP}*| {{2,}}|{_SP}*\u00a0[\u00a0 \t]*)"  # a no-break space on a web page
_INITIALS = _line(rf"(?P<label>[A-Z]{{2,4}}){_INITIALS_GAP}(?P<rest>\S.*)")
# Governments that print the voice in square brackets before its words (Japan's Prime
# Minister's Office: `[Prime Minister Kishida] Today, ...`, `[Moderator] Next question.`).
_BRACKETED_NAME = _line(rf"\[(?P<label>[A-Z][^\[\]\n]{{0,60}})\]{_SP}+(?P<rest>\S.*)")
# Zoom's saved transcript: `[Jane Doe] 10:02:33 Hello everyone`, the words on the line or below
_BRACKETED_NAME_TIME = _line(
    rf"\[(?P<label>[^\s\[\]][^\[\]\n]{{0,60}})\]{_SP}+{_TIME}(?:{_SP}+(?P<rest>\S.*))?"
)
# Foreign ministries answer such questions with a bare `A` (`A We are deeply saddened`):
# an answer only where a question is open, since `A spokesperson said` opens sentences.
_BARE_A = re.compile(rf"^{_SP}*A{_BARE_GAP}(?P<rest>\S.*)$")
# Depositions and printed interviews: `Q. Where do you live?` / `A. In Boston.`
_DOTTED_Q_A = _line(rf"(?P<label>[QA])\.{_SP}+(?P<rest>\S.*)")
_RECORD_STYLE = _line(
    rf"(?P<label>(?:Mr|Mrs|Ms|Miss|Dr)\.{_SP}+(?:Mc|Mac|De|Di|La|Le|Van)?[A-Z][A-Z’'-]+"
    rf"(?:{_SP}+of{_SP}+[A-Z][a-z]+(?:{_SP}[A-Z][a-z]+)?)?"
    rf"|The{_SP}+[A-Z]{{2,}}(?:{_SP}+[A-Z]{{2,}})*(?:{_SP}+pro{_SP}+tempore)?"
    # who is in the chair, where the Record names them: `The PRESIDING OFFICER (Mr. Cornyn).`
    rf"(?:{_SP}+\([A-Z][^()\n]{{0,40}}\))?)\.{_SP}+(?P<rest>\S.*)"
)

# Congressional hearings as the GPO prints them: `Chairman Grassley. Good morning.`,
# `Senator Feinstein. Mr. Chairman, ...`, `Judge Roe. Thank you.`, `Mr. Smith. Yes.`
_TITLES = (
    r"Chairman|Chairwoman|Chair|Senator|Representative|Congressman|Congresswoman|Delegate"
    r"|Judge|Justice|Secretary|Ambassador|General|Admiral|Governor|Mayor|Commissioner"
    r"|Director|Administrator|Mr|Mrs|Ms|Miss|Dr"
)
_SURNAME = r"(?:Mc|Mac|O[’']|De|Di|La|Le|Van|Von)?[A-Z][a-zà-ÿ’'-]+"
# House depositions name the witness and the reporter by role (`The Witness. I do.`), and the
# released copies blank out staff names: `Mr.   Of course.` (a title, the gap, the speech).
_ROLES_BY_THE = r"Chairman|Chairwoman|Chair|Clerk|Presiding{_SP}+Officer|Witness|Reporter"
_HEARING_STYLE = _line(
    rf"(?P<label>(?:{_TITLES})\.?(?:{_SP}+{_SURNAME}){{1,3}}"
    rf"|The{_SP}+(?:{_ROLES_BY_THE.format(_SP=_SP)}))\.{_SP}+(?P<rest>\S.*)"
    rf"|(?P<blank>(?:Mr|Mrs|Ms|Dr)\.)(?:{_SP}|\u00a0){{2,}}(?P<after>\S.*)"
)
# a label of another shape, or one already rewritten (`Jane Doe: `, `[Jane Doe]: `)
_COLON_LABEL = re.compile(r"^[ \t]*\[?[A-Z][^:\n]{0,60}:(?:[ \t]|$)", re.MULTILINE)
# at a line's start: the engine skips from newline to newline (anywhere, it cost a tenth of
# reading a text, and `Mr. Putin. ` inside sentences matched)
_HEARING_FEATURE = (
    rf"\n[ \t]*(?:(?:{_TITLES})\.? {_SURNAME}|The (?:Chairman|Chairwoman|Chair|Clerk|Witness))\. "
)

# The European Parliament's verbatim reports: `President. – The sitting is opened.`,
# `Jane Doe, on behalf of the PPE Group. – Madam President, ...`, `John Roe (S&D). – ...`.
_LABEL_DOT_DASH = _line(rf"(?P<label>[^\s:][^\n:]{{0,150}}?)\.{_SP}+[–—-]{_SP}+(?P<rest>\S.*)")


# Markdown's bold marks a label as surely as HTML's: `**The Prime Minister:** text`,
# `**Jane Doe**: text`, and `**Jane Doe** [12:05]` above the speech.
_BOLD = r"(?:\*\*|__)"
_BOLD_LABEL = _line(rf"{_BOLD}(?P<label>[^*_\n:]{{1,80}}?)(?::{_BOLD}|{_BOLD}:){_SP}*(?P<rest>.*)")
_BOLD_NAME_TIME = _line(
    rf"{_BOLD}(?P<label>[^*_\n:]{{1,60}}?){_BOLD}{_SP}*[\[(]?{_TIME}[\])]?(?:{_SP}+(?P<rest>.*))?"
)


def _bold(match: re.Match[str]) -> str | None:
    label = " ".join(match.group("label").split())
    if len(label.split()) > MAX_TRUSTED_WORDS or _SENTENCE_MARK.search(label):
        return None
    return _known(label, match.group("rest"))


def _known(label: str, rest: str | None) -> str:
    """A label in the segmenter's form for a label known from outside its words."""
    return f"[{label}]: {rest}" if rest else f"[{label}]:"


def bold_labels_marked(markdown: str) -> str:
    """Markdown whose bold labels (two lines or more of one shape) are written as the
    segmenter's label known from outside its words, escaped so Markdown keeps the brackets:
    `**The Prime Minister:** We will` -> `\\[The Prime Minister\\]: We will`."""
    for pattern in (_BOLD_LABEL, _BOLD_NAME_TIME):
        found = [(m.start(), m.end(), _bold(m)) for m in pattern.finditer(markdown)]
        found = _voices_or_said_again(found)
        lines = [(a, b, "\\" + line.replace("]:", "\\]:", 1)) for a, b, line in found if line]
        if len(lines) >= MIN_LINES:
            markdown = _replaced(markdown, lines)
    return markdown


def _voices_or_said_again(
    found: list[tuple[int, int, str | None]],
) -> list[tuple[int, int, str | None]]:
    """Bold labels of a speaker's shape, or said twice at least: a bold lead-in said once
    that is no name (`**Note for the CIS media:** To receive ...`, a press notice's) is text."""
    labels = [line[1 : line.index("]")] if line else "" for _, _, line in found]
    counts = Counter(labels)
    return [
        (start, end, line if counts[label] > 1 or _is_voice(label) else None)
        for (start, end, line), label in zip(found, labels, strict=True)
    ]


def _is_voice(label: str) -> bool:
    return bool(NUMBERED_VOICE.match(label)) or looks_like_label(label)


def _own_line(match: re.Match[str]) -> str | None:
    label = match.group("label").strip()
    return f"{label}:" if _is_voice(label) else None


def _inline(match: re.Match[str]) -> str | None:
    label = match.group("label").strip()
    if not _is_voice(label):
        return None
    rest = match.group("rest")
    return f"{label}: {rest}" if rest else f"{label}:"


def _sender(match: re.Match[str]) -> str | None:
    return _known(match.group("label").strip(), match.group("rest"))


def _time_first(match: re.Match[str]) -> str | None:
    return match.group("rest")


def _seat(match: re.Match[str]) -> str | None:
    label = match.group("label").strip()
    if PHOTO_PLACE.search(label):
        return None  # `With President Nursultan Nazarbayev (left)`: a photo's caption
    return f"{label}:" if _is_voice(label) else f"[{label}]:"


def _label_and_rest(match: re.Match[str]) -> str | None:
    return f"{match.group('label')}: {match.group('rest')}"


def _known_label(match: re.Match[str]) -> str | None:
    """A shape strict enough to vouch for its label (a title and a surname): written in the
    segmenter's form for a label known from outside its words. A title whose name was blanked
    out stays a label of its own (`Mr.`): the turn ends there, and who spoke is unknown."""
    if match.group("blank"):
        return _known(match.group("blank"), match.group("after"))
    return _known(" ".join(match.group("label").split()), match.group("rest"))


def _initials(match: re.Match[str]) -> str | None:
    rest = match.group("rest").strip()
    words = rest.split()
    named = all(word[:1].isupper() for word in words) and not rest.endswith(_SPEECH_END)
    if named and len(words) <= MAX_KEY_NAME_WORDS:
        return None  # `TAG   Dr Tedros Adhanom Ghebreyesus`: the key, not a turn
    return f"[{match.group('label')}]: {rest}"


MAX_KEY_NAME_WORDS = 6


def _keyed(matches: list[re.Match[str]], lines: list[str | None]) -> list[tuple[int, int, str]]:
    """The initials' turns whose initials a key names (`TAG   Dr Tedros ...`): the key vouches
    for them, voices heard once included. None without a key."""
    keyed = {m.group("label") for m, line in zip(matches, lines, strict=True) if line is None}
    return [
        (m.start(), m.end(), line)
        for m, line in zip(matches, lines, strict=True)
        if line is not None and m.group("label") in keyed
    ]


def _bracketed(match: re.Match[str]) -> str | None:
    label = match.group("label").strip()
    return _known(label, match.group("rest")) if _is_voice(label) else None


def _bare_q(match: re.Match[str]) -> str | None:
    return f"Q: {match.group('rest')}"


Rewrite = Callable[[re.Match[str]], "str | None"]
Feature = Callable[[str], bool]


def _has(pattern: str) -> Feature:
    """A whole-text test that its lines cannot lack; each pattern opens with a literal
    character, which the regex engine skips to, so a text without it is read at C speed."""
    compiled = re.compile(pattern)
    return lambda text: compiled.search(text) is not None


SHAPES: tuple[tuple[Feature, re.Pattern[str], Rewrite], ...] = (
    (_has(r"\*\*|__"), _BOLD_LABEL, _bold),
    (_has(r"\*\*|__"), _BOLD_NAME_TIME, _bold),
    (_has(r"\d:\d\d[ \t]+From "), _CHAT_FROM, _sender),
    (_has(r"\][ \t]+\d{1,2}:\d\d"), _BRACKETED_NAME_TIME, _sender),
    (_has(r"\d\t"), _TIME_NAME_COLUMNS, _inline),
    (_has(r"\d:\d\d"), _TIME_THEN_LABEL, _inline),
    (_has(r"\d:\d\d"), _TIME_THEN_NAME, _own_line),
    (_has(r"\d\]"), _LABEL_THEN_TIME, _inline),
    (_has(r"\n[ \t]*[\[(]\d{1,2}:\d\d"), _NAME_OVER_TIME, _inline),
    (_has(r"\[\d|\(\d{1,2}:\d\d"), _TIME_FIRST, _time_first),
    (_has(r"\d:\d\d:\d\d[\])]?[ \t]*\n"), _CLOCK_LINE, _dropped),
    (_has(_CAPS_FEATURE), _CAPS_NAME_LINE, _own_line),
    (_has(r"\(\d{1,2}:\d\d"), _TIME_IN_LABEL, _inline),
    (_has(r"[(\[]\d{1,2}:\d\d"), _TIME_AFTER_LABEL, _inline),
    (_has(r":\d\d[ \t]*\n"), _NAME_THEN_TIME, _own_line),
    (_has(r"\)[ \t]*\n|(?:^|\n)[ \t]*The [A-Z][^\n:]{0,40}\n"), _NAME_THEN_SEAT, _seat),
    (
        _has(r"\. (?:Mc|Mac|De|Di|La|Le|Van)?[A-Z][A-Z]|The [A-Z][A-Z]"),
        _RECORD_STYLE,
        _label_and_rest,
    ),
    (_has(_HEARING_FEATURE), _HEARING_STYLE, _known_label),
    (_has(r"[A-ZÀ-Þ][A-ZÀ-Þ]\. "), _CAPS_STOP, _inline),
    (_has(r"(?:^|\n)[ \t]*(?:M\.|Mme) "), _HONORIFIC_STOP, _sender),
    (_has(r" [—–-] "), _NAME_DASH, _inline),
    (_has(r"\n[A-Z]{2,4}(?:\t| {2}| ?\u00a0)"), _INITIALS, _initials),
    (_has(r"\n[ \t]*\[[A-Z][^\]\n]{0,60}\] "), _BRACKETED_NAME, _bracketed),
    (_has(r"Q[\u00a0 ]"), _BARE_Q, _bare_q),
    (_has(r"Q\. "), _DOTTED_Q_A, _label_and_rest),
    (_has(r"\. [–—-] "), _LABEL_DOT_DASH, _inline),
)


# Shapes that are labels only where the text has no labels of a surer shape.
_WEAK_SHAPES = (
    _HEARING_STYLE,
    _CAPS_NAME_LINE,
    _CAPS_STOP,
    _INITIALS,
    _BRACKETED_NAME,
    _NAME_DASH,
)

# Shapes that mark a label beyond doubt (a timestamp beside the name): where a text has them,
# what stands above the first of them is the page's head, not a turn (`Title: Subtitle`).
TIMED = (
    _TIME_FIRST,
    _NAME_OVER_TIME,
    _TIME_IN_LABEL,
    _TIME_AFTER_LABEL,
    _NAME_THEN_TIME,
    _TIME_THEN_LABEL,
    _TIME_THEN_NAME,
    _LABEL_THEN_TIME,
    _TIME_NAME_COLUMNS,
)


def normalise_label_lines(text: str) -> tuple[str, str, frozenset[str]]:
    """`text` with each label shape that occurs on two lines or more rewritten to `Label:`,
    the first rewritten line of a timed shape ('' when none: the head ends there), and the
    lines found to be headings between turns."""
    if _TIME_ALONE.search(text):
        text = names_over_affiliation(text)
    first_timed: tuple[int, str] | None = None
    for feature, pattern, rewrite in SHAPES:
        if not feature(text):
            continue
        matches = list(pattern.finditer(text))
        found = [(m.start(), m.end(), rewrite(m)) for m in matches]
        lines = [(start, end, line) for start, end, line in found if line is not None]
        if pattern is _INITIALS:
            lines = _keyed(matches, [line for _s, _e, line in found]) or _returning(lines)
        elif pattern in (_CAPS_NAME_LINE, _CAPS_STOP, _BRACKETED_NAME, _HONORIFIC_STOP, _NAME_DASH):
            lines = _returning(lines)
        if pattern in TIMED and pattern is not _TIME_FIRST:
            trusted = [_trusted(m, line) for m, (_s, _e, line) in zip(matches, found, strict=True)]
            lines = _if_recurring([line for line in trusted if line is not None])
        if pattern in _WEAK_SHAPES and len(_COLON_LABEL.findall(text)) > len(lines):
            continue  # labelled otherwise: `Senator Harris.` there opens a question to her
        # once names stand over their timed speech, any paragraph opening with a time is it
        needed = 1 if pattern is _TIME_FIRST and first_timed is not None else MIN_LINES
        if pattern is _LABEL_DOT_DASH and len(lines) == 1 and _opens_paragraph(text, matches[0]):
            needed = 1  # `President. – The sitting is resumed.`: an item where one voice speaks
        if len(lines) >= needed and _both_voices_if_q_a(pattern, lines):
            text = _replaced(text, lines)
            if pattern is _BARE_Q:
                text = _bare_answers(text)
            if pattern is _NAME_THEN_SEAT:
                text = _short_forms_labelled(text, [line for _s, _e, line in lines])
            if pattern in TIMED and pattern is not _TIME_FIRST:
                start, _end, line = lines[0]
                if first_timed is None or start < first_timed[0]:
                    first_timed = (start, line)
    text, headings = names_over_speech(text)
    return text, first_timed[1] if first_timed else "", headings


# Earnings calls as Seeking Alpha prints them, and many interviews: the speaker's name alone
# between blank lines, the speech below (`Peter Beck` / `Yes, thanks, Colin.`, `Operator`);
# as the Motley Fool prints them, with the speaker's job after dashes (`Jane Roe -- Chief
# Financial Officer`, `Tom Lee -- Big Bank -- Analyst`).
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|de|del|van|von|der|den|da|di|du|le|la|bin|al)"
_JOB_DASH = r"[ \t]+(?:--|—|–)[ \t]+"
_NAME_PARAGRAPH = re.compile(
    rf"(?<=\n\n)[ \t]*(?P<label>[A-Z][\w’'.-]*(?:[ \t]{_NAME_WORD}){{0,3}})(?<=\w)"
    rf"(?P<job>(?:{_JOB_DASH}[A-Z][^\n:]{{0,60}}?){{0,3}})[ \t]*\n(?=[ \t]*\n)"
)


def _speech_below(text: str, at: int) -> bool:
    """Whether the paragraph from `at` ends as sentences do."""
    end = text.find("\n\n", at + 1)
    return text[at : end if end >= 0 else None].strip().endswith(_SPEECH_END)


def names_over_speech(text: str) -> tuple[str, frozenset[str]]:
    """Names alone on their paragraph written as labels known from outside their words
    (`[Peter Beck]:`), where two people named in full come back so and the text has fewer
    labels of another shape. Then any such paragraph that comes back is a name (`Operator`),
    and one said once is where it reads as a name; a line right above another such line is
    a heading (`Question-and-Answer Session` / `Operator`): the text and the headings."""
    if "\n\n" not in text:
        return text, frozenset()
    found = [m for m in _NAME_PARAGRAPH.finditer(text) if _job_like(m.group("job"))]
    # a name above another such line is a heading, or a menu's item: only names above
    # speech (a paragraph that ends as sentences do) count
    above = [_speech_below(text, match.end()) for match in found]
    heard = [m for m, speech in zip(found, above, strict=True) if speech]
    counts = Counter(m.group("label") for m in heard)
    # a job after dashes vouches for a name as its coming back does
    jobbed = {m.group("label") for m in heard if m.group("job")}
    people = [
        name
        for name, n in counts.items()
        if (n >= MIN_NAME_RETURNS or name in jobbed) and " " in name
    ]
    if len(people) < MIN_NAME_RETURNS or len(_COLON_LABEL.findall(text)) >= len(found):
        return text, frozenset()
    lines, headings = [], set()
    for match, speech in zip(found, above, strict=True):
        label = match.group("label")
        if not speech:
            headings.add(match.group(0).strip())
        elif counts[label] >= MIN_NAME_RETURNS or looks_like_label(label):
            jobs = re.split(_JOB_DASH, match.group("job").strip(" \t-—–"))
            written = ", ".join([label, *filter(None, jobs)])
            lines.append((match.start("label"), match.end("job"), f"[{written}]:"))
    return _replaced(text, lines), frozenset(headings)


_JOB_JOINERS = frozenset("of and the for & de du".split())


def _job_like(job: str) -> bool:
    """What follows a name's dashes is a job or a firm (`Chief Financial Officer`, `Big Bank
    -- Analyst`, `J.P. Morgan`): capitalised words, no sentence (`JANE DOE — Good morning,
    and welcome.` is a line of speech)."""
    words = re.split(rf"{_JOB_DASH}|[ \t,]+", job.strip(" \t-—–"))
    return not job.rstrip().endswith(_SENTENCE_STOPS) and all(
        w[:1].isupper() or w[:1].isdigit() or w in _JOB_JOINERS for w in words if w
    )


_SENTENCE_STOPS = ("!", "?", ";")  # a firm's `Inc.` or `Co.` may end with a full stop


_TITLES_OF_MEMBERS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady")


def _short_forms_labelled(text: str, labels: list[str]) -> str:
    """Hansard names a member in full with their seat at their first words in a debate, then
    by title and surname (`Mrs Flick Drummond (Meon Valley) (Con)`, later `Mrs Drummond`) or
    by name alone: such a line, alone on its line, is their label too."""
    forms: set[str] = set()
    for label in labels:
        name = label.strip("[]:").split(" (")[0].strip()
        words = name.split()
        if len(words) < 2 or words[0] == "The":
            continue
        forms.add(name)
        forms.update(f"{title} {words[-1]}" for title in _TITLES_OF_MEMBERS)
    if not forms:
        return text
    # a set lookup per line: a pattern of every form would try each one at every line
    lines = text.split("\n")
    return "\n".join(f"{line.strip()}:" if line.strip() in forms else line for line in lines)


def _opens_paragraph(text: str, match: re.Match[str]) -> bool:
    """A label of the European Parliament's shape alone in a text counts where it opens a
    paragraph (a blank line above it) and an en or em dash follows the stop: a hyphen after a
    sentence inside wrapped text is no label."""
    above = text[: match.start()].rstrip(" \t")
    opens = not above.strip() or above.endswith("\n\n") or above.endswith("\n\n\n")
    dash = text[match.end("label") : match.start("rest")].strip(". \t")
    return opens and dash in ("–", "—")


MAX_TRUSTED_WORDS = 6
_SENTENCE_MARK = re.compile(r"[.!?;]\s|[.!?;]$")


def _trusted(match: re.Match[str], line: str | None) -> tuple[int, int, str] | None:
    """Where a text times its labels, the timestamp vouches for a label of any shape a name
    or a voice may take (`crowd`, `Voiceover`): it is written `[label]:`, the segmenter's
    form for a label known from outside its words."""
    if line is not None:
        return match.start(), match.end(), line
    label = match.group("label").strip()
    if len(label.split()) > MAX_TRUSTED_WORDS or _SENTENCE_MARK.search(label) or "[" in label:
        return None
    rest = match.groupdict().get("rest")
    return match.start(), match.end(), f"[{label}]: {rest}" if rest else f"[{label}]:"


def _if_recurring(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Timed label lines count when there are a few of them and some voice comes back."""
    labels = [line.partition(":")[0] for _s, _e, line in lines]
    recurring = len(labels) >= MIN_TIMED_LINES and len(set(labels)) < len(labels)
    return lines if recurring else []


MIN_TIMED_LINES = 3


def _bare_answers(text: str) -> str:
    """`A ...` lines rewritten to `A: ...` where each is the first line after a question
    (`Q: ...`) to open so, and such answers follow at least half of the questions: a
    transcript that names who answers (`MS. PSAKI: ...`) keeps `A lot of ...` as text."""
    lines = text.split("\n")
    answers: list[int] = []
    questions, open_question = 0, False
    for index, line in enumerate(lines):
        if line.startswith("Q: "):
            questions, open_question = questions + 1, True
        elif open_question and _COLON_LABEL.match(line):
            open_question = False
        elif open_question and (found := _BARE_A.match(line)):
            lines[index] = f"A: {found.group('rest')}"
            answers.append(index)
            open_question = False
    if len(answers) < MIN_LINES or 2 * len(answers) < questions:
        return text
    return "\n".join(lines)


def _both_voices_if_q_a(pattern: re.Pattern[str], lines: list[tuple[int, int, str]]) -> bool:
    # 'A. Lincoln said' opens a sentence: Q. and A. count only together.
    return pattern is not _DOTTED_Q_A or {line[:2] for _, _, line in lines} == {"Q:", "A:"}


def _replaced(text: str, lines: list[tuple[int, int, str]]) -> str:
    parts, at = [], 0
    for start, end, line in lines:
        parts += [text[at:start], line]
        at = end
    return "".join(parts) + text[at:]


# Parliaments' pages that head each speech with lines of its own (openparliament.ca's copy of
# the Canadian Hansard): the topic, the time, the party, then the name with the party and the
# seat on one line (`7:35 p.m.` / `Liberal` / `Chris Bittle Liberal St. Catharines, ON`).
_TIME_ALONE = re.compile(r"(?m)^[ \t]*\d{1,2}:\d\d(?:[ \t]?[ap]\.?m\.?)?[ \t]*$")
MAX_AFFILIATION_WORDS = 4
MAX_NAME_WORDS = 4
MAX_TOPIC_CHARS = 200
_SPEECH_END = (".", "?", "!", "…", "”", '"', "’", "—", "–", ":", ")", "]")


def names_over_affiliation(text: str) -> str:
    """Each speech's head (time, affiliation, the name line that repeats the affiliation)
    rewritten to the speaker's label, `[Chris Bittle]:` or `[The Assistant Deputy Speaker
    (Carol Hughes)]:`, the line of topics above it dropped; where two heads or more have
    that shape. The time and the party are the page's, not speech."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    rewrites: dict[int, str] = {}
    for at, index in enumerate(filled[:-2]):
        if not _TIME_ALONE.match(lines[index]):
            continue
        party, name = lines[filled[at + 1]].strip(), lines[filled[at + 2]].strip()
        label = _label_of(name, party)
        if label is None:
            continue
        rewrites[index] = rewrites[filled[at + 1]] = ""
        rewrites[filled[at + 2]] = f"[{label}]:"
        if at and _topic_line(lines[filled[at - 1]]):
            rewrites[filled[at - 1]] = ""
    if sum(1 for line in rewrites.values() if line) < MIN_LINES:
        return text
    return "\n".join(rewrites.get(i, line) for i, line in enumerate(lines))


def _label_of(name: str, party: str) -> str | None:
    """`Chris Bittle Liberal St. Catharines, ON` under `Liberal`: `Chris Bittle`; an office
    and a name around the party (`The Assistant Deputy Speaker NDP Carol Hughes`): the office,
    the name in parentheses."""
    words = party.split()
    if not 0 < len(words) <= MAX_AFFILIATION_WORDS or party.endswith(_SPEECH_END):
        return None
    before, found, after = name.partition(f" {party}")
    if not found or not before or (after and not after.startswith((" ", ","))):
        return None
    before, after = before.strip(), after.strip(" ,")
    office = before.startswith("The ") and all(w[:1].isupper() for w in before.split()[1:])
    if len(before.split()) > MAX_NAME_WORDS + 2 or not (office or looks_like_label(before)):
        return None
    named = office and after and len(after.split()) <= MAX_NAME_WORDS and "," not in after
    return f"{before} ({after})" if named else before


def _topic_line(line: str) -> bool:
    """The line of topics above a speech's head: a title, no sentence."""
    line = line.strip()
    return len(line) <= MAX_TOPIC_CHARS and not line.endswith(_SPEECH_END)
