"""The core answers varied questions from the plan, clarifies when it must, and falls back when out of scope."""

import pytest

from bot.core import answer, quote_clause, requirements_reply, search_plan
from bot.evaluate import fold_fact
from bot.reply import State


def _has(reply, *facts):
    text = fold_fact(reply.text)
    return all(fold_fact(f) in text for f in facts)


@pytest.mark.parametrize(
    "q,clause,facts,grade",
    [
        ("ngạch cán sự cần bằng gì", "II.1.a", ["trung cấp"], "can_su"),
        ("cv cần bằng đại học ko", "II.1.a", ["đại học"], "chuyen_vien"),
        ("chuyen vien chinh LLCT?", "II.1.b", ["Cao cấp"], "chuyen_vien_chinh"),
        ("cán sự cần lý luận chính trị mức nào", "II.1.b", ["Trung cấp"], "can_su"),
        ("CVC học lớp QLNN chương trình gì", "II.1.c", ["chương trình chuyên viên chính"], "chuyen_vien_chinh"),
        ("cvcc bồi dưỡng qlnn ở đâu", "II.1.c", ["Học viện Hành chính"], "chuyen_vien_cao_cap"),
        ("chuyên viên có phải học QP-AN ko", "II.1.e", ["đối tượng"], "chuyen_vien"),
        ("cán sự cần tin học gì", "II.1.d", ["máy vi tính"], "can_su"),
    ],
)
def test_requirement_by_grade(q, clause, facts, grade):
    r = answer(q)
    assert r.kind == "answer"
    assert clause in r.clauses
    assert r.grade == grade
    assert _has(r, *facts)


def test_verdict_missing_level():
    r = answer("chị Hoa ngạch chuyên viên chính, mới có bằng cao đẳng, đạt chuẩn chuyên môn chưa")
    assert r.kind == "answer" and r.intent == "kiem_tra"
    assert r.clauses == ["II.1.a"]
    assert "Chưa đạt" in r.text and "đại học" in r.text


def test_verdict_met_level():
    r = answer("cán sự có bằng cao đẳng thì đủ chuẩn chuyên môn không")
    assert "Đạt" in r.text and "Chưa đạt" not in r.text


def test_verdict_llct_for_a_cvc_with_trung_cap():
    r = answer("anh Bình CVC hiện có trung cấp chính trị, vậy đạt chưa")
    assert r.clauses == ["II.1.b"]
    assert "Chưa đạt" in r.text and "Cao cấp" in r.text


@pytest.mark.parametrize(
    "q,clause,facts",
    [
        ("mục tiêu chung của kế hoạch", "I.1", ["chức danh"]),
        ("đến 2015 bao nhiêu % lãnh đạo cấp sở có kỹ năng lãnh đạo", "I.2.a", ["100%"]),
        ("mục tiêu cho cán bộ xã về trình độ trung cấp là bao nhiêu %", "I.2.b", ["100%"]),
        ("đại biểu HĐND phải được bồi dưỡng xong trước khi nào", "I.2.c", ["nửa đầu năm 2012"]),
        ("ai được đào tạo tiếng Khmer", "II.2.b", ["Khmer"]),
        ("sở nội vụ phải sơ kết kế hoạch khi nào", "IV.1", ["sơ kết"]),
        ("giải pháp về chế độ chính sách", "III.2", ["thu hút"]),
        ("nguồn kinh phí đào tạo từ đâu", "III.4", ["phi chính phủ"]),
        ("trường đào tạo trong tỉnh cần làm gì để nâng chất lượng", "III.3", ["giảng"]),
    ],
)
def test_content_questions_quote_the_right_clause(q, clause, facts):
    r = answer(q)
    assert r.kind == "answer"
    assert clause in r.clauses, (r.intent, r.clauses)
    assert _has(r, *facts)


@pytest.mark.parametrize(
    "q,fact",
    [
        ("năm 2013 đào tạo bồi dưỡng tổng cộng bao nhiêu người", "5.280"),
        ("tiếng anh cả giai đoạn đào tạo mấy người", "300"),
        ("đào tạo ở nước ngoài tổng số bao nhiêu", "50"),
        ("số lượng bồi dưỡng trong nước năm 2015", "4.500"),
    ],
)
def test_annex_numbers_as_the_plan_writes_them(q, fact):
    r = answer(q)
    assert r.intent == "chi_tieu" and r.clauses == ["PL"]
    assert fact in r.text


@pytest.mark.parametrize("q", ["tôi cần học gì", "em phải có bằng gì ạ", "mình cần bổ sung những tiêu chuẩn nào"])
def test_personal_question_without_grade_clarifies(q):
    r = answer(q)
    assert r.kind == "clarify"
    assert [o.label for o in r.options][:4] == ["Cán sự", "Chuyên viên", "Chuyên viên chính", "Chuyên viên cao cấp"]
    assert r.state.pending


@pytest.mark.parametrize(
    "q",
    [
        "hệ số lương chuyên viên là bao nhiêu",
        "kế hoạch đào tạo của tỉnh Cần Thơ",
        "kế hoạch giai đoạn 2016-2020 có gì",
        "chế độ thai sản của công chức nữ",
        "hôm nay giá vàng bao nhiêu",
        "asdkjh qwe zxcmnb",
    ],
)
def test_out_of_scope_falls_back_and_cites_nothing(q):
    r = answer(q)
    assert r.kind == "fallback"
    assert r.clauses == []
    assert "Kế hoạch 39" in r.text


def test_follow_up_uses_the_conversation_state():
    first = answer("tôi là chuyên viên cấp huyện")
    assert first.state.grade == "chuyen_vien" and first.state.tier == "huyen"
    second = answer("còn LLCT?", first.state)
    assert second.clauses == ["II.1.b"]
    assert second.grade == "chuyen_vien"
    assert "Trung cấp" in second.text


def test_clarify_then_option_answers_the_pending_question():
    asked = answer("tôi phải học lớp QLNN nào")
    assert asked.kind == "clarify"
    option = next(o for o in asked.options if o.label == "Chuyên viên chính")
    done = answer(option.query, asked.state)
    assert done.kind == "answer" and done.grade == "chuyen_vien_chinh"
    assert "II.1.c" in done.clauses
    assert done.state.pending is None


def test_commune_tier_answers_from_II_2():
    r = answer("công chức cấp xã cần trình độ chuyên môn gì")
    assert r.tier == "xa"
    assert "II.2.b" in r.clauses and "trung cấp" in r.text


def test_quote_on_request():
    r = answer("nguyên văn II.1.b")
    assert r.intent == "nguyen_van" and r.clauses == ["II.1.b"]
    assert "Cao cấp lý luận chính trị trở lên" in r.text
    assert quote_clause("ii.1.dd").clauses == ["II.1.đ"]
    assert quote_clause("X.9").kind == "clarify"


def test_quote_after_an_answer_uses_its_clause():
    first = answer("cán sự cần LLCT gì")
    r = answer("xem nguyên văn", first.state)
    assert r.clauses == ["II.1.b"]


def test_requirements_reply_for_buttons():
    r = requirements_reply("chuyen_vien_cao_cap", "tinh")
    assert r.clauses == ["II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.1.đ", "II.1.e"]
    assert "chuẩn hóa theo quy định" in r.text


def test_search_plan_finds_passages_with_clause_ids():
    r = search_plan("Bộ Ngoại giao")
    assert r.clauses[0] == "II.1.c"
    assert search_plan("xyzxyz").kind == "fallback"


def test_every_answer_names_its_source_once_without_internal_ids():
    for q in ["chuyên viên cần gì", "tổng số người được đào tạo", "ai ký kế hoạch", "căn cứ pháp lý của kế hoạch"]:
        source = answer(q).text.strip().splitlines()[-1]
        assert source.startswith("Nguồn: KH 39/KH-UBND (2011–2015)")
        assert "CC" not in source.split() and "PL" not in source.split() and len(source) < 80


def test_html_is_escaped_and_text_has_no_tags():
    r = search_plan("<b>&amp; {{ 7*7 }}")
    assert "<b>&amp;" not in r.html
    assert "&lt;b&gt;" in r.html
    assert "49" not in r.text
    assert "<" not in answer("chuyên viên cần gì").text


def test_state_round_trips_through_json():
    state = answer("tôi là CVC cấp tỉnh").state
    assert State.from_json(state.to_json()) == state
    assert State.from_json("{not json") == State()


def test_command_replies_for_annex_and_document():
    from bot.core import annex_reply, document_reply

    annex = annex_reply()
    assert annex.clauses == ["PL"] and "25.950" in annex.text and "5.810" in annex.text
    assert "<b>" in annex.html
    doc = document_reply()
    assert "39/KH-UBND" in doc.text and "Nguyễn Trung Hiếu" in doc.text and "1374" in doc.text


def test_profile_of_reads_ids_labels_and_phrases():
    from bot.core import profile_of

    assert profile_of("chuyen_vien_chinh", "huyen") == ("chuyen_vien_chinh", "huyen")
    assert profile_of("CVCC cấp tỉnh") == ("chuyen_vien_cao_cap", "tinh")
    assert profile_of("Cấp xã") == (None, "xa")


def test_annex_series_adds_up_and_template_is_xlsx():
    from bot.core import annex_series, staff_template

    years, series, totals = annex_series()
    assert [sum(v[i] for _, v in series) for i in range(len(years))] == totals == [5810, 5280, 5280, 4790, 4790]
    assert staff_template()[:2] == b"PK"


def test_follow_up_changing_the_grade_keeps_the_topic():
    first = answer("CVC cần LLCT gì")
    second = answer("còn cán sự thì sao?", first.state)
    assert second.grade == "can_su" and second.clauses == ["II.1.b"] and "Trung cấp" in second.text


@pytest.mark.parametrize(
    "q,parent,children",
    [
        ("kế hoạch gồm mấy phần", None, ["I", "II", "III", "IV"]),
        ("giải pháp gồm những nhóm nào", "III", ["III.1", "III.2", "III.3", "III.4"]),
        ("mục tiêu cụ thể chia ra cho những nhóm nào", "I.2", ["I.2.a", "I.2.b", "I.2.c"]),
    ],
)
def test_structure_questions_list_the_parts(q, parent, children):
    r = answer(q)
    assert r.clauses == children
    assert all(f"• {c}." in r.text for c in children)
    if parent:
        assert r.text.startswith(parent + ".")


def test_a_question_naming_a_clause_shows_a_screenful_and_how_to_see_the_rest():
    r = answer("mục tiêu cụ thể đối với cán bộ công chức cấp tỉnh, cấp huyện")
    assert r.clauses == ["I.2.a"] and "còn" in r.text and 'nguyên văn I.2.a' in r.text and len(r.text) < 900
    full = answer("nguyên văn I.2.a")
    assert "70 - 80%" in full.text and "liên ngành" in full.text


def test_a_long_passage_is_shown_by_the_phrases_that_answer():
    r = answer("UBND huyen gui ke hoach dao tao can bo cho co quan nao")
    assert r.clauses[0] == "IV.2" and "Sở Nội vụ" in r.text and "tháng 8" in r.text and "…" in r.text


def test_objective_for_me_without_a_tier_asks_the_tier():
    r = answer("tôi là cán bộ, mục tiêu đào tạo đối với tôi là gì?")
    assert r.kind == "clarify" and [o.label for o in r.options] == ["Cấp tỉnh, cấp huyện", "Cấp xã"]
    done = answer(r.options[1].query, r.state)
    assert done.kind == "answer" and done.clauses[0].startswith(("I.2.b", "II.2"))


def test_typos_of_ordinary_words_are_not_turned_into_plan_words():
    from bot.understand import default_understander

    lex = default_understander().lex
    assert lex.canonical("chia ra những nhóm") == "chia ra nhung nhom"
    assert lex.canonical("trung cap chin tri") == "trung cap chinh tri"


def test_two_clauses_that_answer_alike_are_both_shown():
    r = answer("tỷ lệ bồi dưỡng bắt buộc hằng năm của công chức xã có khác công chức tỉnh, huyện không")
    assert set(r.clauses) == {"I.2.a", "I.2.b"} and r.text.count("70 - 80%") == 2


def test_a_decree_number_points_to_the_legal_bases():
    r = answer("nghi dinh 92/2009 lien quan gi den ke hoach")
    assert "CC" in r.clauses and "92/2009" in r.text


@pytest.mark.parametrize(
    "q,kind",
    [
        ("đại biểu HĐND nhiệm kỳ 2011-2016 được bồi dưỡng trong thời gian nào", "answer"),
        ("sở nội vụ sơ kết thực hiện kế hoạch bao lâu 1 lần", "answer"),
        ("Luật Tổ chức HĐND và UBND 2003 có bao nhiêu chương", "fallback"),
        ("thi IELTS ở Sóc Trăng đăng ký ở đâu", "fallback"),
    ],
)
def test_scope_edges(q, kind):
    assert answer(q).kind == kind


def test_a_check_knowing_one_level_names_the_other_standards_in_one_line():
    r = answer("cán sự có bằng cao đẳng đạt chuẩn chưa")
    assert r.text.startswith("✅ Đạt 1/1") and "có cao đẳng (II.1.a)" in r.text
    assert "Các yêu cầu khác: Lý luận chính trị (II.1.b)" in r.text and "/kiemtra" in r.text
    assert r.text.count("❔") == 0


def _play(*turns):
    from bot.reply import State

    state, replies = State(), []
    for q in turns:
        r = answer(q, state)
        state = r.state
        replies.append(r)
    return replies


def test_a_colleagues_levels_do_not_carry_to_the_next_colleague():
    first, second = _play("anh Nam cán sự có trung cấp chuyên môn, đạt chưa",
                          "người khác, chuyên viên chính, đạt chuẩn chuyên môn chưa")
    assert "trung cấp" in first.text
    assert second.grade == "chuyen_vien_chinh" and "hiện có trung cấp" not in second.text.lower()


def test_going_back_to_a_named_colleague_restores_their_grade():
    *_, back = _play("chị Hoa là chuyên viên ở sở", "còn anh Tâm là chuyên viên cao cấp", "quay lại chị Hoa, LLCT cần gì")
    assert back.grade == "chuyen_vien" and back.tier == "tinh" and "II.1.b" in back.clauses


def test_a_new_colleague_keeps_the_office_but_nothing_else():
    _, second = _play("tôi là chuyên viên chính ở UBND huyện Mỹ Tú", "còn chị Mai là cán sự")
    assert second.grade == "can_su" and second.tier == "huyen"


def test_every_reply_reports_the_person_being_discussed():
    _, annex = _play("tôi là chuyên viên ở Sở Tư pháp", "năm 2013 đào tạo bao nhiêu người")
    assert annex.intent == "chi_tieu" and annex.grade == "chuyen_vien" and annex.tier == "tinh"


def test_a_word_typed_with_its_marks_is_not_read_as_another_word():
    r = answer("chuyên viên thì trình độ chuyên môn thì cần gì")
    assert r.kind == "answer" and "II.1.a" in r.clauses


def test_a_correction_replaces_the_tier_for_later_turns():
    *_, later = _play("tôi là chuyên viên chính ở sở", "à không, mình công tác ở UBND huyện Long Phú chứ không phải ở sở",
                      "vậy chuyên môn phải đạt gì")
    assert later.tier == "huyen" and later.grade == "chuyen_vien_chinh" and "II.1.a" in later.clauses


def test_a_commune_role_gives_the_tier_for_the_whole_conversation():
    *_, later = _play("em là chủ tịch UBND xã", "cảm ơn nhé")
    assert later.tier == "xa"


@pytest.mark.parametrize("q,option", [("em muốn hỏi về bồi dưỡng", "Chuyên viên"), ("hạn nộp là khi nào", "Hạn gửi kế hoạch về Sở Nội vụ")])
def test_a_vague_message_is_asked_back_with_the_menu_its_words_fit(q, option):
    r = answer(q)
    assert r.kind == "clarify" and option in [o.label for o in r.options] and not r.clauses


def test_thanks_get_a_short_reply_and_suggestions_not_clauses():
    r = answer("ok, cảm ơn anh chị đã giải đáp tận tình")
    assert r.intent == "tro_giup" and not r.clauses and len(r.options) >= 3 and len(r.text) < 200


@pytest.mark.parametrize("q,fact", [("chinh tri 2013?", "80"), ("Tiếng Anh tổng?", "300"), ("boi duong trong nuoc 2014", "4.500")])
def test_an_annex_row_and_a_year_without_a_verb_are_a_figure_question(q, fact):
    r = answer(q)
    assert r.intent == "chi_tieu" and fact in r.text


def test_a_year_after_figures_keeps_the_rows_asked_about():
    *_, later = _play("tiếng Anh đào tạo bao nhiêu người", "còn 2014?")
    assert later.intent == "chi_tieu" and "Tiếng Anh" in later.text and "năm 2014: 50" in later.text


def test_what_the_plan_does_not_state_is_a_fallback_pointing_to_the_topic():
    r = answer("lop boi duong ngach chuyen vien thi nhung mon gi")
    assert r.kind == "fallback" and r.clauses == [] and "II.1.c" in r.text


def test_a_staff_list_request_points_to_where_files_can_be_sent():
    r = answer("em muốn gửi file danh sách cán bộ của phòng để kiểm tra")
    assert r.kind == "answer" and not r.clauses and "/kiem-tra" in r.text and "python -m bot check" in r.text


def test_a_question_about_the_provinces_figures_does_not_move_the_asker():
    *_, back = _play("tôi là chuyên viên chính phòng Tài chính - Kế hoạch huyện Cù Lao Dung",
                     "cả giai đoạn tỉnh đào tạo, bồi dưỡng tổng cộng bao nhiêu người?",
                     "quay lại chuyện của tôi, QLNN thì phải học gì?")
    assert back.tier == "huyen" and back.grade == "chuyen_vien_chinh" and "II.1.c" in back.clauses


def test_a_bare_tier_after_an_objective_asks_the_same_objective_for_that_tier():
    _, other = _play("mục tiêu cụ thể cho cấp tỉnh, huyện?", "cấp xã?")
    assert other.clauses == ["I.2.b"] and other.tier == "xa"


def test_a_role_said_not_to_be_held_is_not_read():
    from bot.understand import default_understander

    assert default_understander().extractor.extract("cán bộ phường, không phải chủ tịch").role != "chu_tich_xa"


def test_a_month_asked_about_names_whose_deadline_it_is():
    r = answer("thang 8 va thang 10 la moc gi")
    assert r.clauses == ["IV.1", "IV.2"] and "tháng 10" in r.text and "tháng 8" in r.text


def test_a_word_only_one_requirement_uses_brings_it_in():
    r = answer("tiếng Khmer chỉ quy định cho công chức xã hay cả công chức huyện?")
    assert "II.2.b" in r.clauses and "Khmer" in r.text


def test_training_before_an_appointment_is_answered_whatever_the_grade():
    r = answer("Kính chào, tôi là trưởng phòng thuộc Sở Nông nghiệp. Cho tôi hỏi trước khi bổ nhiệm tôi có phải học gì?")
    assert "II.1.c" in r.clauses and "trước khi đề bạt, bổ nhiệm" in r.text
