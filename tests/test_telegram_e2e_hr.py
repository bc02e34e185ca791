"""End to end with the real core and the real bot process: /kiemtra, staff-list uploads and /mau over the fake
Bot API; what the user receives is what bot.core and roster produce."""

import io

import openpyxl
import pytest
from telegram_server.api import Sent
from telegram_server.fixtures import real  # noqa: F401 - fixture
from telegram_server.html_check import parse_html
from telegram_server.staff import CORRUPT_XLSX, NAMES, csv_bytes, people_in_report, xlsx_bytes

from bot import core
from bot.reply import Reply, State
from roster import check_upload
from roster.reader import MAX_FILE_BYTES, MSG_CORRUPT
from roster.template import DATA_SHEET
from handlers.telegram import roster

pytestmark = pytest.mark.asyncio(loop_scope="module")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _squash(text: str) -> str:
    return "".join(text.split())


def shows(message: Sent, reply: Reply) -> bool:
    """The message carries the reply's text (as valid HTML) and its options as buttons."""
    wanted = [o.label for o in reply.options]
    return (_squash(message.text) == _squash(parse_html(reply.html))
            and [label for label in message.labels if label in wanted] == wanted)


def option(reply: Reply, label: str):
    return next(o for o in reply.options if o.label == label)


async def new_messages(harness, chat_id: int, before: int, count: int = 1, timeout: float = 15) -> list[Sent]:
    return (await harness.api.replies(chat_id, before + count, timeout))[before:]


async def press_in_place(harness, user: int, message: Sent, label: str) -> None:
    """Press a dialog button and wait for the question to turn into the next step."""
    edits = message.edits
    harness.api.press(user, message, label)
    await harness.api.wait_for(lambda: message.edits > edits, what=f"the question to advance after {label!r}")


async def test_kiemtra_buttons_and_a_typed_answer_lead_to_the_cores_card(real):
    user = 51
    real.api.send(user, "/kiemtra")
    [question] = await new_messages(real, user, 0)
    expected = core.start_check(State())
    assert shows(question, expected)
    for label in ["Cấp huyện", "Chuyên viên chính"]:
        expected = core.answer(option(expected, label).query, expected.state)
        await press_in_place(real, user, question, label)
        assert shows(question, expected), label
    expected = core.answer("ĐH", expected.state)  # typed, the way HR writes it: the ordinary free-text path
    real.api.send(user, "ĐH")
    [typed] = await new_messages(real, user, 1)
    assert shows(typed, expected)
    await real.api.wait_for(lambda: question.labels == [], what="the answered question to lose its buttons")
    expected = core.answer(option(expected, "Trung cấp").query, expected.state)
    await press_in_place(real, user, typed, "Trung cấp")
    assert shows(typed, expected)
    while expected.kind == "clarify":
        expected = core.answer(option(expected, "Bỏ qua").query, expected.state)
        if expected.kind == "clarify":
            await press_in_place(real, user, typed, "Bỏ qua")
            assert shows(typed, expected)
    real.api.press(user, typed, "Bỏ qua")
    [card] = await new_messages(real, user, 2)
    assert expected.kind == "answer" and "Kết quả kiểm tra" in card.text
    assert _squash(card.text) == _squash(parse_html(expected.html))
    assert card.labels[0] == "📜 Xem nguyên văn" and card.labels[-2:] == ["👍", "👎"]
    await real.api.wait_for(lambda: typed.labels == [], what="the last question to lose its buttons")


@pytest.mark.parametrize("data, name, mime", [(xlsx_bytes(), "danh_sach.xlsx", XLSX_MIME),
                                              (csv_bytes(), "danh_sach.csv", "text/csv")])
async def test_staff_list_upload_gives_the_summary_and_the_report(real, data, name, mime):
    user = 52
    before = len(real.api.outbox(user))
    update = real.api.send_document(user, data, name, mime)
    summary, report = await new_messages(real, user, before, 2)
    assert summary.text == check_upload(data, name).text
    assert summary.reply_to == update["message"]["message_id"]
    assert report.filename.endswith("_ket_qua_kiem_tra.xlsx")
    assert people_in_report(report.document) == NAMES  # as many people as sent, in order
    assert update["message"]["document"]["file_id"] in real.api.downloads


async def test_corrupt_xlsx_gets_the_vietnamese_error(real):
    user = 53
    real.api.send_document(user, CORRUPT_XLSX, "danh_sach.xlsx", XLSX_MIME)
    [reply] = await new_messages(real, user, 0)
    assert reply.text == MSG_CORRUPT and reply.document is None


async def test_oversize_file_is_refused_without_download(real):
    user = 54
    update = real.api.send_document(user, xlsx_bytes(), "lon.xlsx", XLSX_MIME, file_size=MAX_FILE_BYTES + 1)
    [reply] = await new_messages(real, user, 0)
    assert reply.text == roster.TOO_BIG
    file_id = update["message"]["document"]["file_id"]
    assert file_id not in real.api.downloads
    assert not any(m == "getFile" and p.get("file_id") == file_id for m, p in real.api.calls)


async def test_mau_sends_the_template(real):
    user = 55
    real.api.send(user, "/mau")
    [template] = await new_messages(real, user, 0)
    assert template.filename == roster.TEMPLATE_NAME and template.text == roster.TEMPLATE_CAPTION
    headers = [c.value for c in openpyxl.load_workbook(io.BytesIO(template.document))[DATA_SHEET][1]]
    assert headers[:2] == ["STT", "Họ và tên"]


async def test_nothing_uploaded_was_logged_and_no_rule_broken(real):
    log = real.bot.log
    assert "Calling Bot API endpoint `sendDocument`" in log  # the process logs at DEBUG
    assert "staff list checked: 3 people" in log
    for name in NAMES:
        assert name not in log
    assert real.api.errors == []
    assert real.api.token not in log
