"""A fake Zalo Bot API on 127.0.0.1, as strict as the documentation: one update per getUpdates, 408 when idle,
string ids, dates in ms, text of 1–2,000 characters, photos only by URL; simulated users queue messages."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import aiohttp
from aiohttp import web

TEXT_LIMIT = 2000
METHODS = {"getMe", "getUpdates", "setWebhook", "deleteWebhook", "getWebhookInfo", "sendMessage", "sendPhoto",
           "sendChatAction", "sendSticker"}
SECRET_HEADER = "X-Bot-Api-Secret-Token"


class ApiError(Exception):
    """An error answered in the Bot API's JSON shape."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code, self.description = code, description


@dataclass
class Sent:
    """A message the bot sent: text, or a photo (its URL, the bytes fetched from it, the caption)."""

    chat_id: str
    message_id: str
    text: str = ""
    photo_url: str | None = None
    photo: bytes | None = None


@dataclass
class FakeZaloApi:
    """The server, and helpers for a test to act as Zalo users."""

    token: str = "2178003921:zalo-fake-secret-Qx7PbR2mLs9Tk4"
    idle_wait: float = 0.3  # getUpdates waits at most this long (tests) before answering 408
    bot: dict = field(default_factory=lambda: {
        "id": "2178003921", "account_name": "kh39.bot", "account_type": "BASIC", "can_join_groups": True})

    def __post_init__(self) -> None:
        self.pending: list[dict] = []  # updates not yet fetched
        self.delivered: list[dict] = []
        self.sent: list[Sent] = []
        self._outboxes: dict[str, list[Sent]] = {}
        self._arrived: dict[str, asyncio.Event] = {}  # per chat: set when the bot sends there
        self.calls: list[tuple[str, dict]] = []
        self.errors: list[tuple[str, int, str]] = []
        self.faults: list[tuple[str, int]] = []  # (method, error code) answered once each, in order, before work
        self.webhook: dict | None = None
        self.webhook_answers: list[int] = []
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0

    # server lifecycle
    async def start(self) -> str:
        """Listen on a free loopback port; returns the base URL to give the bot (ZALO_API_BASE_URL)."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        self._session = aiohttp.ClientSession()
        return f"http://127.0.0.1:{self.port}"

    async def stop(self) -> None:
        if self._session:
            await self._session.close()
        if self._runner:
            await self._runner.cleanup()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _changed_soon(self) -> None:
        asyncio.get_running_loop().create_task(self._notify())

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
        """Wait until predicate() is truthy; fail with what the bot did if the deadline passes."""
        deadline = asyncio.get_running_loop().time() + timeout
        async with self._changed:
            while not (result := predicate()):
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {what or predicate}; last calls: "
                                         f"{[c[0] for c in self.calls[-12:]]}; errors: {self.errors[-5:]}")
                try:
                    await asyncio.wait_for(self._changed.wait(), min(left, 0.5))
                except asyncio.TimeoutError:
                    pass
        return result

    # what users see
    def outbox(self, chat_id: str) -> list[Sent]:
        """Messages the bot sent to a chat, oldest first."""
        return list(self._outboxes.get(chat_id, ()))

    async def replies(self, chat_id: str, count: int, timeout: float = 15.0) -> list[Sent]:
        """Wait until the chat holds at least `count` bot messages; returns them all."""
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self._outboxes.get(chat_id, ())) < count:
            arrived = self._arrived.setdefault(chat_id, asyncio.Event())
            arrived.clear()
            try:
                await asyncio.wait_for(arrived.wait(), max(0.0, deadline - asyncio.get_running_loop().time()))
            except asyncio.TimeoutError:
                raise AssertionError(f"timed out waiting for {count} messages in {chat_id}; last calls: "
                                     f"{[c[0] for c in self.calls[-12:]]}; errors: {self.errors[-5:]}") from None
        return self.outbox(chat_id)

    def method_calls(self, method: str) -> list[dict]:
        return [params for m, params in self.calls if m == method]

    # what users do
    def send(self, user_id: str, text: str, chat_id: str | None = None, group: bool = False) -> dict:
        """The user writes `text` in a chat (their private chat by default; a group when `group`)."""
        return self._queue("message.text.received", user_id, chat_id, group, {"text": text})

    def send_file(self, user_id: str, chat_id: str | None = None, group: bool = False) -> dict:
        """The user sends something a bot cannot receive (a document)."""
        return self._queue("message.unsupported.received", user_id, chat_id, group, {})

    def send_sticker(self, user_id: str) -> dict:
        return self._queue("message.sticker.received", user_id, None, False, {"sticker": "st-1"})

    def _queue(self, event: str, user_id: str, chat_id: str | None, group: bool, extra: dict) -> dict:
        message = {"message_id": f"m{next(self._ids):012x}", "date": int(time.time() * 1000),
                   "chat": {"id": chat_id or user_id, "chat_type": "GROUP" if group else "PRIVATE"},
                   "from": {"id": user_id, "display_name": f"Người dùng {user_id[-4:]}", "is_bot": False}, **extra}
        update = {"event_name": event, "message": message}
        if self.webhook:
            asyncio.get_running_loop().create_task(self._push(update))
        else:
            self.pending.append(update)
        self._changed_soon()
        return update

    def redeliver(self, update: dict) -> None:
        """Deliver an update again (as after a crash between fetch and handling)."""
        self.pending.append(update)
        self._changed_soon()

    async def _push(self, update: dict) -> None:
        """Webhook mode: POST the update to the bot with the secret header, as Zalo does."""
        headers = {SECRET_HEADER: self.webhook["secret_token"]}
        for _ in range(100):
            try:
                async with self._session.post(self.webhook["url"], json=update, headers=headers) as response:
                    self.webhook_answers.append(response.status)
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.05)
        self.delivered.append(update)
        await self._notify()

    # the API
    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            if request.method != "POST":
                raise ApiError(405, "Method Not Allowed")
            if method not in METHODS:
                raise ApiError(404, f"Method {method} not found")
            raw = await request.read()
            try:
                params = json.loads(raw) if raw else {}
            except ValueError:
                raise ApiError(400, "Bad Request: body is not JSON") from None
            if not isinstance(params, dict):
                raise ApiError(400, "Bad Request: body is not an object")
            self.calls.append((method, params))
            for i, (fault_method, code) in enumerate(self.faults):
                if fault_method == method:
                    del self.faults[i]
                    raise ApiError(code, "injected fault")
            if method == "getUpdates":
                result = await self._getUpdates(params, request)
            else:
                result = await getattr(self, f"_{method}")(params)
        except ApiError as exc:
            if exc.code != 408:
                self.errors.append((method, exc.code, exc.description))
            await self._notify()
            return web.json_response({"ok": False, "error_code": exc.code, "description": exc.description},
                                     status=exc.code)
        await self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _getMe(self, params: dict) -> dict:
        return dict(self.bot)

    async def _getUpdates(self, params: dict, request: web.Request) -> dict:
        if self.webhook:
            raise ApiError(400, "Bad Request: getUpdates is not available while a webhook is set")
        timeout = params.get("timeout", "30")
        if not isinstance(timeout, str) or not timeout.isdigit():
            raise ApiError(400, "Bad Request: timeout must be a string of seconds")
        wait = min(int(timeout), self.idle_wait)
        deadline = asyncio.get_running_loop().time() + wait
        async with self._changed:
            while not self.pending:
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0:
                    raise ApiError(408, "Request timeout")
                try:
                    await asyncio.wait_for(self._changed.wait(), left)
                except asyncio.TimeoutError:
                    pass
            if request.transport is None or request.transport.is_closing():
                raise ApiError(408, "Request timeout")  # the poller is gone (killed): keep the update for the next
            update = self.pending.pop(0)
        self.delivered.append(update)
        return update

    async def _setWebhook(self, params: dict) -> dict:
        url, secret = params.get("url"), params.get("secret_token")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: url must be an http(s) URL")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise ApiError(400, "Bad Request: secret_token must be 8-256 characters")
        self.webhook = {"url": url, "secret_token": secret}
        return {"url": url, "updated_at": int(time.time() * 1000)}

    async def _deleteWebhook(self, params: dict) -> dict:
        self.webhook = None
        return {"url": "", "updated_at": int(time.time() * 1000)}

    async def _getWebhookInfo(self, params: dict) -> dict:
        return {"url": (self.webhook or {}).get("url", ""), "updated_at": int(time.time() * 1000)}

    def _chat(self, params: dict) -> str:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, str) or not chat_id:
            raise ApiError(400, "Bad Request: chat_id must be a non-empty string")
        return chat_id

    def _text(self, value: object, name: str, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise ApiError(400, f"Bad Request: {name} is empty")
        if len(value) > TEXT_LIMIT:
            raise ApiError(400, f"Bad Request: {name} is longer than {TEXT_LIMIT} characters")
        return value

    def _record(self, sent: Sent) -> dict:
        self.sent.append(sent)
        self._outboxes.setdefault(sent.chat_id, []).append(sent)
        if sent.chat_id in self._arrived:
            self._arrived[sent.chat_id].set()
        return {"message_id": sent.message_id, "date": int(time.time() * 1000)}

    async def _sendMessage(self, params: dict) -> dict:
        chat_id = self._chat(params)
        return self._record(Sent(chat_id, f"b{next(self._ids):012x}", text=self._text(params.get("text"), "text")))

    async def _sendPhoto(self, params: dict) -> dict:
        chat_id = self._chat(params)
        caption = self._text(params.get("caption"), "caption", required=False)
        url = params.get("photo")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: photo must be the URL of an image")
        try:  # Zalo fetches the picture from the URL
            async with self._session.get(url) as response:
                data = await response.read()
                if response.status != 200 or not response.content_type.startswith("image/"):
                    raise ApiError(400, f"Bad Request: could not fetch the photo ({response.status})")
        except aiohttp.ClientError:
            raise ApiError(400, "Bad Request: could not fetch the photo") from None
        return self._record(Sent(chat_id, f"b{next(self._ids):012x}", text=caption, photo_url=url, photo=data))

    async def _sendChatAction(self, params: dict) -> dict:
        self._chat(params)
        if params.get("action") not in ("typing", "upload_photo"):
            raise ApiError(400, "Bad Request: unknown action")
        return {}

    async def _sendSticker(self, params: dict) -> dict:
        chat_id = self._chat(params)
        return self._record(Sent(chat_id, f"b{next(self._ids):012x}", text=f"[sticker {params.get('sticker')}]"))
