"""Inline button presses: look up the stored action behind callback_data and run the feature that owns it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from handlers.telegram.delivery import call
from handlers.telegram.keyboards import button_id
from handlers.telegram.services import services

log = logging.getLogger(__name__)
Action = Callable[[Update, ContextTypes.DEFAULT_TYPE, str], Awaitable[None]]
ACTIONS: dict[str, Action] = {}
EXPIRED = "Nút này đã hết hạn. Bạn hãy hỏi lại nhé."


def action(kind: str) -> Callable[[Action], Action]:
    """Register the function run when a button of this kind is pressed."""

    def register(func: Action) -> Action:
        ACTIONS[kind] = func
        return func

    return register


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Acknowledge the press at once, then run its action."""
    query = update.callback_query
    bid = button_id(query.data)
    stored = services(context).store.button(bid) if bid is not None else None
    expired = stored is None or stored.kind not in ACTIONS
    try:
        await call(lambda: query.answer(EXPIRED if expired else None))
    except BadRequest:  # the press is too old to acknowledge (e.g. it waited out a restart): act on it anyway
        log.debug("callback query too old to answer")
    if not expired:
        await ACTIONS[stored.kind](update, context, stored.arg)


def handlers() -> list[BaseHandler]:
    """The single handler for every inline button."""
    return [CallbackQueryHandler(on_button)]
