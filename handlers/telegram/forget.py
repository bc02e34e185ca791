"""/quen: forget everything stored about the user."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from handlers.telegram.delivery import call
from handlers.telegram.keys import user_key
from handlers.telegram.services import services

COMMANDS = [("quen", "Xóa mọi dữ liệu bot lưu về bạn")]
FORGOTTEN = "Đã xóa mọi thông tin tôi lưu về bạn (ngạch, cấp, ngữ cảnh hội thoại, câu hỏi đã ghi). Ta bắt đầu lại nhé!"


async def on_quen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Delete the user's state and logged questions, then confirm."""
    services(context).store.forget_user(user_key(update))
    await call(lambda: update.effective_message.reply_text(FORGOTTEN))


def handlers() -> list[BaseHandler]:
    """/quen."""
    return [CommandHandler("quen", on_quen, filters=filters.UpdateType.MESSAGE)]
