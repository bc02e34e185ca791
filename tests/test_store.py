"""Store: states survive reopening, /quen forgets, questions are logged with a salted hash only."""

import sqlite3

from bot.reply import State
from handlers.store import Button, Retention, Store


def test_state_round_trips_and_survives_reopening(tmp_path):
    path = tmp_path / "t.sqlite3"
    store = Store(path)
    store.save_state(7, State(grade="chuyen_vien", tier="huyen"))
    store.save_state(7, State(grade="chuyen_vien", tier="xa"))
    # no close(): each write is already committed, as after kill -9
    again = Store(path)
    assert again.load_state(7) == State(grade="chuyen_vien", tier="xa")
    assert again.load_state(8) == State()


def test_database_uses_write_ahead_log(tmp_path):
    Store(tmp_path / "t.sqlite3")
    mode = sqlite3.connect(tmp_path / "t.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_forget_user_removes_state_and_their_questions(tmp_path):
    store = Store(tmp_path / "t.sqlite3")
    store.save_state(7, State(grade="can_su"))
    store.log_unanswered(7, "câu hỏi của tôi", "unknown")
    store.log_unanswered(8, "câu hỏi người khác", "unknown")
    store.forget_user(7)
    assert store.load_state(7) == State()
    assert [text for text, _ in store.top_unanswered()] == ["câu hỏi người khác"]


def test_unanswered_questions_keep_only_a_salted_hash(tmp_path):
    path = tmp_path / "t.sqlite3"
    store = Store(path)
    store.log_unanswered(123456789, "lương bao nhiêu", "ngoai_pham_vi")
    rows = sqlite3.connect(path).execute("SELECT * FROM unanswered").fetchall()
    assert "123456789" not in repr(rows)
    assert Store(path).user_hash(123456789) == store.user_hash(123456789)  # stable salt across restarts
    assert store.user_hash(1) != store.user_hash(2)
    assert Store(tmp_path / "other.sqlite3").user_hash(123456789) != store.user_hash(123456789)


def test_counts_by_intent_and_top_unanswered(tmp_path):
    store = Store(tmp_path / "t.sqlite3")
    for intent in ["yeu_cau", "yeu_cau", "chi_tieu", "ngoai_pham_vi"]:
        store.log_question(intent, "answer")
    for user, text in [(1, "Lương?"), (2, "lương?"), (3, "nghỉ phép")]:
        store.log_unanswered(user, text, "ngoai_pham_vi")
    assert store.intent_counts()[0] == ("yeu_cau", 2)
    top = store.top_unanswered(5)
    assert top[0][1] == 2 and top[0][0].lower() == "lương?"
    assert top[1] == ("nghỉ phép", 1)


def test_buttons_map_short_ids_to_actions_and_expire(tmp_path):
    store = Store(tmp_path / "t.sqlite3")
    first = store.add_button("quote", "II.1.đ")
    assert store.button(first).arg == "II.1.đ"
    assert store.button(first + 1000) is None
    assert store.prune(Retention(buttons=-1))["buttons"] == 1
    assert store.button(first) is None


def test_conversations_of_one_user_are_kept_apart_and_forgotten_together(tmp_path):
    store = Store(tmp_path / "t.sqlite3")
    store.save_state("telegram:private:7", State(grade="can_su"), user_key="telegram:7")
    store.save_state("telegram:group:-100:7", State(grade="chuyen_vien"), user_key="telegram:7")
    store.save_state("zalo:u7:u7", State(grade="chuyen_vien_chinh"), user_key="zalo:u7")
    assert store.load_state("telegram:private:7").grade == "can_su"
    assert store.load_state("telegram:group:-100:7").grade == "chuyen_vien"
    store.forget_user("telegram:7")
    assert store.load_state("telegram:private:7") == State()
    assert store.load_state("telegram:group:-100:7") == State()
    assert store.load_state("zalo:u7:u7").grade == "chuyen_vien_chinh"


def test_message_ids_are_seen_once_per_channel(tmp_path):
    store = Store(tmp_path / "t.sqlite3")
    assert store.first_time(5) and not store.first_time(5)
    assert store.first_time("5", channel="zalo") and not store.first_time("5", channel="zalo")


def test_feedback_is_counted_by_intent_without_the_user(tmp_path):
    path = tmp_path / "t.sqlite3"
    store = Store(path)
    store.log_feedback("telegram:987654321", "yeu_cau", ["II.1.b"], 1)
    store.log_feedback("zalo:9", "yeu_cau", ["II.1.b"], -1)
    store.log_feedback("zalo:9", "chi_tieu", ["PL"], 1)
    assert store.feedback_counts() == [("yeu_cau", 1, 1), ("chi_tieu", 1, 0)]
    assert "987654321" not in repr(sqlite3.connect(path).execute("SELECT * FROM feedback").fetchall())


def test_prune_removes_only_rows_past_their_retention(tmp_path):
    store = Store(tmp_path / "t.sqlite3")
    store.save_state("k", State(grade="can_su"))
    store.log_question("yeu_cau", "answer")
    removed = store.prune(Retention(questions=-1))
    assert removed["questions"] == 1 and removed["conversations"] == 0
    assert store.load_state("k").grade == "can_su"


def test_numbered_offers_are_kept_per_conversation_and_forgotten_with_the_user(tmp_path):
    path = tmp_path / "t.sqlite3"
    store = Store(path)
    store.save_offers("zalo:c1:u1", [Button("ask", "câu hỏi"), Button("quote", "II.1.b")], user_key="zalo:u1")
    store.save_offers("zalo:c2:u2", [Button("ask", "khác")], user_key="zalo:u2")
    assert Store(path).offers("zalo:c1:u1") == [Button("ask", "câu hỏi"), Button("quote", "II.1.b")]
    store.save_offers("zalo:c2:u2", [])
    assert store.offers("zalo:c2:u2") == []
    store.forget_user("zalo:u1")
    assert store.offers("zalo:c1:u1") == []
    store.save_offers("k", [Button("ask", "q")])
    assert store.prune(Retention(conversations=-1))["offers"] == 1
