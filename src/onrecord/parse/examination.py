"""Depositions and trial transcripts: who asks the questions, and who answers them.

`EXAMINATION BY MR. SMITH:` (or `BY MR. SMITH:`, `CROSS-EXAMINATION BY MS. JONES:`) says who
examines the witness until the next such line, and the questions below it are printed `Q.`
alone. The line is the record's narration (nobody says it), and each `Q` below it is the
examiner's: the turn keeps its label as printed, and its speaker is the examiner. The same
way, `JOHN DOE, having been first duly sworn, ...` says who answers: each `A` below it is
the witness's, until another witness is sworn.
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
QUESTION, ANSWER = "q", "a"
# The record swearing a witness in: `JOHN DOE, called as a witness, having been first duly
# sworn, testified as follows:`, the name perhaps on a line of its own above (`JOHN DOE,`).
SWORN_LINE = re.compile(
    r"(?:(?P<witness>[A-Z][A-Za-z.’' -]{0,60}?),\s+(?:called as a witness[^,:]{0,80},\s+)?"
    r"(?:having been|being|after having been|was)|having been)\s+(?:first\s+)?(?:duly\s+)?"
    r"sworn\b"
)
_NAME_ALONE = re.compile(r"(?P<witness>[A-Z][A-Z.’' -]*[A-Z]),?")


def examiners(turns: list[Turn], preamble: list[str]) -> dict[int, str]:
    """The label of who is behind each `Q` turn (the examiner, `MR. SMITH`) and each `A` turn
    (the witness, `JOHN DOE`), by turn index, where the record names them. A turn whose label
    is an examination's heading, with no words of its own, becomes the record's narration:
    no label, the heading as its text."""
    asked: dict[int, str] = {}
    examiner = witness = ""
    for turn in turns:
        heading = EXAMINER_LINE.fullmatch(turn.label) if not turn.paragraphs else None
        if heading:
            examiner = " ".join(heading.group("examiner").split())
            turn.label, turn.paragraphs = "", [f"{turn.label}:"]
        elif not turn.label and turn.paragraphs:
            witness = _sworn(turn.paragraphs[0], preamble) or witness
        elif examiner and turn.label.casefold() == QUESTION:
            asked[turn.index] = examiner
        elif witness and turn.label.casefold() == ANSWER:
            asked[turn.index] = witness
    return asked


def _sworn(paragraph: str, preamble: list[str]) -> str:
    """The witness a paragraph of the record swears in, '' where it swears no one. A name on
    its own line above (`JOHN DOE,`) is a heading, so it is the preamble's last paragraph."""
    sworn = SWORN_LINE.match(paragraph)
    if sworn is None:
        return ""
    if sworn.group("witness"):
        return " ".join(sworn.group("witness").split())
    above = _NAME_ALONE.fullmatch(preamble[-1].strip()) if preamble else None
    return " ".join(above.group("witness").split()) if above else ""
