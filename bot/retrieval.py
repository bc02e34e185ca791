"""Passage search over the plan's items: BM25 on words and word pairs, with clause-heading context."""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass

from bot.lexicon import Lexicon
from knowledge import KnowledgeBase

K1 = 0.9
B = 0.6
PAIR_WEIGHT = 1.5
HEADING_WEIGHT = 1.0
SECTION_BOOST = 2.0  # a question naming a section ("mục tiêu", "giải pháp" ...) prefers its passages


@dataclass(frozen=True)
class Passage:
    """One item of one clause, the unit the search returns."""

    clause: str
    index: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A passage and how well it matches."""

    passage: Passage
    score: float


def term_weight(term: str) -> float:
    """Word pairs weigh more than words; a multiword name (one term) weighs as the words it joins."""
    if "+" in term:
        return PAIR_WEIGHT
    return min(3.0, 1.0 + 0.25 * term.count("_"))


def terms(words: list[str]) -> list[str]:
    """Words and adjacent word pairs, the search's terms (pairs joined by '+')."""
    return words + [f"{a}+{b}" for a, b in zip(words, words[1:])]


class PassageIndex:
    """BM25 over the plan's items; each item also carries its clause's headings, down-weighted."""

    def __init__(self, kb: KnowledgeBase, lex: Lexicon) -> None:
        self.lex = lex
        self.passages: list[Passage] = []
        self._tf: list[Counter] = []
        self._head_tf: list[Counter] = []
        self._len: list[int] = []
        titles = {c.id: c.title for c in kb.clauses}
        for clause in kb.clauses:
            if kb.annex is not None and clause.id == kb.annex.clause:  # figures are read from the table
                continue
            heading = " ".join(
                titles[p] for p in _ancestors(clause.id) if p in titles
            )
            head_terms = Counter(terms(lex.join_compounds(lex.canonical(heading)).split()))
            for i, item in enumerate(clause.items):
                words = lex.join_compounds(lex.canonical(item)).split()
                self.passages.append(Passage(clause.id, i, item))
                self._tf.append(Counter(terms(words)))
                self._head_tf.append(head_terms)
                self._len.append(len(words))
        n = len(self.passages)
        self._avg = sum(self._len) / max(n, 1)
        df: Counter = Counter()
        for tf, head in zip(self._tf, self._head_tf):
            df.update(set(tf) | set(head))
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        # headings get their own IDF, over distinct headings: a word in few headings is a strong cue
        heads = {frozenset(h) for h in self._head_tf}
        hdf: Counter = Counter()
        for h in heads:
            hdf.update(h)
        self.head_idf = {t: math.log(1 + (len(heads) - d + 0.5) / (d + 0.5)) for t, d in hdf.items()}
        self._by_prefix: dict[str, list[int]] = {}
        # postings: term -> [(passage index, its weight)], so a search touches only passages sharing a term
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for i, (tf, head) in enumerate(zip(self._tf, self._head_tf)):
            norm = K1 * (1 - B + B * self._len[i] / self._avg)
            for t in set(tf) | set(head):
                weight = term_weight(t)
                f = tf.get(t, 0)
                w = weight * self.idf[t] * f * (K1 + 1) / (f + norm) if f else 0.0
                if t in head:
                    w += HEADING_WEIGHT * weight * self.head_idf[t]
                self._postings.setdefault(t, []).append((i, w))
        self.max_idf = math.log(1 + (n + 0.5) / 0.5)

    def query_terms(self, canonical: str) -> list[str]:
        """The query's terms, with the lexicon's synonyms added."""
        words = self.lex.join_compounds(canonical).split()
        extra: list[str] = []
        padded = f" {canonical} "
        for phrase, target in self.lex.synonyms.items():
            if f" {phrase} " in padded:
                extra.extend(terms(self.lex.join_compounds(target).split()))
        return list(dict.fromkeys(terms(words) + extra))

    def section_boost(self, canonical: str) -> dict[str, float]:
        """Sections the question names by their kind (lexicon: section_cues)."""
        padded = f" {canonical} "
        return {sec: SECTION_BOOST for phrase, sec in self.lex.section_cues.items() if f" {phrase} " in padded}

    def search(self, canonical: str, limit: int = 5, boost: dict[str, float] | None = None) -> list[Hit]:
        """Best passages for a canonical query; boost multiplies scores by clause id prefix."""
        boost = {**(boost or {}), **self.section_boost(canonical)}
        scores = [0.0] * len(self.passages)
        for t in self.query_terms(canonical):
            for i, w in self._postings.get(t, ()):
                scores[i] += w
        for prefix, factor in boost.items():
            for i in self._under(prefix):
                scores[i] *= factor
        best = heapq.nlargest(limit, ((s, -i) for i, s in enumerate(scores) if s > 0))
        return [Hit(self.passages[-i], s) for s, i in best]

    def within(self, canonical: str, clause: str) -> list[Hit]:
        """Every passage of one clause scored for a query, best first (the search keeps only the best of all)."""
        wanted = {i for i in self._under(clause) if self.passages[i].clause == clause}
        scores = dict.fromkeys(wanted, 0.0)
        for t in self.query_terms(canonical):
            for i, w in self._postings.get(t, ()):
                if i in wanted:
                    scores[i] += w
        return [Hit(self.passages[i], s) for i, s in sorted(scores.items(), key=lambda x: -x[1]) if s > 0]

    def _under(self, prefix: str) -> list[int]:
        """Passages of a clause and of the clauses under it."""
        found = self._by_prefix.get(prefix)
        if found is None:
            found = [i for i, p in enumerate(self.passages) if p.clause == prefix or p.clause.startswith(prefix + ".")]
            self._by_prefix[prefix] = found
        return found

    def coverage(self, canonical: str, stopwords: frozenset[str]) -> float:
        """Share of the query's informative words (IDF-weighted) that the plan knows."""
        words = [w for w in self.lex.join_compounds(canonical).split() if w not in stopwords and not w.isdigit()]
        if not words:
            return 0.0
        total = known = 0.0
        for w in words:
            weight = self.idf.get(w, self.max_idf)
            total += weight
            if w in self.idf:
                known += weight
        return known / total


def _ancestors(clause_id: str) -> list[str]:
    parts = clause_id.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
