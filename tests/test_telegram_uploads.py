"""Staff lists in the Telegram channel, in process: uploads (summary and XLSX report, refusals before any
download, nothing logged or stored), /mau, and the HR commands in /help and the menu."""

import io
import logging
import sqlite3

import openpyxl
from telegram_server.api import Chat
from telegram_server.fixtures import inproc  # noqa: F401 - fixture
from telegram_server.staff import CORRUPT_XLSX, NAMES, csv_bytes, people_in_report, xlsx_bytes

from roster.reader import MAX_FILE_BYTES, MSG_CORRUPT
from roster.template import DATA_SHEET
from handlers.telegram import ask, errors, roster
from handlers.telegram.app import commands

GROUP = Chat(-100, "group", "Phòng Nội vụ")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def calls(api, method: str) -> int:
    return sum(1 for m, _ in api.calls if m == method)


async def test_xlsx_upload_gives_a_summary_and_a_report(inproc):
    api = inproc.api
    update = api.send_document(5, xlsx_bytes(), "danh_sach.xlsx", XLSX_MIME)
    await inproc.feed(update)
    summary, report = api.outbox(5)
    assert summary.text.startswith("Đọc 3 người") and summary.reply_to == update["message"]["message_id"]
    assert report.filename == "danh_sach_ket_qua_kiem_tra.xlsx" and report.text == roster.REPORT_CAPTION
    assert people_in_report(report.document) == NAMES
    assert any(m == "sendChatAction" and p.get("action") == "upload_document" for m, p in api.calls)


async def test_csv_upload_gives_a_summary_and_a_report(inproc):
    api = inproc.api
    await inproc.feed(api.send_document(5, csv_bytes(), "ds.csv", "text/csv"))
    summary, report = api.outbox(5)
    assert summary.text.startswith("Đọc 3 người")
    assert people_in_report(report.document) == NAMES


async def test_corrupt_xlsx_gets_the_readers_message(inproc):
    await inproc.feed(inproc.api.send_document(5, CORRUPT_XLSX, "ds.xlsx", XLSX_MIME))
    [reply] = inproc.api.outbox(5)
    assert reply.text == MSG_CORRUPT


async def test_oversize_file_is_refused_without_downloading(inproc):
    api = inproc.api
    await inproc.feed(api.send_document(5, xlsx_bytes(), "ds.xlsx", XLSX_MIME, file_size=MAX_FILE_BYTES + 1))
    [reply] = api.outbox(5)
    assert reply.text == roster.TOO_BIG
    assert calls(api, "getFile") == 0 and api.downloads == []


async def test_wrong_type_is_refused_without_downloading(inproc):
    api = inproc.api
    await inproc.feed(api.send_document(5, b"%PDF-1.4", "quyet_dinh.pdf", "application/pdf"))
    await inproc.feed(api.send_document(5, b"\x89PNG", None, "image/png"))
    assert [m.text for m in api.outbox(5)] == [roster.WRONG_TYPE] * 2
    assert calls(api, "getFile") == 0 and api.downloads == []


async def test_file_without_a_name_is_judged_by_its_mime_type(inproc):
    await inproc.feed(inproc.api.send_document(5, csv_bytes(), None, "text/csv"))
    assert inproc.api.outbox(5)[0].text.startswith("Đọc 3 người")


async def test_uploaded_people_are_neither_logged_nor_stored(inproc, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    await inproc.feed(inproc.api.send_document(5, xlsx_bytes(), "ds.xlsx", XLSX_MIME))
    await inproc.feed(inproc.api.send_document(5, csv_bytes(), "ds.csv", "text/csv"))
    assert len(inproc.api.outbox(5)) == 4
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "Calling Bot API endpoint `sendDocument`" in logged  # DEBUG really was captured
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("assistant.sqlite3*"))
    for name in NAMES:
        assert name not in logged
        assert name.encode() not in stored
    db = sqlite3.connect(tmp_path / "assistant.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM questions").fetchone() == (0,)
    assert db.execute("SELECT COUNT(*) FROM conversations").fetchone() == (0,)


async def test_unexpected_failure_apologises_without_logging_the_file(inproc, caplog, monkeypatch):
    def broken(data: bytes, filename: str):
        raise RuntimeError(f"cannot handle {NAMES[0]}")

    monkeypatch.setattr(roster, "check_upload", broken)
    caplog.set_level(logging.DEBUG)
    await inproc.feed(inproc.api.send_document(5, xlsx_bytes(), "ds.xlsx", XLSX_MIME))
    assert [m.text for m in inproc.api.outbox(5)] == [errors.SORRY]
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "RuntimeError" in logged and NAMES[0] not in logged


async def test_group_file_is_checked_only_when_addressed(inproc):
    api = inproc.api
    await inproc.feed(api.send_document(1, csv_bytes(), "ds.csv", "text/csv", chat=GROUP))
    await inproc.feed(api.send_document(1, csv_bytes(), "ds.csv", "text/csv", chat=GROUP, caption="gửi @other_bot"))
    assert api.outbox(GROUP.id) == [] and api.downloads == []
    update = api.send_document(1, csv_bytes(), "ds.csv", "text/csv", chat=GROUP, caption="@kh39_bot kiểm tra giúp")
    await inproc.feed(update)
    summary, report = api.outbox(GROUP.id)
    assert summary.reply_to == update["message"]["message_id"] and people_in_report(report.document) == NAMES


async def test_photos_still_get_the_text_only_reply(inproc):
    update = inproc.api.send(5, "x")
    message = update["message"]
    del message["text"]
    message["photo"] = [{"file_id": "p1", "file_unique_id": "up1", "width": 10, "height": 10}]
    await inproc.feed(update)
    assert inproc.api.outbox(5)[0].text == ask.NOT_TEXT


# ---- /mau, /help, menu ----------------------------------------------------------------------------------------


async def test_mau_sends_the_template(inproc):
    await inproc.feed(inproc.api.send(5, "/mau"))
    [template] = inproc.api.outbox(5)
    assert template.filename == roster.TEMPLATE_NAME and template.text == roster.TEMPLATE_CAPTION
    wb = openpyxl.load_workbook(io.BytesIO(template.document))
    headers = [c.value for c in wb[DATA_SHEET][1]]
    assert "Họ và tên" in headers and "Lý luận chính trị" in headers


async def test_help_and_menu_name_the_hr_commands(inproc):
    await inproc.feed(inproc.api.send(5, "/help"))
    text = inproc.api.outbox(5)[0].text
    assert "/kiemtra" in text and "/mau" in text and ".xlsx" in text and ".csv" in text
    menu = {c.command: c.description for c in commands()}
    assert menu["kiemtra"] and menu["mau"]
    assert list(menu).index("mau") < list(menu).index("quen")
