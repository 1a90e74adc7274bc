"""No test asserts inside a condition that can be false: such a check silently stops
checking when a test order, a platform or an installed package makes the condition false.
(A skip or a failure says so instead.)"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def _checks_under_if(function: ast.FunctionDef) -> list[int]:
    lines = []
    for node in ast.walk(function):
        if not isinstance(node, ast.If):
            continue
        for inner in ast.walk(node):
            raises = isinstance(inner, ast.With) and any(
                "raises" in ast.unparse(item.context_expr) for item in inner.items
            )
            if isinstance(inner, ast.Assert) or raises:
                lines.append(inner.lineno)
    return lines


def test_no_assertion_sits_inside_an_if() -> None:
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        inside = path.relative_to(TESTS).parts
        if "node_modules" in inside or any(part.startswith(".") for part in inside):
            continue  # installed packages (the browser's, the ConvoKit venv), not tests
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                found += [f"{path.relative_to(TESTS)}:{n}" for n in _checks_under_if(node)]
    assert found == []
