"""Staff lists: a CSV/XLSX file sent to the bot is checked against the plan (a summary, then the XLSX report);
/mau sends the template to fill in.

Privacy: the file is read into memory, checked and dropped. Nothing of it is stored (no SQLite, no disk) or
logged: log lines here name no person, no cell and no file name. In a group the bot acts on a file only when
addressed (its caption mentions the bot, or it replies to the bot), and answers in that thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import AsyncIterator
from pathlib import PurePath

from telegram import Bot, Message, MessageEntity, ReplyParameters, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, MessageHandler, filters

from roster import RosterError, check_upload
from roster.reader import EXCEL_SUFFIXES, MAX_FILE_BYTES, MSG_TOO_BIG, MSG_WRONG_TYPE, TEXT_SUFFIXES
from handlers.telegram.conversation import GROUP_MAX_PARTS, is_group
from handlers.telegram.delivery import call, send_html
from handlers.telegram.services import services

log = logging.getLogger(__name__)
COMMANDS = [("mau", "Mẫu danh sách Excel để kiểm tra cả đơn vị")]
TEMPLATE_NAME = "mau_danh_sach_kiem_tra.xlsx"
TEMPLATE_CAPTION = "Mẫu danh sách: mỗi người một dòng; điền xong, gửi lại tệp cho tôi để kiểm tra."
REPORT_CAPTION = "Báo cáo chi tiết: mỗi người một dòng, tô màu theo từng yêu cầu."
WRONG_TYPE = f"{MSG_WRONG_TYPE} Gõ /mau để lấy tệp mẫu."
TOO_BIG = f"{MSG_TOO_BIG} Hãy chia nhỏ danh sách rồi gửi lại."
ACCEPTED_SUFFIXES = EXCEL_SUFFIXES | (TEXT_SUFFIXES - {""})
ACCEPTED_MIME_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
    "application/vnd.ms-excel.sheet.macroenabled.12", "text/csv", "text/plain", "text/comma-separated-values",
    "text/x-csv", "application/csv", "text/tab-separated-values",
}
ACTION_EVERY_S = 4.0  # Telegram shows a chat action for about 5 seconds
PARALLEL_CHECKS = 2  # files checked at the same time (CPU-bound; the machine has few cores)
SLOTS_KEY = "roster_slots"


def acceptable(file_name: str | None, mime_type: str | None) -> bool:
    """Is this a file the roster reader may read, judging by its name or, failing that, its MIME type?"""
    suffix = PurePath(file_name or "").suffix.lower()
    return suffix in ACCEPTED_SUFFIXES or (mime_type or "").lower() in ACCEPTED_MIME_TYPES


def addressed(message: Message, username: str, bot_id: int) -> bool:
    """Is a group message with a file meant for this bot (caption @mention, or a reply to the bot)?"""
    mention = f"@{username}".lower()
    if any(message.parse_caption_entity(e).lower() == mention
           for e in message.caption_entities if e.type == MessageEntity.MENTION):
        return True
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot_id


@contextlib.asynccontextmanager
async def showing(bot: Bot, chat_id: int, chat_action: str) -> AsyncIterator[None]:
    """Keep a chat action ('sending a file…') visible while the body runs."""

    async def repeat() -> None:
        while True:
            try:
                await bot.send_chat_action(chat_id, chat_action)
            except TelegramError as exc:  # cosmetic: never fails the work it decorates
                log.debug("chat action not shown: %s", type(exc).__name__)
            await asyncio.sleep(ACTION_EVERY_S)

    task = asyncio.create_task(repeat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def _slots(context: ContextTypes.DEFAULT_TYPE) -> asyncio.Semaphore:
    data = context.application.bot_data
    if SLOTS_KEY not in data:
        data[SLOTS_KEY] = asyncio.Semaphore(PARALLEL_CHECKS)
    return data[SLOTS_KEY]


async def _say(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """A plain-text reply to the file's message."""
    group = is_group(update)
    await send_html(context.bot, update.effective_chat.id, html.escape(text), text,
                    reply_to=update.message.message_id, max_parts=GROUP_MAX_PARTS if group else None)


async def _download(context: ContextTypes.DEFAULT_TYPE, file_id: str) -> bytes | None:
    """The file's bytes; None if Telegram says it is too big to fetch."""
    try:
        file = await call(lambda: context.bot.get_file(file_id))
    except BadRequest as exc:
        if "too big" in exc.message.lower():
            return None
        raise
    if file is None:
        raise RuntimeError("getFile gave no file")
    if file.file_size is not None and file.file_size > MAX_FILE_BYTES:
        return None
    return bytes(await call(lambda: file.download_as_bytearray()))


async def check_file(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refuse a wrong type or an oversize file before downloading; otherwise check it and send the results."""
    message = update.message
    document = message.document
    if not acceptable(document.file_name, document.mime_type):
        await _say(update, context, WRONG_TYPE)
        return
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        await _say(update, context, TOO_BIG)
        return
    chat_id = update.effective_chat.id
    async with showing(context.bot, chat_id, ChatAction.UPLOAD_DOCUMENT):
        data = await _download(context, document.file_id)
        if data is None:
            await _say(update, context, TOO_BIG)
            return
        try:
            async with _slots(context):
                outcome = await asyncio.to_thread(check_upload, data, document.file_name or "")
        except RosterError as exc:
            await _say(update, context, str(exc))
            return
        finally:
            del data
        log.info("staff list checked: %d people", len(outcome.roster.rows))
        await _say(update, context, outcome.text)
        await call(lambda: context.bot.send_document(chat_id, outcome.report, filename=outcome.report_name,
                                                     caption=REPORT_CAPTION))


async def on_private_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a private chat: a staff list to check."""
    await check_file(update, context)


async def on_group_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a group: checked only when addressed to the bot."""
    if addressed(update.message, context.bot.username, context.bot.id):
        await check_file(update, context)


async def on_mau(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mau: the XLSX template, built from the plan (valid values as drop-down lists, a guide sheet)."""
    chat_id = update.effective_chat.id
    message = update.effective_message
    reply = ReplyParameters(message.message_id, allow_sending_without_reply=True) if is_group(update) else None
    await call(lambda: context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT))
    template = services(context).core.staff_template()
    await call(lambda: context.bot.send_document(chat_id, template, filename=TEMPLATE_NAME, caption=TEMPLATE_CAPTION,
                                                 reply_parameters=reply))


def handlers() -> list[BaseHandler]:
    """/mau, and files sent in private chats or addressed to the bot in groups."""
    new = filters.UpdateType.MESSAGE
    return [
        CommandHandler("mau", on_mau, filters=new),
        MessageHandler(filters.ChatType.PRIVATE & new & filters.Document.ALL, on_private_document),
        MessageHandler(filters.ChatType.GROUPS & new & filters.Document.ALL, on_group_document),
    ]
