"""Inline mode: `@bot câu hỏi` in any chat offers the core's answer (and, for a vague question, each reading)."""

from __future__ import annotations

import hashlib

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, ContextTypes, InlineQueryHandler

from bot.reply import Reply
from handlers.telegram.delivery import call, html_parts
from handlers.telegram.keys import conversation_key
from handlers.telegram.services import services

MAX_OPTIONS = 5
CACHE_S = 60
NOT_FOUND = "Chưa tìm thấy câu trả lời"
OPEN_CHAT = "Hỏi riêng bot"


def _title(reply: Reply, fallback: str) -> str:
    if reply.kind == "fallback":
        return NOT_FOUND
    first = reply.text.strip().splitlines()[0] if reply.text.strip() else fallback
    return first[:64]


def article(query: str, index: int, title: str, reply: Reply) -> InlineQueryResultArticle:
    """One result: its first message-sized part is what gets posted."""
    ident = hashlib.sha1(f"{index}:{query}".encode()).hexdigest()[:32]
    return InlineQueryResultArticle(
        id=ident,
        title=title,
        description=" ".join(reply.text.split())[:120],
        input_message_content=InputTextMessageContent(html_parts(reply.html, max_parts=1)[0], parse_mode=ParseMode.HTML),
    )


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer with the user's stored context, without changing it."""
    inline = update.inline_query
    text = inline.query.strip()
    button = InlineQueryResultsButton(text=OPEN_CHAT, start_parameter="inline")
    if not text:
        await call(lambda: inline.answer([], cache_time=CACHE_S, is_personal=True, button=button))
        return
    svc = services(context)
    state = svc.store.load_state(conversation_key(update))
    reply = svc.core.answer(text, state)
    results = [article(text, 0, _title(reply, text), reply)] if reply.html.strip() else []
    for i, option in enumerate(reply.options[:MAX_OPTIONS], 1):
        chosen = svc.core.answer(option.query, reply.state)
        if chosen.html.strip():
            results.append(article(text, i, option.label[:64], chosen))
    await call(lambda: inline.answer(results, cache_time=CACHE_S, is_personal=True, button=button))


def handlers() -> list[BaseHandler]:
    """Inline queries."""
    return [InlineQueryHandler(on_inline)]
