"""Watches in the library: what a question matches, what is new since the last run."""

from __future__ import annotations

import pytest

from helpers.watching import FIRST, PUTIN, transcript
from onrecord import watch
from onrecord.archive import Archive
from onrecord.enrich import annotate
from onrecord.errors import NotFoundError, QueryError, WatchError
from onrecord.watch import WatchSpec


def found(archive: Archive, spec: WatchSpec) -> list[tuple[str, str, str]]:
    return [(m.kind, m.quote.permalink, m.quote.marked()) for m in watch.matches(archive, spec)]


def test_a_query_quotes_each_matching_paragraph_with_its_words_marked(archive: Archive) -> None:
    assert found(archive, WatchSpec(query="gas")) == [
        ("paragraph", "a1#t0-p0", "[Gas] prices in Europe rose this winter."),
        ("paragraph", "a1#t1-p0", "We discussed the [gas] transit."),
    ]


def test_a_query_with_a_speaker_keeps_only_their_paragraphs(archive: Archive) -> None:
    spec = WatchSpec(query="gas", speaker="Angela Merkel")
    assert found(archive, spec) == [("paragraph", "a1#t1-p0", "We discussed the [gas] transit.")]


def test_a_speaker_alone_gives_one_entry_per_document(archive: Archive) -> None:
    matches = watch.matches(archive, WatchSpec(speaker="vladimir-putin"))
    assert [(m.quote.permalink, m.summary) for m in matches] == [
        ("a1#t0-p0", "Vladimir Putin speaks in Talks with Angela Merkel"),
        ("a2#t0-p0", "Vladimir Putin speaks in Press statement"),
    ]


def test_a_place_and_dates_alone_give_the_documents(archive: Archive) -> None:
    spec = WatchSpec(place="moscow", date_from="2020-02")
    assert found(archive, spec) == [("document", "a2", "Oil output grew.")]


@pytest.mark.parametrize(
    ("spec", "error", "words"),
    [
        (WatchSpec(), WatchError, "nothing to watch"),
        (WatchSpec(name="only a name"), WatchError, "nothing to watch"),
        (WatchSpec(figure="Afghan border"), WatchError, "needs a speaker"),
        (WatchSpec(query='"gas'), QueryError, "quote"),
        (WatchSpec(query="gas", date_from="2020-13"), QueryError, "date_from"),
        (WatchSpec(speaker="Nobody Atall"), NotFoundError, "no speaker"),
        (WatchSpec(query="gas", webhook="ftp://example.org/x"), WatchError, "not ftp"),
        (WatchSpec(query="gas", webhook="javascript:alert(1)"), WatchError, "not javascript"),
        (WatchSpec(query="gas", webhook="example.org/hook"), WatchError, "not no scheme"),
        (WatchSpec(query="gas", webhook="http:///hook"), WatchError, "no host"),
        (WatchSpec(query="gas", webhook="http://0.0.0.0/hook"), WatchError, "non-routable"),
        (WatchSpec(query="gas", webhook="http://h:99999/"), WatchError, "Port out of range"),
    ],
)
def test_a_watch_that_cannot_work_is_refused_with_the_reason(
    archive: Archive, spec: WatchSpec, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        watch.add(archive, spec)
    assert watch.watches(archive) == []


def test_added_watches_are_listed_and_removed_by_id(archive: Archive) -> None:
    first, secret = watch.add(archive, WatchSpec(query="gas"))
    second, hook_secret = watch.add(
        archive, WatchSpec(speaker="Putin", webhook="https://example.org/h", name="Putin")
    )
    assert (first.id, first.name, secret) == (1, "query: gas", None)
    assert second.name == "Putin" and hook_secret is not None and len(hook_secret) == 64
    assert [w.id for w in watch.watches(archive)] == [1, 2]
    assert watch.remove(archive, "1").id == 1
    assert [w.to_dict()["speaker"] for w in watch.watches(archive)] == ["Putin"]
    with pytest.raises(NotFoundError, match="no watch 1"):
        watch.get(archive, 1)
    with pytest.raises(NotFoundError, match="a watch id is a number"):
        watch.remove(archive, "x1")


def test_a_run_reports_what_came_after_the_watch_and_only_once(archive: Archive) -> None:
    saved, _ = watch.add(archive, WatchSpec(query="gas"))
    archive.put_document(transcript("a3", "2020-03-01", [(PUTIN, "Gas again.\n\nNo oil.")]))
    first = watch.run(archive).runs[0]
    again = watch.run(archive).runs[0]
    assert [m.quote.permalink for m in first.matches] == ["a3#t0-p0"]
    assert [d.items for d in first.deliveries] == [1]
    assert again.matches == [] and again.deliveries == []
    assert first.watch.id == saved.id


def test_a_revised_transcript_gives_its_matches_again_and_a_revision_entry(
    archive: Archive,
) -> None:
    watch.add(archive, WatchSpec(query="gas"))
    archive.put_document(transcript("a3", "2020-03-01", [(PUTIN, "Gas again.")]))
    watch.run(archive)
    archive.put_document(transcript("a3", "2020-03-01", [(PUTIN, "Gas again, and gas.")]))
    run = watch.run(archive).runs[0]
    changed = "text: 1 line added, 1 removed"
    assert [(m.kind, m.revision, m.quote.marked()) for m in run.matches] == [
        ("paragraph", 2, "[Gas] again, and [gas]."),
        ("revision", 2, changed),
    ]
    assert run.matches[1].diff == "/documents/a3/diff?a=1&b=2"
    assert run.matches[1].summary == "Revised transcript (revision 2): " + changed


def test_a_figure_watch_quotes_the_new_figure_and_the_earlier_one(archive: Archive) -> None:
    text = "Thank you.\n\nThe length of the Afghan border is {} kilometres, and we guard it."
    older = transcript("f1", "2019-05-01", [(PUTIN, text.format("1,400"))])
    newer = transcript("f2", "2021-05-01", [(PUTIN, text.format("2,100"))])
    archive.put_documents([older, newer])
    for document in (older, newer, FIRST):
        archive.put_annotations(document.id, annotate(document))
    spec = WatchSpec(speaker="vladimir-putin", figure="Afghan border")
    [alert] = watch.matches(archive, spec)
    assert alert.kind == "figure"
    assert (alert.quote.permalink, alert.quote.marked()) == (
        "f2#t0-p1",
        "The length of the Afghan border is [2,100 kilometres], and we guard it.",
    )
    assert alert.earlier is not None
    assert (alert.earlier.permalink, alert.earlier.marked()) == (
        "f1#t0-p1",
        "The length of the Afghan border is [1,400 kilometres], and we guard it.",
    )
    assert (alert.extra["figure"], alert.extra["earlier_figure"]) == (
        "2,100 kilometres",
        "1,400 kilometres",
    )


def test_a_new_database_has_the_watch_tables(archive: Archive) -> None:
    for table in ("watches", "watch_deliveries", "watch_delivered"):  # an error if missing
        assert archive._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_a_watch_whose_question_fails_is_reported_and_the_others_still_run(
    archive: Archive,
) -> None:
    archive.watches.add("broken", {"query": '"gas'}, None, None)  # saved by an older onrecord
    watch.add(archive, WatchSpec(query="gas"))
    archive.put_document(transcript("a3", "2020-03-01", [(PUTIN, "Gas.")]))
    broken, working = watch.run(archive).runs
    assert broken.failed and "quote" in broken.error and broken.matches == []
    assert [m.quote.permalink for m in working.matches] == ["a3#t0-p0"]


def test_a_run_moves_the_cursor_to_the_last_change_and_never_back(archive: Archive) -> None:
    saved, _ = watch.add(archive, WatchSpec(query="gas"))
    store = archive.watches
    archive.put_document(transcript("a3", "2020-03-01", [(PUTIN, "Gas again.")]))
    watch.run(archive)
    last = store.last_change()
    assert store.get(saved.id).cursor == last  # the next run looks only past it
    store.advance(saved.id, last - 1)  # a slower run that started earlier
    assert store.get(saved.id).cursor == last
