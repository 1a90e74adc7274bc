"""The Ask mode of the search page and /api/v1/ask: one function for both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onrecord.archive import Archive, AskHit, AskResult, Filters
from onrecord.web.views_people import segments


@dataclass
class AskView:
    question: str
    filters: Filters
    result: AskResult | None

    @property
    def hits(self) -> list[tuple[AskHit, str, list[tuple[str, bool]], str]]:
        """Each hit with its text cut in three: before the best sentence, the sentence as
        (piece, highlighted) runs, and after it."""
        if self.result is None:
            return []
        out = []
        for hit in self.result.hits:
            start, end = hit.answer_span
            inside = [(a - start, b - start) for a, b in hit.highlights if a >= start and b <= end]
            sentence = segments(hit.text[start:end], inside)
            out.append((hit, hit.text[:start], sentence, hit.text[end:]))
        return out

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"question": self.question, "hits": []}
        if self.result is not None:
            data = self.result.to_dict()
        data["filters"] = {
            "speaker": self.filters.speaker,
            "from": self.filters.date_from,
            "to": self.filters.date_to,
        }
        return data


def ask(archive: Archive, question: str, filters: Filters, limit: int = 10) -> AskView:
    """Nothing asked gives an empty view (the HTML form), not an error."""
    if not question:
        return AskView(question, filters, None)
    return AskView(question, filters, archive.ask(question, filters, limit=limit))
