"""A fake Telegram Bot API on 127.0.0.1, as strict as Telegram, with a simulated user who queues updates."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

from telegram_server.html_check import HtmlError, parse_html, telegram_length
from telegram_server.rules import (
    COMMAND_SCOPES,
    INLINE_BUTTON_KEYS,
    MENU_BUTTONS,
    PARAMETERS,
    ApiError,
    check_keyboard,
)

JSON_PARAMS = {"reply_markup", "commands", "results", "scope", "allowed_updates", "reply_parameters",
               "link_preview_options", "entities", "caption_entities", "button", "menu_button"}

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files
NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and reply markup "
                "are exactly the same as a content and reply markup of the current message")


@dataclass
class Chat:
    """A chat the simulated users talk in."""

    id: int
    type: str = "private"
    title: str | None = None

    def as_json(self) -> dict:
        return {"id": self.id, "type": self.type, **({"title": self.title} if self.title else {"first_name": "An"})}


@dataclass
class Sent:
    """A message the bot sent, as the user sees it now (edits applied)."""

    chat: Chat
    message_id: int
    text: str = ""
    html: str = ""
    reply_markup: dict | None = None
    photo: bytes | None = None
    document: bytes | None = None
    filename: str | None = None
    reply_to: int | None = None
    edits: int = 0
    keyboard: dict | None = None  # a reply keyboard, ForceReply or ReplyKeyboardRemove sent with the message

    @property
    def buttons(self) -> list[dict]:
        """Inline buttons, row after row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b for row in rows for b in row]

    @property
    def labels(self) -> list[str]:
        return [b["text"] for b in self.buttons]

    def as_json(self, bot: dict) -> dict:
        out = {"message_id": self.message_id, "date": int(time.time()), "chat": self.chat.as_json(), "from": bot}
        if self.photo is not None:
            out["photo"] = [{"file_id": f"photo{self.message_id}", "file_unique_id": f"u{self.message_id}",
                             "width": 800, "height": 500, "file_size": len(self.photo)}]
            if self.text:
                out["caption"] = self.text
        elif self.document is not None:
            out["document"] = {"file_id": f"doc{self.message_id}", "file_unique_id": f"u{self.message_id}",
                               "file_name": self.filename or "file", "file_size": len(self.document)}
            if self.text:
                out["caption"] = self.text
        else:
            out["text"] = self.text
        if self.reply_markup:
            out["reply_markup"] = self.reply_markup
        return out


@dataclass
class FakeBotApi:
    """The server: Bot API methods under /bot<token>/, and helpers for a test to act as users."""

    token: str = "123:ABC"
    bot: dict = field(default_factory=lambda: {
        "id": 123, "is_bot": True, "first_name": "KH39", "username": "kh39_bot", "can_join_groups": True,
        "can_read_all_group_messages": False, "supports_inline_queries": True,
        "can_connect_to_business": False, "has_main_web_app": False})

    def __post_init__(self) -> None:
        self.updates: list[dict] = []
        self.confirmed = 0  # every update below this id was fetched by the bot and acknowledged
        self.sent: list[Sent] = []
        self.calls: list[tuple[str, dict]] = []
        self.errors: list[tuple[str, str]] = []
        self.files: dict[str, bytes] = {}
        self.downloads: list[str] = []  # file paths the bot downloaded, in order
        self.callback_answers: dict[str, dict] = {}
        self.commands: dict[tuple[str, int | None], list[dict]] = {}  # (scope type, chat id) -> the menu
        self.description = ""
        self.short_description = ""
        self.menu_buttons: dict[int | None, dict] = {}  # chat id (None: default) -> menu button
        self.inline_answers: dict[str, list[dict]] = {}
        self.faults: list[tuple[str, ApiError]] = []
        self.delays: list[tuple[str, float]] = []
        self.users_started: set[int] = set()  # private chats known before the bot starts (e.g. admins)
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # server lifecycle
    async def start(self) -> str:
        """Listen on a free loopback port; returns the base URL to give the bot (…/bot)."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{self.port}/bot"

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _until(self, predicate: Callable[[], Any], timeout: float) -> Any:
        deadline = asyncio.get_running_loop().time() + timeout
        async with self._changed:
            while not (result := predicate()):
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0:
                    return result
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except asyncio.TimeoutError:
                    pass
        return result

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
        """Wait until predicate() is truthy; fail with what the bot did if the deadline passes."""
        result = await self._until(predicate, timeout)
        if not result:
            raise AssertionError(f"timed out waiting for {what or predicate}; last calls: "
                                 f"{[c[0] for c in self.calls[-15:]]}; errors: {self.errors[-5:]}")
        return result

    # what the users see
    def outbox(self, chat_id: int) -> list[Sent]:
        """Messages the bot sent to a chat, oldest first."""
        return [m for m in self.sent if m.chat.id == chat_id]

    async def replies(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Sent]:
        """Wait until the chat holds at least `count` bot messages; returns them all."""
        await self.wait_for(lambda: len(self.outbox(chat_id)) >= count, timeout, f"{count} messages in {chat_id}")
        return self.outbox(chat_id)

    async def drained(self, timeout: float = 10.0) -> None:
        """Wait until the bot has fetched and acknowledged every queued update."""
        await self.wait_for(lambda: self.confirmed > self.updates[-1]["update_id"] if self.updates else True,
                            timeout, "the bot to fetch every update")

    # what the users do
    def _user(self, user_id: int) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": "vi"}

    def _queue(self, payload: dict) -> dict:
        update = {"update_id": next(self._ids), **payload}
        self.updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update

    def send(self, user_id: int, text: str, chat: Chat | None = None, reply_to: Sent | None = None) -> dict:
        """The user writes `text` in a chat (their private chat by default)."""
        chat = chat or Chat(user_id)
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": telegram_length(text.split()[0])})
        mention = "@" + self.bot["username"]
        if mention in text:
            at = text.index(mention)
            entities.append({"type": "mention", "offset": telegram_length(text[:at]), "length": len(mention)})
        message = {"message_id": next(self._ids) + 100000, "date": int(time.time()), "chat": chat.as_json(),
                   "from": self._user(user_id), "text": text}
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to.as_json(self.bot)
        return self._queue({"message": message})

    def send_document(self, user_id: int, data: bytes, filename: str | None, mime_type: str | None = None,
                      caption: str | None = None, chat: Chat | None = None, file_size: int | None = None,
                      reply_to: Sent | None = None) -> dict:
        """The user sends a file; its bytes are served by getFile and the file URL. file_size may be faked
        (as a client would report a file the server never serves), to test refusals before any download."""
        chat = chat or Chat(user_id)
        file_id = f"upload{next(self._ids)}"
        self.files[file_id] = data
        document = {"file_id": file_id, "file_unique_id": "u" + file_id,
                    "file_size": len(data) if file_size is None else file_size}
        if filename is not None:
            document["file_name"] = filename
        if mime_type is not None:
            document["mime_type"] = mime_type
        message = {"message_id": next(self._ids) + 100000, "date": int(time.time()), "chat": chat.as_json(),
                   "from": self._user(user_id), "document": document}
        if caption:
            message["caption"] = caption
            mention = "@" + self.bot["username"]
            if mention in caption:
                at = caption.index(mention)
                message["caption_entities"] = [
                    {"type": "mention", "offset": telegram_length(caption[:at]), "length": len(mention)}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to.as_json(self.bot)
        return self._queue({"message": message})

    def press(self, user_id: int, message: Sent, label: str) -> dict:
        """The user presses the inline button whose label contains `label`."""
        button = next((b for b in message.buttons if label in b["text"]), None)
        assert button is not None, f"no button {label!r} among {message.labels}"
        query = {"id": str(next(self._ids)), "from": self._user(user_id), "message": message.as_json(self.bot),
                 "chat_instance": str(message.chat.id), "data": button["callback_data"]}
        return self._queue({"callback_query": query})

    def inline(self, user_id: int, query: str) -> dict:
        """The user types `@bot query` in any chat."""
        payload = {"id": str(next(self._ids)), "from": self._user(user_id), "query": query, "offset": ""}
        return self._queue({"inline_query": payload})

    def slow_next(self, method: str, seconds: float) -> None:
        """Carry out the next call of `method`, then answer it only after `seconds` (a slow network)."""
        self.delays.append((method, seconds))

    def fail_next(self, method: str, description: str, code: int = 400, retry_after: int | None = None) -> None:
        """Make the next call of `method` fail as Telegram would (not counted in `errors`)."""
        self.faults.append((method, ApiError(description, code, retry_after)))

    # HTTP
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        fault = next((f for f in self.faults if f[0].lower() == method.lower()), None)
        if fault:
            self.faults.remove(fault)
            return self._error(fault[1])
        try:
            handler = getattr(self, "m_" + method.lower(), None)
            if handler is None:
                raise ApiError("Not Found: method not found", 404)
            unknown = sorted(set(params) - PARAMETERS.get(method.lower(), set()) - {"_filename"})
            if unknown:
                raise ApiError(f"Bad Request: unknown parameter {unknown[0]!r} of {method}")
            result = await handler(params)
        except ApiError as exc:
            self.errors.append((method, exc.description))
            await self._notify()
            return self._error(exc)
        await self._notify()
        delay = next((d for d in self.delays if d[0].lower() == method.lower()), None)
        if delay:
            self.delays.remove(delay)
            await asyncio.sleep(delay[1])
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(exc: ApiError) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
        if exc.retry_after is not None:
            body["parameters"] = {"retry_after": exc.retry_after}
        return web.json_response(body, status=exc.code)

    async def _params(self, request: web.Request) -> dict:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            for key, value in (await request.post()).items():
                if hasattr(value, "file"):
                    params[key], params["_filename"] = value.file.read(), value.filename
                else:
                    params[key] = value
        for key in JSON_PARAMS & params.keys():
            if isinstance(params[key], str):
                params[key] = json.loads(params[key])
        return params

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        data = self.files.get(path)
        if data is None:
            return web.Response(status=404)
        self.downloads.append(path)
        await self._notify()
        return web.Response(body=data)

    # validation shared by methods
    def _chat(self, params: dict) -> Chat:
        chat_id = int(params.get("chat_id", 0))
        return Chat(chat_id, "private" if chat_id > 0 else "group", None if chat_id > 0 else "Nhóm")

    def _text(self, raw: Any, parse_mode: Any, limit: int = 4096, what: str = "message text") -> str:
        raw = raw or ""
        try:
            text = parse_html(raw) if str(parse_mode).upper() == "HTML" else raw
        except HtmlError as exc:
            raise ApiError(f"Bad Request: {exc}") from None
        if not text.strip() and what == "message text":
            raise ApiError("Bad Request: message text is empty")
        if telegram_length(text) > limit:
            raise ApiError("Bad Request: message is too long" if what == "message text"
                           else "Bad Request: message caption is too long")
        return text

    def _markup(self, markup: Any, inline_only: bool = False) -> dict | None:
        """An inline keyboard (returned), or a reply keyboard / ForceReply / removal (validated; see _keyboard)."""
        if not markup:
            return None
        if not isinstance(markup, dict):
            raise ApiError("Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            if inline_only:
                raise ApiError("Bad Request: inline keyboard expected")
            check_keyboard(markup)
            return None
        if set(markup) != {"inline_keyboard"}:
            raise ApiError("Bad Request: can't parse inline keyboard markup JSON object")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if not button.get("text"):
                    raise ApiError("Bad Request: text buttons are unallowed in the inline keyboard")
                if set(button) - INLINE_BUTTON_KEYS or len(set(button) - {"text"}) != 1:
                    raise ApiError("Bad Request: can't parse inline keyboard button: exactly one optional field "
                                   "must be used")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                    raise ApiError("Bad Request: BUTTON_DATA_INVALID")
        return markup

    def _find(self, params: dict) -> Sent:
        chat_id, message_id = int(params.get("chat_id", 0)), int(params.get("message_id", 0))
        found = next((m for m in self.sent if m.chat.id == chat_id and m.message_id == message_id), None)
        if found is None:
            raise ApiError("Bad Request: message to edit not found")
        return found

    def _store(self, sent: Sent, params: dict) -> dict:
        reply = params.get("reply_parameters") or {}
        sent.reply_to = reply.get("message_id") or params.get("reply_to_message_id")
        self.sent.append(sent)
        return sent.as_json(self.bot)

    # Bot API methods
    async def m_getme(self, params: dict) -> dict:
        return self.bot

    async def m_getupdates(self, params: dict) -> list[dict]:
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        self.confirmed = max(self.confirmed, offset)  # as Telegram: a higher offset confirms, and confirmed is gone
        await self._notify()
        pending = lambda: [u for u in self.updates if u["update_id"] >= self.confirmed][:limit]  # noqa: E731
        return await self._until(pending, float(params.get("timeout") or 0))

    async def m_deletewebhook(self, params: dict) -> bool:
        return True

    async def m_setwebhook(self, params: dict) -> bool:
        return True

    async def m_setmycommands(self, params: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError("Bad Request: commands must be a list of at most 100 BotCommand")
        for command in commands:
            if set(command) - {"command", "description"}:
                raise ApiError("Bad Request: can't parse BotCommand")
            name, desc = command.get("command", ""), command.get("description", "")
            if not (1 <= len(name) <= 32 and name.replace("_", "").isalnum() and name.islower()):
                raise ApiError("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(desc) <= 256:
                raise ApiError("Bad Request: command description is empty or too long")
        scope = params.get("scope") or {"type": "default"}
        kind = scope.get("type")
        if kind not in COMMAND_SCOPES:
            raise ApiError("Bad Request: unsupported bot command scope type")
        needs_chat = kind in {"chat", "chat_administrators", "chat_member"}
        if needs_chat != ("chat_id" in scope) or set(scope) - {"type", "chat_id", "user_id"}:
            raise ApiError("Bad Request: invalid bot command scope")
        if kind == "chat" and int(scope["chat_id"]) not in self.known_chats():
            raise ApiError("Bad Request: chat not found")
        self.commands[(kind, int(scope["chat_id"]) if needs_chat else None)] = commands
        return True

    def known_chats(self) -> set[int]:
        """Chats a user has written in (Telegram knows only those)."""
        return {u["message"]["chat"]["id"] for u in self.updates if "message" in u} | set(self.users_started)

    async def m_setmydescription(self, params: dict) -> bool:
        text = params.get("description", "")
        if len(text) > 512:
            raise ApiError("Bad Request: description is too long")
        self.description = text
        return True

    async def m_setmyshortdescription(self, params: dict) -> bool:
        text = params.get("short_description", "")
        if len(text) > 120:
            raise ApiError("Bad Request: short description is too long")
        self.short_description = text
        return True

    async def m_setchatmenubutton(self, params: dict) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        if button.get("type") not in MENU_BUTTONS:
            raise ApiError("Bad Request: unsupported menu button type")
        allowed = {"type", "text", "web_app"} if button["type"] == "web_app" else {"type"}
        if set(button) - allowed:
            raise ApiError("Bad Request: can't parse menu button")
        chat = params.get("chat_id")
        self.menu_buttons[int(chat) if chat is not None else None] = button
        return True

    async def m_sendchataction(self, params: dict) -> bool:
        return True

    async def m_sendmessage(self, params: dict) -> dict:
        chat = self._chat(params)
        text = self._text(params.get("text"), params.get("parse_mode"))
        sent = Sent(chat, next(self._ids), text, params.get("text", ""), self._markup(params.get("reply_markup")))
        if params.get("reply_markup") and "inline_keyboard" not in params["reply_markup"]:
            sent.keyboard = params["reply_markup"]
        return self._store(sent, params)

    async def m_sendphoto(self, params: dict) -> dict:
        chat = self._chat(params)
        caption = self._text(params.get("caption"), params.get("parse_mode"), 1024, "caption")
        photo = params.get("photo")
        if isinstance(photo, str):
            if photo not in self.files:
                raise ApiError("Bad Request: wrong file identifier/HTTP URL specified")
            photo = self.files[photo]
        if not photo:
            raise ApiError("Bad Request: there is no photo in the request")
        sent = Sent(chat, next(self._ids), caption, params.get("caption", ""),
                    self._markup(params.get("reply_markup")), photo=photo)
        self.files[f"photo{sent.message_id}"] = photo
        return self._store(sent, params)

    async def m_senddocument(self, params: dict) -> dict:
        chat = self._chat(params)
        caption = self._text(params.get("caption"), params.get("parse_mode"), 1024, "caption")
        document = params.get("document")
        if not isinstance(document, bytes) or not document:
            raise ApiError("Bad Request: there is no document in the request")
        sent = Sent(chat, next(self._ids), caption, params.get("caption", ""),
                    self._markup(params.get("reply_markup")), document=document, filename=params.get("_filename"))
        self.files[f"doc{sent.message_id}"] = document
        return self._store(sent, params)

    async def m_editmessagetext(self, params: dict) -> dict:
        sent = self._find(params)
        if sent.photo is not None or sent.document is not None:
            raise ApiError("Bad Request: there is no text in the message to edit")
        text = self._text(params.get("text"), params.get("parse_mode"))
        markup = self._markup(params.get("reply_markup"), inline_only=True)
        if text == sent.text and markup == sent.reply_markup:
            raise ApiError(NOT_MODIFIED)
        sent.text, sent.html, sent.reply_markup, sent.edits = text, params.get("text", ""), markup, sent.edits + 1
        return sent.as_json(self.bot)

    async def m_editmessagereplymarkup(self, params: dict) -> dict:
        sent = self._find(params)
        markup = self._markup(params.get("reply_markup"), inline_only=True)
        if markup == sent.reply_markup:
            raise ApiError(NOT_MODIFIED)
        sent.reply_markup, sent.edits = markup, sent.edits + 1
        return sent.as_json(self.bot)

    async def m_answercallbackquery(self, params: dict) -> bool:
        query_id = params.get("callback_query_id", "")
        known = any(u.get("callback_query", {}).get("id") == query_id for u in self.updates)
        if not known or query_id in self.callback_answers:
            raise ApiError("Bad Request: query is too old and response timeout expired or query ID is invalid")
        if len(params.get("text") or "") > 200:
            raise ApiError("Bad Request: MESSAGE_TOO_LONG")
        if str(params.get("show_alert", "false")).lower() not in ("true", "false"):
            raise ApiError("Bad Request: show_alert must be a boolean")
        self.callback_answers[query_id] = params
        return True

    async def m_answerinlinequery(self, params: dict) -> bool:
        query_id, results = params.get("inline_query_id", ""), params.get("results") or []
        if len(results) > 50 or len({r.get("id") for r in results}) != len(results):
            raise ApiError("Bad Request: RESULTS_TOO_MUCH" if len(results) > 50 else "Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            if not 1 <= len(str(result.get("id", "")).encode()) <= 64 or not result.get("title"):
                raise ApiError("Bad Request: RESULT_ID_INVALID")
            content = result.get("input_message_content") or {}
            self._text(content.get("message_text"), content.get("parse_mode"))
            self._markup(result.get("reply_markup"))
        self.inline_answers[query_id] = results
        return True

    async def m_getfile(self, params: dict) -> dict:
        file_id = params.get("file_id", "")
        if file_id not in self.files:
            raise ApiError("Bad Request: invalid file_id")
        if len(self.files[file_id]) > MAX_DOWNLOAD_BYTES:
            raise ApiError("Bad Request: file is too big")
        return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": len(self.files[file_id]),
                "file_path": file_id}
