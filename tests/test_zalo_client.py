"""The thin Bot API client against the strict fake: results, 408 on an idle poll, 401, back-off on 429/5xx,
network errors retried, sends never repeated after a timeout, pacing; and the fake's own strictness."""

import asyncio
import time

import aiohttp
import pytest
from zalo_server.api import FakeZaloApi
from zalo_server.fixtures import free_port

from handlers.zalo.api import Pacer, ZaloApi, ZaloError, ZaloNetworkError, ZaloUnauthorized
from handlers.zalo.dispatch import Dispatcher


@pytest.fixture
async def fake():
    api = FakeZaloApi(idle_wait=0.05)
    base_url = await api.start()
    yield api, base_url
    await api.stop()


@pytest.fixture
async def client(fake):
    api, base_url = fake
    zalo = ZaloApi(api.token, base_url, retry_base_s=0.01)
    await zalo.open()
    yield zalo
    await zalo.close()


async def test_one_update_per_poll_then_408_as_none(fake, client):
    api, _ = fake
    first, second = api.send("u1", "một"), api.send("u1", "hai")
    assert await client.get_updates(30) == [first]
    assert await client.get_updates(30) == [second]
    started = time.monotonic()
    assert await client.get_updates(30) == []  # 408 after the fake's short idle wait
    assert time.monotonic() - started < 1.0
    message = first["message"]
    assert isinstance(message["message_id"], str) and isinstance(message["chat"]["id"], str)
    assert message["date"] > 1_600_000_000_000  # milliseconds


async def test_get_me_and_send_message(fake, client):
    api, _ = fake
    assert (await client.get_me()).account_name == api.bot["account_name"]
    result = await client.send_message("u1", "xin chào")
    assert isinstance(result["message_id"], str)
    assert api.outbox("u1")[0].text == "xin chào"


async def test_the_fake_refuses_what_zalo_refuses(fake, client):
    api, base_url = fake
    for text in ("", "x" * 2001):
        with pytest.raises(ZaloError) as exc:
            await client.send_message("u1", text)
        assert exc.value.code == 400
    with pytest.raises(ZaloError) as exc:
        await client.send_photo("u1", "chart.png")
    assert exc.value.code == 400
    with pytest.raises(ZaloError) as exc:
        await client.call("sendDocument", {"chat_id": "u1"})
    assert exc.value.code == 404
    with pytest.raises(ZaloError):
        await client.call("getUpdates", {"timeout": 30})  # seconds are sent as a string
    wrong = ZaloApi("1:wrong", base_url)
    await wrong.open()
    try:
        with pytest.raises(ZaloUnauthorized):
            await wrong.get_me()
    finally:
        await wrong.close()
    assert api.sent == []


async def test_429_and_5xx_back_off_then_succeed(fake, client):
    api, _ = fake
    api.faults = [("sendMessage", 429), ("sendMessage", 502), ("sendMessage", 500)]
    await client.send_message("u1", "sau ba lần")
    assert [m.text for m in api.outbox("u1")] == ["sau ba lần"]
    assert [m for m, _ in api.calls].count("sendMessage") == 4
    api.faults = [("sendMessage", 503)] * 4
    with pytest.raises(ZaloError):
        await client.send_message("u1", "bỏ cuộc")  # a bounded number of attempts


async def test_network_errors_are_retried_until_the_server_is_back():
    port = free_port()
    api = FakeZaloApi(idle_wait=0.05)
    zalo = ZaloApi(api.token, f"http://127.0.0.1:{port}", retry_base_s=0.2)
    await zalo.open()
    try:
        async def start_late():
            await asyncio.sleep(0.1)  # the first attempt finds nothing listening
            app = aiohttp.web.Application()
            app.router.add_route("*", "/bot{token}/{method}", api._handle)
            api._runner = aiohttp.web.AppRunner(app)
            await api._runner.setup()
            await aiohttp.web.TCPSite(api._runner, "127.0.0.1", port).start()

        starter = asyncio.ensure_future(start_late())
        assert (await zalo.get_me()).account_name == api.bot["account_name"]
        await starter
        assert [m for m, _ in api.calls] == ["getMe"]
    finally:
        await zalo.close()
        await api.stop()


async def test_a_send_that_timed_out_is_not_sent_again(fake):
    api, base_url = fake
    slow = ZaloApi(api.token, base_url, timeout_s=0.05, retry_base_s=0.01)
    await slow.open()
    original = api._sendMessage

    async def late(params):
        await asyncio.sleep(0.2)
        return await original(params)

    api._sendMessage = late
    try:
        with pytest.raises(ZaloNetworkError):
            await slow.send_message("u1", "một lần thôi")
        await asyncio.sleep(0.3)
    finally:
        await slow.close()
    assert [m for m, _ in api.calls].count("sendMessage") == 1


async def test_pacing_spreads_sends_over_time():
    pacer = Pacer(rate=50)
    started = time.monotonic()
    for _ in range(11):
        await pacer.wait()
    assert time.monotonic() - started >= 0.19  # 10 intervals of 20 ms
    unpaced = Pacer(rate=0)
    started = time.monotonic()
    for _ in range(100):
        await unpaced.wait()
    assert time.monotonic() - started < 0.05


async def test_dispatcher_keeps_order_within_a_conversation_and_runs_others_alongside():
    dispatcher = Dispatcher(concurrency=4)
    done: list[str] = []

    def job(name: str, delay: float):
        async def run():
            await asyncio.sleep(delay)
            done.append(name)
        return run

    await dispatcher.submit("a", job("a1", 0.05))
    await dispatcher.submit("a", job("a2", 0.0))
    await dispatcher.submit("b", job("b1", 0.0))
    await dispatcher.drain(2)
    assert done.index("a1") < done.index("a2")
    assert done[0] == "b1"  # not held up by conversation a
