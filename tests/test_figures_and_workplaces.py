"""Sums and differences of the annex table, workplaces against job titles, and hypothetical tier follow-ups."""

import pytest

from bot.core import answer
from bot.evaluate import fold_fact
from bot.reply import State
from knowledge.loader import default_kb


def _folded(reply) -> str:
    return fold_fact(reply.text)


def _num(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_difference_between_two_years_of_one_row_is_computed():
    annex = default_kb().annex
    first, last = annex.years[0], annex.years[-1]
    inner = {part for row in annex.rows for part in row.parts}
    total = next(row for row in annex.rows if row.parts and row.code not in inner)  # the grand total (A+B)
    diff = total.by_year[0] - total.by_year[-1]
    r = answer(f"Tổng cộng năm {first} nhiều hơn năm {last} bao nhiêu người?")
    assert r.kind == "answer" and r.clauses == [annex.clause]
    assert r.text.splitlines()[0].endswith(f"là {_num(diff)} {annex.unit}.")  # the answer first


def test_difference_between_two_classes_uses_the_classes_named_not_a_generic_row():
    r = answer("Số đào tạo các lớp chính trị cả giai đoạn ít hơn các lớp chuyên môn nghiệp vụ bao nhiêu người?")
    text = _folded(r)
    assert fold_fact("560") in text and fold_fact("390") in text and fold_fact("là 170") in text
    assert "nuoc ngoai" not in text  # "đào tạo" names the training abroad too; the classes named are at home


def test_sum_of_two_rows_taken_together():
    r = answer("so nguoi ĐT (ko tinh BD) ca trong nuoc lan nuoc ngoai la bn")
    assert "1.250 + 50 = 1.300" in r.text


def test_sum_of_two_years_names_both_years_and_shows_the_row_by_year():
    r = answer("Tôi cần số tổng cộng của hai năm 2012 và 2013 cộng lại để đối chiếu.")
    first = r.text.splitlines()[0]
    assert "năm 2012 + năm 2013" in first and "= 10.560" in first
    assert "2011: 5.810" in r.text  # every year's figure, not 2012 alone


def test_a_named_class_drops_the_same_word_naming_other_rows():
    r = answer("năm 2014 đào tạo các lớp chuyên môn nghiệp vụ bao nhiêu người")
    assert "Nước ngoài" not in r.text and "120" in r.text


def test_plain_figures_question_computes_nothing():
    r = answer("đào tạo nước ngoài bn")
    assert "=" not in r.text and "nhiều hơn" not in r.text


def test_office_named_outweighs_a_title_the_data_places_at_commune():
    r = answer("Em là cán sự văn thư ở Phòng Văn hóa và Thông tin thị xã Ngã Năm, có bằng trung cấp văn thư lưu trữ. "
               "Em chưa học lớp lý luận chính trị nào. Vậy em còn thiếu gì về chính trị ạ?")
    assert r.tier == "huyen" and r.clauses[0] == "II.1.b"


@pytest.mark.parametrize("q", ["tôi là địa chính xã ở huyện Mỹ Tú", "e lam dia chinh o xa Thuan Hung huyen My Tu, can hoc j"])
def test_a_title_that_names_its_tier_keeps_it(q):
    r = answer(q)
    assert r.tier == "xa" and "II.2.b" in r.clauses


def test_the_tier_said_of_the_people_asked_about_wins_over_the_province_as_actor():
    r = answer("tinh co yeu cau bn % cong chuc xa thuc hien boi duong bat buoc hang nam")
    assert r.tier == "xa" and "I.2.b" in r.clauses


@pytest.mark.parametrize("grade_q,expected", [("minh la CS o xa, chuyen mon can toi thieu la j", "trung cấp"),
                                              ("tôi là chuyên viên chính ở sở, chuyên môn cần gì?", "đại học")])
def test_if_at_another_tier_reanswers_the_last_question_there(grade_q, expected):
    first = answer(grade_q)
    r = answer("neu o huyen thi sao", first.state)
    assert r.kind == "answer" and r.tier == "huyen" and r.clauses == ["II.1.a"]
    assert fold_fact(expected) in _folded(r) and "(về " in r.text  # the kept topic is said


def test_unrelated_question_after_an_introduction_is_refused_without_pointing_to_a_clause():
    r = answer("Chào bot, mình là công chức tư pháp - hộ tịch ở xã Vĩnh Hải, thị xã Vĩnh Châu. Cuối tuần mình định "
               "đưa gia đình đi chơi. Bạn gợi ý giúp vài món đặc sản Sóc Trăng nên ăn nhé?")
    assert r.kind == "fallback" and r.clauses == []
    assert "ngoài phạm vi" in r.text and "kế hoạch chỉ có mục" not in r.text


def test_not_stated_topic_still_points_to_where_the_plan_speaks():
    r = answer("khóa học LLCT kéo dài bao lâu")
    assert r.kind == "fallback" and "không nêu" in r.text


def test_figures_question_naming_a_workplace_learns_the_askers_tier():
    r = answer("Kính chào, tôi công tác ở Sở Nội vụ, phụ trách tổng hợp số liệu. Tôi cần số tổng cộng của hai năm "
               "2012 và 2013 cộng lại để đối chiếu.")
    assert r.intent == "chi_tieu" and r.tier == "tinh"


def test_figures_question_about_the_province_does_not_make_it_the_askers_tier():
    r = answer("tỉnh đào tạo bao nhiêu người năm 2013", State(tier="xa"))
    assert r.tier == "xa"


def test_short_thanks_is_thanked():
    assert answer("tks ban").intent == "tro_giup"


def test_two_grades_compared_show_each_grades_requirement():
    r = answer("CVC vs CVCC khac nhau cho nao ve BD QLNN")
    text = _folded(r)
    assert r.clauses == ["II.1.c"]
    assert fold_fact("Học viện Hành chính") in text and fold_fact("chương trình chuyên viên chính") in text


def test_grade_after_ngach_tuong_duong_is_the_persons_grade_not_a_course():
    r = answer("Ngạch tương đương chuyên viên chính thì bồi dưỡng quản lý nhà nước theo chương trình gì?")
    assert r.grade == "chuyen_vien_chinh" and r.clauses == ["II.1.c"]


def test_question_about_the_introductions_matter_is_read_with_it():
    r = answer("Xin chào, tôi là công chức văn phòng - thống kê thị trấn Phú Lộc, huyện Thạnh Trị. Địa bàn có đông đồng "
               "bào Khmer nên tôi muốn học tiếng Khmer để làm việc với bà con. Kế hoạch có nói gì về việc này không?")
    assert r.tier == "xa" and r.clauses[0] == "II.2.b" and "Khmer" in r.text


def test_duty_named_by_its_own_words_without_its_actor():
    r = answer("Kế hoạch đào tạo cụ thể của tỉnh được trình phê duyệt vào tháng mấy hằng năm?")
    assert r.clauses == ["IV.1"] and "tháng 10" in r.text


def test_two_clauses_compared_by_their_headings_are_shown_side_by_side():
    r = answer("Mục tiêu chung và mục tiêu cụ thể của kế hoạch khác nhau thế nào?")
    assert r.clauses[0] == "I.1" and any(c.startswith("I.2.") for c in r.clauses)
    r = answer("giải pháp về quản lý và giải pháp về chế độ chính sách khác nhau gì")
    assert r.clauses == ["III.1", "III.2"]


def test_a_colleagues_name_is_not_an_office():
    r = answer("Anh Phong 33 tuổi, muốn học thạc sĩ thì tiếng Anh cần IELTS bao nhiêu?", State(tier="tinh"))
    assert r.tier == "tinh" and "II.1.đ" in r.clauses


def test_moving_from_commune_to_district_drops_the_commune_role():
    first = answer("toi la CV dia chinh xa, can bang chuyen mon j")
    r = answer("a nham, toi moi chuyen len phong TNMT huyen roi", first.state)
    assert r.tier == "huyen" and r.clauses == ["II.1.a"] and "đại học" in r.text


def test_learning_more_than_the_degree_lists_the_areas_standing_training():
    r = answer("chuyen vien o huyen, CMNV thi co can hoc them j ko ngoai bang dai hoc")
    assert "cập nhật" in r.text and r.clauses == ["II.1.a"]
    assert "cập nhật" not in answer("chuyên viên cần chuyên môn gì").text


def test_a_grade_to_move_up_to_is_the_one_checked_and_the_question_names_the_area():
    r = answer("Xin chào, tôi là chuyên viên Phòng Dân tộc huyện Châu Thành. Tôi có bằng đại học và trung cấp lý luận "
               "chính trị, sắp được đề nghị nâng ngạch lên chuyên viên chính. Cho hỏi nếu lên chuyên viên chính thì về "
               "lý luận chính trị tôi còn thiếu gì?")
    assert r.clauses == ["II.1.b"] and "Cao cấp" in r.text and "❌" in r.text


def test_a_long_check_asking_one_area_answers_that_area_and_two_questions_get_both():
    r = answer("Tôi là cán sự, có trung cấp chuyên môn và đã học lớp bồi dưỡng quản lý nhà nước ngạch chuyên viên. "
               "Như vậy có được tính là đạt về quản lý nhà nước không?")
    assert r.clauses == ["II.1.c"] and "✅" in r.text
    r = answer("Chào chị, em công tác tại phòng Tài nguyên và Môi trường huyện Thạnh Trị, ngạch chuyên viên. Em có bằng "
               "đại học và đã học xong lớp trung cấp lý luận chính trị. Vậy em đã đáp ứng yêu cầu của kế hoạch chưa, và "
               "em còn phải học thêm lớp quản lý nhà nước nào không ạ?")
    assert {"II.1.a", "II.1.b", "II.1.c"} <= set(r.clauses)


@pytest.mark.parametrize("q,first", [("Chủ tịch UBND xã phải được bồi dưỡng những nội dung gì?", "II.2.a"),
                                     ("CT HĐND xa can BD nhung j", "II.2.a")])
def test_a_roles_own_items_come_first(q, first):
    assert answer(q).clauses[0] == first
