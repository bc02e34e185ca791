"""The question-side vocabulary: abbreviations, synonyms, out-of-scope topics, typo repair."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.normalize import is_syllable, normalize
from knowledge import KnowledgeBase, default_kb
from knowledge.yamlfile import load_yaml

LEXICON_FILE = Path(__file__).parent / "data" / "lexicon.yaml"
_TOKEN = re.compile(r"[^\W_]+")
# "UBND huyện" is written "UBND cấp huyện" in the plan: spell the tier out the plan's way
_TIER_CAP = re.compile(
    r"\b(uy ban nhan dan|hoi dong nhan dan|cong chuc|can bo|can bo cong chuc|chuyen vien|lanh dao|chu tich) (tinh|huyen|xa)\b"
)


@dataclass(frozen=True)
class OutOfScope:
    """A topic the plan does not cover, and the words that name it."""

    topic: str
    words: tuple[str, ...]  # folded, except phrases written with marks: those count only where typed alike
    unrelated: bool = False  # nothing in the plan is near it (weather, food): the refusal points to no clause


@dataclass
class Lexicon:
    """Everything needed to turn a message into canonical words."""

    abbreviations: dict[str, str]
    synonyms: dict[str, str]
    out_of_scope: list[OutOfScope]
    other_places: list[str]
    person_words: list[str]
    stopwords: frozenset[str]
    section_cues: dict[str, str] = field(default_factory=dict)
    known_words: frozenset[str] = field(default_factory=frozenset)
    compounds: list[str] = field(default_factory=list)
    _compound_re: re.Pattern | None = None
    _repaired: dict[str, str] = field(default_factory=dict)
    vocabulary: frozenset[str] = field(default_factory=frozenset)
    frequency: dict[str, int] = field(default_factory=dict)
    pairs: frozenset[str] = field(default_factory=frozenset)
    spelled: dict[str, str] = field(default_factory=dict)  # abbreviation -> what it stands for, with its marks
    _by_initial: dict[str, list[str]] = field(default_factory=dict)
    _abbr_re: re.Pattern | None = None

    def finish(self, extra_texts: list[str]) -> "Lexicon":
        """Build the vocabulary (for typo repair) and the abbreviation pattern."""
        words: set[str] = set()
        freq: dict[str, int] = {}
        pairs: set[str] = set()
        for text in extra_texts:
            ws = normalize(text).split()
            for w in ws:
                freq[w] = freq.get(w, 0) + 1
            pairs.update(f"{a} {b}" for a, b in zip(ws, ws[1:]))
        self.pairs = frozenset(pairs)
        words.update(freq)
        self.frequency = freq
        for mapping in (self.abbreviations, self.synonyms):
            for k, v in mapping.items():
                words.update(k.split())
                words.update(v.split())
        for oos in self.out_of_scope:
            for w in oos.words:
                if not w.startswith("re:"):
                    words.update(normalize(w).split())
        words.update(("luong", "tien", "muc"))
        for group in (self.other_places, self.person_words, self.stopwords, self.known_words):
            for w in group:
                words.update(w.split())
        self.vocabulary = frozenset(w for w in words if w)
        by_initial: dict[str, list[str]] = {}
        for w in sorted(self.vocabulary):
            if len(w) >= 3 and not w.isdigit():
                by_initial.setdefault(w[0], []).append(w)
        self._by_initial = by_initial
        keys = sorted(self.abbreviations, key=len, reverse=True)
        self._abbr_re = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")
        return self

    def join_compounds(self, canonical: str) -> str:
        """Join multiword names into single terms: 'so noi vu' -> 'so_noi_vu'."""
        if not self.compounds:
            return canonical
        if self._compound_re is None:
            self._compound_re = re.compile(r"\b(" + "|".join(re.escape(c) for c in self.compounds) + r")\b")
        return self._compound_re.sub(lambda m: m.group(1).replace(" ", "_"), canonical)

    def expand(self, text: str) -> str:
        """Replace abbreviations by what they stand for."""
        if self._abbr_re is None:
            return text
        return self._abbr_re.sub(lambda m: self.abbreviations[m.group(1)], text)

    def spell_out(self, raw: str) -> str:
        """The message as typed, an abbreviation written with marks where the lexicon gives them ("HĐND" is "hội
        đồng nhân dân": its "hội" asks nothing, unlike "hỏi")."""
        if not self.spelled:
            return raw
        return _TOKEN.sub(lambda m: self.spelled.get(normalize(m.group(0)), m.group(0)), raw)

    def repair(self, word: str, before: str = "", after: str = "") -> str:
        """The nearest known word (same initial, one or two edits away), or the word itself.

        A well-formed Vietnamese syllable is only replaced when the repair makes a word pair the plan uses
        ("chin tri" -> "chinh tri"); ordinary words the plan lacks ("nhóm", "chia") stay as typed.
        """
        if len(word) < 4 or word in self.vocabulary or word.isdigit():
            return word
        cached = self._repaired.get(word)
        if cached is None:
            cached = _repair(self, word)
            if len(self._repaired) < 20000:  # bounded: unknown words are few, but input is unbounded
                self._repaired[word] = cached
        if cached != word and is_syllable(word):
            if f"{before} {cached}" not in self.pairs and f"{cached} {after}" not in self.pairs:
                return word
        return cached

    def canonical(self, text: str) -> str:
        """Normalized, abbreviations expanded, typos repaired."""
        words = self.expand(normalize(text)).split()
        repaired = " ".join(
            self.repair(w, words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else "")
            for i, w in enumerate(words)
        )
        return _TIER_CAP.sub(r"\1 cap \2", repaired)




def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _repair(lex: Lexicon, word: str) -> str:
    candidates = lex._by_initial.get(word[0], [])
    limit = 1 if len(word) < 7 else 2
    found = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=20)
    if not found:
        return word
    # fewest edits first; then a word the typo is a shortened form of (a dropped letter); then the commoner word
    best = min(found, key=lambda f: (f[1], not _is_subsequence(word, f[0]), -lex.frequency.get(f[0], 0), f[0]))
    return best[0]


def _kb_texts(kb: KnowledgeBase) -> list[str]:
    texts = [kb.document.title, kb.document.issuer, kb.document.signer.name]
    for clause in kb.clauses:
        texts.append(clause.title)
        texts.extend(clause.items)
    for kind in ("grades", "tiers", "roles", "areas"):
        for item in getattr(kb, kind):
            texts.append(item.name)
            texts.extend(item.aliases)
    for scale in kb.scales:
        for level in scale.levels:
            texts.append(level.name)
            texts.extend(level.aliases)
    if kb.annex:
        texts.extend(row.label for row in kb.annex.rows)
    return texts


@functools.lru_cache(maxsize=4)
def lexicon_data(path: Path = LEXICON_FILE) -> dict:
    """The lexicon file as parsed YAML, read once; every reader of the lexicon takes its part from here."""
    return load_yaml(path)


def load_lexicon(path: Path = LEXICON_FILE, kb: KnowledgeBase | None = None, extra: list[str] | None = None) -> Lexicon:
    """Read the lexicon file and build its vocabulary from it, the plan and extra texts."""
    raw = lexicon_data(path)
    for key, value in raw.items():  # every entry is text (YAML reads a bare 'no' or 'on' as a boolean)
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            raise ValueError(f"{path}: {key}: quote the words YAML reads as yes/no: {[v for v in value if isinstance(v, bool)]}")
    lex = Lexicon(
        abbreviations={normalize(k): normalize(v) for k, v in raw["abbreviations"].items()},
        spelled={normalize(k): v for k, v in raw["abbreviations"].items() if not v.isascii() and " " not in k},
        synonyms={normalize(k): normalize(v) for k, v in raw["synonyms"].items()},
        out_of_scope=[OutOfScope(o["topic"], tuple(w if w.startswith("re:") or not w.isascii() else normalize(w)
                                                   for w in o["words"]),
                                 bool(o.get("unrelated"))) for o in raw["out_of_scope"]],
        other_places=[normalize(p) for p in raw["other_places"]  # the plan's own province is no other place
                      if normalize(p) != normalize((kb or default_kb()).document.province)],
        person_words=[normalize(p) for p in raw["person_words"]],
        stopwords=frozenset(normalize(w) for w in raw["stopwords"]),
        section_cues={normalize(k): v for k, v in raw.get("section_cues", {}).items()},
        known_words=frozenset(normalize(w) for w in raw.get("known_words", [])),
        compounds=sorted({normalize(c) for c in raw.get("compounds", [])}, key=len, reverse=True),
    )
    return lex.finish(_kb_texts(kb or default_kb()) + (extra or []))
