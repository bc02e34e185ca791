"""Colleagues named by their tie, the same topic for a new person, parallel rows abroad and at home, and sources."""

from bot.core import answer
from tests.conversation_support import play



def test_a_deputy_is_another_person_and_keeps_the_topic():
    r = play("Tôi là chuyên viên cao cấp ở sở.", "LLCT của tôi phải đạt gì?",
              "Còn cấp phó của tôi là chuyên viên thì sao?")
    assert r.clauses == ["II.1.b"] and "Trung cấp" in r.text and "(về " in r.text
    r = answer("còn tôi thì, QLNN?", r.state)
    assert r.grade == "chuyen_vien_cao_cap" and "Học viện Hành chính" in r.text


def test_the_first_person_can_be_named_by_ordinal_and_come_back():
    r = play("Tôi là cán bộ tổ chức của huyện, đang rà soát hồ sơ hai người.", "Người thứ nhất là cán sự, tin học cần gì?",
              "Người thứ hai là chuyên viên chính, quản lý nhà nước học chương trình nào?",
              "Quay lại người thứ nhất, QLNN thì sao?")
    assert r.grade == "can_su" and "ngạch cán sự" in r.text


def test_a_commune_group_named_replaces_the_role_of_the_last_answer():
    r = play("toi la ct ubnd xa, can bd nhung gi", "the con cb xa thi sao")
    assert r.clauses == ["II.2.b"]


def test_what_training_for_commune_cadres_is_not_a_question_of_scope():
    assert answer("noi dung dt bd cho cb xa gom nhung gi").intent != "pham_vi"
    assert answer("cấp xã gồm những gì").intent == "pham_vi"


def test_compared_with_another_place_takes_the_same_kind_of_row():
    r = play("bồi dưỡng nước ngoài năm 2013 bao nhiêu người?", "cả giai đoạn?", "so với trong nước thì ít hơn bao nhiêu?")
    first = r.text.splitlines()[0]
    assert "24.500" in first and "150" in first and "24.350" in first


def test_funding_sources_list_every_source_of_the_clause():
    for q in ("kinh phi dao tao boi duong lay o dau vay ad", "tien hoc lay tu dau"):
        r = answer(q)
        assert r.clauses == ["III.4"] and "phi chính phủ" in r.text and "Trung ương" in r.text


def test_a_condition_stated_in_the_introduction_applies_to_the_question():
    r = answer("Kính gửi ban quản trị. Tôi là chuyên viên phòng Dân tộc huyện Trần Đề, địa bàn có nhiều đồng bào dân tộc "
               "thiểu số. Ngoài ngoại ngữ theo ngạch, tôi có phải học thêm gì về ngôn ngữ không?")
    assert "tiếng dân tộc" in r.text


def test_a_graduates_degree_is_not_the_askers():
    r = answer("Kính gửi ad. Tôi công tác tại Trường Chính trị tỉnh Sóc Trăng. Kế hoạch có chính sách tuyển chọn sinh viên "
               "tốt nghiệp đại học để bổ sung giảng viên cho các trường không ạ?")
    assert r.kind == "answer" and r.clauses == ["III.3"]


def test_promotion_without_len_is_still_the_grade_ahead():
    r = answer("Em là chuyên viên phòng Giáo dục và Đào tạo huyện Kế Sách, dự kiến năm sau được nâng ngạch chuyên viên "
               "chính. Hiện em mới có Trung cấp lý luận chính trị. Em cần học thêm gì về LLCT ạ?")
    assert "Cao cấp" in r.text and "❌" in r.text


def test_a_drafting_request_after_an_introduction_is_refused():
    r = answer("Chào ad, tôi ở phòng Nội vụ huyện Mỹ Xuyên. Nhờ ad soạn giúp tôi bản kế hoạch đào tạo, bồi dưỡng năm "
               "2013 của huyện để trình UBND huyện.")
    assert r.kind == "fallback"


def test_the_bases_asked_include_the_decision_implemented():
    r = answer("Kế hoạch 39 này căn cứ vào những văn bản nào?")
    assert "1374/QĐ-TTg" in r.text and "18/2010/NĐ-CP" in r.text


def test_when_after_an_answer_about_councillors_gives_their_dated_target():
    r = play("Tôi là đại biểu HĐND huyện, kế hoạch có bồi dưỡng cho đại biểu không?",
              "mục tiêu phải hoàn thành trước thời điểm nào?")
    assert r.clauses == ["I.2.c"] and "nửa đầu năm 2012" in r.text


def test_a_duty_verb_asks_who_sends_what_even_beside_target_words():
    r = answer("Đơn vị tôi đang xây dựng kế hoạch đào tạo, bồi dưỡng cán bộ, công chức giai đoạn 2011-2015. Xin cho biết "
               "các sở, ban ngành phải gửi kế hoạch đào tạo của đơn vị về đâu và vào thời điểm nào hằng năm?")
    assert r.clauses[0] == "IV.2" and "cuối tháng 8" in r.text
    assert answer("Lãnh đạo cấp sở, cấp huyện đến năm nào phải được trang bị kỹ năng lãnh đạo, quản lý?").clauses[0] == "I.2.a"
