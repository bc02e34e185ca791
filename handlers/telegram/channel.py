"""The Telegram channel as the composition root starts it: polling or webhook, until told to stop."""

from __future__ import annotations

import asyncio
import logging
import secrets
from urllib.parse import urlparse

from telegram import Update
from telegram.error import InvalidToken

from app.channels import ChannelFatal, RunOptions
from handlers.telegram.app import (
    BOOTSTRAP_RETRIES,
    MODE_KEY,
    REQUESTS_KEY,
    build_application,
    on_started,
    publish_profile,
)
from handlers.telegram.redact import secrets_of, setup_logging
from handlers.telegram.settings import TelegramSettings, load_settings

log = logging.getLogger(__name__)


class TelegramChannel:
    """python-telegram-bot's Application, started and stopped by hand so it can share a loop with others."""

    name = "Telegram"

    def __init__(self, settings: TelegramSettings, webhook: bool = False) -> None:
        self.settings = settings
        self.webhook = webhook
        secret = settings.bot_webhook_secret.get_secret_value() if settings.bot_webhook_secret else ""
        self.secret = secret or (secrets.token_urlsafe(32) if self.webhook else "")

    async def run(self, stop: asyncio.Event) -> None:
        """Initialize, receive updates until `stop`, then shut down; a rejected token is fatal."""
        setup_logging(self.settings.bot_log_level, secrets_of(self.settings.token, self.secret))
        app = build_application(self.settings)
        try:
            try:
                await app.initialize()
            except InvalidToken:
                raise ChannelFatal("Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN") from None
            await publish_profile(app)
            await self._receive(app)
            await app.start()
            await on_started(app)
            await stop.wait()
            if app.updater.running:
                await app.updater.stop()
            await app.stop()
        finally:
            if app.running:
                await app.stop()
            await app.shutdown()
            await asyncio.gather(*(r.shutdown() for r in app.bot_data[REQUESTS_KEY]))

    async def _receive(self, app) -> None:
        s = self.settings
        if not self.webhook:
            await app.updater.start_polling(timeout=s.bot_poll_timeout, allowed_updates=Update.ALL_TYPES,
                                            bootstrap_retries=BOOTSTRAP_RETRIES)
            return
        if not s.bot_webhook_url:
            raise ChannelFatal("BOT_WEBHOOK_URL is required with --webhook")
        app.bot_data[MODE_KEY] = f"webhook on {s.bot_webhook_listen}:{s.bot_webhook_port}"
        await app.updater.start_webhook(
            listen=s.bot_webhook_listen, port=s.bot_webhook_port,
            url_path=urlparse(s.bot_webhook_url).path.lstrip("/"), webhook_url=s.bot_webhook_url,
            secret_token=self.secret, allowed_updates=Update.ALL_TYPES, bootstrap_retries=BOOTSTRAP_RETRIES,
        )


def from_env(options: RunOptions) -> TelegramChannel | None:
    """The Telegram channel when TELEGRAM_BOT_TOKEN is set (environment or .env), else None."""
    settings = load_settings()
    if not settings.token:
        return None
    return TelegramChannel(settings, webhook=options.webhook)
