"""Write the checked roster as an XLSX report (input kept, one coloured column per area) and as a short chat text."""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from knowledge.eligibility import Check, area_name, standard_areas, summarize
from knowledge.queries import format_number
from knowledge.schema import KnowledgeBase

from roster.reader import Roster
from roster.tally import Tally, outcome, tally
from roster.xlsx import Cell, Style, XlsxWriter

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
COLOURS = {"met": "C6EFCE", "missing": "FFC7CE", "unknown": "D9D9D9", "not_checkable": "D9D9D9"}
BOLD = Style(bold=True)
HEADER = Style(bold=True, wrap=True)
WRAP = Style(wrap=True)
VERDICT_STYLES = {k: Style(bold=True, fill=c) for k, c in COLOURS.items()}
AREA_STYLES = {k: Style(fill=c, wrap=True) for k, c in COLOURS.items()}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_000  # Excel holds at most 32,767 characters in a cell
INPUT_WIDTH, CHECK_WIDTH = 14, 34


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
    if check.has == "chưa có":
        return f"{head}: cần {check.required}; chưa có"
    return f"{head}: cần {check.required}, có {check.has}"


def describe_training(check: Check) -> str:
    """A training item the plan lists for the person: '(II.1.đ) ...'."""
    return f"({check.clause}) {check.required}"


def _result_sheet(book: XlsxWriter, kb: KnowledgeBase, roster: Roster, results: list[list[Check]]) -> None:
    areas = standard_areas(kb)
    headers = [*roster.headers, *(area_name(kb, a) for a in areas), TRAINING_HEADER, OVERALL_HEADER, ERRORS_HEADER]
    widths = [INPUT_WIDTH] * len(roster.headers) + [CHECK_WIDTH] * (len(headers) - len(roster.headers))
    ws = book.add_sheet(RESULT_SHEET, widths=widths, freeze="C2" if len(roster.headers) >= 2 else "A2")
    ws.append([Cell(safe(h), HEADER) for h in headers])
    width = len(roster.headers)
    cells: dict[int, Cell] = {}  # id(check) -> its cell; checks are shared between similar people
    for person, checks in zip(roster.rows, results):
        values = [safe(v) for v in person.values]
        values += [None] * (width - len(values))
        errors = Cell(safe("\n".join(person.errors)), WRAP) if person.errors else None
        ws.append([*values, *_check_cells(areas, checks, cells), errors])
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
    overall = summarize(checks).overall
    out.append(Cell(OVERALL_LABELS[overall], VERDICT_STYLES[overall]))
    return out


def _area_cell(checks: list[Check]) -> Cell:
    worst = min((outcome(c) for c in checks), key=["missing", "unknown", "not_checkable", "met"].index)
    return Cell(safe("\n".join(describe(c) for c in checks)), AREA_STYLES[worst])


def _summary_sheet(book: XlsxWriter, kb: KnowledgeBase, t: Tally) -> None:
    ws = book.add_sheet(SUMMARY_SHEET, widths=[24, 22, 12, 12, 12, 14, 20])
    doc = kb.document
    ws.append([Cell(f"Kiểm tra theo Kế hoạch {doc.number} ngày {doc.date:%d/%m/%Y} của {doc.issuer}", BOLD)])
    ws.append([f"Số người: {t.people}. Người có ô không đọc được: {t.with_errors}. Dòng trống bỏ qua: {t.skipped}."])
    ws.append(["Đạt = đạt mọi yêu cầu kiểm tra được; Chưa đạt = thiếu ít nhất một yêu cầu; "
               "Thiếu dữ liệu = chưa đủ dữ liệu để kết luận."])
    ws.append(["“Không kiểm tra được” = kế hoạch không nêu mức cụ thể (ví dụ ngoại ngữ theo quy định của ngạch)."])
    ws.append([])
    ws.append([Cell(h, BOLD) for h in ("Cấp", "Ngạch", "Số người", "Đạt", "Chưa đạt", "Thiếu dữ liệu")])
    for (tier, grade), counts in t.by_group.items():
        ws.append([tier, grade, sum(counts.values()), counts["met"], counts["missing"], counts["unknown"]])
    ws.append([Cell("Tổng cộng", BOLD), None, t.people, t.overall["met"], t.overall["missing"], t.overall["unknown"]])
    ws.append([])
    area_outcomes = ("met", "missing", "unknown", "not_checkable", "not_applicable")
    ws.append([Cell(h, BOLD) for h in ("Yêu cầu", "Điều khoản", *(OUTCOME_LABELS[o] for o in area_outcomes))])
    for area, counts in t.by_area.items():
        ws.append([area_name(kb, area), ", ".join(t.clauses[area]), *(counts[o] for o in area_outcomes)])


def write_report(kb: KnowledgeBase, roster: Roster, results: list[list[Check]]) -> bytes:
    """The XLSX report: sheet 'Kết quả' (input columns, then one column per area, trainings, verdict, errors)
    and sheet 'Tổng hợp' (counts by tier and grade, and by area)."""
    book = XlsxWriter()
    _result_sheet(book, kb, roster, results)
    _summary_sheet(book, kb, tally(kb, roster, results))
    return book.save()


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


def person_text(checks: list[Check]) -> str:
    """One person's result as a short chat text: the verdict, one line per area, then the plan's training items."""
    lines = [f"Kết luận: {OVERALL_LABELS[summarize(checks).overall]}"]
    lines += [f"• {c.area_name}: {describe(c)}" for c in checks if c.kind == "standard"]
    trainings = [f"• {describe_training(c)} — {c.note}" for c in checks if c.kind == "training"]
    if trainings:
        lines += [f"{TRAINING_HEADER}:", *trainings]
    return "\n".join(lines)
