"""Build the XLSX staff-list template (/mau): the expected columns, drop-down lists of valid values, a guide."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from knowledge.eligibility import profile_fields
from knowledge.queries import format_number
from knowledge.schema import KnowledgeBase

from roster.columns import BY_KEY, TEMPLATE_DATA_SHEET, TEMPLATE_GUIDE_SHEET, TEMPLATE_KEYS, TEMPLATE_LISTS_SHEET
from roster.reader import MAX_FILE_BYTES, MAX_PEOPLE
from roster.values import MAX_AGE, MIN_AGE

DATA_SHEET, GUIDE_SHEET, LISTS_SHEET = TEMPLATE_DATA_SHEET, TEMPLATE_GUIDE_SHEET, TEMPLATE_LISTS_SHEET
LIST_FIELDS = ("tier", "grade", "role", "chuyen_mon", "llct", "qlnn", "tin_hoc", "qp_an",
               "ethnic_area", "newly_recruited", "planned_appointment")
PRIVACY = "Tệp gửi lên chỉ dùng để kiểm tra rồi bỏ đi: không lưu, không ghi nhật ký."
LIMITS = (f"Tối đa {MAX_FILE_BYTES // 2**20} MB và {format_number(MAX_PEOPLE)} người mỗi tệp; "
          "nhận .xlsx hoặc .csv (UTF-8, UTF-16 hoặc Windows-1258; dấu , hoặc ;).")


def valid_values(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Column key -> the labels its drop-down offers (all taken from the plan), e.g. 'tier': ['Cấp tỉnh', ...]."""
    specs = {s.name: s for s in profile_fields(kb)}
    return {key: [c.label for c in specs[key].choices] for key in LIST_FIELDS}


def build_template(kb: KnowledgeBase, *, year: int | None = None) -> bytes:
    """The template workbook as .xlsx bytes."""
    year = year or dt.date.today().year
    wb = Workbook()
    data = wb.active
    data.title = DATA_SHEET
    guide = wb.create_sheet(GUIDE_SHEET)
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"

    headers = [BY_KEY[k].header for k in TEMPLATE_KEYS]
    data.append(headers)
    for i, key in enumerate(TEMPLATE_KEYS, start=1):
        cell = data.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        data.column_dimensions[get_column_letter(i)].width = 28 if key == "name" else 18
    data.freeze_panes = "C2"

    last_row = MAX_PEOPLE + 1
    for j, (key, labels) in enumerate(valid_values(kb).items(), start=1):
        col = get_column_letter(j)
        lists.cell(row=1, column=j, value=BY_KEY[key].header)
        for r, label in enumerate(labels, start=2):
            lists.cell(row=r, column=j, value=label)
        target = get_column_letter(TEMPLATE_KEYS.index(key) + 1)
        dv = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(LISTS_SHEET)}!${col}$2:${col}${len(labels) + 1}",
            allow_blank=True,
            errorStyle="warning",  # other spellings (ĐH, CV ...) stay allowed: the reader understands them
            error="Giá trị không có trong danh sách; vẫn có thể giữ nếu đúng.",
            errorTitle=BY_KEY[key].header,
            prompt=BY_KEY[key].note[:255] or None,
            promptTitle=BY_KEY[key].header[:32],
        )
        dv.showInputMessage = bool(BY_KEY[key].note)
        dv.showErrorMessage = True
        dv.add(f"{target}2:{target}{last_row}")
        data.add_data_validation(dv)
    birth = get_column_letter(TEMPLATE_KEYS.index("birth") + 1)
    years = DataValidation(type="whole", operator="between", formula1=str(year - MAX_AGE), formula2=str(year - MIN_AGE),
                           allow_blank=True, errorStyle="warning", error="Năm sinh có 4 chữ số, ví dụ 1985.",
                           errorTitle="Năm sinh")
    years.add(f"{birth}2:{birth}{last_row}")
    data.add_data_validation(years)

    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 90
    guide.append(["Mẫu danh sách kiểm tra theo Kế hoạch " + kb.document.number])
    guide["A1"].font = Font(bold=True)
    guide.append([PRIVACY])
    guide.append([LIMITS])
    guide.append(["Ô để trống = chưa rõ; ghi “Chưa” hoặc “Không” nếu chưa có. Có thể thêm cột khác, sẽ được giữ nguyên."])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    for cell in guide[6]:
        cell.font = Font(bold=True)
    for key in TEMPLATE_KEYS:
        column = BY_KEY[key]
        guide.append([column.header, "Có" if column.required else "Không", column.note or "Số thứ tự / họ và tên"])
    guide.append([BY_KEY["age"].header, "Không", "Có thể ghi tuổi thay cho năm sinh"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

