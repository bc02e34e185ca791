"""The report's 'Tổng hợp' sheet (verdicts by tier, by unit, by tier and grade; outcomes by area) and its
'Nhu cầu đào tạo' sheet (who needs which course the plan names, per unit: the draft of what units send each year)."""

from __future__ import annotations

import math
from collections import Counter

from knowledge.eligibility import area_name
from knowledge.schema import KnowledgeBase
from knowledge.vocabulary import implied_tier, matcher_for

from roster.describe import OUTCOME_LABELS
from roster.reader import Roster
from roster.report_style import (
    BODY, HEADER_CELL, NOTE, ROW_LINE_PT, Layout, cell_lines, page, safe, signature_rows, title_rows,
)
from roster.summary import understood_parts
from roster.tally import OUTCOMES, Tally
from roster.xlsx import Cell, Style, XlsxWriter

BOLD_BODY = Style(bold=True, size=10, border=True, wrap=True)
SECTION = Style(bold=True, size=11)
COUNT_HEADERS = tuple(OUTCOME_LABELS[o] for o in OUTCOMES)


def _table(ws, widths: list[float], headers: list[str], rows: list[list[object]], total: list[object] | None) -> None:
    """A bordered table; a label whose next header is empty spans both columns."""
    span = len(headers) > 1 and headers[1] == ""
    if span:
        widths = [widths[0] + widths[1], *widths[1:]]

    def add(values: list[object], style: Style, height: float | None = None) -> None:
        ws.append([Cell(safe(v) if v != "" else None, style) for v in values], height)
        if span:
            ws.merge(f"A{ws.rows}:B{ws.rows}")

    add(headers, HEADER_CELL, _height(headers, widths, 1.1))
    for row in rows:
        add(row, BODY, _height([str(v) for v in row], widths))
    if total is not None:
        add(total, BOLD_BODY)


def _height(texts: list[str], widths: list[float], factor: float = 1.0) -> float:
    lines = max((cell_lines(t, w / factor) for t, w in zip(texts, widths)), default=1)
    return math.ceil(max(1, lines) * ROW_LINE_PT + 3)


def _counts(c: Counter) -> list[int]:
    return [sum(c[o] for o in OUTCOMES), *(c[o] for o in OUTCOMES)]


def summary_sheet(book: XlsxWriter, kb: KnowledgeBase, roster: Roster, t: Tally, layout: Layout, name: str) -> None:
    """Counts by tier, by unit, by tier and grade, and by area, under what was read."""
    widths = [30, 22, 11, 11, 11, 13, 13]
    top = title_rows(layout, "TỔNG HỢP KẾT QUẢ KIỂM TRA")
    ws = book.add_sheet(name, widths=widths, page=page(layout, None))
    for values, height in top[:3]:
        ws.append(values, height)
        ws.merge(f"A{ws.rows}:G{ws.rows}")
    ws.append([])
    ws.append([Cell("Đã đọc", SECTION)])
    for part in understood_parts(roster):
        ws.append([Cell("• " + safe(part)[:1].upper() + safe(part)[1:], NOTE)], ROW_LINE_PT + 2)
        ws.merge(f"A{ws.rows}:G{ws.rows}")
    _by(ws, "Theo cấp", "Cấp", t.by_tier, t, widths)
    _by(ws, "Theo đơn vị", "Đơn vị", t.by_unit, t, widths)
    ws.append([])
    ws.append([Cell("Theo cấp và ngạch", SECTION)])
    _table(ws, widths, ["Cấp", "Ngạch", "Số người", *COUNT_HEADERS],
           [[tier, grade, *_counts(c)] for (tier, grade), c in t.by_group.items()],
           ["Tổng cộng", "", *_counts(t.overall)])
    ws.append([])
    ws.append([Cell("Theo yêu cầu", SECTION)])
    area_outcomes = ("met", "missing", "unknown", "not_checkable", "not_applicable")
    _table(ws, widths, ["Yêu cầu", "Điều khoản", *(OUTCOME_LABELS[o] for o in area_outcomes)],
           [[area_name(kb, a), ", ".join(t.clauses[a]), *(c[o] for o in area_outcomes)] for a, c in t.by_area.items()],
           None)
    ws.append([])
    ws.append([Cell("Đạt = đạt mọi yêu cầu kiểm tra được; Chưa đạt = thiếu ít nhất một yêu cầu; Thiếu dữ liệu = danh "
                    "sách chưa ghi đủ để kết luận; Không kiểm tra được = kế hoạch không nêu mức cụ thể, hoặc không yêu "
                    "cầu với người này (ví dụ QP-AN khi không rõ đối tượng).", NOTE)], ROW_LINE_PT * 3)
    ws.merge(f"A{ws.rows}:G{ws.rows}")


def _by(ws, title: str, label: str, groups: dict[str, Counter], t: Tally, widths: list[float]) -> None:
    ws.append([])
    ws.append([Cell(title, SECTION)])
    rows = [[name, "", *_counts(c)] for name, c in groups.items()]
    _table(ws, widths, [label, "", "Số người", *COUNT_HEADERS], rows, ["Tổng cộng", "", *_counts(t.overall)])


def _units_duty(kb: KnowledgeBase) -> str:
    """The plan's duty of the units a list comes from (sở and UBND cấp huyện): to whom and when they send their
    training needs; found in the plan's responsibilities as the one whose actor names both tiers."""
    matcher = matcher_for(kb)
    for r in kb.responsibilities:
        tiers = {implied_tier(kb, m) for m in matcher.find(r.actor)} - {None}
        if len(tiers) >= 2:
            deadline = f", hạn {r.deadline}" if r.deadline else ""
            return f"Dự thảo số liệu để {r.duty} (mục {r.clause}{deadline})."
    return ""


def needs_sheet(book: XlsxWriter, kb: KnowledgeBase, t: Tally, layout: Layout, name: str) -> None:
    """Per course the plan names: how many need it, per unit, and who."""
    widths = [34, 9, 26, 9, 66]
    top = title_rows(layout, "NHU CẦU ĐÀO TẠO, BỒI DƯỠNG")
    header_row = len(top) + 2
    ws = book.add_sheet(name, widths=widths, page=page(layout, (header_row, header_row)))
    duty = _units_duty(kb)
    for values, height in top[:3]:
        ws.append(values, height)
        ws.merge(f"A{ws.rows}:E{ws.rows}")
    ws.append([Cell(safe(duty), NOTE)] if duty else [], ROW_LINE_PT + 2)
    ws.merge(f"A{ws.rows}:E{ws.rows}")
    ws.append([])
    headers = ["Khóa đào tạo, bồi dưỡng (theo kế hoạch)", "Điều khoản", "Đơn vị", "Số người", "Họ và tên"]
    ws.append([Cell(h, HEADER_CELL) for h in headers], _height(headers, widths, 1.1))
    if not t.courses:
        ws.append([Cell("Không có ai cần thêm khóa nào theo các yêu cầu kiểm tra được.", BODY)])
    for course, units in t.courses.items():
        total = sum(len(v) for v in units.values())
        row = [course.label, course.clause, "Tổng", total, ""]
        ws.append([Cell(safe(v), BOLD_BODY) for v in row], _height([str(v) for v in row], widths))
        for unit, names in units.items():
            row = ["", "", unit, len(names), ", ".join(names)]
            ws.append([Cell(safe(v), BODY) for v in row], _height([str(v) for v in row], widths))
    for values in signature_rows(layout, len(widths)):
        ws.append(values)
