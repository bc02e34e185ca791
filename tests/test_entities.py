"""Entity extraction: grade (longest match), tier, role, area, held levels, age, clause ids."""

import pytest

from bot.understand import default_understander


@pytest.fixture(scope="module")
def extract():
    return default_understander().extractor.extract


@pytest.mark.parametrize(
    "text,grade",
    [
        ("chuyên viên cao cấp cần gì", "chuyen_vien_cao_cap"),
        ("CVCC?", "chuyen_vien_cao_cap"),
        ("cvc can llct gi", "chuyen_vien_chinh"),
        ("CV phải học gì", "chuyen_vien"),
        ("ngạch tương đương chuyên viên", "chuyen_vien"),
        ("nhân viên ngạch cán sự", "can_su"),
        ("chuyên viên, chính trị cần gì", "chuyen_vien"),
        ("tôi cần sử dụng máy tính", None),
    ],
)
def test_grade_longest_match_wins(extract, text, grade):
    assert extract(text).grade == grade


def test_course_grade_is_not_the_persons_grade(extract):
    ent = extract("anh Minh ngạch cán sự đã học lớp bồi dưỡng QLNN ngạch chuyên viên")
    assert ent.grade == "can_su"
    assert ent.course_grade == "chuyen_vien"
    assert ent.held == {"qlnn": "chuyen_vien"}


@pytest.mark.parametrize(
    "text,tier",
    [
        ("chuyên viên cấp tỉnh", "tinh"),
        ("làm ở phòng nội vụ huyện", "huyen"),
        ("công chức thị xã Vĩnh Châu", "huyen"),
        ("công chức phường 5", "xa"),
        ("cán bộ thị trấn", "xa"),
        ("bảo hiểm xã hội", None),
        ("phương pháp giảng dạy", None),
        ("cấp tỉnh, cấp huyện", None),
    ],
)
def test_tier_including_place_words(extract, text, tier):
    assert extract(text).tier == tier


@pytest.mark.parametrize(
    "text,held,lacks",
    [
        ("chuyên viên chỉ có bằng cao đẳng", {"chuyen_mon": "cao_dang"}, {}),
        ("đã có bằng thạc sĩ", {"chuyen_mon": "thac_si"}, {}),
        ("hiện có Trung cấp LLCT", {"llct": "trung_cap"}, {}),
        ("có bằng cử nhân", {"chuyen_mon": "dai_hoc"}, {}),
        ("anh ấy chưa có cao cấp chính trị", {}, {"llct": "cao_cap"}),
        ("có phải có cao cấp chính trị không", {}, {}),
        ("số công chức có trình độ trung cấp trở lên", {}, {}),
    ],
)
def test_held_levels(extract, text, held, lacks):
    ent = extract(text)
    assert ent.held == held
    assert ent.lacks == lacks


@pytest.mark.parametrize(
    "text,area",
    [("LLCT", "llct"), ("QLNN", "qlnn"), ("CMNV", "chuyen_mon"), ("QP-AN", "quoc_phong"), ("tin học", "tin_hoc"), ("IELTS", "ngoai_ngu")],
)
def test_area_abbreviations(extract, text, area):
    assert area in extract(text).areas


def test_age_year_and_clause(extract):
    ent = extract("CV 40 tuổi năm 2013, xem nguyên văn II.1.đ")
    assert ent.age == 40
    assert ent.years == [2013]
    assert ent.clause == "II.1.đ"


def test_under_35_is_a_condition_not_an_age(extract):
    assert extract("cán bộ dưới 35 tuổi").age is None


@pytest.mark.parametrize(
    "text,topic",
    [("lương chuyên viên", "tiền lương"), ("số lượng đào tạo", None), ("chất lượng đào tạo", None), ("đóng bảo hiểm", "bảo hiểm")],
)
def test_out_of_scope_topics(extract, text, topic):
    assert extract(text).out_of_scope == topic


@pytest.mark.parametrize("text,tier,grade", [
    ("Em ở Sở Tư pháp, ngạch chuyên viên", "tinh", "chuyen_vien"),
    ("kế toán viên chính ở phòng Tài chính - Kế hoạch huyện Mỹ Tú", "huyen", "chuyen_vien_chinh"),
    ("công chức TP-HT thị trấn Kế Sách", "xa", None),
    ("ngạch 01.003, UBND huyện Long Phú chứ không phải ở sở", "huyen", "chuyen_vien"),
    ("thủ tục cấp sổ đỏ", None, None),
    ("Kiến thức quốc phòng - an ninh", None, None),
    ("số lượng đào tạo năm 2012", None, None),
])
def test_chat_reads_tiers_and_grades_with_the_plans_one_vocabulary(extract, text, tier, grade):
    ent = extract(text)
    assert (ent.tier, ent.grade) == (tier, grade)


def test_chat_and_the_staff_list_reader_read_the_same_spellings_alike(extract):
    from knowledge import default_kb
    from knowledge.vocabulary import implied_tier, matcher_for

    matcher = matcher_for(default_kb())
    for text in ["Sở Nội vụ", "UBND huyện Châu Thành", "thị trấn Mỹ Xuyên", "phường 7", "TX Vĩnh Châu"]:
        found = [implied_tier(default_kb(), m) for m in matcher.find(text)]
        assert extract(text).tier == next((t for t in found if t), None), text
