"""How a staff list is laid out: the header (one or two rows, tick-box sub-columns), the title block above it, and
which rows below it are not people (section headings, totals, signatures, dates, sub-headers, column numbers)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.eligibility import LEVEL_FIELDS
from knowledge.text import fold

from roster.columns import header_key
from roster.values import ValueReader, cell_text

HEADER_SCAN_ROWS = 20
MIN_NUMBERED_COLUMNS = 3

# why a row is not a person (the summary lists these)
BLANK, HEADING, TOTAL, SIGNATURE, DATE, SUBHEADER, NUMBERING = (
    "dòng trống", "tiêu đề mục", "tổng cộng", "chữ ký", "ngày tháng", "dòng tiêu đề phụ", "dòng đánh số cột")

SIGNATURE_WORDS = ("nguoi lap bieu", "nguoi lap bang", "nguoi lap", "lap bieu", "thu truong don vi", "thu truong co quan",
                   "ky ten", "ky ghi ro ho ten", "ky va ghi ro ho ten", "ky ho ten", "ky dong dau", "xac nhan cua",
                   "tm uy ban nhan dan", "tm ubnd", "kt chu tich", "kt giam doc", "tl giam doc", "noi nhan")
DATE_TEXT = re.compile(r"ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+((?:19|20)\d\d)")
ENUMERATOR = re.compile(r"^\s*(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)/:\-–]\s*\S")
ROMAN_OR_LETTER = re.compile(r"^\s*(?:[IVXLC]{1,6}|[A-ZĐ])\s*[.)]?\s*$")
HEADING_STARTS = ("khoi", "phong", "ban", "so", "xa", "phuong", "thi tran", "ubnd", "uy ban", "van phong", "co quan",
                  "don vi", "bo phan", "chi cuc", "trung tam", "can bo", "cong chuc", "lanh dao", "nguoi hoat dong",
                  "huyen", "thi xa", "thanh pho", "thanh tra", "hdnd", "dang uy", "doan the")
NUMBER_CELL = re.compile(r"^\(?(\d{1,3}|[A-Z])\)?$")
AUTHORITY_SKIP = ("cong hoa", "doc lap", "danh sach", "bang", "bao cao", "kem theo", "ve viec", "thong ke")


@dataclass
class Header:
    """The header of one sheet: where it is, each column's text, and what the known columns hold."""

    start: int  # index (in the scanned buffer) of its first row
    end: int  # index of its last row (= start for a one-row header)
    texts: list[str]
    columns: dict[str, int]  # column key -> index of the first column with that key
    alternates: dict[str, list[int]] = field(default_factory=dict)  # key -> further columns ("Nam" / "Nữ" births)
    ticks: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # level field -> [(column, level id)]

    @property
    def score(self) -> int:
        return len(self.columns) + len(self.ticks)

    def has(self, key: str) -> bool:
        """True if the list has a column (or tick-box group) for this key."""
        return key in self.columns or key in self.ticks


def _cells(row: tuple[object, ...], width: int) -> list[str]:
    texts = [cell_text(v) for v in row]
    return texts + [""] * (width - len(texts))


def _one_row(buffer: list[tuple[int, tuple[object, ...]]], i: int) -> Header:
    row = list(buffer[i][1])
    above = buffer[i - 1][1] if i > 0 else ()
    for j, above_value in enumerate(above):  # a blank header cell takes the text above it (vertically merged)
        if j >= len(row):
            row.append(None)
        if cell_text(row[j]) == "" and cell_text(above_value) != "":
            row[j] = above_value
    texts = [cell_text(v) for v in row]
    header = Header(i, i, texts, {})
    for j, text in enumerate(texts):
        _add(header, header_key(text), j)
    return header


def _add(header: Header, key: str | None, j: int) -> None:
    if key is None:
        return
    if key not in header.columns:
        header.columns[key] = j
    else:
        header.alternates.setdefault(key, []).append(j)


def _two_rows(buffer: list[tuple[int, tuple[object, ...]]], i: int, values: ValueReader) -> Header:
    """Rows i and i+1 as one header: a group cell above ('Lý luận chính trị', merged across) names the sub-columns
    below ('Cao cấp', 'Trung cấp', 'Sơ cấp': tick boxes; 'Chuyên môn', 'LLCT': columns of their own)."""
    width = max(len(buffer[i][1]), len(buffer[i + 1][1]))
    upper, lower = _cells(buffer[i][1], width), _cells(buffer[i + 1][1], width)
    header = Header(i, i + 1, [], {})
    names = [j for j, t in enumerate(upper) if header_key(t) in ("name", "stt", "family_name", "given_name")]
    if any(lower[j] and header_key(lower[j]) is None for j in names):
        return header  # a person's row under the header, not a header's second row
    group = ""
    for j in range(width):
        if upper[j]:
            group = upper[j]
        elif not lower[j]:
            group = ""
        top = upper[j] or (group if lower[j] else "")
        header.texts.append(" / ".join(t for t in (top, lower[j]) if t) if top != lower[j] else top)
        if not lower[j]:
            _add(header, header_key(top), j)
            continue
        own = header_key(lower[j])
        parent = header_key(top) if top else None
        if parent in LEVEL_FIELDS:
            level = values.level_in_header(parent, lower[j])
            if level is not None and (own is None or own == parent or fold(lower[j]) in _short_level_names(lower[j])):
                header.ticks.setdefault(parent, []).append((j, level))
                continue
        if parent == "birth" and fold(lower[j]) in ("nam", "nu"):
            _add(header, "birth", j)
            continue
        _add(header, own if own is not None else parent, j)
    return header


def _short_level_names(text: str) -> tuple[str, ...]:
    return (fold(text),) if len(fold(text)) <= 4 else ()  # "CV", "CS", "TC": a level, though also a column alias


def find_header(buffer: list[tuple[int, tuple[object, ...]]], values: ValueReader) -> Header | None:
    """The best header among the scanned rows (the one naming the most known columns), or None."""
    best: Header | None = None
    for i in range(len(buffer)):
        candidates = [_one_row(buffer, i)]
        if i + 1 < len(buffer):
            candidates.append(_two_rows(buffer, i, values))
        for cand in candidates:
            if best is None or cand.score > best.score or (
                    cand.score == best.score and cand.ticks and not best.ticks):  # tick boxes read as such
                best = cand
    return best


def usable(header: Header | None) -> bool:
    """A header good enough to read people under it: a name column (a list of names only is a list too)."""
    if header is None:
        return False
    return "name" in header.columns or {"family_name", "given_name"} <= set(header.columns)


# --- title block -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleBlock:
    """What the rows above the header say: the issuing unit, its tier phrase, the list's date."""

    lines: tuple[str, ...]
    unit: str = ""  # the first line naming an office or place ("UBND HUYỆN MỸ XUYÊN")
    tier: str | None = None
    tier_text: str = ""  # the line the tier was read from
    year: int | None = None


def read_title(rows: list[tuple[object, ...]], values: ValueReader) -> TitleBlock:
    """The title block: the list's own title ("DANH SÁCH CÔNG CHỨC CẤP XÃ") names the tier before the issuer."""
    lines = [cell_text(v) for row in rows for v in row if cell_text(v)]
    unit, tier, tier_text, year = "", None, "", None
    listed: tuple[str, str] | None = None
    for line in lines:
        folded = fold(line)
        date = DATE_TEXT.search(folded)
        if date:
            year = year or int(date.group(1))
        found = values.tier_in(line)
        if found is None:
            continue
        if folded.startswith(("danh sach", "bang", "bao cao", "thong ke")):
            listed = listed or (found, line)
        elif not folded.startswith(AUTHORITY_SKIP) and not unit:
            unit, tier, tier_text = line, found, line
    if listed is not None:
        tier, tier_text = listed
    return TitleBlock(tuple(lines), unit, tier, tier_text, year)


# --- rows that are not people ------------------------------------------------------------------------------------


@dataclass
class RowJudge:
    """Decides, row by row, whether a row below the header is a person; remembers the current section heading."""

    header: Header
    values: ValueReader
    in_signature: bool = False
    section: str = ""  # the text of the last section heading ("I. PHÒNG NỘI VỤ" -> "PHÒNG NỘI VỤ")
    year: int | None = None  # the year of a date line ("Mỹ Xuyên, ngày 15 tháng 8 năm 2013")

    def __post_init__(self) -> None:
        self.name_col = self.header.columns.get("name", self.header.columns.get("family_name"))
        self.stt_col = self.header.columns.get("stt")

    def reason(self, row: tuple[object, ...]) -> str | None:
        """Why the row is not a person, or None if it is one."""
        stt = cell_text(row[self.stt_col]) if self.stt_col is not None and self.stt_col < len(row) else ""
        name = cell_text(row[self.name_col]) if self.name_col is not None and self.name_col < len(row) else ""
        numbered = _is_number(stt)
        if name and numbered and not self.in_signature:
            return None  # the common case, decided at once
        cells = [(j, cell_text(v)) for j, v in enumerate(row) if cell_text(v)]
        if not cells or (len(cells) == 1 and cells[0][0] == self.stt_col and _is_number(cells[0][1])):
            return BLANK
        texts = [t for _, t in cells]
        folded = [fold(t) for t in texts]
        if self._numbering(texts):
            return NUMBERING
        for f in folded:
            date = DATE_TEXT.search(f)
            if date:
                self.year = self.year or int(date.group(1))
                return DATE
        if any(f.startswith(SIGNATURE_WORDS) for f in folded):
            self.in_signature = True
            return SIGNATURE
        if not numbered and any(_is_total(t) for t in texts[:2]):
            return TOTAL
        if self.in_signature and not numbered:
            return SIGNATURE
        if not name and self._subheader(texts):
            return SUBHEADER
        heading = self._heading(stt, name, cells)
        if heading is not None:
            self.section = heading
            return HEADING
        return None

    def _numbering(self, texts: list[str]) -> bool:
        if len(texts) < MIN_NUMBERED_COLUMNS or not all(NUMBER_CELL.match(t) for t in texts):
            return False
        numbers = [int(t.strip("()")) for t in texts if t.strip("()").isdigit()]
        return numbers == sorted(set(numbers)) and (len(numbers) >= MIN_NUMBERED_COLUMNS or len(numbers) == 0)

    def _subheader(self, texts: list[str]) -> bool:
        """A row of column names or level labels (a header's second row, or the header repeated on a new page)."""
        known = 0
        for t in texts:
            key = header_key(t)
            if key == "name":
                return True
            if key is not None or any(self.values.level_in_header(f, t) for f in ("llct", "qlnn")):
                known += 1
        return known >= 2 and known >= len(texts) - 1

    def _heading(self, stt: str, name: str, cells: list[tuple[int, str]]) -> str | None:
        """The heading text of a section row ("I. PHÒNG NỘI VỤ", "Xã Đại Tâm"), or None for a person."""
        others = [t for j, t in cells if j not in (self.stt_col, self.name_col)]
        if len(others) > 1 or (name and others):
            return None  # a name with values, or several values: a person
        label = stt if stt and not _is_number(stt) else ""
        if label and name:  # "I" | "PHÒNG NỘI VỤ"
            return _strip_enumerator(name) if ROMAN_OR_LETTER.match(label) else None
        text = name or label or (others[0] if others else "")
        if not text:
            return None
        if ENUMERATOR.match(text):
            return _strip_enumerator(text)
        folded = fold(text)
        if folded in HEADING_STARTS or folded.startswith(tuple(w + " " for w in HEADING_STARTS)):
            return text
        if text.isupper() and self.values.matcher.find(text, ("tier", "office", "place", "role", "position")):
            return text
        if label and not name:  # a text across the STT column
            return _strip_enumerator(label)
        return None


def _is_number(text: str) -> bool:
    return text.rstrip(".").isdigit()


def _is_total(text: str) -> bool:
    """'Tổng cộng', 'Cộng: 29 người', 'Tổng số' (not the surname Tống)."""
    lower = text.lower().strip()
    if lower.startswith(("tổng cộng", "tổng số", "tổng", "cộng")) and not lower.startswith("cộng hòa"):
        return True
    return lower.isascii() and fold(lower).startswith(("tong cong", "tong so"))


def _strip_enumerator(text: str) -> str:
    return re.sub(r"^\s*(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)/:\-–]\s*", "", text).strip()
