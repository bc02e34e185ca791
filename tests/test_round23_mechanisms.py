"""Another office's duties after duties, the commune group replacing a commune role, 'ban hành' of a policy is not
the document, and songs and IELTS exam dates are out of scope."""

from bot.core import answer
from tests.conversation_support import play


def test_another_office_after_duties_is_that_offices_duties():
    r = play("UBND huyện phải gửi kế hoạch đào tạo cho ai, khi nào",
             "sau đó Sở Nội vụ tổng hợp trình phê duyệt vào tháng mấy", "thế Sở Tài chính thì sao")
    assert r.clauses == ["IV.2"] and "Kế hoạch và Đầu tư" in r.text


def test_saying_i_am_a_commune_civil_servant_drops_the_cadre_role():
    r = play("cb xa co phai hoc tieng Khmer ko", "minh lam cong chuc o xa co nhieu dong bao Khmer",
             "con trinh do CM toi thieu?")
    assert r.state.role is None and "trung cấp" in r.text


def test_policies_the_province_issues_are_not_the_documents_issuer():
    r = answer("Xin hỏi kế hoạch có nói gì về việc sửa đổi các chế độ, chính sách do UBND tỉnh ban hành không?")
    assert r.clauses[0] == "III.2" and "bổ sung" in r.text
    assert answer("kế hoạch do ai ban hành").intent == "van_ban"


def test_songs_and_ielts_exam_dates_are_out_of_scope():
    assert answer("bai hat nao hay nhat nam nay hok").kind == "fallback"
    assert answer("kỳ thi IELTS tháng tới tổ chức ở đâu").kind == "fallback"
    assert "550" in answer("ielts toefl bao nhieu diem").text
