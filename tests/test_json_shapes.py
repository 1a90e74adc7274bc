"""Each command's `--format json` output against a JSON Schema written down here.

The schemas are strict (every field required, no other field allowed), so that a field
renamed, dropped or added is a failing test and a deliberate change to the README's
promise ("the same to_dict() shapes as the web API").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from onrecord.cli import main
from onrecord.schema import validate_record

KREMLIN = Path(__file__).parent / "fixtures" / "kremlin"

S: dict[str, Any] = {"type": "string"}
COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
N: dict[str, Any] = {"type": "number"}
B: dict[str, Any] = {"type": "boolean"}
ANY_OBJECT: dict[str, Any] = {"type": "object"}


def obj(**props: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(props),
        "properties": props,
        "additionalProperties": False,
    }


def arr(items: dict[str, Any], min_items: int = 0) -> dict[str, Any]:
    return {"type": "array", "items": items, "minItems": min_items}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def counts(values: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": values}


DATE = {"type": "string", "pattern": r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"}
PERMALINK = {"type": "string", "pattern": r"^[^#\s]+#(t\d+-)?p\d+$"}
YEARS = {"type": "object", "patternProperties": {r"^\d{4}$": COUNT}, "additionalProperties": False}

PAIR = {"type": "array", "prefixItems": [S, S], "items": False, "minItems": 2}
REPORT = obj(
    inserted=COUNT,
    updated=COUNT,
    unchanged=COUNT,
    failed=arr(PAIR),
    over_budget=COUNT,
    uncertain=arr(PAIR),
    skipped=arr(PAIR),
    seconds=N,
    bytes=COUNT,
)
DOC_ITEM = obj(
    id=S,
    title=S,
    date=DATE,
    time=S,
    place=S,
    url=S,
    source=S,
    revision=COUNT,
    revisions=COUNT,
    turns=COUNT,
    words=COUNT,
    speakers=arr(S),
)
HIT = obj(
    doc_id=S,
    turn={"type": "integer", "minimum": -1},
    paragraph=COUNT,
    speaker_id=S,
    speaker=S,
    role=S,
    date=DATE,
    title=S,
    place=S,
    snippet=S,
    highlights=arr({**arr(COUNT), "maxItems": 2, "minItems": 2}),
    permalink=PERMALINK,
    score=N,
)
ROLE = obj(role=S, first=DATE, last=DATE, documents=COUNT)
PERSON_FIELDS = {
    "id": S,
    "name": S,
    "roles": arr(ROLE),
    "documents": COUNT,
    "turns": COUNT,
    "words": COUNT,
    "names": arr(S, 1),
}
SCHEMAS: dict[str, dict[str, Any]] = {
    "ingest": REPORT,
    "reparse": REPORT,
    "list": obj(total=COUNT, limit=COUNT, offset=COUNT, items=arr(DOC_ITEM, 1)),
    "search": obj(
        query=S,
        total=COUNT,
        limit=COUNT,
        offset=COUNT,
        engine={"enum": ["tantivy", "fts5"]},
        hits=arr(HIT, 1),
        facets=counts(arr(ANY_OBJECT)),
        did_you_mean=nullable(S),
        relaxed=B,
        sort={"enum": ["relevance", "newest", "oldest"]},
    ),
    "ask": obj(
        question=S,
        mode={"enum": ["keyword", "hybrid", "dense"]},
        engine={"enum": ["tantivy", "fts5"]},
        notice=nullable(S),
        clues=ANY_OBJECT,
        hits=arr(
            obj(
                doc_id=S,
                turn_index=COUNT,
                paragraph=COUNT,
                text=S,
                speaker=S,
                speaker_id=S,
                role=S,
                date=DATE,
                title=S,
                place=S,
                permalink=PERMALINK,
                score=N,
                answer=S,
                answer_span={**arr(COUNT), "maxItems": 2, "minItems": 2},
                highlights=arr({**arr(COUNT), "maxItems": 2, "minItems": 2}),
            ),
            1,
        ),
    ),
    "stats": obj(
        doc_id=nullable(S),
        documents=COUNT,
        revisions=COUNT,
        turns=COUNT,
        paragraphs=COUNT,
        words=COUNT,
        speakers=COUNT,
        by_speaker=arr(
            obj(person_id=S, name=S, turns=COUNT, words=COUNT, share=N, documents=COUNT),
            1,
        ),
        date_from=DATE,
        date_to=DATE,
    ),
    "speakers": arr(obj(**PERSON_FIELDS), 1),
    "speakers show": obj(
        **PERSON_FIELDS, words_per_year=YEARS, appearances=arr(DOC_ITEM, 1), appearances_total=COUNT
    ),
    "diff": obj(
        doc_id=S,
        a=COUNT,
        b=COUNT,
        identical=B,
        changes=arr(ANY_OBJECT),
        text_diff=arr(S),
        restores=nullable(COUNT),
        turns=arr(ANY_OBJECT),
    ),
    "claims": obj(
        claims=arr(
            obj(
                doc_id=S,
                date=DATE,
                speaker=S,
                turn=COUNT,
                start=COUNT,
                end=COUNT,
                text=S,
                score=N,
                kind=S,
                quantities=arr(ANY_OBJECT),
                entities=arr(S),
                entity_names=arr(S),
            ),
            1,
        ),
        inconsistencies=arr(
            obj(doc_id=S, about=S, description=S, figures=arr(ANY_OBJECT, 2), unit=nullable(S))
        ),
        restatements=arr(ANY_OBJECT),
    ),
    "entities": obj(
        entities=arr(obj(id=nullable(S), name=S, type=S, mentions=COUNT, documents=COUNT, key=S), 1)
    ),
    "mentions": obj(
        entity=obj(id=S, name=S, type=S),
        total=COUNT,
        mentions=arr(
            obj(
                doc_id=S,
                date=DATE,
                speaker=S,
                turn=COUNT,
                start=COUNT,
                end=COUNT,
                text=S,
                context=S,
                before=S,
                after=S,
            ),
            1,
        ),
        timeline=YEARS,
        co_mentions=arr(obj(entity=S, name=S, documents=COUNT)),
    ),
    "quote found": obj(
        found={"const": True},
        match={"enum": ["exact", "near"]},
        score=N,
        quote=S,
        passage=S,
        doc_id=S,
        title=S,
        date=DATE,
        speaker=S,
        turn=COUNT,
        start=COUNT,
        end=COUNT,
        permalink=S,
        differences=arr(obj(op=S, quoted=S, said=S)),
        figures_differ=arr(ANY_OBJECT),
        marked=S,
    ),
    "quote not found": obj(
        found={"const": False},
        match={"const": "none"},
        quote=S,
        reason=S,
        closest=nullable(ANY_OBJECT),
    ),
}
COMMANDS = {
    "ingest": ["ingest", str(KREMLIN / "54271.txt")],
    "reparse": ["reparse", "54271"],
    "list": ["list"],
    "search": ["search", "sanctions"],
    "ask": ["ask", "What did Putin say about the CSTO?"],
    "stats": ["stats"],
    "speakers": ["speakers"],
    "speakers show": ["speakers", "show", "vladimir-putin"],
    "diff": ["diff", "54271"],
    "claims": ["claims", "54271"],
    "entities": ["entities"],
    "mentions": ["mentions", "csto"],
    "quote found": ["quote", "This is how NATO works."],
    "quote not found": ["quote", "We will build a wall on the Afghan border"],
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("shapes") / "archive.db")
    pages = [str(KREMLIN / f"{doc_id}.txt") for doc_id in ("54271", "17723")]
    result = CliRunner().invoke(main, ["ingest", "--db", path, "--workers", "1", *pages])
    assert result.exit_code == 0, result.output
    return path


def json_of(db: str, *args: str) -> Any:
    result = CliRunner().invoke(main, [*args, "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_command_with_a_json_format_has_a_schema() -> None:
    with_json = set()
    ctx = click.Context(main)  # the commands load on first use: ask for each by name
    named = {name: main.get_command(ctx, name) for name in main.list_commands(ctx)}
    for name, command in named.items():
        subcommands = getattr(command, "commands", {})
        for sub, child in [(name, command), *((f"{name} {s}", c) for s, c in subcommands.items())]:
            if any(
                p.name == "fmt" and "json" in getattr(p.type, "choices", ()) for p in child.params
            ):
                with_json.add(sub)
    checked = {c.replace(" found", "").replace(" not", "") for c in COMMANDS}
    # show and parse print a record (the document schema); merge and split change the
    # registry; export's --format is the file format it writes; the watch commands' and
    # lint's JSON is checked field by field in tests/watch and tests/lint
    assert with_json - checked == {
        "show",
        "parse",
        "speakers merge",
        "speakers split",
        "export",
        "watch add",
        "watch list",
        "watch show",
        "watch run",
        "lint",
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_json_output_matches_its_schema(db: str, command: str) -> None:
    data = json_of(db, *COMMANDS[command])
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in Draft202012Validator(SCHEMAS[command]).iter_errors(data)
    ]
    assert errors == []


def test_show_json_is_a_valid_record(db: str) -> None:
    record = json_of(db, "show", "54271")
    validate_record(record)
    assert record["id"] == "54271"


def test_a_failed_input_is_listed_with_its_error(db: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(
        main, ["ingest", "--db", db, "--format", "json", str(tmp_path / "empty.txt")]
    )
    assert result.exit_code == 9  # ingest reports any failure as a batch's (parse: 4)
    report = json.loads(result.stdout)
    assert list(Draft202012Validator(REPORT).iter_errors(report)) == []
    assert report["failed"] == [
        [str(tmp_path / "empty.txt"), f"{tmp_path / 'empty.txt'}: file is empty"]
    ]
