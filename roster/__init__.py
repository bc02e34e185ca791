"""Staff-list checks: read a roster (XLSX/CSV), check each person against the plan, write a report; no transport."""

from roster.check import check_roster
from roster.pipeline import Outcome, check_upload, report_name
from roster.reader import Roster, RosterError, RosterRow, read_roster
from roster.describe import describe
from roster.report import write_report
from roster.summary import person_text, summary_text, understood_text
from roster.template import build_template, valid_values
from roster.values import ValueProblem, ValueReader

__all__ = [
    "Outcome", "Roster", "RosterError", "RosterRow", "ValueProblem", "ValueReader", "build_template", "check_roster",
    "check_upload", "describe", "person_text", "read_roster", "report_name", "summary_text", "understood_text",
    "valid_values", "write_report",
]
