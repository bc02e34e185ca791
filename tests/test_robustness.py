"""Any input gets a valid reply, never a traceback."""

import json

import pytest

from bot.core import answer, quote_clause, search_plan
from bot.reply import Reply, State

NASTY = [
    "",
    "   ",
    "\x00\x01\x02\x1b[31m",
    "\u202e\u200f\u2066 chuyên viên \u2069",
    "😀😀😀🇻🇳",
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% for x in y %}",
    "<b>chuyên viên</b> & cán sự",
    "a" * 20000,
    "chuyên viên " * 3000,
    "II.1.z nguyên văn",
    "%%%%%",
    "\ud800" if False else "\uffff\ufffe",
    "1" * 500,
    "nguyên văn",
    "/dieu",
]


@pytest.mark.parametrize("text", NASTY)
def test_nasty_input_gets_a_valid_reply(text):
    reply = answer(text, State())
    assert isinstance(reply, Reply)
    assert reply.kind in ("answer", "clarify", "fallback")
    assert reply.text.strip()
    assert len(reply.text) < 4000
    json.dumps(reply.contract(), ensure_ascii=False)
    assert "49" not in reply.text or "49" in text


@pytest.mark.parametrize("text", NASTY)
def test_nasty_input_to_commands(text):
    assert quote_clause(text).kind in ("answer", "clarify")
    assert search_plan(text).kind in ("answer", "fallback")


def test_non_string_input_is_handled():
    assert answer(None).kind in ("clarify", "fallback", "answer")  # type: ignore[arg-type]


def test_an_internal_error_becomes_a_polite_fallback(monkeypatch, caplog):
    from bot.core import default_assistant

    assistant = default_assistant()

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(assistant.decider, "decide", broken)
    reply = assistant.answer("chuyên viên Nguyễn Văn Bí mật cần gì", State())
    assert reply.kind == "fallback" and "Xin lỗi" in reply.text
    assert "Bí mật" not in caplog.text  # the message itself is never logged
