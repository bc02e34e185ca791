"""kill -9 and restart: the conversation (state and numbered options) is kept, and a message delivered again
after the crash is answered once."""

from zalo_server.fixtures import start_harness

from bot import core
from bot.reply import State
from handlers.zalo.offers import PICK_HEADER

VAGUE = ["tôi cần học gì", "em phải có bằng gì ạ", "tôi phải học lớp QLNN nào"]


def body(text: str) -> str:
    return text.split(f"\n\n{PICK_HEADER}")[0]


async def test_kill_9_keeps_the_conversation_and_answers_each_message_once(tmp_path):
    harness = await start_harness(tmp_path)
    api = harness.api
    try:
        question = next(q for q in VAGUE if len(core.answer(q, State()).options) >= 2)
        asked = core.answer(question, State())
        await harness.ask("u200", question)
        await harness.bot.kill()
        harness.bot.start()
        await harness.started()

        picked = core.answer(asked.options[1].query, asked.state)
        [answer] = await harness.ask("u200", "2")  # the options offered before the crash
        assert body(answer.text) == picked.text.strip()
        follow = core.answer("còn tin học?", picked.state)
        [message] = await harness.ask("u200", "còn tin học?")  # the state from before the crash
        assert body(message.text) == follow.text.strip()

        handled = api.delivered[-1]
        await harness.bot.kill()
        harness.bot.start()
        await harness.started()
        api.redeliver(handled)  # fetched and answered before the crash, delivered again
        [last] = await harness.ask("u200", "/vanban")
        assert body(last.text) == core.document_reply(State()).text.strip()
        assert len(api.outbox("u200")) == 4
        assert api.errors == []
    finally:
        await harness.bot.stop()
        await api.stop()
