"""Short Vietnamese texts about a checked list: what was understood, the verdicts, one person's result."""

from __future__ import annotations

from knowledge.eligibility import Check, area_name
from knowledge.queries import format_number
from knowledge.schema import KnowledgeBase

from roster.describe import OVERALL_LABELS, describe, describe_training, overall
from roster.layout import BLANK
from roster.reader import Roster
from roster.tally import tally

TRAINING_HEADER = "Đào tạo, bồi dưỡng theo kế hoạch"
ERRORS_HEADER = "Lỗi"
UNKNOWN_TIER = "chưa rõ"


def understood_parts(roster: Roster) -> list[str]:
    """What the reader understood, one clause each: people and sheets, where the tier came from, rows skipped,
    columns missing, the year ages are counted at."""
    n = format_number
    people = f"Đọc {n(len(roster.rows))} người"
    if roster.file_kind == "xlsx" and len(roster.sheets) > 1:
        people += f" ở {len(roster.sheets)} trang tính ({', '.join(roster.sheets)})"
    elif roster.file_kind == "xlsx" and roster.sheets:
        people += f" ở trang tính “{roster.sheets[0]}”"
    parts = [people]
    sources = _grouped(roster.tier_sources)
    if len(sources) == 1:
        parts.append(f"cấp lấy từ {sources[0][1]}")
    elif sources:
        shown = ", ".join(f"{s} ({n(k)} người)" for k, s in sources[:3])
        more = f" và {len(sources) - 3} nguồn khác" if len(sources) > 3 else ""
        parts.append(f"cấp lấy từ {shown}{more}")
    unknown = roster.tier_sources.get(UNKNOWN_TIER, 0)
    if unknown:
        parts.append(f"{n(unknown)} người chưa rõ cấp")
    skipped = {r: k for r, k in roster.skipped_by.items() if r != BLANK}
    if skipped:
        parts.append(f"bỏ qua {n(sum(skipped.values()))} dòng ({', '.join(skipped)})")
    if roster.missing:
        parts.append("không có cột " + ", ".join(roster.missing))
    if roster.year:
        parts.append(f"tuổi tính tại năm {roster.year} ({roster.year_source})")
    return parts


def _grouped(sources: dict[str, int]) -> list[tuple[int, str]]:
    """Where tiers came from, most people first; several section headings are said once ('tiêu đề mục …')."""
    kinds: dict[str, list[tuple[int, str]]] = {}
    for label, count in sources.items():
        if label == UNKNOWN_TIER:
            continue
        kind, _, quoted = label.partition(" “")
        kinds.setdefault(kind if quoted else label, []).append((count, "“" + quoted if quoted else label))
    out = []
    for kind, items in kinds.items():
        total = sum(k for k, _ in items)
        if len(items) == 1:
            out.append((total, f"{kind} {items[0][1]}" if items[0][1] != kind else kind))
        else:
            names = ", ".join(q for _, q in sorted(items, reverse=True)[:3]) + (", …" if len(items) > 3 else "")
            out.append((total, f"{len(items)} {kind} ({names})"))
    return sorted(out, reverse=True)


def understood_text(roster: Roster) -> str:
    """One line: 'Đọc 29 người ở 2 trang tính (…); cấp lấy từ tiêu đề “UBND HUYỆN MỸ XUYÊN”; bỏ qua 4 dòng (…)'."""
    return "; ".join(understood_parts(roster)) + "."


def summary_text(kb: KnowledgeBase, roster: Roster, results: list[list[Check]], *, top: int = 3) -> str:
    """A short Vietnamese reply: what was understood, then people checked, verdicts, most-missed areas, courses."""
    t = tally(kb, roster, results)
    n = format_number
    lines = [
        understood_text(roster),
        f"Đã kiểm tra {n(t.people)} người theo Kế hoạch {kb.document.number}:",
        f"• Đạt mọi yêu cầu kiểm tra được: {n(t.overall['met'])}",
        f"• Chưa đạt ít nhất một yêu cầu: {n(t.overall['missing'])}",
        f"• Thiếu dữ liệu để kết luận: {n(t.overall['unknown'])}",
    ]
    if t.overall["not_checkable"]:
        lines.append(f"• Không có yêu cầu kiểm tra được: {n(t.overall['not_checkable'])}")
    missed = sorted(((c["missing"], a) for a, c in t.by_area.items() if c["missing"]), reverse=True)[:top]
    if missed:
        lines.append("Chưa đạt nhiều nhất: " + ", ".join(f"{area_name(kb, a)} {n(k)}" for k, a in missed) + ".")
    needed = sorted(((sum(len(v) for v in units.values()), c.label) for c, units in t.courses.items() if c.standard),
                    key=lambda x: -x[0])[:top]
    if needed:
        lines.append("Cần học để đạt chuẩn: " + "; ".join(f"{label} ({n(k)})" for k, label in needed) + ".")
    if t.with_errors:
        lines.append(f"{n(t.with_errors)} người có ô không đọc được (xem cột “{ERRORS_HEADER}”).")
    blank = roster.skipped_by.get(BLANK, 0)
    if blank:
        lines.append(f"Bỏ qua {n(blank)} dòng trống.")
    return "\n".join(lines)


def person_text(checks: list[Check]) -> str:
    """One person's result as a short chat text: the verdict, one line per area, then the plan's training items."""
    lines = [f"Kết luận: {OVERALL_LABELS[overall(checks)]}"]
    lines += [f"• {c.area_name}: {describe(c)}" for c in checks if c.kind == "standard"]
    trainings = [f"• {describe_training(c)} — {c.note}" for c in checks if c.kind == "training"]
    if trainings:
        lines += [f"{TRAINING_HEADER}:", *trainings]
    return "\n".join(lines)
