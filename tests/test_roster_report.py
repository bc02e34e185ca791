"""The XLSX report, the chat summary, the XLSX writer under them, and the /mau template."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re

import openpyxl
import pytest

from roster.check import check_roster
from roster.pipeline import check_upload
from roster.columns import BY_KEY, TEMPLATE_KEYS
from roster.reader import RosterError, read_roster
from roster.report import (
    DETAIL_SHEET,
    ERRORS_HEADER,
    NOTES_HEADER,
    OVERALL_HEADER,
    RESULT_SHEET,
    SUMMARY_SHEET,
    TRAINING_HEADER,
    describe,
    person_text,
    safe,
    summary_text,
    write_report,
)
from roster.template import DATA_SHEET, LISTS_SHEET, build_template, valid_values
from roster.xlsx import Cell, Style, XlsxWriter, sheet_title
from knowledge import default_kb
from knowledge.eligibility import Profile, area_name, check_profile, standard_areas

KB = default_kb()
YEAR = 2015
HEADERS = ["STT", "Họ và tên", "Cấp", "Ngạch", "Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước",
           "Tin học", "QP-AN", "Năm sinh", "Ghi chú"]
ALL_MET = ["1", "An", "Sở Nội vụ", "CV", "Đại học", "Trung cấp", "CV", "B", "Có", "1985", "ok"]
ONE_MISSING = ["2", "Bình", "huyện", "CV", "Cao đẳng", "Trung cấp", "CV", "B", "Có", "1970", ""]
UNKNOWN = ["3", "Chi", "xã", None, None, None, None, None, None, None, None]
BAD = ["4", "Dũng", "Ấp 5", "CV", "Đại học", "Trung cấp", "CV", "B", "Có", "1985", ""]
GREEN, RED, YELLOW, BLUE = "FFC6EFCE", "FFFFC7CE", "FFFFEB9C", "FFDDEBF7"


def csv_bytes(rows: list[list[object]]) -> bytes:
    return ("\n".join(";".join("" if v is None else str(v) for v in row) for row in rows) + "\n").encode()


def checked(rows: list[list[object]]):
    roster = read_roster(csv_bytes([HEADERS, *rows]), "ds.csv", year=YEAR)
    return roster, check_roster(KB, roster)


def open_report(rows: list[list[object]]):
    roster, results = checked(rows)
    wb = openpyxl.load_workbook(io.BytesIO(write_report(KB, roster, results)))
    return roster, wb


def column(ws, header: str) -> list:
    headers = [c.value for c in ws[1]]
    j = headers.index(header)
    return [row[j] for row in ws.iter_rows(min_row=2)]


def test_input_columns_come_first_then_one_column_per_area():
    _, wb = open_report([ALL_MET])
    ws = wb[DETAIL_SHEET]
    headers = [c.value for c in ws[1]]
    areas = [area_name(KB, a) for a in standard_areas(KB)]
    assert headers == [*HEADERS, *areas, TRAINING_HEADER, OVERALL_HEADER, NOTES_HEADER, ERRORS_HEADER]
    assert [c.value for c in ws[2]][: len(HEADERS)] == ["1", "An", "Sở Nội vụ", "CV", "Đại học", "Trung cấp", "CV",
                                                       "B", "Có", "1985", "ok"]


def test_report_has_one_row_per_person_in_input_order():
    rows = [ALL_MET, ONE_MISSING, UNKNOWN, BAD, ALL_MET]
    roster, wb = open_report(rows)
    ws = wb[DETAIL_SHEET]
    assert ws.max_row == len(rows) + 1
    assert [c.value for c in ws["B"][1:]] == [r[1] for r in rows]


def test_area_cells_say_status_clause_required_and_held_with_colours():
    _, wb = open_report([ALL_MET, ONE_MISSING, UNKNOWN])
    cells = column(wb[DETAIL_SHEET], area_name(KB, "chuyen_mon"))
    assert cells[0].value == "Đạt (II.1.a): cần đại học trở lên, có đại học"
    assert cells[1].value == "Chưa đạt (II.1.a): cần đại học trở lên, có cao đẳng"
    assert cells[2].value.startswith("Thiếu dữ liệu (II.2.b)")
    assert [c.fill.fgColor.rgb for c in cells] == [GREEN, RED, YELLOW]


def test_not_checkable_area_is_blue_and_says_why():
    _, wb = open_report([ALL_MET])
    cell = column(wb[DETAIL_SHEET], area_name(KB, "ngoai_ngu"))[0]
    assert cell.value == "Không kiểm tra được (II.1.đ): kế hoạch không nêu mức cụ thể"
    assert cell.fill.fgColor.rgb == BLUE


def test_area_that_does_not_apply_is_marked():
    _, wb = open_report([UNKNOWN])
    assert column(wb[DETAIL_SHEET], area_name(KB, "quoc_phong"))[0].value == "Không áp dụng"


def test_verdict_and_errors_columns():
    _, wb = open_report([ALL_MET, ONE_MISSING, BAD])
    ws = wb[DETAIL_SHEET]
    assert [c.value for c in column(ws, OVERALL_HEADER)] == ["Đạt", "Chưa đạt", "Thiếu dữ liệu"]
    errors = [c.value for c in column(ws, ERRORS_HEADER)]
    assert errors[:2] == [None, None]
    assert errors[2].startswith("Cấp: không nhận ra cấp “Ấp 5”") and "\n" not in errors[2]


def test_training_items_listed_when_their_condition_holds():
    _, wb = open_report([ALL_MET, ONE_MISSING])
    trainings = [c.value for c in column(wb[DETAIL_SHEET], TRAINING_HEADER)]
    assert "IELTS" in trainings[0]  # born 1985: 30 in 2015
    assert trainings[1] is None or "IELTS" not in trainings[1]  # born 1970


@pytest.mark.parametrize("text", ["=1+1", "+84912", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_formula_like_text_is_neutralised(text):
    assert safe(text) == "'" + text


@pytest.mark.parametrize("value", ["An", "Đại học", 12, 3.5, None, dt.date(2015, 1, 1), "a=b"])
def test_ordinary_values_are_kept(value):
    assert safe(value) == value


def test_control_characters_are_removed():
    assert safe("a\x00b\x07c") == "abc"


def test_formula_injection_is_neutralised_in_carried_columns_and_names():
    evil = ["=cmd|' /C calc'!A0", "@SUM(1)", "Sở Nội vụ", "CV", "Đại học", "Trung cấp", "CV", "B", "Có", "1985",
            "+1+1"]
    _, wb = open_report([evil])
    ws = wb[DETAIL_SHEET]
    values = [c.value for c in ws[2]]
    assert values[0] == "'=cmd|' /C calc'!A0"
    assert values[1] == "'@SUM(1)"
    assert values[10] == "'+1+1"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def _summary_table(rows, header):
    start = rows.index(header)
    table = {}
    for r in rows[start + 1:]:
        if r[0] == "Tổng cộng":
            return table, r
        table[(r[0], r[1])] = r[2:7]
    raise AssertionError("no total row")


def test_summary_sheet_counts_by_tier_and_grade_by_tier_and_by_unit():
    _, wb = open_report([ALL_MET, ONE_MISSING, UNKNOWN, ALL_MET])
    rows = [r for r in wb[SUMMARY_SHEET].iter_rows(values_only=True)]
    counts = ("Số người", "Đạt", "Chưa đạt", "Thiếu dữ liệu", "Không kiểm tra được")
    table, total = _summary_table(rows, ("Cấp", "Ngạch", *counts))
    assert table[("cấp tỉnh", "chuyên viên")] == (2, 2, 0, 0, 0)
    assert table[("cấp huyện", "chuyên viên")] == (1, 0, 1, 0, 0)
    assert table[("cấp xã", "Chưa rõ")] == (1, 0, 0, 1, 0)
    assert total[2:7] == (4, 2, 1, 1, 0)
    by_tier, _ = _summary_table(rows, ("Cấp", None, *counts))
    assert by_tier[("cấp tỉnh", None)] == (2, 2, 0, 0, 0)
    by_unit, _ = _summary_table(rows, ("Đơn vị", None, *counts))
    assert sum(v[0] for v in by_unit.values()) == 4


def test_summary_sheet_counts_by_area():
    _, wb = open_report([ALL_MET, ONE_MISSING])
    rows = {r[0]: r for r in wb[SUMMARY_SHEET].iter_rows(values_only=True) if r[0]}
    chuyen_mon = rows[area_name(KB, "chuyen_mon")]
    assert chuyen_mon[1] == "II.1.a"
    assert chuyen_mon[2:4] == (1, 1)


def test_report_freezes_the_header_and_filters():
    _, wb = open_report([ALL_MET])
    ws = wb[DETAIL_SHEET]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref.startswith("A1:")
    printed = wb[RESULT_SHEET]
    assert printed.freeze_panes == "C6" and printed.auto_filter.ref.startswith("A5:")


def test_summary_text_counts_and_mentions_errors():
    roster, results = checked([ALL_MET, ONE_MISSING, BAD, ["", "", "", "", "", "", "", "", "", "", ""]])
    text = summary_text(KB, roster, results)
    assert text.startswith("Đọc 3 người; cấp lấy từ cột “Cấp”")
    assert "Đã kiểm tra 3 người" in text
    assert "Đạt mọi yêu cầu kiểm tra được: 1" in text
    assert "Chưa đạt ít nhất một yêu cầu: 1" in text
    assert "Thiếu dữ liệu để kết luận: 1" in text
    assert "Chuyên môn nghiệp vụ 1" in text
    assert "1 người có ô không đọc được" in text
    assert "Bỏ qua 1 dòng trống" in text


def test_summary_text_formats_large_numbers_the_plan_way():
    roster, results = checked([ALL_MET] * 1200)
    assert "Đã kiểm tra 1.200 người" in summary_text(KB, roster, results)


def test_describe_missing_level():
    check = next(c for c in check_profile(KB, Profile(tier="tinh", grade="chuyen_vien_chinh", llct="none"))
                 if c.area == "llct")
    assert describe(check) == "Chưa đạt (II.1.b): cần cao cấp; chưa có"


def test_person_text_gives_verdict_areas_and_training():
    checks = check_profile(KB, Profile(tier="tinh", grade="can_su", chuyen_mon="cao_dang", llct="none", age=30))
    lines = person_text(checks).splitlines()
    assert lines[0] == "Kết luận: Chưa đạt"
    assert "• Chuyên môn nghiệp vụ: Đạt (II.1.a): cần trung cấp trở lên, có cao đẳng" in lines
    assert "• Lý luận chính trị: Chưa đạt (II.1.b): cần trung cấp trở lên; chưa có" in lines
    assert any("IELTS" in line for line in lines[lines.index(f"{TRAINING_HEADER}:"):])


def test_check_upload_reads_checks_and_reports_in_one_call():
    outcome = check_upload(csv_bytes([HEADERS, ALL_MET, ONE_MISSING]), "ds.csv", year=YEAR)
    assert len(outcome.roster.rows) == len(outcome.results) == 2
    assert outcome.understood == "Đọc 2 người; cấp lấy từ cột “Cấp”; tuổi tính tại năm 2015 (năm được chọn)."
    assert outcome.text.startswith(outcome.understood + "\nĐã kiểm tra 2 người")
    assert openpyxl.load_workbook(io.BytesIO(outcome.report))[DETAIL_SHEET].max_row == 3
    assert outcome.report_name == "ds_ket_qua_kiem_tra.xlsx"
    assert outcome.as_dict()["people"] == 2


def test_personal_data_is_not_logged(caplog):
    caplog.set_level(logging.DEBUG)
    roster, results = checked([ALL_MET])
    write_report(KB, roster, results)
    summary_text(KB, roster, results)
    assert not [r for r in caplog.records if "An" in r.getMessage().split()]


# --- the writer under the report ------------------------------------------------------------------------------


def test_writer_round_trips_types_and_styles():
    book = XlsxWriter()
    ws = book.add_sheet("Một", widths=[10, 20], freeze="B2")
    when = dt.datetime(2015, 3, 4, 5, 6)
    ws.append([1, 2.5, True, "a < b & c", dt.date(1985, 1, 2), when, Cell("x", Style(bold=True, fill="FF0000")),
               None, float("nan")])
    ws.filter = "A1:I1"
    book.add_sheet("Hai").append(["ở đây"])
    wb = openpyxl.load_workbook(io.BytesIO(book.save()))
    one = wb["Một"]
    assert [c.value for c in one[1]] == [1, 2.5, True, "a < b & c", dt.datetime(1985, 1, 2), when, "x", None, "nan"]
    assert one["G1"].font.b and one["G1"].fill.fgColor.rgb == "FFFF0000"
    assert one.freeze_panes == "B2"
    assert one.column_dimensions["B"].width == 20
    assert one.auto_filter.ref == "A1:I1"
    assert wb["Hai"]["A1"].value == "ở đây"


def test_writer_never_writes_formulas():
    book = XlsxWriter()
    book.add_sheet("S").append(["=1+1"])
    cell = openpyxl.load_workbook(io.BytesIO(book.save())).active["A1"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_sheet_titles_are_made_valid():
    assert sheet_title("a/b:c*d?[e]") == "a b c d  e "
    assert len(sheet_title("x" * 40)) == 31


# --- the /mau template ----------------------------------------------------------------------------------------


def template_book():
    return openpyxl.load_workbook(io.BytesIO(build_template(KB, year=YEAR)))


def test_template_has_the_expected_columns():
    ws = template_book()[DATA_SHEET]
    assert [c.value for c in ws[1]] == [BY_KEY[k].header for k in TEMPLATE_KEYS]


def test_template_drop_downs_list_the_plan_values():
    wb = template_book()
    ws = wb[DATA_SHEET]
    lists = wb[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    values = valid_values(KB)
    assert values["tier"] == [t.name[:1].upper() + t.name[1:] for t in KB.tiers]
    assert values["grade"] == [g.name[:1].upper() + g.name[1:] for g in KB.grades]
    validations = {re.match(r"[A-Z]+", str(dv.sqref)).group(): dv for dv in ws.data_validations.dataValidation}
    for key, labels in values.items():
        col = openpyxl.utils.get_column_letter(TEMPLATE_KEYS.index(key) + 1)
        dv = validations[col]
        assert dv.type == "list"
        ref = dv.formula1.split("!")[1].replace("$", "")
        listed = [c.value for row in lists[ref] for c in row]
        assert listed == labels


def test_empty_template_is_read_as_no_people_not_missing_columns():
    with pytest.raises(RosterError, match="không có người nào"):
        read_roster(build_template(KB, year=YEAR), "mau.xlsx")


def test_template_filled_with_drop_down_values_reads_without_errors():
    wb = template_book()
    ws = wb[DATA_SHEET]
    values = valid_values(KB)
    for i in range(max(len(v) for v in values.values())):
        row = [i + 1, f"Người {i}"]
        for key in TEMPLATE_KEYS[2:]:
            other = {"unit": "Sở Nội vụ", "target_group": 3, "birth": 1980}
            row.append(values[key][i % len(values[key])] if key in values else other[key])
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    roster = read_roster(out.getvalue(), "mau.xlsx", year=YEAR)
    assert len(roster.rows) == max(len(v) for v in values.values())
    assert all(not p.errors for p in roster.rows)
