"""/ngach steps on Zalo: commune roles with an ethnic-area rule get a yes/no step, and 'yes' adds that rule."""

import pytest

from bot import core, menus
from bot.reply import State
from handlers.zalo.ngach import ETHNIC, ROLE, NgachSteps, Picker


def ethnic_role() -> tuple[str, str] | None:
    for tier in {t.query for t in core.tier_options()} - menus.tiers_with_grades():
        for option in menus.role_options(tier):
            if menus.ethnic_question(option.query) is not None:
                return tier, option.query
    return None


def test_a_role_with_an_ethnic_rule_asks_yes_or_no_and_yes_adds_the_rule():
    found = ethnic_role()
    if found is None:
        pytest.skip("the plan has no ethnic-area rule for a commune role")
    _, role = found
    steps = NgachSteps(core)
    question = steps.pick(ROLE, role)
    assert isinstance(question, Picker) and [o.kind for o in question.offers] == [ETHNIC, ETHNIC]
    yes, no = (steps.pick(ETHNIC, o.arg)(State()) for o in question.offers)
    ethnic = core.answer(menus.ethnic_question(role), no.state)
    assert yes.text.startswith(no.text.rstrip()) and yes.text.endswith(ethnic.text)
    assert set(ethnic.clauses) <= set(yes.clauses)


def test_ngach_naming_grade_and_tier_answers_at_once():
    grade_option, tier_option = core.grade_options()[0], core.tier_options()[0]
    grade, _ = core.profile_of(grade_option.query, grade_option.label)
    _, tier = core.profile_of(tier_option.query, tier_option.label)
    step = NgachSteps(core).start(f"{grade_option.label} {tier_option.label}")
    assert not isinstance(step, Picker)
    assert step(State()).text == core.requirements_reply(grade, tier, State()).text
