"""The /kiemtra dialog: buttons per step, skippable, typed answers, commune path, cancel, result card."""

from bot.core import answer, start_check
from bot.reply import State


def press(reply, label):
    option = next(o for o in reply.options if o.label == label)
    return answer(option.query, reply.state)


def test_dialog_walks_every_step_and_ends_in_a_card():
    r = start_check(State())
    assert r.kind == "clarify" and "Bước 1/" in r.text
    assert [o.label for o in r.options][:3] == ["Cấp tỉnh", "Cấp huyện", "Cấp xã"]
    r = press(r, "Cấp huyện")
    r = press(r, "Chuyên viên chính")
    r = answer("ĐH", r.state)  # typed, the way HR writes it
    r = press(r, "Trung cấp")
    for _ in range(5):  # QLNN, tin học, QP-AN, tuổi, vùng dân tộc: skipped
        r = press(r, "Bỏ qua")
    assert r.kind == "answer" and r.state.check is None
    assert "Kết quả kiểm tra: Chưa đạt" in r.text
    assert "II.1.b" in r.clauses and "❌ Lý luận chính trị" in r.text
    assert "✅ Chuyên môn nghiệp vụ" in r.text
    assert r.grade == "chuyen_vien_chinh" and r.tier == "huyen"


def test_commune_path_skips_grade_based_steps():
    r = press(start_check(State()), "Cấp xã")
    assert "Trình độ chuyên môn" in r.text  # no grade question for commune staff
    r = press(r, "Trung cấp")
    r = press(r, "Bỏ qua")  # LLCT
    r = answer("45", r.state)  # age
    r = press(r, "Không")
    assert r.kind == "answer" and "II.2.b" in r.clauses


def test_unreadable_answer_repeats_the_step_with_a_message():
    r = press(start_check(State()), "Cấp tỉnh")
    again = answer("abcxyz", r.state)
    assert "⚠️" in again.text and again.state.check["step"] == r.state.check["step"]


def test_cancel_ends_the_dialog_and_free_questions_work_again():
    r = press(start_check(State()), "Hủy")
    assert r.state.check is None and "Đã hủy" in r.text
    assert answer("cvc cần llct gì", r.state).clauses == ["II.1.b"]


def test_button_data_stays_short():
    r = start_check(State())
    assert all(len(o.query.encode()) <= 64 for o in r.options)


def test_a_new_question_mid_dialog_leaves_the_dialog_and_is_answered():
    r = press(start_check(State()), "Cấp tỉnh")
    asked = answer("năm 2013 tổng cộng đào tạo, bồi dưỡng bao nhiêu người", r.state)
    assert asked.state.check is None
    assert asked.clauses == ["PL"] and "5.280" in asked.text
