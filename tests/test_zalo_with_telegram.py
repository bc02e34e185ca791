"""Both tokens set: one `python -m bot` process answers on Telegram and on Zalo, with one store."""

from telegram_server.api import FakeBotApi
from zalo_server.fixtures import Harness
from zalo_server.api import FakeZaloApi
from zalo_server.process import ZaloBotProcess

from bot import core
from bot.reply import State
from handlers.zalo.offers import PICK_HEADER


async def test_one_process_runs_telegram_and_zalo_together(tmp_path):
    telegram, zalo = FakeBotApi(), FakeZaloApi()
    telegram_url, zalo_url = await telegram.start(), await zalo.start()
    bot = ZaloBotProcess(zalo_url, tmp_path, zalo.token, TELEGRAM_BOT_TOKEN=telegram.token,
                         TELEGRAM_API_BASE_URL=telegram_url, BOT_POLL_TIMEOUT="1", BOT_RATE_LIMIT="0")
    harness = Harness(zalo, bot)
    bot.start()
    try:
        await harness.started()
        expected = core.document_reply(State()).text.strip()
        [on_zalo] = await harness.ask("u500", "/vanban")
        assert on_zalo.text.split(f"\n\n{PICK_HEADER}")[0] == expected
        telegram.send(77, "/vanban")
        [on_telegram] = await telegram.replies(77, 1, timeout=30)
        assert on_telegram.text.startswith(expected.splitlines()[0][:20])
        assert "Zalo: polling as" in bot.log and "Telegram channel ready" in bot.log
        assert zalo.token not in bot.log and telegram.token not in bot.log
    finally:
        await bot.stop()
        await telegram.stop()
        await zalo.stop()
    assert bot.proc.returncode == 0
