"""The last turns of each browser's chat, in memory only (the page shows them; the store keeps the state)."""

from __future__ import annotations

import itertools
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from bot.reply import Option, Reply

MAX_TURNS = 12  # per browser
MAX_BROWSERS = 2_000  # least recently used dropped first


@dataclass
class Turn:
    """One question and the reply to it, as the page shows it."""

    id: int
    question: str
    kind: str
    intent: str
    text: str
    clauses: list[str]
    options: list[Option]
    voted: int = 0

    @classmethod
    def of(cls, turn_id: int, question: str, reply: Reply) -> "Turn":
        return cls(turn_id, question, reply.kind, reply.intent, reply.text, list(reply.clauses), list(reply.options))


@dataclass
class Transcripts:
    """Turns per browser id, bounded in turns and in browsers."""

    _turns: OrderedDict[str, deque[Turn]] = field(default_factory=OrderedDict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add(self, browser: str, question: str, reply: Reply) -> Turn:
        """Record a turn and return it."""
        turns = self._turns.pop(browser, None) or deque(maxlen=MAX_TURNS)
        turn = Turn.of(next(self._ids), question, reply)
        turns.append(turn)
        self._turns[browser] = turns
        while len(self._turns) > MAX_BROWSERS:
            self._turns.popitem(last=False)
        return turn

    def turns(self, browser: str) -> list[Turn]:
        """This browser's turns, oldest first."""
        return list(self._turns.get(browser, ()))

    def last_options(self, browser: str) -> list[Option]:
        """The options of the browser's last reply (a bare number picks one)."""
        turns = self._turns.get(browser)
        return turns[-1].options if turns else []

    def find(self, browser: str, turn_id: int) -> Turn | None:
        """One of this browser's turns."""
        return next((t for t in self._turns.get(browser, ()) if t.id == turn_id), None)

    def forget(self, browser: str) -> None:
        """Drop the browser's turns."""
        self._turns.pop(browser, None)
