"""Entry points of the core: answer(query, state) and the command replies channels expose."""

from __future__ import annotations

from bot.reply import Option, Reply, State


def _todo(state: State | None) -> Reply:
    return Reply(kind="fallback", intent="todo", confidence=0.0, text="(đang xây dựng)", html="(đang xây dựng)",
                 state=state or State())


def answer(query: str, state: State | None = None) -> Reply:
    """Answer one message in the context of a conversation state."""
    return _todo(state)


def quote_clause(clause_id: str, state: State | None = None) -> Reply:
    """A clause of the plan verbatim (/dieu II.1.b)."""
    return _todo(state)


def search_plan(keywords: str, state: State | None = None) -> Reply:
    """Search the plan's text (/timkiem)."""
    return _todo(state)


def annex_reply(state: State | None = None) -> Reply:
    """The annex figures (/chitieu)."""
    return _todo(state)


def document_reply(state: State | None = None) -> Reply:
    """Number, date, signer, legal bases, period (/vanban)."""
    return _todo(state)


def requirements_reply(grade: str | None, tier: str | None, state: State | None = None) -> Reply:
    """Everything required of a grade at a tier (/ngach)."""
    return _todo(state)


def grade_options() -> list[Option]:
    """Buttons for choosing a grade."""
    return []


def tier_options() -> list[Option]:
    """Buttons for choosing a tier."""
    return []
