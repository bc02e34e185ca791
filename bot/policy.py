"""The policy as data (bot/data/policy.yaml): each intent's score is its example match plus its weighted evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.cuebook import cue_book
from bot.normalize import normalize
from bot.evidence import EVIDENCE, Setting, evidence, weigh
from bot.reply import State
from knowledge import KnowledgeBase
from knowledge.queries import requirement_areas
from knowledge.yamlfile import load_yaml

POLICY_FILE = Path(__file__).parent / "data" / "policy.yaml"


class PolicyFile(BaseModel):
    """The policy file: evidence weights per intent, and what the last fit measured."""

    model_config = ConfigDict(extra="forbid")

    fitted: str | None = None
    evidence: dict[str, dict[str, float]]


def load_policy(path: Path = POLICY_FILE) -> PolicyFile:
    """Read and check the policy file."""
    policy = PolicyFile.model_validate(load_yaml(path))
    for intent, weights in policy.evidence.items():
        unknown = set(weights) - set(EVIDENCE)
        if unknown:
            raise ValueError(f"policy.yaml: intent {intent}: unknown evidence {sorted(unknown)}")
    return policy


@dataclass(frozen=True)
class Topic:
    """One reading of what a message asks: an intent and how well the message fits it."""

    intent: str
    score: float


class Policy:
    """Ranks the intents of a message in a conversation: example match + evidence weighed as the data says."""

    def __init__(self, kb: KnowledgeBase, weights: dict[str, dict[str, float]]) -> None:
        self.kb = kb
        self.weights = weights
        self.ungraded = {t.id for t in kb.tiers if not t.graded}
        self.addressed = {role for r in kb.requirements for role in r.roles or []}  # roles some requirement names
        self._basis = kb.preamble.text
        self.requirement_areas = requirement_areas(kb)

    def setting(self, a, state: State) -> Setting:
        """What the evidence needs of the plan for this reading."""
        ent = a.ent
        role = self.kb.by_id("roles", ent.role) if ent.role else None
        role_tiers = set(role.tiers) if role else set()
        commune = (ent.tier in self.ungraded or bool(role_tiers and role_tiers <= self.ungraded)
                   or (ent.role in self.addressed and not role_tiers))
        return Setting(commune=commune, requirement_areas=self.requirement_areas,
                       cites_basis=self.cites_a_basis(a.raw))

    def cites_a_basis(self, raw: str) -> bool:
        """The message names a document number of the plan's preamble (its legal bases)."""
        return any(n in self._basis for n in cue_book()["document_number"].findall(normalize(raw))
                   if not re.fullmatch(r"20\d\d", n))

    def evidence(self, a, state: State) -> dict[str, float]:
        """The evidence of a reading in a conversation, by name."""
        return evidence(a, state, self.setting(a, state))

    def rank(self, a, state: State) -> tuple[Topic, ...]:
        """Every intent with its score, best first."""
        scores = weigh(a.scores, self.weights, self.evidence(a, state))
        return tuple(Topic(i, s) for i, s in sorted(scores.items(), key=lambda kv: -kv[1]))
