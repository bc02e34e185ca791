"""Write the checked roster as an XLSX report (input kept, one coloured column per area) and as a short chat text."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from knowledge.eligibility import Check, area_name, standard_areas, summarize
from knowledge.queries import format_number
from knowledge.schema import KnowledgeBase

from bot.roster.reader import Roster
from bot.roster.tally import Tally, outcome, tally

RESULT_SHEET = "Kết quả"
SUMMARY_SHEET = "Tổng hợp"
TRAINING_HEADER = "Đào tạo, bồi dưỡng theo kế hoạch"
OVERALL_HEADER = "Kết luận"
ERRORS_HEADER = "Lỗi"
NOT_APPLICABLE = "Không áp dụng"
OUTCOME_LABELS = {
    "met": "Đạt",
    "missing": "Chưa đạt",
    "unknown": "Thiếu dữ liệu",
    "not_checkable": "Không kiểm tra được",
    "not_applicable": NOT_APPLICABLE,
}
OVERALL_LABELS = {"met": "Đạt", "missing": "Chưa đạt", "unknown": "Thiếu dữ liệu"}
FILLS = {
    "met": PatternFill("solid", fgColor="C6EFCE"),
    "missing": PatternFill("solid", fgColor="FFC7CE"),
    "unknown": PatternFill("solid", fgColor="D9D9D9"),
    "not_checkable": PatternFill("solid", fgColor="D9D9D9"),
}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_000  # Excel holds at most 32,767 characters in a cell


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


def describe(check: Check) -> str:
    """One check as a report cell: 'Chưa đạt (II.1.a): cần đại học trở lên, có cao đẳng'."""
    head = f"{OUTCOME_LABELS[outcome(check)]} ({check.clause})"
    if check.requirement is None:
        note = check.note.rstrip(".")
        return f"{head}: {note[:1].lower()}{note[1:]}"
    if not check.checkable:
        held = f"; có {check.has}" if check.has and check.has != "chưa rõ" else ""
        return f"{head}: kế hoạch không nêu mức cụ thể{held}"
    if check.has == "chưa rõ":
        return f"{head}: cần {check.required}; chưa có dữ liệu"
    return f"{head}: cần {check.required}, có {check.has}"


def describe_training(check: Check) -> str:
    """A training item the plan lists for the person: '(II.1.đ) ...'."""
    return f"({check.clause}) {check.required}"


class _Styled:
    """Builds write-only cells, sharing one style object per look."""

    def __init__(self, ws) -> None:
        self.ws = ws

    def cell(self, value: object, *, fill: str | None = None, bold: bool = False, wrap: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(self.ws, value=safe(value))
        if fill is not None:
            c.fill = FILLS[fill]
        if bold:
            c.font = BOLD
        if wrap:
            c.alignment = WRAP
        return c


def _result_sheet(wb: Workbook, kb: KnowledgeBase, roster: Roster, results: list[list[Check]]) -> None:
    ws = wb.create_sheet(RESULT_SHEET)
    areas = standard_areas(kb)
    headers = [*roster.headers, *(area_name(kb, a) for a in areas), TRAINING_HEADER, OVERALL_HEADER, ERRORS_HEADER]
    for i, header in enumerate(headers, start=1):
        width = 14 if i <= len(roster.headers) else 34
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C2" if len(roster.headers) >= 2 else "A2"
    styled = _Styled(ws)
    ws.append([styled.cell(h, bold=True, wrap=True) for h in headers])
    width = len(roster.headers)
    cache: dict[int, list[object]] = {}
    for person, checks in zip(roster.rows, results):
        tail = cache.get(id(checks))
        if tail is None:
            tail = cache[id(checks)] = _check_cells(styled, areas, checks)
        values = [safe(v) for v in person.values] + [None] * (width - len(person.values))
        errors = styled.cell("\n".join(person.errors), wrap=True) if person.errors else None
        ws.append([*values, *tail, errors])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(roster.rows) + 1}"


def _check_cells(styled: _Styled, areas: list[str], checks: list[Check]) -> list[object]:
    by_area: dict[str, list[Check]] = {}
    for c in checks:
        if c.kind == "standard":
            by_area.setdefault(c.area, []).append(c)
    cells: list[object] = []
    for a in areas:
        found = by_area.get(a)
        if not found:
            cells.append(NOT_APPLICABLE)
            continue
        worst = min((outcome(c) for c in found), key=["missing", "unknown", "not_checkable", "met"].index)
        cells.append(styled.cell("\n".join(describe(c) for c in found), fill=worst, wrap=True))
    trainings = [describe_training(c) for c in checks if c.kind == "training"]
    cells.append(styled.cell("\n".join(trainings), wrap=True) if trainings else None)
    overall = summarize(checks).overall
    cells.append(styled.cell(OVERALL_LABELS[overall], fill=overall, bold=True))
    return cells


def _summary_sheet(wb: Workbook, kb: KnowledgeBase, t: Tally) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    for col, width in zip("ABCDEFG", (22, 22, 12, 12, 12, 14, 16)):
        ws.column_dimensions[col].width = width
    styled = _Styled(ws)
    doc = kb.document
    ws.append([styled.cell(f"Kiểm tra theo Kế hoạch {doc.number} ngày {doc.date:%d/%m/%Y} của {doc.issuer}",
                           bold=True)])
    ws.append([f"Số người: {t.people}. Người có ô không đọc được: {t.with_errors}. Dòng trống bỏ qua: {t.skipped}."])
    ws.append(["Đạt = đạt mọi yêu cầu kiểm tra được; Chưa đạt = thiếu ít nhất một yêu cầu; "
               "Thiếu dữ liệu = chưa đủ dữ liệu để kết luận."])
    ws.append(["“Không kiểm tra được” = kế hoạch không nêu mức cụ thể (ví dụ ngoại ngữ theo quy định của ngạch)."])
    ws.append([])
    ws.append([styled.cell(h, bold=True) for h in ("Cấp", "Ngạch", "Số người", "Đạt", "Chưa đạt", "Thiếu dữ liệu")])
    for (tier, grade), counts in t.by_group.items():
        ws.append([tier, grade, sum(counts.values()), *(counts["met"], counts["missing"], counts["unknown"])])
    ws.append([styled.cell("Tổng cộng", bold=True), None, t.people,
               t.overall["met"], t.overall["missing"], t.overall["unknown"]])
    ws.append([])
    ws.append([styled.cell(h, bold=True) for h in ("Yêu cầu", "Điều khoản", *(OUTCOME_LABELS[o] for o in
                                                                              ("met", "missing", "unknown",
                                                                               "not_checkable", "not_applicable")))])
    for area, counts in t.by_area.items():
        ws.append([area_name(kb, area), ", ".join(t.clauses[area]),
                   *(counts[o] for o in ("met", "missing", "unknown", "not_checkable", "not_applicable"))])


def write_report(kb: KnowledgeBase, roster: Roster, results: list[list[Check]]) -> bytes:
    """The XLSX report: sheet 'Kết quả' (input columns, then one column per area, trainings, verdict, errors)
    and sheet 'Tổng hợp' (counts by tier and grade, and by area)."""
    wb = Workbook(write_only=True)
    _result_sheet(wb, kb, roster, results)
    _summary_sheet(wb, kb, tally(kb, roster, results))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def summary_text(kb: KnowledgeBase, roster: Roster, results: list[list[Check]], *, top: int = 3) -> str:
    """A short Vietnamese chat reply: people checked, verdicts, most-missed areas, unreadable rows."""
    t = tally(kb, roster, results)
    n = format_number
    lines = [
        f"Đã kiểm tra {n(t.people)} người theo Kế hoạch {kb.document.number}:",
        f"• Đạt mọi yêu cầu kiểm tra được: {n(t.overall['met'])}",
        f"• Chưa đạt ít nhất một yêu cầu: {n(t.overall['missing'])}",
        f"• Thiếu dữ liệu để kết luận: {n(t.overall['unknown'])}",
    ]
    missed = sorted(((c["missing"], a) for a, c in t.by_area.items() if c["missing"]), reverse=True)[:top]
    if missed:
        lines.append("Chưa đạt nhiều nhất: " + ", ".join(f"{area_name(kb, a)} {n(k)}" for k, a in missed) + ".")
    if t.with_errors:
        lines.append(f"{n(t.with_errors)} người có ô không đọc được (xem cột “{ERRORS_HEADER}”).")
    if t.skipped:
        lines.append(f"Bỏ qua {n(t.skipped)} dòng trống.")
    return "\n".join(lines)
