"""What to reply, decided before rendering: the Decision every decision module returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.reply import Option, State
from bot.views import View


@dataclass
class Decision:
    """What to reply, before rendering."""

    kind: str
    intent: str
    confidence: float
    view: View
    grade: str | None = None
    tier: str | None = None
    clauses: list[str] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    state: State | None = None

    @property
    def template(self) -> str:
        """The template that renders this decision's view."""
        return self.view.template
