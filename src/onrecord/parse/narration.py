"""Narration of a chamber's proceedings, printed between the turns of its record.

`The bill clerk proceeded to call the roll.`, `The amendment (No. 12) was agreed to.`,
`There being no objection, the material was ordered to be printed in the Record, as
follows:`: the record telling, in the third person, what its clerks and officers did and what
the chamber decided. Nobody said these words; kept with the turn above, they would read as
the words of whoever spoke last. A paragraph is narration only where the whole of it has one
of these shapes (one sentence, of a record's fixed wording), so that speech that reports a
vote (`The amendment was agreed to last year, and ...`) stays speech.
"""

from __future__ import annotations

import re

from onrecord.parse.examination import EXAMINER_LINE, SWORN_LINE

MAX_CHARS = 400  # the longest in the Congressional Record's daily editions run to ~300

# What the record's officers do: the clerk reads and calls the roll, the chaplain prays, the
# chair lays a communication before the House.
_OFFICERS = (
    r"The (?:(?:assistant |senior )?(?:legislative |bill |journal |reading |enrolling )?"
    r"[Cc]lerk (?:read|proceeded|called|resumed|continued|reported|stated)"
    r"|(?:Guest )?Chaplain\b[^:]{0,160}? offered the following prayer"
    r"|(?:Senate|House) met at .{0,160}? was called to order by "
    r"|[A-Z][A-Za-z ]{2,40}? laid before the (?:House|Senate) "
    r"|(?:[Ss]ub)?[Cc]ommittee met,? (?:pursuant to|at) )"
    # who leads the Pledge: `Mr. SCHNEIDER led the Pledge of Allegiance as follows:`
    r"|(?:The|Mr\.|Mrs\.|Ms\.|Miss) [A-Z][A-Za-z .'-]{1,60}? led the Pledge of Allegiance"
)
# What the chamber decided, in the passive: `The bill (S. 1234), as amended, was passed.`
_OUTCOMES = (
    r"The (?:motion|amendments?|bill|(?:joint |concurrent )?resolution|nominations?|preamble"
    r"|question|yeas and nays|result|conference report|treaty|title amendment|committee "
    r"amendments?|cloture motion|message|vote|agenda|draft (?:resolution|decision))"
    r"(?: to (?:reconsider|table|proceed|recommit|commit|concur|instruct|adjourn|waive|suspend))?"
    r"(?: \([^()]{1,80}\))?(?:, as amended,)? (?:was|were) (?:not )?"
    r"(?:agreed to|ordered|confirmed|rejected|passed|withdrawn|adopted|announced|read|"
    r"considered|laid upon the table|tabled|engrossed|deemed|received|referred|placed|taken)\b"
)
# Leave given, and the chamber's comings and goings.
_PROCEEDINGS = (
    r"There being no objection, the [^.:]{1,200}? (?:was|were) "
    r"|Whereupon,? .{0,200}?\bthe (?:Senate|House|[Cc]ommittee|[Ss]ubcommittee)\b"
    r"|At \d{1,2}(?::\d\d)? [ap]\.m\., the (?:Senate|House|[Cc]ommittee) "
    # the UN's verbatim records and other chambers: `The meeting rose at 12.40 p.m.`
    r"|The (?:meeting|sitting|session) (?:was (?:called to order|opened|closed|suspended|resumed"
    r"|adjourned)|rose|(?:was )?(?:suspended|resumed|adjourned|closed) at)\b"
    r"|A (?:recorded )?vote was taken\b"
)
_NARRATION = re.compile(rf"(?:{_OFFICERS}|{_OUTCOMES}|{_PROCEEDINGS})[^\n]*[.:]")
# Words a record's narration never holds, and speech reporting the same events does (`The
# bill was passed in 1995, and it ...`, `The clerk read it to us.`).
_SPEECH_WORDS = re.compile(
    r"\b(?:I|we|us|our|my|me|you|your|he|she|it|they|them|this|these|that|which|who|because"
    r"|but|if|last|ago|years?|in (?:1[6-9]|20)\d\d)\b"
)
_OPENINGS = (
    "The ",
    "There being",
    "Whereupon",
    "At ",
    "A ",
    "Mr. ",
    "Mrs. ",
    "Ms. ",
    "Miss ",
    "having ",
)  # a cheap test first


def is_narration(paragraph: str) -> bool:
    """The whole paragraph tells what the chamber or its officers did (no one's speech)."""
    text = paragraph.strip()
    if len(text) > MAX_CHARS:
        return False
    if EXAMINER_LINE.fullmatch(text):
        return True  # `EXAMINATION BY MR. SMITH:`
    if text.endswith((":", ".")) and SWORN_LINE.match(text):
        return True  # `JOHN DOE, having been first duly sworn, testified as follows:`
    if not text.startswith(_OPENINGS):
        return False
    if _NARRATION.fullmatch(text) is None or _SPEECH_WORDS.search(text):
        return False
    return _one_sentence(text)


# Stops that end no sentence: in parentheses, after an initial or an abbreviation (`H.R.`,
# `S. Res.`, `No.`, `Mr.`, `p.m.`).
_NOT_A_STOP = re.compile(r"\([^()]*\)|\b(?:[A-Z][a-z]{0,3}|[a-z])\.")
_NEXT_SENTENCE = re.compile(r"[.!?] [A-Z]")


def _one_sentence(text: str) -> bool:
    """No second sentence after the first (`... was agreed to. I thank my colleagues.`)."""
    return _NEXT_SENTENCE.search(_NOT_A_STOP.sub("", text[:-1])) is None
