"""Read a staff list (XLSX or CSV) the way offices keep it: every sheet that holds a list, only a name column
required; rows that are not people skipped and counted by reason; nothing is kept or logged.

The tier of each person comes from, in order: a tier column, a unit column, a commune position (chức danh), the
section heading above the row, the title block above the header, the sheet's name. Ages are counted at one year of
the plan's period: the year given, else the year the list is dated (if within the period), else the period's start.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from knowledge import default_kb
from knowledge.eligibility import LEVEL_FIELDS, Profile, area_name, standard_areas
from knowledge.schema import KnowledgeBase

from roster.columns import BY_KEY, TEMPLATE_GUIDE_SHEET, TEMPLATE_LISTS_SHEET
from roster.layout import HEADER_SCAN_ROWS, Header, RowJudge, TitleBlock, find_header, read_title, usable
from roster.ticks import held_from_ticks
from roster.sources import (  # noqa: F401  (re-exported: the channels and tests use them from here)
    EXCEL_SUFFIXES, MAX_COLUMNS, MAX_FILE_BYTES, MAX_PEOPLE, MSG_BOMB, MSG_CORRUPT, MSG_NO_PEOPLE, MSG_OLE,
    MSG_TOO_BIG, MSG_TOO_MANY_COLUMNS, MSG_TOO_MANY_PEOPLE, MSG_WRONG_TYPE, TEXT_SUFFIXES, Progress, RosterError,
    open_rows, os_problem,
)
from roster.model import Roster, RosterRow  # noqa: F401  (re-exported)
from roster.values import HELD, Held, ValueProblem, ValueReader, cell_text

PROGRESS_EVERY = 1_000
UNKNOWN_SOURCE = "chưa rõ"
READ_KEYS = ("tier", "grade", "target_group", "ethnic_area", "newly_recruited", "planned_appointment", "birth", "age")
MSG_NO_HEADER = ("Không tìm thấy dòng tiêu đề của danh sách. Cần ít nhất cột “Họ và tên” và một cột khác "
                 "(Ngạch, Chức danh, Trình độ chuyên môn, Lý luận chính trị …).")


@dataclass
class _Draft:
    row: int
    name: str
    fields: dict[str, object]
    birth: int | None
    values: tuple[object, ...]
    errors: list[str]
    sheet: str | None
    unit: str
    notes: list[str]
    tier_source: str
    position: str


def read_roster(
    source: bytes | str | object,
    filename: str | None = None,
    *,
    kb: KnowledgeBase | None = None,
    year: int | None = None,
    unit: str | None = None,
    progress: Progress | None = None,
) -> Roster:
    """Read a staff list from bytes (with its file name) or a path. Raises RosterError."""
    file_name, kind, sheets = open_rows(source, filename)
    kb = kb or default_kb()
    period = kb.document.period
    values = ValueReader(kb, year or period.end)
    state = _Reading(kb, values, progress)
    for sheet, rows in sheets:
        state.sheet(sheet, rows)
    if not state.drafts:
        raise RosterError(MSG_NO_PEOPLE if state.found_header else MSG_NO_HEADER)
    if year:
        ref, source_text = year, "năm được chọn"
    elif state.dated and period.start <= state.dated <= period.end:
        ref, source_text = state.dated, "năm ghi trên danh sách"
    else:
        ref, source_text = period.start, f"năm đầu kế hoạch {period.start} - {period.end}"
    people = tuple(_finish(d, ref, state.width_map) for d in state.drafts)
    covered = {k for h in state.headers_seen for k in (*h.columns, *h.ticks)}
    missing = tuple(area_name(kb, LEVEL_FIELDS[f]) for f in LEVEL_FIELDS
                    if f not in covered and LEVEL_FIELDS[f] in standard_areas(kb))
    return Roster(
        headers=tuple(state.union), rows=people, columns=state.first_columns, skipped=sum(state.skipped.values()),
        file_kind=kind, sheet=state.sheets[0] if state.sheets else None, year=ref, sheets=tuple(state.sheets),
        skipped_by=dict(state.skipped), tier_sources=dict(state.tier_sources), missing=missing,
        unit=unit or state.unit, year_source=source_text, file_name=file_name,
    )


def _finish(d: _Draft, year: int, width: int) -> RosterRow:
    fields = d.fields
    if d.birth is not None:
        fields["age"] = year - d.birth
    values = d.values + (None,) * (width - len(d.values)) if len(d.values) < width else d.values
    return RosterRow(d.row, d.name, Profile(**fields), values, tuple(d.errors), d.sheet, d.unit, tuple(d.notes),
                     d.tier_source, d.position)


class _Reading:
    """The state of reading one file, sheet after sheet."""

    def __init__(self, kb: KnowledgeBase, values: ValueReader, progress: Progress | None) -> None:
        self.kb = kb
        self.values = values
        self.progress = progress
        self.drafts: list[_Draft] = []
        self.skipped: Counter = Counter()
        self.tier_sources: Counter = Counter()
        self.sheets: list[str] = []
        self.union: list[str] = []
        self.first_columns: dict[str, int] = {}
        self.headers_seen: list[Header] = []
        self.found_header = False
        self.unit = ""
        self.dated: int | None = None
        self._tiers: dict[str, tuple[str | None, str]] = {}
        self._roles: dict[tuple[str, str | None], str | None] = {}
        self._contexts: dict[tuple, tuple[str | None, str, str | None, int | None]] = {}
        self._identity = True
        self._reads: list[tuple[str, int]] = []
        self._levels: list[tuple[str, int | None]] = []

    @property
    def width_map(self) -> int:
        return len(self.union)

    def sheet(self, name: str | None, rows: Iterator[tuple[int, tuple[object, ...]]]) -> None:
        if name in (TEMPLATE_GUIDE_SHEET, TEMPLATE_LISTS_SHEET):
            return  # the /mau template's guide and value lists
        buffer: list[tuple[int, tuple[object, ...]]] = []
        for number, row in rows:
            buffer.append((number, _trim(row)))
            if len(buffer) >= HEADER_SCAN_ROWS:
                break
        header = find_header(buffer, self.values)
        if not usable(header):
            return
        assert header is not None
        self.found_header = True
        self.headers_seen.append(header)
        title = read_title([r for _, r in buffer[:header.start]], self.values)
        self.unit = self.unit or title.unit
        self.dated = self.dated or title.year
        where = self._place(header)
        self._identity = where == list(range(len(where)))
        self._reads = [(k, header.columns[k]) for k in READ_KEYS if k in header.columns]
        self._levels = [(k, header.columns.get(k)) for k in LEVEL_FIELDS if k in header.columns or k in header.ticks]
        if not self.first_columns:
            self.first_columns = {k: where[j] for k, j in header.columns.items()}
        judge = RowJudge(header, self.values)
        count = 0
        for number, row in _chain(buffer[header.end + 1:], ((n, _trim(r)) for n, r in rows)):
            reason = judge.reason(row)
            if reason is not None:
                self.skipped[reason] += 1
                continue
            if len(self.drafts) >= MAX_PEOPLE:
                raise RosterError(MSG_TOO_MANY_PEOPLE)
            self.drafts.append(self._person(number, row, header, where, name, title, judge.section))
            count += 1
            if self.progress is not None and len(self.drafts) % PROGRESS_EVERY == 0:
                self.progress(len(self.drafts), None)
        self.dated = self.dated or judge.year
        if count:
            self.sheets.append(name or "")

    def _place(self, header: Header) -> list[int]:
        """Index in the union of headers of each of this sheet's columns (same text = same column)."""
        where = []
        for text in header.texts:
            if text in self.union and self.union.index(text) not in where:
                where.append(self.union.index(text))
            else:
                self.union.append(text)
                where.append(len(self.union) - 1)
        return where

    def _person(self, number: int, row: tuple[object, ...], header: Header, where: list[int], sheet: str | None,
                title: TitleBlock, section: str) -> _Draft:
        v = self.values
        errors: list[str] = []
        notes: list[str] = []
        n = len(row)
        alternates = header.alternates

        def cell(key: str) -> object:
            j = header.columns.get(key)
            value = row[j] if j is not None and j < n else None
            if key in alternates and (value is None or value == ""):
                for k in alternates[key]:
                    if k < n and row[k] is not None and row[k] != "":
                        return row[k]
            return value

        def problem(key: str, exc: ValueProblem) -> None:
            j = header.columns.get(key)
            label = header.texts[j] if j is not None and header.texts[j] else BY_KEY[key].header
            errors.append(f"{label}: {exc}")

        fields: dict[str, object] = {}
        read: dict[str, object] = {}
        plain = not alternates
        for key, j in self._reads:
            try:
                found = v.read(key, (row[j] if j < n else None) if plain else cell(key))
            except ValueProblem as exc:
                problem(key, exc)
            else:
                if found is not None:
                    read[key] = found
        for key, j in self._levels:
            if j is not None and plain:
                try:
                    held = v.read(HELD + key, row[j] if j < n else None)
                except ValueProblem as exc:
                    problem(key, exc)
                    continue
                if held is None and key in header.ticks:
                    held = self._held(key, row, header, cell, problem)
            else:
                held = self._held(key, row, header, cell, problem)
            if held is not None:
                if held.level is not None:
                    fields[key] = held.level
                if held.note:
                    notes.append(f"{BY_KEY[key].header}: {held.note}")
        unit_text = cell_text(cell("unit")) if "unit" in header.columns else ""
        position_text = cell_text(cell("role")) if "role" in header.columns else ""
        context = (read.get("tier"), unit_text, position_text, section, id(header), sheet)
        known = self._contexts.get(context)
        if known is None:
            tier, source = self._tier(read.get("tier"), header, unit_text, position_text, section, title, sheet)
            position = v.read("position", position_text) if position_text else None
            role = self._role(position_text, tier) if position_text else None
            group = position.target_group if position is not None and tier != "xa" else None
            known = self._contexts[context] = (tier, source, role, group)
        else:
            self.tier_sources[known[1] or UNKNOWN_SOURCE] += 1
        tier, source, role, group = known
        fields.update(read)
        fields.pop("birth", None)
        if tier is not None:
            fields["tier"] = tier
        if role is not None:
            fields["role"] = role
        if "target_group" not in fields and group:
            fields["target_group"] = group
        name = cell_text(cell("name")) or " ".join(
            t for t in (cell_text(cell("family_name")), cell_text(cell("given_name"))) if t)
        if not name:
            errors.insert(0, "thiếu họ và tên")
        values = row if self._identity else _placed(row, where)
        return _Draft(number, name, fields, read.get("birth"), values, errors, sheet,
                      unit_text or section or self.unit or (sheet or ""), notes, source, position_text)

    def _held(self, key, row, header, cell, problem) -> Held | None:
        if key in header.columns:
            try:
                held = self.values.read(HELD + key, cell(key))
            except ValueProblem as exc:
                problem(key, exc)
                return None
            if held is not None:
                return held
        return held_from_ticks(self.kb, self.values, key, row, header)

    def _tier(self, column_tier, header, unit_text, position_text, section, title, sheet) -> tuple[str | None, str]:
        if column_tier is not None:
            return self._count(column_tier, f"cột “{header.texts[header.columns['tier']]}”")
        for text, label in ((unit_text, f"cột “{_header_text(header, 'unit')}”"),
                            (position_text, "chức danh"),
                            (section, f"tiêu đề mục “{section}”"),
                            (title.tier_text, f"tiêu đề “{title.tier_text}”"),
                            (sheet or "", f"tên trang tính “{sheet}”")):
            if not text:
                continue
            found = self._tiers.get(text)
            if found is None:
                found = self._tiers[text] = self.values.tier_and_strength(text)
            if found[0] is not None:
                if text == position_text and self.values.position(text) is None:
                    continue
                if text == section and not found[1] and title.tier is not None:
                    continue  # "PHÒNG NỘI VỤ" under "UBND HUYỆN MỸ XUYÊN": the title says it plainly
                return self._count(found[0], label)
        self.tier_sources[UNKNOWN_SOURCE] += 1
        return None, ""

    def _count(self, tier: str, label: str) -> tuple[str, str]:
        self.tier_sources[label] += 1
        return tier, label

    def _role(self, text: str, tier: str | None) -> str | None:
        key = (text, tier)
        if key not in self._roles:
            self._roles[key] = self.values.role(text, tier)
        return self._roles[key]


def _header_text(header: Header, key: str) -> str:
    j = header.columns.get(key)
    return header.texts[j] if j is not None else BY_KEY[key].header


def _placed(row: tuple[object, ...], where: list[int]) -> tuple[object, ...]:
    out: list[object] = [None] * (max(where) + 1 if where else 0)
    for j, value in enumerate(row[:len(where)]):
        out[where[j]] = value
    return tuple(out)


def _trim(row) -> tuple[object, ...]:
    end = len(row)
    while end and (row[end - 1] is None or (isinstance(row[end - 1], str) and not row[end - 1].strip())):
        end -= 1
    if end > MAX_COLUMNS:
        raise RosterError(MSG_TOO_MANY_COLUMNS)
    return tuple(row[:end])


def _chain(buffered, rest):
    yield from buffered
    yield from rest

