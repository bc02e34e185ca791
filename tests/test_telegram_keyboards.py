"""Inline keyboards: short callback_data, one stored row per action, owners and item indexes read back."""

from bot import core
from bot.reply import State
from handlers.store import Store
from handlers.telegram.keyboards import Pressed, buttons, callback_data, mixed, parse_data, reply_markup


def test_callback_data_round_trips_id_index_and_owner():
    for pressed in [Pressed(12), Pressed(12, owner=42), Pressed(12, index=3), Pressed(7, owner=-5, index=0)]:
        data = callback_data(pressed.button_id, pressed.owner, pressed.index)
        assert parse_data(data) == pressed and len(data.encode()) <= 64
    assert parse_data("x12") is None and parse_data("b1.xu2") is None and parse_data(None) is None


def test_buttons_of_one_action_share_one_stored_row(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    made = buttons(store, [("A", "first"), ("B", "second")], "ask")
    [a, b] = [parse_data(x.callback_data) for x in made]
    assert a.button_id == b.button_id
    stored = store.button(a.button_id)
    assert (a.argument(stored.arg), b.argument(stored.arg)) == ("first", "second")
    assert Pressed(a.button_id, index=5).argument(stored.arg) is None


def test_mixed_keeps_the_order_with_one_row_per_action(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    made = mixed(store, [("1", "toc", "I"), ("2", "quote", "CC"), ("3", "toc", "II")])
    assert [b.text for b in made] == ["1", "2", "3"]
    assert len({parse_data(b.callback_data).button_id for b in made}) == 2


def test_an_answer_keyboard_costs_a_few_rows_not_one_per_button(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    reply = core.requirements_reply("chuyen_vien", "huyen", State())
    markup = reply_markup(store, reply)
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert "📜 Xem nguyên văn" in labels and "LLCT" in labels and labels[-2:] == ["👍", "👎"]
    ids = {parse_data(b.callback_data).button_id for row in markup.inline_keyboard for b in row}
    assert len(ids) == 3 < len(labels)


def test_an_options_stored_argument_is_its_short_action_payload(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    offered = core.answer("tôi cần học gì", State())
    markup = reply_markup(store, offered)
    pressed = [parse_data(b.callback_data) for row in markup.inline_keyboard for b in row][: len(offered.options)]
    stored = [p.argument(store.button(p.button_id).arg) for p in pressed]
    assert stored == [o.query for o in offered.options]
    assert all(arg.startswith("@") and len(arg.encode()) <= 64 for arg in stored)
