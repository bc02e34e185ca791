"""What a staff list is once read: one RosterRow per person, and the Roster with what was understood."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.eligibility import Profile


@dataclass(frozen=True)
class RosterRow:
    """One person: where they are in the file, what was read, and what could not be."""

    row: int  # row number as the spreadsheet shows it (CSV: record number, header included)
    name: str
    profile: Profile
    values: tuple[object, ...]  # the input cells, aligned with Roster.headers
    errors: tuple[str, ...] = ()  # real problems: a cell that cannot be read, a missing name
    sheet: str | None = None
    unit: str = ""
    notes: tuple[str, ...] = ()  # worth knowing, not a problem: "LLCT: đang học cao cấp"
    tier_source: str = ""
    position: str = ""  # the chức danh / chức vụ as written


@dataclass(frozen=True)
class Roster:
    """A staff list as read: the input headers, one RosterRow per person in input order, and what was understood."""

    headers: tuple[str, ...]
    rows: tuple[RosterRow, ...]
    columns: dict[str, int] = field(default_factory=dict)  # column key -> index in headers
    skipped: int = 0
    file_kind: str = "xlsx"
    sheet: str | None = None  # the first sheet read
    year: int = 0  # the year ages are counted at
    sheets: tuple[str, ...] = ()  # every sheet read
    skipped_by: dict[str, int] = field(default_factory=dict)  # reason -> rows
    tier_sources: dict[str, int] = field(default_factory=dict)  # where the tier came from -> people
    missing: tuple[str, ...] = ()  # names of the plan's areas with no column in the list
    unit: str = ""  # the unit the list belongs to (title block, or given)
    year_source: str = ""
    file_name: str = ""
