"""The one vocabulary: data validated by the loader, compiled into one accent-aware phrase matcher."""

import time

import pytest

from knowledge import default_kb, load_kb
from knowledge.loader import DEFAULT_FILE
from knowledge.vocabulary import PhraseMatcher, implied_tier, matcher_for


@pytest.fixture(scope="module")
def kb():
    return default_kb()


@pytest.fixture(scope="module")
def m(kb):
    return matcher_for(kb)


# text, kind, expected id (first match of that kind)
SPELLINGS = [
    ("Chuyên viên chính", "grade", "chuyen_vien_chinh"),
    ("chuyen vien chinh", "grade", "chuyen_vien_chinh"),
    ("CV chính", "grade", "chuyen_vien_chinh"),
    ("CVC", "grade", "chuyen_vien_chinh"),
    ("CS", "grade", "can_su"),
    ("01.003", "grade", "chuyen_vien"),
    ("1.003", "grade", "chuyen_vien"),
    ("01.001", "grade", "chuyen_vien_cao_cap"),
    ("Mã ngạch 01.004", "grade", "can_su"),
    ("Kế toán viên", "grade", "chuyen_vien"),
    ("ke toan vien chinh", "grade", "chuyen_vien_chinh"),
    ("Thanh tra viên chính", "grade", "chuyen_vien_chinh"),
    ("Kiểm soát viên", "grade", "chuyen_vien"),
    ("kế toán viên trung cấp", "grade", "can_su"),
    ("Sở Nội vụ", "office", "so"),
    ("Văn phòng UBND tỉnh", "office", "ubnd_tinh"),
    ("UBND huyện Mỹ Xuyên", "office", "ubnd_huyen"),
    ("TX Vĩnh Châu", "place", "vinh_chau"),
    ("thị trấn Cù Lao Dung", "place", "tt_cu_lao_dung"),
    ("Cù Lao Dung", "place", "cu_lao_dung"),
    ("Địa chính - Xây dựng", "position", "dia_chinh_xay_dung"),
    ("Địa chính - Nông nghiệp - Xây dựng và Môi trường", "position", "dia_chinh_xay_dung"),
    ("dia chinh xay dung", "position", "dia_chinh_xay_dung"),
    ("Văn hoá - Xã hội", "position", "van_hoa_xa_hoi"),
    ("Bí thư Đảng ủy", "position", "bi_thu_dang_uy"),
    ("Phó Chỉ huy trưởng Quân sự", "position", "pho_chi_huy_truong_quan_su"),
    ("Chủ tịch UBND", "position", "chu_tich_ubnd"),
    ("Phó Chủ tịch UBND", "position", "pho_chu_tich_ubnd"),
    ("Trưởng phòng", "position", "truong_phong"),
    ("Phó phòng", "position", "pho_truong_phong"),
]


@pytest.mark.parametrize("text,kind,expected", SPELLINGS)
def test_spellings_name_the_same_item(m, text, kind, expected):
    found = m.first(text, kind)
    assert found is not None and found.id == expected, m.find(text)


@pytest.mark.parametrize("text,tier", [
    ("Sở Tư pháp", "tinh"), ("Văn phòng UBND tỉnh", "tinh"), ("Phòng Kinh tế thị xã Ngã Năm", "huyen"),
    ("UBND huyện Kế Sách", "huyen"), ("thị trấn Cù Lao Dung", "xa"), ("phường 7", "xa"), ("Xã Đại Tâm", "xa"),
    ("TP Sóc Trăng", "huyen"), ("Chỉ huy trưởng Quân sự", "xa"),
])
def test_offices_places_and_positions_imply_a_tier(kb, m, text, tier):
    tiers = [implied_tier(kb, x) for x in m.find(text)]
    assert tier in tiers


@pytest.mark.parametrize("text,scale,level", [
    ("Dược sĩ trung học", "chuyen_mon", "trung_cap"),
    ("Dược sĩ", "chuyen_mon", "dai_hoc"),
    ("Cử nhân chính trị", "llct", "cao_cap"),
    ("TCCT", "llct", "trung_cap"),
    ("x", "tin_hoc", "co_ban"),
    ("Đại học", "chuyen_mon", "dai_hoc"),
    ("dai hoc", "chuyen_mon", "dai_hoc"),
])
def test_levels_on_their_scale(m, text, scale, level):
    found = m.first(text, "level", scale)
    assert found is not None and found.id == level


def test_a_word_typed_with_marks_matches_only_those_marks():
    m = PhraseMatcher([("thi", "level", "exam", None), ("thì", "role", "then", None)])
    assert [x.id for x in m.find("thì")] == ["then"]
    assert [x.id for x in m.find("thi")] == ["exam", "then"]  # typed without marks: both fold alike


def test_tone_placement_old_and_new_match_alike():
    m = PhraseMatcher([("văn hóa", "area", "vh", None)])
    assert [x.id for x in m.find("VĂN HOÁ")] == ["vh"]
    assert m.find("văn hòa") == []


def test_longest_match_wins_and_spans_point_at_the_words(m):
    text = "ngạch chuyên viên chính, Sở Y tế"
    found = m.find(text, kinds=("grade", "office"))
    assert [(x.kind, x.id) for x in found] == [("grade", "chuyen_vien_chinh"), ("office", "so")]
    assert text[found[0].start:found[0].end] == "ngạch chuyên viên chính"
    assert found[1].text == "Sở Y tế"


def test_one_phrase_naming_two_things_gives_both(m):
    kinds = {(x.kind, x.id) for x in m.find("chuyên viên")}
    assert {("grade", "chuyen_vien"), ("level", "chuyen_vien")} <= kinds


def test_vocabulary_ids_are_checked_by_the_loader(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "plan.vocabulary.yaml").write_text("grades: {no_such_grade: [x]}\n", encoding="utf-8")
    with pytest.raises(Exception, match="no_such_grade"):
        load_kb(plan)
    (tmp_path / "plan.vocabulary.yaml").write_text("unknown_key: 1\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown_key"):
        load_kb(plan)


def test_a_short_text_costs_microseconds(m):
    m.find("cv chính")
    start = time.perf_counter()
    for _ in range(2000):
        m.find("chuyên viên chính cấp huyện")
    assert (time.perf_counter() - start) / 2000 < 200e-6


@pytest.mark.parametrize("text,kind,expected", [s for s in SPELLINGS if s[1] == "grade"])
def test_the_staff_list_reader_reads_grades_with_the_same_matcher(kb, text, kind, expected):
    from roster.values import ValueReader

    assert ValueReader(kb, 2013).grade(text) == expected


@pytest.mark.parametrize("text,tier", [
    ("Sở Tư pháp", "tinh"), ("Phòng Kinh tế thị xã Ngã Năm", "huyen"), ("thị trấn Cù Lao Dung", "xa"),
    ("Phòng Tổ chức - Sở Y tế", "tinh"), ("UBND xã An Hiệp, huyện Châu Thành", "xa"),
])
def test_the_staff_list_reader_reads_tiers_with_the_same_matcher(kb, text, tier):
    from roster.values import ValueReader

    assert ValueReader(kb, 2013).tier(text) == tier
