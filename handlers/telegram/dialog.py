"""Expiry of the core's /kiemtra dialog: a check left unanswered for BOT_DIALOG_TTL seconds ends (a JobQueue job),
so it never swallows a question asked later; deadlines live in memory, so after a restart an old check has ended."""

from __future__ import annotations

import logging
import time

from telegram import InlineKeyboardMarkup
from telegram.ext import ContextTypes

from bot.reply import Reply, State
from handlers.telegram.delivery import call
from handlers.telegram.keyboards import CHECK_BUTTON, START_CHECK, button
from handlers.telegram.services import services

log = logging.getLogger(__name__)
DEADLINES_KEY = "dialog_deadlines"
EXPIRED = "⏱ Bài kiểm tra đã dừng vì {minutes} phút không có trả lời. Gõ /kiemtra để làm lại."


def _deadlines(context: ContextTypes.DEFAULT_TYPE) -> dict[str, float]:
    return context.application.bot_data.setdefault(DEADLINES_KEY, {})


def _ttl(context: ContextTypes.DEFAULT_TYPE) -> float:
    return services(context).settings.bot_dialog_ttl


def current(context: ContextTypes.DEFAULT_TYPE, key: str, state: State) -> State:
    """The state with an expired (or, after a restart, unknown) dialog ended."""
    if state.check is None:
        return state
    deadline = _deadlines(context).get(key)
    if deadline is None or deadline < time.monotonic():
        log.info("a /kiemtra dialog had expired: ended")
        _deadlines(context).pop(key, None)
        return state.model_copy(update={"check": None})
    return state


def touch(context: ContextTypes.DEFAULT_TYPE, key: str, user_key: str, reply: Reply, chat_id: int | None,
          user_id: int | None) -> None:
    """After a turn: a dialog still open gets a fresh deadline and an expiry job; a closed one loses both."""
    jobs = context.job_queue.get_jobs_by_name(f"dialog:{key}") if context.job_queue else ()
    for job in jobs:
        job.schedule_removal()
    if reply.state.check is None:
        _deadlines(context).pop(key, None)
        return
    ttl = _ttl(context)
    _deadlines(context)[key] = time.monotonic() + ttl
    if context.job_queue is not None and chat_id is not None:
        context.job_queue.run_once(expire, ttl, data=(key, user_key), name=f"dialog:{key}", chat_id=chat_id, user_id=user_id)


async def expire(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The expiry job: end the dialog in the store, take its buttons away, and say so."""
    from handlers.telegram.kiemtra import end_live_question  # kiemtra builds on conversation, which uses this

    job = context.job
    key, user_key = job.data
    store = services(context).store
    state = store.load_state(key)
    _deadlines(context).pop(key, None)
    if state.check is None:
        return
    store.save_state(key, state.model_copy(update={"check": None}), user_key)
    await end_live_question(context)
    minutes = max(1, round(_ttl(context) / 60))
    again = InlineKeyboardMarkup([[button(store, CHECK_BUTTON, START_CHECK, "")]])
    await call(lambda: context.bot.send_message(job.chat_id, EXPIRED.format(minutes=minutes), reply_markup=again))
