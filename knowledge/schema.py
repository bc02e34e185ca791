"""Pydantic schema of a training plan: document, clauses, scales, requirements, annex."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator


class Strict(BaseModel):
    """Base for every KB model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(Strict):
    """The years a plan covers, both ends included."""

    start: int
    end: int


class Signer(Strict):
    """Who signed the document and in what capacity."""

    name: str
    title: str
    on_behalf: str


class Document(Strict):
    """Identity of the document: number, date, issuer, signer, period."""

    id: str = Field(description="short id used in file names and commands")
    number: str = Field(description="số hiệu, as printed, e.g. 39/KH-UBND")
    date: dt.date
    issuer: str
    province: str
    title: str
    period: Period
    implements: str | None = Field(None, description="the higher decision the plan implements")
    signer: Signer
    recipients: list[str] = []
    kind: str = Field("Kế hoạch", description="the kind of document, as its title calls it")
    short: str = Field(description="the short name a source line uses, e.g. KH 39/KH-UBND")

    @property
    def name(self) -> str:
        """'Kế hoạch 39/KH-UBND'."""
        return f"{self.kind} {self.number}"

    @property
    def date_text(self) -> str:
        """The date as Vietnamese documents write it: 05/12/2011."""
        return self.date.strftime("%d/%m/%Y")

    @property
    def period_text(self) -> str:
        """'2011 - 2015'."""
        return f"{self.period.start} - {self.period.end}"

    @property
    def ended(self) -> int:
        """The last year of the period."""
        return self.period.end

    def in_period(self, year: int) -> bool:
        """Is the year within the plan's period?"""
        return self.period.start <= year <= self.period.end


class Clause(Strict):
    """One numbered part of the plan, with its items quoted verbatim."""

    id: str = Field(description="clause id, e.g. II.1.b; parents are id prefixes")
    title: str = Field(description="the heading as the plan writes it")
    items: list[str] = Field(default=[], description="bullets/paragraphs, verbatim")

    @property
    def text(self) -> str:
        """The clause body as one string."""
        return "\n".join(self.items)


class Level(Strict):
    """One step of an ordered scale, with the ways people write it."""

    id: str
    name: str
    aliases: list[str] = []


class Scale(Strict):
    """An ordered scale of levels, lowest first ("trung cấp trở lên" = this index or higher)."""

    id: str
    name: str
    levels: list[Level]

    def index(self, level_id: str) -> int:
        """Position of a level in the scale; raises KeyError if absent."""
        for i, level in enumerate(self.levels):
            if level.id == level_id:
                return i
        raise KeyError(level_id)

    def level(self, level_id: str) -> Level:
        """The level with this id."""
        return self.levels[self.index(level_id)]


class Tier(Strict):
    """An administrative tier (cấp) and the units it covers, as the plan defines it."""

    id: str
    name: str
    covers: list[str] = Field(description="units the plan says the tier includes; empty when it names none")
    clause: str
    quote: str
    aliases: list[str] = []
    graded: bool = Field(True, description="the plan's requirements at this tier go by grade (ngạch)")
    default_role: str | None = Field(None, description="the role assumed at this tier when none is named")
    clauses: list[str] = Field(default=[], description="clauses written for this tier (preferred when it is named)")


class Grade(Strict):
    """A civil-service grade (ngạch), always read as "và tương đương"."""

    id: str
    name: str
    short: str
    aliases: list[str] = []


class Role(Strict):
    """A position or group the plan addresses apart from grades."""

    id: str
    name: str
    tiers: list[str] = Field(default=[], description="tiers the role exists in; empty = all")
    aliases: list[str] = []
    clauses: list[str] = Field(default=[], description="clauses written for this role (preferred when it is named)")


class Area(Strict):
    """A field of training (chuyên môn, LLCT, QLNN ...), optionally measured on a scale."""

    id: str
    name: str
    scale: str | None = None
    aliases: list[str] = []


class Conditions(Strict):
    """Extra facts about a person that make a requirement apply."""

    ethnic_area: bool | None = None
    age_under: int | None = None
    newly_recruited: bool | None = None
    planned_appointment: bool | None = None

    @property
    def event(self) -> bool:
        """A step of a career (recruitment, an appointment) that calls for training whatever the grade."""
        return bool(self.newly_recruited or self.planned_appointment)


class Requirement(Strict):
    """What the plan requires (standard) or provides (training) for a group, with its clause."""

    id: str
    kind: Literal["standard", "training"] = Field(
        description="standard: a level the person must hold; training: what the plan trains them in"
    )
    clause: str
    area: str
    tiers: list[str] = Field(default=[], description="empty = every tier")
    grades: list[str] | None = Field(None, description="None = any grade")
    roles: list[str] | None = Field(None, description="None = any role")
    when: Conditions | None = None
    min_level: str | None = Field(None, description="lowest level that meets it; None = the plan states none")
    alternatives: list[str] = Field(default=[], description="levels any one of which meets it")
    target_group_max: int | None = Field(
        None, description="addressed to đối tượng 1..N only (QP-AN: 'từ đối tượng 1 đến đối tượng 3'); "
                          "a person checker verifies it only where the person's đối tượng is known")
    statement: str = Field(description="short Vietnamese summary in the plan's words")
    quote: str = Field(description="verbatim excerpt of the clause")

    @property
    def checkable(self) -> bool:
        """True when a held level can be compared with what is required."""
        return self.kind == "standard" and self.min_level is not None


class Objective(Strict):
    """A numeric target of the plan."""

    id: str
    clause: str
    subject: str
    value: str
    deadline: str | None = None
    quote: str
    roles: list[str] = Field(default=[], description="roles the target is about, shown with their requirements")


class Responsibility(Strict):
    """Who must do what, and by when."""

    id: str
    clause: str
    actor: str
    duty: str
    deadline: str | None = None
    quote: str


def parse_plan_number(value: object) -> int:
    """Parse a number as the plan writes it: '25.950' is 25950."""
    if isinstance(value, bool):
        raise ValueError("a number is expected")
    if isinstance(value, int):
        return value
    text = str(value).strip().replace(".", "").replace(" ", "")
    if not text.isdigit():
        raise ValueError(f"not a number as the plan writes it: {value!r}")
    return int(text)


class AnnexRow(Strict):
    """One row of the annex table: totals for the period and per year."""

    code: str = Field(description="unique path code, e.g. A.I.2; TONG for the grand total")
    tt: str = Field(description="the TT column as printed")
    label: str
    total: int
    by_year: list[int]
    parts: list[str] = Field(default=[], description="codes of the rows that add up to this one")
    aliases: list[str] = Field(default=[], description="words a question uses for this row (its label included)")

    @field_validator("total", mode="before")
    @classmethod
    def _total(cls, v: object) -> int:
        return parse_plan_number(v)

    @field_validator("by_year", mode="before")
    @classmethod
    def _years(cls, v: object) -> list[int]:
        if not isinstance(v, list):
            raise ValueError("by_year must be a list")
        return [parse_plan_number(x) for x in v]


class Annex(Strict):
    """The annex table of training numbers."""

    clause: str
    title: str
    unit: str
    years: list[int]
    rows: list[AnnexRow]

    def parent(self, code: str) -> AnnexRow | None:
        """The row this one is a part of, or None for the grand total."""
        return next((r for r in self.rows if code in r.parts), None)

    def ancestors(self, code: str) -> list[str]:
        """Codes of the rows containing this one, nearest first."""
        out, row = [], self.parent(code)
        while row is not None:
            out.append(row.code)
            row = self.parent(row.code)
        return out

    def row(self, code: str) -> AnnexRow:
        """The row with this code; raises KeyError if absent."""
        for row in self.rows:
            if row.code == code:
                return row
        raise KeyError(code)

    def value(self, code: str, year: int | None = None) -> int:
        """A row's total, or its figure for one year."""
        row = self.row(code)
        return row.total if year is None else row.by_year[self.years.index(year)]


class Term(Strict):
    """An office, place or position the plan's readers meet, with what it implies about a person."""

    id: str
    name: str
    aliases: list[str] = []
    tier: str | None = Field(None, description="the tier it implies; None when it implies none")
    role: str | None = Field(None, description="the plan role it implies, within that role's tiers")
    leadership: bool = Field(False, description="a leadership position (lãnh đạo, quản lý)")
    target_group: int | None = Field(
        None, description="the highest đối tượng (bồi dưỡng QP-AN) a holder of the position can be in")
    weak: bool = Field(False, description="a generic word (phòng): another tier named in the same text wins")


class ChatPattern(Strict):
    """How chat names one item: regular expressions over the folded text, tried only when a key word is there."""

    keys: list[str] = Field(description="literal words without which no pattern can match")
    patterns: list[str] = Field(min_length=1)


class HeldWords(Strict):
    """How a person says the levels they hold (folded text): the words of each level and the areas they go to."""

    degree_area: str = Field(description="the area of a level said alone (a degree)")
    theory_area: str = Field(description="the area of a level said beside political-theory words")
    theory_levels: list[str] = Field(description="the levels of that area")
    theory_top: str = Field(description="the level of that area for a degree named in it ('cử nhân chính trị')")
    programme_area: str = Field(description="the area of the programmes a person says they have taken")
    levels: dict[str, str] = Field(description="level id -> its words (regex alternatives), in order")
    programme_taken: str = Field(description="regex; its group 'programme' names the programme taken")
    programme_keys: list[str] = []
    programmes: dict[str, str] = Field(description="programme words -> level id of programme_area")
    not_taken: dict[str, str] = Field(default={}, description="area -> regex of 'has not taken it'")


class Chat(Strict):
    """Spellings of chat typed without marks that the phrase vocabulary cannot tell apart, as regexes."""

    grade_guards: dict[str, str] = Field(default={}, description="grade id -> lookahead after a grade phrase")
    tiers: dict[str, ChatPattern] = {}
    slot_tier: str | None = Field(None, description="a tier word, replaced by a slot in the intent examples")
    roles: dict[str, ChatPattern] = Field(default={}, description="in order: the first found is the role")
    areas: dict[str, ChatPattern] = {}
    held: HeldWords | None = None


class Vocabulary(Strict):
    """Every further way of naming the plan's things, beyond each item's own name and aliases (one vocabulary)."""

    grades: dict[str, list[str]] = Field(default={}, description="grade id -> codes and equivalent grades")
    tiers: dict[str, list[str]] = Field(default={}, description="tier id -> further names")
    roles: dict[str, list[str]] = Field(default={}, description="role id -> further names")
    areas: dict[str, list[str]] = Field(default={}, description="area id -> further names")
    levels: dict[str, dict[str, list[str]]] = Field(default={}, description="scale id -> level id -> further names")
    offices: list[Term] = Field(default=[], description="offices and bodies; most imply a tier")
    places: list[Term] = Field(default=[], description="districts, towns, communes of the province in the plan's years")
    positions: list[Term] = Field(default=[], description="chức danh, chức vụ: imply a role, a tier, leadership")
    guards: list[str] = Field(default=[], description="phrases that contain a vocabulary word but name nothing "
                                                      "(xã hội, văn phòng): matched, never reported")
    chat: Chat = Chat()


class KnowledgeBase(Strict):
    """A whole plan: the text and everything structured on top of it."""

    document: Document
    clauses: list[Clause]
    scales: list[Scale] = []
    tiers: list[Tier] = []
    grades: list[Grade] = []
    roles: list[Role] = []
    areas: list[Area] = []
    requirements: list[Requirement] = []
    objectives: list[Objective] = []
    responsibilities: list[Responsibility] = []
    annex: Annex | None = None
    vocabulary: Vocabulary = Vocabulary()
    _prior: object = PrivateAttr(default=None)  # knowledge.prior.ClausePrior, read from beside the plan file

    @property
    def prior(self):
        """The learned clause prior stored beside the plan (knowledge.prior.ClausePrior), or None."""
        return self._prior

    @property
    def preamble(self) -> Clause:
        """The plan's opening clause: its legal bases (the first clause of the data)."""
        return self.clauses[0]

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id; raises KeyError if absent."""
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def has_clause(self, clause_id: str) -> bool:
        """True if the plan has a clause with this id."""
        return any(c.id == clause_id for c in self.clauses)

    def by_id(self, kind: str, item_id: str):
        """The grade/tier/role/area/scale with this id, or None."""
        for item in getattr(self, kind):
            if item.id == item_id:
                return item
        return None
