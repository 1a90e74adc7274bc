"""What changed between two revisions of a document: metadata fields and the text.

The text is compared twice: as a unified diff of lines (for programs and patch tools),
and turn by turn, word by word, with the speaker of each changed turn (for people: a
one-word change such as 20,000 -> 25,000 is marked as that word, not as a paragraph).
"""

from __future__ import annotations

import difflib
import re

from onrecord.model import Document, Turn
from onrecord.store.records import DocumentDiff, FieldChange, TurnChange

COMPARED_FIELDS = ("title", "date", "time", "place", "lead", "url", "language", "source", "sha256")
CONTEXT_LINES = 1
CONTEXT_WORDS = 8  # unchanged words kept either side of a change in a word diff
_TOKENS = re.compile(r"\s+|[^\s]+")
PARAGRAPH_BREAK = "\n\n"


def transcript_lines(doc: Document) -> list[str]:
    """The text as lines to diff: the preamble, then each turn's label and paragraphs."""
    lines = [*doc.preamble]
    for turn in doc.turns:
        lines.append(f"[t{turn.index}] {turn.label}:")
        lines.extend(f"  {p}" for p in turn.paragraphs)
    return lines


def diff_documents(doc_id: str, a: int, b: int, old: Document, new: Document) -> DocumentDiff:
    changes = [
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in COMPARED_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    if old.parser != new.parser:
        changes.append(FieldChange("parser", old.parser, new.parser))
    text = difflib.unified_diff(
        transcript_lines(old),
        transcript_lines(new),
        fromfile=f"{doc_id}@{a}",
        tofile=f"{doc_id}@{b}",
        n=CONTEXT_LINES,
        lineterm="",
    )
    return DocumentDiff(
        doc_id=doc_id, a=a, b=b, changes=changes, text_diff=list(text), turns=turn_changes(old, new)
    )


def turn_changes(old: Document, new: Document) -> list[TurnChange]:
    """The turns that differ, paired in order: an edited turn is one change with its words
    marked; a turn only in one revision is added or removed whole."""
    before, after = old.turns, new.turns
    keys_a = [_key(old, t) for t in before]
    keys_b = [_key(new, t) for t in after]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out: list[TurnChange] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs):
            t_old, t_new = before[i1 + k], after[j1 + k]
            out.append(
                TurnChange(
                    "changed",
                    _speaker(new, t_new),
                    t_old.index,
                    t_new.index,
                    word_diff(_text(t_old), _text(t_new)),
                )
            )
        for t in before[i1 + pairs : i2]:
            out.append(TurnChange("removed", _speaker(old, t), t.index, None, [("-", _text(t))]))
        for t in after[j1 + pairs : j2]:
            out.append(TurnChange("added", _speaker(new, t), None, t.index, [("+", _text(t))]))
    return out


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> list[tuple[str, str]]:
    """Segments ("=" | "-" | "+", text) that turn `old` into `new`, word by word; long runs
    of unchanged words keep `context` words either side of a change and an ellipsis."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, [_norm(t) for t in a], [_norm(t) for t in b], False)
    segments: list[tuple[str, str]] = []
    opcodes = matcher.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            segments.append(("=", _shorten(b[j1:j2], context, n > 0, n < len(opcodes) - 1)))
            continue
        if i2 > i1:
            segments.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("+", "".join(b[j1:j2])))
    return segments


def _shorten(tokens: list[str], context: int, after_change: bool, before_change: bool) -> str:
    words = [i for i, t in enumerate(tokens) if not t.isspace()]
    keep_head = context if after_change else 0
    keep_tail = context if before_change else 0
    if not (after_change or before_change) or len(words) <= keep_head + keep_tail + 2:
        return "".join(tokens)
    head = "".join(tokens[: words[keep_head]]).rstrip() + " …" if keep_head else "…"
    tail = " " + "".join(tokens[words[-keep_tail] :]) if keep_tail else ""
    return head + tail


def _norm(token: str) -> str:
    """Whitespace compares as one space (a non-breaking space is not a change) unless it
    breaks a paragraph."""
    if token.isspace():
        return PARAGRAPH_BREAK if "\n\n" in token else " "
    return token


def _text(turn: Turn) -> str:
    return PARAGRAPH_BREAK.join(turn.paragraphs)


def _key(document: Document, turn: Turn) -> str:
    return _speaker(document, turn) + "\x00" + " ".join(_text(turn).split())


def _speaker(document: Document, turn: Turn) -> str:
    person = document.speaker(turn.speaker)
    return person.name if person else turn.label or "Unknown speaker"
