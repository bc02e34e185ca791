"""One turn of a conversation: load the conversation's state, ask the core, store the new state, deliver the reply."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot import menus
from bot.reply import Reply, State
from handlers.telegram import dialog
from handlers.telegram.delivery import send_html
from handlers.telegram.keyboards import reply_markup
from handlers.telegram.keys import conversation_key, user_key
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


def owner(update: Update) -> int | None:
    """Whose keyboard a reply's buttons are: in a group, the person answered; in a private chat, anyone's."""
    return update.effective_user.id if is_group(update) and update.effective_user else None


@functools.lru_cache(maxsize=4)
def _dialog_intent(core) -> str:
    return core.start_check(State()).intent


@functools.lru_cache(maxsize=4)
def _quote_intent(core) -> str:
    """The intent of a verbatim quote: such a reply, however asked, gets no 'Xem nguyên văn' button."""
    return core.quote_clause(menus.clause_ids()[-1]).intent


def load(update: Update, context: ContextTypes.DEFAULT_TYPE) -> State:
    """The conversation's state, with a /kiemtra dialog that has expired ended."""
    key = conversation_key(update)
    return dialog.current(context, key, services(context).store.load_state(key))


def save(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    """Store the state a reply leaves, and keep the dialog's deadline."""
    key = conversation_key(update)
    services(context).store.save_state(key, reply.state, user_key(update))
    chat = update.effective_chat.id if update.effective_chat else None
    dialog.touch(context, key, user_key(update), reply, chat, update.effective_user.id)


def take_turn(update: Update, context: ContextTypes.DEFAULT_TYPE, ask: Callable[[State], Reply],
              question: str | None = None) -> Reply:
    """Run the core on the conversation's stored state and store the result; nothing awaits in between.
    A question typed in the middle of /kiemtra is answered and the check waits (until it expires)."""
    svc = services(context)
    state = load(update, context)
    reply = ask(state)
    if state.check is not None and reply.state.check is None and reply.intent != _dialog_intent(svc.core):
        reply.state = reply.state.model_copy(update={"check": state.check})
    save(update, context, reply)
    if question is not None:
        svc.store.log_question(reply.intent, reply.kind)
        if reply.kind == "fallback" or reply.confidence < UNSURE:
            svc.store.log_unanswered(user_key(update), question, reply.intent)
    return reply


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply,
                  quotes: bool = True) -> list[Message]:
    """Send a reply to the chat the update came from, with its buttons; short and threaded in groups."""
    svc = services(context)
    group = is_group(update)
    message = update.effective_message if update.message else None
    quotes = quotes and reply.intent != _quote_intent(svc.core)
    sent = await send_html(
        context.bot,
        update.effective_chat.id,
        reply.html,
        reply.text,
        markup=reply_markup(svc.store, reply, quotes, owner(update), feedback=quotes),
        reply_to=message.message_id if group and message else None,
        max_parts=GROUP_MAX_PARTS if group else None,
    )
    for hook in AFTER_DELIVERY:
        await hook(update, context, reply, sent)
    return sent


async def converse(update: Update, context: ContextTypes.DEFAULT_TYPE, ask: Callable[[State], Reply],
                   question: str | None = None, quotes: bool = True) -> Reply:
    """take_turn then deliver; quotes=False leaves out 'Xem nguyên văn' and related questions (for quotes)."""
    reply = take_turn(update, context, ask, question)
    await deliver(update, context, reply, quotes)
    return reply
