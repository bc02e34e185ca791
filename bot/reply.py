"""The reply object every channel renders, and the conversation state channels store."""

from __future__ import annotations

from typing import Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from bot.actions import Action

Kind = Literal["answer", "clarify", "fallback"]


class Option(BaseModel):
    """A choice offered to the user (a button): its label and what choosing it sends back.

    An option of the core carries an Action (intent and slot ids); its query is then the action's short payload,
    the string a channel sends back to core.answer. Options of a channel's own menus (an id to act on) and the
    /kiemtra dialog's steps give their query directly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(description="short button label in Vietnamese")
    action: Action | None = Field(None, description="the intent and slot ids the option stands for")
    query: str = Field(description="what the channel sends back when the user picks it (the action's payload)")

    @model_validator(mode="before")
    @classmethod
    def _query_from_action(cls, data):
        if isinstance(data, dict) and data.get("action") is not None and not data.get("query"):
            action = data["action"]
            action = action if isinstance(action, Action) else Action.model_validate(action)
            data = {**data, "action": action, "query": action.encode()}
        return data


class Profile(BaseModel):
    """What is known of one person in a conversation: the asker or a colleague being discussed."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    grade: str | None = None
    tier: str | None = None
    role: str | None = None
    age: int | None = None
    held: dict[str, str] = {}


class State(BaseModel):
    """What the assistant remembers of one conversation; plain data the channel stores as JSON."""

    model_config = ConfigDict(extra="ignore")

    grade: str | None = Field(None, description="the user's grade (ngạch), once stated")
    tier: str | None = Field(None, description="the user's tier (tinh/huyen/xa), once stated")
    role: str | None = Field(None, description="the user's role, e.g. chu_tich_xa")
    age: int | None = Field(None, description="the user's age, once stated")
    last_intent: str | None = Field(None, description="intent of the last answer")
    last_area: str | None = Field(None, description="training area of the last answer")
    last_clauses: list[str] = Field(default=[], description="clauses the last answer cited")
    last_rows: list[str] = Field(default=[], description="annex rows of the last figures shown")
    last_question: str | None = Field(None, description="the last message answered (its first 300 characters)")
    pending: str | None = Field(None, description="a question waiting for a clarification")
    reread: str | None = Field(None, description="the message whose other reading an option offers (the button "
                                                 "carries only the intent)")
    held: dict[str, str] = Field(default={}, description="levels the user said they hold, area -> level")
    check: dict | None = Field(None, description="progress of a /kiemtra dialog: step and answers so far")
    subject: str = Field("", description="who grade/tier/role/age/held describe: '' the asker, else a colleague's key")
    people: dict[str, Profile] = Field(default={}, description="the other people of the conversation, by key")
    plan: str | None = Field(None, description="id of the document the conversation is about, when several are loaded")
    asked: str | None = Field(None, description="the last question a document answered, when several are loaded")

    def profile(self) -> Profile:
        """The current subject's profile."""
        return Profile(grade=self.grade, tier=self.tier, role=self.role, age=self.age, held=self.held)

    def with_profile(self, p: Profile) -> "State":
        """This state describing another person."""
        return self.model_copy(update={"grade": p.grade, "tier": p.tier, "role": p.role, "age": p.age,
                                       "held": dict(p.held)})

    def to_json(self) -> str:
        """Serialize for storage."""
        return self.model_dump_json(exclude_defaults=True)

    @classmethod
    def from_json(cls, raw: str | None) -> "State":
        """Restore from storage; a corrupt or empty value gives a fresh state."""
        if not raw:
            return cls()
        try:
            return cls.model_validate_json(raw)
        except ValueError:
            return cls()


class Reply(BaseModel):
    """One reply of the assistant, ready for any channel."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    kind: Kind
    intent: str
    confidence: float = Field(ge=0.0, le=1.0)
    grade: str | None = None
    tier: str | None = None
    clauses: list[str] = Field(default=[], description="clause ids the reply rests on, in order shown")
    options: list[Option] = []
    text: str = Field(description="plain text for console/CLI")
    html_: str | None = Field(None, alias="html", description="Telegram HTML (parse_mode=HTML), escaped")
    state: State = Field(default_factory=State, description="the conversation state after this reply")
    _render_html: Callable[[], str] | None = PrivateAttr(None)

    @property
    def html(self) -> str:
        """Telegram HTML; rendered on first use, since most channels need only one format."""
        if self.html_ is None:
            self.html_ = self._render_html() if self._render_html else self.text
        return self.html_

    def with_html_renderer(self, render: Callable[[], str]) -> "Reply":
        """Attach the deferred HTML rendering of this reply."""
        self._render_html = render
        return self

    def contract(self) -> dict:
        """The machine-readable reply object of shared/eval/README.md."""
        return {
            "kind": self.kind,
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "grade": self.grade,
            "tier": self.tier,
            "clauses": list(self.clauses),
            "options": [o.label for o in self.options],
            "text": self.text,
        }
