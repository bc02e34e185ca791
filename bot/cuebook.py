"""The cue words of questions (bot/data/cues.yaml), compiled once: which cues a text has, and each cue's pattern."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

CUES_FILE = Path(__file__).parent / "data" / "cues.yaml"
_REGEX = "re:"


def compile_cue(value: str | list[str]) -> re.Pattern:
    """A cue as written in the data: a list of whole-word phrases (or 're:' alternatives), or one 're:' pattern."""
    if isinstance(value, str):
        if not value.startswith(_REGEX):
            raise ValueError(f"a cue written as one string must be a 're:' pattern: {value!r}")
        return re.compile(value[len(_REGEX):])
    alternatives = sorted(
        (v[len(_REGEX):] if v.startswith(_REGEX) else re.escape(v) for v in value), key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


class CueBook:
    """Named cue patterns: `asks` (what a message asks, recorded in a reading) and `context` (around a slot)."""

    def __init__(self, path: Path = CUES_FILE) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.asks: dict[str, re.Pattern] = {name: compile_cue(v) for name, v in data["asks"].items()}
        self.context: dict[str, re.Pattern] = {name: compile_cue(v) for name, v in data["context"].items()}

    def found(self, text: str) -> frozenset[str]:
        """The names of the `asks` cues found in a folded text."""
        return frozenset(name for name, rx in self.asks.items() if rx.search(text))

    def __getitem__(self, name: str) -> re.Pattern:
        """One cue's pattern, of either section."""
        return self.context.get(name) or self.asks[name]


@functools.lru_cache(maxsize=1)
def cue_book() -> CueBook:
    """The cue book, compiled once."""
    return CueBook()


def first_group(m: re.Match | None) -> str | None:
    """The first group of a match that matched (patterns with alternative groups), or None."""
    if m is None:
        return None
    return next((g for g in m.groups() if g is not None), None)
