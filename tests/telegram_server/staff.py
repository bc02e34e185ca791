"""Small staff lists for the Telegram upload tests: the same people as XLSX and as CSV, and a corrupt file."""

from __future__ import annotations

import io

import openpyxl

HEADERS = ["STT", "Họ và tên", "Cấp", "Ngạch", "Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước",
           "Tin học", "QP-AN", "Năm sinh"]
PEOPLE = [
    [1, "Nguyễn Thị Lành", "Sở Nội vụ", "CV", "Đại học", "Trung cấp", "CV", "B", "Có", 1985],
    [2, "Trần Văn Khởi", "huyện", "CVC", "Cao đẳng", "Sơ cấp", "CV", "Có", "Chưa", 1970],
    [3, "Lâm Thị Sóc Hoa", "xã", None, "Trung cấp", None, None, None, None, 1990],
]
NAMES = [row[1] for row in PEOPLE]
CORRUPT_XLSX = b"PK\x03\x04" + bytes(range(256)) * 4  # a zip signature, then nothing a zip reader accepts


def xlsx_bytes(rows: list[list[object]] = PEOPLE) -> bytes:
    """The people as an .xlsx workbook (one sheet, header first)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[object]] = PEOPLE) -> bytes:
    """The people as a UTF-8 CSV with ';' separators, as Vietnamese Excel saves it."""
    lines = [";".join(HEADERS)] + [";".join("" if v is None else str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def people_in_report(report: bytes) -> list[str]:
    """The names on the report's detail sheet (the input kept), one per row under the header."""
    ws = openpyxl.load_workbook(io.BytesIO(report), read_only=True)["Chi tiết"]
    rows = list(ws.iter_rows(values_only=True))
    column = list(rows[0]).index("Họ và tên")
    return [row[column] for row in rows[1:] if any(v is not None for v in row)]
