"""Words that look like others ("kỹ năng" / "nắng", "Minh" / "mình", "tổng hợp" / "tổng"), the learned prior's
rescue and refusal, and annex fragments with a year compared or every year asked."""

from bot.core import answer
from tests.conversation_support import play


def test_skills_typed_without_marks_are_not_the_weather():
    r = answer("co tap huan ky nang ko")
    assert r.kind == "answer" and r.clauses == ["II.2.a"]
    assert answer("trời hôm nay có nắng không").kind == "fallback"


def test_a_plan_word_matched_weakly_is_answered_from_the_clause_the_prior_is_sure_of():
    r = answer("toefl bao nhieu diem v")
    assert r.kind == "answer" and r.clauses == ["II.1.đ"] and "550" in r.text


def test_a_question_of_words_the_plan_does_not_know_is_refused():
    assert answer("Đi xe máy có nồng độ cồn bị phạt bao nhiêu?").kind == "fallback"


def test_a_quote_request_is_not_refused_as_unknown_words():
    r = play("Tôi là chuyên viên cao cấp ở sở. Về chuyên môn nghiệp vụ thì sao?", "Trích nguyên văn giúp tôi.")
    assert r.kind == "answer" and r.clauses == ["II.1.a"]


def test_a_small_number_is_not_a_document_number():
    assert answer("Cài Windows 11 thế nào?").kind == "fallback"
    assert answer("nghị định 18 nói gì").clauses == ["CC"]


def test_one_year_more_than_another_is_a_difference():
    r = answer("tong cong nam 2011 hon nam 2015 bao nhieu nguoi")
    assert r.clauses == ["PL"] and "1.020" in r.text


def test_a_row_asked_every_year_is_an_annex_fragment():
    r = answer("nước ngoài, đào tạo mỗi năm?")
    assert r.clauses == ["PL"] and "2011: 10" in r.text


def test_cm_stands_for_professional_training():
    r = play("minh la chuyen vien o huyen", "con CM?")
    assert r.clauses == ["II.1.a"] and "đại học" in r.text


def test_appointed_to_a_grade_is_not_a_leadership_appointment():
    r = answer("Tôi mới được bổ nhiệm vào ngạch chuyên viên chính năm nay, công tác ở Sở Y tế. Xin hỏi ngạch của tôi "
               "phải có trình độ lý luận chính trị gì và phải qua lớp bồi dưỡng quản lý nhà nước nào?")
    assert r.clauses[:2] == ["II.1.b", "II.1.c"] and "Cao cấp" in r.text


def test_a_colleague_named_minh_in_a_marked_message_is_not_the_asker():
    turns = ["Anh Minh chuyên viên, có đại học, trung cấp chính trị, đạt chưa?",
             "còn chị Hoa, cán sự, mới có sơ cấp chính trị"]
    assert play(*turns).grade == "can_su" and play(*turns).state.subject == "chi hoa"
    r = play(*turns, "Quay lại anh Minh, anh ấy học quản lý nhà nước chương trình gì?")
    assert r.grade == "chuyen_vien" and "chương trình chuyên viên" in r.text and r.state.subject == "anh minh"


def test_who_compiles_the_plan_after_figures_is_a_duty_not_a_total():
    turns = ["bồi dưỡng trong nước cả giai đoạn bao nhiêu người", "năm 2012?"]
    assert play(*turns).clauses == ["PL"]
    r = play(*turns, "ai chịu trách nhiệm tổng hợp kế hoạch đào tạo, bồi dưỡng của tỉnh")
    assert r.clauses[0] == "IV.1" and "Sở Nội vụ" in r.text
