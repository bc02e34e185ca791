"""What to reply, decided before rendering: the Decision every decision module returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.reply import Option, State


@dataclass
class Decision:
    """What to reply, before rendering."""

    kind: str
    intent: str
    confidence: float
    template: str
    grade: str | None = None
    tier: str | None = None
    clauses: list[str] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    context: dict = field(default_factory=dict)
    state: State | None = None
