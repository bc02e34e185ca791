"""The ONE adapter between the web page and the staff-list checker (roster/): the page reaches it only here.

Everything runs in memory: the uploaded bytes are read, checked and dropped; the report is returned as bytes.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

# The checker package (issue 9's roster/): these two imports are the only place the web page names it.
import roster as checker
from bot.core import default_assistant
from roster import reader as checker_reader

RosterError = checker.RosterError
EXCEL_SUFFIXES, TEXT_SUFFIXES = checker_reader.EXCEL_SUFFIXES, checker_reader.TEXT_SUFFIXES
MAX_FILE_BYTES, MAX_PEOPLE, MAX_COLUMNS = checker_reader.MAX_FILE_BYTES, checker_reader.MAX_PEOPLE, checker_reader.MAX_COLUMNS
MSG_TOO_BIG, MSG_WRONG_TYPE = checker_reader.MSG_TOO_BIG, checker_reader.MSG_WRONG_TYPE

# (stage, done, total): stage is "doc" (reading), "kiem" (checking) or "ghi" (writing the report)
Progress = Callable[[str, int, int | None], None]
ACCEPTED_SUFFIXES = frozenset((EXCEL_SUFFIXES | TEXT_SUFFIXES) - {"", ".xls"})
TOO_BIG = MSG_TOO_BIG
WRONG_TYPE = MSG_WRONG_TYPE


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


LIMITS = (
    f"Tệp .xlsx hoặc .csv, tối đa {MAX_FILE_BYTES // 2**20} MB.",
    f"Tối đa {_number(MAX_PEOPLE)} người và {MAX_COLUMNS} cột mỗi tệp.",
    "Tệp chỉ được xử lý trong bộ nhớ rồi bỏ đi, không lưu lại ở đâu.",
)


class StaffListError(ValueError):
    """The file cannot be checked; str() is a short Vietnamese message for the user."""


@dataclass(frozen=True)
class StaffCheck:
    """One checked list: what was understood, the summary, the XLSX report and the names of its sheets."""

    people: int
    understood: tuple[str, ...]
    summary: str
    report: bytes
    report_name: str
    sheets: tuple[str, ...] = ()  # the report's sheets, e.g. the results, the summary, the training needs


def acceptable(filename: str) -> bool:
    """Does the name say CSV or XLSX (an empty name is judged by the content later)?"""
    suffix = PurePath(filename or "").suffix.lower()
    return not suffix or suffix in ACCEPTED_SUFFIXES or suffix == ".xls"  # .xls gets the reader's own hint


def report_name(filename: str) -> str:
    """The report's file name, derived from the list's (the checker's rule)."""
    return checker.report_name(filename)


def template() -> bytes:
    """The XLSX template to fill in."""
    return default_assistant().staff_template()


def check(data: bytes, filename: str, progress: Progress | None = None) -> StaffCheck:
    """Read, check and report one list. CPU-bound (seconds for 20,000 rows): run it in a worker thread.
    Raises StaffListError with a Vietnamese message."""
    kb = default_assistant().kb
    tell = progress or (lambda stage, done, total: None)
    if len(data) > MAX_FILE_BYTES:
        raise StaffListError(TOO_BIG)
    try:
        roster = checker.read_roster(data, filename, kb=kb, progress=lambda done, total: tell("doc", done, total))
        results = checker.check_roster(kb, roster, progress=lambda done, total: tell("kiem", done, total))
        tell("ghi", len(roster.rows), len(roster.rows))
        report = checker.write_report(kb, roster, results)
        summary = checker.summary_text(kb, roster, results)
    except RosterError as exc:
        raise StaffListError(str(exc)) from None
    understood = _understood(roster)
    first, _, rest = summary.partition("\n")
    if rest and first.startswith(understood[0]):  # the summary opens with what was understood: shown apart here
        summary = rest
    return StaffCheck(len(roster.rows), understood, summary, report, report_name(filename), sheet_names(report))


def sheet_names(xlsx: bytes) -> tuple[str, ...]:
    """The sheet names of an XLSX file, read from its workbook part (no cell is parsed)."""
    try:
        with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
            workbook = z.read("xl/workbook.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return ()
    return tuple(html.unescape(name) for name in re.findall(r'<sheet\b[^>]*\bname="([^"]*)"', workbook))


def _understood(roster) -> tuple[str, ...]:
    """What the reader made of the file, one item per clause of the checker's own account."""
    parts = (part.strip().rstrip(".") for part in checker.understood_text(roster).split("; "))
    return tuple(part[:1].upper() + part[1:] for part in parts if part)
