"""pytest fixtures: the fake Zalo API and the real bot process polling it, shared by a test module."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest_asyncio

from zalo_server.api import FakeZaloApi, Sent
from zalo_server.process import ZaloBotProcess

ADMIN_ID = "a9f3c2e1d0b4"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Harness:
    """The fake Zalo and the bot process under test."""

    api: FakeZaloApi
    bot: ZaloBotProcess

    async def started(self, timeout: float = 30.0) -> None:
        """Wait until the (re)started process is ready: polling, or its webhook registered."""
        pid, seen = self.bot.proc.pid, len(self.api.calls)
        await self.api.wait_for(
            lambda: any(c[0] in ("getUpdates", "setWebhook") for c in self.api.calls[seen:])
            or self.bot.proc.poll() is not None, timeout, f"bot process {pid} to start")
        assert self.bot.proc.poll() is None, f"the bot exited:\n{self.bot.log[-3000:]}"

    async def ask(self, user: str, text: str, expect: int = 1, chat: str | None = None,
                  group: bool = False) -> list[Sent]:
        """The user writes; returns the `expect` new messages the bot sent to that chat."""
        chat = chat or user
        before = len(self.api.outbox(chat))
        self.api.send(user, text, chat_id=chat, group=group)
        return (await self.api.replies(chat, before + expect))[before:]


async def start_harness(tmp_dir, **env: str) -> Harness:
    api = FakeZaloApi()
    base_url = await api.start()
    bot = ZaloBotProcess(base_url, tmp_dir, api.token, **{"ZALO_ADMIN_IDS": ADMIN_ID, "BOT_LOG_LEVEL": "INFO", **env})
    harness = Harness(api, bot)
    bot.start()
    await harness.started()
    return harness


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def zalo(tmp_path_factory) -> AsyncIterator[Harness]:
    """The bot process by long polling, with the real core."""
    harness = await start_harness(tmp_path_factory.mktemp("zalo"))
    yield harness
    await harness.bot.stop()
    await harness.api.stop()
