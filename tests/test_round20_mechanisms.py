"""'When' follow-ups of a passage answer, excerpts that hold the asked words, 'which body' questions, the objective
'đến năm 2015 … phải đạt', and words that look out of scope but are not ("tiếng Anh bao nhiêu điểm")."""

from bot.core import answer
from bot.excerpt import excerpt
from bot.understand import default_understander
from tests.conversation_support import play


def test_when_after_the_duties_of_a_clause_is_their_deadline():
    r = play("UBND huyện phải gửi kế hoạch đào tạo, bồi dưỡng cho ai?", "hạn khi nào")
    assert r.clauses[0] == "IV.2" and "cuối tháng 8" in r.text


def test_when_after_a_passage_shows_its_items_that_answer_first():
    r = play("em mới trúng tuyển công chức vào Sở Tư pháp, có phải học gì không", "phải học trong thời gian nào")
    assert r.clauses == ["II.1.c"]
    first_quote = r.text.split("«", 1)[1]
    assert first_quote.startswith("Tổ chức đào tạo Tiền công vụ") and "năm đầu tiên" in first_quote


def test_when_after_objectives_is_still_their_target_date():
    r = play("mục tiêu bồi dưỡng đại biểu HĐND là gì", "mục tiêu phải hoàn thành trước thời điểm nào?")
    assert "I.2.c" in r.clauses and "nửa đầu năm 2012" in r.text


def test_an_excerpt_holds_the_most_asked_words_not_the_most_repeated():
    text = ("Kế hoạch đào tạo của các sở, kế hoạch đào tạo của các huyện, kế hoạch đào tạo của xã; "
            "kế hoạch đào tạo được tổng hợp; Sở Nội vụ trình Bộ Nội vụ phê duyệt vào tháng 10.")
    canonical = default_understander().lex.canonical
    shown = excerpt(text, set(canonical("kế hoạch đào tạo trình ai phê duyệt").split()), canonical, limit=90)
    assert "phê duyệt" in shown


def test_the_body_that_sets_a_training_is_answered_from_the_clause():
    r = answer("Đào tạo lý luận chính trị trình độ cao cấp, trung cấp theo quy định của cơ quan nào?")
    assert r.clauses == ["II.1.b"] and "Tỉnh ủy" in r.text


def test_what_commune_staff_must_reach_by_2015_is_their_objective():
    r = answer("Đến năm 2015 công chức xã phải đạt trình độ gì?")
    assert r.clauses[0] == "I.2.b" and "100%" in r.text
    assert answer("đến năm 2015 chuyên viên phải đạt trình độ gì").clauses[0] == "II.1.a"


def test_an_english_score_for_a_masters_is_in_the_plan():
    r = answer("muốn đi học thạc sĩ thì tiếng Anh cần bao nhiêu điểm")
    assert r.kind == "answer" and "II.1.đ" in r.clauses and "550" in r.text
    assert answer("thi cuối khóa bao nhiêu điểm thì đạt").kind == "fallback"


def test_a_storm_tomorrow_is_the_weather():
    assert answer("mai co bao ko").kind == "fallback"
    assert answer("co bao nhieu nguoi dao tao nam 2012").clauses == ["PL"]
