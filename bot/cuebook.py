"""The cue words of questions (bot/data/cues.yaml), compiled once: which cues a text has, and each cue's pattern.

A cue phrase written with marks ("hỏi") is accent-aware, like the plan's vocabulary: found in the folded text, it
counts only if the message typed those words without marks or with the same marks ("Lịch Hội Thượng" asks nothing).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path


from knowledge.text import fold
from knowledge.vocabulary import marked_key
from knowledge.yamlfile import load_yaml

CUES_FILE = Path(__file__).parent / "data" / "cues.yaml"
_REGEX = "re:"
_WORD = re.compile(r"[^\W_]+")
COUNT = "count"  # the act cue of a message asking for a number (a slot, not a cue word)
ASK = "ask"  # the act of a message with no act cue


def compile_cue(value: str | list[str]) -> re.Pattern:
    """A cue as written in the data: a list of whole-word phrases (or 're:' alternatives), or one 're:' pattern."""
    if isinstance(value, str):
        if not value.startswith(_REGEX):
            raise ValueError(f"a cue written as one string must be a 're:' pattern: {value!r}")
        return re.compile(value[len(_REGEX):])
    alternatives = sorted(
        (v[len(_REGEX):] if v.startswith(_REGEX) else re.escape(fold(v)) for v in value), key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


class CueBook:
    """Named cue patterns: `asks` (what a message asks, recorded in a reading) and `context` (around a slot)."""

    def __init__(self, path: Path = CUES_FILE) -> None:
        data = load_yaml(path)
        self.asks: dict[str, re.Pattern] = {name: compile_cue(v) for name, v in data["asks"].items()}
        self.context: dict[str, re.Pattern] = {name: compile_cue(v) for name, v in data["context"].items()}
        # cue -> folded phrase -> its words' marked keys, for the phrases written with marks
        self.marked: dict[str, dict[str, tuple[str | None, ...]]] = {
            name: {fold(v): tuple(marked_key(w) for w in v.split()) for v in values
                   if isinstance(v, str) and not v.startswith(_REGEX) and not v.isascii()}
            for name, values in data["asks"].items() if isinstance(values, list)
        }
        # cue -> the first words of its phrases: a cue made only of phrases is tried only when one of them is there
        self.keys: dict[str, frozenset[str] | None] = {
            name: (frozenset(fold(v).split()[0] for v in values)
                   if isinstance(values, list) and not any(v.startswith(_REGEX) for v in values) else None)
            for name, values in data["asks"].items()
        }
        self.acts: dict[str, tuple[str, ...]] = {act: tuple(names) for act, names in data["acts"].items()}
        unknown = {n for names in self.acts.values() for n in names} - set(self.asks) - {COUNT}
        if unknown:
            raise ValueError(f"cues.yaml: acts name unknown cues {sorted(unknown)}")

    def act(self, cues: frozenset[str], count: bool = False) -> str:
        """What a message does: the first act whose cues it has (COUNT: the message asks for a number)."""
        have = cues | ({COUNT} if count else set())
        return next((act for act, names in self.acts.items() if have & set(names)), ASK)

    def found(self, text: str, raw: str = "") -> frozenset[str]:
        """The names of the `asks` cues found in a folded text (raw: the message as typed, to check marks)."""
        present = set(text.split())
        typed: list[tuple[str, str | None]] | None = None  # the raw words with their marks, read when needed
        found = []
        for name, rx in self.asks.items():
            keys = self.keys[name]
            if keys is not None and not keys & present:
                continue
            marked = self.marked.get(name) if raw and not raw.isascii() else None
            for m in rx.finditer(text):
                spelled = marked.get(m.group(0)) if marked else None
                if spelled is not None and typed is None:
                    typed = [(fold(w), marked_key(w)) for w in _WORD.findall(raw)]
                if spelled is None or typed_alike(m.group(0).split(), spelled, typed or []):
                    found.append(name)
                    break
        return frozenset(found)

    def __getitem__(self, name: str) -> re.Pattern:
        """One cue's pattern, of either section."""
        return self.context.get(name) or self.asks[name]


@functools.lru_cache(maxsize=1)
def cue_book() -> CueBook:
    """The cue book, compiled once."""
    return CueBook()


def typed_alike(folded: list[str], keys: tuple[str | None, ...], words: list[tuple[str, str | None]]) -> bool:
    """The phrase is typed somewhere without marks or with its own marks (or only came from an abbreviation)."""
    n = len(folded)
    seen = False
    for i in range(len(words) - n + 1):
        if [w for w, _ in words[i:i + n]] != folded:
            continue
        seen = True
        if all(typed is None or typed == key for (_, typed), key in zip(words[i:i + n], keys)):
            return True
    return not seen


def first_group(m: re.Match | None) -> str | None:
    """The first group of a match that matched (patterns with alternative groups), or None."""
    if m is None:
        return None
    return next((g for g in m.groups() if g is not None), None)
