"""Read, check and report one uploaded staff list in one call; the bytes are processed in memory and discarded."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge import default_kb
from knowledge.eligibility import Check
from knowledge.schema import KnowledgeBase

from roster.check import check_roster
from roster.reader import Roster, read_roster
from roster.report import summary_text, write_report


@dataclass(frozen=True)
class Outcome:
    """The result of checking one file: the people read, their checks, a chat text and the XLSX report."""

    roster: Roster
    results: list[list[Check]]
    text: str
    report: bytes


def check_upload(data: bytes, filename: str, *, kb: KnowledgeBase | None = None, year: int | None = None) -> Outcome:
    """Check an uploaded roster (XLSX or CSV bytes). CPU-bound (about 4 s for 20,000 rows): run it in a worker
    thread from async code. Raises RosterError with a Vietnamese message for the user."""
    kb = kb or default_kb()
    roster = read_roster(data, filename, kb=kb, year=year)
    results = check_roster(kb, roster)
    return Outcome(roster, results, summary_text(kb, roster, results), write_report(kb, roster, results))
