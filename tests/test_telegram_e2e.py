"""End to end over HTTP: the real bot process (python -m bot) against the fake Bot API, scripted core."""

import re

import pytest
from telegram_server.api import Chat
from telegram_server.fixtures import scripted  # noqa: F401 - fixture
from telegram_server.html_check import parse_html

pytestmark = pytest.mark.asyncio(loop_scope="module")
GROUP = Chat(-200, "group", "Phòng Nội vụ")


async def ask(harness, user: int, text: str, expect: int = 1, **kw):
    """The user writes; returns the `expect` new messages the bot sent to that chat."""
    chat = kw.get("chat") or Chat(user)
    before = len(harness.api.outbox(chat.id))
    harness.api.send(user, text, **kw)
    return (await harness.api.replies(chat.id, before + expect))[before:]


async def press(harness, user: int, message, label: str, expect: int = 1):
    before = len(harness.api.outbox(message.chat.id))
    update = harness.api.press(user, message, label)
    await harness.api.wait_for(lambda: update["callback_query"]["id"] in harness.api.callback_answers,
                               what="the button press to be acknowledged")
    return (await harness.api.replies(message.chat.id, before + expect))[before:]


async def test_menu_is_set_with_vietnamese_descriptions(scripted):
    [commands] = [params["commands"] for method, params in scripted.api.calls if method == "setMyCommands"]
    assert {"start", "ngach", "dieu", "timkiem", "chitieu", "vanban", "quen"} <= {c["command"] for c in commands}
    assert any("Chỉ tiêu" in c["description"] for c in commands)


async def test_start_greets_then_asks_grade_and_tier_with_buttons(scripted):
    greeting, picker = await ask(scripted, 11, "/start", expect=2)
    assert greeting.text.startswith("Xin chào") and greeting.labels == []
    assert picker.labels == ["Cán sự", "Chuyên viên", "Chuyên viên chính"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in picker.buttons)
    scripted.api.press(11, picker, "Cán sự")
    await scripted.api.wait_for(lambda: picker.edits == 1, what="the picker to ask for the tier")
    assert picker.labels == ["Cấp tỉnh", "Cấp huyện", "Cấp xã"]
    [answer] = await press(scripted, 11, picker, "Cấp huyện")
    assert answer.text == "Yêu cầu cho can_su ở huyen."


async def test_free_text_is_answered_with_a_button_for_the_verbatim_clause(scripted):
    [answer] = await ask(scripted, 12, "yêu cầu cấp tỉnh")
    assert answer.html == "Theo mục <b>II.1.a</b>: trình độ <i>trung cấp</i> trở lên."
    assert answer.labels == ["📜 Xem nguyên văn"]
    [quote] = await press(scripted, 12, answer, "Xem nguyên văn")
    assert quote.html == "<b>Mục II.1.a</b>\n<blockquote>nguyên văn</blockquote>"
    assert quote.labels == []


async def test_clarify_then_button_press_gives_the_answer(scripted):
    [question] = await ask(scripted, 13, "mơ hồ: cần học gì?")
    assert question.text == "Bạn hỏi cho cấp nào?"
    assert question.labels == ["Cấp tỉnh, huyện", "Cấp xã"]
    [answer] = await press(scripted, 13, question, "Cấp xã")
    assert answer.text.startswith("Theo mục II.2.b")


async def test_chitieu_sends_the_figures_and_a_chart(scripted):
    text, chart = await ask(scripted, 14, "/chitieu", expect=2)
    assert "25.950" in text.text
    assert chart.photo.startswith(b"\x89PNG") and "2011–2015" in chart.text
    _, again = await ask(scripted, 14, "/chitieu", expect=2)
    assert again.photo == chart.photo
    sends = [params["photo"] for method, params in scripted.api.calls if method == "sendPhoto"]
    assert isinstance(sends[-1], str)  # resent by file_id, not uploaded again


async def test_ngach_picks_grade_then_tier_with_buttons(scripted):
    [picker] = await ask(scripted, 15, "/ngach")
    assert picker.labels == ["Cán sự", "Chuyên viên", "Chuyên viên chính"]
    scripted.api.press(15, picker, "Chuyên viên chính")
    await scripted.api.wait_for(lambda: picker.edits == 1, what="the picker to ask for the tier")
    assert picker.text == "Ngạch Chuyên viên chính. Bạn làm việc ở cấp nào?"
    [answer] = await press(scripted, 15, picker, "Cấp xã")
    assert answer.text == "Yêu cầu cho chuyen_vien_chinh ở xa."
    assert picker.text == "Ngạch Chuyên viên chính, Cấp xã:" and picker.labels == []


async def test_html_unsafe_question_is_shown_literally(scripted):
    [reply] = await ask(scripted, 16, "<b>&")
    assert reply.text == "Chưa có thông tin về: <b>&"


async def test_long_reply_is_split_on_paragraphs(scripted):
    parts = await ask(scripted, 17, "dài", expect=3)
    await scripted.api.wait_for(lambda: scripted.api.outbox(17)[-1].labels, what="the buttons on the last part")
    parts = scripted.api.outbox(17)
    assert all(len(p.text) <= 4096 for p in parts)
    numbers = [int(n) for p in parts for n in re.findall(r"(?m)^(\d+)\. ", p.text)]
    assert numbers == list(range(1, 31))
    assert all(p.html.startswith("<blockquote>") or i == 0 for i, p in enumerate(parts))
    assert [bool(p.labels) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert all(parse_html(p.html) == p.text for p in parts)


async def test_quen_forgets_what_the_user_said(scripted):
    await ask(scripted, 18, "tôi là cán sự")
    [known] = await ask(scripted, 18, "ngạch của tôi?")
    assert known.text == "Ngạch của bạn: cán sự."
    [done] = await ask(scripted, 18, "/quen")
    assert done.text.startswith("Đã xóa mọi thông tin")
    [forgotten] = await ask(scripted, 18, "ngạch của tôi?")
    assert forgotten.text == "Ngạch của bạn: chưa rõ."


async def test_group_is_answered_only_when_addressed(scripted):
    scripted.api.send(19, "yêu cầu cấp tỉnh", chat=GROUP)
    scripted.api.send(19, "/start@other_bot", chat=GROUP)
    [reply] = await ask(scripted, 19, "@kh39_bot yêu cầu cấp xã", chat=GROUP)
    assert reply.text.startswith("Theo mục II.2.b")
    await scripted.api.drained()
    [follow] = await ask(scripted, 20, "ngạch của tôi?", chat=GROUP, reply_to=reply)
    assert follow.text == "Ngạch của bạn: chưa rõ."
    await scripted.api.drained()
    assert len(scripted.api.outbox(GROUP.id)) == 2


async def test_state_survives_kill_9_and_restart(scripted):
    [ack] = await ask(scripted, 21, "tôi là chuyên viên chính")
    assert ack.text == "Đã ghi nhận ngạch: chuyên viên chính."
    await scripted.api.drained()  # fetched and acknowledged: otherwise Telegram, too, would deliver it again
    await scripted.bot.kill()
    scripted.bot.start()
    await scripted.started()
    [after] = await ask(scripted, 21, "ngạch của tôi?")
    assert after.text == "Ngạch của bạn: chuyên viên chính."


async def test_bot_never_broke_a_telegram_rule_nor_logged_the_token(scripted):
    assert scripted.api.errors == []
    log = scripted.bot.log
    assert "Telegram channel ready: @kh39_bot" in log
    assert scripted.api.token not in log


async def test_an_update_delivered_again_after_a_crash_is_answered_once(scripted):
    [first] = await ask(scripted, 23, "yêu cầu cấp tỉnh")
    update_id = scripted.api.updates[-1]["update_id"]
    await scripted.api.drained()
    await scripted.bot.kill()
    scripted.api.confirmed = update_id  # as if the bot had died before confirming it: Telegram sends it again
    scripted.bot.start()
    await scripted.started()
    await scripted.api.drained()
    [after] = await ask(scripted, 23, "yêu cầu cấp tỉnh")
    texts = [m.text for m in scripted.api.outbox(23)]
    assert texts.count(first.text) == 2  # the redelivered update did not add a third reply
    assert after.text == first.text
