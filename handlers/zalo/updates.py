"""Zalo updates read into a typed message: {"event_name", "message": {message_id, date (ms), chat, from, text…}}."""

from __future__ import annotations

from dataclasses import dataclass

TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
UNSUPPORTED = "message.unsupported.received"  # files and anything else a bot cannot receive
EVENTS = {TEXT, IMAGE, STICKER, UNSUPPORTED}
GROUP = "GROUP"


@dataclass(frozen=True)
class Incoming:
    """One message from a user: ids are Zalo's opaque strings; text is empty for pictures, stickers and files."""

    event: str
    message_id: str
    chat_id: str
    user_id: str
    group: bool
    text: str = ""
    date_ms: int = 0

    @property
    def conversation_key(self) -> str:
        """The store's key of this conversation: channel, chat and user (a group member has their own)."""
        return f"zalo:{self.chat_id}:{self.user_id}"

    @property
    def user_key(self) -> str:
        """The store's key of this user, for /quen."""
        return f"zalo:{self.user_id}"


def parse_update(raw: object) -> Incoming | None:
    """The message of an update, or None for anything this channel does not handle (or a malformed update)."""
    if not isinstance(raw, dict) or raw.get("event_name") not in EVENTS:
        return None
    message = raw.get("message")
    if not isinstance(message, dict):
        return None
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    message_id, chat_id, user_id = (_id(message.get("message_id")), _id(chat.get("id")), _id(sender.get("id")))
    if not (message_id and chat_id and user_id) or sender.get("is_bot") is True:
        return None
    text = message.get("text") if raw["event_name"] == TEXT else None
    date = message.get("date")
    return Incoming(
        event=raw["event_name"], message_id=message_id, chat_id=chat_id, user_id=user_id,
        group=str(chat.get("chat_type", "")).upper() == GROUP, text=text if isinstance(text, str) else "",
        date_ms=int(date) if isinstance(date, (int, float)) or (isinstance(date, str) and date.isdigit()) else 0,
    )


def _id(value: object) -> str:
    """An id as the opaque string it is (an integer is accepted and turned into one)."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, (str, int)):
        return str(value).strip()
    return ""
