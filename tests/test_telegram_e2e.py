"""End to end over HTTP: the real bot process (python -m bot) against the fake Bot API, scripted core."""

import re
import sqlite3

import pytest
from telegram_server.api import Chat
from telegram_server.fixtures import ADMIN_ID, SCRIPTED_CORE, scripted, start_harness  # noqa: F401 - fixture
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
    commands = scripted.api.commands
    private = {c["command"] for c in commands[("all_private_chats", None)]}
    assert {"start", "ngach", "dieu", "timkiem", "chitieu", "vanban", "kiemtra", "quen"} <= private
    assert any("Chỉ tiêu" in c["description"] for c in commands[("all_private_chats", None)])


async def test_command_scopes_hide_kiemtra_in_groups_and_show_thongke_to_admins(scripted):
    commands = scripted.api.commands
    group = {c["command"] for c in commands[("all_group_chats", None)]}
    private = {c["command"] for c in commands[("all_private_chats", None)]}
    admin = {c["command"] for c in commands[("chat", ADMIN_ID)]}
    assert "kiemtra" not in group and "kiemtra" in private
    assert "thongke" not in private and "thongke" not in group and admin == private | {"thongke"}
    assert scripted.api.menu_buttons[None] == {"type": "commands"}


async def test_descriptions_are_set_before_start(scripted):
    assert "Kế hoạch 39/KH-UBND" in scripted.api.description and len(scripted.api.description) <= 512
    assert "cấp xã" in scripted.api.description
    assert 0 < len(scripted.api.short_description) <= 120


async def test_start_greets_with_the_main_menu_then_asks_tier_then_grade(scripted):
    greeting, picker = await ask(scripted, 11, "/start", expect=2)
    assert greeting.text.startswith("Xin chào") and greeting.labels == []
    menu = [b["text"] for row in greeting.keyboard["keyboard"] for b in row]
    assert "✅ Kiểm tra đạt chuẩn" in menu and greeting.keyboard["is_persistent"] is True
    assert picker.labels == ["Cấp tỉnh", "Cấp huyện", "Cấp xã"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in picker.buttons)
    scripted.api.press(11, picker, "Cấp huyện")
    await scripted.api.wait_for(lambda: picker.edits == 1, what="the picker to ask for the grade")
    assert picker.labels == ["Cán sự", "Chuyên viên", "Chuyên viên chính"]
    [answer] = await press(scripted, 11, picker, "Cán sự")
    assert answer.text == "Yêu cầu cho can_su ở huyen."


async def test_main_menu_button_opens_the_table_of_contents(scripted):
    [toc] = await ask(scripted, 31, "📖 Mục lục")
    assert toc.text.startswith("📖 Mục lục") and any(label.startswith("III ·") for label in toc.labels)


async def test_deep_link_opens_its_topic(scripted):
    first, menu = await ask(scripted, 32, "/start kiemtra", expect=2)
    assert first.text.startswith("Bước 1/3") and menu.keyboard is not None
    [quote, _] = await ask(scripted, 33, "/start dieu_II_1_b", expect=2)
    assert quote.html.startswith("<b>Mục II.1.b</b>")
    greeting, picker = await ask(scripted, 34, "/start khong_co", expect=2)
    assert greeting.text.startswith("Xin chào")


async def test_timkiem_without_keyword_asks_with_a_force_reply(scripted):
    [prompt] = await ask(scripted, 35, "/timkiem")
    assert prompt.keyboard["force_reply"] is True and prompt.keyboard["input_field_placeholder"]
    [found] = await ask(scripted, 35, "tin học", reply_to=prompt)
    assert found.text == "Tìm «tin học»: mục II.1.d."


async def test_feedback_is_stored_once_without_the_user(scripted):
    [answer] = await ask(scripted, 36, "yêu cầu cấp tỉnh")
    assert answer.labels[-2:] == ["👍", "👎"]
    update = scripted.api.press(36, answer, "👍")
    again = scripted.api.press(36, answer, "👍")
    await scripted.api.wait_for(lambda: again["callback_query"]["id"] in scripted.api.callback_answers)
    assert scripted.api.callback_answers[update["callback_query"]["id"]]["text"] == "Cảm ơn bạn đã góp ý!"
    assert "👍" not in answer.labels
    rows = sqlite3.connect(scripted.bot.env["BOT_DATA_DIR"] + "/assistant.sqlite3").execute(
        "SELECT intent, clauses, vote, user_hash FROM feedback").fetchall()
    assert [(i, c, v) for i, c, v, _ in rows] == [("requirements", "II.1.a", 1)]
    assert all(h not in (36, "36", "telegram:36") and len(h) == 20 for *_, h in rows)  # a salted hash only


async def test_free_text_is_answered_with_a_button_for_the_verbatim_clause(scripted):
    [answer] = await ask(scripted, 12, "yêu cầu cấp tỉnh")
    assert answer.html == "Theo mục <b>II.1.a</b>: trình độ <i>trung cấp</i> trở lên."
    assert answer.labels == ["📜 Xem nguyên văn", "👍", "👎"]
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


async def test_ngach_picks_tier_then_grade_with_buttons(scripted):
    [picker] = await ask(scripted, 15, "/ngach")
    assert picker.labels == ["Cấp tỉnh", "Cấp huyện", "Cấp xã"]
    scripted.api.press(15, picker, "Cấp tỉnh")
    await scripted.api.wait_for(lambda: picker.edits == 1, what="the picker to ask for the grade")
    assert picker.text == "Cấp tỉnh. Bạn thuộc ngạch nào?"
    [answer] = await press(scripted, 15, picker, "Chuyên viên chính")
    assert answer.text == "Yêu cầu cho chuyen_vien_chinh ở tinh."
    assert picker.text == "Cấp tỉnh · Chuyên viên chính:" and picker.labels == []


async def test_double_tap_gives_one_message(scripted):
    [picker] = await ask(scripted, 37, "/ngach chuyên viên")
    first = scripted.api.press(37, picker, "Cấp huyện")
    second = scripted.api.press(37, picker, "Cấp huyện")
    await scripted.api.wait_for(lambda: second["callback_query"]["id"] in scripted.api.callback_answers)
    await scripted.api.drained()
    assert [m.text for m in scripted.api.outbox(37)[1:]] == ["Yêu cầu cho chuyen_vien ở huyen."]
    assert scripted.api.callback_answers[second["callback_query"]["id"]].get("text") == "Đã trả lời ở trên."
    assert first["callback_query"]["id"] in scripted.api.callback_answers


async def test_group_member_cannot_press_another_members_picker(scripted):
    group = Chat(-201, "group", "Phòng Tổ chức")
    [picker] = await ask(scripted, 38, "/ngach", chat=group)
    intruder = scripted.api.press(39, picker, "Cấp xã")
    await scripted.api.wait_for(lambda: intruder["callback_query"]["id"] in scripted.api.callback_answers)
    refusal = scripted.api.callback_answers[intruder["callback_query"]["id"]]
    assert refusal["text"].startswith("Nút này dành cho người đã hỏi") and refusal["show_alert"] in (True, "true")
    assert picker.edits == 0 and len(scripted.api.outbox(group.id)) == 1
    scripted.api.press(38, picker, "Cấp tỉnh")
    await scripted.api.wait_for(lambda: picker.edits == 1, what="the owner's press to work")


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
    assert all(p.html.startswith("<blockquote expandable>") or i == 0 for i, p in enumerate(parts))
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


async def test_kiemtra_left_unanswered_expires_and_swallows_no_later_question(tmp_path):
    harness = await start_harness(tmp_path, BOT_CORE_MODULE=SCRIPTED_CORE, BOT_DIALOG_TTL="1")
    try:
        [question] = await ask(harness, 51, "/kiemtra")
        assert question.text.startswith("Bước 1/3") and question.labels
        [notice] = (await harness.api.replies(51, 2, timeout=10))[1:]
        assert notice.text.startswith("⏱ Bài kiểm tra đã dừng") and "/kiemtra" in notice.text
        await harness.api.wait_for(lambda: question.labels == [], what="the expired question's buttons to go")
        [answer] = await ask(harness, 51, "yêu cầu cấp xã")
        assert answer.text.startswith("Theo mục II.2.b")
        assert harness.api.errors == []
    finally:
        await harness.bot.stop()
        await harness.api.stop()
