"""Ask's hybrid mode (issue 14): sentence vectors kept with the archive, keyword answers
reranked by them, and keywords alone (said, with the reason) when the extra or the vectors
are missing. The tests that embed need the `dense` extra and skip without it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from onrecord import dense, hybrid
from onrecord.archive import Archive
from onrecord.model import Document, Speaker, Turn
from onrecord.store import vectors

needs_extra = pytest.mark.skipif(
    not dense.available(),
    reason="the dense extra is not installed (pip install 'onrecord[dense]')",
)


@pytest.fixture(autouse=True)
def vectors_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite switches vectors off (tests/conftest.py); these tests are about them."""
    monkeypatch.delenv(dense.ENV_SWITCH, raising=False)


def _document(doc_id: str, paragraphs: list[str], title: str = "Talks") -> Document:
    putin = Speaker(id="s0", name="Vladimir Putin", roles=["President of Russia"], labels=["x"])
    return Document(
        id=doc_id,
        source=f"test:{doc_id}",
        sha256="",
        parser={"name": "test"},
        title=title,
        date="2017-05-01",
        speakers=[putin],
        turns=[Turn(0, "Vladimir Putin", "s0", paragraphs)],
    )


def _vector_rowids(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT rowid FROM paragraph_vectors ORDER BY rowid")]


def _paragraph_rowids(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT rowid FROM paragraphs ORDER BY rowid")]


def test_without_the_extra_ask_answers_by_keywords_and_says_how_to_get_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dense, "available", lambda: False)
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_document(_document("1", ["We discussed the gas pipeline."]))
        result = archive.ask("What about the gas pipeline?")
        tables = archive._conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'paragraph_vectors'"
        ).fetchone()
    assert [h.doc_id for h in result.hits] == ["1"]
    assert result.mode == "keyword" and result.notice == hybrid.NO_EXTRA
    assert "onrecord[dense]" in result.notice
    assert tables == (0,)  # nothing embedded, no table made


class _Fake:
    """An encoder that knows a few texts; their vectors are padded with zeros to `dim`."""

    dim = 8
    lam = 2.0
    label = "a fake"

    def __init__(self, table: dict[str, list[float]], model_id: str = "fake.v1") -> None:
        self.table = table
        self.model_id = model_id
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> object:
        import numpy as np

        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, :2] = self.table[text]
        return out


def test_the_rerank_adds_lambda_times_the_cosine_to_one_over_the_root_of_the_rank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("numpy")
    first = "gas gas gas pipeline, gas."  # the keyword ranking's first
    second = "The pipeline."
    context = {
        dense.paragraph_text("Vladimir Putin", "Talks", first): [1.0, 0.0],
        dense.paragraph_text("Vladimir Putin", "Talks", second): [0.6, 0.8],
    }
    fake = _Fake({**context, "gas pipeline?": [0.0, 1.0]})
    monkeypatch.setattr(dense, "available", lambda: True)
    monkeypatch.setattr(dense, "encoder", lambda: fake)
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_documents([_document("1", [first]), _document("2", [second])])
        result = archive.ask("gas pipeline?")
    # keyword: 1 then 2. Rerank (lambda 2): 1 -> 1/1 + 2 x 0 = 1; 2 -> 1/sqrt(2) + 2 x 0.8 = 2.3071
    assert [h.doc_id for h in result.hits] == ["2", "1"]
    assert [h.score for h in result.hits] == [2.3071, 1.0]
    assert result.mode == "hybrid" and result.notice == hybrid.HYBRID.format("a fake")


@needs_extra
def test_vectors_follow_the_revisions_and_reindex_rebuilds_them(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        conn = archive._conn
        archive.put_documents(
            [
                _document("1", ["We discussed gas supplies to Europe.", "And the pipeline."]),
                _document("2", ["The harvest was good this year."], title="Farming"),
            ]
        )
        assert _vector_rowids(conn) == _paragraph_rowids(conn) == [1, 2, 3]
        archive.put_document(_document("1", ["Gas supplies to Europe will grow."]))
        # document 1's two paragraphs gave way to one new one; document 2's stays
        assert _vector_rowids(conn) == _paragraph_rowids(conn) == [3, 4]
        result = archive.ask("What did Putin say about natural gas deliveries?")
        assert result.mode == "hybrid" and [h.doc_id for h in result.hits] == ["1"]
        conn.execute("DROP TABLE paragraph_vectors")
        archive.rebuild_index()
        assert _vector_rowids(conn) == [3, 4]


@needs_extra
def test_missing_or_damaged_vectors_fall_back_to_keywords_naming_reindex(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        conn = archive._conn
        archive.put_document(_document("1", ["We discussed gas supplies to Europe."]))
        conn.execute("UPDATE paragraph_vectors SET vec = x'00'")
        damaged = archive.ask("gas supplies?")
        conn.execute("DROP TABLE paragraph_vectors")
        missing = archive.ask("gas supplies?")
        archive.rebuild_index()
        again = archive.ask("gas supplies?")
    for result in (damaged, missing):
        assert [h.doc_id for h in result.hits] == ["1"]
        assert result.mode == "keyword" and "`onrecord reindex`" in result.notice
    assert again.mode == "hybrid"


def test_a_vector_of_the_wrong_size_is_reported_missing(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "v.db")
    conn.execute("CREATE TABLE paragraphs (doc_id TEXT, turn INTEGER, text TEXT)")
    conn.execute("INSERT INTO paragraphs VALUES ('1', 0, 'x')")
    with pytest.raises(vectors.VectorsMissing):
        vectors.turn_vectors(conn, [("1", 0)], 384)  # no table
    conn.execute("CREATE TABLE paragraph_vectors (rowid INTEGER PRIMARY KEY, digest, vec)")
    conn.execute("INSERT INTO paragraph_vectors VALUES (1, x'00', x'0000803f')")  # 1 float
    assert vectors.turn_vectors(conn, [("1", 0)], 1)[("1", 0)].tolist() == [[1.0]]
    with pytest.raises(vectors.VectorsMissing):
        vectors.turn_vectors(conn, [("1", 0)], 384)


def test_switched_off_vectors_are_neither_made_nor_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dense, "available", lambda: True)
    monkeypatch.setenv(dense.ENV_SWITCH, "off")
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_document(_document("1", ["We discussed the gas pipeline."]))
        result = archive.ask("What about the gas pipeline?")
        tables = archive._conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'paragraph_vectors'"
        ).fetchone()
    assert [h.doc_id for h in result.hits] == ["1"]
    assert (result.mode, result.notice) == ("keyword", hybrid.SWITCHED_OFF)
    assert tables == (0,)


def test_another_encoders_digest_re_embeds_every_paragraph(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    text = dense.paragraph_text("Vladimir Putin", "Talks", "We discussed gas supplies.")
    first, second = _Fake({text: [1.0, 0.0]}, "fake.v1"), _Fake({text: [0.0, 1.0]}, "fake.v2")
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_document(_document("1", ["We discussed gas supplies."]))
        conn = archive._conn
        assert vectors.sync(conn, first) == 1
        assert vectors.sync(conn, first) == 0  # nothing new: nothing embedded
        assert vectors.sync(conn, second) == 1  # another model id: embedded again
        stored = vectors.turn_vectors(conn, [("1", 0)], second.dim)[("1", 0)]
    assert first.seen == second.seen == [text]
    assert stored[0, :2].tolist() == [0.0, 1.0]  # the second encoder's vector


def test_the_digest_names_the_encoder() -> None:
    assert vectors.digest("a", "text") != vectors.digest("b", "text")
    assert vectors.digest("a", "text") == vectors.digest("a", "text")


def test_an_unknown_encoder_answers_by_keywords_and_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dense, "available", lambda: True)
    monkeypatch.setenv(dense.ENV_ENCODER, "word2vec")
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_document(_document("1", ["We discussed the gas pipeline."]))  # not embedded
        result = archive.ask("What about the gas pipeline?")
    assert [h.doc_id for h in result.hits] == ["1"]
    assert result.mode == "keyword"
    assert result.notice.startswith("Answers found by keywords alone: ONRECORD_ENCODER='word2vec'")
    assert "(known: minilm, static)" in result.notice


def test_the_encoder_is_static_unless_the_variable_names_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(dense.ENV_ENCODER, raising=False)
    assert dense.chosen() == "static"
    monkeypatch.setenv(dense.ENV_ENCODER, " MiniLM ")
    assert dense.chosen() == "minilm"


@needs_extra
def test_the_default_encoder_is_the_static_model_and_ask_says_so(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_document(_document("1", ["We discussed gas supplies to Europe."]))
        result = archive.ask("What did Putin say about natural gas deliveries?")
        widths = {len(r[0]) for r in archive._conn.execute("SELECT vec FROM paragraph_vectors")}
    assert result.mode == "hybrid"
    assert result.notice == hybrid.HYBRID.format("a static model distilled from all-MiniLM-L6-v2")
    assert widths == {256 * 4}  # float32, 256 wide


@needs_extra
def test_switching_to_minilm_falls_back_to_keywords_until_reindex(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_document(_document("1", ["We discussed gas supplies to Europe."]))
        monkeypatch.setenv(dense.ENV_ENCODER, "minilm")
        stale = archive.ask("gas supplies?")  # the static model's vectors: 256 wide, not 384
        archive.rebuild_index()
        again = archive.ask("gas supplies?")
        widths = {len(r[0]) for r in archive._conn.execute("SELECT vec FROM paragraph_vectors")}
    assert stale.mode == "keyword" and "`onrecord reindex`" in stale.notice
    assert again.mode == "hybrid" and "all-MiniLM-L6-v2)" in again.notice
    assert widths == {384 * 4}


class _Counting:
    """An encoder for any text (its length, padded), counting the texts it embeds."""

    dim = 8
    lam = 2.0
    label = "a counting fake"
    model_id = "counting.v1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> object:
        import numpy as np

        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        out[:, 0] = [len(text) for text in texts]
        return out


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> _Counting:
    pytest.importorskip("numpy")
    fake = _Counting()
    monkeypatch.setattr(dense, "available", lambda: True)
    monkeypatch.setattr(dense, "encoder", lambda: fake)
    return fake


def test_a_write_looks_only_at_the_documents_it_wrote(
    tmp_path: Path, counting: _Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked: list[list[str] | None] = []
    real = vectors._sync_documents

    def spy(conn: sqlite3.Connection, encoder: object, doc_ids: list[str] | None) -> int:
        looked.append(doc_ids)
        return real(conn, encoder, doc_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(vectors, "_sync_documents", spy)
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_documents([_document("1", ["One."]), _document("2", ["Two.", "Three."])])
        archive.put_document(_document("3", ["Four."]))
        archive.put_document(_document("1", ["One, again."]))
        assert _vector_rowids(archive._conn) == _paragraph_rowids(archive._conn) == [2, 3, 4, 5]
    # the first sync looks at the whole archive, then each write at what it wrote
    assert looked == [None, ["3"], ["1"]]
    assert [t.rsplit(": ", 1)[1] for t in counting.seen] == [
        "One.",
        "Two.",
        "Three.",
        "Four.",
        "One, again.",
    ]


def test_a_speaker_merge_embeds_again_the_paragraphs_whose_speaker_changed(
    tmp_path: Path, counting: _Counting
) -> None:
    other = _document("2", ["Words of another."])
    other.speakers[0].name = "V. Putin"
    other.turns[0].label = "V. Putin"
    with Archive.open(tmp_path / "a.db") as archive:
        archive.put_documents([_document("1", ["Words."]), other])
        ids = sorted(p.id for p in archive.speakers())
        assert ids == ["v-putin", "vladimir-putin"]
        counting.seen.clear()
        archive.merge_speakers("vladimir-putin", "v-putin")
    # document 2's paragraph is now embedded under its person's name; document 1's stays
    assert counting.seen == [dense.paragraph_text("Vladimir Putin", "Talks", "Words of another.")]


def test_vectors_of_an_older_layout_are_made_again(tmp_path: Path, counting: _Counting) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        conn = archive._conn
        archive.put_document(_document("1", ["One."]))
        conn.execute("DROP TABLE paragraph_vectors")
        conn.execute("CREATE TABLE paragraph_vectors (rowid INTEGER PRIMARY KEY, digest, vec)")
        counting.seen.clear()
        archive.put_document(_document("2", ["Two."]))
        assert _vector_rowids(conn) == [1, 2]
    assert len(counting.seen) == 2
