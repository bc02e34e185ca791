"""No clause id, annex row code, plan year or province name is written in the core's or the plan layer's Python."""

import ast
from pathlib import Path

import pytest

from knowledge import default_kb

ROOT = Path(__file__).resolve().parents[1]


def _literals(path: Path):
    """String and number constants of a module, docstrings left out (they may show examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings and isinstance(node.value, (str, int)):
            yield node.lineno, node.value


def _plan_facts():
    kb = default_kb()
    ids = {c.id for c in kb.clauses} | ({r.code for r in kb.annex.rows} | {kb.annex.clause} if kb.annex else set())
    years = set(range(kb.document.period.start, kb.document.period.end + 1))
    # one-letter annex codes ("A", "B") cannot be told from spreadsheet column letters: the others are checked
    return {i for i in ids if len(i) > 1}, years, kb.document.province


@pytest.mark.parametrize("package", ["bot", "knowledge", "roster"])
def test_no_plan_fact_is_written_in_python(package):
    ids, years, province = _plan_facts()
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, value in _literals(path):
            if value in ids or (isinstance(value, int) and value in years) or (
                    isinstance(value, str) and province in value):
                found.append(f"{path.relative_to(ROOT)}:{line}: {value!r}")
    assert found == []
