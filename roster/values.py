"""Read one cell the way HR staff write it (any case, with or without marks, abbreviations, codes) into a profile
value, with the plan's one vocabulary (knowledge.vocabulary)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from knowledge.eligibility import LEVEL_FIELDS, NONE_LEVEL
from knowledge.queries import scale_of
from knowledge.schema import KnowledgeBase, Term
from knowledge.text import fold
from knowledge.vocabulary import Match, matcher_for, term, tier_of

NONE_WORDS = ("chua", "khong")  # "Chưa", "Không", "Chưa có", "Không có" ...: known to hold none
DASHES = {"-", "--", "---", "–", "—", "0"}
IN_PROGRESS = re.compile(r"(?<!\w)(?:đang|dang(?=\s+(?:học|hoc|đào|dao|theo|tham)))(?!\w)")  # not "đẳng"
GENERAL_SCHOOLING = re.compile(r"^(\d{1,2} \d{1,2}|thpt|thcs|pho thong( trung hoc)?|trung hoc (pho thong|co so)|"
                               r"van hoa \d{1,2} \d{1,2}|lop \d{1,2})$")
YES_WORDS = {"co", "x", "yes", "y", "1", "dung", "phai", "roi", "v"}
NO_WORDS = {"khong", "chua", "no", "n", "0"}
TICKS = {"x", "v", "1", "co", "da hoc", "roi", "dat", "yes", "ok"}
TICK_SYMBOLS = {"✓", "✔", "☑", "✗", "×", "+", "*"}
ETHNIC_WORDS = ("khmer", "dtts", "dan toc", "hoa", "cham")
FLAG_KEYS = ("ethnic_area", "newly_recruited", "planned_appointment")
MIN_AGE, MAX_AGE = 15, 100
EXCEL_SERIAL = range(3000, 80000)  # a date typed into a "general" cell arrives as its serial number
EXCEL_EPOCH = dt.date(1899, 12, 30)
HELD = "held:"  # read("held:llct", cell) gives a Held (level and note) instead of a level id
GROUP = re.compile(r"(?:doi tuong|dt)?\s*([1-4])$")


class ValueProblem(ValueError):
    """A cell that cannot be read; str() is a short Vietnamese explanation naming the value."""


@dataclass(frozen=True)
class Held:
    """A level read from a cell: the level held (None: unknown), and a note ("đang học cao cấp")."""

    level: str | None
    note: str = ""


def cell_text(value: object) -> str:
    """A cell value as trimmed text (1985.0 -> '1985', dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _quoted(text: str) -> str:
    return f"“{text[:60]}”"


class ValueReader:
    """Reads cells for one plan and one reference year, remembering answers for values seen before."""

    def __init__(self, kb: KnowledgeBase, year: int) -> None:
        self.kb = kb
        self.year = year
        self.matcher = matcher_for(kb)
        self._cache: dict[tuple[str, object], object] = {}
        self._role_tiers = {r.id: set(r.tiers) for r in kb.roles}

    def read(self, key: str, value: object) -> object:
        """The profile value of a cell for column `key`; None if blank. Raises ValueProblem."""
        cache_key = (key, value if not isinstance(value, (list, dict)) else repr(value))
        try:
            hit = self._cache[cache_key]
        except (KeyError, TypeError):
            hit = None
        else:
            if isinstance(hit, ValueProblem):
                raise hit
            return hit
        try:
            result: object = self._read(key, value)
        except ValueProblem as problem:
            result = problem
        try:
            self._cache[cache_key] = result
        except TypeError:
            pass
        if isinstance(result, ValueProblem):
            raise result
        return result

    def _read(self, key: str, value: object) -> object:
        text = cell_text(value)
        if not text:
            return None
        if key == "tier":
            return self.tier(text)
        if key == "grade":
            return self.grade(text)
        if key == "role":
            return self.role(text)
        if key in LEVEL_FIELDS:
            return self.level(key, text)
        if key.startswith(HELD):
            return self.level_held(key[len(HELD):], text)
        if key in FLAG_KEYS:
            return self.flag(value, ethnic=key == "ethnic_area")
        if key == "birth":
            return self.birth_year(value)
        if key == "age":
            return self.age(value)
        if key == "target_group":
            return self.target_group(text)
        if key == "position":
            return self.position(text)
        return text

    # --- names: tier, grade, role, position -----------------------------------------------------------------

    def tier_match(self, text: str) -> Match | None:
        """The phrase of a text that gives its tier ('Sở Nội vụ', 'Phòng Kinh tế TX Ngã Năm', 'Phường 2'), or None."""
        return tier_of(self.kb, self.matcher, text)

    def tier_in(self, text: str) -> str | None:
        """The tier a text names or implies, or None."""
        return self.tier_and_strength(text)[0]

    def tier_and_strength(self, text: str) -> tuple[str | None, bool]:
        """The tier a text names or implies, and whether it is said plainly (False for a generic 'Phòng …')."""
        found = self.tier_match(text)
        if found is None:
            return None, False
        if found.kind == "tier":
            return found.id, True
        named = term(self.kb, found.kind, found.id)
        return (named.tier, not named.weak) if named is not None else (None, False)

    def tier(self, text: str) -> str:
        """Tier id of 'Sở Nội vụ', 'huyện Kế Sách', 'TX Vĩnh Châu', 'Phường 2' ..."""
        found = self.tier_in(text)
        if found is None:
            names = ", ".join(t.name for t in self.kb.tiers)
            raise ValueProblem(f"không nhận ra cấp {_quoted(text)} (ghi: {names})")
        return found

    def grade(self, text: str) -> str:
        """Grade id of 'CV', 'Chuyên viên chính', 'Ngạch CC: 01.003', '1.003', 'Kế toán viên' ..."""
        found = self.matcher.first(text, "grade")
        if found is None:
            names = ", ".join(g.name for g in self.kb.grades)
            raise ValueProblem(f"ngạch {_quoted(text)} không thuộc các ngạch kế hoạch nêu ({names} và tương đương)")
        return found.id

    def position(self, text: str) -> Term | None:
        """The position (chức danh, chức vụ) a text names, or None."""
        found = self.matcher.first(text, "position")
        return term(self.kb, "position", found.id) if found is not None else None

    def role(self, text: str, tier: str | None = None) -> str | None:
        """Role id of a chức danh ('Công chức xã', 'Địa chính - Xây dựng', 'Chủ tịch UBND'); None when it names no
        role of the plan (an ordinary 'Chuyên viên'), or a role of another tier than `tier`."""
        found = self.matcher.find(text, ("role", "position"))
        found.sort(key=lambda m: (m.start, m.kind != "position"))  # a position says more than a role it names
        for match in found:
            role = match.id if match.kind == "role" else getattr(term(self.kb, "position", match.id), "role", None)
            if role is None:
                continue
            tiers = self._role_tiers.get(role, set())
            if tier is None or not tiers or tier in tiers:
                return role
        return None

    def target_group(self, text: str) -> int:
        """Đối tượng bồi dưỡng QP-AN: '3', 'ĐT3', 'Đối tượng 3'."""
        found = GROUP.match(fold(text))
        if found is None:
            raise ValueProblem(f"không hiểu đối tượng {_quoted(text)} (ghi 1, 2, 3 hoặc 4)")
        return int(found.group(1))

    # --- levels ----------------------------------------------------------------------------------------------

    def level_held(self, field: str, text: str) -> Held:
        """The level held in one of the profile's level fields; 'TC (đang học CC)' is trung cấp, noted."""
        lower = unicodedata.normalize("NFC", text).lower()
        progress = IN_PROGRESS.search(lower)
        note = ""
        if progress is not None:
            note = "đang học " + (self._level_names(field, lower[progress.end():]) or text[:40])
            lower = lower[:progress.start()]
            if not fold(lower):
                return Held(None, note)
        return Held(self._level(field, lower, text), note)

    def level(self, field: str, text: str) -> str:
        """Level id (or NONE_LEVEL) of a held qualification; raises ValueProblem for a course in progress."""
        held = self.level_held(field, text)
        if held.note:
            raise ValueProblem(f"{_quoted(text)}: ghi trình độ đã có, không ghi trình độ đang học")
        return held.level or NONE_LEVEL

    def _level(self, field: str, lower: str, text: str) -> str:
        folded = fold(lower)
        first = folded.split(" ", 1)[0] if folded else ""
        if text in DASHES or first in NONE_WORDS or not folded:
            return NONE_LEVEL
        if field == "chuyen_mon" and GENERAL_SCHOOLING.match(folded):
            return NONE_LEVEL  # general schooling only (12/12, THPT): no professional qualification
        scale = scale_of(self.kb, LEVEL_FIELDS[field])
        if scale is None:
            raise ValueProblem(f"không đọc được {_quoted(text)}")
        found = self.matcher.find(lower, ("level",), scale.id)
        if not found:
            names = ", ".join(lv.name for lv in scale.levels)
            raise ValueProblem(f"không nhận ra {_quoted(text)} (ghi: {names}; “Chưa” nếu chưa có)")
        return max((m.id for m in found), key=scale.index)  # "Cử nhân, Thạc sĩ": the highest

    def _level_names(self, field: str, text: str) -> str:
        scale = scale_of(self.kb, LEVEL_FIELDS[field])
        if scale is None:
            return ""
        found = self.matcher.find(text, ("level",), scale.id)
        return ", ".join(dict.fromkeys(scale.level(m.id).name for m in found))

    def level_in_header(self, field: str, text: str) -> str | None:
        """The level a tick-box sub-column stands for ('Cao cấp' under 'Lý luận chính trị'), or None."""
        scale = scale_of(self.kb, LEVEL_FIELDS[field])
        if scale is None:
            return None
        found = self.matcher.find(text, ("level",), scale.id)
        return found[0].id if found else None

    def tick(self, value: object) -> bool | None:
        """A tick-box cell: True if ticked ('x', 'v', '✓', a year), False if blank or a no; None = in progress."""
        text = cell_text(value)
        if not text or text in DASHES:
            return False
        folded = fold(text)
        if IN_PROGRESS.search(text.lower()):
            return None
        first = folded.split(" ", 1)[0] if folded else ""
        if first in NO_WORDS:
            return False
        return folded in TICKS or text in TICK_SYMBOLS or bool(re.fullmatch(r"(19|20)\d\d", folded)) or bool(folded)

    # --- flags, ages ------------------------------------------------------------------------------------------

    def flag(self, value: object, *, ethnic: bool = False) -> bool:
        """Yes/no as written: Có, x, 1, Không, Chưa, 0, - (and Khmer, DTTS for the ethnic-area column)."""
        if isinstance(value, bool):
            return value
        text = cell_text(value)
        folded = fold(text)
        first = folded.split(" ", 1)[0] if folded else ""
        if text in DASHES or first in NO_WORDS:
            return False
        if folded in YES_WORDS or text in TICK_SYMBOLS or (
                ethnic and any(f" {w} " in f" {folded} " for w in ETHNIC_WORDS)):
            return True
        raise ValueProblem(f"không hiểu {_quoted(text)} (ghi Có hoặc Không)")

    def age(self, value: object) -> int:
        """An age in years, between MIN_AGE and MAX_AGE."""
        text = cell_text(value)
        match = re.fullmatch(r"(\d{1,3})(?:[.,]\d+)?\s*(tuổi|tuoi)?", text, flags=re.IGNORECASE)
        if not match or not MIN_AGE <= int(match.group(1)) <= MAX_AGE:
            raise ValueProblem(f"tuổi {_quoted(text)} không hợp lệ")
        return int(match.group(1))

    def birth_year(self, value: object) -> int:
        """A birth year from a year, a date, or a date typed as text."""
        year: int | None = None
        if isinstance(value, (dt.date, dt.datetime)):
            year = value.year
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            number = int(value)
            if number == value and number in EXCEL_SERIAL:
                year = (EXCEL_EPOCH + dt.timedelta(days=number)).year
            elif number == value:
                year = number
        else:
            years = re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", cell_text(value))
            digits_only = re.fullmatch(r"[\d\s./-]+", cell_text(value))
            if len(years) == 1 and digits_only:
                year = int(years[0])
        if year is None or not MIN_AGE <= self.year - year <= MAX_AGE:
            raise ValueProblem(f"năm sinh {_quoted(cell_text(value))} không hợp lệ")
        return year

    def age_from_birth(self, value: object) -> int:
        """Age in the reference year from a birth year, a date, or a date typed as text."""
        return self.year - self.birth_year(value)
