"""Typed view models: what each reply template renders, one frozen class per template."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar


@dataclass(frozen=True)
class View:
    """What one template renders; `template` names it (bot/templates/<template>.j2)."""

    template: ClassVar[str] = ""

    def values(self) -> dict[str, Any]:
        """The view's fields by name, as the template reads them."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Verdict:
    """One requirement as shown: what it asks, the level held or lacked, and whether it is met (None: unknown)."""

    req: Any
    area: Any
    held: str | None = None
    held_name: str | None = None
    verdict: bool | None = None
    lacked: str | None = None
    lacked_name: str | None = None


@dataclass(frozen=True)
class RequirementsView(View):
    """The training a grade, tier or role requires; with `check`, each item's verdict for one person."""

    template: ClassVar[str] = "requirements"
    items: list[Verdict]
    areas: list[str] = field(default_factory=list)
    grade: Any = None
    tier: Any = None
    role: Any = None
    age: int | None = None
    by_grade: bool = False
    check: bool = False
    carried: str | None = None  # the topic kept from the last answer, announced "(về …)"
    silent_for: str | None = None  # the tier the plan says nothing of for this area
    targets: list = field(default_factory=list)
    others: list[Verdict] = field(default_factory=list)  # the standards not checked, in one line
    others_detail: bool = False


@dataclass(frozen=True)
class AnnexView(View):
    """Rows of the annex table, for one year or per year."""

    template: ClassVar[str] = "annex"
    rows: list
    annex: Any
    year: int | None = None
    per_year: bool = False
    paths: dict = field(default_factory=dict)
    whole_province: str | None = None  # the table is the province's, not the unit's named
    extreme: str | None = None  # "which has the most": the answer, computed
    computed: str | None = None  # a difference or sum asked of the table, computed


@dataclass(frozen=True)
class ClarifyView(View):
    """A question back: which grade, which tier, or which of a menu's topics."""

    template: ClassVar[str] = "clarify"
    ask: str
    question: str | None = None


@dataclass(frozen=True)
class FallbackView(View):
    """Out of the plan's scope, or not stated by it: why, and where the plan speaks of the topic."""

    template: ClassVar[str] = "fallback"
    reason: str | None = None
    near: Any = None


@dataclass(frozen=True)
class HelpView(View):
    """A greeting, thanks or an empty message: what can be asked."""

    template: ClassVar[str] = "help"
    empty: bool = False
    thanks: bool = False


@dataclass(frozen=True)
class TargetsView(View):
    """The plan's targets (objectives) asked for."""

    template: ClassVar[str] = "targets"
    targets: list


@dataclass(frozen=True)
class DutiesView(View):
    """Who does what, and by when."""

    template: ClassVar[str] = "duties"
    duties: list


@dataclass(frozen=True)
class StaffListView(View):
    """How to check a staff list."""

    template: ClassVar[str] = "staff_list"
    reply: str


@dataclass(frozen=True)
class DocumentView(View):
    """Facets of the document's identity (number, signer, period, bases …)."""

    template: ClassVar[str] = "document"
    facets: list[str]
    cc: Any = None


@dataclass(frozen=True)
class ScopeView(View):
    """Whom the plan covers, tier by tier."""

    template: ClassVar[str] = "scope"
    tiers: list


@dataclass(frozen=True)
class PassagesView(View):
    """The passages of the plan that answer, grouped by clause."""

    template: ClassVar[str] = "passages"
    sections: list
    more: int = 0
    more_clause: Any = None


@dataclass(frozen=True)
class OutlineView(View):
    """A part of the plan and its clauses."""

    template: ClassVar[str] = "outline"
    parent: str | None
    children: list


@dataclass(frozen=True)
class NoClauseView(View):
    """A clause id the plan does not have."""

    template: ClassVar[str] = "no_clause"
    asked: str


@dataclass(frozen=True)
class ClauseView(View):
    """One clause verbatim."""

    template: ClassVar[str] = "clause"
    clause: Any
    path: list[str]
    annex: Any = None


@dataclass(frozen=True)
class SearchView(View):
    """Passages matching keywords (/timkiem)."""

    template: ClassVar[str] = "search"
    hits: list
    query: str


@dataclass(frozen=True)
class CheckAskView(View):
    """One step of the /kiemtra dialog: the field asked, its number, and what was wrong with the last answer."""

    template: ClassVar[str] = "check_ask"
    label: str
    number: int
    count: int
    free: bool = False
    intro: bool = False
    problem: str | None = None


@dataclass(frozen=True)
class CheckCancelView(View):
    """The /kiemtra dialog stopped."""

    template: ClassVar[str] = "check_cancel"


@dataclass(frozen=True)
class StandardLine:
    """One standard on the /kiemtra result card."""

    area: str
    line: str
    status: str
    checkable: bool


@dataclass(frozen=True)
class CheckCardView(View):
    """The /kiemtra result card: the verdict, each standard, the training due, and the profile given."""

    template: ClassVar[str] = "check_card"
    overall: str
    standards: list[StandardLine]
    trainings: list[str]
    profile: list[str]


@dataclass(frozen=True)
class PlanListView(View):
    """The documents loaded, listed before a greeting's suggestions."""

    template: ClassVar[str] = "plan_list"
    docs: list
    example: str


@dataclass(frozen=True)
class WhichPlanView(View):
    """Which document a question is about, when several fit."""

    template: ClassVar[str] = "which_plan"
    docs: list


@dataclass(frozen=True)
class NoPlanView(View):
    """No loaded document is of the province or period asked."""

    template: ClassVar[str] = "no_plan"
    docs: list
