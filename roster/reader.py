"""Read a staff list (XLSX or CSV) into profiles with per-row errors, within stated limits; nothing is kept or logged.

Limits (a file over a limit is refused with a Vietnamese message, never truncated):
  - MAX_FILE_BYTES: 5 MB uploaded file;
  - MAX_PEOPLE: 30,000 people (non-blank rows);
  - MAX_SHEET_ROWS: 100,000 rows scanned in a sheet, blank rows included;
  - MAX_COLUMNS: 200 columns;
  - XLSX only: MAX_UNZIPPED_BYTES 100 MB of uncompressed content and MAX_ZIP_MEMBERS 1,000 parts, checked on the
    zip directory before any parsing (Python's zipfile never inflates a member past its declared size).
Blank rows (nothing but an STT number) and a column-numbering row under the header ((1) (2) (3) ...) are not
people; they are counted in Roster.skipped, never dropped silently.
The header is the row, among a sheet's first 15, naming the most known columns (at least two); a blank header cell
takes the text of the cell above it (two-row headers with merged cells). The first sheet with a usable header is read.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from knowledge import default_kb
from knowledge.eligibility import Profile
from knowledge.queries import format_number
from knowledge.schema import KnowledgeBase

from roster.columns import BY_KEY, header_key, required_headers
from roster.values import ValueProblem, ValueReader, cell_text

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PEOPLE = 30_000
MAX_SHEET_ROWS = 100_000
MAX_COLUMNS = 200
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 1_000
HEADER_SCAN_ROWS = 15
MIN_HEADER_MATCHES = 2  # a row naming at least two known columns is the header
MIN_NUMBERED_COLUMNS = 3
PROGRESS_EVERY = 1_000

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls"}
TEXT_SUFFIXES = {"", ".csv", ".txt", ".tsv"}
PROFILE_KEYS = ("tier", "grade", "role", "chuyen_mon", "llct", "qlnn", "tin_hoc", "qp_an",
                "ethnic_area", "newly_recruited", "planned_appointment")

MSG_TOO_BIG = f"Tệp quá lớn: tối đa {MAX_FILE_BYTES // 2**20} MB."
MSG_EMPTY = "Tệp rỗng."
MSG_WRONG_TYPE = "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."
MSG_OLE = ("Tệp có đặt mật khẩu hoặc là Excel cũ (.xls). "
           "Hãy bỏ mật khẩu, lưu lại dạng .xlsx hoặc .csv rồi gửi lại.")
MSG_CORRUPT = "Tệp Excel bị hỏng, không đọc được. Hãy mở bằng Excel, lưu lại dạng .xlsx rồi gửi lại."
MSG_NOT_EXCEL = "Tệp này không phải bảng tính Excel (.xlsx). Hãy lưu lại dạng .xlsx hoặc .csv rồi gửi lại."
MSG_MARKUP = "Tệp là trang HTML/XML mang tên Excel. Hãy mở bằng Excel, lưu lại dạng .xlsx rồi gửi lại."
MSG_BOMB = f"Tệp Excel giải nén ra quá lớn (trên {MAX_UNZIPPED_BYTES // 2**20} MB), không xử lý."
MSG_ENCODING = "Không nhận ra bảng mã của tệp CSV. Hãy lưu lại dạng “CSV UTF-8” rồi gửi lại."
MSG_NOT_TEXT = "Tệp không phải CSV dạng văn bản. " + MSG_WRONG_TYPE
MSG_CSV = "Tệp CSV sai định dạng, không đọc được."
MSG_TOO_MANY_PEOPLE = f"Danh sách quá dài: tối đa {format_number(MAX_PEOPLE)} người mỗi tệp. Hãy chia nhỏ tệp."
MSG_TOO_MANY_ROWS = f"Bảng tính quá dài: quá {format_number(MAX_SHEET_ROWS)} dòng (kể cả dòng trống). Hãy xóa các dòng thừa."
MSG_TOO_MANY_COLUMNS = f"Bảng tính có quá nhiều cột: tối đa {MAX_COLUMNS} cột."
MSG_NO_PEOPLE = "Danh sách không có người nào (chỉ có dòng tiêu đề hoặc dòng trống)."

Progress = Callable[[int, int | None], None]


class RosterError(ValueError):
    """The file cannot be read as a staff list; str() is a short Vietnamese message for the user."""


@dataclass(frozen=True)
class RosterRow:
    """One person: where they are in the file, what was read, and what could not be."""

    row: int  # row number as the spreadsheet shows it (CSV: record number, header included)
    name: str
    profile: Profile
    values: tuple[object, ...]  # the input cells, aligned with Roster.headers
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Roster:
    """A staff list as read: the input headers, one RosterRow per person in input order."""

    headers: tuple[str, ...]
    rows: tuple[RosterRow, ...]
    columns: dict[str, int] = field(default_factory=dict)  # column key -> index in headers
    skipped: int = 0
    file_kind: str = "xlsx"
    sheet: str | None = None
    year: int = 0


def read_roster(
    source: bytes | str | os.PathLike,
    filename: str | None = None,
    *,
    kb: KnowledgeBase | None = None,
    year: int | None = None,
    progress: Progress | None = None,
) -> Roster:
    """Read a staff list from bytes (with its file name) or a path. Raises RosterError."""
    data, name = _load(source, filename)
    kb = kb or default_kb()
    year = year or dt.date.today().year
    values = ValueReader(kb, year)
    kind = _sniff(data, name)
    if kind == "csv":
        return _build(iter([(None, _csv_rows(data))]), values, "csv", progress)
    return _read_xlsx(data, values, progress)


def _load(source: bytes | str | os.PathLike, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > MAX_FILE_BYTES:
            raise RosterError(MSG_TOO_BIG)
        return data, filename or ""
    path = Path(source)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RosterError(MSG_TOO_BIG)
        data = path.read_bytes()
    except OSError as exc:
        raise RosterError(f"Không mở được tệp {path.name}: {os_problem(exc)}.") from exc
    return data, filename or path.name


def os_problem(exc: OSError) -> str:
    """A file-system error in Vietnamese."""
    if isinstance(exc, FileNotFoundError):
        return "không tìm thấy tệp"
    if isinstance(exc, PermissionError):
        return "không có quyền truy cập"
    if isinstance(exc, IsADirectoryError):
        return "đây là thư mục, không phải tệp"
    return "lỗi đọc/ghi tệp"


def _sniff(data: bytes, name: str) -> str:
    if not data:
        raise RosterError(MSG_EMPTY)
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        raise RosterError(MSG_OLE)
    suffix = Path(name).suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        if data.lstrip()[:1] == b"<":
            raise RosterError(MSG_MARKUP)
        return "csv"  # some HR software exports text tables under an Excel name; the CSV reader judges
    if suffix not in TEXT_SUFFIXES:
        raise RosterError(MSG_WRONG_TYPE)
    return "csv"


# --- XLSX -------------------------------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise RosterError(MSG_CORRUPT) from exc
    if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise RosterError(MSG_BOMB)
    names = {i.filename for i in infos}
    if any(i.flag_bits & 0x1 for i in infos):
        raise RosterError(MSG_OLE)
    if "xl/workbook.xml" not in names:
        raise RosterError(MSG_NOT_EXCEL if names else MSG_CORRUPT)


def _read_xlsx(data: bytes, values: ValueReader, progress: Progress | None) -> Roster:
    _check_zip(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on malformed parts; all mean "corrupt"
        raise RosterError(MSG_CORRUPT) from exc
    try:
        sheets = ((ws.title, _sheet_rows(ws)) for ws in wb.worksheets)
        return _build(sheets, values, "xlsx", progress)
    except RosterError:
        raise
    except Exception as exc:  # a part that fails while streaming rows is just as corrupt
        raise RosterError(MSG_CORRUPT) from exc
    finally:
        wb.close()


def _sheet_rows(ws) -> Iterator[tuple[int, Sequence[object]]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # some writers store a wrong size; read every row actually present
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_SHEET_ROWS:
            raise RosterError(MSG_TOO_MANY_ROWS)
        yield number, row


# --- CSV --------------------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Text of a CSV in UTF-8 (with or without BOM), UTF-16 or Windows-1258. Raises RosterError."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        head = data[:400]
        if len(head) >= 4 and head.count(0) >= len(head) // 4:
            return data.decode("utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be")
    except UnicodeDecodeError as exc:
        raise RosterError(MSG_ENCODING) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError as exc:
        raise RosterError(MSG_ENCODING) from exc


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _delimiter(text: str) -> str:
    lines = [ln for ln in text[:100_000].splitlines()[:30] if ln.strip()]
    best, best_width = ",", 0
    for delim in (",", ";", "\t", "|"):
        try:
            width = max((len(r) for r in csv.reader(lines, delimiter=delim)), default=0)
        except csv.Error:
            continue
        if width > best_width:
            best, best_width = delim, width
    return best


def _csv_rows(data: bytes) -> Iterator[tuple[int, Sequence[object]]]:
    text = decode_text(data)
    if len(_CONTROL.findall(text[:20_000])) > 10:
        raise RosterError(MSG_NOT_TEXT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_SHEET_ROWS:
                raise RosterError(MSG_TOO_MANY_ROWS)
            yield number, row
    except csv.Error as exc:
        raise RosterError(MSG_CSV) from exc


# --- rows to people ---------------------------------------------------------------------------------------------


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim(row: Sequence[object]) -> tuple[object, ...]:
    end = len(row)
    while end and _blank(row[end - 1]):
        end -= 1
    if end > MAX_COLUMNS:
        raise RosterError(MSG_TOO_MANY_COLUMNS)
    return tuple(row[:end])


@dataclass
class _Header:
    index: int  # position of the header row in the scanned buffer
    texts: list[str]
    columns: dict[str, int]

    @property
    def score(self) -> int:
        return len(self.columns)


def _header_at(buffer: list[tuple[int, tuple[object, ...]]], i: int) -> _Header:
    row = list(buffer[i][1])
    above = buffer[i - 1][1] if i > 0 else ()
    for j, above_value in enumerate(above):  # two-row headers: a merged cell above names the column
        if j >= len(row):
            row.append(None)
        if _blank(row[j]) and not _blank(above_value):
            row[j] = above_value
    texts = [cell_text(v) for v in row]
    columns: dict[str, int] = {}
    for j, text in enumerate(texts):
        key = header_key(text)
        if key is not None and key not in columns:
            columns[key] = j
    return _Header(i, texts, columns)


def _find_header(buffer: list[tuple[int, tuple[object, ...]]]) -> _Header | None:
    best: _Header | None = None
    for i in range(len(buffer)):
        cand = _header_at(buffer, i)
        if best is None or cand.score > best.score:
            best = cand
    return best


def _missing_columns(header: _Header | None) -> list[str]:
    found = set(header.columns) if header else set()
    if {"family_name", "given_name"} <= found:
        found.add("name")
    return [BY_KEY[k].header for k in BY_KEY if BY_KEY[k].required and k not in found]


_NUMBERING = re.compile(r"^\(?\d{1,3}\)?$")


def _is_numbering(row: tuple[object, ...]) -> bool:
    cells = [cell_text(v) for v in row if not _blank(v)]
    if len(cells) < MIN_NUMBERED_COLUMNS or not all(_NUMBERING.match(c) for c in cells):
        return False
    numbers = [int(c.strip("()")) for c in cells]
    return numbers == sorted(set(numbers))


def _build(
    sheets: Iterable[tuple[str | None, Iterator[tuple[int, Sequence[object]]]]],
    values: ValueReader,
    file_kind: str,
    progress: Progress | None,
) -> Roster:
    best: _Header | None = None
    for sheet, rows in sheets:
        buffer: list[tuple[int, tuple[object, ...]]] = []
        for number, row in rows:
            buffer.append((number, _trim(row)))
            if len(buffer) >= HEADER_SCAN_ROWS:
                break
        header = _find_header(buffer)
        if header is not None and (best is None or header.score > best.score):
            best = header
        if header is None or header.score < MIN_HEADER_MATCHES or _missing_columns(header):
            continue
        rest = ((n, _trim(r)) for n, r in rows)
        return _people(sheet, header, buffer[header.index + 1:], rest, values, file_kind, progress)
    missing = _missing_columns(best)
    if best is None or best.score < MIN_HEADER_MATCHES:
        raise RosterError("Không tìm thấy dòng tiêu đề. Cần các cột: " + ", ".join(required_headers()) + ".")
    raise RosterError("Thiếu cột: " + ", ".join(missing) + ".")


def _people(
    sheet: str | None,
    header: _Header,
    buffered: list[tuple[int, tuple[object, ...]]],
    rest: Iterator[tuple[int, tuple[object, ...]]],
    values: ValueReader,
    file_kind: str,
    progress: Progress | None,
) -> Roster:
    columns = header.columns
    stt = columns.get("stt")
    people: list[RosterRow] = []
    skipped = 0
    width = len(header.texts)
    first = True
    for number, row in _chain(buffered, rest):
        if first and _is_numbering(row):
            skipped += 1
            first = False
            continue
        first = False
        if all(_blank(v) for j, v in enumerate(row) if j != stt):
            skipped += 1
            continue
        if len(people) >= MAX_PEOPLE:
            raise RosterError(MSG_TOO_MANY_PEOPLE)
        width = max(width, len(row))
        people.append(_person(number, row, header, values, file_kind))
        if progress is not None and len(people) % PROGRESS_EVERY == 0:
            progress(len(people), None)
    if not people:
        raise RosterError(MSG_NO_PEOPLE)
    headers = tuple(header.texts) + ("",) * (width - len(header.texts))
    return Roster(headers, tuple(people), dict(columns), skipped, file_kind, sheet, values.year)


def _chain(buffered, rest):
    yield from buffered
    yield from rest


def _cell_ref(file_kind: str, number: int, column: int, header: str) -> str:
    if file_kind == "xlsx":
        return f"Dòng {number}, cột “{header}” ({get_column_letter(column + 1)}{number})"
    return f"Dòng {number}, cột “{header}”"


def _person(number: int, row: tuple[object, ...], header: _Header, values: ValueReader, file_kind: str) -> RosterRow:
    columns = header.columns

    def cell(key: str) -> object:
        j = columns.get(key)
        return row[j] if j is not None and j < len(row) else None

    errors: list[str] = []
    read: dict[str, object] = {}
    for key in (*PROFILE_KEYS, "birth", "age"):
        j = columns.get(key)
        if j is None:
            continue
        try:
            read[key] = values.read(key, cell(key))
        except ValueProblem as problem:
            errors.append(f"{_cell_ref(file_kind, number, j, header.texts[j])}: {problem}")
    age = read.pop("birth", None)
    if age is None:
        age = read.get("age")
    read.pop("age", None)
    profile = Profile(age=age, **{k: v for k, v in read.items() if v is not None})
    name = cell_text(cell("name")) or " ".join(
        t for t in (cell_text(cell("family_name")), cell_text(cell("given_name"))) if t
    )
    if not name:
        errors.insert(0, f"Dòng {number}: thiếu họ và tên")
    return RosterRow(number, name, profile, row, tuple(errors))
