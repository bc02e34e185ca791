"""Data flows one way: handlers → bot → knowledge; the core never imports a transport."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports(package: str) -> dict[str, set[str]]:
    """Top-level modules each file of a package imports."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize("package,forbidden", [
    ("knowledge", {"bot", "handlers", "telegram", "jinja2", "rapidfuzz"}),
    ("bot", {"telegram"}),
    ("handlers", {"knowledge"}),
])
def test_no_import_against_the_flow(package, forbidden):
    bad = {f: names & forbidden for f, names in imports(package).items() if names & forbidden}
    if package == "bot":  # the command line is the composition root: it may start a channel
        bad.pop("bot/__main__.py", None)
    assert bad == {}


def test_only_the_command_line_in_bot_starts_a_channel():
    users = [f for f, names in imports("bot").items() if "handlers" in names]
    assert users == ["bot/__main__.py"]
