"""pytest fixtures: a fake Bot API and the real bot process talking to it, shared by a test module."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest_asyncio

from telegram_server.api import FakeBotApi
from telegram_server.process import BotProcess

ADMIN_ID = 900
SCRIPTED_CORE = "telegram_server.scripted_core"


@dataclass
class Harness:
    """The fake Telegram and the bot process under test."""

    api: FakeBotApi
    bot: BotProcess

    async def started(self, timeout: float = 30.0) -> None:
        """Wait until the (re)started process polls for updates."""
        pid = self.bot.proc.pid
        seen = len(self.api.calls)
        await self.api.wait_for(
            lambda: any(c[0] == "getUpdates" for c in self.api.calls[seen:]) or self.bot.proc.poll() is not None,
            timeout, f"bot process {pid} to poll")
        assert self.bot.proc.poll() is None, f"the bot exited:\n{self.bot.log[-3000:]}"


async def start_harness(tmp_dir, **env: str) -> Harness:
    api = FakeBotApi()
    api.users_started.add(ADMIN_ID)  # the admin has written to the bot before: Telegram knows the chat
    base_url = await api.start()
    env = {"BOT_ADMIN_IDS": str(ADMIN_ID), "BOT_LOG_LEVEL": "DEBUG", **env}
    bot = BotProcess(base_url, tmp_dir, **env)
    harness = Harness(api, bot)
    bot.start()
    await harness.started()
    return harness


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def scripted(tmp_path_factory) -> AsyncIterator[Harness]:
    """The bot process with the scripted core."""
    harness = await start_harness(tmp_path_factory.mktemp("scripted"), BOT_CORE_MODULE=SCRIPTED_CORE)
    yield harness
    await harness.bot.stop()
    await harness.api.stop()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def real(tmp_path_factory) -> AsyncIterator[Harness]:
    """The bot process with the real core (bot.core)."""
    harness = await start_harness(tmp_path_factory.mktemp("real"))
    yield harness
    await harness.bot.stop()
    await harness.api.stop()


@dataclass
class InProcess:
    """The application built by build_application, fed updates directly, talking HTTP to the fake API."""

    api: FakeBotApi
    app: object

    async def feed(self, update: dict) -> None:
        """Process one queued update to completion."""
        from telegram import Update

        await self.app.process_update(Update.de_json(update, self.app.bot))


@contextlib.asynccontextmanager
async def inprocess_app(tmp_path, http: str = "aiohttp", **settings) -> AsyncIterator[InProcess]:
    """build_application() with the scripted core against a fresh fake API (settings may be overridden)."""
    from handlers.telegram.app import build_application
    from handlers.telegram.settings import TelegramSettings

    api = FakeBotApi()
    base_url = await api.start()
    values = dict(telegram_bot_token=api.token, telegram_api_base_url=base_url, bot_data_dir=tmp_path,
                  bot_rate_limit=0, bot_admin_ids=str(ADMIN_ID), bot_core_module=SCRIPTED_CORE, bot_http_client=http)
    app = build_application(TelegramSettings(_env_file=None, **{**values, **settings}))
    try:
        async with app:
            yield InProcess(api, app)
    finally:
        await api.stop()


@pytest_asyncio.fixture(params=["aiohttp", "httpx"])
async def inproc(tmp_path, request) -> AsyncIterator[InProcess]:
    """build_application() with the scripted core against a fresh fake API, over each HTTP client."""
    async with inprocess_app(tmp_path, request.param) as harness:
        yield harness
