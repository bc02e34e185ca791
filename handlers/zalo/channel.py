"""The Zalo channel as the composition root starts it: long polling, or webhook when ZALO_WEBHOOK_URL is set."""

from __future__ import annotations

import asyncio
import logging
import secrets
from urllib.parse import urlparse

import bot.core as core
from app.channels import ChannelFatal, RunOptions
from app.dotenv import setting
from handlers.store import Store
from handlers.telegram.chart import annex_chart_png
from handlers.telegram.redact import secrets_of, setup_logging
from handlers.zalo.api import ZaloApi, ZaloError, ZaloNetworkError, ZaloUnauthorized, backoff
from handlers.zalo.dispatch import Dispatcher
from handlers.zalo.server import BotServer, Pictures
from handlers.zalo.settings import ZaloSettings, load_settings
from handlers.zalo.turn import Outgoing, Responder, addressed
from handlers.zalo.updates import TEXT, Incoming, parse_update

log = logging.getLogger(__name__)
REJECTED = "Zalo rejected the bot token (401): check ZALO_BOT_TOKEN"
SORRY = "Xin lỗi, tôi chưa xử lý được tin nhắn này. Bạn thử lại sau nhé."
DRAIN_S = 5.0
PRUNE_EVERY_S = 6 * 3600  # old rows (states, offers, message ids, logs) leave the store on this schedule


class ZaloChannel:
    """Receives updates (polling or webhook), answers each once, in order per conversation."""

    name = "Zalo"

    def __init__(self, settings: ZaloSettings) -> None:
        self.settings = settings
        self.webhook = bool(settings.zalo_webhook_url)
        self.secret = settings.webhook_secret or (secrets.token_urlsafe(32) if self.webhook else "")
        self._fatal: str | None = None
        self._chart: str | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Start, receive until `stop`, then let replies in progress finish; a rejected token is fatal."""
        s = self.settings
        setup_logging(s.bot_log_level, secrets_of(s.token, self.secret))
        self.store = Store(s.db_path)
        self.api = ZaloApi(s.token, s.zalo_api_base_url, s.zalo_rate_limit)
        self.pictures = Pictures(s.zalo_public_base_url)
        self.dispatcher = Dispatcher(s.zalo_concurrency)
        self.stop = stop
        server = poller = pruner = None
        await self.api.open()
        try:
            me = await self._start_call(self.api.get_me())
            pruner = asyncio.get_running_loop().create_task(self._prune())
            self.responder = Responder(self.store, core, me.account_name, s.admin_ids,
                                       self._chart_url, s.zalo_web_page_url)
            if self.webhook or s.zalo_public_base_url:
                path = urlparse(s.zalo_webhook_url).path or "/" if self.webhook else None
                server = BotServer(s.zalo_webhook_listen, s.zalo_webhook_port, self.pictures, path, self.secret,
                                   self.receive)
                try:
                    await server.start()
                except OSError as exc:
                    raise ChannelFatal(f"cannot listen on {s.zalo_webhook_listen}:{s.zalo_webhook_port} "
                                       f"({exc.strerror}): check ZALO_WEBHOOK_LISTEN and ZALO_WEBHOOK_PORT") from None
            if self.webhook:
                await self._start_call(self.api.set_webhook(s.zalo_webhook_url, self.secret))
                log.info("Zalo: webhook mode as %s, listening on %s:%d", me.account_name or "the bot",
                         s.zalo_webhook_listen, s.zalo_webhook_port)
            else:
                await self._start_call(self.api.delete_webhook())  # getUpdates does not work while one is set
                poller = asyncio.get_running_loop().create_task(self._poll())
                log.info("Zalo: polling as %s", me.account_name or "the bot")
            waiters = [asyncio.ensure_future(stop.wait())] + ([poller] if poller else [])
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            waiters[0].cancel()
            if poller is not None and poller.done() and not poller.cancelled() and poller.exception():
                raise poller.exception()
            if self._fatal:
                raise ChannelFatal(self._fatal)
        finally:
            for task in (pruner, poller):
                if task is not None:
                    task.cancel()
            await self.dispatcher.drain(DRAIN_S)
            if server is not None:
                await server.stop()
            await self.api.close()
            self.store.close()

    async def _prune(self) -> None:
        """Prune the shared store now and then (Telegram does too when it runs; pruning twice is harmless).
        In the event loop, not a thread: a few indexed deletes, and the store is never closed under it."""
        while True:
            log.debug("Zalo: pruned %s", self.store.prune())
            await asyncio.sleep(PRUNE_EVERY_S)

    async def _start_call(self, call):
        try:
            return await call
        except ZaloUnauthorized:
            raise ChannelFatal(REJECTED) from None
        except ZaloError as exc:
            raise ChannelFatal(f"Zalo Bot API refused {exc.method} at start: {exc.code} {exc.description}") from None
        except ZaloNetworkError as exc:
            raise ChannelFatal(f"Zalo Bot API unreachable at start ({exc}): check ZALO_API_BASE_URL") from None

    async def _poll(self) -> None:
        """Long polling: one update per getUpdates; 408 (nothing came) is normal; failures back off."""
        failures = 0
        while True:
            try:
                updates = await self.api.get_updates(self.settings.zalo_poll_timeout)
                failures = 0
            except ZaloUnauthorized:
                raise ChannelFatal(REJECTED) from None
            except (ZaloError, ZaloNetworkError) as exc:
                failures += 1
                wait = backoff(failures, exc if isinstance(exc, ZaloError) else None)
                log.warning("Zalo getUpdates failed (%s); polling again in %.1fs", _brief(exc), wait)
                await asyncio.sleep(wait)
                continue
            for update in updates:
                await self.receive(update)

    async def receive(self, update: dict) -> None:
        """An update from polling or the webhook: queued once (ids remembered in the store, across restarts)."""
        msg = parse_update(update)
        if msg is None:
            log.debug("Zalo: update ignored (event %s)", str(update.get("event_name"))[:40]
                      if isinstance(update, dict) else "?")
            return
        if not self.store.first_time(msg.message_id, channel="zalo"):
            log.info("Zalo: message %s delivered again; ignored", msg.message_id[:40])
            return
        await self.dispatcher.submit(msg.conversation_key, lambda: self._handle(msg))

    async def _handle(self, msg: Incoming) -> None:
        if msg.group and (msg.event != TEXT or addressed(msg.text, self.responder.account_name) is None):
            return  # in a group the bot speaks only when addressed
        log.debug("Zalo: message %s from %s (%s)", msg.message_id[:40], msg.user_id[:40], msg.event)
        typing = asyncio.ensure_future(self._typing(msg.chat_id))
        await asyncio.sleep(0)  # the typing request goes out; the reply is prepared while Zalo shows it
        try:
            outgoing = await self.responder.respond(msg)
        except Exception:
            log.exception("Zalo: preparing a reply failed")
            outgoing = [Outgoing(SORRY)]
        await typing  # the typing action always reaches Zalo before the reply
        for out in outgoing:
            if not await self._send(msg.chat_id, out):
                break

    async def _typing(self, chat_id: str) -> None:
        try:
            await self.api.send_chat_action(chat_id, "typing")
        except ZaloUnauthorized:
            self._token_revoked()
        except (ZaloError, ZaloNetworkError) as exc:
            log.debug("Zalo typing action not shown (%s)", _brief(exc))

    async def _send(self, chat_id: str, out: Outgoing) -> bool:
        """Send one message; False if it could not be (the rest of the reply is then dropped)."""
        try:
            if out.photo_url:
                await self.api.send_photo(chat_id, out.photo_url, out.text or None)
            else:
                await self.api.send_message(chat_id, out.text)
            return True
        except ZaloUnauthorized:
            self._token_revoked()
        except (ZaloError, ZaloNetworkError) as exc:
            log.warning("Zalo: a reply was not delivered (%s)", _brief(exc))
        return False

    def _token_revoked(self) -> None:
        self._fatal = REJECTED
        self.stop.set()

    async def _chart_url(self) -> str | None:
        """The annex chart's public URL, rendered and published once; None without ZALO_PUBLIC_BASE_URL."""
        if self._chart is None and self.pictures.base is not None:
            png = await asyncio.to_thread(annex_chart_png, core)
            self._chart = self.pictures.publish(png)
        return self._chart


def _brief(exc: Exception) -> str:
    """An error as a log line may show it: the method and code or kind, never a URL."""
    if isinstance(exc, ZaloError):
        return f"{exc.method} {exc.code}"
    if isinstance(exc, ZaloNetworkError):
        return str(exc)
    return type(exc).__name__


def from_env(options: RunOptions) -> ZaloChannel | None:
    """The Zalo channel when ZALO_BOT_TOKEN is set (environment or .env), else None."""
    if not setting("ZALO_BOT_TOKEN"):
        return None
    return ZaloChannel(load_settings())
