"""The quality report: each rule on text whose findings are counted by hand."""

from __future__ import annotations

import pytest

from onrecord.errors import QueryError
from onrecord.lint import Vocabulary, lint_document, pick_rules
from onrecord.model import Document, Speaker, Turn
from onrecord.parse import parse_file

NAMES = ["Vladimir Putin", "Kirill Kleymenov", "Radik Batyrshin"]


def page(*paragraphs: str, **fields: str) -> Document:
    """One speaker, one turn with these paragraphs; title, date, place and lead given."""
    meta = {"title": "A meeting", "date": "2020-01-01", "place": "Moscow", "lead": "Lead."}
    return Document(
        id="d",
        source="test",
        sha256="",
        parser={"name": "test"},
        speakers=[Speaker("vladimir-putin", "Vladimir Putin", labels=["Vladimir Putin"])],
        turns=[Turn(0, "Vladimir Putin", "vladimir-putin", list(paragraphs))],
        **{**meta, **fields},
    )


def found(document: Document, rule: str) -> list[tuple[str, str, str | None]]:
    report = lint_document(document, vocabulary=Vocabulary.of(NAMES), rules=[rule])
    return [(f.permalink, f.text, f.suggestion) for f in report.findings]


def test_the_seed_has_its_two_typos_its_glued_ordinal_and_its_agreement_slip(seed_path):
    document = parse_file(seed_path)
    report = lint_document(document)
    findings = [(f.rule, f.permalink.split("#")[1], f.text, f.suggestion) for f in report.findings]
    assert findings == [
        ("typo.v1", "t1-p2", "ecerything", "everything"),
        ("glued.v1", "t5-p1", "201stmilitary", "201st military"),
        ("agreement.v1", "t17-p3", "several version", "several versions"),
        ("typo.v1", "t24-p0", "dificculties", "difficulties"),
    ]
    for f in report.findings:  # the offsets point at the text in its paragraph
        turn = next(t for t in document.turns if t.index == f.turn)
        assert turn.paragraphs[f.paragraph or 0][f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We recieve letters.", [("recieve", "receive")]),
        ("Kleymenov and Batyrshin spoke.", []),  # names have capitals
        ("The organisation and its programme in the centre.", []),  # British spellings
        ("An unrealisable plan, the paedophiles, colour.", []),
        ("A fait accompli.", []),  # two unknown words together: a foreign phrase
        ("Write to info@kremlinx.ru today.", []),
        ("We have to decide inthe end.", [("inthe", "in the")]),
        ("Many crewmembers and homebuyers.", []),  # compounds
        ("Staff work onsite, on inbound flights.", []),  # a particle's compounds
        ("Goods handed bythe staff.", [("bythe", "by the")]),  # but not a function word
        ("To securitise loans; a securitisation.", []),  # British -ise verbs
        ("Bread and mould, smouldering.", []),  # British mould / American mold
    ],
)
def test_typos(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, s) for _, t, s in found(page(text), "typo")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Of the 201stmilitary base.", [("201stmilitary", "201st military")]),
        ("As VladimirPutin said.", [("VladimirPutin", "Vladimir Putin")]),
        ("Speaking inthe Kremlin, theKremlin said.", [("theKremlin", "the Kremlin")]),
        ("The InterAction Council and YouTube.", []),
    ],
)
def test_glued_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, s) for _, t, s in found(page(text), "glued")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There are several version of it.", [("several version", "several versions")]),
        ("He asked many question on this.", [("many question", "many questions")]),
        ("Of various qualification.", [("various qualification", "various qualifications")]),
        ("When many state and public institutions fell.", []),  # a modifier
        ("Various government agencies; many people; several million.", []),
        ("Many countries of the region.", []),
        ("Several standard, more customary formats are out.", []),  # adjectives in a row
        ("There are several version, two of which.", [("several version", "several versions")]),
    ],
)
def test_number_agreement(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, s) for _, t, s in found(page(text), "agreement")] == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["He said (twice it."], [("d#t0-p0", "(", None)]),
        (["It is a) first, b) second."], []),  # list items
        (["These ”things“ again."], [("d#t0-p0", "”things“", "“things”")]),
        (["“A quote that goes on.", "“And on.", "“And ends here.”"], []),  # printers' rule
        (["“A quote that goes on.", "And ends here.”"], []),
        (["“Never closed.", "Next paragraph."], [("d#t0-p0", "“", None)]),
        (["Closed” alone."], [("d#t0-p0", "”", None)]),
        (['He said "yes.'], [("d#t0-p0", '"', None)]),
        # the place of a mark says what it does: the slip is the mark, not its partner
        (["He said: ”Why is it so?”"], [("d#t0-p0", "”", "“")]),
        (["“We, the students…“ — wrote."], [("d#t0-p0", "“", "”")]),
        (
            ["Fields (“Rosneft“) and ”Talakan“."],
            [("d#t0-p0", "“", "”"), ("d#t0-p0", "”Talakan“", "“Talakan”")],
        ),
        # a quotation nested at the start of a paragraph of a quotation
        (["“You have earned it.", "Thanks to you.", "“Her style” is the mark of a Master.”"], []),
    ],
)
def test_brackets_and_quotes(paragraphs: list[str], expected: list[tuple]) -> None:
    assert found(page(*paragraphs), "brackets") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is the the best.", [("the the", "the")]),
        ("The the best.", [("The the", "The")]),
        ("Abdullah Abdullah came; that that is so; very very good.", []),
        ("Flying an AN-124.", []),
        ("I know what condition it was in in the 1990s.", []),  # stranded by a wh-clause
        ("It was in in the 1990s.", [("in in", "in")]),
    ],
)
def test_doubled_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, s) for _, t, s in found(page(text), "doubled")] == expected


def conversation(labels: list[tuple[str, str]], roles: dict[str, list[str]] | None = None):
    """Turns of (speaker name, label as written); each name is one speaker."""
    names = list(dict.fromkeys(n for n, _ in labels))
    speakers = [
        Speaker(n.lower().replace(" ", "-"), n, (roles or {}).get(n, []),
                list(dict.fromkeys(lb for m, lb in labels if m == n)))
        for n in names
    ]  # fmt: skip
    turns = [Turn(i, lb, n.lower().replace(" ", "-"), ["Yes."]) for i, (n, lb) in enumerate(labels)]
    return Document("c", "test", "", {"name": "test"}, "T", "2020-01-01", "", "Moscow", "Lead.",
                    speakers=speakers, turns=turns)  # fmt: skip


def test_a_name_written_two_ways_in_a_document_flags_the_rarer(seed_path) -> None:
    kleymenov, kleimenov = "Kirill Kleymenov", "Kirill Kleimenov"
    document = conversation([(kleymenov, kleymenov)] * 3 + [(kleimenov, kleimenov)])
    report = lint_document(document, rules=["label-variant"])
    assert [(f.permalink, f.text, f.suggestion) for f in report.findings] == [
        ("c#t3-p0", kleimenov, kleymenov)
    ]


def test_a_name_the_archive_writes_otherwise_is_flagged_but_not_another_person() -> None:
    document = conversation(
        [("Vladmir Putin", "Vladmir Putin"), ("Dmitry Morozov", "Dmitry Morozov")]
    )
    archive = {"Vladimir Putin": 426, "Dmitry Mironov": 3, "Vladmir Putin": 1}
    report = lint_document(document, archive_names=archive, rules=["label-variant"])
    assert [(f.text, f.suggestion, f.message) for f in report.findings] == [
        (
            "Vladmir Putin",
            "Vladimir Putin",
            "'Vladmir Putin' is written 'Vladimir Putin' in 426 documents",
        )
    ]


def test_a_label_used_once_in_a_long_transcript() -> None:
    putin = "Vladimir Putin"
    labels = [(putin, "President of Russia Vladimir Putin")] + [(putin, putin)] * 20
    labels.insert(9, (putin, "Vladimir PUTIN"))
    report = lint_document(conversation(labels), rules=["label-once"])
    assert [(f.permalink, f.text, f.suggestion) for f in report.findings] == [
        ("c#t9-p0", "Vladimir PUTIN", putin)
    ]


def test_a_role_given_two_ways() -> None:
    roles = {"Vladimir Putin": ["President of Russia", "President"]}
    document = conversation([("Vladimir Putin", "Vladimir Putin")], roles)
    [finding] = lint_document(document, rules=["role-two-ways"]).findings
    assert finding.message == "Vladimir Putin has 2 roles: 'President of Russia' / 'President'"


def test_the_start_of_a_name_the_parser_took_for_a_role_is_not_a_second_role() -> None:
    king = "Bin Isa Al Khalifa"
    labels = [(king, f"King of Bahrain Hamad {king}"), (king, f"Hamad {king}")]
    document = conversation(labels, {king: ["King of Bahrain", "Hamad"]})
    assert lint_document(document, rules=["role-two-ways"]).findings == []


def test_one_archive_document_is_written_in_the_singular() -> None:
    document = conversation([("Kirill Dmitriyev", "Kirill Dmitriyev")])
    archive = {"Kirill Dmitriev": 1}
    [finding] = lint_document(document, archive_names=archive, rules=["label-variant"]).findings
    assert finding.message == "'Kirill Dmitriyev' is written 'Kirill Dmitriev' in 1 document"


def test_missing_metadata_and_parse_warnings_are_reported_with_the_badge_figures() -> None:
    document = page("Text.", place="", lead="")
    document.warnings.append("two date lines")
    report = lint_document(document, rules=["metadata", "parse-warning"])
    assert [(f.rule, f.message) for f in report.findings] == [
        ("metadata.v1", "no place"),
        ("metadata.v1", "no lead"),
        ("parse-warning.v1", "two date lines"),
    ]
    data = report.to_dict()
    assert (data["quality"], data["missing"], data["warnings"]) == ("low", ["place", "lead"], 1)


def test_rules_are_picked_by_id_with_or_without_version() -> None:
    assert pick_rules(["typo", "glued.v1", "typo.v1"]) == ["typo.v1", "glued.v1"]
    with pytest.raises(QueryError, match="no lint rule 'spelling'"):
        pick_rules(["spelling"])
