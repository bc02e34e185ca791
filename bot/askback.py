"""Asking back: the menus of bot/data/askback.yaml for vague messages, and the suggestions after a greeting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from bot.actions import Action
from bot.normalize import phrase_pattern
from bot.reply import Option
from knowledge.yamlfile import load_yaml

MENUS_FILE = Path(__file__).parent / "data" / "askback.yaml"


class _Choice(Action):
    """A button: its label, the intent and the slot ids of the plan it stands for."""

    label: str

    def option(self) -> Option:
        return Option(label=self.label, action=Action(**self.model_dump(exclude={"label"})))


class _Menu(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: list[str]
    ask: str
    options: list[_Choice]


class _Greeting(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: list[str]
    thanks: list[str]
    suggestions: list[_Choice]


class _StaffList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: list[str]
    reply: str


class _MenusFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    vague_max_words: int
    menus: list[_Menu]
    greeting: _Greeting
    staff_list: _StaffList


@dataclass(frozen=True)
class Menu:
    """A question asked back and the options it offers."""

    ask: str
    options: list[Option]


THANKS_WORDS = 8  # a short message thanking, wherever its thanks stand, is thanks


class Menus:
    """Chooses the menu for a vague message and recognises greetings and thanks."""

    def __init__(self, path: Path = MENUS_FILE) -> None:
        raw = _MenusFile.model_validate(load_yaml(path))
        self.vague_max_words = raw.vague_max_words
        self._menus = [(phrase_pattern(m.words), Menu(m.ask, [o.option() for o in m.options]))
                       for m in raw.menus]
        self._greeting = phrase_pattern(raw.greeting.words)
        self._thanks = phrase_pattern(raw.greeting.thanks)
        self.default = self._menus[-1][1]
        self._staff = phrase_pattern(raw.staff_list.words)
        self.staff_reply = raw.staff_list.reply.strip()
        self.suggestions = [o.option() for o in raw.greeting.suggestions]

    def restrict(self, known: Callable[[Action], bool]) -> list[str]:
        """Keep only the options whose action the plan can answer (its ids are the plan's); the labels dropped."""
        dropped = [o.label for o in self.options() if o.action is None or not known(o.action)]
        self._menus = [(rx, Menu(m.ask, [o for o in m.options if o.label not in dropped])) for rx, m in self._menus]
        self.default = self._menus[-1][1]
        self.suggestions = [o for o in self.suggestions if o.label not in dropped]
        return dropped

    def options(self) -> list[Option]:
        """Every option of the menus and the greeting's suggestions."""
        return [o for _, menu in self._menus for o in menu.options] + list(self.suggestions)

    def matching(self, folded: str) -> Menu | None:
        """The first menu whose words the message uses, or None."""
        for rx, menu in self._menus:
            if rx is not None and rx.search(folded):
                return menu
        return None

    def for_vague(self, folded: str) -> Menu:
        """The menu that fits the message's words, else the last (general) one."""
        return self.matching(folded) or self.default

    def asks_staff_list(self, folded: str) -> bool:
        """A request to check a whole staff list."""
        return bool(self._staff and self._staff.search(folded))

    def only_greeting(self, folded: str, stopwords: frozenset[str]) -> bool:
        """The message is nothing but greeting words and filler ("hello, bot ơi có đó ko")."""
        if self._greeting is None:
            return False
        rest = self._greeting.sub(" ", folded).split()
        return bool(self._greeting.search(folded)) and all(w in stopwords for w in rest)

    def greeting(self, folded: str) -> str | None:
        """'thanks' or 'hello' when the message opens with such words, else None."""
        thanks = self._thanks is not None and self._thanks.search(folded) is not None
        if thanks and len(folded.split()) <= THANKS_WORDS:  # "xin chân thành cảm ơn quý bộ phận"
            return "thanks"
        if self._greeting is None or not self._greeting.match(folded):
            return None
        return "thanks" if thanks else "hello"
