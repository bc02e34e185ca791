"""Finding phrases fast: word n-grams, phrase sets (accent-aware for phrases written with marks), guarded patterns."""

from __future__ import annotations

import re

from bot.cuebook import typed_alike
from knowledge.text import fold
from knowledge.vocabulary import marked_key

_WORD = re.compile(r"[^\W_]+")


def ngrams(text: str, n: int = 4) -> set[str]:
    """Every run of 1..n consecutive words of a text."""
    words = text.split()
    return {" ".join(words[i : i + k]) for k in range(1, n + 1) for i in range(len(words) - k + 1)}


class PhraseSet:
    """Finds any of a list of phrases in a text: plain phrases by n-gram lookup, 're:' entries by pattern."""

    def __init__(self, phrases) -> None:
        plain = [p for p in phrases if not p.startswith("re:")]
        self.plain = [fold(p) for p in plain]
        # a phrase written with marks ("sổ đỏ") counts only where typed without marks or with its own ("con số đó")
        self.marked = {fold(p): tuple(marked_key(w) for w in p.split()) for p in plain if not p.isascii()}
        self.patterns = [re.compile(p[3:]) for p in phrases if p.startswith("re:")]
        self.long = [p for p in self.plain if len(p.split()) > 4]

    def find(self, text: str, grams: set[str], raw: str = "") -> str | None:
        """The first phrase found, or None (grams: the message's word n-grams, see ngrams(); raw: as typed)."""
        typed = None
        for p in self.plain:
            if p in grams or (p in self.long and f" {p} " in f" {text} "):
                keys = self.marked.get(p) if raw and not raw.isascii() else None
                if keys is None:
                    return p
                if typed is None:
                    typed = [(fold(w), marked_key(w)) for w in _WORD.findall(raw)]
                if typed_alike(p.split(), keys, typed):
                    return p
        for rx in self.patterns:
            m = rx.search(text)
            if m:
                return m.group(0)
        return None


class Guarded:
    """A pattern tried only when one of its literal key words is in the text (regexes are the slow part)."""

    def __init__(self, pattern: re.Pattern, keys: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.keys = keys

    def search(self, text: str):
        """Like re.Pattern.search, skipping texts that cannot match."""
        if not any(k in text for k in self.keys):
            return None
        return self.pattern.search(text)

    def sub(self, repl: str, text: str) -> str:
        """Like re.Pattern.sub."""
        if not any(k in text for k in self.keys):
            return text
        return self.pattern.sub(repl, text)


def any_of(patterns: list[str]) -> re.Pattern:
    """One pattern matching any of several (each kept in its own non-capturing group)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))
