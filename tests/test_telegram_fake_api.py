"""The fake Bot API is as strict as Telegram, and python-telegram-bot reads its errors as Telegram's."""

import datetime

import aiohttp
import pytest
import pytest_asyncio
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, RetryAfter
from telegram_server.api import MAX_DOWNLOAD_BYTES, NOT_MODIFIED, FakeBotApi



@pytest_asyncio.fixture
async def fake():
    api = FakeBotApi()
    base_url = await api.start()
    bot = Bot(api.token, base_url=base_url, base_file_url=base_url.replace("/bot", "/file/bot"))
    async with bot:
        yield api, bot
    await api.stop()


async def test_get_me_describes_a_bot(fake):
    api, bot = fake
    me = await bot.get_me()
    assert me.is_bot and me.username == "kh39_bot" and me.supports_inline_queries


@pytest.mark.parametrize("bad", ["<b>chưa đóng", "<div>x</div>", "a & b", "<span>x</span>", "<b><i>x</b></i>",
                                 "<blockquote>a<blockquote>b</blockquote></blockquote>",
                                 '<blockquote expandable="yes">a</blockquote>'])
async def test_invalid_html_is_refused(fake, bad):
    api, bot = fake
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await bot.send_message(5, bad, parse_mode="HTML")


async def test_valid_html_is_stored_as_plain_text(fake):
    api, bot = fake
    await bot.send_message(5, '<b>Mục</b> &lt;II.1&gt; &amp; <a href="https://x.vn">x</a>', parse_mode="HTML")
    assert api.outbox(5)[0].text == "Mục <II.1> & x"


async def test_text_over_4096_characters_is_refused(fake):
    api, bot = fake
    await bot.send_message(5, "ư" * 4096)
    with pytest.raises(BadRequest, match="(?i)too long"):
        await bot.send_message(5, "ư" * 4097)


async def test_callback_data_over_64_bytes_is_refused(fake):
    api, bot = fake
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="b" * 64)]])
    await bot.send_message(5, "x", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("Chuyên viên", callback_data="chuyên viên cấp huyện " * 3)]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(5, "x", reply_markup=too_long)


async def test_edit_that_changes_nothing_is_refused(fake):
    api, bot = fake
    message = await bot.send_message(5, "Chọn cấp")
    await bot.edit_message_text("Chọn ngạch", 5, message.message_id)
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("Chọn ngạch", 5, message.message_id)
    assert api.errors == [("editMessageText", NOT_MODIFIED)]


async def test_flood_control_gives_retry_after(fake):
    api, bot = fake
    api.fail_next("sendMessage", "Too Many Requests: retry after 3", 429, retry_after=3)
    with pytest.raises(RetryAfter) as exc:
        await bot.send_message(5, "x")
    assert exc.value.retry_after in (3, datetime.timedelta(seconds=3))


async def test_get_updates_long_polls_until_a_user_writes(fake):
    api, bot = fake
    assert await bot.get_updates(timeout=0) == ()
    api.send(5, "/start")
    updates = await bot.get_updates(timeout=2)
    assert updates[0].message.text == "/start" and updates[0].message.entities[0].type == "bot_command"
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()


async def test_photos_can_be_downloaded_again(fake):
    api, bot = fake
    message = await bot.send_photo(5, b"\x89PNG fake", caption="Biểu đồ")
    file = await bot.get_file(message.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == b"\x89PNG fake"


async def test_a_users_file_is_served_by_get_file_and_the_file_url(fake):
    api, bot = fake
    api.send_document(5, b"STT;Ho va ten\n1;A\n", "ds.csv", "text/csv", caption="@kh39_bot xem")
    [update] = await bot.get_updates(timeout=2)
    document = update.message.document
    assert (document.file_name, document.mime_type, document.file_size) == ("ds.csv", "text/csv", 18)
    assert update.message.parse_caption_entities() == {update.message.caption_entities[0]: "@kh39_bot"}
    file = await bot.get_file(document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"STT;Ho va ten\n1;A\n"
    assert api.downloads == [document.file_id]


async def test_file_url_needs_the_token_and_big_files_are_not_served(fake):
    api, bot = fake
    update = api.send_document(5, b"x" * 10, "big.xlsx", file_size=50 * 1024 * 1024)
    file_id = update["message"]["document"]["file_id"]
    api.files[file_id] = b"x" * (MAX_DOWNLOAD_BYTES + 1)
    with pytest.raises(BadRequest, match="(?i)file is too big"):
        await bot.get_file(file_id)
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{api.port}/file/bot999:WRONG/{file_id}") as response:
            assert response.status == 401
    assert api.downloads == []


async def test_documents_can_not_be_edited_as_text(fake):
    api, bot = fake
    message = await bot.send_document(5, b"PK fake", filename="r.xlsx", caption="Báo cáo")
    assert api.outbox(5)[0].filename == "r.xlsx" and api.outbox(5)[0].document == b"PK fake"
    with pytest.raises(BadRequest, match="(?i)no text in the message"):
        await bot.edit_message_text("khác", 5, message.message_id)


async def test_expandable_blockquote_is_accepted(fake):
    api, bot = fake
    message = await bot.send_message(5, "<blockquote expandable>dài</blockquote>", parse_mode="HTML")
    assert message.text == "dài"


async def test_an_unknown_parameter_is_refused(fake):
    api, bot = fake
    with pytest.raises(BadRequest, match="(?i)unknown parameter 'colour'"):
        await bot.send_message(5, "x", api_kwargs={"colour": "red"})


async def test_commands_are_kept_per_scope_and_a_chat_scope_needs_a_known_chat(fake):
    api, bot = fake
    await bot.set_my_commands([BotCommand("start", "Bắt đầu")], scope=BotCommandScopeAllGroupChats())
    assert api.commands[("all_group_chats", None)] == [{"command": "start", "description": "Bắt đầu"}]
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.set_my_commands([BotCommand("thongke", "Thống kê")], scope=BotCommandScopeChat(777))
    api.users_started.add(777)
    await bot.set_my_commands([BotCommand("thongke", "Thống kê")], scope=BotCommandScopeChat(777))
    assert ("chat", 777) in api.commands


async def test_descriptions_have_telegrams_limits(fake):
    api, bot = fake
    await bot.set_my_description("Mô tả")
    await bot.set_my_short_description("Ngắn")
    assert (api.description, api.short_description) == ("Mô tả", "Ngắn")
    with pytest.raises(BadRequest, match="(?i)too long"):
        await bot.set_my_short_description("x" * 121)


async def test_force_reply_and_reply_keyboards_are_checked(fake):
    api, bot = fake
    message = await bot.send_message(5, "Từ khóa?", reply_markup=ForceReply(input_field_placeholder="tin học"))
    assert api.outbox(5)[-1].keyboard == {"force_reply": True, "input_field_placeholder": "tin học"}
    with pytest.raises(BadRequest, match="(?i)placeholder"):
        await bot.send_message(5, "x", reply_markup=ForceReply(input_field_placeholder="x" * 65))
    with pytest.raises(BadRequest, match="(?i)inline keyboard expected"):
        await bot.edit_message_reply_markup(5, message.message_id, reply_markup=ReplyKeyboardMarkup([["a"]]))


async def test_a_callback_query_is_answered_once(fake):
    api, bot = fake
    message = await bot.send_message(5, "x", reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton("A", callback_data="a")]]))
    update = api.press(5, api.outbox(5)[-1], "A")
    query_id = update["callback_query"]["id"]
    await bot.answer_callback_query(query_id, "Không phải nút của bạn", show_alert=True)
    assert api.callback_answers[query_id]["show_alert"] in (True, "true")
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query(query_id)
    del message
