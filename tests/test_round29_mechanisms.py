"""Paraphrased objectives, actors' duties, year ranges as typed, roles' own clauses, addressees and spelt-out marks."""

from bot.core import answer, default_assistant
from bot.views import DutiesView, TargetsView
from bot.render import render_view
from tests.conversation_support import play


def test_the_general_objective_asked_in_other_words():
    assert answer("Mục tiêu tổng quát (không phải chỉ tiêu riêng từng cấp) của kế hoạch là gì?").clauses == ["I.1"]
    assert answer("Kế hoạch hướng tới đội ngũ cán bộ như thế nào về số lượng, chất lượng và cơ cấu?").clauses == ["I.1"]


def test_each_actor_named_gets_its_duties_and_an_undated_duty_renders_without_a_date():
    r = answer("Sở Nội vụ, các sở ngành và các cơ sở đào tạo mỗi bên chịu trách nhiệm gì?")
    assert r.clauses == ["IV.1", "IV.2", "IV.3"] and "tháng 10" in r.text and "cuối tháng 8" in r.text
    assert "None" not in r.text


def test_every_duty_and_target_of_the_plan_renders():
    kb = default_assistant().kb
    for duty in kb.responsibilities:
        assert "None" not in render_view(DutiesView(duties=[duty]), {"footer": False}, html=False)
    for target in kb.objectives:
        assert "None" not in render_view(TargetsView(targets=[target]), {"footer": False}, html=False)


def test_a_roles_target_asked_as_a_number():
    r = answer("nguoi hoat dong ko chuyen trach o xa thi chi tieu boi duong la bn")
    assert r.clauses == ["I.2.b"] and "100%" in r.text


def test_a_year_range_typed_with_a_dash_sums_every_year_between():
    r = answer("Ba năm đầu 2011-2013 có tổng cộng bao nhiêu người học các lớp chính trị?")
    assert "230" in r.text
    assert "=" not in answer("giai đoạn 2011 - 2015 tổng cộng bao nhiêu").text.split("\n")[0]


def test_an_average_per_year_is_computed_from_the_table():
    assert "4.900" in answer("boi duong trong nuoc tb moi nam bn nguoi").text


def test_a_question_alone_out_of_scope_is_refused_whatever_its_introduction():
    r = answer("Chào anh chị, tôi là chuyên viên Phòng Nội vụ huyện Long Phú. Kế hoạch 2011 - 2015 sắp hết hạn nên "
               "huyện muốn chuẩn bị trước. Xin hỏi kế hoạch đào tạo, bồi dưỡng giai đoạn 2016 - 2020 của tỉnh đặt "
               "chỉ tiêu bao nhiêu người?")
    assert r.kind == "fallback"
    assert answer("nam 2012 tinh tuyen bn cong chuc vay ad").kind == "fallback"
    assert answer("Chứng chỉ bồi dưỡng QLNN ngạch chuyên viên có mẫu như thế nào, ai ký cấp?").kind == "fallback"


def test_a_greetings_addressee_is_not_the_askers_office():
    r = answer("Chào anh chị Sở Nội vụ. Tôi là chuyên viên Phòng Nông nghiệp và Phát triển nông thôn huyện Thạnh Trị, "
               "38 tuổi, có bằng kỹ sư nông nghiệp và chưa học lý luận chính trị. Cho tôi hỏi bằng kỹ sư của tôi đã đủ "
               "chuẩn chuyên môn chưa?")
    assert r.tier == "huyen"


def test_a_role_gets_its_own_objective_and_its_quoted_content():
    r = answer("Mình là chủ tịch UBND xã. Mình cần được bồi dưỡng những gì, và kế hoạch đặt mục tiêu gì cho chức danh "
               "của mình?")
    assert "II.2.a" in r.clauses and "I.2.c" in r.clauses
    r = answer("Trích nguyên văn phần nội dung dành cho Chủ tịch HĐND, Chủ tịch UBND cấp xã giúp tôi.")
    assert r.intent == "nguyen_van" and r.clauses == ["II.2.a"]
    assert answer("Tôi là đại biểu HĐND xã, kế hoạch có nói gì về bồi dưỡng cho đại biểu không?").clauses[0] == "II.3"


def test_hdnd_spelt_out_asks_nothing():
    r = answer("Chào anh chị, tôi cần đưa vào tờ trình của UBND xã Phú Tâm phần nội dung bồi dưỡng cho Chủ tịch HĐND "
               "và Chủ tịch UBND cấp xã. Nhờ anh chị trích nguyên văn đoạn đó giúp tôi.")
    assert r.kind == "answer" and "II.2.a" in r.clauses


def test_figures_asked_while_looking_at_the_annex_are_computed():
    r = answer("Chào anh chị, tôi là chuyên viên Sở Nội vụ. Nhờ anh chị xem phụ lục giúp: năm 2012 các lớp chính trị "
               "và các lớp CMNV cộng lại được bao nhiêu người?")
    assert r.intent == "chi_tieu" and "190" in r.text


def test_who_sends_a_list_and_when_is_a_duty_not_an_upload():
    assert "IV.2" in answer("ai phải gửi danh sách cử đi học, gửi lúc nào").clauses


def test_an_opened_question_that_asks_nothing_is_asked_back():
    assert answer("cho mk hoi ve ke hoach voi").kind == "clarify"
    assert answer("con so do la bao nhieu vay").kind == "clarify"


def test_network_help_certificate_forms_and_resolutions_are_out_of_scope():
    assert answer("may tinh e ko vao dc wifi sua sao").kind == "fallback"
    assert answer("chung chi tieng khmer cap theo mau nao a").kind == "fallback"
    assert answer("Tóm tắt giúp tôi Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIII.").kind == "fallback"


def test_a_question_going_on_after_and_keeps_the_one_before():
    r = answer("Em ở Phòng Nội vụ huyện Trần Đề, được giao lập dự toán kinh phí đào tạo năm sau. Em cần biết kế hoạch "
               "của tỉnh nêu những nguồn kinh phí nào. Và sở nào chịu trách nhiệm cân đối, bố trí kinh phí hằng năm ạ?")
    assert "III.4" in r.clauses and "IV.2" in r.clauses and r.tier == "huyen"


def test_a_verbatim_request_takes_the_clause_its_introduction_names():
    r = answer("Tôi là trưởng phòng Nội vụ huyện Cù Lao Dung. Tôi muốn nhắc lại mục tiêu chung về xây dựng đội ngũ cán "
               "bộ, công chức trong kế hoạch của tỉnh. Nhờ trích giúp nguyên văn đoạn đó.")
    assert r.kind == "answer" and r.clauses[0] == "I.1"


def test_a_share_needs_a_number_asked():
    r = answer("Em là công chức xã Lai Hòa, ở đây bà con dân tộc Khmer chiếm đa số. Em nói tiếng Khmer còn yếu. "
               "Tỉnh có đào tạo tiếng Khmer cho công chức xã không ạ?")
    assert "II.2.b" in r.clauses


def test_a_point_of_a_dotted_clause_and_a_difference_said_chenh_voi():
    assert answer("Đọc giúp tôi điểm c mục I.2 của kế hoạch.").clauses == ["I.2.c"]
    r = answer("tong cong nam 2011 chenh voi 2015 bn")
    assert "1.020" in r.text and "10.600" not in r.text


def test_two_figures_asked_with_trong_do_are_both_given():
    r = answer("Theo phụ lục, năm 2013 tỉnh dự kiến đào tạo, bồi dưỡng tổng cộng bao nhiêu người, trong đó ở nước "
               "ngoài bao nhiêu?")
    assert "5.280" in r.text and "40 người" in r.text


def test_the_units_duty_quotes_what_their_plan_must_hold():
    r = answer("Xin hỏi kế hoạch đào tạo của huyện phải có nội dung ra sao, gửi cho ai và hạn khi nào?")
    assert "IV.2" in r.clauses and "từng đối tượng" in r.text


def test_a_question_naming_its_topic_is_not_read_as_its_introductions():
    r = answer("Tôi là trưởng phòng Nội vụ huyện Trần Đề. Một số cơ quan trong huyện muốn nhận người chưa có bằng chuyên "
               "môn phù hợp rồi cử đi học sau. Xin hỏi kế hoạch có cho phép tuyển dụng rồi mới đưa đi đào tạo như vậy "
               "không?")
    assert r.clauses == ["III.4"]
    r = answer("Tôi là Chủ tịch UBND xã Phú Tâm. Tôi muốn biết kế hoạch đặt mục tiêu gì riêng cho chức danh Chủ tịch "
               "HĐND, Chủ tịch UBND. Xin nêu ngắn gọn mục tiêu đó.")
    assert r.clauses[0] == "I.2.c"


def test_network_trouble_and_certificate_stamps_are_out_of_scope():
    assert answer("May tinh co quan ko vao dc mang, sua sao ad").kind == "fallback"
    assert answer("chung chi qlnn mau moi co dong dau giap lai ko").kind == "fallback"


def test_verbatim_by_heading_a_delegates_own_deadline_and_objectives_before_appointment():
    assert answer("Chép giúp tôi nguyên văn phần trách nhiệm của Sở Nội vụ.").clauses == ["IV.1"]
    r = answer("Tôi là đại biểu HĐND tỉnh khóa mới. Tôi muốn biết kế hoạch có bồi dưỡng cho đại biểu như tôi không, "
               "và mục tiêu phải hoàn thành việc bồi dưỡng vào lúc nào?")
    assert "I.2.c" in r.clauses and "nửa đầu năm 2012" in r.text
    r = answer("Theo mục tiêu cụ thể cho cấp tỉnh, kế hoạch yêu cầu gì về đào tạo trước khi bổ nhiệm và cho lãnh đạo "
               "đương chức?")
    assert r.clauses[0] == "I.2.a"


def test_promotion_exam_seniority_is_out_of_scope_and_a_deadline_follows_the_askers_tier():
    assert answer("Em là chuyên viên Sở Y tế. Em muốn hỏi phải giữ ngạch chuyên viên bao nhiêu năm thì mới đủ điều kiện "
                  "dự thi nâng ngạch ạ?").kind == "fallback"
    assert answer("thi nâng ngạch lên chuyên viên chính cần học gì").kind == "answer"
    r = play("Tôi là chuyên viên phòng Nội vụ huyện Châu Thành.", "Tôi cần biết hạn gửi kế hoạch cho Sở Nội vụ")
    assert "IV.2" in r.clauses and "cuối tháng 8" in r.text
