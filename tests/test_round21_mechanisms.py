"""Objective lists that lead with their first item, a sum over years, requests that open the question, the asker's
tier for tier-written clauses, a grade asked about that is not the asker's, and words that only look like others."""

from bot.core import answer
from tests.conversation_support import play


def test_a_commune_objectives_list_shows_its_lead_item_and_its_targets():
    r = answer("muc tieu cu the doi voi CBCC cap xa la j v")
    assert r.clauses == ["I.2.b"] and "kỹ năng hành chính" in r.text and "trung cấp trở lên là 100%" in r.text


def test_the_objectives_of_another_tier_asked_after_one_keep_their_targets():
    r = play("mục tiêu cụ thể cho cấp tỉnh, huyện?", "còn cấp xã?")
    assert r.clauses == ["I.2.b"] and "trung cấp" in r.text


def test_a_shorter_item_fills_the_screen_after_a_long_one():
    r = answer("muc tieu cu the doi voi can bo cong chuc cap tinh, cap huyen")
    assert r.clauses == ["I.2.a"] and "80%" in r.text and len(r.text) < 900


def test_one_row_over_several_years_is_summed():
    r = answer("Chào anh chị, tôi là chuyên viên Sở Nội vụ, đang làm báo cáo sơ kết. Tôi cần số liệu theo phụ lục để "
               "đối chiếu. Nhờ cộng giúp số bồi dưỡng trong nước của 3 năm 2011, 2012 và 2013.")
    assert r.clauses == ["PL"] and "15.500" in r.text


def test_a_question_pointing_back_at_nothing_is_asked_back():
    assert answer("ngạch đó thì phải đạt trình độ gì ạ").kind == "clarify"


def test_a_document_question_after_a_case_keeps_the_askers_tier():
    r = answer("Em là chuyên viên phòng Nội vụ huyện Mỹ Xuyên, đang soạn kế hoạch của huyện giai đoạn 2011-2015. Cho em "
               "hỏi kế hoạch 39 của tỉnh căn cứ những nghị định nào ạ?")
    assert r.clauses == ["CC"] and "18/2010/NĐ-CP" in r.text and r.tier == "huyen"


def test_registering_for_a_masters_in_the_introduction_is_not_the_question():
    r = answer("Chào anh chị, tôi năm nay 32 tuổi, là chuyên viên Sở Kế hoạch và Đầu tư. Tôi đang tính đăng ký đi học "
               "thạc sĩ trong vài năm tới. Kế hoạch của tỉnh yêu cầu trình độ ngoại ngữ như thế nào cho diện đào tạo này?")
    assert r.kind == "answer" and "II.1.đ" in r.clauses and "550" in r.text


def test_what_my_post_is_trained_in_is_my_roles_requirements():
    r = answer("Kính chào. Tôi vừa được bầu làm Chủ tịch HĐND phường 5, thành phố Sóc Trăng. Tôi muốn biết kế hoạch tỉnh "
               "bồi dưỡng gì cho chức danh của tôi để chủ động sắp xếp thời gian. Xin cảm ơn.")
    assert r.clauses[0] == "II.2.a"


def test_a_tier_written_passage_follows_the_askers_tier():
    r = play("tôi là chuyên viên ở Sở Tư pháp", "tôi làm ở vùng có đồng bào dân tộc, có phải học thêm gì không?")
    assert r.clauses and r.clauses[0].startswith("II.1") and "tiếng dân tộc" in r.text


def test_a_correction_to_a_new_grade_is_not_refused():
    r = play("chào, tôi là cán sự phòng Nông nghiệp huyện Mỹ Xuyên", "à nhầm, tôi vừa được chuyển ngạch chuyên viên rồi",
             "vậy chuyên môn giờ phải thế nào?")
    assert r.grade == "chuyen_vien" and "đại học" in r.text


def test_another_grade_asked_about_leaves_the_askers_own():
    turns = ["tôi là chuyên viên phòng Giáo dục huyện", "vậy cán sự thì sao?"]
    assert play(*turns).grade == "can_su"
    r = play(*turns, "quay lại tôi, chuyên môn tôi cần gì?")
    assert r.grade == "chuyen_vien" and "đại học" in r.text


def test_cc_xa_is_commune_civil_servants():
    r = play("e la chu tich UBND xa, can boi duong nhung j", "CC xa duoi quyen e thi can CM j")
    assert r.clauses == ["II.2.b"] and "trung cấp" in r.text


def test_jokes_football_and_a_frozen_computer_are_out_of_scope():
    for q in ("hello bot, ke chuyen cuoi di", "tối nay có đá bóng không?", "Máy tính của tôi bị treo Windows, sửa sao?"):
        assert answer(q).kind == "fallback", q
    assert answer("tin học cần gì").kind == "answer"


def test_registering_and_mid_term_are_not_the_signer():
    r = answer("tôi đang làm báo cáo sơ kết giữa kỳ, cần số bồi dưỡng trong nước năm 2012")
    assert r.clauses == ["PL"] and "5.000" in r.text
