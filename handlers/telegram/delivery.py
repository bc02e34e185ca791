"""Send replies to Telegram: split long HTML, fold long quotes, survive blocked users; a send is never repeated.

A timed-out sendMessage may well have been delivered, so nothing here retries it: a message is never sent twice.
Flood control (429) is waited out by python-telegram-bot's AIORateLimiter (max_retries) when pacing is on.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Bot, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from handlers.telegram.split import LIMIT, split_html

log = logging.getLogger(__name__)
T = TypeVar("T")
MORE_IN_PRIVATE = "\n\n<i>(Còn tiếp — nhắn riêng cho bot để xem đầy đủ.)</i>"
EXPANDABLE_CHARS = 300  # a quote longer than this (or of more lines) is folded: the answer stays on one screen
EXPANDABLE_LINES = 4
_QUOTE = re.compile(r"<blockquote>(.*?)</blockquote>", re.S)
_TAGS = re.compile(r"<[^>]*>")


async def call(make: Callable[[], Awaitable[T]]) -> T | None:
    """Run one Bot API call once: None for a blocked user or 'message is not modified', else its result."""
    try:
        return await make()
    except Forbidden:
        log.info("a user blocked the bot or left the chat; message dropped")
        return None
    except BadRequest as exc:
        if "message is not modified" in exc.message.lower():
            return None
        raise


def fold_long_quotes(text_html: str) -> str:
    """Long <blockquote>s become expandable ones: Telegram shows their first lines and a 'show more'."""

    def fold(m: re.Match) -> str:
        plain = html.unescape(_TAGS.sub("", m.group(1)))
        if len(plain) > EXPANDABLE_CHARS or plain.count("\n") >= EXPANDABLE_LINES:
            return f"<blockquote expandable>{m.group(1)}</blockquote>"
        return m.group(0)

    return _QUOTE.sub(fold, text_html)


def html_parts(text_html: str, max_parts: int | None = None) -> list[str]:
    """The messages a reply becomes; with max_parts, the rest is replaced by a pointer to the private chat."""
    text_html = fold_long_quotes(text_html)
    parts = split_html(text_html)
    if max_parts is not None and len(parts) > max_parts:
        parts = split_html(text_html, LIMIT - len(MORE_IN_PRIVATE))[:max_parts]
        parts[-1] += MORE_IN_PRIVATE
    return parts


async def send_html(
    bot: Bot,
    chat_id: int,
    text_html: str,
    plain: str,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
    max_parts: int | None = None,
) -> list[Message]:
    """Send HTML in as many messages as needed (buttons on the last); fall back to plain text if refused."""
    try:
        return await _send_parts(bot, chat_id, html_parts(text_html, max_parts), markup, reply_to)
    except BadRequest as exc:
        if "parse entities" not in exc.message.lower():
            raise
        log.error("Telegram refused the core's HTML (%s); sending plain text", exc.message[:80])
        return await _send_parts(bot, chat_id, html_parts(html.escape(plain), max_parts), markup, reply_to)


async def _send_parts(
    bot: Bot, chat_id: int, parts: list[str], markup: InlineKeyboardMarkup | None, reply_to: int | None
) -> list[Message]:
    sent: list[Message] = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        params = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to and i == 0 else None
        message = await call(lambda: bot.send_message(
            chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup if last else None,
            reply_parameters=params,
        ))
        if message is None:
            break
        sent.append(message)
    return sent
