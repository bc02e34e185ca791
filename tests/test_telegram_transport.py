"""AiohttpRequest: Bot API calls over aiohttp, with python-telegram-bot's errors for timeouts and dead servers."""

import asyncio
import socket

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from handlers.telegram.transport import AiohttpRequest


async def test_bot_calls_go_through(fake_api_url):
    bot = Bot("123:ABC", base_url=fake_api_url, request=AiohttpRequest())
    async with bot:
        message = await bot.send_photo(5, b"\x89PNG...", caption="<b>Biểu đồ</b>", parse_mode="HTML")
    assert message.caption == "Biểu đồ" and message.photo


async def test_dead_server_is_a_network_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bot = Bot("123:ABC", base_url=f"http://127.0.0.1:{port}/bot", request=AiohttpRequest())
    with pytest.raises(NetworkError):
        async with bot:
            pass


async def test_slow_server_is_a_timeout():
    async def slow(request):
        await asyncio.sleep(1)
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot123:ABC/sendMessage", slow)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    request = AiohttpRequest(read_timeout=0.1)
    await request.initialize()
    try:
        with pytest.raises(TimedOut):
            await request.post(f"http://127.0.0.1:{port}/bot123:ABC/sendMessage")
    finally:
        await request.shutdown()
        await runner.cleanup()


@pytest.fixture
async def fake_api_url():
    from telegram_server.api import FakeBotApi

    api = FakeBotApi()
    yield await api.start()
    await api.stop()


async def test_an_upload_that_stalls_ends_with_a_timeout():
    async def never_reads(request):
        await asyncio.sleep(3)
        return web.json_response({"ok": True, "result": True})

    app = web.Application(client_max_size=100 * 1024 * 1024)
    app.router.add_post("/bot123:ABC/sendDocument", never_reads)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    request = AiohttpRequest(read_timeout=0.3, write_timeout=0.3, connect_timeout=0.2, pool_timeout=0.2)
    await request.initialize()
    started = asyncio.get_running_loop().time()
    try:
        with pytest.raises(TimedOut):
            await request.do_request(f"http://127.0.0.1:{port}/bot123:ABC/sendDocument", "POST",
                                     _UploadData({"document": ("big.bin", b"x" * 30_000_000, "application/zip")}))
        assert asyncio.get_running_loop().time() - started < 2.5  # pool + connect + write + read, not 3 s
    finally:
        await request.shutdown()
        await runner.cleanup()


class _UploadData:
    """The two things AiohttpRequest reads of python-telegram-bot's RequestData."""

    def __init__(self, files: dict) -> None:
        self.multipart_data = files
        self.json_parameters = {"chat_id": "5"}
