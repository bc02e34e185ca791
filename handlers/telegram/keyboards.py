"""Inline keyboards: each button's action lives in the store, callback_data is only its short id (and, for a
keyboard that belongs to one person in a group, that person's id)."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import menus
from bot.reply import Option, Reply
from handlers.store import Store

PREFIX = "b"
OWNER_SEP = "u"
INDEX_SEP = "."
ARG_SEP = "\x1f"  # several buttons of one action share one stored row: their arguments, joined
SEE_QUOTE = "📜 Xem nguyên văn"
MAX_QUOTE_BUTTONS = 12
DIALOG = "kiemtra"  # action of the buttons of a /kiemtra step (handlers/telegram/kiemtra.py)
VOTE = "vote"  # action of 👍/👎 (handlers/telegram/feedback.py)
VOTE_UP, VOTE_DOWN = "👍", "👎"
START_CHECK = "start_check"  # action of the button offered where a reply says to type /kiemtra
CHECK_BUTTON = "✅ Kiểm tra từng bước"


@dataclass(frozen=True)
class Pressed:
    """What callback_data says: the stored row id, which of its arguments (None: the only one), and whose
    keyboard it is (None: anyone may press)."""

    button_id: int
    owner: int | None = None
    index: int | None = None

    def argument(self, stored: str) -> str | None:
        """This button's argument in the stored row, or None if the row has no such item."""
        if self.index is None:
            return stored
        items = stored.split(ARG_SEP)
        return items[self.index] if self.index < len(items) else None


def callback_data(button_id: int, owner: int | None = None, index: int | None = None) -> str:
    """The callback_data of a stored button, e.g. 'b12', 'b12.3', 'b12.3u42' (far below Telegram's 64 bytes)."""
    return (f"{PREFIX}{button_id}" + (f"{INDEX_SEP}{index}" if index is not None else "")
            + (f"{OWNER_SEP}{owner}" if owner is not None else ""))


def parse_data(data: str | None) -> Pressed | None:
    """The stored row id, item index and owner in callback_data, or None if it is not ours."""
    if not data or not data.startswith(PREFIX):
        return None
    head, _, owner = data[len(PREFIX):].partition(OWNER_SEP)
    ident, dot, index = head.partition(INDEX_SEP)
    if not ident.isdigit() or (dot and not index.isdigit()) or (owner and not owner.lstrip("-").isdigit()):
        return None
    return Pressed(int(ident), int(owner) if owner else None, int(index) if dot else None)


def button_id(data: str | None) -> int | None:
    """The stored button id in callback_data, or None if it is not ours."""
    pressed = parse_data(data)
    return pressed.button_id if pressed else None


def button(store: Store, label: str, kind: str, arg: str, owner: int | None = None) -> InlineKeyboardButton:
    """One button that, when pressed, runs action `kind` with `arg` (only for `owner`, when given)."""
    return InlineKeyboardButton(label, callback_data=callback_data(store.add_button(kind, arg), owner))


def buttons(store: Store, items: list[tuple[str, str]], kind: str,
            owner: int | None = None) -> list[InlineKeyboardButton]:
    """Several (label, argument) buttons of one action, stored as one row; each carries its index."""
    if len(items) <= 1:
        return [button(store, label, kind, arg, owner) for label, arg in items]
    row = store.add_button(kind, ARG_SEP.join(arg for _, arg in items))
    return [InlineKeyboardButton(label, callback_data=callback_data(row, owner, i)) for i, (label, _) in enumerate(items)]


def mixed(store: Store, items: list[tuple[str, str, str]], owner: int | None = None) -> list[InlineKeyboardButton]:
    """(label, action, argument) buttons in their order, one stored row per action."""
    made: dict[int, InlineKeyboardButton] = {}
    for kind in dict.fromkeys(kind for _, kind, _ in items):
        at = [i for i, item in enumerate(items) if item[1] == kind]
        for i, b in zip(at, buttons(store, [(items[i][0], items[i][2]) for i in at], kind, owner)):
            made[i] = b
    return [made[i] for i in range(len(items))]


def rows(buttons: list[InlineKeyboardButton], short: int = 18, per_row: int = 2) -> list[list[InlineKeyboardButton]]:
    """Short labels side by side (up to `per_row`), long ones alone."""
    out: list[list[InlineKeyboardButton]] = []
    for b in buttons:
        if out and len(out[-1]) < per_row and all(len(x.text) <= short for x in out[-1]) and len(b.text) <= short:
            out[-1].append(b)
        else:
            out.append([b])
    return out


def options_markup(store: Store, options: list[Option], kind: str = "ask",
                   owner: int | None = None) -> InlineKeyboardMarkup | None:
    """Buttons for options; pressing one sends option.query to action `kind`."""
    if not options:
        return None
    return InlineKeyboardMarkup(rows(buttons(store, [(o.label, o.query) for o in options], kind, owner)))


def dialog_step(reply: Reply) -> str | None:
    """The step of the /kiemtra dialog a reply asks, else None: the core's dialog questions are 'clarify' replies
    while State.check holds the dialog's progress (other replies made meanwhile, e.g. a quote, are not steps)."""
    check = reply.state.check
    if reply.kind != "clarify" or not isinstance(check, dict) or "step" not in check:
        return None
    return str(check["step"])


def option_buttons(store: Store, reply: Reply, owner: int | None = None) -> list[InlineKeyboardButton]:
    """One button per option; a dialog step's buttons carry the step, so a press on an outdated step is known."""
    step = dialog_step(reply)
    if step is None:
        return buttons(store, [(o.label, o.query) for o in reply.options], "ask", owner)
    return buttons(store, [(o.label, f"{step}|{o.query}") for o in reply.options], DIALOG, owner)


def _offers_quote(reply: Reply) -> bool:
    return any("nguyên văn" in o.label.lower() for o in reply.options)


def reply_markup(store: Store, reply: Reply, quotes: bool = True, owner: int | None = None,
                 feedback: bool = True) -> InlineKeyboardMarkup | None:
    """A reply's options; for an answer: a button to read its clauses verbatim (unless the reply is the verbatim
    text, or the core offers it), related questions, and 👍/👎."""
    keyboard = rows(option_buttons(store, reply, owner))
    answer = reply.kind == "answer" and dialog_step(reply) is None
    if answer and quotes and reply.clauses and not _offers_quote(reply):
        arg = " ".join(reply.clauses[:MAX_QUOTE_BUTTONS])
        keyboard.append([button(store, SEE_QUOTE, "quote" if len(reply.clauses) == 1 else "quotes", arg, owner)])
    if "/kiemtra" in reply.text and dialog_step(reply) is None and reply.state.check is None:
        keyboard.append([button(store, CHECK_BUTTON, START_CHECK, "", owner)])
    if answer and quotes:
        related = buttons(store, [(o.label, o.query) for o in menus.related_options(reply)], "ask", owner)
        keyboard += rows(related, short=14, per_row=3)
    if answer and feedback and reply.intent:
        arg = f"{reply.intent}|{' '.join(reply.clauses)}"
        keyboard.append(buttons(store, [(VOTE_UP, f"1|{arg}"), (VOTE_DOWN, f"-1|{arg}")], VOTE, owner))
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def clause_buttons(store: Store, clauses: list[str], owner: int | None = None) -> list[InlineKeyboardButton]:
    """One button per clause, to choose which one to read verbatim."""
    return buttons(store, [(f"📜 Mục {c}", c) for c in clauses], "quote", owner)
