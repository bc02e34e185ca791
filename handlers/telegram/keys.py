"""Store keys of the Telegram channel: one conversation per chat and user, one user key for /quen."""

from __future__ import annotations

from telegram import Update

CHANNEL = "telegram"


def user_key(update: Update) -> str:
    """The key of everything stored about the user: 'telegram:<user_id>'."""
    return f"{CHANNEL}:{update.effective_user.id}"


def conversation_key(update: Update) -> str:
    """One conversation per chat and user ('telegram:<chat_id>:<user_id>'); inline mode has its own
    ('telegram:inline:<user_id>'), so a private chat, a group and inline mode never share a state."""
    user = update.effective_user.id
    if update.inline_query is not None or update.chosen_inline_result is not None or update.effective_chat is None:
        return f"{CHANNEL}:inline:{user}"
    return f"{CHANNEL}:{update.effective_chat.id}:{user}"
