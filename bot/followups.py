"""Follow-ups about the last answer: more of its clause, what it is for, its deadline, another actor's duties."""

from __future__ import annotations

from bot.cues import TARGET_FOLLOWUP_WORDS, followup, step_trainings
from bot.decision import Decision
from bot.reply import State
from bot.understand import Analysis
from knowledge.queries import duties_named


class FollowupDecisions:
    """Decider methods (mixed into bot.decide.Decider; they use its kb, understander and handlers)."""

    def of_last_answer(self, a: Analysis, state: State) -> Decision | None:
        """A short follow-up naming nothing, about the clause the last answer cited: "còn gì nữa" (all of it),
        "để phục vụ việc gì" (its items that answer), and after a passage "hạn khi nào" (the deadline of its duties,
        else its items ranked by the last question and this one; a dated target is left to _tier_targets)."""
        ent = a.ent
        if not state.last_clauses or len(ent.text.split()) > TARGET_FOLLOWUP_WORDS \
                or ent.grade or ent.tier or ent.areas or ent.count or ent.clause:
            return None
        first = state.last_clauses[0]
        if "more" in a.cues and self.kb.clause(first).items:
            return self.quote(first, state)
        if "purpose" in a.cues and state.last_intent in ("noi_dung", "yeu_cau") and self.kb.clause(first).items:
            return self._asked_again(first, a, state)
        if a.act == "when" and state.last_intent == "yeu_cau" and state.last_question:
            return self._step_training(first, state)
        if a.act != "when" or state.last_intent != "noi_dung":
            return None
        if any(o.clause in state.last_clauses and o.deadline for o in self.kb.objectives) \
                or not self.kb.clause(first).items:
            return None
        dated = [r for r in self.kb.responsibilities if r.clause == first and r.deadline]
        if dated:
            return self.duties(dated, state)
        return self._asked_again(first, a, state)

    def _step_training(self, clause_id: str, state: State) -> Decision | None:
        """After the training a step of a career calls for ("mới trúng tuyển … học gì"), "học trong thời gian nào":
        that training again, whose statement gives its time."""
        last = self.u.analyze(state.last_question)
        steps = step_trainings(self.kb, last, clause_id)
        return self.conditions(last, state, steps) if steps else None

    def _asked_again(self, clause_id: str, a: Analysis, state: State) -> Decision:
        """The clause's items that fit a screen, those sharing most words with the last question and this one first."""
        return self.content(self.u.analyze(self.kb.clause(clause_id).title), state, 1.0,
                            ranked_by=f"{state.last_question or ''} {a.raw}")

    def duties_of_actor(self, a: Analysis, state: State) -> Decision | None:
        """"thế Sở Tài chính thì sao" after duties: the duties of the office named now."""
        duty_clauses = {r.clause for r in self.kb.responsibilities}
        if not state.last_clauses or state.last_clauses[0] not in duty_clauses \
                or not ("how_about" in a.cues or followup(a)):
            return None
        words = set(a.ent.text.split()) - self.u.lex.stopwords
        named = duties_named(self.kb, words, set(a.ent.tiers), raw=a.raw)
        return self.duties(named, state) if named else None

    def _last_clause_asked(self, a: Analysis, state: State) -> str:
        """Of the clauses the last answer cited, the one whose words the message uses most ("dòng về kỹ năng")."""
        scored = [(max((h.score for h in self.u.index.within(a.ent.text, c)), default=0.0), -i, c)
                  for i, c in enumerate(state.last_clauses) if self.kb.has_clause(c)]
        return max(scored)[2] if scored else state.last_clauses[0]
