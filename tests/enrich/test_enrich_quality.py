"""Quality gate on the hand-annotated DEV paragraphs: fails below pinned floors.

Floors sit a little under the figures measured when they were pinned (docs/figures-enrich.md):
the tuning sample must stay at the issue's aims; the held-out set (annotated after tuning)
keeps a lower floor so that a regression shows without pretending it was never seen.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "enrich.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_enrich", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_enrich"] = module
    spec.loader.exec_module(module)
    return module


FLOORS = {
    # set: (entity F1, linking accuracy of found, quantity value+unit F1)
    "sample": (0.94, 0.98, 0.98),
    "heldout": (0.95, 0.98, 0.95),
    "heldout2": (0.89, 0.95, 0.95),
    # the last set measured unseen (0.903, 0.948, 0.786 on 13 figures): a floor for regressions
    "heldout3": (0.88, 0.93, 0.75),
    "heldout4": (0.90, 0.94, 0.75),  # measured once, unseen: 0.928, 0.958, 0.800 on 9 figures
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_quality_floor(bench: ModuleType, name: str) -> None:
    path = bench.SETS[name]
    sample = bench.load_sample(path)
    entities = bench.score_entities(sample, bench.our_entities)
    quantities = bench.score_quantities(sample)
    entity_f1, linking, quantity_f1 = FLOORS[name]
    assert entities["typed"]["f1"] >= entity_f1
    assert entities["linking_accuracy_found"] >= linking
    assert quantities["value_unit"]["f1"] >= quantity_f1


def test_sample_size_meets_the_issue(bench: ModuleType) -> None:
    sample = bench.load_sample(bench.SAMPLE)
    assert sum(len(r["entities"]) for r in sample) >= 300
    assert sum(len(r["quantities"]) for r in sample) >= 150
    assert len({r["doc_id"] for r in sample}) >= 20
    assert len({r["date"][:4] for r in sample}) >= 10
    assert {r["kind"] for r in sample} == {"dialogue", "other"}
    assert all("CC BY 4.0" in r["attribution"] for r in sample)


def test_heldout3_size_meets_the_brief(bench: ModuleType) -> None:
    sample = bench.load_sample(bench.HELDOUT3)
    assert sum(len(r["entities"]) for r in sample) >= 120
    assert len({r["doc_id"] for r in sample}) >= 15
    others = {
        r["doc_id"]
        for p in (bench.SAMPLE, bench.HELDOUT, bench.HELDOUT2)
        for r in bench.load_sample(p)
    }
    assert not others & {r["doc_id"] for r in sample}


def test_offsets_of_the_annotated_data(bench: ModuleType) -> None:
    for path in bench.SETS.values():
        for rec in bench.load_sample(path):
            for span in rec["entities"] + rec["quantities"]:
                assert rec["text"][span["start"] : span["end"]] == span["text"]


def test_seed_flags_the_inconsistency_and_the_restatement(bench: ModuleType) -> None:
    flags = bench.seed_flags()
    assert (flags["found"], flags["flags"]) == (1, 1)
    assert flags["restated"] == [["1,300 kilometres", "more than 1000 kilometres"]]
