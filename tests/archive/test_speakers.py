"""The speaker registry: one person across documents, dated roles, anonymous generic voices,
and archivist corrections that survive re-ingest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers.archives import transcript
from onrecord.archive import Archive
from onrecord.errors import NotFoundError, StoreError
from onrecord.identity import is_generic, name_key
from onrecord.model import Document, Speaker, Turn


def doc(
    doc_id: str, date: str, *speakers: tuple[str, str], text: str = "Good afternoon."
) -> Document:
    people = [(name, [role] if role else []) for name, role in speakers]
    return transcript(doc_id, date, people, text)


@pytest.fixture
def small() -> Iterator[Archive]:
    with Archive.open(":memory:") as archive:
        archive.put_documents(
            [
                doc("a", "2009-05-01", ("Vladimir Putin", "Prime Minister"), ("Dmitry Peskov", "")),
                doc(
                    "b",
                    "2013-01-30",
                    ("Vladimir Putin", "President of Russia"),
                    ("Dmitriy Peskov", "Press Secretary"),
                ),
                doc("c", "2017-04-12", ("VLADIMIR  PUTIN.", "President of Russia")),
            ]
        )
        yield archive


def test_one_person_across_documents_with_dated_roles(small: Archive) -> None:
    [putin] = small.speakers("putin")
    assert (putin.id, putin.documents, putin.turns) == ("vladimir-putin", 3, 3)
    roles = {r.role: (r.first, r.last, r.documents) for r in putin.roles}
    assert roles == {
        "Prime Minister": ("2009-05-01", "2009-05-01", 1),
        "President of Russia": ("2013-01-30", "2017-04-12", 2),
    }


def test_spelling_variants_stay_apart_without_strong_evidence(small: Archive) -> None:
    assert {p.id for p in small.speakers("peskov")} == {"dmitry-peskov", "dmitriy-peskov"}


def test_words_per_year_and_appearances(small: Archive) -> None:
    detail = small.speaker("vladimir-putin")
    assert detail.words_per_year == {"2009": 3, "2013": 3, "2017": 3}
    assert [d.id for d in detail.appearances] == ["a", "b", "c"]


def test_a_speakers_documents_come_a_page_at_a_time_with_totals_of_all(small: Archive) -> None:
    detail = small.speaker("vladimir-putin", limit=2, offset=1)
    assert [d.id for d in detail.appearances] == ["b", "c"]  # oldest first, the first skipped
    assert detail.appearances_total == 3
    assert detail.documents_per_year == {"2009": 1, "2013": 1, "2017": 1}
    assert detail.words_per_year == {"2009": 3, "2013": 3, "2017": 3}  # all, not the page's


def test_generic_labels_are_nobody_across_the_corpus(gold_documents: list[Document]) -> None:
    with Archive.open(":memory:") as archive:
        archive.put_documents(gold_documents)
        names = {p.name for p in archive.speakers()}
        shares = archive.stats("17723").by_speaker
    assert "Question" not in names
    question = next(s for s in shares if s.name == "Question")
    assert question.person_id == "" and question.turns == 5


@pytest.mark.parametrize("label", ["Question", "Remark", "Reply", "Voice", "Question 2", "REMARK:"])
def test_generic_label_shapes(label: str) -> None:
    assert is_generic(label)


def test_names_fold_case_spaces_punctuation_and_diacritics() -> None:
    assert name_key("VLADIMIR  Putin.") == name_key("Vladimir Putin") == "vladimir putin"
    assert name_key("Sergei Lavrov") != name_key("Sergey Lavrov")
    assert name_key("Émile Zola") == "emile zola"


def test_merge_survives_reingest_and_reaches_new_documents(small: Archive) -> None:
    merged = small.merge_speakers("dmitry-peskov", "dmitriy-peskov")
    assert (merged.id, merged.documents) == ("dmitry-peskov", 2)
    assert small.speaker("dmitriy-peskov").person.id == "dmitry-peskov"
    changed = doc("b", "2013-01-30", ("Dmitriy Peskov", "Press Secretary"), text="Changed.")
    assert small.put_document(changed) == "updated"
    small.put_document(doc("d", "2020-01-01", ("Dmitriy Peskov", "")))
    [peskov] = small.speakers("peskov")
    assert (peskov.id, peskov.documents) == ("dmitry-peskov", 3)
    assert small.search("changed", limit=1).hits[0].speaker_id == "dmitry-peskov"


def test_split_by_spelling_undoes_a_merge(small: Archive) -> None:
    small.merge_speakers("dmitry-peskov", "dmitriy-peskov")
    new = small.split_speaker("dmitry-peskov", name="Dmitriy Peskov")
    assert new.name == "Dmitriy Peskov" and new.documents == 1
    small.put_document(doc("d", "2020-01-01", ("Dmitriy Peskov", "")))
    assert small.speaker(new.id).person.documents == 2


def test_split_by_document_survives_reingest(small: Archive) -> None:
    other = small.split_speaker("vladimir-putin", doc_ids=["a"], new_name="Another Putin")
    assert (other.id, other.documents) == ("another-putin", 1)
    small.put_document(doc("a", "2009-05-01", ("Vladimir Putin", "Prime Minister"), text="Again."))
    assert small.speaker("another-putin").person.documents == 1
    assert small.speaker("vladimir-putin").person.documents == 2


def test_corrections_refuse_nonsense(small: Archive) -> None:
    with pytest.raises(StoreError):
        small.merge_speakers("vladimir-putin", "vladimir-putin")
    with pytest.raises(NotFoundError):
        small.merge_speakers("vladimir-putin", "nobody")
    with pytest.raises(StoreError):
        small.split_speaker("vladimir-putin", name="Vladimir Putin")  # its only spelling
    with pytest.raises(StoreError):
        small.split_speaker("vladimir-putin")


def test_romanised_variant_with_a_shared_role_is_linked(small: Archive) -> None:
    small.put_document(doc("d", "2014-02-02", ("Dmitrii Peskov", "Press Secretary")))
    peskovs = {p.id: p for p in small.speakers("peskov")}
    assert set(peskovs) == {"dmitry-peskov", "dmitriy-peskov"}  # 'a' names no role
    assert peskovs["dmitriy-peskov"].documents == 2  # 'b' as Dmitriy, 'd' as Dmitrii
    assert peskovs["dmitriy-peskov"].names == ["Dmitrii Peskov", "Dmitriy Peskov"]


def test_strong_evidence_rules() -> None:
    from onrecord.identity import same_person

    assert same_person("Sergei Lavrov", ["Foreign Minister"], "Sergey Lavrov", ["Foreign Minister"])
    assert not same_person("Sergei Lavrov", ["Foreign Minister"], "Sergey Lavrov", ["Ambassador"])
    assert not same_person("Sergei Ivanov", ["Minister"], "Sergei Ivanova", ["Minister"])
    assert not same_person("Dmitry Peskov", [], "Dmitriy Peskov", [])


def test_role_spellings_that_differ_in_case_are_one_role(small: Archive) -> None:
    small.put_document(doc("d", "2018-01-01", ("Vladimir Putin", "PRESIDENT OF RUSSIA")))
    roles = {r.role: r.documents for r in small.speakers("putin")[0].roles}
    assert roles == {"Prime Minister": 1, "President of Russia": 3}


def _totals_as_computed(archive: Archive) -> dict[str, tuple[int, int, int]]:
    """Documents, turns and words per person aggregated from the appearances, as the
    listing did on request before person_totals."""
    rows = archive._conn.execute(
        "SELECT person_id, count(DISTINCT doc_id), sum(turns), sum(words) FROM appearances"
        " WHERE person_id IS NOT NULL GROUP BY person_id"
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _roles_as_computed(archive: Archive) -> set[tuple[str, str, str, str, int]]:
    """(person, role, first, last, documents) from the appearances, as the listing did on
    request before person_role_dates."""
    rows = archive._conn.execute(
        "SELECT a.person_id, r.value, min(d.date), max(d.date), count(DISTINCT a.doc_id)"
        " FROM appearances a JOIN documents d ON d.id = a.doc_id, json_each(a.roles) r"
        " WHERE a.person_id IS NOT NULL GROUP BY a.person_id, r.value"
    )
    return {tuple(r) for r in rows}


def _roles_kept(archive: Archive) -> set[tuple[str, str, str, str, int]]:
    rows = archive._conn.execute(
        "SELECT person_id, role, min(date), max(date), sum(documents) FROM person_role_dates"
        " GROUP BY person_id, role"
    )
    return {tuple(r) for r in rows}


def _totals_kept(archive: Archive) -> dict[str, tuple[int, int, int]]:
    rows = archive._conn.execute(
        "SELECT person_id, documents, turns, words FROM person_totals WHERE documents > 0"
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _stats_as_computed(archive: Archive) -> tuple[int, int, list[tuple[str, str, int, int, int]]]:
    """Spoken paragraphs, words, and the shares per speaker, counted from the rows as
    stats() did on request before the summaries."""
    conn = archive._conn
    paragraphs = conn.execute("SELECT count(*) FROM paragraphs WHERE turn >= 0").fetchone()[0]
    words = conn.execute("SELECT coalesce(sum(words), 0) FROM documents").fetchone()[0]
    shares = conn.execute(
        "SELECT coalesce(a.person_id, ''), coalesce(p.name, a.name), sum(a.turns), sum(a.words),"
        " count(DISTINCT a.doc_id) FROM appearances a LEFT JOIN persons p ON p.id = a.person_id"
        " GROUP BY coalesce(a.person_id, 'generic:' || a.name_key) ORDER BY 4 DESC, 2"
    ).fetchall()
    return paragraphs, words, [tuple(r) for r in shares]


def _stats_kept(archive: Archive) -> tuple[int, int, list[tuple[str, str, int, int, int]]]:
    stats = archive.stats()
    shares = [(s.person_id, s.name, s.turns, s.words, s.documents) for s in stats.by_speaker]
    return stats.paragraphs, stats.words, shares


def test_speaker_totals_kept_on_write_equal_the_appearances_after_every_correction(
    small: Archive,
) -> None:
    twice = doc("e", "2021-01-01", ("Vladimir Putin", "President"), ("Dmitry Peskov", ""))
    twice.speakers.append(
        Speaker(id="s2", name="Putin Vladimir", roles=["President"], labels=["Putin Vladimir"])
    )
    twice.turns.append(Turn(2, "Putin Vladimir", "s2", ["Two labels, one person (e)."]))
    steps = [
        lambda: small.put_document(twice),
        lambda: small.merge_speakers("dmitry-peskov", "dmitriy-peskov"),
        lambda: small.merge_speakers("vladimir-putin", "putin-vladimir"),  # two rows of e
        lambda: small.put_document(
            doc("b", "2013-01-30", ("Dmitriy Peskov", "Press Secretary"), text="Changed.")
        ),
        lambda: small.split_speaker("dmitry-peskov", name="Dmitriy Peskov"),
        lambda: small.split_speaker("vladimir-putin", doc_ids=["e", "a"], new_name="Other"),
        lambda: small.put_document(doc("a", "2009-05-01", ("Vladimir Putin", ""), text="A.")),
    ]
    small.put_document(doc("g", "2022-01-01", ("Moderator", ""), ("Vladimir Putin", "")))
    assert _totals_kept(small) == _totals_as_computed(small)
    for step in steps:
        step()
        assert _totals_kept(small) == _totals_as_computed(small)
        assert _stats_kept(small) == _stats_as_computed(small)
        assert _roles_kept(small) == _roles_as_computed(small)
    listed = {p.id: (p.documents, p.turns, p.words) for p in small.speakers()}
    assert listed == _totals_as_computed(small)


def _back_to_before(path: Path, migration: str) -> None:
    """Undo the summary migrations from `migration` on: the archive as an older onrecord
    left it (its rows written without the summaries)."""
    import sqlite3

    from helpers.archives import undo_revisions_by_text
    from onrecord.store import schema

    names = [name for name, _ in schema.MIGRATIONS]
    version = names.index(migration)  # the version before it
    conn = sqlite3.connect(path, isolation_level=None)
    if "revisions_by_text" in names[version:]:
        undo_revisions_by_text(conn)
    if "appearances_surname" in names[version:]:
        conn.execute("DROP INDEX appearances_surname")
    if "zstd_dictionaries" in names[version:]:
        conn.execute("DROP TABLE zstd_dictionaries")
    if "documents_paragraphs" in names[version:]:
        conn.execute("ALTER TABLE documents DROP COLUMN paragraphs")
    if "person_role_dates" in names[version:]:
        for trigger in ("appearances_roles_ai", "appearances_roles_ad", "appearances_roles_au"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE person_role_dates")
    if "person_totals" in names[version:]:
        for trigger in ("appearances_totals_ai", "appearances_totals_ad", "appearances_totals_au"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE person_totals")
    conn.execute("DELETE FROM schema_migrations WHERE version > ?", (version,))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def test_an_archive_from_before_the_totals_gets_them_from_its_appearances(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    with Archive.open(path) as archive:
        archive.put_documents(
            [
                doc("a", "2009-05-01", ("Vladimir Putin", "Prime Minister")),
                doc("b", "2010-01-01", ("Putin", "")),
                doc("c", "2012-05-07", ("Vladimir Putin", "President"), ("V. Putin", "President")),
            ]
        )
        expected = _totals_as_computed(archive)
        stats = archive.stats()
        roles = _roles_as_computed(archive)
    _back_to_before(path, "person_totals")
    with Archive.open(path) as archive:
        assert _totals_kept(archive) == expected
        assert archive.stats() == stats
        assert _roles_kept(archive) == roles
        assert {p.id: (p.documents, p.turns, p.words) for p in archive.speakers()} == expected


def _steps_to_add_an_appearance(conn: Any, person: str, number: int) -> int:
    """SQLite virtual-machine steps for one more appearance of `person` (the triggers that
    keep the summaries run inside it)."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn.execute(
        "INSERT INTO documents (id, revision, title, date, time, place, url, source, language,"
        " turns, words, paragraphs) VALUES (?, 1, '', '2020-01-01', '', '', '', '', 'en', 1, 1, 1)",
        (f"d{number}",),
    )
    conn.set_progress_handler(count, 1)
    conn.execute(
        "INSERT INTO appearances (doc_id, local_id, person_id, name, name_key, roles, generic,"
        " turns, words) VALUES (?, 's1', ?, 'Vladimir Putin', 'vladimir putin',"
        " '[\"President\"]', 0, 1, 10)",
        (f"d{number}", person),
    )
    conn.set_progress_handler(None, 1)
    return steps


def test_keeping_the_summaries_does_not_read_every_appearance_of_a_frequent_speaker(
    tmp_path: Path,
) -> None:
    import sqlite3

    path = tmp_path / "many.db"
    with Archive.open(path):
        pass
    conn = sqlite3.connect(path, isolation_level=None)  # rows straight in, as a big archive has
    conn.execute("INSERT INTO persons (id, name) VALUES ('vladimir-putin', 'Vladimir Putin')")
    conn.execute("BEGIN")
    early = _steps_to_add_an_appearance(conn, "vladimir-putin", 0)
    for number in range(1, 3000):
        _steps_to_add_an_appearance(conn, "vladimir-putin", number)
    late = _steps_to_add_an_appearance(conn, "vladimir-putin", 3000)
    conn.execute("COMMIT")
    totals = conn.execute("SELECT documents, turns, words FROM person_totals").fetchall()
    conn.close()
    assert totals == [(3001, 3001, 30010)]
    # the 3,001st appearance costs about what the first did (it read all 3,000 before)
    assert late < 2 * early
