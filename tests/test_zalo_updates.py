"""Reading Zalo updates (string ids, dates in ms), numbered options, and who a group message is for."""

from bot.reply import Option, Reply
from handlers.zalo.offers import ASK, QUOTE, numbered, picked_number, reply_offers, with_list
from handlers.zalo.turn import addressed
from handlers.zalo.updates import parse_update


def update(event="message.text.received", **message):
    base = {"message_id": "9f1c2b7a", "date": 1767225600123, "text": "chào",
            "chat": {"id": "c7e1", "chat_type": "PRIVATE"}, "from": {"id": "u42", "display_name": "An"}}
    return {"event_name": event, "message": {**base, **message}}


def test_a_text_message_is_read_with_its_ids_as_strings():
    msg = parse_update(update())
    assert (msg.message_id, msg.chat_id, msg.user_id, msg.text, msg.date_ms) == ("9f1c2b7a", "c7e1", "u42", "chào",
                                                                                 1767225600123)
    assert not msg.group
    assert msg.conversation_key == "zalo:c7e1:u42" and msg.user_key == "zalo:u42"


def test_groups_files_and_junk():
    assert parse_update(update(chat={"id": "g1", "chat_type": "GROUP"})).group
    assert parse_update(update("message.unsupported.received", text=None)).text == ""
    assert parse_update(update("message.reaction.received")) is None
    assert parse_update(update(message_id="")) is None
    assert parse_update(update(**{"from": {"id": "b1", "is_bot": True}})) is None
    assert parse_update({"event_name": "message.text.received", "message": "x"}) is None
    assert parse_update(["not", "an", "update"]) is None


def test_a_reply_offers_the_cores_options_then_the_verbatim_text():
    reply = Reply(kind="answer", intent="x", confidence=1, clauses=["A.1", "A.2"], text="t",
                  options=[Option(label="Một", query="q1")])
    offers = reply_offers(reply)
    assert [(o.kind, o.arg) for o in offers] == [(ASK, "q1"), (QUOTE, "A.1 A.2")]
    assert offers[1].label == "Xem nguyên văn các mục A.1, A.2"
    assert reply_offers(reply, quotes=False)[-1].kind == ASK
    assert with_list("t", offers) == "t\n\n" + numbered(offers)
    assert numbered(offers).splitlines()[1:] == ["1. Một", "2. Xem nguyên văn các mục A.1, A.2"]


def test_a_bare_small_number_is_a_pick_and_a_year_is_not():
    assert [picked_number(t) for t in ("2", " 3. ", "1)", "12", "2014", "2 cái", "")] == [2, 3, 1, 12, None, None, None]


def test_in_a_group_only_commands_and_messages_naming_the_bot_are_for_it():
    assert addressed("chuyên viên cần học gì", "kh39.bot") is None
    assert addressed("@kh39.bot chuyên viên cần học gì", "kh39.bot") == "chuyên viên cần học gì"
    assert addressed("KH39.BOT: 2", "kh39.bot") == "2"
    assert addressed("/vanban", "kh39.bot") == "/vanban"
    assert addressed("@kh39.bot", "kh39.bot") == ""
    assert addressed("hỏi kh39.botx đi", "kh39.bot") is None
