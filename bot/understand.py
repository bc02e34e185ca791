"""Reads a message: canonical text, entities, intent scores and matching passages of the plan."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bot.cuebook import cue_book
from bot.entities import Entities, EntityExtractor, delexicalize
from bot.intents import IntentMatcher, load_intents
from bot.lexicon import Lexicon, load_lexicon
from bot.retrieval import Hit, PassageIndex
from knowledge import KnowledgeBase, default_kb


@dataclass(frozen=True)
class Analysis:
    """Everything the decision needs to know about one message: its slots, its cues, intent scores and passages."""

    raw: str
    ent: Entities
    delexed: str
    cues: frozenset[str]  # names of the cues of bot/data/cues.yaml (asks) the message has
    scores: dict[str, float]
    hits: list[Hit]
    coverage: float


class Understander:
    """Owns the lexicon, the entity patterns, the intent matcher and the passage index."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.intents = load_intents()
        examples = [ex for spec in self.intents for ex in spec.examples]
        self.lex: Lexicon = load_lexicon(kb=kb, extra=examples)
        self.extractor = EntityExtractor(kb, self.lex)
        self.matcher = IntentMatcher(self.intents, self.delex_raw)
        self.index = PassageIndex(kb, self.lex)
        self.cues = cue_book()

    def delex_raw(self, raw: str) -> str:
        """Slot-replaced canonical text of a raw message."""
        return delexicalize(self.extractor, self.lex.canonical(raw))

    def analyze(self, raw: str, boost: dict[str, float] | None = None) -> Analysis:
        """Analyze one message."""
        ent = self.extractor.extract(raw)
        delexed = delexicalize(self.extractor, ent.text)
        if boost is None:
            boost = tier_boost(self.kb, ent)
        return Analysis(
            raw=raw,
            ent=ent,
            delexed=delexed,
            cues=self.cues.found(ent.text, raw),
            scores=self.matcher.scores(delexed),
            hits=self.index.search(ent.text, limit=8, boost=boost),
            coverage=self.index.coverage(ent.text, self.lex.stopwords),
        )


TIER_BOOST = 1.3  # passages of the clauses written for the tier or role a message names weigh this much more


def tier_boost(kb: KnowledgeBase, ent: Entities) -> dict[str, float]:
    """Prefer the clauses written for the tier or role the message names (plan data: tiers/roles[].clauses).

    Only the tiers whose requirements are not by grade are preferred: the others share their clauses."""
    boost: dict[str, float] = {}
    tier = kb.by_id("tiers", ent.tier) if ent.tier else None
    role = kb.by_id("roles", ent.role) if ent.role else None
    if role is not None and tier is None and len(role.tiers) == 1:
        tier = kb.by_id("tiers", role.tiers[0])
    if tier is not None and not tier.graded:
        boost.update({c: TIER_BOOST for c in tier.clauses})
    if role is not None:
        boost.update({c: TIER_BOOST for c in role.clauses})
    return boost


@functools.lru_cache(maxsize=1)
def default_understander() -> Understander:
    """The understander of the default plan, built once."""
    return Understander(default_kb())
