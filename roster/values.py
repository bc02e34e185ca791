"""Read one cell the way HR staff write it (any case, with or without marks, abbreviations) into a profile value."""

from __future__ import annotations

import datetime as dt
import re

from knowledge.eligibility import LEVEL_FIELDS, NONE_LEVEL
from knowledge.queries import find_level, scale_of
from knowledge.schema import KnowledgeBase
from knowledge.text import fold

# Abbreviations expanded (on folded text) before matching the plan's aliases; text to text, never to ids.
EXPANSIONS: dict[str, str] = {
    "tp": "thanh pho",
    "tx": "thi xa",
    "tt": "thi tran",
    "01 001": "chuyen vien cao cap",  # mã ngạch
    "01 002": "chuyen vien chinh",
    "01 003": "chuyen vien",
    "01 004": "can su",
}
NONE_WORDS = ("chua", "khong")  # "Chưa", "Không", "Chưa có", "Không có" ...: known to hold none
DASHES = {"-", "--", "---", "–", "—"}
IN_PROGRESS = ("dang",)  # "Đang học đại học": not held yet
GENERAL_SCHOOLING = re.compile(r"^(\d{1,2} \d{1,2}|thpt|thcs|pho thong( trung hoc)?|van hoa \d{1,2} \d{1,2})$")
YES_WORDS = {"co", "x", "yes", "y", "1", "dung", "phai", "roi"}
NO_WORDS = {"khong", "chua", "no", "n", "0"}
ETHNIC_WORDS = ("khmer", "dtts", "dan toc", "hoa", "cham")
FLAG_KEYS = ("ethnic_area", "newly_recruited", "planned_appointment")
MIN_AGE, MAX_AGE = 15, 100
EXCEL_SERIAL = range(3000, 80000)  # a date typed into a "general" cell arrives as its serial number
EXCEL_EPOCH = dt.date(1899, 12, 30)


class ValueProblem(ValueError):
    """A cell that cannot be read; str() is a short Vietnamese explanation naming the value."""


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


def _expand(folded: str) -> str:
    text = f" {folded} "
    for short, full in EXPANSIONS.items():
        text = text.replace(f" {short} ", f" {full} ")
    return text


def _earliest_longest(text: str, table: list[tuple[str, str]]) -> str | None:
    """The target of the alias found first in the text (the longest at that place), or None."""
    padded = _expand(fold(text))
    best: tuple[tuple[int, int], str] | None = None
    for alias, target in table:
        pos = padded.find(f" {alias} ")
        if pos >= 0 and (best is None or (pos, -len(alias)) < best[0]):
            best = ((pos, -len(alias)), target)
    return best[1] if best else None


def _table(items, extra=lambda item: ()) -> list[tuple[str, str]]:
    table: dict[str, str] = {}
    for item in items:
        for alias in (item.name, *item.aliases, *extra(item)):
            if fold(alias):
                table.setdefault(fold(alias), item.id)
    return list(table.items())


def _quoted(text: str) -> str:
    return f"“{text[:60]}”"


class ValueReader:
    """Reads cells for one plan and one reference year, remembering answers for values seen before."""

    def __init__(self, kb: KnowledgeBase, year: int) -> None:
        self.kb = kb
        self.year = year
        self._tiers = _table(kb.tiers)
        self._grades = _table(kb.grades, lambda g: (g.short,))
        self._roles = dict(_table(kb.roles))
        self._cache: dict[tuple[str, object], object] = {}

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
        if key in FLAG_KEYS:
            return self.flag(value, ethnic=key == "ethnic_area")
        if key == "birth":
            return self.age_from_birth(value)
        if key == "age":
            return self.age(value)
        return text

    def tier(self, text: str) -> str:
        """Tier id of 'Sở Nội vụ', 'huyện Kế Sách', 'TX Vĩnh Châu', 'Phường 2' ..."""
        return self._named(text, self._tiers, self.kb.tiers, "cấp", "")

    def grade(self, text: str) -> str:
        """Grade id of 'CV', 'Chuyên viên chính', 'ngạch cán sự', '01.003' ..."""
        return self._named(text, self._grades, self.kb.grades, "ngạch", " hoặc tương đương")

    @staticmethod
    def _named(text: str, table: list[tuple[str, str]], items, what: str, tail: str) -> str:
        """The id the text names (earliest, longest name); else a message listing the valid names."""
        found = _earliest_longest(text, table)
        if found is None:
            names = ", ".join(item.name for item in items)
            raise ValueProblem(f"không nhận ra {what} {_quoted(text)} (ghi: {names}{tail})")
        return found

    def role(self, text: str) -> str:
        """Role id when the text names one of the plan's roles exactly."""
        found = self._roles.get(fold(text))
        if found is None:
            raise ValueProblem(f"không nhận ra chức danh {_quoted(text)}; không dùng cột này cho người này")
        return found

    def level(self, field: str, text: str) -> str:
        """Level id (or NONE_LEVEL) of a held qualification in one of the profile's level fields."""
        folded = fold(text)
        first = folded.split(" ", 1)[0] if folded else ""
        if text in DASHES or first in NONE_WORDS:
            return NONE_LEVEL
        if first in IN_PROGRESS:
            raise ValueProblem(f"{_quoted(text)}: ghi trình độ đã có, không ghi trình độ đang học")
        area = LEVEL_FIELDS[field]
        scale = scale_of(self.kb, area)
        if scale is None:
            raise ValueProblem(f"không đọc được {_quoted(text)}")
        if field == "chuyen_mon" and GENERAL_SCHOOLING.match(folded):
            return NONE_LEVEL  # general schooling only (12/12, THPT): no professional qualification
        found = find_level(self.kb, scale.id, _expand(folded).strip())
        if found is None:
            names = ", ".join(lv.name for lv in scale.levels)
            raise ValueProblem(f"không nhận ra {_quoted(text)} (ghi: {names}; “Chưa” nếu chưa có)")
        return found

    def flag(self, value: object, *, ethnic: bool = False) -> bool:
        """Yes/no as written: Có, x, 1, Không, Chưa, 0, - (and Khmer, DTTS for the ethnic-area column)."""
        if isinstance(value, bool):
            return value
        text = cell_text(value)
        folded = fold(text)
        first = folded.split(" ", 1)[0] if folded else ""
        if text in DASHES or first in NO_WORDS:
            return False
        if folded in YES_WORDS or (ethnic and any(f" {w} " in f" {folded} " for w in ETHNIC_WORDS)):
            return True
        raise ValueProblem(f"không hiểu {_quoted(text)} (ghi Có hoặc Không)")

    def age(self, value: object) -> int:
        """An age in years, between MIN_AGE and MAX_AGE."""
        text = cell_text(value)
        match = re.fullmatch(r"(\d{1,3})(?:[.,]\d+)?\s*(tuổi|tuoi)?", text, flags=re.IGNORECASE)
        if not match or not MIN_AGE <= int(match.group(1)) <= MAX_AGE:
            raise ValueProblem(f"tuổi {_quoted(text)} không hợp lệ")
        return int(match.group(1))

    def age_from_birth(self, value: object) -> int:
        """Age in the reference year from a birth year, a date, or a date typed as text."""
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
        return self.year - year
