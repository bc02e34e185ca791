"""Webhook mode (python -m bot --webhook): registers itself, refuses posts without the secret, answers the rest."""

import asyncio
import socket

import aiohttp
import pytest
from telegram_server.api import FakeBotApi
from telegram_server.fixtures import SCRIPTED_CORE, Harness
from telegram_server.process import BotProcess

SECRET = "s3cr3t-Token_for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def webhook_bot(tmp_path):
    api = FakeBotApi()
    base_url = await api.start()
    port = free_port()
    bot = BotProcess(base_url, tmp_path, BOT_CORE_MODULE=SCRIPTED_CORE, BOT_WEBHOOK_URL=f"http://127.0.0.1:{port}/tg-hook",
                     BOT_WEBHOOK_LISTEN="127.0.0.1", BOT_WEBHOOK_PORT=str(port), BOT_WEBHOOK_SECRET=SECRET)
    bot.start("--webhook")
    yield Harness(api, bot), f"http://127.0.0.1:{port}/tg-hook"
    await bot.stop()
    await api.stop()


async def post(session: aiohttp.ClientSession, url: str, update: dict, secret: str | None) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    async with session.post(url, json=update, headers=headers) as response:
        return response.status


async def test_webhook_checks_the_secret_and_answers(webhook_bot):
    harness, url = webhook_bot
    api = harness.api
    [params] = await api.wait_for(lambda: [p for m, p in api.calls if m == "setWebhook"], 30, "setWebhook")
    assert params["url"] == url and params["secret_token"] == SECRET
    update = api.send(41, "yêu cầu cấp tỉnh")
    async with aiohttp.ClientSession() as session:
        for _ in range(100):  # the webhook server starts right after setWebhook
            try:
                status = await post(session, url, update, "wrong")
                break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.05)
        assert status == 403
        assert await post(session, url, update, None) == 403
        assert await post(session, url, update, SECRET) == 200
    [reply] = await api.replies(41, 1)
    assert reply.text.startswith("Theo mục II.1.a")
    assert SECRET not in harness.bot.log and api.token not in harness.bot.log

