"""Open an uploaded staff list: limits, file-type sniffing, XLSX sheets and CSV text as rows; Vietnamese messages.

Limits (a file over a limit is refused with a Vietnamese message, never truncated):
  - MAX_FILE_BYTES: 5 MB uploaded file;
  - MAX_PEOPLE: 30,000 people;
  - MAX_SHEET_ROWS: 100,000 rows scanned in a sheet, blank rows included;
  - MAX_COLUMNS: 200 columns;
  - XLSX only: MAX_UNZIPPED_BYTES 100 MB of uncompressed content and MAX_ZIP_MEMBERS 1,000 parts, checked on the
    zip directory before any parsing (Python's zipfile never inflates a member past its declared size).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import openpyxl

from knowledge.queries import format_number

from roster.xlsx_read import Workbook

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PEOPLE = 30_000
MAX_SHEET_ROWS = 100_000
MAX_COLUMNS = 200
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 1_000

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls"}
TEXT_SUFFIXES = {"", ".csv", ".txt", ".tsv"}

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


Rows = Iterator[tuple[int, Sequence[object]]]  # (row number as the spreadsheet shows it, cells)

FOREIGN_MAGIC = {  # what a file that is not a spreadsheet really is, by its first bytes
    b"%PDF": "PDF", b"\x89PNG": "ảnh PNG", b"\xff\xd8\xff": "ảnh JPEG", b"GIF8": "ảnh GIF", b"{\\rtf": "văn bản RTF",
    b"Rar!": "nén RAR", b"7z\xbc\xaf": "nén 7z", b"\x1f\x8b": "nén GZIP",
}


def foreign_kind(data: bytes) -> str | None:
    """'PDF', 'ảnh PNG' ... when the bytes are a known non-spreadsheet format; else None."""
    for magic, kind in FOREIGN_MAGIC.items():
        if data.startswith(magic):
            return kind
    return None


def msg_foreign(kind: str) -> str:
    """The message for a file of another kind under a spreadsheet's name."""
    return (f"Tệp này là {kind}, không phải bảng tính Excel. "
            "Hãy gửi tệp Excel (.xlsx) hoặc CSV (.csv) của danh sách.")


def open_rows(source: bytes | str | os.PathLike, filename: str | None) -> tuple[str, str, Iterator[tuple[str | None, Rows]]]:
    """(file name, file kind 'xlsx'|'csv', the sheets as (sheet name, rows)); CSV has one sheet named None.
    Raises RosterError. The workbook is closed when the sheets iterator is exhausted or closed."""
    data, name = _load(source, filename)
    kind = _sniff(data, name)
    if kind != "xlsx":
        return name, "csv", iter([(None, _csv_rows(data, excel_name=kind == "text-as-excel"))])
    return name, kind, _xlsx_sheets(data)


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
    foreign = foreign_kind(data)
    if foreign is not None:
        raise RosterError(msg_foreign(foreign) if suffix in EXCEL_SUFFIXES | TEXT_SUFFIXES else MSG_WRONG_TYPE)
    if suffix in EXCEL_SUFFIXES:
        if data.lstrip()[:1] == b"<":
            raise RosterError(MSG_MARKUP)
        return "text-as-excel"  # some HR software exports text tables under an Excel name; the CSV reader judges
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


def _xlsx_sheets(data: bytes) -> Iterator[tuple[str | None, Rows]]:
    _check_zip(data)
    fast = _fast_sheets(data)
    if fast is not None:
        yield from fast
        return
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on malformed parts; all mean "corrupt"
        raise RosterError(MSG_CORRUPT) from exc
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            yield ws.title, _guarded(_sheet_rows(ws))
    finally:
        wb.close()


def _fast_sheets(data: bytes) -> list[tuple[str | None, Rows]] | None:
    """Every visible sheet's rows read by the fast reader; None when it cannot read this workbook (openpyxl will)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = Workbook(zf)
            return [(title, iter(book.rows(path, MAX_SHEET_ROWS, RosterError(MSG_TOO_MANY_ROWS))))
                    for title, path, visible in book.sheets if visible]
    except RosterError:
        raise
    except Exception:  # anything unusual: the slower, more tolerant reader decides
        return None


def _guarded(rows: Rows) -> Rows:
    """Rows of a sheet; a part that fails while streaming is as corrupt as one that fails to open."""
    try:
        yield from rows
    except RosterError:
        raise
    except Exception as exc:
        raise RosterError(MSG_CORRUPT) from exc


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


def _csv_rows(data: bytes, *, excel_name: bool = False) -> Iterator[tuple[int, Sequence[object]]]:
    try:
        text = decode_text(data)
    except RosterError:
        if excel_name:  # binary under an Excel name: not "save as CSV UTF-8"
            raise RosterError(MSG_NOT_EXCEL) from None
        raise
    if len(_CONTROL.findall(text[:20_000])) > 10:
        raise RosterError(MSG_NOT_EXCEL if excel_name else MSG_NOT_TEXT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_SHEET_ROWS:
                raise RosterError(MSG_TOO_MANY_ROWS)
            yield number, row
    except csv.Error as exc:
        raise RosterError(MSG_CSV) from exc


