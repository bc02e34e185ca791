"""One phrase matcher over the plan's whole vocabulary: typed matches with spans, accent-aware, longest match wins.

A word typed with marks matches only a vocabulary word with the same marks (after NFC, and wherever the tone mark
sits: "hóa" = "hoá"); a word typed without marks matches by its folded form ("dai hoc" = "đại học"). Numbers match
without their leading zeros ("1.003" = "01.003"). Compiled once per plan; pure, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.schema import KnowledgeBase, Term
from knowledge.text import fold

KINDS = ("grade", "tier", "role", "area", "level", "office", "place", "position")
GUARD = "guard"  # a phrase that names nothing: it takes its words, and is never reported
_WORD = re.compile(r"[^\W_]+")
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}  # grave acute tilde hook dot
_CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class Match:
    """One vocabulary phrase found in a text: what it names and where (start, end: character offsets)."""

    kind: str  # one of KINDS
    id: str  # the item's id (a level's id on its scale)
    start: int  # offsets in the NFC form of the text
    end: int
    text: str  # the words as typed
    scale: str | None = None  # levels only: the scale id


@dataclass(frozen=True)
class _Entry:
    kind: str
    id: str
    scale: str | None
    marked: tuple[str | None, ...]  # per word: its marked key, or None when the vocabulary wrote it without marks


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    folded: str
    marked: str | None  # None when typed without marks


def _number(word: str) -> str:
    return word.lstrip("0") or "0" if word.isdigit() else word


def marked_key(word: str) -> str | None:
    """The word with its marks, the tone moved to the end ("hoá", "hóa" -> "hoa1"); None if typed without marks."""
    lower = unicodedata.normalize("NFC", word.lower())
    if lower.isascii():
        return None
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", lower):
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


class PhraseMatcher:
    """Finds the plan's named things in a text. Build with matcher_for(kb); then find(text, kinds=..., scale=...)."""

    def __init__(self, phrases: Iterable[tuple[str, str, str, str | None]]) -> None:
        """phrases: (phrase, kind, id, scale) for every way of naming every item."""
        self._table: dict[tuple[str, ...], list[_Entry]] = {}
        self._longest: dict[str, int] = {}  # first folded word -> most words of a phrase starting with it
        self._words: dict[str, tuple[str, str | None]] = {}
        for phrase, kind, item_id, scale in phrases:
            words = _WORD.findall(unicodedata.normalize("NFC", phrase))
            if not words:
                continue
            folded = tuple(_number(fold(w)) for w in words)
            entry = _Entry(kind, item_id, scale, tuple(marked_key(w) for w in words))
            entries = self._table.setdefault(folded, [])
            if entry not in entries:
                entries.append(entry)
            self._longest[folded[0]] = max(self._longest.get(folded[0], 0), len(folded))

    def tokens(self, text: str) -> list[_Token]:
        """The words of an NFC text with their spans, folded and marked keys."""
        out = []
        cache = self._words
        for m in _WORD.finditer(text):
            word = m.group()
            keys = cache.get(word)
            if keys is None:
                keys = (_number(fold(word)), marked_key(word))
                if len(cache) < _CACHE_LIMIT:
                    cache[word] = keys
            out.append(_Token(m.start(), m.end(), keys[0], keys[1]))
        return out

    def find(self, text: str, kinds: Iterable[str] | None = None, scale: str | None = None) -> list[Match]:
        """Every phrase in the text, left to right, the longest at each place; phrases do not overlap.

        kinds limits the kinds looked for; scale limits levels to one scale. A phrase naming several items
        (e.g. "chuyên viên": a grade and a QLNN programme) gives one Match per item, same span.
        """
        wanted = set(kinds) if kinds is not None else None
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        toks = self.tokens(text)
        out: list[Match] = []
        i, n = 0, len(toks)
        while i < n:
            longest = min(self._longest.get(toks[i].folded, 0), n - i)
            hit: list[_Entry] = []
            length = 0
            for length in range(longest, 0, -1):
                entries = self._table.get(tuple(t.folded for t in toks[i:i + length]))
                if not entries:
                    continue
                hit = [e for e in entries
                       if (wanted is None or e.kind in wanted or e.kind == GUARD)
                       and (scale is None or e.kind != "level" or e.scale == scale)
                       and _marks_agree(toks[i:i + length], e.marked)]
                if hit and not _code_split(text, toks[i:i + length]):
                    break
                hit = []
            if not hit:
                i += 1
                continue
            start, end = toks[i].start, toks[i + length - 1].end
            out.extend(Match(e.kind, e.id, start, end, text[start:end], e.scale) for e in hit if e.kind != GUARD)
            i += length
        return out

    def first(self, text: str, kind: str, scale: str | None = None) -> Match | None:
        """The first phrase of one kind in the text, or None."""
        found = self.find(text, (kind,), scale)
        return found[0] if found else None


def _code_split(text: str, tokens: list[_Token]) -> bool:
    """A run of numbers that is not one code: "1, 2" is not "01.002" (a code's numbers are joined by a dot)."""
    if len(tokens) < 2 or not all(t.folded.isdigit() for t in tokens):
        return False
    return any(text[a.end:b.start] not in (".", "") for a, b in zip(tokens, tokens[1:]))


def _marks_agree(tokens: list[_Token], marked: tuple[str | None, ...]) -> bool:
    """A word typed with marks must carry the vocabulary word's marks; a word typed without marks always agrees."""
    for tok, key in zip(tokens, marked):
        if tok.marked is not None and tok.marked != (key if key is not None else tok.folded):
            return False
    return True


def phrases_of(kb: KnowledgeBase) -> list[tuple[str, str, str, str | None]]:
    """(phrase, kind, id, scale) for every name of every item in the plan and its vocabulary."""
    v = kb.vocabulary
    out: list[tuple[str, str, str, str | None]] = []
    for kind, items, extra in (("grade", kb.grades, v.grades), ("tier", kb.tiers, v.tiers),
                               ("role", kb.roles, v.roles), ("area", kb.areas, v.areas)):
        for item in items:
            names = [item.name, *item.aliases, *extra.get(item.id, [])]
            if kind == "grade":
                names.append(item.short)
            out += [(name, kind, item.id, None) for name in names]
    for scale in kb.scales:
        for level in scale.levels:
            names = [level.name, *level.aliases, *v.levels.get(scale.id, {}).get(level.id, [])]
            out += [(name, "level", level.id, scale.id) for name in names]
    for kind, terms in (("office", v.offices), ("place", v.places), ("position", v.positions)):
        for term in terms:
            out += [(name, kind, term.id, None) for name in (term.name, *term.aliases)]
    out += [(phrase, GUARD, phrase, None) for phrase in v.guards]
    return out


_MATCHERS: dict[int, tuple[KnowledgeBase, PhraseMatcher]] = {}


def matcher_for(kb: KnowledgeBase) -> PhraseMatcher:
    """The compiled matcher of a plan (built once per plan object)."""
    hit = _MATCHERS.get(id(kb))
    if hit is None or hit[0] is not kb:
        hit = _MATCHERS[id(kb)] = (kb, PhraseMatcher(phrases_of(kb)))
    return hit[1]


def term(kb: KnowledgeBase, kind: str, term_id: str) -> Term | None:
    """The office, place or position with this id."""
    terms = {"office": kb.vocabulary.offices, "place": kb.vocabulary.places, "position": kb.vocabulary.positions}
    for t in terms.get(kind, []):
        if t.id == term_id:
            return t
    return None


def implied_tier(kb: KnowledgeBase, match: Match) -> str | None:
    """The tier a match names or implies: a tier itself, or an office, place or position that implies one."""
    if match.kind == "tier":
        return match.id
    found = term(kb, match.kind, match.id)
    return found.tier if found is not None else None


TIER_KINDS = ("tier", "office", "place", "position")


def tier_of(kb: KnowledgeBase, matcher: PhraseMatcher, text: str) -> Match | None:
    """The phrase that gives a text's tier: the first one implying a tier, a generic word (phòng) only when no
    other phrase implies one ("Phòng Tổ chức - Sở Y tế" is cấp tỉnh). None if no phrase implies a tier."""
    weak: Match | None = None
    for match in matcher.find(text, TIER_KINDS):
        if implied_tier(kb, match) is None:
            continue
        found = term(kb, match.kind, match.id)
        if found is not None and found.weak:
            weak = weak or match
            continue
        return match
    return weak
