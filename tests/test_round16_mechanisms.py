"""Targets called 'chỉ tiêu', corrections of a passage answer, graded people named after 'của', lists of levels held."""

import pytest

from bot.core import answer
from tests.conversation_support import play



@pytest.mark.parametrize("q,clause", [
    ("quay lai, nguoi hoat dong khong chuyen trach o xa co chi tieu boi duong ko", "I.2.b"),
    ("đến 2015 công chức hành chính phải đạt chỉ tiêu gì?", "I.2.a"),
])
def test_a_target_called_chi_tieu_is_an_objective_not_the_annex(q, clause):
    r = answer(q)
    assert r.intent != "chi_tieu" and clause in r.clauses


def test_chi_tieu_with_a_row_or_year_is_still_the_annex():
    assert answer("chỉ tiêu tiếng Anh năm 2014").intent == "chi_tieu"


def test_a_tier_correction_after_a_target_answer_gives_that_tiers_target():
    r = play("tôi là chuyên viên chính ở sở, bồi dưỡng bắt buộc hàng năm có chỉ tiêu không?", "à không, tôi ở huyện")
    assert r.intent == "noi_dung" and r.clauses == ["I.2.a"] and r.tier == "huyen"


def test_grades_named_after_cua_are_people_compared():
    r = answer("So sánh yêu cầu bồi dưỡng quản lý nhà nước của chuyên viên chính và chuyên viên cao cấp.")
    assert "Học viện Hành chính" in r.text and "chương trình chuyên viên chính" in r.text


def test_levels_listed_after_da_co_are_all_held_and_an_age_over_the_limit_drops_that_item():
    r = answer("Kính gửi anh chị, tôi là chuyên viên chính tại Văn phòng UBND huyện Kế Sách, 48 tuổi. Tôi đã có bằng thạc "
               "sĩ, cao cấp lý luận chính trị và chứng chỉ quản lý nhà nước chương trình chuyên viên chính. Xin hỏi như vậy "
               "tôi đã đủ tiêu chuẩn của ngạch theo kế hoạch chưa?")
    assert "Đạt 3/3" in r.text and "IELTS" not in r.text and r.clauses[0] == "II.1.a"
    assert "35" in answer("CV 40 tuoi co thuoc dien dao tao IELTS 6.0 khong").text  # the item asked about stays


@pytest.mark.parametrize("q", ["hoc TOEFL o soc trang cho nao uy tin",
                               "Tôi đã học xong lớp QLNN chương trình chuyên viên. Chứng chỉ đó có thời hạn sử dụng mấy năm "
                               "thì phải học lại?",
                               "tôi cần biết riêng Sở Y tế năm 2013 được bao nhiêu chỉ tiêu đào tạo, bồi dưỡng ạ?",
                               "thi nâng ngạch CVC năm nay thi mấy môn vậy ạ"])
def test_not_stated_by_the_plan(q):
    assert answer(q).kind == "fallback"


def test_the_standard_of_the_grade_ahead_is_answered_though_an_exam_is_mentioned():
    r = answer("Chào ad, tôi đang là cán sự ở Phòng Lao động - Thương binh và Xã hội huyện Long Phú, có bằng trung cấp. "
               "Năm tới cơ quan dự kiến cho tôi thi nâng ngạch lên chuyên viên. Về trình độ chuyên môn thì tôi cần học "
               "thêm lên mức nào?")
    assert r.kind == "answer" and r.clauses == ["II.1.a"] and "đại học" in r.text


def test_asking_again_for_another_tier_keeps_the_items_the_question_was_about():
    r = play("tôi là chuyên viên chính ở sở, bồi dưỡng bắt buộc hàng năm có chỉ tiêu không?", "à không, tôi ở huyện",
              "còn công chức xã?")
    assert r.clauses == ["I.2.b"] and "80%" in r.text


def test_is_x_trained_asks_for_the_training_of_that_tier():
    r = answer("cc xa co dc dao tao tieng dan toc ko")
    assert r.clauses == ["II.2.b"] and "Khmer" in r.text
