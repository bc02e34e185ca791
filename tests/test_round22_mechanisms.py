"""Accent-aware duty words ("về đâu" is not "Đầu tư"), year ranges, "còn gì nữa" and "để phục vụ việc gì" after an
answer, "ở sở bồi dưỡng" is not a count, and more topics the plan does not state (software, festivals, class dates)."""

from bot.core import answer
from tests.conversation_support import play


def test_where_typed_with_marks_is_not_the_investment_department():
    r = answer("Kế hoạch của sở phải gửi về đâu và chậm nhất vào thời điểm nào trong năm?")
    assert r.clauses[0] == "IV.2" and "cuối tháng 8" in r.text and "Sở Nội vụ" in r.text


def test_a_year_range_is_every_year_in_it():
    r = answer("tieng anh tu 2012 den 2015 cong lai bao nhieu nguoi")
    assert r.clauses == ["PL"] and "= 200" in r.text


def test_more_after_an_answer_is_the_whole_clause():
    r = play("giải pháp về kinh phí gồm những gì", "còn gì nữa")
    assert r.clauses == ["III.4"] and "tự lực" in r.text


def test_what_it_is_for_after_an_answer_is_asked_of_its_clause():
    r = play("Cán bộ dưới 35 tuổi cần đạt IELTS bao nhiêu?", "còn TOEFL?", "để phục vụ việc gì vậy")
    assert r.clauses == ["II.1.đ"] and "thạc sĩ" in r.text


def test_training_at_the_department_is_not_a_head_count():
    r = answer("cvcc o so boi duong qlnn do dau to chuc")
    assert r.clauses == ["II.1.c"] and "Học viện Hành chính" in r.text


def test_who_submits_keeps_the_askers_tier():
    r = answer("Kính gửi anh chị, tôi là phó trưởng phòng Tài chính – Kế hoạch huyện Châu Thành. Xin hỏi kinh phí đào "
               "tạo theo kế hoạch đến từ những nguồn nào, và cơ quan nào trình tỉnh bố trí kinh phí hàng năm?")
    assert "III.4" in r.clauses and r.tier == "huyen"


def test_software_festivals_class_dates_and_temperature_are_out_of_scope():
    for q in ("cach cai zalo tren may tinh", "Lễ hội Oóc Om Bóc năm nay tổ chức ngày nào?", "hôm nay mấy độ",
              "bao giờ có lớp tập huấn ở huyện Trần Đề, học ở đâu"):
        assert answer(q).kind == "fallback", q
    assert answer("CVCC thi QLNN hoc o dau v").clauses == ["II.1.c"]
