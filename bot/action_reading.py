"""A pressed button's payload -> a reading built from its slot ids -> the decision of the intent it names."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from bot.actions import MSG_STALE, MSG_UNKNOWN, Action, ActionError, decode
from bot.annex import annex_extreme, annex_path
from bot.decide import Decider
from bot.decision import Decision
from bot.views import AnnexView, FallbackView
from bot.entities import Entities
from bot.reply import State
from bot.retrieval import Hit
from bot.subjects import Said
from bot.understand import Analysis, Understander, tier_boost
from knowledge import KnowledgeBase

log = logging.getLogger(__name__)
CHOSEN = 10.0  # the score of a passage of a clause a button names: well above what an answer needs
Learn = Callable[[State, Said, str], State]


class ActionReader:
    """Decides what a pressed button stands for, without reading any sentence back."""

    def __init__(self, kb: KnowledgeBase, understander: Understander, decider: Decider, learn: Learn) -> None:
        self.kb = kb
        self.u = understander
        self.decider = decider
        self.learn = learn
        self.specs = {spec.name: spec for spec in understander.intents}
        dropped = decider.menus.restrict(self.knows)  # bot/data/askback.yaml names ids; another plan may lack some
        if dropped:
            log.warning("askback.yaml: options naming ids this plan does not have are not offered: %s", dropped)

    def knows(self, action: Action) -> bool:
        """Does the action name only an intent and ids this plan has?"""
        try:
            self.check(action)
        except ActionError:
            return False
        return True

    def decide(self, payload: str, state: State) -> Decision:
        """The decision for a payload; a malformed, unknown or outdated one gets a Vietnamese message."""
        try:
            action = decode(payload)
            self.check(action)
        except ActionError as problem:
            return self._refusal(str(problem), state)
        # the message a choice completes: the one whose other reading is offered, or (a profile choice, no intent)
        # the question waiting for a grade or tier; a choice with an intent and slots of its own stands alone
        base = state.reread if action.intent and not action.slots() else None if action.intent else state.pending
        state = state.model_copy(update={"pending": None, "reread": None, "check": None})
        if action.intent and not action.slots():  # the other reading of the message asked before
            if not base:
                return self._refusal(MSG_STALE, state)
            return self.decider.decide(self.u.analyze(base), state, forced=action.intent)
        state = self.learn(state, Said(grade=action.grade, tier=action.tier, role=action.role), "")
        if action.duty:
            return self.decider.duties([self.kb.by_id("responsibilities", action.duty)], state)
        if action.need:
            return self.decider.conditions(None, state, [self.kb.by_id("requirements", action.need)])
        if action.intent == "nguyen_van" and action.clause:
            return self.decider.quote(action.clause, state)
        if action.row and action.intent in (None, "chi_tieu"):
            return self._figures(action, state)
        a = self.reading(action, base)
        if action.intent is None:  # a profile choice completing the question asked before
            return self.decider.decide(a, state)
        return getattr(self.decider, self.specs[action.intent].handler)(a, state, 1.0)

    def check(self, action: Action) -> None:
        """ActionError when the action names an intent or an id the plan does not have."""
        kb = self.kb
        known = {
            "intent": lambda v: v in self.specs,
            "grade": lambda v: kb.by_id("grades", v) is not None,
            "tier": lambda v: kb.by_id("tiers", v) is not None,
            "role": lambda v: kb.by_id("roles", v) is not None,
            "area": lambda v: kb.by_id("areas", v) is not None,
            "clause": kb.has_clause,
            "item": lambda v: action.clause is not None and kb.has_clause(action.clause)
            and 1 <= v <= len(kb.clause(action.clause).items),
            "duty": lambda v: kb.by_id("responsibilities", v) is not None,
            "need": lambda v: kb.by_id("requirements", v) is not None,
            "row": lambda v: kb.annex is not None and any(r.code == v for r in kb.annex.rows),
            "year": kb.document.in_period,
        }
        for name, ok in known.items():
            value = getattr(action, name)
            if value is not None and not ok(value):
                raise ActionError(MSG_UNKNOWN)

    def reading(self, action: Action, base: str | None = None) -> Analysis:
        """The analysis of the message a profile choice completes, with the chosen slots set; without such a
        message, a reading made of the slots alone (its words are the plan's names of them, for the search)."""
        if base:
            a = self.u.analyze(base)
            ent = a.ent
            ent.grade = action.grade or ent.grade
            ent.tier = action.tier or ent.tier
            ent.tiers = list(dict.fromkeys([*([action.tier] if action.tier else []), *ent.tiers]))
            ent.role = action.role or ent.role
            return replace(a, ent=ent, hits=self.u.index.search(ent.text, limit=8, boost=tier_boost(self.kb, ent)))
        text = self.u.lex.canonical(" ".join(self._names(action)))
        ent = Entities(text=text, grade=action.grade, tier=action.tier, tiers=[action.tier] if action.tier else [],
                       role=action.role, areas=[action.area] if action.area else [],
                       years=[action.year] if action.year else [], clause=action.clause,
                       period=(self.kb.document.period.start, self.kb.document.period.end))
        if action.clause:
            hits = [Hit(p, CHOSEN) for p in self.u.index.passages if p.clause == action.clause
                    and (action.item is None or p.index == action.item - 1)]
        else:
            hits = self.u.index.search(text, limit=8, boost=tier_boost(self.kb, ent))
        empty = self.u.analyze("")  # a reading of nothing, whatever fields a reading has, given the slots' own
        return replace(empty, raw=text, ent=ent, delexed="", cues=frozenset(), hits=hits, coverage=1.0,
                       scores={action.intent: 1.0} if action.intent else {})

    def _names(self, action: Action) -> list[str]:
        """The plan's names of the action's slots."""
        kb = self.kb
        names = [kb.by_id(kind, value).name for kind, value in
                 (("grades", action.grade), ("tiers", action.tier), ("roles", action.role), ("areas", action.area))
                 if value]
        if action.clause:
            clause = kb.clause(action.clause)
            names.append(clause.items[action.item - 1] if action.item else clause.title)
        if action.year:
            names.append(str(action.year))
        return names

    def _figures(self, action: Action, state: State) -> Decision:
        """The annex row a button names, for its year or the whole period."""
        annex = self.kb.annex
        rows = [annex.row(action.row)]
        paths = {action.row: annex_path(annex, action.row)}
        year = action.year if action.year in annex.years else None
        return Decision(
            kind="answer", intent="chi_tieu", confidence=1.0, clauses=[annex.clause],
            view=AnnexView(rows=rows, year=year, annex=annex, paths=paths,
                           extreme=annex_extreme(annex, rows, frozenset(), paths)),
            state=state.model_copy(update={"last_intent": "chi_tieu", "last_rows": [action.row]}))

    def _refusal(self, message: str, state: State) -> Decision:
        return Decision(kind="fallback", intent="lua_chon", confidence=0.0,
                        view=FallbackView(reason=message), state=state)
