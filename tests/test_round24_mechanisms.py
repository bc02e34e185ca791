"""A recruitment quota, health and match results are out of scope; "cụ thể hơn được không" shows the last clause whole."""

from bot.core import answer
from tests.conversation_support import play


def test_a_recruitment_quota_is_out_of_scope_but_training_figures_are_not():
    assert answer("Năm 2012 tỉnh Sóc Trăng tuyển dụng bao nhiêu chỉ tiêu công chức?").kind == "fallback"
    assert answer("năm 2012 đào tạo bao nhiêu người").clauses == ["PL"]


def test_more_detail_after_an_answer_is_the_whole_clause():
    r = play("giải pháp về chế độ, chính sách là gì", "cụ thể hơn được không")
    assert r.clauses == ["III.2"] and "sửa đổi" in r.text


def test_health_and_match_results_are_out_of_scope_and_summaries_only_of_other_documents():
    assert answer("Hướng dẫn mình cách tính chỉ số BMI").kind == "fallback"
    assert answer("ket qua tran viet nam thai lan toi qua").kind == "fallback"
    assert answer("tom tat giup nghi dinh 18/2010 ve dao tao cong chuc").kind == "fallback"
