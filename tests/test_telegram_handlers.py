"""Handlers of the Telegram channel, in process: the application built by build_application, the scripted core."""

import asyncio
import logging
import sqlite3
import time

import pytest
from telegram.error import TimedOut

from telegram_server.api import NOT_MODIFIED, Chat
from telegram_server.fixtures import ADMIN_ID, inproc, inprocess_app  # noqa: F401 - fixture

from handlers.telegram import ask, errors, plan, stats
from handlers.telegram.delivery import MORE_IN_PRIVATE

GROUP = Chat(-100, "group", "Phòng Nội vụ")


async def test_group_message_not_addressed_to_the_bot_is_ignored(inproc):
    await inproc.feed(inproc.api.send(1, "yêu cầu cấp tỉnh", chat=GROUP))
    await inproc.feed(inproc.api.send(1, "hỏi @other_bot yêu cầu cấp tỉnh", chat=GROUP))
    assert inproc.api.outbox(GROUP.id) == []


async def test_group_mention_is_answered_in_thread(inproc):
    update = inproc.api.send(1, "@kh39_bot yêu cầu cấp tỉnh", chat=GROUP)
    await inproc.feed(update)
    [reply] = inproc.api.outbox(GROUP.id)
    assert reply.text.startswith("Theo mục II.1.a")
    assert reply.reply_to == update["message"]["message_id"]


async def test_group_reply_to_the_bot_is_answered_but_not_reply_to_others(inproc):
    await inproc.feed(inproc.api.send(1, "@kh39_bot yêu cầu cấp tỉnh", chat=GROUP))
    bot_message = inproc.api.outbox(GROUP.id)[0]
    await inproc.feed(inproc.api.send(2, "ngạch của tôi?", chat=GROUP, reply_to=bot_message))
    assert inproc.api.outbox(GROUP.id)[-1].text == "Ngạch của bạn: chưa rõ."
    someone = inproc.api.send(3, "nói gì đó", chat=GROUP)["message"]
    update = inproc.api.send(2, "ngạch của tôi?", chat=GROUP)
    update["message"]["reply_to_message"] = someone
    await inproc.feed(update)
    assert len(inproc.api.outbox(GROUP.id)) == 2


async def test_group_long_reply_is_one_message_pointing_to_private_chat(inproc):
    await inproc.feed(inproc.api.send(1, "@kh39_bot dài", chat=GROUP))
    [reply] = inproc.api.outbox(GROUP.id)
    assert reply.html.endswith(MORE_IN_PRIVATE)


async def test_bare_mention_gets_a_hint(inproc):
    await inproc.feed(inproc.api.send(1, "@kh39_bot", chat=GROUP))
    assert "Kế hoạch 39" in inproc.api.outbox(GROUP.id)[0].text


async def test_thongke_refuses_non_admins(inproc):
    await inproc.feed(inproc.api.send(5, "/thongke"))
    assert inproc.api.outbox(5)[0].text == stats.NOT_ADMIN


async def test_thongke_shows_intents_and_unanswered_to_admins(inproc, tmp_path):
    for question in ["lương tháng này?", "Lương tháng này?", "yêu cầu cấp xã"]:
        await inproc.feed(inproc.api.send(5, question))
    await inproc.feed(inproc.api.send(ADMIN_ID, "/thongke"))
    report = inproc.api.outbox(ADMIN_ID)[0].text
    assert "unknown: 2" in report and "requirements: 1" in report
    assert "1. (2) lương tháng này?" in report.lower()
    rows = sqlite3.connect(tmp_path / "assistant.sqlite3").execute("SELECT * FROM unanswered").fetchall()
    assert len(rows) == 2 and all("5" != str(v) for row in rows for v in row)


async def test_thongke_is_private_only_even_for_admins(inproc):
    await inproc.feed(inproc.api.send(ADMIN_ID, "/thongke", chat=GROUP))
    assert inproc.api.outbox(GROUP.id)[0].text == stats.PRIVATE_ONLY


async def test_inline_query_offers_the_answer_and_each_reading(inproc):
    update = inproc.api.inline(5, "mơ hồ: cần học gì")
    await inproc.feed(update)
    results = inproc.api.inline_answers[update["inline_query"]["id"]]
    assert [r["title"] for r in results] == ["Bạn hỏi cho cấp nào?", "Cấp tỉnh, huyện", "Cấp xã"]
    assert "II.2.b" in results[2]["input_message_content"]["message_text"]


async def test_flood_control_is_waited_out_by_the_rate_limiter(tmp_path):
    async with inprocess_app(tmp_path, "aiohttp", bot_rate_limit=30) as inproc:
        inproc.api.fail_next("sendMessage", "Too Many Requests: retry after 1", 429, retry_after=1)
        started = time.monotonic()
        await inproc.feed(inproc.api.send(5, "yêu cầu cấp xã"))
        assert time.monotonic() - started >= 1
        assert [m.text for m in inproc.api.outbox(5)] == ["Theo mục II.2.b: trình độ trung cấp trở lên."]


async def test_a_failed_send_is_not_retried(inproc):
    inproc.api.fail_next("sendMessage", "Bad Gateway", 502)
    await inproc.feed(inproc.api.send(5, "yêu cầu cấp xã"))
    assert [m.text for m in inproc.api.outbox(5)] == [errors.SORRY]


async def test_a_timed_out_send_that_was_delivered_is_not_sent_again(inproc):
    from telegram import Bot

    from handlers.telegram.delivery import send_html
    from handlers.telegram.transport import AiohttpRequest

    inproc.api.slow_next("sendMessage", 1.0)  # Telegram got it, the answer comes too late
    bot = Bot(inproc.api.token, base_url=str(inproc.app.bot.base_url).removesuffix(inproc.api.token),
              request=AiohttpRequest(read_timeout=0.2))
    async with bot:
        with pytest.raises(TimedOut):
            await send_html(bot, 5, "<b>một lần</b>", "một lần")
    await asyncio.sleep(1.0)
    assert [m.text for m in inproc.api.outbox(5)] == ["một lần"]


async def test_user_who_blocked_the_bot_does_not_stop_it(inproc):
    inproc.api.fail_next("sendMessage", "Forbidden: bot was blocked by the user", 403)
    await inproc.feed(inproc.api.send(5, "yêu cầu cấp xã"))
    await inproc.feed(inproc.api.send(6, "yêu cầu cấp xã"))
    assert inproc.api.outbox(5) == [] and len(inproc.api.outbox(6)) == 1


async def test_message_not_modified_is_not_an_error(inproc):
    await inproc.feed(inproc.api.send(5, "/ngach"))
    inproc.api.fail_next("editMessageText", NOT_MODIFIED)
    await inproc.feed(inproc.api.press(5, inproc.api.outbox(5)[0], "Cấp tỉnh"))
    assert [m.text for m in inproc.api.outbox(5)] == ["Bạn làm việc ở cấp nào?"]


async def test_core_failure_apologises_and_logs_no_personal_data(inproc, caplog):
    caplog.set_level(logging.DEBUG, logger="handlers")
    await inproc.feed(inproc.api.send(5, "lỗi: số CCCD 079123456789"))
    assert inproc.api.outbox(5)[0].text == errors.SORRY
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "RuntimeError" in logged and "079123456789" not in logged


async def test_html_the_core_got_wrong_falls_back_to_plain_text(inproc):
    await inproc.feed(inproc.api.send(5, "hỏng html"))
    assert inproc.api.outbox(5)[0].text == "Trả lời <có dấu nhỏ hơn>"


async def test_expired_button_is_answered_politely(inproc):
    update = inproc.api.send(5, "x")  # a message to hang a stale button on
    stale = {"update_id": update["update_id"] + 1, "callback_query": {
        "id": "stale1", "from": update["message"]["from"], "chat_instance": "5", "data": "b999999",
        "message": {**update["message"], "from": inproc.api.bot}}}
    inproc.api.updates.append(stale)
    await inproc.feed(stale)
    assert inproc.api.callback_answers["stale1"]["text"] == "Nút này đã hết hạn. Bạn hãy hỏi lại nhé."


async def test_answer_citing_several_clauses_offers_a_choice(inproc):
    await inproc.feed(inproc.api.send(5, "nhiều mục"))
    answer = inproc.api.outbox(5)[0]
    await inproc.feed(inproc.api.press(5, answer, "Xem nguyên văn"))
    assert answer.labels == ["📜 Mục II.1.a", "📜 Mục II.1.b", "👍", "👎"]
    await inproc.feed(inproc.api.press(5, answer, "II.1.b"))
    assert inproc.api.outbox(5)[-1].html.startswith("<b>Mục II.1.b</b>")


async def test_ngach_with_both_named_answers_at_once(inproc):
    await inproc.feed(inproc.api.send(5, "/ngach chuyên viên chính cấp tỉnh"))
    assert inproc.api.outbox(5)[0].text == "Yêu cầu cho chuyen_vien_chinh ở tinh."


async def test_ngach_at_the_commune_tier_asks_the_role_not_the_grade(inproc):
    await inproc.feed(inproc.api.send(5, "/ngach chuyên viên cấp xã"))
    picker = inproc.api.outbox(5)[0]
    assert picker.text == "Cấp xã. Chức danh của bạn?"
    assert "Công chức cấp xã" in picker.labels and "Chuyên viên" not in picker.labels


async def test_commands_without_argument_explain_their_use(inproc):
    await inproc.feed(inproc.api.send(5, "/dieu"))
    await inproc.feed(inproc.api.send(5, "/timkiem"))
    await inproc.feed(inproc.api.send(5, "/khongco"))
    toc, prompt, unknown = inproc.api.outbox(5)
    assert toc.text.startswith("📖 Mục lục") and len(toc.labels) >= 4
    assert prompt.text == plan.SEARCH_PROMPT and prompt.keyboard["force_reply"] is True
    assert unknown.text == ask.UNKNOWN_COMMAND


async def test_no_reply_broke_a_telegram_rule(inproc):
    for text in ["/start", "/help", "dài", "<b>&", "/dieu II.1.đ", "/timkiem tin học", "/vanban", "/quen"]:
        await inproc.feed(inproc.api.send(5, text))
    assert inproc.api.errors == []
    assert len(inproc.api.outbox(5)) >= 10


async def test_button_press_too_old_to_acknowledge_still_acts(inproc):
    await inproc.feed(inproc.api.send(5, "mơ hồ"))
    inproc.api.fail_next("answerCallbackQuery", "Bad Request: query is too old and response timeout expired "
                                                "or query ID is invalid")
    await inproc.feed(inproc.api.press(5, inproc.api.outbox(5)[0], "Cấp xã"))
    assert inproc.api.outbox(5)[-1].text.startswith("Theo mục II.2.b")


async def test_old_rows_are_pruned_on_a_daily_schedule(inproc):
    from handlers.telegram.app import _prune

    [job] = [j for j in inproc.app.job_queue.jobs() if j.callback is _prune]
    assert job.job.trigger.interval.total_seconds() == 24 * 3600


async def test_a_mention_is_found_by_its_entity_and_cut_out_even_after_an_emoji(inproc):
    await inproc.feed(inproc.api.send(1, "yêu cầu cấp 👋 @kh39_bot xã", chat=GROUP))
    [reply] = inproc.api.outbox(GROUP.id)
    assert reply.text.startswith("Theo mục II.2.b")  # the question read was "yêu cầu cấp 👋 xã"
    assert ask._without("a 👋 @kh39_bot b", []) == "a 👋 @kh39_bot b"
