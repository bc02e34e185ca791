"""/thongke, for admins only: questions by intent and the most frequent ones the core could not answer."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from handlers.telegram.conversation import is_group
from handlers.telegram.delivery import call, send_html
from handlers.telegram.services import services

ADMIN_COMMANDS = [("thongke", "Thống kê câu hỏi (quản trị)")]
NOT_ADMIN = "Xin lỗi, lệnh này chỉ dành cho quản trị viên."
PRIVATE_ONLY = "Hãy dùng lệnh này trong tin nhắn riêng với bot."
TOP = 10


def report(intents: list[tuple[str, int]], unanswered: list[tuple[str, int]]) -> str:
    """The statistics as Telegram HTML."""
    lines = [f"<b>Câu hỏi theo loại</b> (tổng {sum(n for _, n in intents)})"]
    lines += [f"• {html.escape(intent)}: {n}" for intent, n in intents] or ["• chưa có câu hỏi nào"]
    lines += ["", f"<b>Câu hỏi chưa trả lời được</b> (nhiều nhất {TOP})"]
    lines += [f"{i}. ({n}) {html.escape(text)}" for i, (text, n) in enumerate(unanswered, 1)] or ["• không có"]
    return "\n".join(lines)


async def on_thongke(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins get the report in private; everyone else a polite refusal."""
    svc = services(context)
    message = update.effective_message
    if update.effective_user.id not in svc.settings.admin_ids:
        await call(lambda: message.reply_text(NOT_ADMIN))
        return
    if is_group(update):
        await call(lambda: message.reply_text(PRIVATE_ONLY))
        return
    text = report(svc.store.intent_counts(), svc.store.top_unanswered(TOP))
    await send_html(context.bot, update.effective_chat.id, text, text)


def handlers() -> list[BaseHandler]:
    """/thongke."""
    return [CommandHandler("thongke", on_thongke, filters=filters.UpdateType.MESSAGE)]

