"""The plan itself: /dieu (a clause verbatim), /timkiem (search the text), /vanban (the document's identity)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from handlers.telegram.conversation import converse
from handlers.telegram.delivery import call
from handlers.telegram.services import services

COMMANDS = [
    ("dieu", "Nguyên văn một mục, vd /dieu II.1.b"),
    ("timkiem", "Tìm trong văn bản, vd /timkiem tin học"),
    ("vanban", "Số, ngày, người ký, căn cứ"),
]
DIEU_USAGE = "Gõ số mục sau lệnh, ví dụ: /dieu II.1.b"
TIMKIEM_USAGE = "Gõ từ khóa sau lệnh, ví dụ: /timkiem tin học"


async def on_dieu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/dieu II.1.b: the clause verbatim."""
    clause = " ".join(context.args or []).strip()
    if not clause:
        await call(lambda: update.effective_message.reply_text(DIEU_USAGE))
        return
    core = services(context).core
    await converse(update, context, lambda state: core.quote_clause(clause, state), quotes=False)


async def on_timkiem(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timkiem <từ khóa>: where the plan says it."""
    keywords = " ".join(context.args or []).strip()
    if not keywords:
        await call(lambda: update.effective_message.reply_text(TIMKIEM_USAGE))
        return
    core = services(context).core
    await converse(update, context, lambda state: core.search_plan(keywords, state))


async def on_vanban(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vanban: number, date, signer, legal bases, period."""
    core = services(context).core
    await converse(update, context, lambda state: core.document_reply(state))


def handlers() -> list[BaseHandler]:
    """/dieu, /timkiem, /vanban."""
    only_new = filters.UpdateType.MESSAGE
    return [
        CommandHandler("dieu", on_dieu, filters=only_new),
        CommandHandler("timkiem", on_timkiem, filters=only_new),
        CommandHandler("vanban", on_vanban, filters=only_new),
    ]
