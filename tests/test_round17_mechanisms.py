"""Short questions read with their introduction, duty words learnt from the plan, and compared figures."""

from bot.core import answer
from tests.conversation_support import play



def test_a_short_question_naming_nothing_is_read_with_its_introduction():
    r = answer("Tôi là chuyên viên phụ trách tổ chức cán bộ tại Sở Tư pháp. Năm nào đơn vị cũng phải gửi kế hoạch đào "
               "tạo về Sở Nội vụ. Cho tôi hỏi hạn gửi là khi nào ạ?")
    assert r.clauses == ["IV.2"] and "cuối tháng 8" in r.text


def test_an_introductions_out_of_scope_words_do_not_refuse_the_question():
    r = answer("Kính chào. Tôi là Chánh Văn phòng một sở. Năm nay đơn vị tiếp nhận một số người mới trúng tuyển qua kỳ "
               "thi tuyển công chức. Xin hỏi theo kế hoạch những người này phải được đào tạo gì và trong thời hạn nào?")
    assert r.kind == "answer" and "II.1.c" in r.clauses and "Tiền công vụ" in r.text


def test_who_sends_the_plan_and_when_is_a_duty():
    assert answer("UBND huyen phai gui ke hoach DT BD CBCC ve dau, han khi nao").clauses[0] == "IV.2"


def test_a_councillors_period_is_a_target_not_a_duty():
    r = answer("Tôi là đại biểu HĐND huyện nhiệm kỳ 2011-2016. Theo kế hoạch của tỉnh thì đại biểu chúng tôi sẽ được "
               "bồi dưỡng kiến thức, kỹ năng hoạt động trong khoảng thời gian nào?")
    assert "I.2.c" in r.clauses and "nửa đầu" in r.text


def test_a_decrease_between_two_years_is_computed():
    r = answer("Bồi dưỡng trong nước năm 2011 là bao nhiêu người, và năm 2015 giảm bao nhiêu so với năm 2011?")
    assert "là 1.000" in r.text.splitlines()[0]


def test_compared_with_another_place_after_figures():
    r = play("bồi dưỡng trong nước cả giai đoạn bao nhiêu", "so với nước ngoài?")
    assert "24.500" in r.text and "150" in r.text and "24.350" in r.text


def test_one_area_asked_without_an_age_lists_its_items_for_an_age_group():
    r = answer("chuyên viên cần ngoại ngữ gì")
    assert "IELTS" in r.text and "dưới 35 tuổi" in r.text


def test_newly_recruited_and_when_is_their_training_not_a_duty():
    r = answer("người mới trúng tuyển công chức vào Sở thì phải được đào tạo nội dung gì và trong thời hạn nào?")
    assert r.clauses[0] == "II.1.c" and "Tiền công vụ" in r.text


def test_a_bank_loan_is_refused():
    assert answer("cách làm hồ sơ vay vốn ngân hàng chính sách xã hội?").kind == "fallback"


def test_a_clause_named_by_its_whole_heading_answers():
    assert answer("trach nhiem cua so noi vu trong ke hoach nay la j").clauses[0] == "IV.1"
    assert answer("Mục tiêu đối với cán bộ, công chức cấp xã là phải được đào tạo cơ bản về những gì?").clauses[0] == "I.2.b"


def test_drafting_a_plan_and_recruitment_dates_are_refused():
    assert answer("lam sao viet mau ke hoach DT cho phong mik").kind == "fallback"
    assert answer("tuyen dung cong chuc soc trang nam nay bao gio thi").kind == "fallback"


def test_being_considered_for_promotion_asks_the_standard_ahead():
    r = answer("Kính chào, tôi là chuyên viên Sở Nội vụ, dự kiến năm tới được xem xét nâng ngạch lên chuyên viên chính. "
               "Hiện tôi có bằng đại học và trung cấp lý luận chính trị. Xin hỏi tôi còn thiếu gì?")
    assert r.kind == "answer" and r.clauses[0] == "II.1.b"


def test_dong_thoi_joins_two_questions_and_the_asker_is_learnt_first():
    r = answer("Kính gửi bộ phận hỗ trợ. Tôi là Giám đốc Sở Tài nguyên và Môi trường tỉnh Sóc Trăng. Hiện Sở đang rà soát "
               "đội ngũ, kính đề nghị cho biết: công chức ngạch chuyên viên chính của Sở phải đạt trình độ lý luận chính "
               "trị nào, đồng thời thời hạn Sở phải gửi kế hoạch đào tạo, bồi dưỡng về Sở Nội vụ là khi nào?")
    assert {"II.1.b", "IV.2"} <= set(r.clauses) and "cuối tháng 8" in r.text and r.tier == "tinh"


def test_a_tier_follow_up_after_a_target_answer_is_about_that_tier():
    r = play("ok. vậy công chức xã có phải bồi dưỡng bắt buộc hằng năm không", "còn ở cấp huyện?")
    assert r.clauses == ["I.2.a"] and r.tier == "huyen"
