"""Send replies to Telegram safely: split long HTML, retry on flood/network errors, survive blocked users."""

from __future__ import annotations

import asyncio
import html
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Bot, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from handlers.telegram.split import LIMIT, split_html

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_ATTEMPTS = 4
MAX_WAIT_S = 30.0
MORE_IN_PRIVATE = "\n\n<i>(Còn tiếp — nhắn riêng cho bot để xem đầy đủ.)</i>"


async def call(make: Callable[[], Awaitable[T]]) -> T | None:
    """Run one Bot API call: wait out 429s, retry network errors, shrug off 'not modified' and blocked users."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return await make()
        except RetryAfter as exc:
            wait = min(retry_seconds(exc), MAX_WAIT_S)
            log.warning("Telegram flood control: waiting %.1fs (attempt %d)", wait, attempt)
            await asyncio.sleep(wait)
        except Forbidden:
            log.info("a user blocked the bot or left the chat; message dropped")
            return None
        except BadRequest as exc:
            if "message is not modified" in exc.message.lower():
                return None
            raise
        except NetworkError as exc:  # includes TimedOut
            if attempt == MAX_ATTEMPTS:
                raise
            log.warning("Telegram call failed (%s); retrying", type(exc).__name__)
            await asyncio.sleep(0.5 * attempt)
    return None


def retry_seconds(exc: RetryAfter) -> float:
    """How long Telegram asks to wait, in seconds."""
    with warnings.catch_warnings():  # PTB 22 warns that retry_after becomes a timedelta; accept both
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after = exc.retry_after
    return retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else float(retry_after)


def html_parts(text_html: str, max_parts: int | None = None) -> list[str]:
    """The messages a reply becomes; with max_parts, the rest is replaced by a pointer to the private chat."""
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
