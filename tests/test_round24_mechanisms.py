"""A recruitment quota is not the plan's training figures, and "cụ thể hơn được không" shows the last clause whole."""

from bot.core import answer
from tests.conversation_support import play


def test_a_recruitment_quota_is_out_of_scope_but_training_figures_are_not():
    assert answer("Năm 2012 tỉnh Sóc Trăng tuyển dụng bao nhiêu chỉ tiêu công chức?").kind == "fallback"
    assert answer("năm 2012 đào tạo bao nhiêu người").clauses == ["PL"]


def test_more_detail_after_an_answer_is_the_whole_clause():
    r = play("giải pháp về chế độ, chính sách là gì", "cụ thể hơn được không")
    assert r.clauses == ["III.2"] and "sửa đổi" in r.text
