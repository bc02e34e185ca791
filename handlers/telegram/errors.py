"""The error handler: log what failed without personal data, and apologise to the user in Vietnamese."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.error import Forbidden, NetworkError
from telegram.ext import ContextTypes

from handlers.telegram.delivery import call

log = logging.getLogger(__name__)
SORRY = "Xin lỗi, tôi gặp sự cố khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút."


def describe(error: BaseException) -> str:
    """The error's type and where it happened; never its message, which may quote the user."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " <- ".join(f"{f.name} ({f.filename.rsplit('/', 1)[-1]}:{f.lineno})" for f in reversed(frames))
    return f"{type(error).__name__} at {where or 'unknown place'}"


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log, then tell the user (if there is one to tell) that something went wrong."""
    error = context.error
    if isinstance(error, Forbidden):
        log.info("a user blocked the bot; update dropped")
        return
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, NetworkError):
        log.warning("Telegram network error on update %s: %s", update_id, type(error).__name__)
    else:
        log.error("error handling update %s: %s", update_id, describe(error))
    if isinstance(update, Update) and update.effective_chat is not None and update.inline_query is None:
        chat_id = update.effective_chat.id
        try:
            await call(lambda: context.bot.send_message(chat_id, SORRY))
        except Exception as exc:  # noqa: BLE001 - the apology is best effort
            log.warning("could not apologise: %s", type(exc).__name__)
