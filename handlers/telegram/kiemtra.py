"""/kiemtra: the core's step-by-step eligibility check, shown as one question message that advances in place.

The core runs the dialog: start_check(state), then answer(option.query or typed text, state) while State.check is
set. This module only decides how it reads on a phone: a pressed button turns the same message into the next step
(no scrolling, no pile of old questions); the result card, or the cancellation, comes as a new message and the
question loses its buttons. A typed answer takes the ordinary free-text path; its reply, like every delivered
dialog step, becomes the live question (conversation.after_delivery) and the question it answered loses its
buttons. A button of a step that is no longer current never answers a later step: it carries its step
(keyboards.option_buttons), and an outdated press only removes outdated buttons.
Which message holds the live buttons is remembered per user in memory; nothing of it is personal. A check left
unanswered ends after BOT_DIALOG_TTL seconds (dialog.py). The age step offers the plan's age bands as buttons.
"""

from __future__ import annotations

import collections
import logging

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot.reply import Reply
from handlers.telegram.buttons import action
from handlers.telegram.conversation import after_delivery, converse, deliver, is_group, load, save
from handlers.telegram.delivery import call, html_parts
from handlers.telegram.keyboards import DIALOG, START_CHECK, dialog_step, reply_markup
from handlers.telegram.services import services

log = logging.getLogger(__name__)
COMMANDS = [("kiemtra", "Kiểm tra đạt chuẩn từng bước")]
PRIVATE_ONLY = "Hãy dùng /kiemtra trong tin nhắn riêng với tôi: thông tin cá nhân không nên gửi vào nhóm."
BOOK_KEY = "kiemtra"
RETIRED_KEPT = 20

Key = tuple[int, int]  # chat id, message id


class Book:
    """Per user: the message whose buttons answer the current step, and messages whose buttons were removed.
    Updated without awaiting in between, so two presses racing (a double tap) never both edit."""

    def __init__(self) -> None:
        self.live: Key | None = None
        self.retired: collections.deque[Key] = collections.deque(maxlen=RETIRED_KEPT)

    def retire(self, key: Key | None) -> bool:
        """Mark a message's buttons as removed; False if they already were, so nothing is edited twice."""
        if key is None or key in self.retired:
            return False
        self.retired.append(key)
        if self.live == key:
            self.live = None
        return True

    def go_live(self, key: Key) -> Key | None:
        """Make `key` the current question; returns the previous one (now retired) whose buttons must go."""
        old = self.live
        if old in (None, key) or not self.retire(old):
            old = None
        if key in self.retired:
            self.retired.remove(key)
        self.live = key
        return old


def _book(context: ContextTypes.DEFAULT_TYPE) -> Book:
    return context.user_data.setdefault(BOOK_KEY, Book())


def _key(message: object) -> Key | None:
    return (message.chat.id, message.message_id) if isinstance(message, Message) else None


async def _strip(context: ContextTypes.DEFAULT_TYPE, key: Key | None) -> None:
    """Remove a message's buttons; best effort (the message may be deleted or too old to edit)."""
    if key is None:
        return
    try:
        await call(lambda: context.bot.edit_message_reply_markup(chat_id=key[0], message_id=key[1], reply_markup=None))
    except BadRequest as exc:
        log.debug("old dialog buttons not removed: %s", exc.message[:80])


async def _edit(context: ContextTypes.DEFAULT_TYPE, key: Key, reply: Reply) -> bool:
    """Turn the question message into the reply; False if Telegram refuses (then a new message is sent)."""
    markup = reply_markup(services(context).store, reply)
    try:
        await call(lambda: context.bot.edit_message_text(
            reply.html, chat_id=key[0], message_id=key[1], parse_mode=ParseMode.HTML, reply_markup=markup))
    except BadRequest as exc:
        log.info("dialog step not edited in place (%s); sending it as a new message", exc.message[:80])
        return False
    return True


@after_delivery
async def track(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply, sent: list[Message]) -> None:
    """Every reply delivered in a private chat, however asked (/kiemtra, a typed answer, any button): a dialog step
    becomes the live question and the previous one loses its buttons; once the dialog is over, so does the last."""
    if is_group(update) or context.user_data is None:
        return
    book: Book | None = context.user_data.get(BOOK_KEY)
    if dialog_step(reply) is not None and sent:
        await _strip(context, _book(context).go_live(_key(sent[-1])))
    elif book is not None and book.live is not None and reply.state.check is None:
        live = book.live
        if book.retire(live):
            await _strip(context, live)


async def on_kiemtra(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start (or restart) the dialog; in a group, point to the private chat."""
    if is_group(update):
        await call(lambda: update.effective_message.reply_text(PRIVATE_ONLY))
        return
    core = services(context).core
    await converse(update, context, lambda state: core.start_check(state))


@action(START_CHECK)
async def on_check_button(update: Update, context: ContextTypes.DEFAULT_TYPE, _: str) -> None:
    """'✅ Kiểm tra từng bước' under a reply that suggests /kiemtra: the same as typing it."""
    await on_kiemtra(update, context)


@action(DIALOG)
async def on_step_button(update: Update, context: ContextTypes.DEFAULT_TYPE, step_query: str) -> None:
    """A dialog button: the core receives option.query, as for any option; the question advances in place."""
    step, _, query = step_query.partition("|")
    svc = services(context)
    if is_group(update):  # a dialog reply that reached a group: its buttons act like any option there
        await converse(update, context, lambda state: svc.core.answer(query, state))
        return
    book = _book(context)
    pressed = _key(update.callback_query.message)
    state = load(update, context)
    current = None if state.check is None else str(state.check.get("step"))
    if current != step and (current is not None or pressed in book.retired):
        # a step already answered (a double tap, or a question answered by typing): never answer another step
        if pressed != book.live and book.retire(pressed):
            await _strip(context, pressed)
        return
    # the current step, or a button of a dialog the core no longer has (after /quen): the core decides
    reply = svc.core.answer(query, state)
    save(update, context, reply)
    if dialog_step(reply) is not None and pressed is not None and len(html_parts(reply.html)) == 1:
        await _strip(context, book.go_live(pressed))
        if await _edit(context, pressed, reply):
            return
    if book.retire(pressed):
        await _strip(context, pressed)
    await deliver(update, context, reply)


async def end_live_question(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The dialog ended without an answer (expired): its question loses its buttons."""
    book: Book | None = (context.user_data or {}).get(BOOK_KEY)
    if book is not None and book.live is not None:
        live = book.live
        if book.retire(live):
            await _strip(context, live)


def handlers() -> list[BaseHandler]:
    """/kiemtra."""
    return [CommandHandler("kiemtra", on_kiemtra, filters=filters.UpdateType.MESSAGE)]
