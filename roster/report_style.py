"""What the printed report shares: colours, cell styles, the title and signature blocks, the page setup, row
heights, and making any text safe to put in a cell."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from knowledge.schema import KnowledgeBase

from roster.reader import Roster
from roster.summary import understood_text
from roster.xlsx import Cell, PageSetup, Style

COLOURS = {  # distinct on screen and on a grey printer: green, red, yellow, blue
    "met": "C6EFCE",
    "missing": "FFC7CE",
    "unknown": "FFEB9C",
    "not_checkable": "DDEBF7",
}
BODY = Style(size=10, border=True, wrap=True)
HEADER_CELL = Style(bold=True, size=10, border=True, wrap=True, align="center", fill="F2F2F2")
TITLE = Style(bold=True, size=14, align="center")
SUBTITLE = Style(italic=True, size=10, align="center", wrap=True)
NOTE = Style(italic=True, size=9, wrap=True)
SIGN = Style(bold=True, size=11, align="center")
SIGN_HINT = Style(italic=True, size=10, align="center")
ROW_LINE_PT = 13.0  # one line of 10 pt text
CHARS_PER_WIDTH = 1.3  # 10 pt characters per unit of column width (Excel widths count 11 pt digits)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_000  # Excel holds at most 32,767 characters in a cell
SIGN_ROOM = 4  # empty rows left for the signatures


def safe(value: object) -> object:
    """A value safe to put in a cell: no XML-illegal characters, no formula (a leading =+-@ tab CR gets a ')."""
    if value is None or isinstance(value, (int, float)):
        return value
    if not isinstance(value, str):
        if hasattr(value, "isoformat"):
            return value
        value = str(value)
    value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS]
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class Layout:
    """What every printed sheet states: the unit, the plan, the date checked, the source file, what was read."""

    unit: str
    plan: str
    plan_short: str
    checked_on: dt.date
    source: str
    understood: str

    @classmethod
    def of(cls, kb: KnowledgeBase, roster: Roster, *, unit: str | None, checked_on: dt.date) -> "Layout":
        doc = kb.document
        plan = (f"Kế hoạch số {doc.number} ngày {doc.date:%d/%m/%Y} của {doc.issuer} "
                f"(giai đoạn {doc.period.start} - {doc.period.end})")
        return cls(unit or roster.unit or "", plan, f"Kế hoạch {doc.number}", checked_on,
                   roster.file_name, understood_text(roster))

    @property
    def date_text(self) -> str:
        return f"{self.checked_on:%d/%m/%Y}"


def title_rows(layout: Layout, heading: str) -> list[tuple[list[object], float]]:
    """The rows above a printed table: heading, plan, unit · file · date, what was read."""
    facts = " · ".join(t for t in (f"Đơn vị: {layout.unit}" if layout.unit else "",
                                   f"Tệp: {layout.source}" if layout.source else "",
                                   f"Ngày kiểm tra: {layout.date_text}") if t)
    return [
        ([Cell(heading, TITLE)], 22.0),
        ([Cell(safe(f"Theo {layout.plan}"), SUBTITLE)], 15.0),
        ([Cell(safe(facts), SUBTITLE)], 15.0),
        ([Cell(safe(layout.understood), NOTE)], 26.0),
    ]


def signature_rows(layout: Layout, columns: int) -> list[list[object]]:
    """The signature block under a table: the date, 'Người lập biểu' left, 'Thủ trưởng đơn vị' right."""
    right = max(columns - 3, 3)

    def at(left: object, right_value: object) -> list[object]:
        row: list[object] = [None] * (right + 1)
        row[1] = left
        row[right] = right_value
        return row

    d = layout.checked_on
    return [
        [],
        at(None, Cell(f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", SIGN_HINT)),
        at(Cell("NGƯỜI LẬP BIỂU", SIGN), Cell("THỦ TRƯỞNG ĐƠN VỊ", SIGN)),
        at(Cell("(Ký, ghi rõ họ tên)", SIGN_HINT), Cell("(Ký tên, đóng dấu)", SIGN_HINT)),
        *([[]] * SIGN_ROOM),
    ]


def _header_text(text: str) -> str:
    return text.replace("&", "&&")


def page(layout: Layout, title_rows_range: tuple[int, int] | None) -> PageSetup:
    """A4 landscape, one page wide; the unit, plan and date at the top of every page, file and page numbers below."""
    return PageSetup(
        title_rows=title_rows_range,
        header=f"&L&9{_header_text(layout.unit)}&C&9{_header_text(layout.plan_short)}"
               f"&R&9Ngày kiểm tra {layout.date_text}",
        footer=f"&L&8{_header_text(layout.source)}&C&9Trang &P/&N",
    )


def cell_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines a wrapped text takes in a column of this width (an estimate on the safe side)."""
    per_line = max(1, int(width * CHARS_PER_WIDTH * (0.9 if bold else 1.0) * (0.75 if text.isupper() else 1.0)) - 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")) if text else 1
