"""Inline button presses: one answer per tap, only the keyboard's owner may press it, then the stored action runs.

Updates of a chat are processed in order (ordering.py), so the second press of a double tap arrives after the
first one was handled, finds the press recorded here, and is only acknowledged.
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from handlers.telegram.delivery import call
from handlers.telegram.keyboards import parse_data
from handlers.telegram.services import services

log = logging.getLogger(__name__)
Action = Callable[[Update, ContextTypes.DEFAULT_TYPE, str], Awaitable[None]]
EXPIRED = "Nút này đã hết hạn. Bạn hãy hỏi lại nhé."
NOT_YOURS = "Nút này dành cho người đã hỏi. Bạn hãy tự hỏi tôi để có lựa chọn của riêng mình."
ALREADY = "Đã trả lời ở trên."
REMEMBERED_PRESSES = 4096
PRESSES_KEY = "presses"


@dataclass(frozen=True)
class Registered:
    """An action and the short notice shown when its button is pressed (None: no notice)."""

    run: Action
    toast: str | None = None


ACTIONS: dict[str, Registered] = {}


def action(kind: str, toast: str | None = None) -> Callable[[Action], Action]:
    """Register the function run when a button of this kind is pressed."""

    def register(func: Action) -> Action:
        ACTIONS[kind] = Registered(func, toast)
        return func

    return register


class Presses:
    """Button presses already handled (chat, message, callback_data), the most recent few thousand."""

    def __init__(self, size: int = REMEMBERED_PRESSES) -> None:
        self._seen: collections.OrderedDict[tuple, None] = collections.OrderedDict()
        self._size = size

    def first(self, query: CallbackQuery) -> bool:
        """Record a press; False if the same button of the same message was pressed before."""
        message = query.message
        where = (message.chat.id, message.message_id) if message is not None else (query.inline_message_id,)
        key = (*where, query.data)
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True


def _presses(context: ContextTypes.DEFAULT_TYPE) -> Presses:
    return context.application.bot_data.setdefault(PRESSES_KEY, Presses())


async def _acknowledge(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    try:
        await call(lambda: query.answer(text, show_alert=alert))
    except BadRequest:  # the press is too old to acknowledge (e.g. it waited out a restart): act on it anyway
        log.debug("callback query too old to answer")


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refuse another person's keyboard, acknowledge a repeated press, else acknowledge and run the action."""
    query = update.callback_query
    pressed = parse_data(query.data)
    if pressed is not None and pressed.owner is not None and pressed.owner != query.from_user.id:
        await _acknowledge(query, NOT_YOURS, alert=True)
        return
    if not _presses(context).first(query):
        log.info("a button pressed again: acknowledged, not answered twice")
        await _acknowledge(query, ALREADY)
        return
    stored = services(context).store.button(pressed.button_id) if pressed is not None else None
    registered = ACTIONS.get(stored.kind) if stored is not None else None
    arg = pressed.argument(stored.arg) if registered is not None else None
    if registered is None or arg is None:
        await _acknowledge(query, EXPIRED)
        return
    await _acknowledge(query, registered.toast)
    await registered.run(update, context, arg)


def handlers() -> list[BaseHandler]:
    """The single handler for every inline button."""
    return [CallbackQueryHandler(on_button)]
