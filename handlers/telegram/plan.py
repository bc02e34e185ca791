"""The plan itself: /dieu (a clause verbatim, or the table of contents), /timkiem (search, asking the keyword with
a ForceReply when none is given), /vanban (the document's identity)."""

from __future__ import annotations

import html

from telegram import ForceReply, InlineKeyboardMarkup, Message, ReplyParameters, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot import menus
from handlers.telegram.buttons import action
from handlers.telegram.conversation import converse, is_group, owner
from handlers.telegram.delivery import call
from handlers.telegram.keyboards import mixed
from handlers.telegram.services import services

COMMANDS = [
    ("dieu", "Mục lục; nguyên văn một mục, vd /dieu II.1.b"),
    ("timkiem", "Tìm trong văn bản, vd /timkiem tin học"),
    ("vanban", "Số, ngày, người ký, căn cứ"),
]
TOC_TITLE = "📖 <b>Mục lục {number}</b>\nChọn một phần để xem các mục của nó:"
UNKNOWN_CLAUSE = "Không có mục «{clause}». "
SECTION_TITLE = "<b>{id}. {title}</b>\nChọn mục để xem nguyên văn:"
BACK = "⬅️ Mục lục"
SEARCH_PROMPT = "🔎 Bạn muốn tìm từ nào trong văn bản? Trả lời tin nhắn này bằng từ khóa."
SEARCH_PLACEHOLDER = "ví dụ: tin học"
LABEL_CHARS = 48


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def toc_markup(update: Update, context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup:
    """One button per part of the plan; a part without clauses is quoted at once."""
    store, who = services(context).store, owner(update)
    items = [(_short(f"{s.id} · {s.title}"), "toc" if s.clauses else "quote", s.id) for s in menus.table_of_contents()]
    return InlineKeyboardMarkup([[b] for b in mixed(store, items, who)])


def toc_text(prefix: str = "") -> str:
    return prefix + TOC_TITLE.format(number=html.escape(menus.document_number()))


async def send_toc(update: Update, context: ContextTypes.DEFAULT_TYPE, prefix: str = "") -> None:
    """The table of contents as buttons."""
    await call(lambda: update.effective_message.reply_text(
        toc_text(prefix), parse_mode=ParseMode.HTML, reply_markup=toc_markup(update, context)))


@action("toc")
async def open_section(update: Update, context: ContextTypes.DEFAULT_TYPE, section_id: str) -> None:
    """A part: the same message lists its clauses; 'back' shows the parts again."""
    part = menus.section(section_id)
    if part is None:
        await call(lambda: update.callback_query.edit_message_text(
            toc_text(), parse_mode=ParseMode.HTML, reply_markup=toc_markup(update, context)))
        return
    store, who = services(context).store, owner(update)
    items = [(_short(o.label), "quote", o.query) for o in part.clauses] + [(BACK, "toc", "")]
    keyboard = [[b] for b in mixed(store, items, who)]
    text = SECTION_TITLE.format(id=html.escape(part.id), title=html.escape(part.title))
    await call(lambda: update.callback_query.edit_message_text(
        text, parse_mode=ParseMode.HTML, reply_markup=InlineKeyboardMarkup(keyboard)))


async def on_dieu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/dieu II.1.b: the clause verbatim; without an id, or with one the plan does not have, the contents."""
    clause = " ".join(context.args or []).strip()
    if not clause:
        await send_toc(update, context)
        return
    core = services(context).core
    probe = core.quote_clause(clause)
    if probe.kind != "answer" or not probe.clauses:
        await send_toc(update, context, UNKNOWN_CLAUSE.format(clause=html.escape(clause[:30])))
        return
    await converse(update, context, lambda state: core.quote_clause(clause, state), quotes=False)


async def ask_keyword(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask the keyword with a ForceReply: the phone opens the keyboard on a reply to this message."""
    message = update.effective_message
    params = ReplyParameters(message.message_id, allow_sending_without_reply=True) if is_group(update) else None
    await call(lambda: context.bot.send_message(
        update.effective_chat.id, SEARCH_PROMPT, reply_parameters=params,
        reply_markup=ForceReply(selective=True, input_field_placeholder=SEARCH_PLACEHOLDER)))


async def search(update: Update, context: ContextTypes.DEFAULT_TYPE, keywords: str) -> None:
    core = services(context).core
    await converse(update, context, lambda state: core.search_plan(keywords, state))


async def on_timkiem(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timkiem <từ khóa>: where the plan says it; without a keyword, ask for it."""
    keywords = " ".join(context.args or []).strip()
    if not keywords:
        await ask_keyword(update, context)
        return
    await search(update, context, keywords)


class _ReplyToSearchPrompt(filters.MessageFilter):
    """A text message answering the bot's keyword question."""

    def filter(self, message: Message) -> bool:
        asked = message.reply_to_message
        return bool(asked is not None and asked.from_user is not None and asked.from_user.is_bot
                    and asked.text == SEARCH_PROMPT and message.text)


async def on_keyword(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The keyword typed as a reply to the ForceReply question."""
    await search(update, context, update.message.text.strip())


async def on_vanban(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vanban: number, date, signer, legal bases, period."""
    core = services(context).core
    await converse(update, context, lambda state: core.document_reply(state))


def handlers() -> list[BaseHandler]:
    """/dieu, /timkiem (and its keyword reply), /vanban."""
    only_new = filters.UpdateType.MESSAGE
    return [
        CommandHandler("dieu", on_dieu, filters=only_new),
        CommandHandler("timkiem", on_timkiem, filters=only_new),
        CommandHandler("vanban", on_vanban, filters=only_new),
        MessageHandler(only_new & filters.TEXT & ~filters.COMMAND & _ReplyToSearchPrompt(), on_keyword),
    ]
