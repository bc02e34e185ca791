"""Names after a title, follow-ups after figures, two people in one message, shares and out-of-scope wording."""

import pytest

from bot.core import answer
from tests.conversation_support import play



def test_a_name_spelled_like_a_common_word_is_still_a_colleague():
    r = play("Mình làm tổ chức cán bộ ở huyện Long Phú, ngạch chuyên viên chính.",
              "Anh Tài chuyên viên ở huyện, đã qua lớp QLNN chương trình chuyên viên. Vậy anh ấy đủ chưa?",
              "còn tôi thì")
    assert r.grade == "chuyen_vien_chinh"  # the asker's own grade, not anh Tài's


@pytest.mark.parametrize("q", ["anh ấy là chuyên viên", "chị Ơi cho hỏi"])
def test_words_after_a_title_that_name_nobody(q):
    assert answer(q).state.subject == ""


def test_after_figures_the_years_alone_ask_for_the_same_row():
    r = play("Theo phụ lục, đào tạo tiếng Anh năm 2011 bao nhiêu người?", "các năm sau thì sao?")
    assert r.intent == "chi_tieu" and "Tiếng Anh" in r.text and "2015: 50" in r.text


def test_a_long_figures_followup_naming_rows_stays_with_the_table():
    r = play("năm 2011 tổng số đào tạo, bồi dưỡng trong nước bao nhiêu",
              "riêng đào tạo trong nước cả giai đoạn, không tính bồi dưỡng?")
    assert r.intent == "chi_tieu" and "1.250" in r.text


def test_a_who_question_after_figures_is_not_a_figure():
    r = play("năm 2011 tổng số đào tạo, bồi dưỡng trong nước bao nhiêu",
              "Ai tham mưu bố trí kinh phí hàng năm để thực hiện kế hoạch?")
    assert r.intent != "chi_tieu"


def test_term_of_office_is_not_a_signature():
    r = answer("Tôi là đại biểu HĐND xã Long Hưng. Việc bồi dưỡng này được tổ chức theo năm hay theo nhiệm kỳ ạ?")
    assert r.intent != "van_ban" and "II.2.b" in r.clauses


def test_two_people_of_the_introduction_are_compared():
    r = answer("Dạ em chào ad. Em làm ở Văn phòng HĐND và UBND thị xã Vĩnh Châu, ngạch cán sự, còn chị trưởng phòng "
               "em là chuyên viên chính. Cho em hỏi yêu cầu lý luận chính trị của em với chị ấy khác nhau thế nào ạ?")
    assert r.clauses == ["II.1.b"] and "Cao cấp" in r.text and "Trung cấp" in r.text


def test_each_year_and_their_sum_in_one_answer():
    r = answer("Em muốn hỏi theo phụ lục thì tổng cộng năm 2012 và năm 2013 mỗi năm là bao nhiêu người, và cộng cả "
               "hai năm là bao nhiêu ạ?")
    assert r.clauses == ["PL"] and "= 10.560" in r.text


def test_a_share_asked_is_a_target_not_a_head_count():
    r = answer("chỉ tiêu đến năm 2015 về tỷ lệ công chức lãnh đạo cấp sở, cấp huyện được trang bị kỹ năng lãnh đạo, "
               "quản lý là bao nhiêu?")
    assert r.intent != "chi_tieu" and "I.2.a" in r.clauses


@pytest.mark.parametrize("q", ["co che do thuong cho nguoi tot nghiep gioi lop cao cap LLCT ko",
                               "Có bao nhiêu người trúng tuyển công chức tỉnh Sóc Trăng năm 2011?",
                               "Cho em hỏi theo kế hoạch thì phòng em được phân bao nhiêu suất ạ?"])
def test_what_the_plan_does_not_state_is_refused(q):
    r = answer(q)
    assert r.kind == "fallback" and r.clauses == []


@pytest.mark.parametrize("q", ["Đào tạo ở nước ngoài mỗi năm bao nhiêu suất, cả giai đoạn bao nhiêu?",
                               "sinh vien tot nghiep loai gioi co duoc uu tien tuyen lam giang vien ko"])
def test_the_plans_own_words_are_still_answered(q):
    assert answer(q).kind == "answer"


def test_an_introduction_then_may_i_ask_notes_the_person_and_offers_help():
    r = answer("chao ban, mik lam cong chuc tu phap o xa, hoi chut dc ko")
    assert r.intent == "tro_giup" and r.tier == "xa" and r.options
    assert answer("cho e hoi chut").kind == "clarify"


@pytest.mark.parametrize("q", ["ty so tran MU toi qua the nao", "gia iphone 15 bn"])
def test_unrelated_life_questions_are_refused(q):
    assert answer(q).kind == "fallback"


def test_a_role_asked_how_it_is_trained_gets_its_items():
    r = answer("con dai bieu hdnd cac cap thi boi duong the nao")
    assert r.intent == "yeu_cau" and "II.3" in r.clauses


def test_rows_named_together_are_summed():
    r = answer("Tổng số đào tạo (cả trong nước và nước ngoài) cả giai đoạn là bao nhiêu người?")
    assert "1.250 + 50 = 1.300" in r.text


def test_figures_of_a_row_asked_in_a_long_message_by_a_person_with_a_grade():
    r = answer("Tôi là chuyên viên Sở Nội vụ phụ trách mảng đào tạo, bồi dưỡng. Tôi đang cần số liệu các lớp chuyên môn "
               "nghiệp vụ đào tạo trong nước theo từng năm từ 2011 đến 2015 và tổng cả giai đoạn để đưa vào báo cáo.")
    assert r.intent == "chi_tieu" and "560" in r.text and "2014: 120" in r.text
    assert "=" not in r.text  # a row and the table's total are not added up


def test_a_colleague_introduced_by_co_mot_is_another_person():
    r = play("Tôi là Trưởng phòng thuộc Sở Y tế, ngạch chuyên viên chính.",
              "Trong phòng tôi có một cán sự mới trúng tuyển qua kỳ thi công chức năm nay. Bạn ấy cần được đào tạo gì?",
              "Còn bản thân tôi thì cần gì?")
    assert r.grade == "chuyen_vien_chinh"


def test_some_people_is_not_a_head_count():
    r = answer("Đơn vị đang cân nhắc tuyển một số người chưa đủ chuẩn chuyên môn rồi cử đi học sau. Kế hoạch của tỉnh "
               "có cho phép cách làm này không?")
    assert r.intent != "chi_tieu" and r.clauses[0] == "III.4" and "không tuyển dụng" in r.text


def test_numbered_questions_after_an_announcement_are_answered_each():
    r = answer("Kính gửi trợ lý, tôi là Giám đốc Sở Giáo dục và Đào tạo. Xin hỏi hai nội dung: (1) chỉ tiêu đến năm 2015 "
               "đối với công chức hành chính cấp tỉnh, cấp huyện; (2) tỷ lệ cán bộ, công chức thực hiện chế độ bồi dưỡng "
               "bắt buộc tối thiểu hàng năm.")
    assert r.clauses[0] == "I.2.a" and "100%" in r.text and "80%" in r.text and "PL" not in r.clauses


def test_a_check_without_a_grade_naming_an_area_lists_that_areas_requirement():
    r = answer("anh ay la truong phong o huyen, chua hoc lop QP-AN thi co phai di hoc ko")
    assert r.kind == "answer" and r.clauses == ["II.1.e"]
