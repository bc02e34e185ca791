"""👍/👎 under an answer: stored for the maintainers (intent, clauses, the vote; the user only as a salted hash)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, ContextTypes

from handlers.telegram.buttons import action
from handlers.telegram.delivery import call
from handlers.telegram.keyboards import VOTE, VOTE_DOWN, VOTE_UP
from handlers.telegram.keys import user_key
from handlers.telegram.services import services

THANKS = "Cảm ơn bạn đã góp ý!"


@action(VOTE, toast=THANKS)
async def on_vote(update: Update, context: ContextTypes.DEFAULT_TYPE, arg: str) -> None:
    """Record the vote once, then take the 👍/👎 row away from that answer."""
    vote, intent, clauses = (arg.split("|", 2) + ["", ""])[:3]
    services(context).store.log_feedback(user_key(update), intent, clauses.split(), int(vote))
    message = update.callback_query.message
    if message is None or message.reply_markup is None:
        return
    keep = [list(row) for row in message.reply_markup.inline_keyboard
            if not any(b.text in (VOTE_UP, VOTE_DOWN) for b in row)]
    markup = InlineKeyboardMarkup(keep) if keep else None
    await call(lambda: update.callback_query.edit_message_reply_markup(markup))


def handlers() -> list[BaseHandler]:
    """Votes arrive as button presses (buttons.py); nothing else to register."""
    return []
