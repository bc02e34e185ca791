"""Clauses cited as the law cites them, the training of a career step, long messages whose question refers back."""

from bot.core import answer
from tests.conversation_support import play


def test_a_clause_cited_by_its_parts_is_quoted():
    assert answer("Trích nguyên văn điểm d khoản 1 mục II về tin học.").clauses == ["II.1.d"]
    assert answer("trich dan diem dd khoan 1 muc II").clauses == ["II.1.đ"]
    assert answer("Trích nguyên văn khoản 3 mục IV").clauses == ["IV.3"]
    assert answer("Trích nguyên văn mục 3 phần II về đại biểu Hội đồng nhân dân.").clauses == ["II.3"]
    assert answer("Trích nguyên văn mục I.1 Mục tiêu chung.").clauses == ["I.1"]  # a dotted id stays whole


def test_a_heading_over_parts_lists_its_parts_with_a_button_each():
    r = answer("trích nguyên văn mục II")
    assert r.clauses == ["II.1", "II.2", "II.3"] and [o.label for o in r.options] == ["II.1", "II.2", "II.3"]
    r = answer("phần III gồm những gì")
    assert r.kind == "answer" and r.clauses == ["III.1", "III.2", "III.3", "III.4"]


def test_a_new_recruit_gets_tien_cong_vu_and_its_time():
    r = answer("Em chào anh chị, em vừa thi đậu công chức và về nhận công tác ở Phòng Tư pháp huyện Mỹ Xuyên được một "
               "tháng. Em nghe nói người mới tuyển phải đi học một lớp bắt buộc. Cho em hỏi đó là lớp gì và phải học "
               "trong thời gian nào ạ?")
    assert r.clauses == ["II.1.c"] and "Tiền công vụ" in r.text and "năm đầu tiên" in r.text
    r = play("moi thi do cong chuc, vao lam CV o so tu phap, phai hoc gi truoc", "hoc trong thoi gian nao")
    assert r.clauses == ["II.1.c"] and "năm đầu tiên" in r.text


def test_a_question_referring_back_is_read_with_its_introduction():
    r = answer("Tôi là trưởng phòng tổ chức của một sở. Lâu nay đơn vị tôi hay tuyển người chưa đủ chuẩn rồi cử đi "
               "học sau. Xin hỏi kế hoạch có cho phép làm như vậy không?")
    assert r.kind == "answer" and "III.4" in r.clauses
    r = answer("Mình làm ở phòng Ngân sách của Sở Tài chính. Sếp hỏi trong kế hoạch 39 thì sở mình được giao nhiệm "
               "vụ gì. Ad tóm tắt giúp mình với?")
    assert r.kind == "answer" and "IV.2" in r.clauses


def test_a_question_naming_its_topic_is_read_alone_after_a_long_introduction():
    r = answer("Tôi là chuyên viên Phòng Nội vụ huyện Long Phú, được giao tham mưu kế hoạch đào tạo năm 2013 của huyện. "
               "Lãnh đạo yêu cầu phải bám sát giải pháp quản lý trong kế hoạch của tỉnh. Xin hỏi quy hoạch, kế hoạch "
               "đào tạo phải gắn với điều gì?")
    assert r.clauses[0] == "III.1"
    r = answer("Kính chào. Tôi là Phó Chủ tịch UBND huyện. Tôi cần nắm các giải pháp trong kế hoạch để chỉ đạo các "
               "phòng chuyên môn. Xin liệt kê giúp tôi các giải pháp về quản lý.")
    assert r.clauses == ["III.1"]


def test_a_delegates_role_is_kept_and_gives_its_own_target():
    r = play("tôi là đại biểu HĐND huyện", "tôi được bồi dưỡng gì")
    assert r.kind == "answer" and "II.3" in r.clauses
    r = answer("Chào anh chị, tôi là đại biểu HĐND xã khóa mới. Tôi hơi lo vì chưa nắm được kỹ năng hoạt động của "
               "đại biểu. Kế hoạch có bố trí bồi dưỡng cho đại biểu như tôi không, và phải hoàn thành đến khi nào?")
    assert "I.2.c" in r.clauses and "2012" in r.text


def test_a_grade_just_changed_is_the_askers_status_not_the_procedure():
    r = play("minh la CS o phong van hoa thi xa Vinh Chau", "ko phai, mk la CV, moi chuyen ngach. v CMNV can j")
    assert r.kind == "answer" and r.grade == "chuyen_vien" and r.clauses == ["II.1.a"]
    assert answer("thủ tục chuyển ngạch thế nào").kind == "fallback"


def test_text_work_on_other_documents_and_lengths_in_days_are_out_of_scope():
    assert answer("Tóm tắt giúp tôi nội dung Nghị định số 18/2010/NĐ-CP về đào tạo, bồi dưỡng công chức.").kind == "fallback"
    assert answer("Dịch Quyết định 1374/QĐ-TTg sang tiếng Anh giúp tôi.").kind == "fallback"
    assert answer("Lớp bồi dưỡng QLNN chương trình chuyên viên học trong bao nhiêu ngày?").kind == "fallback"
    assert answer("Công thức Excel để tính tổng có điều kiện là gì?").kind == "fallback"
    assert answer("kh dao tao cbcc soc trang so may, ngay ban hanh?").kind == "answer"  # "mấy, ngày" is no length
    assert answer("tin học văn phòng word excel có phải học không").clauses == ["II.1.d"]


def test_the_title_of_the_plan_or_its_annex_is_answered():
    assert "SỐ LƯỢNG ĐÀO TẠO" in answer("Phụ lục kèm theo kế hoạch có tên là gì?").text
    r = answer("ten ke hoach la gi")
    assert r.intent == "van_ban" and "giai đoạn 2011 - 2015" in r.text and "Căn cứ" not in r.text


def test_a_quote_of_an_area_quotes_the_clause_that_rules_it():
    r = answer("Trích nguyên văn quy định về ngoại ngữ đối với cán bộ, công chức cấp tỉnh, cấp huyện.")
    assert r.intent == "nguyen_van" and r.clauses == ["II.1.đ"] and "IELTS (6.0), TOEFL (550)" in r.text


def test_annex_rows_over_the_whole_period_and_as_a_share():
    assert "560" in answer("CMNV cả 5 năm").text
    r = answer("Tiếng Anh chiếm bao nhiêu người trong tổng số đào tạo trong nước?")
    assert r.clauses == ["PL"] and "chiếm 24%" in r.text and "1.250" in r.text
    assert "chiếm 0,8%" in answer("nước ngoài chiếm bao nhiêu trong tổng số năm 2012").text


def test_objectives_and_contents_of_one_role_compared_side_by_side():
    r = answer("Mục tiêu bồi dưỡng đại biểu HĐND và nội dung bồi dưỡng đại biểu HĐND trong kế hoạch khác nhau thế nào?")
    assert r.clauses == ["I.2.c", "II.3"]


def test_a_target_asked_with_chi_tieu_is_an_objective_not_a_head_count():
    r = answer("Trích nguyên văn chỉ tiêu về trình độ trung cấp của công chức cấp xã đến năm 2015.")
    assert r.clauses == ["I.2.b"]
    assert answer("chỉ tiêu đào tạo năm 2013 là bao nhiêu").clauses == ["PL"]


def test_a_check_asking_by_when_adds_the_dated_target_of_that_level():
    r = answer("Tôi là công chức địa chính - xây dựng xã, hiện mới có chứng chỉ sơ cấp. Kế hoạch yêu cầu trình độ "
               "chuyên môn tối thiểu là gì và đến năm nào phải đạt?")
    assert r.clauses == ["II.2.b", "I.2.b"] and "2015" in r.text


def test_an_area_set_aside_is_left_out_of_the_requirements():
    r = answer("Tôi là công chức tài chính - kế toán của UBND thị trấn. Ngoài chuyên môn nghiệp vụ, tôi còn phải "
               "được đào tạo, bồi dưỡng những gì?")
    assert "lý luận chính trị" in r.text and "từ trung cấp trở lên" not in r.text
    r = answer("ngoài LLCT ra chuyên viên còn phải học gì")
    assert "II.1.b" not in r.clauses and "II.1.a" in r.clauses


def test_a_condition_after_a_profile_gives_what_it_adds_at_that_tier():
    r = play("Em 28 tuổi, chuyên viên ở Sở Khoa học và Công nghệ, muốn đi học thạc sĩ thì ngoại ngữ cần trình độ nào?",
             "em công tác ở vùng có đồng bào dân tộc thì sao")
    assert r.clauses == ["II.1.đ"] and "tiếng dân tộc" in r.text


def test_a_vague_request_is_asked_back():
    assert answer("hoi chut ve tieu chuan").kind == "clarify"


def test_out_of_scope_words_in_a_sentence_that_only_tells_do_not_refuse():
    r = answer("Tôi đang soạn tờ trình xin kinh phí mở lớp bồi dưỡng cho cơ quan. Nhờ bạn trích nguyên văn phần giải "
               "pháp về kinh phí trong kế hoạch giúp tôi.")
    assert r.kind == "answer" and "III.4" in r.clauses
    r = answer("Tôi làm ở phòng Ngân sách của Sở Tài chính và đang chuẩn bị dự toán năm 2013. Sếp muốn biết kế hoạch "
               "giao Sở Tài chính làm gì và phối hợp với cơ quan nào. Nhờ bạn cho biết?")
    assert r.kind == "answer" and "IV.2" in r.clauses


def test_an_introduction_a_vague_question_points_to_still_refuses():
    r = answer("Điện thoại Samsung của tôi mấy hôm nay cứ bị đơ, vuốt màn hình không được. Tôi đã khởi động lại rồi mà "
               "vẫn vậy. Bạn chỉ giúp tôi cách khắc phục với?")
    assert r.kind == "fallback"


def test_an_out_of_scope_phrase_written_with_marks_counts_only_where_typed_alike():
    assert answer("Tôi cần tổng số đào tạo, không tính bồi dưỡng, gộp cả trong nước và nước ngoài theo phụ lục. "
                  "Con số đó là bao nhiêu người?").kind == "answer"
    assert answer("làm sổ đỏ ở đâu").kind == "fallback" and answer("lam so do o dau").kind == "fallback"


def test_a_share_in_per_cent_of_an_annex_row_is_computed_from_the_table():
    r = answer("nuoc ngoai chiem bao nhieu % tong so")
    assert r.clauses == ["PL"] and "chiếm 0,8%" in r.text


def test_quote_that_line_quotes_the_clause_of_the_last_answer():
    r = play("mk la cong chuc dia chinh xa", "trung cap thi den nam nao phai dat", "trich giup cau do")
    assert r.intent == "nguyen_van" and r.clauses == ["I.2.b"]


def test_a_correction_keeps_the_area_asked_with_its_conditional_item():
    r = play("Tôi là công chức ở huyện Vĩnh Châu, vùng có nhiều đồng bào Khmer. Tôi có phải học tiếng dân tộc không?",
             "À không, tôi làm ở xã Lai Hòa chứ không phải ở huyện.")
    assert r.clauses == ["II.2.b"] and "tiếng Khmer" in r.text


def test_the_province_as_a_whole_keeps_the_askers_tier():
    r = play("mk la cong chuc dia chinh xa", "tinh co chinh sach thu hut nguoi gioi ve lam ko")
    assert r.clauses[0] == "III.2" and r.tier == "xa"


def test_a_delegate_asking_whether_to_study_gets_the_content_for_delegates():
    r = answer("dai bieu hdnd huyen co phai di hoc ko")
    assert r.clauses[0] == "II.3"
