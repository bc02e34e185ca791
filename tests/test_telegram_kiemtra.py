"""/kiemtra in the Telegram channel, in process with the scripted core: the question advances in place, typed
answers and outdated buttons never answer the wrong step, and no edit ever changes nothing."""

from telegram_server.api import Chat
from telegram_server.fixtures import inprocess_app, inproc  # noqa: F401 - fixture

from handlers.telegram import kiemtra

GROUP = Chat(-100, "group", "Phòng Nội vụ")


async def test_kiemtra_advances_in_place_then_sends_the_card(inproc):
    api = inproc.api
    await inproc.feed(api.send(5, "/kiemtra"))
    [question] = api.outbox(5)
    assert question.html == "Bước 1/3 · <b>Cấp</b>?"
    assert question.labels == ["Cấp tỉnh", "Cấp xã", "Bỏ qua", "Hủy"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in question.buttons)
    await inproc.feed(api.press(5, question, "Cấp xã"))
    assert api.outbox(5) == [question] and question.edits == 1
    assert question.text == "Bước 2/3 · Tuổi?" and question.labels == ["Bỏ qua", "Hủy"]
    await inproc.feed(api.press(5, question, "Bỏ qua"))
    assert question.text == "Bước 3/3 · Vùng dân tộc thiểu số?"
    await inproc.feed(api.press(5, question, "Không"))
    question_after, card = api.outbox(5)
    assert question_after is question and question.labels == []  # the answered question keeps no buttons
    assert card.text.startswith("Kết quả kiểm tra") and "Cấp: Cấp xã" in card.text
    assert card.labels == ["📜 Xem nguyên văn", "👍", "👎"]
    assert api.errors == []


async def test_typed_answer_goes_to_the_core_and_retires_the_old_buttons(inproc):
    api = inproc.api
    await inproc.feed(api.send(5, "/kiemtra"))
    await inproc.feed(api.press(5, api.outbox(5)[0], "Cấp tỉnh"))
    question = api.outbox(5)[0]
    old_press = api.press(5, question, "Bỏ qua")  # pressed later, after the typed answer
    await inproc.feed(api.send(5, "abc"))  # typed, unreadable: the core asks again
    assert question.labels == []
    again = api.outbox(5)[-1]
    assert again.text.startswith("⚠️ Chưa đọc được") and again.labels == ["Bỏ qua", "Hủy"]
    await inproc.feed(api.send(5, "45"))
    assert again.labels == [] and api.outbox(5)[-1].text == "Bước 3/3 · Vùng dân tộc thiểu số?"
    await inproc.feed(old_press)  # a step already answered: nothing happens
    assert api.outbox(5)[-1].text == "Bước 3/3 · Vùng dân tộc thiểu số?" and len(api.outbox(5)) == 3
    await inproc.feed(api.press(5, api.outbox(5)[-1], "Có"))
    assert "Tuổi: 45" in api.outbox(5)[-1].text
    assert api.errors == []


async def test_double_tap_answers_one_step_only(inproc):
    api = inproc.api
    await inproc.feed(api.send(5, "/kiemtra"))
    question = api.outbox(5)[0]
    first, second = api.press(5, question, "Bỏ qua"), api.press(5, question, "Bỏ qua")
    await inproc.feed(first)
    await inproc.feed(second)
    assert question.text == "Bước 2/3 · Tuổi?" and question.labels == ["Bỏ qua", "Hủy"]
    await inproc.feed(api.press(5, question, "Bỏ qua"))
    last, last_again = api.press(5, question, "Có"), api.press(5, question, "Có")
    await inproc.feed(last)
    await inproc.feed(last_again)
    assert [m.text.split("\n")[0] for m in api.outbox(5)] == ["Bước 3/3 · Vùng dân tộc thiểu số?",
                                                              "Kết quả kiểm tra: Chưa đạt"]
    assert api.errors == []


async def test_cancel_ends_the_dialog_and_questions_work_again(inproc):
    api = inproc.api
    await inproc.feed(api.send(5, "/kiemtra"))
    await inproc.feed(api.press(5, api.outbox(5)[0], "Hủy"))
    assert api.outbox(5)[0].labels == [] and api.outbox(5)[1].text == "Đã hủy kiểm tra."
    await inproc.feed(api.send(5, "yêu cầu cấp xã"))
    assert api.outbox(5)[-1].text.startswith("Theo mục II.2.b")


async def test_kiemtra_again_retires_the_previous_question(inproc):
    api = inproc.api
    await inproc.feed(api.send(5, "/kiemtra"))
    await inproc.feed(api.send(5, "/kiemtra"))
    first, second = api.outbox(5)
    assert first.labels == [] and second.labels == ["Cấp tỉnh", "Cấp xã", "Bỏ qua", "Hủy"]


async def test_button_of_a_forgotten_dialog_lets_the_core_decide(inproc):
    api = inproc.api
    await inproc.feed(api.send(5, "/kiemtra"))
    question = api.outbox(5)[0]
    await inproc.feed(api.send(5, "/quen"))
    await inproc.feed(api.press(5, question, "Cấp tỉnh"))  # the core restarts a dialog it no longer has
    assert question.text == "Bước 1/3 · Cấp?" and question.edits == 1
    assert api.errors == []


async def test_kiemtra_in_a_group_points_to_the_private_chat(inproc):
    await inproc.feed(inproc.api.send(1, "/kiemtra", chat=GROUP))
    [reply] = inproc.api.outbox(GROUP.id)
    assert reply.text == kiemtra.PRIVATE_ONLY


async def test_other_buttons_mid_dialog_leave_the_question_alone(inproc):
    api = inproc.api
    await inproc.feed(api.send(5, "yêu cầu cấp tỉnh"))
    answer = api.outbox(5)[0]
    await inproc.feed(api.send(5, "/kiemtra"))
    question = api.outbox(5)[1]
    await inproc.feed(api.press(5, answer, "Xem nguyên văn"))
    assert api.outbox(5)[-1].text.startswith("Mục II.1.a") and question.labels[0] == "Cấp tỉnh"
    await inproc.feed(api.press(5, question, "Cấp tỉnh"))
    assert question.text == "Bước 2/3 · Tuổi?"
    assert api.errors == []


async def test_question_that_cannot_be_edited_comes_as_a_new_message(inproc):
    api = inproc.api
    await inproc.feed(api.send(5, "/kiemtra"))
    question = api.outbox(5)[0]
    api.fail_next("editMessageText", "Bad Request: message can't be edited")
    await inproc.feed(api.press(5, question, "Cấp tỉnh"))
    old, new = api.outbox(5)
    assert old.text == "Bước 1/3 · Cấp?" and old.labels == []
    assert new.text == "Bước 2/3 · Tuổi?" and new.labels == ["Bỏ qua", "Hủy"]


async def test_a_question_typed_during_kiemtra_is_answered_and_the_check_waits(tmp_path):
    async with inprocess_app(tmp_path, bot_core_module="bot.core") as app:
        await app.feed(app.api.send(5, "/kiemtra"))
        question = app.api.outbox(5)[0]
        await app.feed(app.api.send(5, "Ai ký ban hành kế hoạch này vậy?"))
        answer = app.api.outbox(5)[1].text
        assert not answer.startswith(("Bước", "⚠️")) and "ký" in answer  # answered, not read as the step's answer
        assert question.labels  # the step still waits with its buttons
        await app.feed(app.api.press(5, question, "Cấp tỉnh"))
        assert question.edits == 1 and "Ngạch" in question.text  # the next step, in place


async def test_an_unreadable_typed_age_keeps_the_answered_steps(tmp_path):
    async with inprocess_app(tmp_path, bot_core_module="bot.core") as app:
        await app.feed(app.api.send(5, "/kiemtra"))
        question = app.api.outbox(5)[0]
        await app.feed(app.api.press(5, question, "Cấp tỉnh"))
        for _ in range(8):
            if "Dưới 35" in question.labels:
                break
            await app.feed(app.api.press(5, question, question.labels[0]))  # the first choice of each step
        assert question.labels[:2] == ["Dưới 35", "Từ 35 trở lên"]
        step = question.text
        await app.feed(app.api.send(5, "ba mươi hai tuổi"))
        assert question.text == step and question.labels[:2] == ["Dưới 35", "Từ 35 trở lên"]
        await app.feed(app.api.press(5, question, "Dưới 35"))
        assert question.text != step  # the dialog went on from the age step: nothing answered before was lost
