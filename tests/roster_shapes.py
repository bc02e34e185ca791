"""Staff lists in the shapes offices keep them (made up for the tests): title blocks, two-row merged headers,
tick-box sub-columns, section rows, totals, signature blocks, two sheets, commune lists, Windows-1258 and UTF-16 CSV.
Each builder returns the file's bytes and the names of the people in it, in order."""

from __future__ import annotations

import io
import unicodedata

import openpyxl

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _title(ws, authority: list[str], title: str, width: int) -> None:
    for i, line in enumerate(authority, start=1):
        ws.cell(row=i, column=1, value=line)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=4)
    ws.cell(row=1, column=6, value="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    ws.cell(row=2, column=6, value="Độc lập - Tự do - Hạnh phúc")
    ws.cell(row=len(authority) + 2, column=1, value=title)
    ws.merge_cells(start_row=len(authority) + 2, start_column=1, end_row=len(authority) + 2, end_column=width)


DISTRICT_PEOPLE = [  # section, name, chức vụ, ngạch, chuyên môn, LLCT tick, QLNN tick, tin học, QP-AN, năm sinh
    ("I. PHÒNG NỘI VỤ", [
        ("Nguyễn Văn Hùng", "Trưởng phòng", "01.002", "Đại học Luật", "CC", "CVC", "x", "x", 1968),
        ("Trần Thị Mai", "Phó Trưởng phòng", "1.003", "Cử nhân Hành chính", "TC", "CV", "x", "", 1979),
        ("Lâm Văn Sơn", "Chuyên viên", "01.003", "ĐH", "TC", "CV", "x", "", 1985),
        ("Thạch Thị Sa Rươne", "Chuyên viên", "01.003", "Cao đẳng", "", "", "", "", 1990),
        ("Huỳnh Văn Tài", "Chuyên viên", "Chuyên viên", "TC (đang học ĐH)", "SC", "CS", "x", "", 1988),
        ("Lê Thị Hồng", "Cán sự", "01.004", "Trung cấp", "", "CS", "x", "", 1992),
        ("Phạm Văn Lợi", "", "Cán sự", "Dược sĩ trung học", "", "", "", "", 1987),
    ]),
    ("II. PHÒNG TÀI CHÍNH - KẾ HOẠCH", [
        ("Võ Thành Nam", "Trưởng phòng", "Kế toán viên chính", "Thạc sĩ Kinh tế", "CC", "CVC", "x", "", 1966),
        ("Sơn Thị Phước", "Kế toán", "Kế toán viên", "Đại học", "TC", "CV", "", "", 1983),
        ("Danh Văn Tuấn", "Chuyên viên", "Thanh tra viên", "Đại học", "", "", "x", "", 1986),
        ("Kiều Thị Ngọc", "Chuyên viên", "Kiểm soát viên", "Đại học", "TC", "", "x", "", 1990),
        ("Tô Văn Bình", "", "CV", "Đại học", "", "CV", "x", "", 1975),
    ]),
]


def district_list() -> tuple[bytes, list[str]]:
    """UBND huyện Mỹ Xuyên: title block, two-row merged header with tick boxes, column numbers, sections, totals,
    a date and a signature block with the signers' names; no tier column; 'Ngạch CC' with codes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phòng ban"
    _title(ws, ["UBND HUYỆN MỸ XUYÊN", "PHÒNG NỘI VỤ"],
           "DANH SÁCH CÁN BỘ, CÔNG CHỨC ĐĂNG KÝ ĐÀO TẠO, BỒI DƯỠNG NĂM 2013", 16)
    top = ["STT", "Họ và tên", "Chức vụ", "Ngạch CC", "Trình độ CM", "Lý luận chính trị", None, None,
           "Bồi dưỡng QLNN", None, None, None, "Tin học", "QP-AN", "Năm sinh", "Ghi chú"]
    sub = [None, None, None, None, None, "Cao cấp", "Trung cấp", "Sơ cấp", "CVCC", "CVC", "CV", "CS",
           None, None, None, None]
    ws.append([])
    ws.append(top)
    ws.append(sub)
    r = ws.max_row
    for col in (1, 2, 3, 4, 5, 13, 14, 15, 16):
        ws.merge_cells(start_row=r - 1, start_column=col, end_row=r, end_column=col)
    ws.merge_cells(start_row=r - 1, start_column=6, end_row=r - 1, end_column=8)
    ws.merge_cells(start_row=r - 1, start_column=9, end_row=r - 1, end_column=12)
    ws.append([f"({i})" for i in range(1, 17)])
    llct = {"CC": 5, "TC": 6, "SC": 7}
    qlnn = {"CVCC": 8, "CVC": 9, "CV": 10, "CS": 11}
    names, n = [], 0
    for section, people in DISTRICT_PEOPLE:
        ws.append([section])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=16)
        for name, role, grade, cm, lt, ql, th, qp, born in people:
            n += 1
            row: list[object] = [n, name, role, grade, cm, None, None, None, None, None, None, None, th, qp, born, None]
            if lt:
                row[llct[lt]] = "x"
            if ql:
                row[qlnn[ql]] = "x"
            ws.append(row)
            names.append(name)
    ws.append([None, f"Tổng cộng: {n} người"])
    ws.append([])
    ws.append([None, None, None, None, None, None, None, None, None, None, None, "Mỹ Xuyên, ngày 15 tháng 8 năm 2013"])
    ws.append([None, "NGƯỜI LẬP BIỂU", None, None, None, None, None, None, None, None, None, "TRƯỞNG PHÒNG"])
    ws.append([None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, None, None, None, None, "(Ký tên, đóng dấu)"])
    ws.append([])
    ws.append([None, "Lý Thị Thu", None, None, None, None, None, None, None, None, None, "Nguyễn Văn Hùng"])
    return _save(wb), names


def two_sheets() -> tuple[bytes, list[str]]:
    """A province file with two sheets, one per Sở; the tier from the sheet names; plain one-row headers."""
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Sở Nội vụ"
    second = wb.create_sheet("Sở Tư pháp")
    header = ["TT", "Họ và tên", "Chức vụ", "Ngạch", "Trình độ chuyên môn", "Trình độ LLCT", "QLNN", "Tin học",
              "Đối tượng QP-AN", "QP-AN", "Năm sinh"]
    rows1 = [["1", "Đỗ Minh Trí", "Giám đốc", "CVCC", "Tiến sĩ", "Cao cấp", "CVCC", "Có", "2", "Có", 1960],
             ["2", "Mai Thị Lan", "", "CVC", "Thạc sĩ", "Cao cấp", "CVC", "Có", "4", "Chưa", 1970],
             ["3", "Châu Văn Út", "", "CV", "Đại học", "Trung cấp", "CV", "B", "", "Chưa", 1992]]
    rows2 = [["1", "Trương Thị Yến", "Phó Giám đốc", "CVC", "Đại học", "Trung cấp", "CVC", "Có", "", "", 1965],
             ["2", "Quách Văn Lộc", "Chánh Văn phòng", "CV", "Đại học", "Trung cấp", "CV", "Có", "", "Chưa", 1978]]
    first.append(header)
    for row in rows1:
        first.append(row)
    second.append(header)
    for row in rows2:
        second.append(row)
    wb.create_sheet("Ghi chú").append(["Danh sách gửi Sở Nội vụ trước 31/8."])
    return _save(wb), [r[1] for r in rows1 + rows2]


COMMUNE_PEOPLE = [  # name, chức danh, chuyên môn, LLCT, vùng DTTS
    ("Trần Văn Chánh", "Bí thư Đảng ủy", "Đại học", "Trung cấp", "Có"),
    ("Lý Văn Hải", "Chủ tịch UBND", "Trung cấp", "Trung cấp", "Có"),
    ("Sơn Thị Đa", "Phó Chủ tịch HĐND", "", "Sơ cấp", "Có"),
    ("Lâm Thị Kim", "Văn phòng - Thống kê", "Trung cấp", "Sơ cấp", "Có"),
    ("Kim Văn Sang", "Địa chính - Xây dựng - Đô thị và Môi trường", "Sơ cấp", "", "Có"),
    ("Trịnh Văn Bé", "Tài chính - Kế toán", "12/12", "", "Không"),
    ("Thạch Út", "Phó Chỉ huy trưởng Quân sự", "", "", "Có"),
    ("Ngô Thị Tư", "Văn hoá - Xã hội", "TC (đang học ĐH)", "Sơ cấp", "Có"),
]


def commune_list() -> tuple[bytes, list[str]]:
    """UBND huyện Trần Đề's list of commune staff: chức danh, no ngạch; a section per commune; title block names
    the district but the list title names cấp xã."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Xa"
    _title(ws, ["UBND HUYỆN TRẦN ĐỀ"], "DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ", 7)
    ws.append([])
    ws.append(["STT", "Họ và tên", "Chức danh", "Trình độ chuyên môn", "Lý luận chính trị", "Vùng DTTS", "Ghi chú"])
    ws.append(["A", "XÃ ĐẠI ÂN 2"])
    names = []
    for i, (name, title, cm, lt, dt) in enumerate(COMMUNE_PEOPLE[:5], start=1):
        ws.append([i, name, title, cm, lt, dt])
        names.append(name)
    ws.append(["B", "XÃ LIÊU TÚ"])
    for i, (name, title, cm, lt, dt) in enumerate(COMMUNE_PEOPLE[5:], start=1):
        ws.append([i, name, title, cm, lt, dt])
        names.append(name)
    ws.append([None, "Nguyễn Thị Chỉ Có Tên"])  # a person with nothing else: kept, with unknowns
    names.append("Nguyễn Thị Chỉ Có Tên")
    ws.append([None, "Cộng", None, None, None, None, f"{len(names)} người"])
    return _save(wb), names


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed base letters plus combining tone marks."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258")


CSV_ROWS = [
    ["STT", "Họ và tên", "Đơn vị", "Mã ngạch", "Trình độ CM", "LLCT", "QLNN", "Tin học", "QP-AN", "Năm sinh"],
    ["1", "Nguyễn Thị Xuân", "Phòng Kinh tế TX Ngã Năm", "01.003", "Đại học", "Trung cấp", "CV", "x", "x", "1984"],
    ["2", "Lê Văn Đông", "Phòng Kinh tế TX Ngã Năm", "01.004", "Trung cấp", "", "CS", "", "", "1991"],
    ["3", "Trần Hạ", "UBND phường 1", "", "Trung cấp", "Sơ cấp", "", "", "", "1980"],
    ["", "TỔNG CỘNG", "", "", "", "", "", "", "", ""],
]


def csv_cp1258() -> tuple[bytes, list[str]]:
    """CSV saved by Excel as Windows-1258 with semicolons; a unit column and no tier column; a totals row."""
    text = "\r\n".join(";".join(row) for row in CSV_ROWS) + "\r\n"
    return cp1258(text), [r[1] for r in CSV_ROWS[1:4]]


def csv_utf16_without_tin_hoc_and_qp_an() -> tuple[bytes, list[str]]:
    """UTF-16 with tabs, as Excel's 'Unicode text'; no Tin học and no QP-AN column; the tier in a column."""
    rows = [["STT", "Họ và tên", "Cấp", "Ngạch", "Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước"],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
            ["1", "Phan Văn Khải", "Huyện", "CV", "Đại học", "Sơ cấp", "CV"],
            ["2", "Hồ Thị Lệ", "Tỉnh", "CVC", "Đại học", "Cao cấp", "CVC"]]
    text = "\r\n".join("\t".join(row) for row in rows) + "\r\n"
    return text.encode("utf-16"), [r[1] for r in rows[2:]]
