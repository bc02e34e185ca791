"""Write the checked list as an XLSX an office can print, sign and send: 'Kết quả' (one printed line per person),
'Tổng hợp' (by tier, unit, grade and area), 'Nhu cầu đào tạo' (who needs which course, per unit) and 'Chi tiết'
(the input columns kept, with every check in full)."""

from __future__ import annotations

import datetime as dt
import math


from knowledge.eligibility import Check, standard_areas
from knowledge.schema import KnowledgeBase

from roster.describe import (
    OUTCOME_LABELS, OVERALL_LABELS, Courses, describe, describe_training, outcome, overall, short,
)
from roster.describe import NOT_APPLICABLE  # noqa: F401  (re-exported)
from roster.reader import Roster
from roster.summary import ERRORS_HEADER, TRAINING_HEADER, person_text, summary_text  # noqa: F401  (re-exported)
from roster.report_sheets import needs_sheet, summary_sheet
from roster.report_style import (  # noqa: F401  (safe: re-exported)
    BODY, COLOURS, HEADER_CELL, ROW_LINE_PT, Layout, cell_lines, page, safe, signature_rows, title_rows,
)
from roster.tally import tally
from roster.xlsx import Cell, PageSetup, Style, XlsxWriter

RESULT_SHEET = "Kết quả"
SUMMARY_SHEET = "Tổng hợp"
NEEDS_SHEET = "Nhu cầu đào tạo"
DETAIL_SHEET = "Chi tiết"
OVERALL_HEADER = "Kết luận"
NOTES_HEADER = "Ghi chú"
COURSES_HEADER = "Cần đào tạo, bồi dưỡng"
UNIT_HEADER, WHO_HEADER = "Đơn vị", "Ngạch / chức danh"
INPUT_WIDTH, CHECK_WIDTH = 14, 34
AREA_WIDTH = 17
WRAP = Style(wrap=True)
NOT_APPLICABLE_CELL = Cell("—", BODY)
EMPTY_CELL = Cell("", BODY)  # keeps the cell's borders
HEADER = Style(bold=True, wrap=True)
VERDICT_STYLES = {k: Style(bold=True, fill=c, size=10, border=True, wrap=True) for k, c in COLOURS.items()}
AREA_STYLES = {k: Style(fill=c, size=10, border=True, wrap=True) for k, c in COLOURS.items()}
DETAIL_STYLES = {k: Style(fill=c, wrap=True) for k, c in COLOURS.items()}
DETAIL_VERDICTS = {k: Style(bold=True, fill=c) for k, c in COLOURS.items()}


def write_report(kb: KnowledgeBase, roster: Roster, results: list[list[Check]], *, unit: str | None = None,
                 checked_on: dt.date | None = None) -> bytes:
    """The XLSX report (four sheets, the first printable on A4 landscape with a signature block)."""
    layout = Layout.of(kb, roster, unit=unit, checked_on=checked_on or dt.date.today())
    counts = tally(kb, roster, results)
    book = XlsxWriter()
    _result_sheet(book, kb, roster, results, layout)
    summary_sheet(book, kb, roster, counts, layout, SUMMARY_SHEET)
    needs_sheet(book, kb, counts, layout, NEEDS_SHEET)
    _detail_sheet(book, kb, roster, results)
    return book.save()


def _printed_areas(kb: KnowledgeBase, results: list[list[Check]]) -> list[str]:
    """Areas worth a printed column: those where at least one person has a check that can be decided."""
    decided = {c.area for checks in results for c in checks
               if c.kind == "standard" and outcome(c) != "not_checkable"}
    return [a for a in standard_areas(kb) if a in decided]


def _result_sheet(book: XlsxWriter, kb: KnowledgeBase, roster: Roster, results: list[list[Check]],
                  layout: Layout) -> None:
    areas = _printed_areas(kb, results)
    sheets = len(roster.sheets) > 1
    clauses: dict[str, list[str]] = {a: [] for a in areas}
    for checks in results:
        for c in checks:
            if c.area in clauses and c.kind == "standard":
                for clause in c.clause.split(", "):
                    if clause not in clauses[c.area]:
                        clauses[c.area].append(clause)
    columns: list[tuple[str, float]] = [("STT", 5), ("Họ và tên", 22)]
    if sheets:
        columns.append(("Trang tính", 11))
    columns += [("Dòng", 6), (UNIT_HEADER, 18), ("Cấp", 9), (WHO_HEADER, 15)]
    for a in areas:
        name = kb.by_id("areas", a).name
        columns.append((f"{name} ({', '.join(clauses[a])})" if clauses[a] else name, AREA_WIDTH))
    columns += [(OVERALL_HEADER, 12), (COURSES_HEADER, 24), (NOTES_HEADER, 18), (ERRORS_HEADER, 18)]
    widths = [w for _, w in columns]
    top = title_rows(layout, "KẾT QUẢ KIỂM TRA TRÌNH ĐỘ CÁN BỘ, CÔNG CHỨC")
    header_row = len(top) + 1
    ws = book.add_sheet(RESULT_SHEET, widths=widths, freeze=f"C{header_row + 1}",
                        page=page(layout, (header_row, header_row)))
    for values, height in top:
        ws.append(values, height)
        ws.merge(f"A{ws.rows}:{ws.letter(len(columns))}{ws.rows}")
    ws.append([Cell(h, HEADER_CELL) for h, _ in columns], _height([h for h, _ in columns], widths, bold=True))
    cache: dict[int, Cell] = {}
    courses = Courses(kb)
    lines: dict[tuple[str, float], int] = {}
    small: dict[object, Cell] = {}  # tier, unit, grade/chức danh texts repeat from person to person
    plans: dict[tuple[int, ...], tuple[list[Cell], int]] = {}  # the same checks -> the same cells, their lines
    width_of = {h: w for h, w in columns}
    name_w, unit_w, who_w = width_of["Họ và tên"], width_of[UNIT_HEADER], width_of[WHO_HEADER]
    notes_w, errors_w = width_of[NOTES_HEADER], width_of[ERRORS_HEADER]
    for number, (person, checks) in enumerate(zip(roster.rows, results), start=1):
        p = person.profile
        who_key = (p.grade, person.position)
        who = small.get(who_key)
        if who is None:
            grade = kb.by_id("grades", p.grade).name if p.grade else ""
            text = ", ".join(t for t in (grade, person.position) if t)
            if grade and person.position.lower() == grade.lower():
                text = grade
            who = small[who_key] = Cell(safe(text), BODY)
        tier = small.get(("tier", p.tier))
        if tier is None:
            tier = small[("tier", p.tier)] = Cell(kb.by_id("tiers", p.tier).name if p.tier else "chưa rõ", BODY)
        unit = small.get(("unit", person.unit))
        if unit is None:
            unit = small[("unit", person.unit)] = Cell(safe(person.unit), BODY)
        row: list[object] = [Cell(number, BODY), Cell(safe(person.name), BODY)]
        if sheets:
            row.append(Cell(safe(person.sheet or ""), BODY))
        row += [Cell(person.row, BODY), unit, tier, who]
        key = tuple(map(id, checks))
        plan = plans.get(key)
        if plan is None:
            by_area = {c.area: c for c in checks if c.kind == "standard"}
            cells = []
            for a in areas:
                c = by_area.get(a)
                if c is None:
                    cells.append(NOT_APPLICABLE_CELL)
                    continue
                cell = cache.get(id(c))
                if cell is None:
                    cell = cache[id(c)] = Cell(short(c), AREA_STYLES[outcome(c)])
                cells.append(cell)
            verdict = overall(checks)
            cells.append(Cell(OVERALL_LABELS[verdict], VERDICT_STYLES[verdict]))
            cells.append(Cell(safe(_courses(courses, checks)), BODY))
            first = len(row)
            most = 1
            for c, w in zip(cells, widths[first:]):
                n = lines.get((c.value, w))
                if n is None:
                    n = lines[(c.value, w)] = cell_lines(c.value, w)
                most = n if n > most else most
            plan = plans[key] = (cells, most)
        row += plan[0]
        notes = "; ".join(person.notes)
        errors = "; ".join(person.errors)
        row += [Cell(safe(notes), BODY) if notes else EMPTY_CELL, Cell(safe(errors), BODY) if errors else EMPTY_CELL]
        most = plan[1]
        for text, w in ((person.name, name_w), (person.unit, unit_w), (who.value, who_w), (notes, notes_w),
                        (errors, errors_w)):
            if len(text) >= w:
                most = max(most, cell_lines(text, w))
        ws.append(row, math.ceil(most * ROW_LINE_PT + 3))
    ws.filter = f"A{header_row}:{ws.letter(len(columns))}{header_row + len(roster.rows)}"
    for values, height in _legend(kb, results, areas):
        ws.append(values, height)
        ws.merge(f"A{ws.rows}:{ws.letter(len(columns))}{ws.rows}")
    for values in signature_rows(layout, len(columns)):
        ws.append(values)


def _courses(courses: Courses, checks: list[Check]) -> str:
    found = [courses.of(c) for c in checks]
    return "; ".join(dict.fromkeys(c.short for c in sorted(x for x in found if x is not None)))


def _legend(kb: KnowledgeBase, results: list[list[Check]], printed: list[str]) -> list[tuple[list[object], float]]:
    lines = ["Đạt = đạt mọi yêu cầu kiểm tra được; Chưa đạt = thiếu ít nhất một yêu cầu; Thiếu dữ liệu = danh sách chưa "
             "ghi đủ để kết luận; Không kiểm tra được = kế hoạch không nêu mức cụ thể hoặc không yêu cầu với người này; "
             "— = yêu cầu không áp dụng."]
    left_out = [a for a in standard_areas(kb) if a not in printed
                and any(c.area == a and c.kind == "standard" for checks in results for c in checks)]
    for a in left_out:
        c = next(c for checks in results for c in checks if c.area == a and c.kind == "standard")
        lines.append(f"{kb.by_id('areas', a).name} ({c.clause}): {OUTCOME_LABELS['not_checkable'].lower()} "
                     f"với mọi người trong danh sách — {c.required}.")
    note = Style(italic=True, size=9, wrap=True)
    return [([None], ROW_LINE_PT)] + [([Cell(t, note)], ROW_LINE_PT * 2) for t in lines]


def _text(value: object) -> str:
    if isinstance(value, Cell):
        value = value.value
    return value if isinstance(value, str) else "" if value is None else str(value)


def _height(texts: list[str], widths: list[float], *, bold: bool = False,
            memo: dict[tuple[str, float], int] | None = None) -> float:
    most = 1
    for t, w in zip(texts, widths):
        if len(t) < w:  # one line for sure
            continue
        if memo is None:
            n = cell_lines(t, w, bold=bold)
        else:
            n = memo.get((t, w))
            if n is None:
                n = memo[(t, w)] = cell_lines(t, w, bold=bold)
        most = max(most, n)
    return math.ceil(most * ROW_LINE_PT + 3)


def _detail_sheet(book: XlsxWriter, kb: KnowledgeBase, roster: Roster, results: list[list[Check]]) -> None:
    areas = standard_areas(kb)
    sheets = len(roster.sheets) > 1
    lead = ["Trang tính"] if sheets else []
    headers = [*lead, *roster.headers, *(kb.by_id("areas", a).name for a in areas), TRAINING_HEADER, OVERALL_HEADER,
               NOTES_HEADER, ERRORS_HEADER]
    inputs = len(lead) + len(roster.headers)
    widths = [INPUT_WIDTH] * inputs + [CHECK_WIDTH] * (len(headers) - inputs)
    ws = book.add_sheet(DETAIL_SHEET, widths=widths, freeze="C2" if inputs >= 2 else "A2",
                        page=PageSetup(title_rows=(1, 1)))
    ws.append([Cell(safe(h), HEADER) for h in headers])
    width = len(roster.headers)
    cells: dict[int, Cell] = {}  # id(check) -> its cell; checks are shared between similar people
    for person, checks in zip(roster.rows, results):
        values = [safe(v) for v in person.values]
        values += [None] * (width - len(values))
        notes = Cell(safe("; ".join(person.notes)), WRAP) if person.notes else None
        errors = Cell(safe("; ".join(person.errors)), WRAP) if person.errors else None
        lead_values = [safe(person.sheet or "")] if sheets else []
        ws.append([*lead_values, *values, *_check_cells(areas, checks, cells), notes, errors])
    ws.filter = f"A1:{ws.letter(len(headers))}{len(roster.rows) + 1}"


def _check_cells(areas: list[str], checks: list[Check], cache: dict[int, Cell]) -> list[object]:
    by_area: dict[str, list[Check]] = {}
    trainings: list[str] = []
    for c in checks:
        if c.kind == "standard":
            by_area.setdefault(c.area, []).append(c)
        else:
            trainings.append(describe_training(c))
    out: list[object] = []
    for a in areas:
        found = by_area.get(a)
        if not found:
            out.append(NOT_APPLICABLE)
        elif len(found) == 1:
            cell = cache.get(id(found[0]))
            if cell is None:
                cell = cache[id(found[0])] = _area_cell(found)
            out.append(cell)
        else:
            out.append(_area_cell(found))
    out.append(Cell(safe("\n".join(trainings)), WRAP) if trainings else None)
    verdict = overall(checks)
    out.append(Cell(OVERALL_LABELS[verdict], DETAIL_VERDICTS[verdict]))
    return out


def _area_cell(checks: list[Check]) -> Cell:
    worst = min((outcome(c) for c in checks), key=["missing", "unknown", "not_checkable", "met"].index)
    return Cell(safe("\n".join(describe(c) for c in checks)), DETAIL_STYLES[worst])
