"""/ngach as numbered steps: the tier, then the grade (tỉnh, huyện) or the commune role (xã) with the ethnic-area
question where the plan has a rule for it; then everything the plan requires (from the core and bot.menus)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from bot import menus
from bot.reply import Option, Reply, State
from handlers.zalo.offers import Offer

TIER, GRADE, ROLE, ETHNIC = "ngach_tier", "ngach_grade", "ngach_role", "ngach_ethnic"  # offer kinds
KINDS = {TIER, GRADE, ROLE, ETHNIC}
PICK_TIER = "Bạn làm việc ở cấp nào?"
PICK_GRADE = "{tier}. Bạn thuộc ngạch nào?"
PICK_ROLE = "{tier}. Chức danh của bạn?"
ASK_ETHNIC = "{role}. Bạn có công tác ở vùng đồng bào dân tộc {people} không?"
YES, NO = "Có", "Không"


@dataclass(frozen=True)
class Picker:
    """A step that asks: its question and numbered choices."""

    text: str
    offers: list[Offer]


Ask = Callable[[State], Reply]  # a step that answers: the core's reply on the conversation's state


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class NgachSteps:
    """The steps over the core's pickers; each returns the next Picker or the core turn that answers."""

    def __init__(self, core: ModuleType) -> None:
        self.core = core

    def start(self, arg: str) -> Picker | Ask:
        """/ngach [ngạch] [cấp]: answer at once when enough is named, else ask what is missing."""
        grade, tier = self.core.profile_of(arg) if arg else (None, None)
        if tier and tier not in menus.tiers_with_grades():
            return self._roles(tier)
        if grade and tier:
            return lambda state: self.core.requirements_reply(grade, tier, state)
        return self._tiers(grade)

    def pick(self, kind: str, arg: str) -> Picker | Ask:
        """The step after a numbered choice of one of these pickers."""
        if kind == TIER:
            tier, _, grade = arg.partition("|")
            if tier not in menus.tiers_with_grades():
                return self._roles(tier)
            if grade:
                return lambda state: self.core.requirements_reply(grade, tier, state)
            offers = [Offer(o.label, GRADE, f"{tier}|{self._id(o, 0)}") for o in self.core.grade_options()]
            return Picker(PICK_GRADE.format(tier=self._tier_label(tier)), offers)
        if kind == GRADE:
            tier, _, grade = arg.partition("|")
            return lambda state: self.core.requirements_reply(grade or None, tier or None, state)
        if kind == ROLE and menus.ethnic_question(arg) is not None:
            people = menus.ethnic_language() or "thiểu số"
            text = ASK_ETHNIC.format(role=_capital(menus.role_name(arg) or arg), people=people)
            return Picker(text, [Offer(YES, ETHNIC, f"{arg}|1"), Offer(NO, ETHNIC, f"{arg}|0")])
        role, _, flag = arg.partition("|")
        return self._role_answer(role, ethnic=flag == "1")

    def _tiers(self, grade: str | None) -> Picker:
        graded = menus.tiers_with_grades()
        offers = [Offer(o.label, TIER, f"{self._id(o, 1)}|{grade or ''}") for o in self.core.tier_options()
                  if grade is None or self._id(o, 1) in graded]
        return Picker(PICK_TIER, offers)

    def _roles(self, tier: str) -> Picker:
        offers = [Offer(o.label, ROLE, o.query) for o in menus.role_options(tier)]
        return Picker(PICK_ROLE.format(tier=self._tier_label(tier)), offers)

    def _role_answer(self, role: str, ethnic: bool) -> Ask:
        """The role's requirements, followed by the ethnic-area one when it applies."""
        tier = next(iter(menus.role_tiers(role)), None)
        question = menus.ethnic_question(role) if ethnic else None

        def ask(state: State) -> Reply:
            reply = self.core.answer(menus.role_question(role, tier), state)
            if question is None:
                return reply
            more = self.core.answer(question, reply.state)
            return more.model_copy(update={"text": f"{reply.text.rstrip()}\n\n{more.text}",
                                           "clauses": list(dict.fromkeys([*reply.clauses, *more.clauses]))})
        return ask

    def _tier_label(self, tier: str) -> str:
        return next((o.label for o in self.core.tier_options() if self._id(o, 1) == tier), tier)

    def _id(self, option: Option, which: int) -> str:
        """The grade (0) or tier (1) id an option stands for."""
        return self.core.profile_of(option.query, option.label)[which] or option.query
