"""Reads a message: canonical text, entities, intent scores and matching passages of the plan."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

from bot.cuebook import cue_book
from bot.entities import Entities, EntityExtractor, delexicalize
from bot.intents import IntentMatcher, load_intents
from bot.lexicon import Lexicon, load_lexicon
from bot.message import introduction_pattern
from bot.normalize import normalize
from bot.policy import Policy, Topic, load_policy
from bot.reply import State
from bot.retrieval import Hit, PassageIndex
from knowledge import KnowledgeBase, default_kb


@dataclass(frozen=True)
class Reading:
    """Everything the decision needs to know about one message: its slots, its cues and act, its passages, and
    (once ranked in its conversation) the intents it may mean, best first. The decision reads nothing else."""

    raw: str
    ent: Entities
    delexed: str
    cues: frozenset[str]  # names of the cues of bot/data/cues.yaml (asks) the message has
    act: str  # what the message does: the first act of cues.yaml whose cues it has ("ask" when none)
    scores: dict[str, float]  # each intent's best example match, 0..1
    hits: list[Hit]
    coverage: float
    prior: dict[str, float] = field(default_factory=dict)  # the plan's learned clause prior: label -> probability
    topics: tuple[Topic, ...] = ()  # intents with their policy scores, best first (Understander.rank)


Analysis = Reading  # the decision modules' older name for a reading


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
        self._introduction = introduction_pattern()  # "tôi là …", "em ở …": the asker says who they are
        self.policy = Policy(kb, load_policy().evidence)
        # the learned prior of a folded text: a message is read in parts and whole, a heading again; kept small so
        # that only the readings of one message share it (a benchmark repeating its questions gains nothing)
        self._prior = functools.lru_cache(maxsize=32)(kb.prior.probabilities) if kb.prior is not None else None

    def delex_raw(self, raw: str) -> str:
        """Slot-replaced canonical text of a raw message."""
        return delexicalize(self.extractor, self.lex.canonical(raw))

    def understand(self, raw: str, state: State) -> Reading:
        """One message read in its conversation: slots, cues, act, passages and ranked intents."""
        return self.rank(self.analyze(raw), state)

    def rank(self, a: Reading, state: State) -> Reading:
        """The reading with its intents ranked by the policy, in this conversation."""
        return replace(a, topics=self.policy.rank(a, state))

    def analyze(self, raw: str, boost: dict[str, float] | None = None) -> Reading:
        """Read one message on its own (no conversation: its intents are ranked when it is decided)."""
        ent = self.extractor.extract(raw)
        delexed = delexicalize(self.extractor, ent.text)
        if boost is None:
            boost = tier_boost(self.kb, ent)
        cues = self.cues.found(ent.text, self.lex.spell_out(raw))
        prior = self._prior(normalize(raw)) if self._prior is not None else {}
        if ent.out_of_scope and (self._introduction.search(ent.text) or "correction" in cues) \
                and _states_who(ent, cues, raw):
            ent.out_of_scope = None  # "tôi là CVC ở Sở Công Thương, sắp nghỉ hưu", "à nhầm, tôi vừa được chuyển
            # ngạch chuyên viên": an introduction or a correction asks nothing
        return Reading(
            raw=raw,
            ent=ent,
            delexed=delexed,
            cues=cues,
            act=self.cues.act(cues, count=ent.count),
            scores=self.matcher.scores(delexed),
            hits=self.index.search(ent.text, limit=8, boost=boost),
            coverage=self.index.coverage(ent.text, self.lex.stopwords),
            prior=prior,
        )


def _states_who(ent: Entities, cues: frozenset[str], raw: str) -> bool:
    """The message only says who the asker is (a grade, tier or role, no question): nothing in it is asked."""
    return (ent.person and bool(ent.grade or ent.tier or ent.role) and "?" not in raw
            and not {"asking", "request"} & cues)


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
