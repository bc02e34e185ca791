"""Readings that depend on marks, on who is named, and on the plan's duties and figures (round 10 weaknesses)."""

from bot.core import answer
from tests.test_core_answers import _play as converse
from bot.understand import default_understander
from knowledge import default_kb
from knowledge.vocabulary import matcher_for


def test_cue_words_written_with_marks_need_those_marks():
    u = default_understander()
    assert "asking" not in u.analyze("em là công chức tư pháp - hộ tịch xã Lịch Hội Thượng").cues
    assert "asking" in u.analyze("cho toi hoi cv can gi").cues  # typed without marks: folded form counts
    assert "quote" not in u.analyze("Tôi là Phó Giám đốc Sở Y tế").cues
    assert "quote" in u.analyze("đọc nguyên văn II.1.b").cues


def test_a_code_needs_its_dot_and_quan_ly_is_no_district():
    found = matcher_for(default_kb()).find
    assert not [m for m in found("Đối tượng 1, 2, 3") if m.kind == "grade"]
    assert [m.id for m in found("mã ngạch 01.002") if m.kind == "grade"] == ["chuyen_vien_chinh"]
    assert not [m for m in found("e co dh quan ly dat dai") if m.kind == "tier"]


def test_a_relative_of_the_asker_is_a_person_of_their_own():
    replies = converse("tôi là công chức văn hóa - xã hội ở xã Lai Hòa",
                       "Chị tôi là chuyên viên phòng Dân tộc thị xã Vĩnh Châu, lý luận chính trị cần gì?",
                       "Quay lại trường hợp của tôi, lý luận chính trị tôi phải học thế nào?")
    assert (replies[1].grade, replies[1].tier) == ("chuyen_vien", "huyen")
    assert (replies[2].grade, replies[2].tier) == (None, "xa") and replies[2].clauses == ["II.2.b"]


def test_a_marked_word_that_is_no_title_names_nobody():
    replies = converse("tôi là chuyên viên huyện Kế Sách, có ĐH luật",
                       "còn chị Lan, CVC ở sở, thì LLCT cần gì?",
                       "còn tôi, học QLNN chương trình nào?")
    assert (replies[1].grade, replies[1].tier) == ("chuyen_vien_chinh", "tinh")
    assert (replies[2].grade, replies[2].tier) == ("chuyen_vien", "huyen")


def test_a_capitalised_title_at_the_start_brings_a_colleague_back():
    replies = converse("Ở Sở Y tế, anh Bình là cán sự, cần chuyên môn gì?", "Nhầm, anh Bình là chuyên viên.",
                       "Còn chị Thu, chuyên viên chính, cần gì?", "Anh Bình thì QLNN học chương trình nào?")
    assert replies[3].grade == "chuyen_vien"


def test_two_tier_words_side_by_side_are_a_list_not_the_askers_tier():
    assert answer("mục tiêu bao nhiêu phần trăm cán bộ, công chức cấp tỉnh, huyện được bồi dưỡng?").tier is None


def test_a_deadline_is_answered_by_the_duty_of_the_body_named():
    r = answer("Kế hoạch đào tạo của huyện gửi Sở Nội vụ lúc nào?")
    assert r.clauses == ["IV.2"] and "tháng 8" in r.text
    r = answer("Đại biểu HĐND các cấp phải được bồi dưỡng xong trước khi nào?")  # no body named: not a duty
    assert "I.2.c" in r.clauses


def test_figures_of_a_year_and_objectives_are_answered_from_their_parts_of_the_plan():
    r = answer("Số liệu năm 2013")
    assert r.clauses == ["PL"] and "5.280" in r.text
    r = answer("Em mới có trung cấp luật, mục tiêu đến năm 2015 về trình độ chuyên môn của công chức xã là gì?")
    assert r.clauses[0] == "I.2.b"


def test_questions_the_plan_does_not_answer_are_said_so():
    for q in ("sdt so noi vu soc trang la bn v", "Trường Chính trị tỉnh Sóc Trăng ở đâu v",
              "dieu kien vao BCH dang uy xa la j", "lop QP-AN doi tuong 3 hoc may ngay"):
        r = answer(q)
        assert r.kind == "fallback" and not r.clauses, q
    r = answer("em là chuyên viên huyện Thạnh Trị (công chức, không phải giáo viên), có đại học, còn thiếu gì?")
    assert r.kind == "answer" and r.grade == "chuyen_vien"


def test_a_when_question_about_a_group_is_answered_by_its_dated_target():
    r = answer("dai bieu HDND phai boi duong xong truoc khi nao")
    assert r.clauses == ["I.2.c"] and "nửa đầu năm 2012" in r.text
    r = answer("Lãnh đạo cấp sở, cấp huyện đến năm nào phải được trang bị kỹ năng lãnh đạo, quản lý?")
    assert r.clauses == ["I.2.a"] and "năm 2015" in r.text
    assert answer("Kế hoạch đào tạo của huyện gửi Sở Nội vụ lúc nào?").clauses == ["IV.2"]  # a duty, not a target
    first, then = converse("e lam cong chuc van phong - thong ke xa Phu Tam", "den nam nao thi phai dat")
    assert then.clauses == ["I.2.b"]  # the dated targets of the conversation's tier


def test_a_check_asking_what_is_missing_lists_each_other_standard_and_cites_the_missing_first():
    r = answer("chị Hoa, chuyên viên chính ở sở, mới có bằng đại học. Chị ấy còn thiếu gì?")
    assert "Cao cấp lý luận chính trị" in r.text and "chương trình chuyên viên chính" in r.text
    r = answer("CV Sở LĐ-TB&XH, có ĐH và cao cấp LLCT, chưa học QLNN. Cần học lớp nào?")
    assert r.clauses[0] == "II.1.c"


def test_a_units_name_asks_nothing_and_a_tier_named_picks_its_own_objectives():
    r = answer("em o So Van hoa, The thao va Du lich, ke hoach dao tao cua so gui ve so noi vu khi nao")
    assert r.kind == "answer" and "IV.2" in r.clauses  # "du lịch" in the office's name is no holiday question
    assert answer("dieu kien vao BCH dang uy xa la j").kind == "fallback"
    assert answer("muc tieu cu the doi voi can bo cong chuc cap huyen la gi").clauses[0] == "I.2.a"
