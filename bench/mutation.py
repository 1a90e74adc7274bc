"""Mutation testing of the core modules: do the tests fail when the code is wrong?

    python bench/mutation.py [--module NAME ...] [--list] [--timeout S] [--jobs N]

A small AST-mutation harness (no dependency): each mutant changes one thing in one
function of a module (a comparison flipped, a `not` dropped, `and`/`or` swapped, an
integer off by one, True/False swapped, `break`/`continue` swapped, `+`/`-` swapped, a
statement deleted), is written into a copy of `src/`, and the tests that own that
module are run against it with `pytest -x` under a per-mutant timeout. A mutant is
killed when the tests fail (or time out), survives when they pass. The script prints
the kill rate per module and every survivor (line and change), and exits 1 when a
module is under --floor.

TARGETS names, for each module, the functions that are the module's promise (None:
all of it) and the test files that own it; run one module at a time on a shared
machine (`--module markdown`).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


@dataclass(frozen=True)
class Target:
    path: str  # under src/
    tests: tuple[str, ...]  # test files or node ids, fastest first
    functions: tuple[str, ...] | None = None  # top-level names (functions, classes) mutated


TARGETS: dict[str, Target] = {
    "labels": Target(
        "onrecord/parse/labels.py",
        ("tests/parse/test_promises.py", "tests/parse/test_generic.py"),
        (
            "split_label",
            "_label_colon",
            "looks_like_label",
            "_is_generic_word",
            "_has_honorific",
            "_single_word_label",
            "_capitalised_shape",
            "_name_then_verb",
            "_ends_with_name",
        ),
    ),
    "revisions": Target(
        "onrecord/store/documents.py",
        ("tests/archive/test_revisions.py",),
        ("put", "known_sha256", "revisions"),
    ),
    "permalinks": Target(
        "onrecord/search/engine.py",
        ("tests/archive/test_search_semantics.py",),
        ("highlight_spans", "_highlighter", "snippet", "_hit"),
    ),
    "reader": Target(
        "onrecord/web/reader.py",
        ("tests/web/test_permalinks.py",),
        ("anchor", "parse_anchor", "paragraph_at", "speaker_of"),
    ),
    "quotes": Target(
        "onrecord/enrich/quotes.py",
        ("tests/web/test_permalinks.py", "tests/enrich/test_enrich_quotes.py"),
        ("_permalink", "_result"),
    ),
    "numbers": Target(
        "onrecord/enrich/numbers.py",
        ("tests/enrich/test_figures_by_hand.py", "tests/enrich/test_enrich_quantities.py"),
    ),
    "search_query": Target(
        "onrecord/search/query.py",
        ("tests/archive/test_search_semantics.py", "tests/archive/test_search.py"),
    ),
    "markdown": Target(
        "onrecord/export/markdown.py",
        ("tests/export/test_escaping.py", "tests/export/test_export_formats.py"),
    ),
    "tei": Target(
        "onrecord/export/tei_document.py",
        ("tests/export/test_escaping.py", "tests/export/test_export_tei.py"),
        ("xml_text", "person_xml_id", "document_xml_id", "sub"),
    ),
    "errors": Target("onrecord/errors.py", ("tests/test_exit_codes.py",)),
    "cli_errors": Target("onrecord/cli/__init__.py", ("tests/test_exit_codes.py",), ("_Main",)),
    "web_errors": Target("onrecord/web/errors.py", ("tests/web/test_auth.py",)),
    "upload": Target(
        "onrecord/web/upload.py", ("tests/web/test_auth.py",), ("check_token", "source_name")
    ),
}

_FLIPS: dict[type, type] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOPS: dict[type, type] = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv}


@dataclass
class Mutant:
    line: int
    change: str
    apply: Callable[[Any], None] | None = field(repr=False)  # on the node, in a deep copy


def _statement_lists(node: ast.AST) -> Iterator[list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        value = getattr(node, name, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            yield value


def _is_docstring(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def mutants(tree: ast.Module, functions: tuple[str, ...] | None) -> list[tuple[int, Mutant]]:
    """Every single-point change inside the chosen top-level definitions, as (node id, how)."""
    out: list[tuple[int, Mutant]] = []
    nodes = list(ast.walk(tree))
    index = {id(n): i for i, n in enumerate(nodes)}
    roots = [
        n
        for n in tree.body
        if functions is None
        or (
            isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and n.name in functions
        )
    ]
    for root in roots:
        for node in ast.walk(root):
            out.extend((index[id(node)], m) for m in _node_mutants(node))
    return out


def _node_mutants(node: ast.AST) -> Iterator[Mutant]:
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Compare):
        for k, op in enumerate(node.ops):
            if type(op) in _FLIPS:
                new = _FLIPS[type(op)]

                def flip(n: ast.Compare, k: int = k, new: type = new) -> None:
                    n.ops[k] = new()

                yield Mutant(line, f"{type(op).__name__} -> {new.__name__}", flip)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield Mutant(line, "drop `not`", lambda n: setattr(n, "op", ast.UAdd()))
    elif isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield Mutant(
            line, f"{type(node.op).__name__} -> {new.__name__}", lambda n: setattr(n, "op", new())
        )
    elif isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        new = _BINOPS[type(node.op)]
        yield Mutant(
            line, f"{type(node.op).__name__} -> {new.__name__}", lambda n: setattr(n, "op", new())
        )
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        yield Mutant(
            line, f"{node.value} -> {not node.value}", lambda n: setattr(n, "value", not n.value)
        )
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        yield Mutant(
            line, f"{node.value} -> {node.value + 1}", lambda n: setattr(n, "value", n.value + 1)
        )
        if node.value != 0:
            yield Mutant(
                line,
                f"{node.value} -> {node.value - 1}",
                lambda n: setattr(n, "value", n.value - 1),
            )
    elif isinstance(node, ast.Break):
        yield Mutant(line, "break -> continue", None)
    elif isinstance(node, ast.Continue):
        yield Mutant(line, "continue -> break", None)
    for body in _statement_lists(node):
        for k, stmt in enumerate(body):
            if _is_docstring(stmt) or isinstance(stmt, ast.FunctionDef | ast.ClassDef):
                continue
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and isinstance(node, ast.ClassDef):
                continue  # class attributes: their constants are mutated instead
            kind = type(stmt).__name__
            yield Mutant(stmt.lineno, f"delete {kind}", _Deleter(k, _list_name(node, body)))


def _list_name(node: ast.AST, body: list[ast.stmt]) -> str:
    for name in ("body", "orelse", "finalbody"):
        if getattr(node, name, None) is body:
            return name
    raise ValueError("not a statement list of this node")


@dataclass
class _Deleter:
    k: int
    name: str

    def __call__(self, node: ast.AST) -> None:
        getattr(node, self.name)[self.k] = ast.Pass()


def mutated_source(tree: ast.Module, node_id: int, mutant: Mutant) -> str:
    fresh = copy.deepcopy(tree)
    node = list(ast.walk(fresh))[node_id]
    if mutant.apply is None:  # break <-> continue: replace the node in its statement list
        for parent in ast.walk(fresh):
            for body in _statement_lists(parent):
                for k, stmt in enumerate(body):
                    if stmt is node:
                        body[k] = ast.Continue() if isinstance(node, ast.Break) else ast.Break()
    else:
        mutant.apply(node)
    return ast.unparse(ast.fix_missing_locations(fresh))


_PRELOADED = (
    "pytest",
    "hypothesis",
    "click",
    "fastapi",
    "fastapi.testclient",
    "starlette",
    "httpx",
    "jinja2",
    "jsonschema",
    "selectolax.parser",
    "lxml.etree",
    "markdown_it",
    "tantivy",
    "zstandard",
    "orjson",
    "pyarrow",
)


def preload() -> None:
    """Import the third-party libraries once: each mutant's test run is a fork of this
    process, so it pays for importing onrecord and running the tests, not for these."""
    import importlib

    for name in _PRELOADED:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def run_tests(src: Path, tests: tuple[str, ...], timeout: float) -> tuple[bool, float]:
    """(passed, seconds) of `pytest -x` on the tests against the package in `src`, forked."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: a fresh import of onrecord from `src`, output discarded
        try:
            os.chdir(ROOT)
            sys.path[:] = [str(src), *(p for p in sys.path if not p.endswith("/src"))]
            os.environ["PYTHONPATH"] = str(src)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            import pytest

            code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", *tests])
        except BaseException:
            code = 99
        os._exit(int(code))
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) == 0, time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return False, time.perf_counter() - start
        time.sleep(0.02)


def run_module(
    name: str, target: Target, timeout: float | None, listing: bool, every: int = 1
) -> float:
    path = SRC / target.path
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = mutants(tree, target.functions)[::every]
    sampled = f" (every {every}th)" if every > 1 else ""
    print(
        f"== {name}: {target.path}, {len(found)} mutants{sampled}, tests: {' '.join(target.tests)}"
    )
    if listing:
        for _, m in found:
            print(f"  line {m.line}: {m.change}")
        return 1.0
    with tempfile.TemporaryDirectory(prefix="onrecord-mutation-") as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(SRC, src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        victim = src / target.path
        victim.write_text(ast.unparse(tree), encoding="utf-8")
        passed, seconds = run_tests(src, target.tests, 600)
        if not passed:
            print(f"  the tests fail on the unmutated module ({seconds:.1f} s): fix them first")
            return 0.0
        limit = timeout or max(10.0, 3 * seconds)
        print(f"  baseline {seconds:.1f} s; per-mutant timeout {limit:.0f} s")
        survivors = []
        for node_id, mutant in found:
            victim.write_text(mutated_source(tree, node_id, mutant), encoding="utf-8")
            passed, _ = run_tests(src, target.tests, limit)
            print("." if not passed else "", end="", flush=True)
            if passed:
                survivors.append(mutant)
                print(f"\n  SURVIVED line {mutant.line}: {mutant.change}", flush=True)
        killed = len(found) - len(survivors)
        rate = killed / len(found) if found else 1.0
        print(f"\n  {name}: {killed}/{len(found)} killed ({100 * rate:.1f}%)", flush=True)
        return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(TARGETS))
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--timeout", type=float, help="seconds per mutant (default 3x baseline)")
    parser.add_argument("--floor", type=float, default=85.0, help="kill rate in percent")
    parser.add_argument(
        "--every", type=int, default=1, help="run every Nth mutant only (a quicker estimate)"
    )
    args = parser.parse_args()
    rates = {}
    if not args.list:
        preload()
    for name in args.module or sorted(TARGETS):
        rates[name] = run_module(name, TARGETS[name], args.timeout, args.list, args.every)
    if args.list:
        return 0
    print("\n| module | killed |")
    print("|---|---:|")
    for name, rate in rates.items():
        print(f"| {name} | {100 * rate:.1f}% |")
    return 0 if all(100 * r >= args.floor for r in rates.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
