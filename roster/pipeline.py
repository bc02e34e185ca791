"""Read, check and report one uploaded staff list in one call; the bytes are processed in memory and discarded.
check_upload serves every channel: the Telegram upload, the command line and a web page (Outcome.as_dict)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from knowledge import default_kb
from knowledge.eligibility import Check
from knowledge.schema import KnowledgeBase

from roster.check import check_roster
from roster.reader import Roster, read_roster
from roster.report import write_report
from roster.summary import summary_text, understood_text
from roster.tally import tally

REPORT_SUFFIX = "_ket_qua_kiem_tra.xlsx"
DEFAULT_STEM = "danh_sach"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def report_name(source_name: str | None) -> str:
    """The report's file name, derived from the list's: 'DS phong Noi vu.xlsx' -> 'DS phong Noi vu_ket_qua_kiem_tra.xlsx'."""
    stem = _UNSAFE.sub(" ", PurePath(source_name or "").stem).strip(" .")[:80] or DEFAULT_STEM
    return stem + REPORT_SUFFIX


@dataclass(frozen=True)
class Outcome:
    """The result of checking one file: the people read, their checks, what was understood, a chat text, the XLSX
    report and its file name."""

    roster: Roster
    results: list[list[Check]]
    understood: str
    text: str
    report: bytes
    report_name: str

    def as_dict(self, kb: KnowledgeBase | None = None) -> dict:
        """A JSON-ready view for a web page: what was understood, the counts, the chat text, the report's name."""
        t = tally(kb or default_kb(), self.roster, self.results)
        return {
            "understood": self.understood,
            "text": self.text,
            "people": t.people,
            "verdicts": dict(t.overall),
            "skipped": dict(self.roster.skipped_by),
            "missing_columns": list(self.roster.missing),
            "year": self.roster.year,
            "report_name": self.report_name,
        }


def check_upload(data: bytes, filename: str, *, kb: KnowledgeBase | None = None, year: int | None = None,
                 unit: str | None = None) -> Outcome:
    """Check an uploaded roster (XLSX or CSV bytes). CPU-bound (about 4 s for 20,000 rows): run it in a worker
    thread from async code. Raises RosterError with a Vietnamese message for the user."""
    kb = kb or default_kb()
    roster = read_roster(data, filename, kb=kb, year=year, unit=unit)
    results = check_roster(kb, roster)
    return Outcome(roster, results, understood_text(roster), summary_text(kb, roster, results),
                   write_report(kb, roster, results, unit=unit), report_name(filename))
