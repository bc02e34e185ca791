"""The plan's table of contents and its annex as typed rows, for channels that show tables (the web page)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.assistant import default_assistant


@dataclass(frozen=True)
class ContentsEntry:
    """One heading of the plan: its clause id, title, depth (0 for I, II …) and whether it has text of its own."""

    id: str
    title: str
    depth: int
    has_text: bool


@dataclass(frozen=True)
class AnnexLine:
    """One row of the annex table as printed: TT, label, figures per year, total; depth 0 for a top row."""

    code: str
    tt: str
    label: str
    by_year: tuple[int, ...]
    total: int
    depth: int
    is_total: bool


@dataclass(frozen=True)
class AnnexTable:
    """The annex: its title, unit, years and rows in printed order."""

    clause: str
    title: str
    unit: str
    years: tuple[int, ...]
    lines: tuple[AnnexLine, ...]


def contents() -> list[ContentsEntry]:
    """Every clause of the plan, in the plan's order."""
    kb = default_assistant().kb
    return [ContentsEntry(c.id, c.title, c.id.count("."), bool(c.items)) for c in kb.clauses]


def annex_table() -> AnnexTable | None:
    """The annex as rows, or None when the plan has none."""
    annex = default_assistant().kb.annex
    if annex is None:
        return None
    lines = tuple(
        AnnexLine(r.code, r.tt, r.label, tuple(r.by_year), r.total, r.code.count("."), not r.tt)
        for r in annex.rows
    )
    return AnnexTable(annex.clause, annex.title, annex.unit, tuple(annex.years), lines)


@dataclass(frozen=True)
class PlanName:
    """How pages name the plan: short ('Kế hoạch 39/KH-UBND') and with its date, issuer and title."""

    short: str
    long: str
    title: str


def plan_name() -> PlanName:
    """The plan's name from its document record."""
    doc = default_assistant().kb.document
    short = f"Kế hoạch {doc.number}"
    return PlanName(short, f"{short} ngày {doc.date:%d/%m/%Y} của {doc.issuer}", doc.title)
