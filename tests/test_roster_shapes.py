"""Staff lists in every shape offices keep them: nothing refused that a person could read, no row that is not a
person reported as one, no person lost, no 'Chưa đạt' where the plan does not require the thing."""

from __future__ import annotations

import io

import openpyxl
import pytest

import roster_shapes as shapes
from knowledge import default_kb
from roster.check import check_roster
from roster.pipeline import check_upload
from roster.reader import read_roster
from roster.report import NEEDS_SHEET, RESULT_SHEET
from roster.summary import understood_text

KB = default_kb()
SHAPES = {
    "district.xlsx": shapes.district_list,
    "two_sheets.xlsx": shapes.two_sheets,
    "commune.xlsx": shapes.commune_list,
    "cp1258.csv": shapes.csv_cp1258,
    "utf16.txt": shapes.csv_utf16_without_tin_hoc_and_qp_an,
}


@pytest.fixture(scope="module", params=sorted(SHAPES))
def shape(request):
    data, names = SHAPES[request.param]()
    roster = read_roster(data, request.param, kb=KB)
    return request.param, names, roster, check_roster(KB, roster)


def test_every_person_read_once_in_order_and_nothing_else(shape):
    _, names, roster, _ = shape
    assert [p.name for p in roster.rows] == names


def test_every_person_has_a_tier(shape):
    _, _, roster, _ = shape
    assert all(p.profile.tier is not None for p in roster.rows)


def test_no_missing_verdict_where_the_plan_does_not_require_it(shape):
    _, _, roster, results = shape
    for person, checks in zip(roster.rows, results):
        for c in checks:
            if c.status != "missing":
                continue
            assert c.checkable and c.kind == "standard"
            if c.area == "quoc_phong":  # II.1.e: đối tượng 1 đến 3 only
                assert person.profile.target_group is not None and person.profile.target_group <= 3
            if person.profile.tier == "xa":  # II.2.b states a level for công chức cấp xã only
                assert person.profile.role in (None, "cong_chuc_xa") and c.area == "chuyen_mon"


def test_district_list_title_sections_ticks_and_skipped_rows():
    data, _ = shapes.district_list()
    roster = read_roster(data, "ds.xlsx", kb=KB)
    by_name = {p.name: p for p in roster.rows}
    assert {p.profile.tier for p in roster.rows} == {"huyen"}
    assert by_name["Võ Thành Nam"].unit == "PHÒNG TÀI CHÍNH - KẾ HOẠCH"
    assert by_name["Nguyễn Văn Hùng"].profile.llct == "cao_cap"  # an x under "Cao cấp"
    assert by_name["Nguyễn Văn Hùng"].profile.qlnn == "chuyen_vien_chinh"
    assert by_name["Nguyễn Văn Hùng"].profile.target_group == 3  # Trưởng phòng: QP-AN checked
    assert by_name["Trần Thị Mai"].profile.grade == "chuyen_vien"  # 1.003
    assert by_name["Sơn Thị Phước"].profile.grade == "chuyen_vien"  # kế toán viên
    assert by_name["Võ Thành Nam"].profile.grade == "chuyen_vien_chinh"  # kế toán viên chính
    assert by_name["Phạm Văn Lợi"].profile.chuyen_mon == "trung_cap"  # dược sĩ trung học
    assert by_name["Huỳnh Văn Tài"].profile.chuyen_mon == "trung_cap"  # TC (đang học ĐH)
    assert by_name["Huỳnh Văn Tài"].notes == ("Trình độ chuyên môn: đang học đại học",)
    assert by_name["Lâm Văn Sơn"].profile.tin_hoc == "co_ban"  # x
    assert roster.year == 2013  # "Mỹ Xuyên, ngày 15 tháng 8 năm 2013"
    assert roster.skipped_by["tiêu đề mục"] == 2 and roster.skipped_by["tổng cộng"] == 1
    assert roster.skipped_by["chữ ký"] >= 3 and roster.skipped_by["dòng đánh số cột"] == 1
    assert all(p.errors == () for p in roster.rows)
    assert "Lý Thị Thu" not in by_name  # the signer under the signature block


def test_qp_an_is_never_missing_without_a_group_and_checked_for_leaders():
    data, _ = shapes.two_sheets()
    roster = read_roster(data, "so.xlsx", kb=KB)
    results = check_roster(KB, roster)
    qp = {p.name: next(c for c in checks if c.area == "quoc_phong") for p, checks in zip(roster.rows, results)
          if any(c.area == "quoc_phong" for c in checks)}
    assert qp["Châu Văn Út"].status == "unknown" and not qp["Châu Văn Út"].checkable
    assert "đối tượng 1–3" in qp["Châu Văn Út"].note
    assert qp["Quách Văn Lộc"].status == "missing"  # Chánh Văn phòng: within đối tượng 1–3
    assert "Mai Thị Lan" not in qp  # đối tượng 4: not addressed
    assert [p.sheet for p in roster.rows] == ["Sở Nội vụ"] * 3 + ["Sở Tư pháp"] * 2


def test_commune_positions_get_the_plan_rule_for_each():
    data, _ = shapes.commune_list()
    roster = read_roster(data, "xa.xlsx", kb=KB)
    results = dict(zip((p.name for p in roster.rows), check_roster(KB, roster)))
    by_name = {p.name: p for p in roster.rows}
    assert by_name["Lý Văn Hải"].profile.role == "chu_tich_xa"
    assert {c.clause for c in results["Lý Văn Hải"] if c.kind == "training"} >= {"II.2.a", "II.2.b"}
    assert by_name["Trần Văn Chánh"].profile.role == "can_bo_xa"
    assert all(not c.checkable for c in results["Trần Văn Chánh"] if c.kind == "standard")
    assert by_name["Kim Văn Sang"].profile.role == "cong_chuc_xa"
    assert next(c for c in results["Kim Văn Sang"] if c.area == "chuyen_mon").status == "missing"
    assert by_name["Thạch Út"].profile.role == "khong_chuyen_trach"
    assert not [c for c in results["Thạch Út"] if c.kind == "standard"]
    assert by_name["Nguyễn Thị Chỉ Có Tên"].profile.tier == "xa"
    assert roster.missing == ("Quản lý nhà nước", "Tin học", "Quốc phòng - An ninh")


def test_what_was_understood_is_said_first():
    data, _ = shapes.district_list()
    outcome = check_upload(data, "DS Mỹ Xuyên.xlsx", kb=KB)
    assert outcome.text.splitlines()[0] == outcome.understood
    assert outcome.understood.startswith("Đọc 12 người ở trang tính “Phòng ban”; cấp lấy từ tiêu đề “UBND HUYỆN MỸ XUYÊN”;")
    assert "bỏ qua 8 dòng (dòng đánh số cột, tiêu đề mục, tổng cộng, ngày tháng, chữ ký)" in outcome.understood
    assert "tuổi tính tại năm 2013 (năm ghi trên danh sách)" in outcome.understood
    assert outcome.report_name == "DS Mỹ Xuyên_ket_qua_kiem_tra.xlsx"
    data, _ = shapes.csv_utf16_without_tin_hoc_and_qp_an()
    roster = read_roster(data, "u.txt", kb=KB)
    assert "không có cột Tin học, Quốc phòng - An ninh" in understood_text(roster)


def test_printable_report_page_setup_and_training_needs():
    data, names = shapes.district_list()
    outcome = check_upload(data, "ds.xlsx", kb=KB, unit="Phòng Nội vụ huyện Mỹ Xuyên")
    wb = openpyxl.load_workbook(io.BytesIO(outcome.report))
    ws = wb[RESULT_SHEET]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$5:$5"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert "Phòng Nội vụ huyện Mỹ Xuyên" in ws["A3"].value
    printed = [ws.cell(row=r, column=2).value for r in range(6, 6 + len(names))]
    assert printed == names
    column_texts = [c.value for c in ws[5]]
    assert "Lỗi" in column_texts and "Kết luận" in column_texts
    assert all(ws.row_dimensions[r].height for r in range(6, 6 + len(names)))
    cells = [c.value for row in ws.iter_rows(min_row=6 + len(names)) for c in row if c.value]
    assert "NGƯỜI LẬP BIỂU" in cells and "THỦ TRƯỞNG ĐƠN VỊ" in cells
    needs = [r for r in wb[NEEDS_SHEET].iter_rows(values_only=True) if r and r[0]]
    llct = next(r for r in needs if r[0] == "Lý luận chính trị: trung cấp")
    assert llct[3] == 3


@pytest.mark.parametrize("content,name,message", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "ds.xlsx", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "ds.csv", "ảnh PNG"),
])
def test_files_of_another_kind_are_named_not_sent_to_csv(content, name, message):
    from roster.sources import RosterError

    with pytest.raises(RosterError) as info:
        read_roster(content, name, kb=KB)
    assert message in str(info.value) and "CSV UTF-8" not in str(info.value)


def test_training_needs_name_the_courses_the_plan_lists_per_unit():
    rows = [["Họ và tên", "Đơn vị", "Ngạch", "Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước",
             "Tin học", "Mới trúng tuyển", "Dự kiến bổ nhiệm", "Vùng DTTS"],
            ["Lê Văn Mới", "Sở Nội vụ", "CV", "Đại học", "Chưa", "Chưa", "Chưa", "x", "", ""],
            ["Trần Thị Lên", "Phòng Nội vụ huyện Long Phú", "CVC", "Đại học", "Trung cấp", "CV", "Có", "", "x", "Có"]]
    data = ("\n".join(";".join(r) for r in rows) + "\n").encode("utf-8")
    outcome = check_upload(data, "ds.csv", kb=KB)
    needs = [r for r in openpyxl.load_workbook(io.BytesIO(outcome.report))[NEEDS_SHEET].iter_rows(values_only=True)]
    courses = {r[0]: r[3] for r in needs if r[0] and r[2] == "Tổng"}
    expected = {"Lý luận chính trị: trung cấp", "Lý luận chính trị: cao cấp", "Quản lý nhà nước: chuyên viên",
                "Quản lý nhà nước: chuyên viên chính", "Tin học: biết sử dụng máy vi tính"}
    assert expected <= set(courses) and all(courses[c] == 1 for c in expected)
    trainings = " ".join(c for c in courses if c not in expected)
    assert "Tiền công vụ" in trainings and "trước khi đề bạt" in trainings and "tiếng dân tộc" in trainings
    units = {r[2] for r in needs if r[2] and r[2] != "Tổng"}
    assert units >= {"Sở Nội vụ", "Phòng Nội vụ huyện Long Phú"}


def test_a_list_of_names_only_is_read_with_everything_unknown():
    roster = read_roster("Họ và tên\nNguyễn Văn Một\nTrần Thị Hai\n".encode(), "ten.csv", kb=KB)
    assert [p.name for p in roster.rows] == ["Nguyễn Văn Một", "Trần Thị Hai"]
    assert all(c.status != "missing" for checks in check_roster(KB, roster) for c in checks)
