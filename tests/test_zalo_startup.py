"""Start-up: a token Zalo rejects stops the process with exit code 1 and one log line, never showing the token;
without ZALO_BOT_TOKEN there is no Zalo channel."""

from zalo_server.api import FakeZaloApi
from zalo_server.process import ZaloBotProcess

from app.channels import RunOptions
from handlers.zalo.channel import from_env

WRONG = "9999999999:wrong-zalo-token-secret-part"


async def test_rejected_token_exits_1_with_one_line_and_no_token(tmp_path):
    api = FakeZaloApi()
    base_url = await api.start()
    bot = ZaloBotProcess(base_url, tmp_path, WRONG)
    bot.start()
    try:
        code = await bot.exit_code()
    finally:
        await bot.stop()
        await api.stop()
    assert code == 1
    lines = [line for line in bot.log.splitlines() if line.strip()]
    assert len(lines) == 1 and "Zalo rejected the bot token (401): check ZALO_BOT_TOKEN" in lines[0]
    assert WRONG not in bot.log and WRONG.split(":")[1] not in bot.log


def test_no_token_no_channel(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZALO_BOT_TOKEN", raising=False)
    assert from_env(RunOptions()) is None
    (tmp_path / ".env").write_text("ZALO_BOT_TOKEN=123:from-dotenv\nZALO_RATE_LIMIT=5\n", encoding="utf-8")
    channel = from_env(RunOptions())
    assert channel is not None and channel.settings.token == "123:from-dotenv"
    assert channel.settings.zalo_rate_limit == 5 and not channel.webhook
