"""/chitieu: the annex figures as text, then the same figures as a chart."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot import menus
from handlers.telegram.chart import annex_chart_png
from handlers.telegram.conversation import converse
from handlers.telegram.delivery import call
from handlers.telegram.services import services

log = logging.getLogger(__name__)
COMMANDS = [("chitieu", f"Chỉ tiêu đào tạo {menus.period_text()}, biểu đồ")]
CAPTION = "{title}: theo năm, trong nước và nước ngoài ({source})."


def caption() -> str:
    """The chart's caption, naming its source from the plan data."""
    data = menus.annex_breakdown()
    if data is None:
        return "Biểu đồ chỉ tiêu đào tạo, bồi dưỡng."
    return CAPTION.format(title=data.title, source=data.source)


async def on_chitieu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The core's annex reply, then the chart (uploaded once, then resent by Telegram's file id)."""
    svc = services(context)
    await converse(update, context, lambda state: svc.core.annex_reply(state))
    chat_id = update.effective_chat.id
    if svc.chart_file_id is None:
        await call(lambda: context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO))
        png = await asyncio.to_thread(annex_chart_png, svc.core)
        message = await call(lambda: context.bot.send_photo(chat_id, png, caption=caption(), filename="chitieu.png"))
        if message is not None and message.photo:
            svc.chart_file_id = message.photo[-1].file_id
        return
    await call(lambda: context.bot.send_photo(chat_id, svc.chart_file_id, caption=caption()))


def handlers() -> list[BaseHandler]:
    """/chitieu."""
    return [CommandHandler("chitieu", on_chitieu, filters=filters.UpdateType.MESSAGE)]
