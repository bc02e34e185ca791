"""Who must do what by when, and the plan's dated targets: which a message names, and their answers."""

from __future__ import annotations

from bot.cues import TARGET_FOLLOWUP_WORDS
from bot.decision import Decision
from bot.normalize import normalize
from bot.reply import State
from bot.understand import Analysis
from bot.views import DutiesView, TargetsView
from knowledge.queries import duties_named, objectives_named, word_pairs


class ScheduleDecisions:
    """Decider methods (mixed into bot.decide.Decider; they use its kb, understander, month pattern and duty words)."""

    def _deadlines_named(self, ent) -> list:
        """The plan's duties whose deadline names a month the message names ("tháng 10")."""
        months = set(self.month.findall(ent.text))
        if not months:
            return []
        return [r for r in self.kb.responsibilities if r.deadline
                and months & set(self.month.findall(normalize(r.deadline)))]

    def _duties_asked(self, a: Analysis, state: State) -> list:
        """The duties with a deadline that a 'when' question names by their actor and wording (no tier named: the
        asker's, "hạn gửi là khi nào" from one at the huyện)."""
        words = set(a.ent.text.split()) - self.u.lex.stopwords
        graded = a.ent.grade and not (words | word_pairs(a.ent.text)) & self._duty_words  # "tôi là CV …, … phải gửi"
        if a.act != "when" or graded or a.ent.count or a.ent.held:
            return []
        tiers = set(a.ent.tiers) or ({state.tier} if state.tier else set())
        return duties_named(self.kb, words, tiers, with_deadline=True, raw=a.raw)

    def _targets_asked(self, a: Analysis, least: float | None = None) -> list:
        """The plan's dated targets a 'when' question names by the words of their subject."""
        if a.act != "when" or a.ent.grade or a.ent.count or a.ent.held:
            return []
        return objectives_named(self.kb, a.ent.text, self.u.lex.canonical, least)

    def _tier_targets(self, a: Analysis, state: State) -> list:
        """'đến năm nào thì phải đạt?' in a conversation: the dated targets of the clauses the last answer cited
        (the objectives of đại biểu HĐND), else of the asker's role, else of the conversation's tier."""
        if a.act != "when" or len(a.ent.text.split()) > TARGET_FOLLOWUP_WORDS or a.ent.grade or a.ent.count:
            return []
        dated = [o for o in self.kb.objectives if o.deadline and any(ch.isdigit() for ch in o.deadline)]
        cited = [o for o in dated if o.clause in state.last_clauses] if not a.ent.tier else []
        role = a.ent.role or state.role
        mine = [o for o in dated if role and role in o.roles]  # "đại biểu HĐND xã … đến khi nào": the role's own
        tier = self.kb.by_id("tiers", a.ent.tier or state.tier or "")
        return cited or mine or ([o for o in dated if o.clause in tier.clauses] if tier is not None else [])

    def _own_dated(self, a: Analysis, state: State) -> list:
        """'mục tiêu phải hoàn thành … vào lúc nào' from one whose role has dated targets (đại biểu HĐND), naming no
        tier or grade: that role's targets."""
        role = a.ent.role or state.role
        if a.act != "when" or not role or a.ent.tier or a.ent.grade or a.ent.count:
            return []
        return [o for o in self.kb.objectives
                if role in o.roles and o.deadline and any(ch.isdigit() for ch in o.deadline)]

    def _role_targets(self, a: Analysis) -> list:
        """'người hoạt động không chuyên trách … chỉ tiêu bồi dưỡng là bao nhiêu': the targets of a role named (the
        annex counts no role), asked as a number or a share."""
        ent = a.ent
        if not ent.role or ent.years or ent.grade or not (ent.count or ent.percent):
            return []
        return [o for o in self.kb.objectives if ent.role in o.roles]

    def targets(self, targets: list, state: State, tier: str | None = None) -> Decision:
        """A target of the plan, its value and date first, in the plan's words (tier: the one the question names)."""
        return Decision(kind="answer", intent="noi_dung", confidence=1.0, view=TargetsView(targets=targets), tier=tier,
                        clauses=list(dict.fromkeys(o.clause for o in targets)),
                        state=state.model_copy(update={"last_intent": "noi_dung"}))

    def duties(self, duties: list, state: State) -> Decision:
        """Who must do what by the deadline asked about: each duty's words as the plan writes them."""
        return Decision(kind="answer", intent="noi_dung", confidence=1.0, view=DutiesView(duties=duties),
                        clauses=list(dict.fromkeys(r.clause for r in duties)),
                        state=state.model_copy(update={"last_intent": "noi_dung"}))
