"""Requirements, checks of held levels and asking the grade: the decisions about who must have what."""

from __future__ import annotations

from dataclasses import replace

from bot.cues import (
    CONDITION_ROLES,
    followup,
    held_level_name,
    mentions_condition,
    unique,
)
from bot.cuebook import cue_book
from bot.decision import Decision
from bot.views import ClarifyView, RequirementsView, Verdict
from bot.entities import NONE_LEVEL
from bot.actions import Action
from bot.reply import Option, State
from bot.understand import Analysis
from knowledge.queries import Person, level_name, meets, requirements_by_area, requirements_for
from knowledge.text import fold


_CUES = cue_book()


class StandardDecisions:
    """Decider methods (mixed into bot.decide.Decider; they use its kb, understander and tables)."""

    def _role_tiers(self, role_id: str) -> set[str]:
        role = self.kb.by_id("roles", role_id)
        return set(role.tiers) if role else set()

    def _role_named(self, phrase: str) -> str | None:
        """The role one of whose names is this phrase (folded)."""
        lex = self.u.lex
        for role in self.kb.roles:
            if any(lex.canonical(alias) == lex.canonical(phrase) for alias in [role.name, *role.aliases]):
                return role.id
        return None

    def _profile(self, a: Analysis, state: State) -> tuple[str | None, str | None, str | None]:
        ent = a.ent
        grade = ent.target_grade or ent.grade or state.grade  # "nếu lên CVC thì …": the standards of the grade ahead
        tier = (state.tier if ent.weak_tier and state.tier else ent.tier) or state.tier
        # a role the plan ties to ungraded tiers (commune roles), or an elected one (tiers: all)
        # "thế còn cán bộ xã thì sao" after a chairman: the group named now, not the role of the last answer
        group = ent.role is None and bool({"cadre", "civil_servant"} & a.cues) and ent.tier in self.ungraded
        named = ent.role or (state.role if not ent.grade and not group and (ent.tier or state.tier) == state.tier
                             else None)
        tiers_of = self._role_tiers(named) if named else set()  # the role said now, or the subject's known role
        role = named if named and (tiers_of and tiers_of <= self.ungraded
                                   or not tiers_of and named in self.addressed) else None
        if role is None and tier in self.ungraded and "cadre" in a.cues and "civil_servant" not in a.cues:
            role = self._role_named(f"can bo {self.kb.by_id('tiers', tier).name}")  # "cán bộ xã", not công chức
        role_tiers = self._role_tiers(role) if role else set()
        if tier is None and len(role_tiers) == 1:
            tier = next(iter(role_tiers))
        return grade, tier, role

    def requirements(self, a: Analysis, state: State, confidence: float, all_areas: bool = False) -> Decision:
        ent = a.ent
        if len(ent.grades) >= 2 and not (ent.held or ent.lacks):  # "CVC vs CVCC khác nhau chỗ nào về QLNN"
            return self._grades_side_by_side(a, state, confidence)
        if "who" in a.cues and not (ent.grade or ent.person or ent.held or ent.lacks):
            return self.content(a, state, confidence)  # "… theo quy định của cơ quan nào?": the clause's own words
        grade, tier, role = self._profile(a, state)
        areas = [x for x in ent.areas if x in self.requirement_areas]
        carried = None
        # "không, tôi ở huyện, phòng …", "còn cấp phó của tôi là chuyên viên thì sao?": the same question, again
        short = followup(a) or "correction" in a.cues or "how_about" in a.cues
        if not areas and not all_areas and short and state.last_area and "whole" not in a.cues:
            areas = [state.last_area]  # "còn chuyên viên chính thì sao?": the topic of the last answer
            carried = self.kb.by_id("areas", state.last_area).name.lower()
        if all_areas:
            areas = []
        if tier in self.ungraded or role:
            d = self._role_requirements(a, state, confidence, tier, role, areas)
        else:
            d = self._requirements(a, state, confidence, grade, tier, areas)
        if isinstance(d.view, RequirementsView):
            d.view = replace(d.view, carried=carried)
            if ent.besides:  # "ngoài chuyên môn nghiệp vụ, tôi còn phải học gì": the other areas
                kept = [i for i in d.view.items if i.req.area not in ent.besides] or d.view.items
                d.view = replace(d.view, items=kept)
                d.clauses = unique([*(i.req.clause for i in kept), *(o.clause for o in d.view.targets)])
        return d

    def _requirements(self, a, state, confidence, grade, tier, areas) -> Decision:
        ent = a.ent
        condition_role = next((r for r in (ent.role, state.role) if r in CONDITION_ROLES), None)
        if grade is None and condition_role is not None:  # "mới trúng tuyển", said now or in the introduction
            return self._conditional_requirements(a, state, confidence, condition_role)
        if grade is None:
            if areas and all(x not in self.varying_areas for x in areas):
                return self._area_requirements(a, state, confidence, areas, tier)
            if areas and not ent.person:
                return self._area_requirements(a, state, confidence, areas, tier)
            return self.clarify_grade(a, state, "yeu_cau")
        person = Person(tier=tier, grade=grade, age=ent.age or state.age)
        reqs = requirements_for(self.kb, person, kinds=("standard",))
        anyone = Person(tier=tier, grade=grade)
        conditional = [r for r in requirements_for(self.kb, anyone, kinds=("training",), strict_conditions=False)
                       if r.when is not None and mentions_condition(a, r)]  # "mới trúng tuyển", "sắp đề bạt"
        if areas:
            more = "missing" in a.cues  # "ngoài bằng đại học có cần học thêm gì": the area's standing training too
            # one area asked, no age said: its items for an age group too ("ngoại ngữ": IELTS for those under 35)
            ages = len(areas) == 1 and ent.age is None
            reqs = [r for r in reqs if r.area in areas] + [
                r for r in requirements_for(self.kb, anyone, kinds=("training",), strict_conditions=False)
                if (r.area in areas or r.when is not None)
                and (mentions_condition(a, r) or ages and r.area in areas and r.when and r.when.age_under)
                and (r.when is not None or r.roles or more)
            ]
        elif conditional:  # the training the message's condition calls for comes first, then the standards
            reqs = conditional + reqs
        verdicts = self._verdicts(reqs, {**state.held, **ent.held}, ent.lacks)
        new_state = state.model_copy(update={"grade": grade, "tier": tier or state.tier,
                                              "last_area": areas[0] if len(areas) == 1 else state.last_area})
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence,
            grade=grade, tier=tier, clauses=unique(r.clause for r in reqs),
            view=RequirementsView(grade=self.kb.by_id("grades", grade), tier=self.kb.by_id("tiers", tier) if tier else None,
                                  items=verdicts, areas=areas, age=ent.age),
            state=new_state,
        )

    def _conditional_requirements(self, a, state, confidence, role) -> Decision:
        """What the plan provides for a group named by a condition (newly recruited, key officials ...)."""
        key = CONDITION_ROLES[role]
        reqs = [r for r in self.kb.requirements
                if (r.roles and role in r.roles) or (r.when is not None and getattr(r.when, key, None))]
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence, clauses=unique(r.clause for r in reqs),
            view=RequirementsView(role=self.kb.by_id("roles", role), items=self._verdicts(reqs, {}, {})),
            state=state,
        )

    def conditions(self, a, state, reqs) -> Decision:
        """The training a condition the message names calls for (before an appointment ...), whatever the grade."""
        return Decision(
            kind="answer", intent="yeu_cau", confidence=1.0, clauses=unique(r.clause for r in reqs),
            view=RequirementsView(items=self._verdicts(reqs, {}, {})), state=state,
        )

    def _area_requirements(self, a, state, confidence, areas, tier) -> Decision:
        reqs = []
        for area in areas:
            reqs.extend(requirements_by_area(self.kb, area))
            reqs.extend(r for r in self.kb.requirements if r.kind == "training" and r.when is not None
                        and not set(r.tiers) & self.ungraded and mentions_condition(a, r))
        if tier is None or tier in self.ungraded:  # the commune standards of these areas too
            reqs.extend(r for r in self.kb.requirements if r.kind == "standard" and r.area in areas
                        and r.min_level and set(r.tiers) & self.ungraded)
        reqs.extend(self._named_only_by(a, areas, reqs))
        reqs = list({r.id: r for r in reqs}.values())
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence, grade=None, tier=tier, clauses=unique(r.clause for r in reqs),
            view=RequirementsView(items=self._verdicts(reqs, {}, {}), areas=areas, by_grade=True),
            state=state.model_copy(update={"last_area": areas[0] if len(areas) == 1 else state.last_area}),
        )

    def _grades_side_by_side(self, a, state, confidence) -> Decision:
        """Two or more grades asked about together: each one's requirement, area by area (the areas named, else
        those that differ by grade)."""
        grades = set(a.ent.grades)
        areas = [x for x in a.ent.areas if x in self.requirement_areas] or sorted(
            self.varying_areas, key=[x.id for x in self.kb.areas].index)
        reqs = [r for area in areas for r in requirements_by_area(self.kb, area) if set(r.grades or ()) & grades]
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence, tier=a.ent.tier,
            clauses=unique(r.clause for r in reqs),
            view=RequirementsView(items=self._verdicts(reqs, {}, {}), areas=areas, by_grade=True),
            state=state.model_copy(update={"last_area": areas[0] if len(areas) == 1 else state.last_area}),
        )

    def _named_only_by(self, a, areas, shown) -> list:
        """Requirements of these areas whose own words the message uses and no shown one has ("tiếng Khmer": the
        commune item of II.2.b, not the tỉnh/huyện one)."""
        lex = self.u.lex
        words = set(a.ent.text.split()) - lex.stopwords
        seen = set(lex.canonical(" ".join(r.quote for r in shown)).split())
        return [r for r in self.kb.requirements if r.area in areas and r not in shown
                and (words & set(lex.canonical(r.quote).split())) - seen]

    def _role_requirements(self, a, state, confidence, tier, role, areas) -> Decision:
        person = Person(tier=tier, role=role, grade=None)
        reqs = requirements_for(self.kb, person, strict_conditions=False)
        # an item given under a condition, when the message names it or asks of that item's area ("tiếng dân tộc")
        reqs = [r for r in reqs if r.when is None or mentions_condition(a, r) or r.area in areas]
        if role and any(role in (r.roles or []) for r in reqs):  # a role the plan names: its own items
            reqs = [r for r in reqs if role in (r.roles or [])]
            reqs.sort(key=lambda r: len(r.roles))  # the items written for this role alone first (II.2.a, II.3)
        if areas:
            narrowed = [r for r in reqs if r.area in areas]
            if not narrowed and tier is not None:  # the plan says nothing of that area for this tier
                d = self._area_requirements(a, state, confidence, areas, None)
                d.view = replace(d.view, silent_for=self.kb.by_id("tiers", tier).name)
                return d
            reqs = narrowed or reqs
        verdicts = self._verdicts(reqs, {**state.held, **a.ent.held}, a.ent.lacks)
        targets = [o for o in self.kb.objectives if role and role in o.roles]  # the plan's targets for this role
        if "when" in a.cues:  # "… phải đạt tới đâu và đến năm nào": the dated target of the level required
            targets += [o for o in self._dated_targets(tier, reqs) if o not in targets]
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence,
            grade=a.ent.grade, tier=tier, clauses=unique([*(r.clause for r in reqs), *(o.clause for o in targets)]),
            view=RequirementsView(tier=self.kb.by_id("tiers", tier) if tier else None,
                                  role=self.kb.by_id("roles", role) if role else None, items=verdicts, areas=areas,
                                  targets=targets),
            state=state.model_copy(update={"tier": tier or state.tier, "role": role or state.role,
                                           "last_area": areas[0] if len(areas) == 1 else state.last_area}),
        )

    def _dated_targets(self, tier: str | None, reqs) -> list:
        """The tier's objectives with a year that name a level one of these requirements asks for."""
        t = self.kb.by_id("tiers", tier) if tier else None
        levels = {fold(level_name(self.kb, r.area, r.min_level)) for r in reqs if r.min_level}
        return [o for o in self.kb.objectives if t is not None and o.clause == t.clause and o.deadline
                and any(ch.isdigit() for ch in o.deadline) and any(lv in fold(o.subject) for lv in levels)]

    def _verdicts(self, reqs, held: dict[str, str], lacks: dict[str, str]) -> list[Verdict]:
        items = []
        for r in reqs:
            level = held.get(r.area)
            verdict = meets(self.kb, r, level) if level else None
            if verdict is None and r.area in lacks and r.checkable:
                lacked = lacks[r.area]
                scale = self.kb.by_id("scales", self.kb.by_id("areas", r.area).scale)
                if lacked == NONE_LEVEL or (scale and scale.index(lacked) <= scale.index(r.min_level)):
                    verdict = False  # lacking the required level (or anything at all) misses it
                    level = None
            lacked = lacks.get(r.area)
            items.append(Verdict(req=r, area=self.kb.by_id("areas", r.area), held=level,
                                 held_name=held_level_name(self.kb, r.area, level), verdict=verdict, lacked=lacked,
                                 lacked_name=None if lacked == NONE_LEVEL else held_level_name(self.kb, r.area, lacked)))
        return items

    def check(self, a: Analysis, state: State, confidence: float) -> Decision:
        ent = a.ent
        grade, tier, role = self._profile(a, state)
        if grade is None and tier not in self.ungraded and role is None:
            areas = [x for x in ent.areas if x in self.requirement_areas]
            if areas and not ent.held:  # "chưa học lớp QP-AN thì có phải đi học không": what each grade needs
                d = self._area_requirements(a, state, confidence, areas, tier)
                d.intent = "kiem_tra"
                return d
            return self.clarify_grade(a, state, "kiem_tra")
        held_areas = set(ent.held) | set(ent.lacks)
        asked = self._asked_areas(a)  # "…, có trung cấp LLCT. Còn thiếu gì về QLNN?": the areas the question names
        full = not asked and (len(held_areas) >= 2 or bool("generic_check" in a.cues and not set(ent.areas) - held_areas))
        d = self.requirements(a, state, confidence, all_areas=full)
        view = d.view
        d.intent = "kiem_tra"
        if d.state is not None:
            d.state = d.state.model_copy(update={"held": {**state.held, **ent.held}})
        if not isinstance(view, RequirementsView):  # asked back (which grade?): nothing to check yet
            return d
        if held_areas and (not full or len(held_areas) == 1):  # what they hold, and what the question asks about
            focus = asked or held_areas | set(ent.areas)
            items = [i for i in view.items if i.req.area in focus] or view.items
            if full:  # "đạt chuẩn chưa?" knowing one level: the other standards in one line, not six blocks
                view = replace(view, others=[i for i in view.items if i not in items and i.req.kind == "standard"],
                               others_detail="missing" in a.cues)  # "còn thiếu gì": what each other one requires
            view = replace(view, items=items)
            d.clauses = unique(i.req.clause for i in [*items, *view.others])
        failing = [i.req.clause for i in view.items if i.verdict is False]
        d.clauses = unique([*failing, *d.clauses, *(o.clause for o in view.targets)])  # what they miss first
        d.view = replace(view, check=True)
        return d

    def _asked_areas(self, a: Analysis) -> set[str]:
        """The areas the question sentence of a long message names, apart from those its introduction describes."""
        parts = self.splitter.split(a.raw)
        if not parts.intro or len(_CUES["question_parts"].split(parts.question.strip(" ?."))) > 1:
            return set()  # no introduction, or the question asks two things ("… đạt chưa, và còn … QLNN nào không")
        return set(self.u.extractor.extract(parts.question).areas) & self.requirement_areas

    def clarify_grade(self, a: Analysis, state: State, intent: str) -> Decision:
        options = [Option(label=g.name.capitalize(), action=Action(grade=g.id)) for g in self.kb.grades]
        options += [Option(label=self.kb.by_id("roles", t.default_role).name.capitalize(),
                           action=Action(tier=t.id)) for t in self.kb.tiers if t.default_role]
        return Decision(
            kind="clarify", intent=intent, confidence=0.5, tier=a.ent.tier,
            options=options, view=ClarifyView(ask="ngạch"),
            state=state.model_copy(update={"pending": a.raw[:300], "tier": a.ent.tier or state.tier}),
        )
