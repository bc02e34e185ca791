"""A thin client of Zalo's Bot API over aiohttp: the six calls a channel needs, retries, back-off and pacing.

Every call is `POST {base}/bot{token}/{method}` with a JSON body. Log lines name the method only: the token is part
of every URL, so no URL and no aiohttp error text (which may quote one) is ever logged.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp

log = logging.getLogger(__name__)
USER_AGENT = "kh39-assistant (aiohttp)"
POLL_IDLE = 408  # getUpdates found nothing within its timeout: normal, poll again
MAX_ATTEMPTS = 4
MAX_WAIT_S = 30.0
SEND_METHODS = {"sendMessage", "sendPhoto", "sendSticker"}


class ZaloError(Exception):
    """An error answer of the Bot API: {"ok": false, "error_code": N, "description": "..."} (or a bad HTTP status)."""

    def __init__(self, method: str, code: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(f"{method}: {code} {description}")
        self.method, self.code, self.description, self.retry_after = method, code, description, retry_after

    @property
    def transient(self) -> bool:
        """Worth retrying: flood control (429) or a server-side failure (5xx)."""
        return self.code == 429 or self.code >= 500


class ZaloUnauthorized(ZaloError):
    """The token was rejected (401): nothing will work until it is fixed."""


class ZaloNetworkError(Exception):
    """The API could not be reached, or did not answer in time (the message says which, never the URL)."""

    def __init__(self, method: str, kind: str, sent: bool) -> None:
        super().__init__(f"{method}: {kind}")
        self.method, self.kind, self.sent = method, kind, sent


@dataclass(frozen=True)
class BotInfo:
    """What getMe says about the bot."""

    id: str
    account_name: str


class Pacer:
    """At most `rate` sends per second overall (0: no pacing); callers wait for their slot."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0

    async def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


def backoff(attempt: int, error: ZaloError | None = None, base_s: float = 0.5) -> float:
    """Seconds to wait before retry number `attempt` (1, 2, …): what a 429 asks for, else doubling from `base_s`."""
    if error is not None and error.retry_after:
        return min(float(error.retry_after), MAX_WAIT_S)
    return min(base_s * 2 ** (attempt - 1), MAX_WAIT_S)


class ZaloApi:
    """One aiohttp session to the Bot API; `call` retries what is safe to retry."""

    def __init__(self, token: str, base_url: str, rate_limit: float = 0.0, timeout_s: float = 10.0,
                 retry_base_s: float = 0.5) -> None:
        self._prefix = f"{base_url.rstrip('/')}/bot{token}/"
        self._timeout_s = timeout_s
        self.retry_base_s = retry_base_s
        self.pacer = Pacer(rate_limit)
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=64), headers={"User-Agent": USER_AGENT})

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def request(self, method: str, params: dict[str, Any] | None = None, timeout_s: float | None = None) -> Any:
        """One call, no retry: the result, or ZaloError / ZaloUnauthorized / ZaloNetworkError."""
        if self._session is None:
            raise RuntimeError("ZaloApi.open() was not called")
        timeout = aiohttp.ClientTimeout(total=timeout_s or self._timeout_s, sock_connect=5.0)
        sent = False
        try:
            async with self._session.post(self._prefix + method, json=params or {}, timeout=timeout) as response:
                sent = True
                status = response.status
                try:
                    body = await response.json(content_type=None)
                except ValueError:
                    body = None
        except asyncio.TimeoutError:
            raise ZaloNetworkError(method, "timeout", sent=True) from None
        except aiohttp.ClientConnectorError:
            raise ZaloNetworkError(method, "cannot connect", sent=False) from None
        except aiohttp.ClientError as exc:
            raise ZaloNetworkError(method, type(exc).__name__, sent=sent or not isinstance(
                exc, aiohttp.ClientConnectionError)) from None
        return _result(method, status, body)

    async def call(self, method: str, params: dict[str, Any] | None = None, timeout_s: float | None = None) -> Any:
        """A call with retries: 429 and 5xx after a back-off; network errors too, except a send that may have
        reached Zalo (a timeout after sending), so a message is never delivered twice by a retry."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if method in SEND_METHODS:
                await self.pacer.wait()
            try:
                return await self.request(method, params, timeout_s)
            except ZaloError as exc:
                if not exc.transient or attempt == MAX_ATTEMPTS:
                    raise
                wait = backoff(attempt, exc, self.retry_base_s)
                log.warning("Zalo %s answered %d; retrying in %.1fs", method, exc.code, wait)
            except ZaloNetworkError as exc:
                if attempt == MAX_ATTEMPTS or (exc.sent and method in SEND_METHODS):
                    raise
                wait = backoff(attempt, base_s=self.retry_base_s)
                log.warning("Zalo %s failed (%s); retrying in %.1fs", method, exc.kind, wait)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    # the calls
    async def get_me(self) -> BotInfo:
        result = await self.call("getMe")
        return BotInfo(id=str(result.get("id", "")), account_name=str(result.get("account_name") or ""))

    async def get_updates(self, timeout: int) -> list[dict]:
        """Long polling: the update that came (Zalo answers one object; a list is accepted too), or none within
        `timeout` seconds (error 408)."""
        try:
            result = await self.request("getUpdates", {"timeout": str(timeout)}, timeout_s=timeout + 10)
        except ZaloError as exc:
            if exc.code == POLL_IDLE:
                return []
            raise
        updates = result if isinstance(result, list) else [result]
        return [u for u in updates if isinstance(u, dict) and u]

    async def send_message(self, chat_id: str, text: str) -> Any:
        return await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_photo(self, chat_id: str, photo_url: str, caption: str | None = None) -> Any:
        params = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            params["caption"] = caption
        return await self.call("sendPhoto", params, timeout_s=30)

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.request("sendChatAction", {"chat_id": chat_id, "action": action})

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> Any:
        return await self.call("getWebhookInfo")


def _result(method: str, status: int, body: Any) -> Any:
    """The result of an answer, or the error it carries (the JSON's code first, else the HTTP status)."""
    if isinstance(body, dict) and body.get("ok") is True:
        return body.get("result")
    code, description, retry_after = status if status >= 400 else 502, "no JSON answer", None
    if isinstance(body, dict):
        raw_code = body.get("error_code")
        code = int(raw_code) if isinstance(raw_code, (int, str)) and str(raw_code).isdigit() else code
        description = str(body.get("description") or "")[:200]
        parameters = body.get("parameters")
        if isinstance(parameters, dict) and isinstance(parameters.get("retry_after"), (int, float)):
            retry_after = float(parameters["retry_after"])
    if code == 401:
        raise ZaloUnauthorized(method, code, description)
    raise ZaloError(method, code, description, retry_after)
