"""One turn of a conversation: load the user's state, ask the core, store the new state, deliver the reply."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.reply import Reply, State
from handlers.telegram.delivery import send_html
from handlers.telegram.keyboards import reply_markup
from handlers.telegram.services import services

UNSURE = 0.5
GROUP_MAX_PARTS = 1
Delivered = Callable[[Update, ContextTypes.DEFAULT_TYPE, Reply, list[Message]], Awaitable[None]]
AFTER_DELIVERY: list[Delivered] = []


def after_delivery(hook: Delivered) -> Delivered:
    """Register a function told of every reply delivered and the messages it became (e.g. to track buttons)."""
    AFTER_DELIVERY.append(hook)
    return hook


def is_group(update: Update) -> bool:
    """Is this update from a group or supergroup (where the bot must stay quiet unless addressed)?"""
    return update.effective_chat is not None and update.effective_chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def take_turn(update: Update, context: ContextTypes.DEFAULT_TYPE, ask: Callable[[State], Reply],
              question: str | None = None) -> Reply:
    """Run the core on the user's stored state and store the result; nothing awaits in between."""
    svc = services(context)
    user_id = update.effective_user.id
    reply = ask(svc.store.load_state(user_id))
    svc.store.save_state(user_id, reply.state)
    if question is not None:
        svc.store.log_question(reply.intent, reply.kind)
        if reply.kind == "fallback" or reply.confidence < UNSURE:
            svc.store.log_unanswered(user_id, question, reply.intent)
    return reply


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply,
                  quotes: bool = True) -> list[Message]:
    """Send a reply to the chat the update came from, with its buttons; short and threaded in groups."""
    svc = services(context)
    group = is_group(update)
    message = update.effective_message if update.message else None
    sent = await send_html(
        context.bot,
        update.effective_chat.id,
        reply.html,
        reply.text,
        markup=reply_markup(svc.store, reply, quotes),
        reply_to=message.message_id if group and message else None,
        max_parts=GROUP_MAX_PARTS if group else None,
    )
    for hook in AFTER_DELIVERY:
        await hook(update, context, reply, sent)
    return sent


async def converse(update: Update, context: ContextTypes.DEFAULT_TYPE, ask: Callable[[State], Reply],
                   question: str | None = None, quotes: bool = True) -> Reply:
    """take_turn then deliver; quotes=False leaves out the 'Xem nguyên văn' button (for quotes themselves)."""
    reply = take_turn(update, context, ask, question)
    await deliver(update, context, reply, quotes)
    return reply
