"""What a search returns: hits with snippets and permalinks, a total, optional facets."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SearchHit:
    """One matching paragraph of the current revision of a document.

    `snippet` is plain text; `highlights` are (start, end) character offsets into it of
    the words that matched. `permalink` is `ID#tTURN-pPARAGRAPH` (0-based indexes), or
    `ID#pPARAGRAPH` with `turn` -1 for the text before the first turn (no speaker).
    """

    doc_id: str
    turn: int
    paragraph: int
    speaker_id: str
    speaker: str
    role: str
    date: str
    title: str
    place: str
    snippet: str
    highlights: list[tuple[int, int]]
    permalink: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["highlights"] = [list(h) for h in self.highlights]
        return data


@dataclass(frozen=True)
class Facet:
    value: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits (best first), the number of all matching paragraphs, and facets if asked.

    `facets` maps `year`, `speaker` and `place` to counts over all matches (not only
    this page); it is empty unless the search asked for facets (or nothing matched).
    `sort`: "relevance", "newest" or "oldest". When the query matched nothing,
    `did_you_mean` is the query with its unknown words spelled as the archive spells
    them ("" if none), and `relaxed` is true when the hits are those of any of the
    query's words instead of all of them.
    """

    query: str
    hits: list[SearchHit]
    total: int
    limit: int
    offset: int
    engine: str  # "tantivy" or "fts5"
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    sort: str = "relevance"
    did_you_mean: str = ""
    relaxed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "engine": self.engine,
            "sort": self.sort,
            "did_you_mean": self.did_you_mean,
            "relaxed": self.relaxed,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [f.to_dict() for f in v] for k, v in self.facets.items()},
        }
