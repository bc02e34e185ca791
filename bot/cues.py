"""Shared pieces of the decision: thresholds and small helpers of the decision modules."""

from __future__ import annotations

from bot.cuebook import cue_book
from bot.understand import Analysis
from knowledge.queries import level_name




def only_profile(ent) -> bool:
    """The message names only a grade and/or a tier (no question of its own)."""
    if not (ent.grade or ent.tier) or ent.areas or ent.held or ent.lacks:
        return False
    text = ent.text
    for place in ent.places:  # "em ở huyện Ngã Năm": the place's name is part of the profile
        text = text.replace(place, " ")
    return not cue_book()["profile_filler"].sub(" ", text).split()


WHOLE_CLAUSE_ITEMS = 6
SCREEN = 600  # characters of quoted items that fit one phone screen
NEAR_SCORE = 6.0
FRAGMENT_WORDS = 7  # an annex question without a verb is short: "bồi dưỡng trong nước 2014"
PLACE_ONLY_WORDS = 3  # "còn trong nước?" after a row abroad: the same kind of row at home
FOLLOWUP_WORDS = 14  # after figures, "trong đó các lớp chuyên môn nghiệp vụ?" still asks for figures
TARGET_FOLLOWUP_WORDS = 10  # "mục tiêu phải hoàn thành trước thời điểm nào?": the targets of the topic in hand
SECOND_CLAUSE_SHARE = 0.85  # a second clause is shown when its best passage scores this close to the first
PRIOR_SURE = 0.3  # the learned prior picks the clause when this sure of it …
PRIOR_MARGIN = 0.1  # … and this far ahead of the next clause
WEAK_HIT = 4.0  # a best passage scoring less matches the question's words too weakly to answer from
RESCUE_HIT = 2.0  # … unless the prior is sure of its clause and the clause's text matches at least this much
PRIOR_OUTSIDE = 0.9  # a question of words mostly unknown to the plan is refused when the prior is this sure of it
PRIOR_SURELY_OUTSIDE = 0.97  # any question the prior is this sure of is refused (none in scope at 0.95 leaving rounds out)
PRIOR_RESCUE = 0.5  # a question whose words match weakly is answered from the clause the prior is this sure of
PRIOR_HIT_SHARE = 0.35  # … and the clause's best passage scores this share of the best


# roles that stand for a condition of a training item rather than a grade
CONDITION_ROLES = {"moi_trung_tuyen": "newly_recruited", "chu_chot": "chu_chot"}


def followup(a: Analysis) -> bool:
    return len(a.ent.text.split()) <= 6


CONDITION_CUES = frozenset(n for n in cue_book().asks if n.startswith("condition_"))  # cues.yaml: conditions of training


def step_trainings(kb, a: Analysis, clause: str | None = None) -> list:
    """The training items a step of a career calls for (newly recruited, before an appointment) whose step the
    message names; of one clause if given."""
    return [r for r in kb.requirements if r.kind == "training" and r.when is not None and r.when.event
            and (clause is None or r.clause == clause) and mentions_condition(a, r)]


def mentions_condition(a: Analysis, req) -> bool:
    """The message names the condition a training item is given under (or the item has none)."""
    cond = req.when
    if cond is None:
        return True
    if cond.age_under is not None:  # an age said decides ("48 tuổi, có thạc sĩ": not the under-35 item)
        if a.ent.age is not None:  # unless the item itself is asked about ("40 tuổi có thuộc diện IELTS không")
            return a.ent.age < cond.age_under or "condition_age_item" in a.cues
        return "condition_age" in a.cues
    if cond.ethnic_area:
        return "condition_ethnic" in a.cues
    if cond.newly_recruited:
        return "condition_recruited" in a.cues
    if cond.planned_appointment:
        return "condition_appointment" in a.cues
    return False


HELD_SUFFIX = {"llct": " lý luận chính trị", "qlnn": " (lớp QLNN)"}


def held_level_name(kb, area, level):
    """How a held level reads in a verdict: 'trung cấp lý luận chính trị', 'chuyên viên (lớp QLNN)'."""
    if level is None:
        return None
    return level_name(kb, area, level) + HELD_SUFFIX.get(area, "")


def unique(values) -> list[str]:
    return list(dict.fromkeys(values))
