"""Words for check results: outcome labels, one check as a full or a short cell text, a person's verdict, the
course a missing standard or a training item stands for (all names taken from the plan's data)."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.eligibility import Check, area_name, summarize
from knowledge.queries import level_name
from knowledge.schema import KnowledgeBase

NOT_APPLICABLE = "Không áp dụng"
OUTCOME_LABELS = {
    "met": "Đạt",
    "missing": "Chưa đạt",
    "unknown": "Thiếu dữ liệu",
    "not_checkable": "Không kiểm tra được",
    "not_applicable": NOT_APPLICABLE,
}
OVERALL_LABELS = {"met": "Đạt", "missing": "Chưa đạt", "unknown": "Thiếu dữ liệu",
                  "not_checkable": "Không kiểm tra được"}
WORST_FIRST = ("missing", "unknown", "not_checkable", "met")


def outcome(check: Check) -> str:
    """met, missing, unknown (data) or not_checkable (the plan states no level, or not for this person's group)."""
    return "not_checkable" if check.status == "unknown" and not check.checkable else check.status


def overall(checks: list[Check]) -> str:
    """A person's verdict: missing, unknown, met — or not_checkable when no standard of theirs can be checked."""
    s = summarize(checks)
    if not (s.met or s.missing or s.unknown):
        return "not_checkable"
    return s.overall


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def describe(check: Check) -> str:
    """One check as a report cell: 'Chưa đạt (II.1.a): cần đại học trở lên, có cao đẳng'."""
    head = f"{OUTCOME_LABELS[outcome(check)]} ({check.clause})"
    if check.requirement is None:
        return f"{head}: {_lower_first(check.note.rstrip('.'))}"
    if not check.checkable:
        held = f"; có {check.has}" if check.has and check.has != "chưa rõ" else ""
        reason = _reason(check)
        return f"{head}: {reason}{held}"
    if check.has == "chưa rõ":
        return f"{head}: cần {check.required}; chưa có dữ liệu"
    if check.has == "chưa có":
        return f"{head}: cần {check.required}; chưa có"
    return f"{head}: cần {check.required}, có {check.has}"


def _reason(check: Check) -> str:
    note = check.note.rstrip(".")
    if "—" in note:  # "Không kiểm tra được — kế hoạch chỉ yêu cầu đối tượng 1–3"
        return note.split("—", 1)[1].strip()
    return "kế hoạch không nêu mức cụ thể"


def short(check: Check) -> str:
    """One check in a few words for the printed sheet: 'Chưa đạt: cần đại học trở lên; có cao đẳng'."""
    kind = outcome(check)
    label = OUTCOME_LABELS[kind]
    if kind == "met":
        return label
    if kind == "not_checkable":
        return f"{label}: {_reason(check)}" if check.requirement is not None else label
    if check.requirement is None:
        return f"{label}: {_lower_first(check.required)}"
    if kind == "missing":
        return f"{label}: cần {check.required}; có {check.has}"
    return f"{label}: cần {check.required}"


def describe_training(check: Check) -> str:
    """A training item the plan lists for the person: '(II.1.đ) ...'."""
    return f"({check.clause}) {check.required}"


@dataclass(frozen=True, order=True)
class Course:
    """A course the plan names: a standard's level not yet held, or a training item; `order` keeps plan order."""

    order: int
    label: str
    clause: str
    short: str = ""  # a few words for the printed sheet
    standard: bool = True  # a level the person must hold (else a training the plan provides)


class Courses:
    """The course each check stands for (a missing standard's level, or a training item), remembered per check:
    checks are shared between similar people."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._reqs = {r.id: (i, r) for i, r in enumerate(kb.requirements)}
        self._memo: dict[int, tuple[Check, Course | None]] = {}

    def of(self, check: Check) -> Course | None:
        """The course a person needs for this check, or None when the check asks for nothing."""
        hit = self._memo.get(id(check))
        if hit is None or hit[0] is not check:
            hit = self._memo[id(check)] = (check, self._course(check))
        return hit[1]

    def _course(self, check: Check) -> Course | None:
        found = self._reqs.get(check.requirement or "")
        if found is None:
            return None
        order, req = found
        kb = self.kb
        if check.kind == "standard":
            if outcome(check) != "missing" or req.min_level is None:
                return None
            label = f"{area_name(kb, req.area)}: {level_name(kb, req.area, req.min_level)}"
            return Course(order, label, req.clause, label, True)
        return Course(order, f"{area_name(kb, req.area)}: {req.statement}", req.clause,
                      f"{area_name(kb, req.area)} ({req.clause})", False)
