"""Data flows one way: handlers → bot → knowledge (staff lists: roster → knowledge); the core never imports a transport."""

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


CHANNEL_LIBRARIES = {"telegram", "aiohttp"}


@pytest.mark.parametrize("package,forbidden", [
    ("knowledge", {"bot", "handlers", "app", "jinja2", "rapidfuzz"} | CHANNEL_LIBRARIES),
    ("bot", {"handlers"} | CHANNEL_LIBRARIES),
    ("handlers", {"knowledge"}),
    ("roster", {"bot", "handlers", "app"} | CHANNEL_LIBRARIES),
])
def test_no_import_against_the_flow(package, forbidden):
    bad = {f: names & forbidden for f, names in imports(package).items() if names & forbidden}
    assert bad == {}


def test_only_the_entry_point_of_bot_reaches_the_composition_root():
    users = [f for f, names in imports("bot").items() if "app" in names]
    assert users == ["bot/__main__.py"]
