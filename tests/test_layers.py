"""Data flows one way: a layer imports the shared core and the layers to its left only.

model, errors, names, identity, wordforms, dates, schema  →  sources → parse, imports →
readers → enrich → store → search, ask → ingest, archive, export, watch, lint → cli, web

Every top-level module and package has its entry (a new one must be placed).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "onrecord"
# The shared core (model, errors) imports no layer at all.
RIGHT_OF_CORE = {
    "parse",
    "imports",
    "readers",
    "ingest",
    "enrich",
    "store",
    "archive",
    "search",
    "export",
    "cli",
    "web",
}
# For each layer, the onrecord modules it must never import (layers to its right).
FORBIDDEN = {
    "sources": {
        "readers",
        "parse",
        "imports",
        "enrich",
        "store",
        "archive",
        "ingest",
        "search",
        "export",
        "cli",
        "web",
    },
    "parse": {"readers", "enrich", "store", "archive", "ingest", "search", "export", "cli", "web"},
    "imports": {
        "readers",
        "enrich",
        "store",
        "archive",
        "ingest",
        "search",
        "export",
        "cli",
        "web",
    },
    # the one way in: it reads every format, and knows nothing of what is done with them
    "readers.py": {"enrich", "store", "archive", "ingest", "search", "export", "cli", "web"},
    "enrich": {"store", "ingest", "search", "export", "cli", "web"},
    # the store keeps the record and provides rows; it knows nothing of who reads them
    "store": {"readers", "ingest", "archive", "search", "ask", "export", "cli", "web"},
    # search ranks what the store holds: no parsing, no writing, no presentation
    "search": {
        "parse",
        "imports",
        "readers",
        "enrich",
        "ingest",
        "archive",
        "export",
        "cli",
        "web",
    },
    "export": {"cli", "web"},
    "watch": {"cli", "web"},
    "lint": {"cli", "web"},
    "schema": RIGHT_OF_CORE | {"sources"},
    # the top-level modules, each at its place in the flow
    "model.py": RIGHT_OF_CORE,
    "errors.py": RIGHT_OF_CORE,
    "names.py": RIGHT_OF_CORE | {"sources", "identity"},
    "identity.py": RIGHT_OF_CORE | {"sources"},
    "wordforms.py": RIGHT_OF_CORE | {"sources"},
    "dates.py": RIGHT_OF_CORE | {"sources"},
    "budget.py": RIGHT_OF_CORE - {"parse"},  # a time and memory budget for parsing
    "ingest.py": {"archive", "search", "ask", "export", "cli", "web"},
    "distributed.py": {"archive", "search", "ask", "export", "cli", "web"},  # ingest on Dask
    "diffing.py": {"ingest", "archive", "search", "export", "cli", "web"},
    "ask.py": {"ingest", "archive", "export", "cli", "web"},
    "dense": RIGHT_OF_CORE | {"sources"},  # the sentence encoders: text in, vectors out
    "hybrid.py": {"ingest", "archive", "export", "cli", "web"},  # ask's rerank by vectors
    "archive.py": {"export", "cli", "web"},
    "entities.py": {"export", "cli", "web"},  # entity reports over the archive's entity index
}
# The outermost shells: everything is to their left.
OUTERMOST = {"cli", "web"}


def imported_onrecord_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("onrecord."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "onrecord":
            names.update(a.name for a in node.names)  # from onrecord import readers
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("onrecord."))
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_to_its_right(layer):
    target = PACKAGE / layer
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    assert files
    for path in files:
        wrong = imported_onrecord_modules(path) & FORBIDDEN[layer]
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_every_top_level_module_and_package_has_its_place() -> None:
    """A new module at the top of the package says where it sits in the flow."""
    entries = {
        p.name
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").is_file()) and p.name != "__init__.py"
    }
    assert entries - OUTERMOST == set(FORBIDDEN)
