"""Eligibility rules: every grade × tier × area, alternatives, unknowns and what the plan leaves unchecked."""

from __future__ import annotations

import pytest

from knowledge import default_kb
from knowledge.eligibility import (
    LEVEL_FIELDS,
    NONE_LEVEL,
    Check,
    Profile,
    check_profile,
    profile_fields,
    standard_areas,
    summarize,
)
from knowledge.queries import Person, requirements_for, scale_of

KB = default_kb()
UPPER_TIERS = ["tinh", "huyen"]
GRADES = [g.id for g in KB.grades]
AREA_TO_FIELD = {area: field for field, area in LEVEL_FIELDS.items()}


def standards(checks: list[Check]) -> dict[str, Check]:
    found = {c.area: c for c in checks if c.kind == "standard"}
    assert len(found) == len([c for c in checks if c.kind == "standard"]), "one standard per area"
    return found


def profile_with(tier: str, grade: str | None, **levels: str | None) -> Profile:
    return Profile(tier=tier, grade=grade, **levels)


def test_level_fields_name_areas_with_scales_in_the_kb():
    for area in LEVEL_FIELDS.values():
        assert KB.by_id("areas", area) is not None
        assert scale_of(KB, area) is not None


@pytest.mark.parametrize("tier", UPPER_TIERS)
@pytest.mark.parametrize("grade", GRADES)
def test_every_upper_tier_grade_gets_one_check_per_standard_area(tier, grade):
    checks = check_profile(KB, profile_with(tier, grade))
    assert list(standards(checks)) == standard_areas(KB)
    assert all(c.clause.startswith("II.1.") for c in checks)


CASES = [
    (tier, grade, req.area, req)
    for tier in UPPER_TIERS
    for grade in GRADES
    for req in requirements_for(KB, Person(tier=tier, grade=grade), kinds=("standard",))
    if req.area in AREA_TO_FIELD
]


@pytest.mark.parametrize(("tier", "grade", "area", "req"), CASES, ids=[f"{t}-{g}-{a}" for t, g, a, _ in CASES])
def test_level_at_below_none_and_unknown_for_every_grade_tier_area(tier, grade, area, req):
    field = AREA_TO_FIELD[area]

    group = {"target_group": req.target_group_max} if req.target_group_max else {}

    def status_with(value):
        return standards(check_profile(KB, profile_with(tier, grade, **{field: value}, **group)))[area]

    unknown = status_with(None)
    assert unknown.status == "unknown"
    assert unknown.requirement == req.id and unknown.clause == req.clause
    if not req.checkable:
        for level in scale_of(KB, area).levels:
            check = status_with(level.id)
            assert (check.status, check.checkable) == ("unknown", False)
            assert "không nêu mức cụ thể" in check.note
        return
    assert status_with(NONE_LEVEL).status == "missing"
    scale = scale_of(KB, area)
    lowest_ok = min(scale.index(x) for x in [req.min_level, *req.alternatives])
    for i, level in enumerate(scale.levels):
        expected = "met" if i >= lowest_ok else "missing"
        assert status_with(level.id).status == expected, level.id


@pytest.mark.parametrize(
    ("grade", "held", "expected"),
    [
        ("can_su", "trung_cap", "met"),
        ("can_su", "cao_dang", "met"),
        ("can_su", "dai_hoc", "met"),
        ("can_su", "so_cap", "missing"),
        ("chuyen_vien", "cao_dang", "missing"),
        ("chuyen_vien", "dai_hoc", "met"),
        ("chuyen_vien_chinh", "thac_si", "met"),
        ("chuyen_vien_chinh", "cao_dang", "missing"),
    ],
)
def test_chuyen_mon_follows_ii_1_a(grade, held, expected):
    check = standards(check_profile(KB, profile_with("tinh", grade, chuyen_mon=held)))["chuyen_mon"]
    assert (check.clause, check.status) == ("II.1.a", expected)


def test_cvcc_chuyen_mon_is_not_checkable_whatever_the_degree():
    check = standards(check_profile(KB, profile_with("tinh", "chuyen_vien_cao_cap", chuyen_mon="tien_si")))
    assert check["chuyen_mon"].status == "unknown" and not check["chuyen_mon"].checkable
    assert check["chuyen_mon"].has == "tiến sĩ"


@pytest.mark.parametrize(
    ("grade", "held", "expected"),
    [
        ("chuyen_vien_chinh", "trung_cap", "missing"),
        ("chuyen_vien_chinh", "cao_cap", "met"),
        ("chuyen_vien_cao_cap", "trung_cap", "missing"),
        ("chuyen_vien", "trung_cap", "met"),
        ("can_su", "so_cap", "missing"),
    ],
)
def test_llct_follows_ii_1_b(grade, held, expected):
    check = standards(check_profile(KB, profile_with("huyen", grade, llct=held)))["llct"]
    assert (check.clause, check.status) == ("II.1.b", expected)


@pytest.mark.parametrize("held", ["ngach_can_su", "chuyen_vien"])
def test_can_su_qlnn_either_alternative_meets(held):
    check = standards(check_profile(KB, profile_with("tinh", "can_su", qlnn=held)))["qlnn"]
    assert check.status == "met"
    assert " hoặc " in check.required


def test_chuyen_vien_chinh_qlnn_needs_its_own_programme():
    check = standards(check_profile(KB, profile_with("tinh", "chuyen_vien_chinh", qlnn="chuyen_vien")))["qlnn"]
    assert check.status == "missing"
    assert check.has == "chuyên viên"


@pytest.mark.parametrize("grade", GRADES)
def test_ngoai_ngu_is_never_guessed(grade):
    check = standards(check_profile(KB, profile_with("tinh", grade)))["ngoai_ngu"]
    assert (check.status, check.checkable, check.clause) == ("unknown", False, "II.1.đ")


def test_missing_shows_required_and_held_in_words():
    check = standards(check_profile(KB, profile_with("tinh", "chuyen_vien", chuyen_mon="cao_dang")))["chuyen_mon"]
    assert check.status == "missing"
    assert check.required == "đại học trở lên"
    assert check.has == "cao đẳng"
    assert check.label == "Chưa đạt"


def test_commune_civil_servant_needs_trung_cap():
    checks = standards(check_profile(KB, Profile(tier="xa", chuyen_mon="so_cap")))
    assert checks["chuyen_mon"].clause == "II.2.b"
    assert checks["chuyen_mon"].status == "missing"
    assert standards(check_profile(KB, Profile(tier="xa", chuyen_mon="trung_cap")))["chuyen_mon"].status == "met"


def test_commune_llct_standard_is_not_checkable():
    check = standards(check_profile(KB, Profile(tier="xa", llct="cao_cap")))["llct"]
    assert (check.status, check.checkable) == ("unknown", False)


def test_commune_grade_does_not_bring_upper_tier_standards():
    checks = check_profile(KB, Profile(tier="xa", grade="chuyen_vien"))
    assert all(not c.clause.startswith("II.1") for c in checks)


def test_unknown_tier_makes_every_area_unknown_and_says_so():
    checks = check_profile(KB, Profile(grade="chuyen_vien", chuyen_mon="dai_hoc"))
    assert checks and all(c.status == "unknown" for c in checks)
    assert all("cấp" in c.note for c in checks)
    assert {c.area for c in checks} == set(standard_areas(KB))


def test_unknown_grade_leaves_grade_free_areas_checked():
    checks = standards(check_profile(KB, Profile(tier="tinh", chuyen_mon="dai_hoc", tin_hoc="co_ban")))
    assert checks["chuyen_mon"].status == "unknown"
    assert "ngạch" in checks["chuyen_mon"].note
    assert checks["chuyen_mon"].has == "đại học"
    assert checks["tin_hoc"].status == "met"


def test_unknown_level_value_is_unknown_not_a_crash():
    check = standards(check_profile(KB, profile_with("tinh", "chuyen_vien", chuyen_mon="bang_gi_do")))["chuyen_mon"]
    assert check.status == "unknown"


def test_invalid_ids_are_rejected():
    with pytest.raises(ValueError):
        check_profile(KB, Profile(tier="quan_9"))
    with pytest.raises(ValueError):
        check_profile(KB, Profile(tier="tinh", grade="nhan_vien"))


def trainings(profile: Profile) -> set[str]:
    return {c.requirement for c in check_profile(KB, profile) if c.kind == "training"}


@pytest.mark.parametrize(("age", "listed"), [(34, True), (35, False), (None, False)])
def test_ielts_listed_only_under_35(age, listed):
    got = trainings(Profile(tier="tinh", grade="chuyen_vien", age=age))
    assert ("ielts" in got) is listed


@pytest.mark.parametrize(
    ("field", "req_id"),
    [("ethnic_area", "tieng_dan_toc"), ("newly_recruited", "tien_cong_vu"), ("planned_appointment", "truoc_bo_nhiem")],
)
@pytest.mark.parametrize("value", [True, False, None])
def test_conditional_training_listed_only_when_condition_holds(field, req_id, value):
    got = trainings(Profile(tier="huyen", grade="can_su", **{field: value}))
    assert (req_id in got) is (value is True)


def test_training_items_are_unknown_with_a_note_and_do_not_count_as_standards():
    checks = check_profile(KB, Profile(tier="tinh", grade="chuyen_vien", age=30, newly_recruited=True))
    items = [c for c in checks if c.kind == "training"]
    assert {c.requirement for c in items} == {"ielts", "tien_cong_vu"}
    assert all(c.status == "unknown" and c.note.startswith("Áp dụng cho") for c in items)
    assert summarize(checks).training == 2


def test_commune_ethnic_area_lists_khmer():
    assert "xa_khmer" in trainings(Profile(tier="xa", ethnic_area=True))
    assert "xa_khmer" not in trainings(Profile(tier="xa", ethnic_area=False))


def test_summarize_counts_and_overall():
    full = Profile(
        tier="tinh", grade="chuyen_vien", chuyen_mon="dai_hoc", llct="trung_cap",
        qlnn="chuyen_vien", tin_hoc="co_ban", qp_an="da_hoc",
    )
    s = summarize(check_profile(KB, full))
    assert (s.met, s.missing, s.unknown, s.not_checkable) == (5, 0, 0, 1)
    assert s.overall == "met"
    worse = summarize(check_profile(KB, full.model_copy(update={"llct": NONE_LEVEL})))
    assert (worse.met, worse.missing, worse.overall) == (4, 1, "missing")
    partial = summarize(check_profile(KB, full.model_copy(update={"qp_an": None, "target_group": 3})))
    assert (partial.unknown, partial.overall) == (1, "unknown")
    no_group = summarize(check_profile(KB, full.model_copy(update={"qp_an": None})))
    assert (no_group.unknown, no_group.not_checkable, no_group.overall) == (0, 2, "met")


def test_qp_an_is_checked_only_where_the_person_is_known_to_be_among_the_groups_it_addresses():
    base = Profile(tier="huyen", grade="chuyen_vien", qp_an=NONE_LEVEL)
    unknown = standards(check_profile(KB, base))["quoc_phong"]
    assert (unknown.status, unknown.checkable) == ("unknown", False)
    assert "đối tượng 1–3" in unknown.note
    assert standards(check_profile(KB, base.model_copy(update={"target_group": 3})))["quoc_phong"].status == "missing"
    assert "quoc_phong" not in standards(check_profile(KB, base.model_copy(update={"target_group": 4})))
    held = base.model_copy(update={"qp_an": "da_hoc"})
    assert standards(check_profile(KB, held))["quoc_phong"].status == "met"


def test_commune_chairmen_get_ii_2_a_and_the_cadre_standard_of_ii_2_b():
    checks = check_profile(KB, Profile(tier="xa", role="chu_tich_xa"))
    assert {c.clause for c in checks if c.kind == "training"} >= {"II.2.a"}
    assert {c.clause for c in checks if c.kind == "standard"} == {"II.2.b"}
    assert all(not c.checkable for c in checks if c.kind == "standard")


def test_nothing_checkable_is_not_met():
    s = summarize(check_profile(KB, Profile(tier="xa", role="can_bo_xa")))
    assert s.met == 0 and s.overall == "unknown"


def test_profile_fields_offer_kb_values_that_check_profile_accepts():
    specs = {s.name: s for s in profile_fields(KB)}
    assert set(specs) == set(Profile.model_fields) - {"target_group"}  # đối tượng: read from staff lists only
    assert [c.value for c in specs["tier"].choices] == [t.id for t in KB.tiers]
    assert [c.value for c in specs["grade"].choices] == GRADES
    for field, area in LEVEL_FIELDS.items():
        values = [c.value for c in specs[field].choices]
        assert values == [lv.id for lv in scale_of(KB, area).levels] + [NONE_LEVEL]
    for spec in specs.values():
        for choice in spec.choices:
            assert choice.label and choice.label[0].isupper()
            checks = check_profile(KB, Profile(**{"tier": "tinh", spec.name: choice.value}))
            assert any(c.kind == "standard" for c in checks)
