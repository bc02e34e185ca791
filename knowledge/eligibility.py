"""Check one person's profile against the plan's standards and list the training the plan provides them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from knowledge.queries import Person, default_role, level_name, meets, requirements_for, scale_of
from knowledge.schema import KnowledgeBase, Requirement

Status = Literal["met", "missing", "unknown"]

NONE_LEVEL = "none"
"""A level field holding this value means the person is known to hold nothing on that scale."""

LEVEL_FIELDS: dict[str, str] = {
    "chuyen_mon": "chuyen_mon",
    "llct": "llct",
    "qlnn": "qlnn",
    "tin_hoc": "tin_hoc",
    "qp_an": "quoc_phong",
}
"""Profile field -> KB area id it records a held level for."""

CONDITION_LABELS: dict[str, str] = {
    "ethnic_area": "công tác ở vùng đồng bào dân tộc thiểu số",
    "age_under": "dưới {} tuổi",
    "newly_recruited": "mới trúng tuyển công chức",
    "planned_appointment": "dự kiến đề bạt, bổ nhiệm",
}

STATUS_LABELS: dict[str, str] = {"met": "Đạt", "missing": "Chưa đạt", "unknown": "Thiếu dữ liệu"}
NOT_CHECKABLE_LABEL = "Không kiểm tra được"


class Profile(BaseModel):
    """What is known of one person; every field None means unknown, NONE_LEVEL means holds none."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: str | None = Field(None, description="tier id: tinh, huyen or xa")
    grade: str | None = Field(None, description="grade id, e.g. chuyen_vien")
    role: str | None = Field(None, description="role id, e.g. cong_chuc_xa")
    chuyen_mon: str | None = Field(None, description="level id on the chuyen_mon scale, or 'none'")
    llct: str | None = Field(None, description="level id on the llct scale, or 'none'")
    qlnn: str | None = Field(None, description="QLNN programme completed (qlnn scale level id), or 'none'")
    tin_hoc: str | None = Field(None, description="level id on the tin_hoc scale, or 'none'")
    qp_an: str | None = Field(None, description="level id on the qp_an scale, or 'none'")
    age: int | None = Field(None, ge=0, le=150)
    ethnic_area: bool | None = None
    newly_recruited: bool | None = None
    planned_appointment: bool | None = None
    target_group: int | None = Field(None, ge=1, le=9, description="đối tượng bồi dưỡng QP-AN (1–4), if known")

    def held(self, area: str) -> str | None:
        """The level recorded for an area (may be NONE_LEVEL), or None if unknown or not recorded."""
        for field_name, area_id in LEVEL_FIELDS.items():
            if area_id == area:
                return getattr(self, field_name)
        return None

    def to_person(self) -> Person:
        """The query-layer view of this profile (levels held, nothing for 'none' or unknown)."""
        levels = {
            area: value
            for field_name, area in LEVEL_FIELDS.items()
            if (value := getattr(self, field_name)) is not None and value != NONE_LEVEL
        }
        return Person(
            tier=self.tier,
            grade=self.grade,
            role=self.role,
            age=self.age,
            ethnic_area=self.ethnic_area,
            newly_recruited=self.newly_recruited,
            planned_appointment=self.planned_appointment,
            levels=levels,
        )


@dataclass(frozen=True)
class Check:
    """The outcome of one requirement for one person."""

    clause: str
    area: str
    area_name: str
    requirement: str | None  # requirement id; None when the requirement cannot be determined yet
    kind: Literal["standard", "training"]
    status: Status
    required: str  # what the plan requires, in Vietnamese
    has: str  # what the person holds, in Vietnamese ("" when not relevant)
    note: str = ""
    checkable: bool = True  # False when the plan states no level that could be compared

    @property
    def label(self) -> str:
        """Short Vietnamese status label for reports."""
        if self.status == "unknown" and not self.checkable:
            return NOT_CHECKABLE_LABEL
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Summary:
    """Counts of a person's standard checks, and the training items listed for them."""

    met: int = 0
    missing: int = 0
    unknown: int = 0
    not_checkable: int = 0
    training: int = 0

    @property
    def overall(self) -> Status:
        """missing if any standard is missed; met if every checkable one is met; else unknown."""
        if self.missing:
            return "missing"
        if self.unknown or not self.met:
            return "unknown"
        return "met"


def summarize(checks: list[Check]) -> Summary:
    """Count the outcomes of one person's checks."""
    met = missing = unknown = not_checkable = training = 0
    for c in checks:
        if c.kind == "training":
            training += 1
        elif not c.checkable:
            not_checkable += 1
        elif c.status == "met":
            met += 1
        elif c.status == "missing":
            missing += 1
        else:
            unknown += 1
    return Summary(met, missing, unknown, not_checkable, training)


def standard_areas(kb: KnowledgeBase) -> list[str]:
    """Areas that have at least one standard in the plan, in the plan's area order."""
    used = {r.area for r in kb.requirements if r.kind == "standard"}
    return [a.id for a in kb.areas if a.id in used]


def area_name(kb: KnowledgeBase, area: str) -> str:
    """Display name of an area."""
    a = kb.by_id("areas", area)
    return a.name if a is not None else area


def required_text(kb: KnowledgeBase, req: Requirement) -> str:
    """What a requirement asks for, short, in Vietnamese."""
    if not req.checkable:
        return req.statement
    if req.alternatives:
        return " hoặc ".join(level_name(kb, req.area, lv) for lv in req.alternatives)
    scale = scale_of(kb, req.area)
    name = level_name(kb, req.area, req.min_level)
    if scale is None:
        return name
    idx = scale.index(req.min_level or "")
    return f"{name} trở lên" if 0 < idx < len(scale.levels) - 1 else name


def held_text(kb: KnowledgeBase, area: str, held: str | None) -> str:
    """What a person holds on an area, in Vietnamese."""
    if held is None:
        return "chưa rõ"
    if held == NONE_LEVEL:
        return "chưa có"
    return level_name(kb, area, held)


def _standard_check(kb: KnowledgeBase, req: Requirement, held: str | None) -> Check:
    base = dict(
        clause=req.clause,
        area=req.area,
        area_name=area_name(kb, req.area),
        requirement=req.id,
        kind="standard",
        required=required_text(kb, req),
        has=held_text(kb, req.area, held),
    )
    if not req.checkable:
        return Check(status="unknown", checkable=False, note="Kế hoạch không nêu mức cụ thể để kiểm tra.", **base)
    if held is None:
        return Check(status="unknown", note=f"Chưa có dữ liệu về {base['area_name'].lower()}.", **base)
    if held == NONE_LEVEL:
        return Check(status="missing", **base)
    result = meets(kb, req, held)
    if result is None:
        return Check(status="unknown", note=f"Mức “{held}” không có trong thang của kế hoạch.", **base)
    return Check(status="met" if result else "missing", **base)


def _group_unknown_check(kb: KnowledgeBase, req: Requirement, held: str | None) -> Check:
    """A standard for đối tượng 1..N only, for a person whose đối tượng is not known: never 'missing'."""
    check = _standard_check(kb, req, held)
    if check.status == "met":
        return check
    return replace(check, status="unknown", checkable=False,
                   note=f"Không kiểm tra được — kế hoạch chỉ yêu cầu đối tượng 1–{req.target_group_max}.")


def _why(kb: KnowledgeBase, req: Requirement, person: Person) -> str:
    """Who the plan addresses with this training item, as it applies to this person."""
    parts: list[str] = []
    role = default_role(kb, person.tier, person.role)
    if req.roles and role in req.roles:
        r = kb.by_id("roles", role)
        parts.append(r.name if r is not None else role)
    else:
        parts.append("người")
    if req.when is not None:
        for key, value in req.when.model_dump(exclude_none=True).items():
            if key == "age_under":
                parts.append(CONDITION_LABELS[key].format(value))
            elif value is True:
                parts.append(CONDITION_LABELS[key])
    return " ".join(parts)


def _training_check(kb: KnowledgeBase, req: Requirement, person: Person) -> Check:
    return Check(
        clause=req.clause,
        area=req.area,
        area_name=area_name(kb, req.area),
        requirement=req.id,
        kind="training",
        status="unknown",
        required=req.statement,
        has="",
        note=f"Áp dụng cho {_why(kb, req, person)}.",
    )


def _undetermined(kb: KnowledgeBase, area: str, reqs: tuple[Requirement, ...], missing: str, held: str | None) -> Check:
    clauses = list(dict.fromkeys(r.clause for r in reqs))
    return Check(
        clause=", ".join(clauses),
        area=area,
        area_name=area_name(kb, area),
        requirement=None,
        kind="standard",
        status="unknown",
        required=f"tùy theo {missing}",
        has=held_text(kb, area, held),
        note=f"Chưa biết {missing} nên chưa xác định được yêu cầu.",
    )


@dataclass(frozen=True)
class _Slot:
    """One standard line of a person's result, whose outcome depends only on the level held in its area."""

    area: str
    req: Requirement | None = None  # the requirement, or None when it cannot be determined yet
    candidates: tuple[Requirement, ...] = ()
    missing: str = ""
    group_unknown: bool = False  # the requirement addresses some đối tượng only, and the person's is not known

    @property
    def key(self) -> tuple[str, str]:
        if self.req is not None:
            return (self.req.id, "group" if self.group_unknown else "")
        return (self.area, self.missing)

    def check(self, kb: KnowledgeBase, held: str | None) -> Check:
        if self.req is not None and self.group_unknown:
            return _group_unknown_check(kb, self.req, held)
        if self.req is not None:
            return _standard_check(kb, self.req, held)
        return _undetermined(kb, self.area, self.candidates, self.missing, held)


class Checker:
    """Checks profiles against one plan; work shared by similar profiles is done once (pure, no I/O)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._order = {r.id: i for i, r in enumerate(kb.requirements)}
        self._areas = standard_areas(kb)
        self._ids = {kind: {x.id for x in getattr(kb, kind)} for kind in ("tiers", "grades", "roles")}
        self._ages = sorted({r.when.age_under for r in kb.requirements if r.when and r.when.age_under is not None})
        self._plans: dict[tuple, tuple[list[_Slot], list[Check]]] = {}
        self._memo: dict[tuple, Check] = {}

    def check(self, profile: Profile) -> list[Check]:
        """Every standard that addresses the person, checked, then the training the plan lists for them.

        Raises ValueError if the tier, grade or role is not one of the plan's ids.
        """
        ages = None if profile.age is None else tuple(profile.age < n for n in self._ages)
        key = (profile.tier, profile.grade, profile.role, ages,
               profile.ethnic_area, profile.newly_recruited, profile.planned_appointment, profile.target_group)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._plan(profile)
        slots, trainings = plan
        out: list[Check] = []
        for slot in slots:
            held = profile.held(slot.area)
            memo_key = (slot.key, held)
            found = self._memo.get(memo_key)
            if found is None:
                found = self._memo[memo_key] = slot.check(self.kb, held)
            out.append(found)
        out.extend(trainings)
        return out

    def _plan(self, profile: Profile) -> tuple[list[_Slot], list[Check]]:
        for kind, value in (("tiers", profile.tier), ("grades", profile.grade), ("roles", profile.role)):
            if value is not None and value not in self._ids[kind]:
                raise ValueError(f"unknown {kind[:-1]} id: {value!r}")
        kb = self.kb
        person = profile.to_person()
        grades = [g.id for g in kb.grades]
        if profile.tier is None:
            guesses = [replace(person, tier=t.id, grade=g)
                       for t in kb.tiers for g in ([profile.grade] if profile.grade else grades)]
            missing = "cấp (tỉnh, huyện hay xã)" if profile.grade else "cấp (tỉnh, huyện hay xã) và ngạch"
            return [_Slot(a, None, reqs, missing) for a, reqs in self._standards_over(guesses).items()], []
        applicable = [r for r in requirements_for(kb, person)
                      if r.target_group_max is None or profile.target_group is None
                      or profile.target_group <= r.target_group_max]
        slots = [_Slot(r.area, r, group_unknown=r.target_group_max is not None and profile.target_group is None)
                 for r in applicable if r.kind == "standard"]
        if profile.grade is None:
            covered = {s.area for s in slots}
            guesses = [replace(person, grade=g) for g in grades]
            slots += [_Slot(a, None, reqs, "ngạch") for a, reqs in self._standards_over(guesses).items()
                      if a not in covered]
        slots.sort(key=lambda s: self._areas.index(s.area) if s.area in self._areas else len(self._areas))
        # the training the plan provides this person in particular (a role, a condition); the standing training of
        # everyone ("thường xuyên bồi dưỡng cập nhật") is not a line of each person's card
        trainings = [_training_check(kb, r, person) for r in applicable
                     if r.kind == "training" and (r.when is not None or r.roles)]
        return slots, trainings

    def _standards_over(self, people: list[Person]) -> dict[str, tuple[Requirement, ...]]:
        """Standards that would apply to any of these people, grouped by area in plan order."""
        found: dict[str, dict[str, Requirement]] = {}
        for person in people:
            for req in requirements_for(self.kb, person, kinds=("standard",)):
                found.setdefault(req.area, {})[req.id] = req
        return {
            a: tuple(sorted(found[a].values(), key=lambda r: self._order[r.id]))
            for a in self._areas if a in found
        }


def check_profile(kb: KnowledgeBase, profile: Profile) -> list[Check]:
    """Every standard that addresses the person, checked, then the training the plan lists for them.

    Raises ValueError if the tier, grade or role is not one of the plan's ids.
    For many profiles, reuse one Checker(kb).
    """
    return Checker(kb).check(profile)


@dataclass(frozen=True)
class Choice:
    """One valid value of a profile field and its Vietnamese label."""

    value: str | int | bool
    label: str


@dataclass(frozen=True)
class FieldSpec:
    """A profile field as a step-by-step dialog asks for it."""

    name: str
    label: str
    choices: tuple[Choice, ...]  # empty: free input (age)


FIELD_LABELS: dict[str, str] = {
    "tier": "Cấp",
    "grade": "Ngạch",
    "role": "Chức danh",
    "chuyen_mon": "Trình độ chuyên môn",
    "llct": "Lý luận chính trị",
    "qlnn": "Quản lý nhà nước",
    "tin_hoc": "Tin học",
    "qp_an": "Quốc phòng - An ninh",
    "age": "Tuổi",
    "ethnic_area": "Công tác ở vùng dân tộc thiểu số",
    "newly_recruited": "Mới trúng tuyển công chức",
    "planned_appointment": "Dự kiến đề bạt, bổ nhiệm",
}

NONE_LABEL = "Chưa có"
YES_NO = (Choice(True, "Có"), Choice(False, "Không"))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def age_bands(kb: KnowledgeBase) -> tuple[Choice, ...]:
    """The age bands the plan distinguishes (its age limits), each chosen as an age inside it: Dưới 35 = 34."""
    limits = sorted({r.when.age_under for r in kb.requirements if r.when and r.when.age_under})
    bands, low = [], None
    for limit in limits:
        bands.append(Choice(limit - 1, f"Dưới {limit}" if low is None else f"Từ {low} đến dưới {limit}"))
        low = limit
    if low is not None:
        bands.append(Choice(low, f"Từ {low} trở lên"))
    return tuple(bands)


def profile_fields(kb: KnowledgeBase) -> list[FieldSpec]:
    """Every profile field with its valid values (from the plan) and Vietnamese labels."""
    specs = [
        FieldSpec("tier", FIELD_LABELS["tier"], tuple(Choice(t.id, _capital(t.name)) for t in kb.tiers)),
        FieldSpec("grade", FIELD_LABELS["grade"], tuple(Choice(g.id, _capital(g.name)) for g in kb.grades)),
        FieldSpec("role", FIELD_LABELS["role"], tuple(Choice(r.id, _capital(r.name)) for r in kb.roles)),
    ]
    for field_name, area in LEVEL_FIELDS.items():
        scale = scale_of(kb, area)
        levels = scale.levels if scale is not None else []
        choices = tuple(Choice(lv.id, _capital(lv.name)) for lv in levels) + (Choice(NONE_LEVEL, NONE_LABEL),)
        specs.append(FieldSpec(field_name, FIELD_LABELS[field_name], choices))
    specs.append(FieldSpec("age", FIELD_LABELS["age"], age_bands(kb)))
    for flag in ("ethnic_area", "newly_recruited", "planned_appointment"):
        specs.append(FieldSpec(flag, FIELD_LABELS[flag], YES_NO))
    return specs
