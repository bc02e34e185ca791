"""Free-text questions: every private message, group messages addressed to the bot, and option buttons."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, MessageEntity, Update
from telegram.ext import BaseHandler, ContextTypes, MessageHandler, filters

from bot import menus
from handlers.telegram.buttons import action
from handlers.telegram.conversation import converse, owner
from handlers.telegram.delivery import call
from handlers.telegram.keyboards import clause_buttons, rows
from handlers.telegram.services import services

NOT_TEXT = "Tôi chỉ đọc được tin nhắn chữ và tệp danh sách (.xlsx, .csv). Bạn hãy gõ câu hỏi, hoặc xem /help."
UNKNOWN_COMMAND = "Tôi không có lệnh này. Gõ /help để xem các lệnh và câu hỏi mẫu."
JUST_MENTIONED = f"Bạn cần hỏi gì về {menus.document_name()}? Ví dụ: <i>chuyên viên cấp huyện cần học gì?</i>"


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a private message."""
    text = update.message.text.strip()
    core = services(context).core
    await converse(update, context, lambda state: core.answer(text, state), question=text)


def addressed_text(update: Update, username: str, bot_id: int) -> str | None:
    """The question in a group message if it is addressed to this bot (an @mention entity, or a reply to the
    bot), without the mention; else None."""
    message = update.message
    mention = f"@{username}".lower()
    mentions = [e for e, text in message.parse_entities([MessageEntity.MENTION]).items() if text.lower() == mention]
    replied = message.reply_to_message is not None and message.reply_to_message.from_user is not None \
        and message.reply_to_message.from_user.id == bot_id
    if not (mentions or replied):
        return None
    return " ".join(_without(message.text, mentions).split())


def _without(text: str, entities: list[MessageEntity]) -> str:
    """The text with the entities' spans cut out (offsets count UTF-16 code units, as Telegram's do)."""
    units = text.encode("utf-16-le")
    kept, at = [], 0
    for e in sorted(entities, key=lambda e: e.offset):
        kept.append(units[2 * at: 2 * e.offset])
        at = e.offset + e.length
    kept.append(units[2 * at:])
    return " ".join(part.decode("utf-16-le") for part in kept)


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group, answer only what is addressed to the bot; stay silent otherwise."""
    text = addressed_text(update, context.bot.username, context.bot.id)
    if text is None:
        return
    if not text:
        await call(lambda: update.message.reply_html(JUST_MENTIONED))
        return
    core = services(context).core
    await converse(update, context, lambda state: core.answer(text, state), question=text)


async def on_not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain, in a private chat, that only text (and staff-list files, see roster.py) is understood."""
    await call(lambda: update.message.reply_text(NOT_TEXT))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point to /help for a command the bot does not have."""
    await call(lambda: update.message.reply_text(UNKNOWN_COMMAND))


@action("ask")
async def ask_option(update: Update, context: ContextTypes.DEFAULT_TYPE, query: str) -> None:
    """A pressed option: the core receives the option's query."""
    core = services(context).core
    await converse(update, context, lambda state: core.answer(query, state))


@action("quote")
async def quote(update: Update, context: ContextTypes.DEFAULT_TYPE, clause_id: str) -> None:
    """'Xem nguyên văn': the clause verbatim."""
    core = services(context).core
    await converse(update, context, lambda state: core.quote_clause(clause_id, state), quotes=False)


@action("quotes")
async def choose_quote(update: Update, context: ContextTypes.DEFAULT_TYPE, clause_ids: str) -> None:
    """'Xem nguyên văn' of an answer citing several clauses: turn that button into one button per clause."""
    query = update.callback_query
    old = query.message.reply_markup.inline_keyboard if query.message and query.message.reply_markup else ()
    clause_rows = rows(clause_buttons(services(context).store, clause_ids.split(), owner(update)))
    keyboard = []
    for row in old:
        pressed = any(b.callback_data == query.data for b in row)
        keyboard += clause_rows if pressed else [list(row)]
    new = InlineKeyboardMarkup(keyboard)
    await call(lambda: query.edit_message_reply_markup(new))


PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE


def handlers() -> list[BaseHandler]:
    """Free text in private chats and groups."""
    return [
        MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, on_private_text),
        MessageHandler(GROUPS & filters.TEXT & ~filters.COMMAND & (filters.Entity(MessageEntity.MENTION) | filters.REPLY),
                       on_group_text),
    ]


def fallback_handlers() -> list[BaseHandler]:
    """Last resort in private chats: unknown commands and non-text messages."""
    return [
        MessageHandler(PRIVATE & filters.COMMAND, on_unknown_command),
        MessageHandler(PRIVATE & ~filters.TEXT, on_not_text),
    ]
