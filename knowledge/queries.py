"""Pure queries over a plan: who must have what, does a level meet it, annex figures."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

from knowledge.schema import KnowledgeBase, Requirement, Scale
from knowledge.text import fold
from knowledge.vocabulary import implied_tier, matcher_for


@dataclass(frozen=True)
class Person:
    """What is known of a person; None means unknown."""

    tier: str | None = None
    grade: str | None = None
    role: str | None = None
    age: int | None = None
    ethnic_area: bool | None = None
    newly_recruited: bool | None = None
    planned_appointment: bool | None = None
    levels: dict[str, str] = field(default_factory=dict)  # area id -> level id held


def default_role(kb: KnowledgeBase, tier: str | None, role: str | None) -> str | None:
    """A person with no stated role at a tier that names one (cấp xã: công chức cấp xã) has that role."""
    if role is None and tier is not None:
        t = kb.by_id("tiers", tier)
        return t.default_role if t is not None else None
    return role


def ungraded_tiers(kb: KnowledgeBase) -> frozenset[str]:
    """Tiers whose requirements go by role, not by grade."""
    return frozenset(t.id for t in kb.tiers if not t.graded)


def applies(req: Requirement, person: Person, *, strict_conditions: bool = True) -> bool:
    """Does this requirement address this person?

    With strict_conditions, a conditional requirement (age, ethnic area ...) applies only when
    the condition is known to hold; otherwise it applies unless known not to hold.
    """
    if req.tiers and person.tier is not None and person.tier not in req.tiers:
        return False
    role = person.role
    if req.grades is not None:
        if person.grade is None or person.grade not in req.grades:
            return False
    if req.roles is not None:
        if role is None or role not in req.roles:
            return False
    cond = req.when
    if cond is not None:
        checks: list[bool | None] = []
        if cond.ethnic_area is not None:
            checks.append(None if person.ethnic_area is None else person.ethnic_area == cond.ethnic_area)
        if cond.age_under is not None:
            checks.append(None if person.age is None else person.age < cond.age_under)
        if cond.newly_recruited is not None:
            checks.append(None if person.newly_recruited is None else person.newly_recruited == cond.newly_recruited)
        if cond.planned_appointment is not None:
            checks.append(
                None if person.planned_appointment is None else person.planned_appointment == cond.planned_appointment
            )
        if any(c is False for c in checks):
            return False
        if strict_conditions and any(c is None for c in checks):
            return False
    return True


def requirements_for(
    kb: KnowledgeBase,
    person: Person,
    *,
    area: str | None = None,
    kinds: tuple[str, ...] = ("standard", "training"),
    strict_conditions: bool = True,
) -> list[Requirement]:
    """Requirements that address the person, optionally of one area, in plan order."""
    resolved = replace(person, role=default_role(kb, person.tier, person.role))
    return [
        r
        for r in kb.requirements
        if r.kind in kinds
        and (area is None or r.area == area)
        and applies(r, resolved, strict_conditions=strict_conditions)
    ]


def requirements_by_area(kb: KnowledgeBase, area: str, tiers: tuple[str, ...] | None = None) -> list[Requirement]:
    """Every standard of one area for the given tiers (default: the graded tiers), in plan order."""
    wanted = set(tiers) if tiers is not None else {t.id for t in kb.tiers if t.graded}
    return [
        r
        for r in kb.requirements
        if r.area == area and r.kind == "standard" and (not r.tiers or set(r.tiers) & wanted)
    ]


def scale_of(kb: KnowledgeBase, area: str) -> Scale | None:
    """The scale an area is measured on, if any."""
    a = kb.by_id("areas", area)
    return kb.by_id("scales", a.scale) if a is not None and a.scale else None


def find_level(kb: KnowledgeBase, scale_id: str, text: str) -> str | None:
    """The level a piece of text names on a scale (the longest alias wins), or None."""
    scale = kb.by_id("scales", scale_id)
    if scale is None or not text:
        return None
    folded = f" {fold(text)} "
    best: tuple[int, int, str] | None = None
    for idx, level in enumerate(scale.levels):
        for alias in [level.name, level.id.replace("_", " "), *level.aliases]:
            a = fold(alias)
            if a and f" {a} " in folded:
                cand = (len(a), idx, level.id)
                if best is None or cand > best:
                    best = cand
    return best[2] if best else None


def meets(kb: KnowledgeBase, req: Requirement, held: str | None) -> bool | None:
    """True/False if the held level meets the requirement; None if unknown or not checkable."""
    if held is None or not req.checkable:
        return None
    scale = scale_of(kb, req.area)
    if scale is None:
        return None
    if held in req.alternatives:
        return True
    try:
        return scale.index(held) >= scale.index(req.min_level or "")
    except KeyError:
        return None


def level_name(kb: KnowledgeBase, area: str, level: str | None) -> str:
    """Display name of a level on an area's scale."""
    scale = scale_of(kb, area)
    if scale is None or level is None:
        return level or ""
    try:
        return scale.level(level).name
    except KeyError:
        return level


def format_number(n: int) -> str:
    """Write a number as the plan does: 25950 -> '25.950'."""
    return f"{n:,}".replace(",", ".")


def marked_forms(matcher, text: str) -> dict[str, set[str]]:
    """Each word of a text typed with marks (the vocabulary's tokens): its folded form -> the marked forms typed."""
    forms: dict[str, set[str]] = {}
    for token in matcher.tokens(unicodedata.normalize("NFC", text)):
        if token.marked is not None:
            forms.setdefault(token.folded, set()).add(token.marked)
    return forms


def _agreeing(words: set[str], typed: dict[str, set[str]], own: dict[str, set[str]]) -> set[str]:
    """The words, less those typed with other marks than the text's own ("về đâu" is not "Đầu tư")."""
    return {w for w in words if w not in typed or not own.get(w) or typed[w] & own[w]}


def duties_named(kb: KnowledgeBase, words: set[str], tiers: set[str], with_deadline: bool = False,
                 raw: str = "") -> list:
    """The plan's duties (responsibilities) a message points to, best first. Their actor must be of a tier the
    message names (an office or place implies one) and share a word with it. Each shared word counts 1/(how many
    duties use it), twice in the actor, so the words only one duty uses decide. A word typed with marks (raw)
    counts only where the duty has those marks."""
    matcher = matcher_for(kb)
    typed = marked_forms(matcher, raw)
    duties = [r for r in kb.responsibilities if (r.deadline or not with_deadline)
              and tiers & {implied_tier(kb, m) for m in matcher.find(r.actor)}]
    marks = {r.id: marked_forms(matcher, f"{r.actor} {r.duty}") for r in duties}
    actors = {r.id: _agreeing(set(fold(r.actor).split()) & words, typed, marks[r.id]) for r in duties}
    bags = {r.id: _agreeing(set(fold(f"{r.actor} {r.duty}").split()), typed, marks[r.id]) for r in duties}
    used = _usage(bags)
    scored = [(sum((1 + (w in actors[r.id])) / used[w] for w in words & bags[r.id]), r) for r in duties
              if actors[r.id] or len({w for w in words & bags[r.id] if used[w] == 1}) >= DUTY_OWN_WORDS]
    return _best(scored, DUTY_MIN)


def actors_named(kb: KnowledgeBase, words: set[str], raw: str = "") -> list:
    """Every duty of each actor the message names by a word of its name no other actor's name has ("Sở Nội vụ, các
    sở ngành và các cơ sở đào tạo mỗi bên …": three actors; "sở" alone names none of them)."""
    typed = marked_forms(matcher_for(kb), raw)
    actors = list(dict.fromkeys(r.actor for r in kb.responsibilities))
    names = {a: _agreeing(set(fold(a).split()), typed, marked_forms(matcher_for(kb), a)) for a in actors}
    used = _usage(names)
    named = [a for a in actors if any(used[w] == 1 for w in names[a] & words)]
    return [r for r in kb.responsibilities if r.actor in named]


def duty_words(kb: KnowledgeBase) -> frozenset[str]:
    """Words and word pairs of the plan's duties that neither its targets nor its requirements use, and few clauses
    do ("gửi", "Sở Nội vụ"): a question with one of them asks who does what, not what is to be reached or learnt."""
    def grams(text: str) -> set[str]:
        return set(fold(text).split()) | word_pairs(fold(text))

    duties = {p for r in kb.responsibilities for p in grams(r.duty)}
    aims = {p for c in {o.clause for o in kb.objectives} for item in kb.clause(c).items for p in grams(item)}
    learnt = {p for r in kb.requirements for p in grams(r.quote)}
    spread: dict[str, int] = {}  # in how many clauses a word or pair occurs: "kế hoạch", "của tỉnh" are everywhere
    for c in kb.clauses:
        for p in {p for item in c.items for p in grams(item)}:
            spread[p] = spread.get(p, 0) + 1
    return frozenset(p for p in duties - aims - learnt if spread.get(p, 0) <= DUTY_PAIR_CLAUSES)


def objectives_named(kb: KnowledgeBase, text: str, canonical=fold, least: float | None = None) -> list:
    """The plan's dated targets a message names by the word pairs of their subject, best first (each shared pair
    counts 1/(how many dated targets use it)); canonical: how the message's text was made (abbreviations)."""
    dated = [o for o in kb.objectives if o.deadline]
    bags = {o.id: word_pairs(canonical(o.subject)) for o in dated}
    used = _usage(bags)
    asked = word_pairs(text)
    scored = [(sum(1 / used[w] for w in asked & bags[o.id]), o) for o in dated]
    return _best(scored, TARGET_MIN if least is None else least)


def _usage(bags: dict[str, set[str]]) -> dict[str, int]:
    """How many of the items each word (or word pair) belongs to."""
    used: dict[str, int] = {}
    for bag in bags.values():
        for w in bag:
            used[w] = used.get(w, 0) + 1
    return used


def _best(scored: list, least: float) -> list:
    """The items scoring at least `least` and close to the best, best first."""
    best = max((s for s, _ in scored), default=0.0)
    return [item for s, item in sorted(scored, key=lambda x: -x[0]) if s >= least and s >= best * DUTY_NEAR]


def word_pairs(text: str) -> set[str]:
    """Adjacent word pairs of a (folded) text."""
    words = text.split()
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


TARGET_MIN = 1.5  # a target is named by this much of its subject's own word pairs
TARGET_CLEAR = 2.5  # ... and clearly, before any duty, by this much
DUTY_MIN = 1.5  # a duty is named by at least this much of its own wording
DUTY_NEAR = 0.8  # duties scoring this close to the best are named too
DUTY_PAIR_CLAUSES = 2  # a duty's word pair found in more clauses than this says nothing of duties
DUTY_OWN_WORDS = 3  # a duty whose actor is not named ("được trình … vào tháng mấy") is named by this many of its own words


def requirement_areas(kb: KnowledgeBase) -> frozenset[str]:
    """The areas some requirement of the plan is about."""
    return frozenset(r.area for r in kb.requirements)


def varying_areas(kb: KnowledgeBase) -> frozenset[str]:
    """The areas whose requirement differs by grade (their grade-specific requirements name different levels)."""
    levels: dict[str, set] = {}
    for r in kb.requirements:
        if r.grades:
            levels.setdefault(r.area, set()).add(r.min_level)
    return frozenset(area for area, found in levels.items() if len(found) > 1)
