"""A quality report's records: findings with their position, and the document's figures."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One problem: `rule` (versioned id), what is wrong, the `text` at fault and the
    `suggestion` (None when there is no fix to propose), where it is: the paragraph's
    `permalink` (the document's id for the whole document) and, in that paragraph's text,
    `start`/`end` character offsets."""

    rule: str
    message: str
    text: str
    suggestion: str | None
    permalink: str
    turn: int | None = None
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class LintReport:
    """Findings, and the figures that the badges show: the share of turns whose speaker is
    unknown (generic voices), parse warnings, metadata missing; `quality` low or ok."""

    doc_id: str
    title: str
    findings: list[Finding] = field(default_factory=list)
    turns: int = 0
    unknown_speaker_share: float = 0.0
    warnings: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def by_rule(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def quality(self) -> str:
        """`low` when the record cannot be trusted as it is: no title or date, a quarter
        of the turns or more without a known speaker, or parse warnings."""
        if {"title", "date"} & set(self.missing) or self.warnings:
            return "low"
        return "low" if self.unknown_speaker_share >= 0.25 else "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "quality": self.quality,
            "turns": self.turns,
            "unknown_speaker_share": round(self.unknown_speaker_share, 3),
            "warnings": self.warnings,
            "missing": self.missing,
            "by_rule": self.by_rule,
            "findings": [f.to_dict() for f in self.findings],
        }
