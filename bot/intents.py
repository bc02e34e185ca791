"""Intents as data, and the rapidfuzz matcher that scores a message against their examples."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from knowledge.yamlfile import load_yaml

INTENTS_FILE = Path(__file__).parent / "data" / "intents.yaml"
LONG_MESSAGE = 12  # words
MAX_WORDS = 24  # examples are short: the first words of a long message carry its kind


class IntentSpec(BaseModel):
    """One intent: what it means and how people phrase it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="the intent's id, reported in Reply.intent")
    label: str = Field(max_length=30, description="short button label offering this reading of a message")
    description: str = Field(description="what a user wants when they ask this, in Vietnamese")
    examples: list[str] = Field(min_length=1, description="natural phrasings, matched after slot replacement")
    handler: str = Field(description="the Decider method answering this intent (bot.decide.HANDLERS)")
    family: str | None = Field(default=None, description="intents answered alike: a near tie between them is no doubt")


class IntentFile(BaseModel):
    """The intents file."""

    model_config = ConfigDict(extra="forbid")

    intents: dict[str, dict]


def load_intents(path: Path = INTENTS_FILE) -> list[IntentSpec]:
    """Read the intents file."""
    raw = IntentFile.model_validate(load_yaml(path))
    return [IntentSpec(name=name, **spec) for name, spec in raw.intents.items()]


@dataclass(frozen=True)
class Calibration:
    """Decision thresholds derived from the examples themselves (leave-one-out)."""

    threshold: float  # below this, no intent is recognized
    gap: float  # top-2 scores closer than this are ambiguous


# similarity of two slot-replaced texts, 0..100: word-set overlap tempered by word order
SET_WEIGHT, ORDER_WEIGHT = 0.6, 0.4  # × fuzz.token_set_ratio, × the ratio of the words sorted (token_sort_ratio)


class IntentMatcher:
    """Scores a slot-replaced message against every intent's examples."""

    def __init__(self, intents: list[IntentSpec], delex) -> None:
        self.intents = intents
        self.delex = delex
        self.examples: list[str] = []
        self.labels: list[str] = []
        for spec in intents:
            for ex in spec.examples:
                self.examples.append(delex(ex))
                self.labels.append(spec.name)
        # token_sort_ratio is the plain ratio of the sorted words: sort the examples once
        self._sorted = [_sorted_words(e) for e in self.examples]
        # word -> examples containing it: only examples sharing a word with the message are scored
        self._by_word: dict[str, list[int]] = {}
        for i, ex in enumerate(self.examples):
            for w in set(ex.split()):
                self._by_word.setdefault(w, []).append(i)
        # words found in more than a tenth of the examples ("gi", "can", "co"); slot words excepted
        self._common = frozenset(
            w for w, ids in self._by_word.items() if len(ids) > len(self.examples) / 10 and not w.startswith("x")
        )
        self.calibration = self._calibrate()

    def scores(self, delexed: str) -> dict[str, float]:
        """Best example similarity per intent, 0..1."""
        best: dict[str, float] = {spec.name: 0.0 for spec in self.intents}
        if not delexed.strip():
            return best
        delexed = " ".join(delexed.split()[:MAX_WORDS])
        words = set(delexed.split())
        if len(words) > LONG_MESSAGE:  # a long message has telling words enough: common ones select no example
            words -= self._common
        shared = sorted({i for w in words for i in self._by_word.get(w, ())})
        if not shared:
            return best
        examples = [self.examples[i] for i in shared]
        ordered = [self._sorted[i] for i in shared]
        # the two scorers run in C over the candidate examples, combined by SET_WEIGHT and ORDER_WEIGHT
        set_scores = [0.0] * len(shared)
        for _, s, k in process.extract(delexed, examples, scorer=fuzz.token_set_ratio, limit=None):
            set_scores[k] = s
        for _, s, k in process.extract(_sorted_words(delexed), ordered, scorer=fuzz.ratio, limit=None):
            combined = (SET_WEIGHT * set_scores[k] + ORDER_WEIGHT * s) / 100
            label = self.labels[shared[k]]
            if combined > best[label]:
                best[label] = combined
        return best

    def leave_one_out(self) -> list[tuple[str, str, float, float]]:
        """For each example: its intent, the intent it would be matched to without itself, the top score, the gap."""
        out = []
        for i, ex in enumerate(self.examples):
            best: dict[str, float] = {}
            # every other example, each scorer looping in C
            sets = {k: s for _, s, k in process.extract(ex, self.examples, scorer=fuzz.token_set_ratio, limit=None)}
            for _, sort, j in process.extract(ex, self.examples, scorer=fuzz.token_sort_ratio, limit=None):
                if i == j:
                    continue
                s = (SET_WEIGHT * sets[j] + ORDER_WEIGHT * sort) / 100
                if s > best.get(self.labels[j], 0.0):
                    best[self.labels[j]] = s
            ranked = sorted(best.items(), key=lambda kv: -kv[1])
            top, second = ranked[0], ranked[1] if len(ranked) > 1 else ("", 0.0)
            out.append((self.labels[i], top[0], top[1], top[1] - second[1]))
        return out

    def _calibrate(self) -> Calibration:
        loo = self.leave_one_out()
        right = sorted(s for want, got, s, _ in loo if want == got)
        wrong = sorted(s for want, got, s, _ in loo if want != got)
        # threshold: the 10th percentile of correct leave-one-out scores (examples are the floor of real phrasing)
        threshold = right[len(right) // 10] if right else 0.5
        gaps = sorted(g for want, got, _, g in loo if want == got)
        gap = gaps[len(gaps) // 10] if gaps else 0.05
        del wrong
        return Calibration(threshold=round(min(threshold, 0.75), 3), gap=round(max(min(gap, 0.08), 0.02), 3))


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))
