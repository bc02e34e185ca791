"""The core's entry points that channels call (answer a message, quote, search, menus), over every loaded plan."""

from __future__ import annotations

import functools

from bot.assistant import Assistant, default_assistant  # noqa: F401  (re-exported: the assistant over one plan)
from bot.reply import Option, Reply, State
from bot.understand import Understander




@functools.lru_cache(maxsize=1)
def default_library():
    """Every plan of knowledge/data (or BOT_PLAN_DIRS) side by side, each message routed to its own; built once."""
    from bot.library import PlanLibrary
    from knowledge.loader import default_kb, default_plans

    plans = default_plans()
    assistants = [default_assistant() if kb is default_kb() else Assistant(Understander(kb)) for kb in plans]
    return PlanLibrary(assistants)


def answer(query: str, state: State | None = None) -> Reply:
    """Answer one message in the context of a conversation state."""
    return default_library().answer(query, state)


def quote_clause(clause_id: str, state: State | None = None) -> Reply:
    """A clause of the plan verbatim (/dieu II.1.b)."""
    return default_library().quote_clause(clause_id, state)


def search_plan(keywords: str, state: State | None = None) -> Reply:
    """Search the plan's text (/timkiem)."""
    return default_library().search_plan(keywords, state)


def annex_reply(state: State | None = None) -> Reply:
    """The annex figures (/chitieu)."""
    return default_library().annex_reply(state)


def document_reply(state: State | None = None) -> Reply:
    """Number, date, signer, legal bases, period (/vanban)."""
    return default_library().document_reply(state)


def requirements_reply(grade: str | None, tier: str | None, state: State | None = None) -> Reply:
    """Everything required of a grade at a tier (/ngach)."""
    return default_library().requirements_reply(grade, tier, state)


def start_check(state: State | None = None) -> Reply:
    """Begin the step-by-step eligibility check (/kiemtra); later answers go through answer()."""
    return default_library().start_check(state)


def profile_of(*texts: str) -> tuple[str | None, str | None]:
    """The grade and tier ids named in any of the texts."""
    return default_assistant().profile_of(*texts)


def annex_series() -> tuple[list[int], list[tuple[str, list[int]]], list[int]]:
    """The annex per year, for a chart: years, (label, figures) series, grand totals."""
    return default_assistant().annex_series()


def staff_template() -> bytes:
    """The XLSX staff-list template (/mau)."""
    return default_assistant().staff_template()


def grade_options() -> list[Option]:
    """Buttons for choosing a grade (Option.query is the grade id)."""
    return default_assistant().grade_options()


def tier_options() -> list[Option]:
    """Buttons for choosing a tier (Option.query is the tier id)."""
    return default_assistant().tier_options()
