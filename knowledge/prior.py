"""A learned clause prior stored beside a plan: which clause a question's wording usually asks about.

The file (kh39.prior.json beside kh39.yaml) is written by scripts/fit_prior.py from the labelled question sets:
TF-IDF over the character 2-5-grams and word 1-2-grams of the folded text, then logistic regression. Scoring here
is plain Python over the stored weights, so the assistant needs no learning library at run time."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

from dataclasses import dataclass

FALLBACK = "fallback"  # the label of the questions the plan does not answer


@dataclass(frozen=True)
class Block:
    """One kind of feature: its inverse document frequencies and its weights per class (sparse)."""

    idf: dict[str, float]
    weights: dict[str, list[float]]  # feature -> [class index, weight, class index, weight, …]

    @classmethod
    def read(cls, raw: dict) -> "Block":
        """A block from its stored form, checked for shape."""
        if set(raw) != {"idf", "weights"} or set(raw["weights"]) - set(raw["idf"]):
            raise ValueError("prior block: needs idf and weights over the same features")
        return cls(idf=raw["idf"], weights=raw["weights"])


@dataclass(frozen=True)
class ClausePrior:
    """A fitted prior: classes (clause ids and 'fallback'), intercepts and two feature blocks."""

    fitted_on: list[str]  # the labelled sets it was fitted on
    classes: list[str]
    intercepts: list[float]
    chars: Block
    words: Block

    def probabilities(self, folded: str) -> dict[str, float]:
        """Each class's probability for a folded question (softmax over the linear scores)."""
        scores = list(self.intercepts)
        for block, features in ((self.chars, char_grams(folded)), (self.words, word_grams(folded))):
            for feature, value in _tfidf(block, features).items():
                pairs = block.weights.get(feature, ())
                for i in range(0, len(pairs), 2):
                    scores[int(pairs[i])] += pairs[i + 1] * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}


def char_grams(folded: str) -> list[str]:
    """Character 2-5-grams of each word padded with a space on each side."""
    out: list[str] = []
    for word in folded.split():
        padded = f" {word} "
        for n in range(2, 6):
            out += [padded[i:i + n] for i in range(len(padded) - n + 1)]
    return out


def word_grams(folded: str) -> list[str]:
    """Words and adjacent word pairs."""
    words = folded.split()
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def _tfidf(block: Block, features: list[str]) -> dict[str, float]:
    """Sublinear TF times IDF over the block's known features, L2-normalised."""
    counts = Counter(f for f in features if f in block.idf)
    values = {f: (1 + math.log(n)) * block.idf[f] for f, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {f: v / norm for f, v in values.items()}


def prior_file(plan_path: Path) -> Path:
    """The prior beside a plan file: kh39.yaml -> kh39.prior.json."""
    return plan_path.with_name(f"{plan_path.stem}.prior.json")


def load_prior(plan_path: Path, clause_ids: set[str]) -> ClausePrior | None:
    """The plan's prior, or None when it has none."""
    path = prior_file(plan_path)
    return read_prior(path, clause_ids) if path.is_file() else None


def read_prior(path: Path, clause_ids: set[str]) -> ClausePrior:
    """A stored prior; classes that are not clauses of the plan (ids renamed since the fit) can never win."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if set(raw) != {"fitted_on", "classes", "intercepts", "chars", "words"} or len(raw["classes"]) != len(
            raw["intercepts"]):
        raise ValueError(f"{path}: not a clause prior (see scripts/fit_prior.py)")
    prior = ClausePrior(raw["fitted_on"], raw["classes"], list(raw["intercepts"]), Block.read(raw["chars"]),
                        Block.read(raw["words"]))
    stale = [i for i, c in enumerate(prior.classes) if c != FALLBACK and c not in clause_ids]
    for i in stale:  # an id renamed in the plan since the fit: that class can no longer win
        prior.intercepts[i] = -1e9
    return prior
