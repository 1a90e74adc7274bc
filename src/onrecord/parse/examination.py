"""Depositions and trial transcripts: who asks the questions.

`EXAMINATION BY MR. SMITH:` (or `BY MR. SMITH:`, `CROSS-EXAMINATION BY MS. JONES:`) says who
examines the witness until the next such line, and the questions below it are printed `Q.`
alone. The line is the record's narration (nobody says it), and each `Q` below it is the
examiner's: the turn keeps its label as printed, and its speaker is the examiner.
"""

from __future__ import annotations

import re

from onrecord.model import Turn

EXAMINER_LINE = re.compile(
    r"(?:(?:RE)?DIRECT|(?:RE)?CROSS|FURTHER|VOIR DIRE|CONTINUED)?[- ]?(?:EXAMINATION[ ]+)?"
    r"BY[ ]+(?P<examiner>(?:MR|MS|MRS|MISS|DR)\.?[ ]+[A-Z][A-Za-z’'-]+(?:[ ][A-Z][A-Za-z’'-]+)?)"
    r":?",
    re.IGNORECASE,
)
QUESTION = "q"


def examiners(turns: list[Turn]) -> dict[int, str]:
    """The examiner's label (`MR. SMITH`) of each `Q` turn, by turn index. A turn whose label
    is an examination's heading, with no words of its own, becomes the record's narration:
    no label, the heading as its text."""
    asked: dict[int, str] = {}
    examiner = ""
    for turn in turns:
        heading = EXAMINER_LINE.fullmatch(turn.label) if not turn.paragraphs else None
        if heading:
            examiner = " ".join(heading.group("examiner").split())
            turn.label, turn.paragraphs = "", [f"{turn.label}:"]
        elif examiner and turn.label.casefold() == QUESTION:
            asked[turn.index] = examiner
    return asked
