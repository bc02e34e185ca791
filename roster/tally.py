"""Count a checked roster: people by tier and grade, outcomes by requirement area."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from knowledge.eligibility import Check, standard_areas, summarize
from knowledge.schema import KnowledgeBase

from roster.reader import Roster

UNKNOWN_GROUP = "Chưa rõ"
OUTCOMES = ("met", "missing", "unknown")
AREA_OUTCOMES = ("met", "missing", "unknown", "not_checkable", "not_applicable")


def outcome(check: Check) -> str:
    """met, missing, unknown (data) or not_checkable (the plan states no level)."""
    return "not_checkable" if check.status == "unknown" and not check.checkable else check.status


@dataclass
class Tally:
    """People and outcomes of one checked roster."""

    people: int = 0
    with_errors: int = 0
    skipped: int = 0
    overall: Counter = field(default_factory=Counter)  # met/missing/unknown -> people
    by_group: dict[tuple[str, str], Counter] = field(default_factory=dict)  # (tier, grade) names -> overall counts
    by_area: dict[str, Counter] = field(default_factory=dict)  # area id -> outcome -> people
    clauses: dict[str, list[str]] = field(default_factory=dict)  # area id -> clauses seen, in order


def _name(kb: KnowledgeBase, kind: str, item_id: str | None) -> str:
    item = kb.by_id(kind, item_id) if item_id else None
    return item.name if item is not None else UNKNOWN_GROUP


def tally(kb: KnowledgeBase, roster: Roster, results: list[list[Check]]) -> Tally:
    """Count outcomes per person (overall), per tier and grade, and per area."""
    t = Tally(people=len(roster.rows), skipped=roster.skipped)
    areas = standard_areas(kb)
    t.by_area = {a: Counter() for a in areas}
    t.clauses = {a: [] for a in areas}
    groups: dict[tuple[str | None, str | None], Counter] = {}
    for person, checks in zip(roster.rows, results):
        if person.errors:
            t.with_errors += 1
        overall = summarize(checks).overall
        t.overall[overall] += 1
        p = person.profile
        groups.setdefault((p.tier, p.grade), Counter())[overall] += 1
        seen: set[str] = set()
        for c in checks:
            if c.kind != "standard" or c.area not in t.by_area:
                continue
            t.by_area[c.area][outcome(c)] += 1
            seen.add(c.area)
            for clause in c.clause.split(", "):
                if clause not in t.clauses[c.area]:
                    t.clauses[c.area].append(clause)
        for a in areas:
            if a not in seen:
                t.by_area[a]["not_applicable"] += 1
    tier_order = [x.id for x in kb.tiers] + [None]
    grade_order = [x.id for x in kb.grades] + [None]

    def rank(key: tuple[str | None, str | None]) -> tuple[int, int]:
        tier, grade = key
        return (tier_order.index(tier) if tier in tier_order else len(tier_order),
                grade_order.index(grade) if grade in grade_order else len(grade_order))

    for key in sorted(groups, key=rank):
        t.by_group[(_name(kb, "tiers", key[0]), _name(kb, "grades", key[1]))] = groups[key]
    return t
