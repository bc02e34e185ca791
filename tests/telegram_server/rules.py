"""What the fake Bot API accepts: each method's parameters, command scopes, keyboards (Bot API 9)."""

from __future__ import annotations


class ApiError(Exception):
    """An error answered in Telegram's JSON shape."""

    def __init__(self, description: str, code: int = 400, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.description, self.code, self.retry_after = description, code, retry_after


_SEND = {"chat_id", "business_connection_id", "message_thread_id", "disable_notification", "protect_content",
         "allow_paid_broadcast", "message_effect_id", "reply_parameters", "reply_markup", "reply_to_message_id",
         "allow_sending_without_reply", "direct_messages_topic_id", "suggested_post_parameters"}
# the parameters each method accepts (Bot API 9); anything else is refused, so a typo in the bot is caught
PARAMETERS: dict[str, set[str]] = {
    "getme": set(), "logout": set(), "close": set(),
    "getupdates": {"offset", "limit", "timeout", "allowed_updates"},
    "deletewebhook": {"drop_pending_updates"},
    "setwebhook": {"url", "certificate", "ip_address", "max_connections", "allowed_updates",
                   "drop_pending_updates", "secret_token"},
    "setmycommands": {"commands", "scope", "language_code"},
    "deletemycommands": {"scope", "language_code"},
    "setmydescription": {"description", "language_code"},
    "setmyshortdescription": {"short_description", "language_code"},
    "setchatmenubutton": {"chat_id", "menu_button"},
    "sendchataction": {"chat_id", "action", "message_thread_id", "business_connection_id"},
    "sendmessage": _SEND | {"text", "parse_mode", "entities", "link_preview_options"},
    "sendphoto": _SEND | {"photo", "caption", "parse_mode", "caption_entities", "show_caption_above_media",
                          "has_spoiler"},
    "senddocument": _SEND | {"document", "thumbnail", "caption", "parse_mode", "caption_entities",
                             "disable_content_type_detection"},
    "editmessagetext": {"chat_id", "message_id", "inline_message_id", "text", "parse_mode", "entities",
                        "link_preview_options", "reply_markup", "business_connection_id"},
    "editmessagereplymarkup": {"chat_id", "message_id", "inline_message_id", "reply_markup",
                               "business_connection_id"},
    "answercallbackquery": {"callback_query_id", "text", "show_alert", "url", "cache_time"},
    "answerinlinequery": {"inline_query_id", "results", "cache_time", "is_personal", "next_offset", "button"},
    "getfile": {"file_id"},
}
COMMAND_SCOPES = {"default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
                  "chat_administrators", "chat_member"}
MENU_BUTTONS = {"commands", "default", "web_app"}
INLINE_BUTTON_KEYS = {"text", "url", "callback_data", "web_app", "login_url", "switch_inline_query",
                      "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
                      "callback_game", "pay"}
REPLY_KEYBOARD_KEYS = {"keyboard", "is_persistent", "resize_keyboard", "one_time_keyboard",
                       "input_field_placeholder", "selective"}
FORCE_REPLY_KEYS = {"force_reply", "input_field_placeholder", "selective"}


def check_keyboard(markup: dict) -> dict:
    """A reply keyboard, ForceReply or ReplyKeyboardRemove, checked as Telegram checks them."""
    placeholder = markup.get("input_field_placeholder")
    if placeholder is not None and not 1 <= len(placeholder) <= 64:
        raise ApiError("Bad Request: input field placeholder must be 1-64 characters")
    if "force_reply" in markup:
        if markup["force_reply"] is not True or set(markup) - FORCE_REPLY_KEYS:
            raise ApiError("Bad Request: can't parse force reply markup")
    elif "remove_keyboard" in markup:
        if markup["remove_keyboard"] is not True or set(markup) - {"remove_keyboard", "selective"}:
            raise ApiError("Bad Request: can't parse keyboard remove markup")
    elif "keyboard" in markup:
        rows = markup["keyboard"]
        if set(markup) - REPLY_KEYBOARD_KEYS or not rows or not all(rows):
            raise ApiError("Bad Request: can't parse reply keyboard markup JSON object")
        for row in rows:
            for button in row:
                text = button.get("text") if isinstance(button, dict) else button
                if not text:
                    raise ApiError("Bad Request: keyboard button text is empty")
    else:
        raise ApiError("Bad Request: can't parse reply keyboard markup JSON object")
    return markup
