"""Reading staff lists: messy headers and values, encodings, separators, and every kind of bad input."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from roster_shapes import cp1258

from knowledge import default_kb
from knowledge.eligibility import NONE_LEVEL
from roster import reader as reader_module
from roster import sources as sources_module
from roster.check import check_roster
from roster.columns import required_headers
from roster.reader import (
    MSG_BOMB,
    MSG_CORRUPT,
    MSG_OLE,
    MSG_WRONG_TYPE,
    RosterError,
    read_roster,
)

KB = default_kb()
YEAR = 2015
HEADERS = ["STT", "Họ và tên", "Cấp", "Ngạch", "Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước",
           "Tin học", "QP-AN", "Năm sinh", "Vùng dân tộc thiểu số"]
ROW = ["1", "Nguyễn Văn An", "Sở Nội vụ", "Chuyên viên", "Đại học", "Trung cấp", "Chuyên viên", "B", "Có", "1985",
       "Không"]


def xlsx(rows: list[list[object]], title: str = "DS") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_text(rows: list[list[object]], sep: str = ",") -> str:
    def field(v: object) -> str:
        text = "" if v is None else str(v)
        return f'"{text}"' if sep in text or '"' in text else text

    return "\n".join(sep.join(field(v) for v in row) for row in rows) + "\n"


def read_xlsx(rows, **kw):
    return read_roster(xlsx(rows), "ds.xlsx", year=YEAR, **kw)


def test_template_headers_and_plain_values_are_read():
    roster = read_xlsx([HEADERS, ROW])
    person = roster.rows[0]
    assert person.name == "Nguyễn Văn An"
    assert person.row == 2
    p = person.profile
    assert (p.tier, p.grade, p.chuyen_mon, p.llct, p.qlnn, p.tin_hoc, p.qp_an) == (
        "tinh", "chuyen_vien", "dai_hoc", "trung_cap", "chuyen_vien", "co_ban", "da_hoc")
    assert (p.age, p.ethnic_area) == (30, False)
    assert person.errors == ()


def test_headers_without_marks_in_any_case_and_abbreviated_are_recognised():
    headers = ["stt", "HO VA TEN", "cap", "NGACH", "Trinh do CM", "LLCT", "qlnn", "TIN HOC", "QPAN", "nam sinh",
               "Vung DTTS"]
    roster = read_roster(csv_text([headers, ROW]).encode(), "ds.csv", year=YEAR)
    assert set(roster.columns) >= {"name", "tier", "grade", "chuyen_mon", "llct", "qlnn", "tin_hoc", "qp_an",
                                   "birth", "ethnic_area"}
    assert roster.rows[0].profile.grade == "chuyen_vien"


@pytest.mark.parametrize(
    ("column", "text", "field", "expected"),
    [
        ("Trình độ chuyên môn", "ĐH", "chuyen_mon", "dai_hoc"),
        ("Trình độ chuyên môn", "TC", "chuyen_mon", "trung_cap"),
        ("Trình độ chuyên môn", "CĐ", "chuyen_mon", "cao_dang"),
        ("Trình độ chuyên môn", "Cử nhân Luật", "chuyen_mon", "dai_hoc"),
        ("Trình độ chuyên môn", "Kỹ sư", "chuyen_mon", "dai_hoc"),
        ("Trình độ chuyên môn", "Ths", "chuyen_mon", "thac_si"),
        ("Trình độ chuyên môn", "thạc sỹ", "chuyen_mon", "thac_si"),
        ("Trình độ chuyên môn", "12/12", "chuyen_mon", NONE_LEVEL),
        ("Ngạch", "CV", "grade", "chuyen_vien"),
        ("Ngạch", "CVC", "grade", "chuyen_vien_chinh"),
        ("Ngạch", "cvcc", "grade", "chuyen_vien_cao_cap"),
        ("Ngạch", "Cán sự", "grade", "can_su"),
        ("Ngạch", "01.003", "grade", "chuyen_vien"),
        ("Lý luận chính trị", "Cao cấp", "llct", "cao_cap"),
        ("Lý luận chính trị", "cu nhan", "llct", "cao_cap"),
        ("Quản lý nhà nước", "CVC", "qlnn", "chuyen_vien_chinh"),
        ("Quản lý nhà nước", "cán sự", "qlnn", "ngach_can_su"),
        ("Tin học", "Chứng chỉ A", "tin_hoc", "co_ban"),
        ("QP-AN", "x", "qp_an", "da_hoc"),
    ],
)
def test_values_written_the_way_hr_staff_write_them(column, text, field, expected):
    row = dict(zip(HEADERS, ROW)) | {column: text}
    roster = read_xlsx([HEADERS, [row[h] for h in HEADERS]])
    assert getattr(roster.rows[0].profile, field) == expected
    assert roster.rows[0].errors == ()


@pytest.mark.parametrize(
    ("text", "tier"),
    [("Tỉnh", "tinh"), ("Sở Tài chính", "tinh"), ("cap tinh", "tinh"), ("Huyện Kế Sách", "huyen"),
     ("Thị xã Vĩnh Châu", "huyen"), ("TP Sóc Trăng", "huyen"), ("thành phố", "huyen"), ("Xã Đại Hải", "xa"),
     ("Phường 2", "xa"), ("Thị trấn Mỹ Xuyên", "xa"), ("XA", "xa")],
)
def test_tier_values(text, tier):
    row = dict(zip(HEADERS, ROW)) | {"Cấp": text}
    assert read_xlsx([HEADERS, [row[h] for h in HEADERS]]).rows[0].profile.tier == tier


@pytest.mark.parametrize("none_word", ["Chưa", "chua", "Không", "Chưa có", "Không có", "-"])
def test_chua_and_khong_mean_none_held(none_word):
    row = dict(zip(HEADERS, ROW)) | {"Lý luận chính trị": none_word, "Tin học": none_word}
    p = read_xlsx([HEADERS, [row[h] for h in HEADERS]]).rows[0].profile
    assert (p.llct, p.tin_hoc) == (NONE_LEVEL, NONE_LEVEL)


@pytest.mark.parametrize(("text", "expected"), [("Có", True), ("x", True), ("Có (Khmer)", True), ("Khmer", True),
                                              ("Không", False), ("0", False), ("-", False)])
def test_ethnic_area_yes_no(text, expected):
    row = dict(zip(HEADERS, ROW)) | {"Vùng dân tộc thiểu số": text}
    assert read_xlsx([HEADERS, [row[h] for h in HEADERS]]).rows[0].profile.ethnic_area is expected


def test_optional_role_column_names_the_plan_roles_exactly():
    headers = [*HEADERS, "Chức danh"]
    roster = read_xlsx([headers, [*ROW[:2], "xã", *ROW[3:], "Chủ tịch UBND xã"], [*ROW[:2], "xã", *ROW[3:], "Phó ban"]])
    assert roster.rows[0].profile.role == "chu_tich_xa"
    assert roster.rows[1].profile.role is None
    assert roster.rows[1].errors == ()  # a chức danh the plan does not address is not a problem


def test_blank_cells_mean_unknown():
    row = ROW[:4] + [None] * (len(HEADERS) - 4)
    roster = read_xlsx([HEADERS, row])
    p = roster.rows[0].profile
    assert (p.chuyen_mon, p.llct, p.qlnn, p.tin_hoc, p.qp_an, p.age, p.ethnic_area) == (None,) * 7
    assert roster.rows[0].errors == ()


def test_extra_columns_are_carried_through_untouched():
    headers = ["Mã CB", *HEADERS, "Ghi chú"]
    extra_date = dt.datetime(2010, 5, 1)
    roster = read_xlsx([headers, ["X-01", *ROW, "+84 912 345 678"], [extra_date, *ROW, 12.5]])
    assert roster.headers == tuple(headers)
    assert roster.rows[0].values[0] == "X-01"
    assert roster.rows[0].values[-1] == "+84 912 345 678"
    assert roster.rows[1].values[0] == extra_date
    assert roster.rows[1].values[-1] == 12.5


def test_formula_text_in_a_csv_is_carried_as_text():
    roster = read_roster(csv_text([[*HEADERS, "Ghi chú"], [*ROW, "=1+1"]]).encode(), "ds.csv", year=YEAR)
    assert roster.rows[0].values[-1] == "=1+1"


def test_birth_year_gives_age_in_the_reference_year():
    row = dict(zip(HEADERS, ROW)) | {"Năm sinh": 1980}
    data = xlsx([HEADERS, [row[h] for h in HEADERS]])
    assert read_roster(data, "a.xlsx", year=2015).rows[0].profile.age == 35
    assert read_roster(data, "a.xlsx", year=2014).rows[0].profile.age == 34


@pytest.mark.parametrize("birth", [dt.datetime(1980, 7, 1), "01/07/1980", "1980", 1980.0])
def test_birth_as_date_or_text(birth):
    row = dict(zip(HEADERS, ROW)) | {"Năm sinh": birth}
    assert read_xlsx([HEADERS, [row[h] for h in HEADERS]]).rows[0].profile.age == 35


def test_age_column_instead_of_birth_year():
    headers = [h if h != "Năm sinh" else "Tuổi" for h in HEADERS]
    row = dict(zip(headers, ROW)) | {"Tuổi": "33"}
    assert read_xlsx([headers, [row[h] for h in headers]]).rows[0].profile.age == 33


def test_title_rows_above_a_two_row_header():
    top = ["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2015"]
    first = ["STT", "Họ và tên", "Cấp", "Ngạch", "Trình độ", None, None, None, "QP-AN"]
    second = [None, None, None, None, "Chuyên môn", "LLCT", "QLNN", "Tin học", None]
    numbering = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"]
    data = ["1", "Lê Thị Bình", "huyện", "CS", "TC", "Sơ cấp", "cán sự", "A", "có"]
    roster = read_xlsx([top, [], first, second, numbering, data])
    assert len(roster.rows) == 1
    assert roster.skipped == 1
    p = roster.rows[0].profile
    assert (p.tier, p.grade, p.chuyen_mon, p.llct, p.qlnn, p.qp_an) == (
        "huyen", "can_su", "trung_cap", "so_cap", "ngach_can_su", "da_hoc")
    assert roster.rows[0].row == 6


def test_blank_rows_are_not_people_but_are_counted():
    roster = read_xlsx([HEADERS, ROW, [None] * 3, ["7"], ROW])
    assert len(roster.rows) == 2
    assert roster.skipped == 2
    assert [r.row for r in roster.rows] == [2, 5]


def test_family_and_given_name_columns_are_joined():
    headers = ["Họ và tên đệm", "Tên", *HEADERS[2:]]
    roster = read_xlsx([headers, ["Nguyễn Văn", "An", *ROW[2:]]])
    assert roster.rows[0].name == "Nguyễn Văn An"


def test_first_sheet_with_a_header_is_used():
    wb = openpyxl.Workbook()
    wb.active.title = "Bìa"
    wb.active.append(["Báo cáo năm 2015"])
    ws = wb.create_sheet("Danh sách")
    ws.append(HEADERS)
    ws.append(ROW)
    out = io.BytesIO()
    wb.save(out)
    roster = read_roster(out.getvalue(), "a.xlsx", year=YEAR)
    assert roster.sheet == "Danh sách"
    assert len(roster.rows) == 1


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
    "cp1258": cp1258,
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_encodings_and_separators(encoding, sep):
    data = ENCODINGS[encoding](csv_text([HEADERS, ROW, ROW], sep))
    roster = read_roster(data, "ds.csv", year=YEAR)
    assert len(roster.rows) == 2
    assert roster.rows[0].name == "Nguyễn Văn An"
    assert roster.rows[0].profile.tier == "tinh"
    assert roster.rows[0].errors == ()
    assert roster.file_kind == "csv"


def test_csv_values_with_the_separator_inside_quotes():
    row = ROW[:2] + ["Phường 1, thị xã Vĩnh Châu"] + ROW[3:]
    roster = read_roster(csv_text([HEADERS, row], ",").encode(), "ds.csv", year=YEAR)
    assert roster.rows[0].profile.tier == "xa"


# --- bad input ----------------------------------------------------------------------------------------------------


def refused(data: bytes, name: str) -> str:
    with pytest.raises(RosterError) as info:
        read_roster(data, name, year=YEAR)
    return str(info.value)


@pytest.mark.parametrize("name", ["ds.pdf", "anh.jpg", "ds.doc"])
def test_wrong_file_type(name):
    assert refused(b"%PDF-1.4 binary", name) == MSG_WRONG_TYPE


def test_word_document_is_not_a_spreadsheet():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    assert "không phải bảng tính" in refused(out.getvalue(), "ds.xlsx")


def test_password_protected_xlsx_looks_like_ole_and_is_refused():
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    assert refused(fake, "ds.xlsx") == MSG_OLE
    assert "mật khẩu" in MSG_OLE


def test_corrupt_xlsx_is_refused():
    good = xlsx([HEADERS, ROW])
    assert refused(good[: len(good) // 2], "ds.xlsx") == MSG_CORRUPT


def test_xlsx_with_broken_sheet_xml_is_refused():
    src = zipfile.ZipFile(io.BytesIO(xlsx([HEADERS, ROW])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for item in src.infolist():
            body = src.read(item)
            zf.writestr(item, body[:40] if item.filename == "xl/worksheets/sheet1.xml" else body)
    assert refused(out.getvalue(), "ds.xlsx") == MSG_CORRUPT


def test_text_table_exported_under_an_excel_name_is_read_as_csv():
    roster = read_roster(csv_text([HEADERS, ROW], "\t").encode("utf-16"), "xuat-tu-phan-mem.xls", year=YEAR)
    assert roster.file_kind == "csv" and roster.rows[0].profile.grade == "chuyen_vien"


def test_html_under_an_excel_name_is_refused():
    assert "HTML" in refused(b"<html><table><tr><td>x</td></tr></table></html>", "ds.xls")


def test_binary_junk_under_an_excel_name_is_refused():
    assert refused(bytes(range(256)) * 50, "ds.xlsx")


def test_zip_bomb_is_refused_before_parsing():
    out = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(sources_module.MAX_UNZIPPED_BYTES // len(chunk) + 1):
                member.write(chunk)
    data = out.getvalue()
    assert len(data) < reader_module.MAX_FILE_BYTES
    assert refused(data, "bom.xlsx") == MSG_BOMB


def test_file_over_the_size_limit_is_refused():
    big = csv_text([HEADERS]).encode() + b"x" * (reader_module.MAX_FILE_BYTES + 1)
    assert "5 MB" in refused(big, "ds.csv")


def test_too_many_people_is_refused(monkeypatch):
    monkeypatch.setattr(reader_module, "MAX_PEOPLE", 3)
    assert "tối đa" in refused(csv_text([HEADERS] + [ROW] * 4).encode(), "ds.csv")


def test_too_many_rows_even_blank_is_refused(monkeypatch):
    monkeypatch.setattr(sources_module, "MAX_SHEET_ROWS", 10)
    assert "quá dài" in refused(xlsx([HEADERS, ROW] + [[None, None, "x"]] + [[]] * 20 + [ROW]), "ds.xlsx")


def test_missing_area_columns_are_reported_once_not_refused():
    headers = [h for h in HEADERS if h not in ("Ngạch", "Tin học", "QP-AN")]
    row = [v for h, v in zip(HEADERS, ROW) if h not in ("Ngạch", "Tin học", "QP-AN")]
    roster = read_roster(xlsx([headers, row, row]), "ds.xlsx", year=YEAR)
    assert len(roster.rows) == 2
    assert roster.missing == ("Tin học", "Quốc phòng - An ninh")
    assert all(p.errors == () for p in roster.rows)


def test_no_header_at_all_lists_the_columns_needed():
    message = refused(csv_text([["a", "b"], ["1", "2"]]).encode(), "ds.csv")
    assert all(h in message for h in required_headers())


@pytest.mark.parametrize("data", [b"", csv_text([HEADERS]).encode()])
def test_empty_files_are_refused(data):
    assert refused(data, "ds.csv")


def test_binary_junk_named_csv_is_refused():
    junk = bytes(range(256)) * 50
    assert refused(junk, "ds.csv")


def test_missing_path_is_a_message_not_a_crash(tmp_path):
    with pytest.raises(RosterError, match="không tìm thấy"):
        read_roster(tmp_path / "khong-co.xlsx")


def test_unreadable_values_keep_the_row_and_name_row_and_column():
    bad = ["2", "Trần Văn Bảo", "Ấp 3", "Nhân viên", "Đại học", "Cao cấp", "CV", "B", "Có", "năm ngoái", "có lẽ"]
    roster = read_xlsx([HEADERS, ROW, bad, ROW])
    assert len(roster.rows) == 3
    person = roster.rows[1]
    assert person.name == "Trần Văn Bảo"
    assert (person.profile.tier, person.profile.grade, person.profile.age, person.profile.ethnic_area) == (
        None, None, None, None)
    assert person.profile.chuyen_mon == "dai_hoc"
    joined = "\n".join(person.errors)
    for column, value in (("Cấp", "Ấp 3"), ("Ngạch", "Nhân viên"), ("Năm sinh", "năm ngoái"),
                          ("Vùng dân tộc thiểu số", "có lẽ")):
        assert f"{column}: " in joined and f"“{value}”" in joined
    assert len(person.errors) == 4


def test_unreadable_row_checks_show_missing_data():
    bad = ["2", "Trần Văn Bảo", "???", "CV", "Đại học", "Cao cấp", "CV", "B", "Có", "1980", "Không"]
    roster = read_xlsx([HEADERS, bad])
    checks = check_roster(KB, roster)[0]
    assert checks and all(c.status == "unknown" for c in checks)


def test_row_without_a_name_is_kept_with_an_error():
    roster = read_xlsx([HEADERS, ["1", None, *ROW[2:]]])
    assert len(roster.rows) == 1
    assert "thiếu họ và tên" in roster.rows[0].errors[0]


def test_in_progress_degree_is_not_counted():
    row = dict(zip(HEADERS, ROW)) | {"Trình độ chuyên môn": "Đang học đại học"}
    person = read_xlsx([HEADERS, [row[h] for h in HEADERS]]).rows[0]
    assert person.profile.chuyen_mon is None
    assert person.errors == ()
    assert person.notes == ("Trình độ chuyên môn: đang học đại học",)


def test_every_input_row_becomes_exactly_one_person():
    rows = [ROW, ["2", "B", "xã", None, "x?", None, None, None, None, "abc", None], ["3", None, *ROW[2:]], ROW]
    roster = read_xlsx([HEADERS, *rows])
    assert [p.row for p in roster.rows] == [2, 3, 4, 5]
    assert len(check_roster(KB, roster)) == len(rows)
