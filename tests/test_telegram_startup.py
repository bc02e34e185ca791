"""Start-up of the bot process: a token Telegram rejects stops it cleanly, and the token is never logged."""

import asyncio

from telegram_server.api import FakeBotApi
from telegram_server.process import BotProcess


async def test_rejected_token_stops_the_bot_without_logging_it(tmp_path):
    api = FakeBotApi()
    base_url = await api.start()
    bot = BotProcess(base_url, tmp_path, token="999:WRONG-token")
    bot.start()
    try:
        code = await asyncio.wait_for(asyncio.to_thread(bot.proc.wait), 30)
    finally:
        await bot.stop()
        await api.stop()
    assert code == 1
    assert "Telegram rejected the bot token" in bot.log
    assert "999:WRONG-token" not in bot.log
