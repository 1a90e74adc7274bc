"""Properties: what goes in comes out, and both engines find every word where it stands."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.archive import Archive
from onrecord.model import Document, Speaker, Turn

# Each word as written -> the words an index finds in it, worked out by hand (split at
# anything not a letter or digit, lower-case, without diacritics), so that the expected
# hits do not come from the tokenizer under test.
FOUND_IN = {
    "Russia": ["russia"],
    "café": ["cafe"],
    "naïve": ["naive"],
    "gas": ["gas"],
    "O’Brien": ["o", "brien"],
    "U.S.": ["u", "s"],
    "50%": ["50"],
    "co-operation": ["co", "operation"],
    "Ёлка": ["елка"],
    "Zürich": ["zurich"],
    "ΣΊΣΥΦΟΣ": ["σισυφοσ"],
    "tax_free": ["tax", "free"],
    "2024": ["2024"],
}
WORDS = list(FOUND_IN)
# A found word -> the text a highlight of it covers.
SPELLED = {
    "russia": "Russia",
    "cafe": "café",
    "naive": "naïve",
    "gas": "gas",
    "o": "O",
    "brien": "Brien",
    "u": "U",
    "s": "S",
    "50": "50",
    "co": "co",
    "operation": "operation",
    "елка": "Ёлка",
    "zurich": "Zürich",
    "σισυφοσ": "ΣΊΣΥΦΟΣ",
    "tax": "tax",
    "free": "free",
    "2024": "2024",
}
paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
turns = st.lists(st.lists(paragraph, min_size=1, max_size=3), min_size=1, max_size=4)


def _document(doc_id: str, texts: list[list[str]]) -> Document:
    speakers = [
        Speaker(id="s0", name="Ann Example", roles=["Host"]),
        Speaker(id="s1", name="Question", generic=True),
    ]
    return Document(
        id=doc_id,
        source=f"test:{doc_id}",
        sha256="0" * 64,
        parser={"name": "test"},
        title=f"Title {doc_id} ✓",
        date="2020-02-02",
        place="Zürich",
        speakers=speakers,
        turns=[Turn(i, "Ann", f"s{i % 2}", paras) for i, paras in enumerate(texts)],
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=turns)
def test_stored_documents_round_trip_and_every_word_is_found_by_both_engines(
    texts: list[list[str]],
) -> None:
    document = _document("p1", texts)
    # Tantivy may still remove files of its index from a thread of its own as the archive
    # closes, so removing the folder can race it ("Directory not empty"): not a failure
    temporary = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
    with temporary as tmp, Archive.open(Path(tmp) / "p.db") as archive:
        archive.put_document(document)
        assert archive.get("p1").to_dict() == document.to_dict()
        where = [(t.index, p, text) for t in document.turns for p, text in enumerate(t.paragraphs)]
        fts = Archive(archive._conn, str(archive.path), engine="fts5")
        found = {(t, p): {w for x in text.split(" ") for w in FOUND_IN[x]} for t, p, text in where}
        for word in set().union(*found.values()):
            expected = {f"p1#t{t}-p{p}" for (t, p), words in found.items() if word in words}
            for engine in (archive, fts):
                result = engine.search(f'"{word}"', limit=100)  # exact: no other forms
                assert {h.permalink for h in result.hits} == expected, (word, result.engine)
                for hit in result.hits:
                    spans = {hit.snippet[a:b] for a, b in hit.highlights}
                    assert spans == {SPELLED[word]}, (word, hit.snippet)
