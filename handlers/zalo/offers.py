"""Numbered options in place of buttons: what a reply offers, how the list reads, and what a number picks."""

from __future__ import annotations

from dataclasses import dataclass

from bot.reply import Reply
from handlers.store import Button

ASK, QUOTE, MORE = "ask", "quote", "more"  # what picking an offer does (/ngach adds its own kinds)
PICK_HEADER = "Gõ số để chọn:"
SEE_QUOTE_ONE = "Xem nguyên văn mục {clause}"
SEE_QUOTE_MANY = "Xem nguyên văn các mục {clauses}"
SEE_MORE = "Xem đủ"
MAX_QUOTED = 6  # clauses quoted by one "Xem nguyên văn"
MAX_PICK_DIGITS = 2  # "1".."99" picks an option; a longer number (a year) is a question


@dataclass(frozen=True)
class Offer:
    """One numbered line: its label, and what picking it does (kind, argument)."""

    label: str
    kind: str
    arg: str

    @property
    def button(self) -> Button:
        """The stored form (the label is not needed to act on a pick)."""
        return Button(self.kind, self.arg)


def reply_offers(reply: Reply, quotes: bool = True) -> list[Offer]:
    """The core's options, then for an answer resting on clauses, one option to read them verbatim."""
    offers = [Offer(o.label, ASK, o.query) for o in reply.options]
    if quotes and reply.kind == "answer" and reply.clauses:
        clauses = reply.clauses[:MAX_QUOTED]
        label = (SEE_QUOTE_ONE.format(clause=clauses[0]) if len(clauses) == 1
                 else SEE_QUOTE_MANY.format(clauses=", ".join(clauses)))
        offers.append(Offer(label, QUOTE, " ".join(clauses)))
    return offers


def numbered(offers: list[Offer]) -> str:
    """The list as the user reads it: a header, then "1. …" lines."""
    if not offers:
        return ""
    return "\n".join([PICK_HEADER, *(f"{i}. {o.label}" for i, o in enumerate(offers, 1))])


def with_list(text: str, offers: list[Offer]) -> str:
    """A reply's text followed by its numbered list, a blank line between."""
    listing = numbered(offers)
    return f"{text.rstrip()}\n\n{listing}" if listing else text


def picked_number(text: str) -> int | None:
    """The number of a message that is just a small number ("2", "2.", " 2) "), else None."""
    word = text.strip().rstrip(".)")
    if word.isdigit() and len(word) <= MAX_PICK_DIGITS:
        return int(word)
    return None
