"""Inline keyboards: each button's action lives in the store, callback_data is only its short id."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.reply import Option, Reply
from handlers.store import Store

PREFIX = "b"
SEE_QUOTE = "📜 Xem nguyên văn"
MAX_QUOTE_BUTTONS = 3
DIALOG = "kiemtra"  # action of the buttons of a /kiemtra step (handlers/telegram/kiemtra.py)


def callback_data(button_id: int) -> str:
    """The callback_data of a stored button (a few bytes, far below Telegram's 64)."""
    return f"{PREFIX}{button_id}"


def button_id(data: str | None) -> int | None:
    """The stored button id in callback_data, or None if it is not ours."""
    if data and data.startswith(PREFIX) and data[len(PREFIX):].isdigit():
        return int(data[len(PREFIX):])
    return None


def button(store: Store, label: str, kind: str, arg: str) -> InlineKeyboardButton:
    """One button that, when pressed, runs action `kind` with `arg`."""
    return InlineKeyboardButton(label, callback_data=callback_data(store.add_button(kind, arg)))


def rows(buttons: list[InlineKeyboardButton], short: int = 18) -> list[list[InlineKeyboardButton]]:
    """Short labels two to a row, long ones alone."""
    out: list[list[InlineKeyboardButton]] = []
    for b in buttons:
        if out and len(out[-1]) == 1 and len(out[-1][0].text) <= short and len(b.text) <= short:
            out[-1].append(b)
        else:
            out.append([b])
    return out


def options_markup(store: Store, options: list[Option], kind: str = "ask") -> InlineKeyboardMarkup | None:
    """Buttons for options; pressing one sends option.query to action `kind`."""
    if not options:
        return None
    return InlineKeyboardMarkup(rows([button(store, o.label, kind, o.query) for o in options]))


def dialog_step(reply: Reply) -> str | None:
    """The step of the /kiemtra dialog a reply asks, else None: the core's dialog questions are 'clarify' replies
    while State.check holds the dialog's progress (other replies made meanwhile, e.g. a quote, are not steps)."""
    check = reply.state.check
    if reply.kind != "clarify" or not isinstance(check, dict) or "step" not in check:
        return None
    return str(check["step"])


def option_buttons(store: Store, reply: Reply) -> list[InlineKeyboardButton]:
    """One button per option; a dialog step's buttons carry the step, so a press on an outdated step is known."""
    step = dialog_step(reply)
    if step is None:
        return [button(store, o.label, "ask", o.query) for o in reply.options]
    return [button(store, o.label, DIALOG, f"{step}|{o.query}") for o in reply.options]


def reply_markup(store: Store, reply: Reply, quotes: bool = True) -> InlineKeyboardMarkup | None:
    """A reply's options, and for an answer resting on clauses, buttons to read them verbatim."""
    buttons = option_buttons(store, reply)
    keyboard = rows(buttons)
    if quotes and reply.kind == "answer" and reply.clauses:
        if len(reply.clauses) == 1:
            keyboard.append([button(store, SEE_QUOTE, "quote", reply.clauses[0])])
        else:
            keyboard.append([button(store, SEE_QUOTE, "quotes", " ".join(reply.clauses[:MAX_QUOTE_BUTTONS]))])
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def clause_buttons(store: Store, clauses: list[str]) -> list[InlineKeyboardButton]:
    """One button per clause, to choose which one to read verbatim."""
    return [button(store, f"📜 Mục {c}", "quote", c) for c in clauses]
