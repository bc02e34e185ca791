"""Webhook mode (ZALO_WEBHOOK_URL set): registers itself with its secret, refuses posts without it (403),
answers the rest, and sends the /chitieu chart by URL from its own server."""

import aiohttp
import pytest
import pytest_asyncio
from zalo_server.api import SECRET_HEADER, FakeZaloApi
from zalo_server.fixtures import Harness, free_port
from zalo_server.process import ZaloBotProcess

from bot import core
from bot.reply import State
from handlers.zalo.offers import PICK_HEADER

pytestmark = pytest.mark.asyncio(loop_scope="module")
SECRET = "s3cr3t-Token_for-zalo-tests"


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def webhook_bot(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("webhook")
    api = FakeZaloApi()
    base_url = await api.start()
    port = free_port()
    url = f"http://127.0.0.1:{port}/zalo-hook"
    bot = ZaloBotProcess(base_url, tmp_path, api.token, ZALO_WEBHOOK_URL=url, ZALO_WEBHOOK_LISTEN="127.0.0.1",
                         ZALO_WEBHOOK_PORT=str(port), ZALO_WEBHOOK_SECRET=SECRET,
                         ZALO_PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
    harness = Harness(api, bot)
    bot.start()
    await harness.started()
    yield harness, url
    await bot.stop()
    await api.stop()


async def post(url: str, update: dict, secret: str | None) -> int:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with aiohttp.ClientSession() as session, session.post(url, json=update, headers=headers) as response:
        return response.status


async def test_webhook_checks_the_secret_and_answers(webhook_bot):
    harness, url = webhook_bot
    api = harness.api
    [params] = api.method_calls("setWebhook")
    assert params == {"url": url, "secret_token": SECRET}
    assert not api.method_calls("getUpdates")
    [answer] = await harness.ask("u300", "chuyên viên cần học gì")  # the fake posts it with the secret
    assert answer.text.split(f"\n\n{PICK_HEADER}")[0] == core.answer("chuyên viên cần học gì", State()).text.strip()
    forged = {"event_name": "message.text.received", "message": {
        "message_id": "forged1", "date": 1767225600000, "text": "chuyên viên cần học gì",
        "chat": {"id": "u301", "chat_type": "PRIVATE"}, "from": {"id": "u301"}}}
    assert await post(url, forged, "wrong-secret-value") == 403
    assert await post(url, forged, None) == 403
    assert await post(url, forged, SECRET[:-1]) == 403
    assert await post(url, forged, SECRET) == 200
    await api.replies("u301", 1)
    assert api.webhook_answers == [200]
    log = harness.bot.log
    assert SECRET not in log and api.token not in log


async def test_chitieu_sends_the_chart_by_its_public_url(webhook_bot):
    harness, url = webhook_bot
    figures, chart = await harness.ask("u302", "/chitieu", expect=2)
    assert figures.text.split(f"\n\n{PICK_HEADER}")[0] == core.annex_reply(State()).text.strip()
    assert chart.photo_url.startswith(url.rsplit("/", 1)[0] + "/zalo-media/")
    assert chart.photo.startswith(b"\x89PNG") and len(chart.photo) > 10_000
    assert chart.text  # a caption
    again = (await harness.ask("u303", "/chitieu", expect=2))[1]
    assert again.photo_url == chart.photo_url  # rendered and published once
    guessed = chart.photo_url.rsplit("/", 1)[0] + "/chitieu.png"
    async with aiohttp.ClientSession() as session, session.get(guessed) as response:
        assert response.status == 404
