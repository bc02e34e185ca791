"""The decision: which intent, answer / clarify / fallback; the kinds of answer live in their own modules."""

from __future__ import annotations

import re

from bot.annex import AnnexRows
from bot.askback import Menus
from bot.cuebook import cue_book
from bot.cues import (CONDITION_CUES, FOLLOWUP_WORDS, NEAR_SCORE, PRIOR_OUTSIDE, PRIOR_SURELY_OUTSIDE, followup,
                      mentions_condition, only_profile, step_trainings)
from bot.decision import Decision
from bot.views import ClarifyView, FallbackView, HelpView, StaffListView
from bot.figures import FigureDecisions
from bot.followups import FollowupDecisions
from bot.lexicon import lexicon_data
from bot.message import MessageSplitter
from bot.normalize import normalize, phrase_pattern
from bot.plantext import PlanTextDecisions
from bot.schedule import ScheduleDecisions
from bot.actions import Action
from bot.reply import Option, State
from bot.standards import StandardDecisions
from bot.understand import Analysis, Understander
from knowledge import KnowledgeBase
from knowledge.prior import FALLBACK
from knowledge.queries import (TARGET_CLEAR, actors_named, duty_words, requirement_areas, requirements_by_area,
                               varying_areas, word_pairs)

_INTRO_WORDS = 16  # a self-introduction without a question is at most this long


class Decider(StandardDecisions, PlanTextDecisions, FigureDecisions, FollowupDecisions, ScheduleDecisions):
    """Turns an Analysis and the conversation state into a Decision."""

    def __init__(self, kb: KnowledgeBase, understander: Understander) -> None:
        self.kb = kb
        self.u = understander
        self.cal = understander.matcher.calibration
        self._headings: dict[str, frozenset[str]] = {}
        self._own_heading_words: dict[str, frozenset[str]] | None = None  # plantext: each clause's own heading
        self.annex_rows = AnnexRows(kb.annex, understander.lex.canonical) if kb.annex else None
        self.menus = Menus()
        self.splitter = MessageSplitter()
        cues = lexicon_data()["compare_cues"]
        self._compare = phrase_pattern(cues)
        self.ungraded = {t.id for t in kb.tiers if not t.graded}
        self.requirement_areas = requirement_areas(kb)  # areas some requirement is about
        self.varying_areas = varying_areas(kb)  # areas whose requirement differs by grade
        self.tier_specific = tuple(c for t in kb.tiers for c in t.clauses)
        self._unrelated = {o.topic for o in understander.lex.out_of_scope if o.unrelated}  # weather, food …
        self._duty_words = duty_words(kb)  # "gửi", "trình": words only the plan's duties use
        self.addressed = {role for r in kb.requirements for role in r.roles or []}  # roles some requirement names
        self.specs = {spec.name: spec for spec in understander.intents}
        for spec in understander.intents:
            if not hasattr(self, spec.handler):
                raise ValueError(f"intent {spec.name}: no handler {spec.handler!r}")
        self.month = cue_book()["month"]
        openers = sorted({normalize(c) for c in lexicon_data()["question_cues"]}, key=len, reverse=True)
        self._opener = re.compile(r"(?:" + "|".join(re.escape(c) for c in openers) + r")( (a|nhe|voi|di))?")

    # ---- entry -------------------------------------------------------------------------------
    def decide(self, a: Analysis, state: State, forced: str | None = None) -> Decision:
        """Decide the reply; forced names the intent a user picked from offered readings."""
        if not a.topics:  # read on its own: rank its intents in this conversation
            a = self.u.rank(a, state)
        ent = a.ent
        words = ent.text.split()
        if not words:
            return self.help(state, empty=True)
        cues = a.cues
        annex = self.kb.annex.clause if self.kb.annex is not None else None
        figures = ent.count and ent.clause == annex and "named" not in cues
        if ent.clause and ("quote" in cues or "named" in cues or len(words) <= 3) and not figures:
            # "trích mục II.3"; not "xem phụ lục giúp: năm 2012 … cộng lại bao nhiêu" (a figure of the annex)
            return self.quote(ent.clause, state)
        if ent.out_of_scope or ent.other_place or ent.other_period:
            return self.fallback(a, state, reason=self._oos_reason(a))
        written = self._role_clause(a) if "verbatim" in cues and not (ent.grade or ent.held or ent.count) else None
        if written:  # "trích nguyên văn phần nội dung dành cho Chủ tịch HĐND, Chủ tịch UBND cấp xã"
            return self.quote(written, state)
        headed = self._clauses_with_text_headed(a) if "verbatim" in cues else []
        if len(headed) == 1 and not ent.clause:  # "chép nguyên văn phần trách nhiệm của Sở Nội vụ": that clause
            return self.quote(headed[0], state)
        if "verbatim" in cues and len(ent.areas) == 1 and not (ent.grade or ent.held or ent.count):
            ruled = self._area_clause(ent.areas[0], ent.tier)
            if ruled:  # "trích nguyên văn quy định về ngoại ngữ cấp tỉnh, huyện": the clause that rules that area
                return self.quote(ruled, state)
        if self.menus.asks_staff_list(ent.text) and not (ent.grade or ent.held or ent.count) \
                and not {"who", "when"} & cues:  # "ai phải gửi danh sách …, gửi lúc nào" asks a duty
            return Decision(kind="answer", intent="danh_sach", confidence=1.0,
                            view=StaffListView(reply=self.menus.staff_reply), state=state)
        slots = bool(ent.grade or ent.tier or ent.role or ent.areas or ent.years or ent.held or ent.lacks or ent.count)
        if "may_i_ask" in cues and not (ent.areas or ent.held or ent.lacks or ent.count or ent.years or ent.clause):
            # "mình làm công chức ở xã, hỏi chút được không": the person noted, ask away
            return self.help(state, empty=not (ent.grade or ent.tier or ent.role))
        greeting = self.menus.greeting(ent.text)
        if greeting and not slots and ("asking" not in cues or self.menus.only_greeting(ent.text, self.u.lex.stopwords)):
            return self.help(state, thanks=greeting == "thanks")
        if only_profile(ent):  # "huyện", "cấp xã", "tôi là CVC": what applies to that grade / tier
            actor = self.duties_of_actor(a, state)
            if actor is not None:  # "thế Sở Tài chính thì sao" after duties: that office's duties
                return actor
            parallel = self._same_topic_other_tier(ent, state)
            if parallel is not None:  # "cấp xã?" after the objectives for tỉnh, huyện: the objectives for xã
                return self._clause_again(parallel, state, ent.tier)
            return self.requirements(a, state, 1.0)
        introduces = ent.person and (ent.grade or ent.tier or ent.role) and not (ent.areas or ent.held or ent.lacks)
        if "correction" in cues and (ent.grade or ent.tier) and not (ent.areas or ent.held or ent.lacks) \
                and "?" not in a.raw and state.last_intent:  # "không, tôi ở huyện …": the last question again
            same = self._same_topic_other_tier(ent, state, keep_same=True)
            if same is not None:  # the last answer was a passage written for a tier: the one for the tier said now
                return self._clause_again(same, state, ent.tier)
            return self.requirements(a, state, 1.0)
        short = len(words) <= _INTRO_WORDS or "?" not in a.raw  # a long introduction asks nothing without a "?"
        if introduces and not {"asking", "verbatim", "when"} & cues and not (ent.count or ent.percent) and short:
            return self.requirements(a, state, 1.0)  # "tôi là công chức địa chính xã Đại Tâm": what applies to me
        if a.act == "required" and "about_me" in cues and (state.grade or state.role) \
                and not (ent.count or ent.percent or ent.years or ent.clause):
            return self.requirements(a, state, 1.0)  # "… bồi dưỡng gì cho chức danh của tôi": the asker's own
        if ent.role in self.addressed and "what_training" in cues and not (ent.count or ent.percent):
            return self.requirements(a, state, 1.0)  # "đại biểu HĐND xã cần bồi dưỡng gì": the plan's items for them
        conditioned = step_trainings(self.kb, a)
        if conditioned and not (ent.grade or ent.areas) and "need" in cues and "objective" not in cues:
            # "trước khi bổ nhiệm có phải học gì", "người mới tuyển phải học lớp gì": that step's training
            return self.conditions(a, state, conditioned)
        tier = ent.tier or state.tier
        mine = [r for r in self.kb.requirements if r.kind == "training" and r.when is not None and tier
                and (not r.tiers or tier in r.tiers) and not r.when.event and mentions_condition(a, r)]
        if mine and not (ent.grade or ent.areas or ent.count) and ("how_about" in cues or followup(a)) \
                and (state.grade or state.role or state.tier):
            return self.conditions(a, state, mine)  # "tôi ở vùng có đồng bào dân tộc thì sao": what it adds for me
        deadlines = self._deadlines_named(ent)
        if deadlines and not (ent.grade or ent.count):  # "tháng 8 và tháng 10 là mốc gì": whose deadlines they are
            return self.duties(deadlines, state)
        actors = actors_named(self.kb, set(ent.text.split()) - self.u.lex.stopwords, a.raw) \
            if "duty_ask" in cues and not (ent.grade or ent.count) else []
        if len({r.actor for r in actors}) >= 2:  # "Sở Nội vụ, các sở ngành … mỗi bên chịu trách nhiệm gì"
            return self.duties(actors, state)
        # a duty asked by its actor and verb ("các sở phải gửi kế hoạch … vào thời điểm nào") unless a target is
        # (objective words, a share); then a target named clearly, then a duty
        duty_verb = bool((set(ent.text.split()) | word_pairs(ent.text)) & self._duty_words)
        condition = bool(cues & CONDITION_CUES)  # "người mới trúng tuyển …": their training, not a duty
        duty_first = (self._duties_asked(a, state) if duty_verb and "objective" not in cues and not ent.percent
                      and not condition else [])
        clear = [] if duty_first else self._targets_asked(a, TARGET_CLEAR)
        asked = duty_first or ([] if clear or condition else self._duties_asked(a, state))
        if asked:  # "kế hoạch của huyện gửi Sở Nội vụ lúc nào"
            return self.duties(asked, state)
        again = self.of_last_answer(a, state)
        if again is not None:  # "hạn khi nào" after the duties of the sở and huyện: their deadline
            return again
        targets = clear or self._own_dated(a, state) or self._targets_asked(a) or self._tier_targets(a, state) \
            or self._role_targets(a)
        if targets:  # "đại biểu HĐND phải bồi dưỡng xong trước khi nào": the target's date
            return self.targets(targets, state, a.ent.tier)
        if self._annex_followup(a, state):
            return self.annex(a, state, 1.0)
        alone = not (state.grade or state.role or state.tier or state.last_intent)  # nothing said before it
        refers_back = len(words) <= FOLLOWUP_WORDS and (cue_book()["refers_back"].search(ent.text)
                                                       or cue_book()["refers_back_weak"].search(ent.text))
        if not slots and alone and (self._vague(ent.text) or refers_back):
            return self.ask_back(a, state)
        if not slots and all(w in self.u.lex.stopwords for w in words):  # "cho hỏi (về kế hoạch)", "bạn là ai"
            return self.help(state, empty=bool(self._opener.match(ent.text)))  # a question opened, nothing asked
        scores = {t.intent: t.score for t in a.topics}
        if forced in scores:
            scores[forced] = max(scores.values()) + 1.0
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        (top, s1), (second, s2) = ranked[0], ranked[1]
        confidence = max(0.0, min(1.0, s1))
        # most of its words are not the plan's, and it asks nothing the assistant knows how to do ("trích nguyên văn")
        unknown_words = a.coverage < 0.5 and not slots and not cues - {"asking"}
        if (s1 < self.cal.threshold and a.coverage < 0.5) or (unknown_words and self._prior_says_outside(a)) \
                or (not ent.clause and "quote" not in cues and self._prior_says_outside(a, surely=True)):
            if ent.clause:  # the words are not the plan's, but a part of it is cited by its number
                return self.clause_named(a, state)
            if "quote" in cues and state.last_clauses:  # "trích giúp câu đó": a clause the last answer cited
                return self.quote(self._last_clause_asked(a, state), state)
            if followup(a) and state.last_intent:  # "thế còn lớp kia thì sao": unclear in a conversation, ask back
                return self.ask_back(a, state)
            return self.fallback(a, state)
        decision = self._by_intent(top, a, state, confidence)
        family = self.specs[top].family
        if s1 - s2 < self.cal.gap and decision.kind == "answer" and not (family and family == self.specs[second].family):
            # two readings almost equally likely: answer the first, offer the second
            spec = next(i for i in self.u.intents if i.name == second)
            decision.options = [*decision.options, Option(label=spec.label, action=Action(intent=second))]
            decision.state = (decision.state or state).model_copy(update={"reread": a.raw[:300]})
            decision.confidence = min(decision.confidence, 0.5 + (s1 - s2))
        return decision

    def _role_clause(self, a: Analysis) -> str | None:
        """The clause written for the role named, in the section the message names (else its first)."""
        role = self.kb.by_id("roles", a.ent.role) if a.ent.role else None
        sections = self.u.index.section_boost(a.ent.text)
        own = [c for c in (role.clauses if role else []) if not sections or c.split(".")[0] in sections]
        return own[0] if own else None

    def _area_clause(self, area: str, tier: str | None) -> str | None:
        """The one clause holding an area's standards for a tier (default: the graded tiers), if only one does."""
        clauses = {r.clause for r in requirements_by_area(self.kb, area, (tier,) if tier else None)}
        return clauses.pop() if len(clauses) == 1 else None

    def _prior_says_outside(self, a: Analysis, surely: bool = False) -> bool:
        """The learned prior is all but sure (surely: as sure as it gets) the question is one the plan does not answer."""
        return a.prior.get(FALLBACK, 0.0) >= (PRIOR_SURELY_OUTSIDE if surely else PRIOR_OUTSIDE)

    def _by_intent(self, top: str, a: Analysis, state: State, confidence: float) -> Decision:
        """The answer of the handler the intent names in the data (intents.yaml: handler)."""
        handler = getattr(self, self.specs[top].handler)
        return handler(a, state, confidence)

    def standards_asked(self, a: Analysis, state: State, confidence: float) -> Decision:
        """What a grade must have; with levels the person holds, those levels weighed against it."""
        if a.ent.held or a.ent.lacks:
            return self.check(a, state, confidence)
        return self.requirements(a, state, confidence)

    def quote_asked(self, a: Analysis, state: State, confidence: float) -> Decision:
        """The verbatim clause the message names, or the one last cited."""
        headed = self._clauses_with_text_headed(a)  # "mục tiêu chung … . Nhờ trích giúp nguyên văn đoạn đó"
        clause = a.ent.clause or (headed[0] if len(headed) == 1 else "") \
            or (state.last_clauses[0] if state.last_clauses else "")
        return self.quote(clause, state)

    # ---- intents -----------------------------------------------------------------------------

    def help_asked(self, a: Analysis, state: State, confidence: float) -> Decision:
        """Help, as an intent's answer."""
        return self.help(state)

    def help(self, state: State, empty: bool = False, thanks: bool = False) -> Decision:
        """A short greeting (or thanks) and a few suggested questions."""
        return Decision(kind="clarify" if empty else "answer", intent="tro_giup", confidence=1.0,
                        options=list(self.menus.suggestions), view=HelpView(empty=empty, thanks=thanks),
                        state=state)

    def _same_topic_other_tier(self, ent, state: State, keep_same: bool = False) -> str | None:
        """The clause written for the tier a bare follow-up names, parallel to the one the last passage answer cited
        (plan data: tiers[].clauses in the same order, e.g. I.2.a for tỉnh/huyện and I.2.b for xã)."""
        if not ent.tier or ent.grade or state.last_intent != "noi_dung" or not state.last_clauses:
            return None
        new = self.kb.by_id("tiers", ent.tier)
        last = state.last_clauses[0]
        for tier in self.kb.tiers:
            for k, clause in enumerate(tier.clauses):
                if last == clause and k < len(new.clauses):
                    return new.clauses[k] if new.clauses[k] != clause or keep_same else None
        return None

    def _clause_again(self, clause_id: str, state: State, tier: str | None) -> Decision:
        """The last question asked again of another clause (the same topic for the tier said now): the clause's
        items that fit a screen, those sharing most words with the last question first."""
        d = self.content(self.u.analyze(self.kb.clause(clause_id).title), state, 1.0,
                         ranked_by=state.last_question or "")
        d.tier = tier or d.tier  # the tier the follow-up names is the one this answer is about
        return d

    def _vague(self, folded: str) -> bool:
        """A message naming no topic of its own: a few words, all of them words a menu asks back about."""
        own = [w for w in folded.split() if w not in self.u.lex.stopwords]
        return 0 < len(own) <= self.menus.vague_max_words and self.menus.matching(folded) is not None

    def ask_back(self, a: Analysis, state: State) -> Decision:
        """Ask what the user means, offering the menu that fits the words used."""
        menu = self.menus.for_vague(a.ent.text)
        return Decision(kind="clarify", intent="hoi_lai", confidence=0.5, options=menu.options,
                        view=ClarifyView(ask="menu", question=menu.ask),
                        state=state.model_copy(update={"pending": a.raw[:300]}))

    def fallback(self, a: Analysis, state: State, reason: str | None = None) -> Decision:
        """Out of scope, or not stated by the plan: say so, cite nothing, point to where the plan is nearest."""
        near = None
        if reason and a.ent.out_of_scope and a.hits and a.hits[0].score >= NEAR_SCORE \
                and a.ent.out_of_scope not in self._unrelated:
            clause = self.kb.clause(a.hits[0].passage.clause)
            near = f"{clause.id} ({self.clause_path(clause.id)[-1]})"
        return Decision(kind="fallback", intent="ngoai_pham_vi", confidence=0.9 if reason else 0.6,
                        view=FallbackView(reason=reason, near=near), state=state)

    def _oos_reason(self, a: Analysis) -> str:
        ent, doc = a.ent, self.kb.document
        if ent.other_place:
            return f"{doc.name} chỉ áp dụng cho tỉnh {doc.province}, không nói về {ent.other_place.title()}."
        if ent.other_period:
            return f"{doc.name} chỉ cho giai đoạn {doc.period_text}; tôi không có văn bản của giai đoạn khác."
        if ent.out_of_scope in self._unrelated:
            return f"Câu hỏi về {ent.out_of_scope} nằm ngoài phạm vi của {doc.name} ({doc.title})."
        return f"{doc.name} không nêu {ent.out_of_scope}."

    # ---- helpers -----------------------------------------------------------------------------
