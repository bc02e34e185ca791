"""A pressed button (an action payload) gets the answer its words would get, decided from ids, not a sentence."""

import pytest

from bot import core, menus
from bot.reply import State

# (a message that offers options, the label pressed, the same choice asked in words, in the state of that message)
SAME_AS_WORDS = [
    ("xin chào", "Chuyên viên cần học gì?", "chuyên viên cần học gì"),
    ("xin chào", "Công chức cấp xã cần gì?", "công chức cấp xã cần học gì"),
    ("xin chào", "Tổng số người được đào tạo?", "tổng số người được đào tạo bồi dưỡng"),
    ("xin chào", "Hạn gửi kế hoạch?", "các sở ngành gửi kế hoạch đào tạo về Sở Nội vụ khi nào"),
    ("tôi cần học gì", "Chuyên viên", "chuyên viên"),
    ("tôi cần học gì", "Công chức cấp xã", "công chức cấp xã"),
    ("hạn nộp là khi nào", "Tiền công vụ", "học tiền công vụ khi nào"),
    ("ngạch của tôi cần gì", "Chuyên viên chính", "chuyên viên chính"),
    ("tôi cần bồi dưỡng lý luận chính trị gì", "Cán sự", "cán sự"),
    ("mục tiêu của tôi là gì", "Cấp xã", "cấp xã"),
]
AMBIGUOUS = "toelf bao nhieu diem thi du dieu kien dao tao tien si theo ke hoach"  # dev.jsonl: two readings


def _squash(text: str) -> str:
    return "".join(text.split())


def _option(reply, label: str):
    return next(o for o in reply.options if o.label == label)


@pytest.mark.parametrize("first, label, words", SAME_AS_WORDS)
def test_a_pressed_option_answers_as_its_words_do(first, label, words):
    offered = core.answer(first, State())
    option = _option(offered, label)
    assert option.query.startswith("@") and option.action is not None
    pressed, typed = core.answer(option.query, offered.state), core.answer(words, offered.state)
    assert (pressed.kind, pressed.intent, pressed.clauses) == (typed.kind, typed.intent, typed.clauses)
    assert _squash(pressed.text) == _squash(typed.text)


def test_every_menu_option_gets_an_answer_of_its_intent():
    for option in core.default_assistant().decider.menus.options():
        reply = core.answer(option.query, State())
        assert reply.kind == "answer" and reply.intent == option.action.intent and reply.clauses, option


def test_the_second_reading_carries_only_the_intent_and_rereads_the_kept_message():
    first = core.answer(AMBIGUOUS, State())
    labels = {spec.label: spec.name for spec in core.default_assistant().u.intents}
    other = next(o for o in first.options if o.label in labels)
    assert other.query == f"@{labels[other.label]}" and first.state.reread == AMBIGUOUS
    pressed = core.answer(other.query, first.state)
    assistant = core.default_assistant()
    forced = assistant.decider.decide(assistant.u.analyze(AMBIGUOUS), State(), forced=labels[other.label])
    assert pressed.intent == forced.intent and pressed.clauses == forced.clauses and pressed.kind == "answer"
    assert pressed.state.reread is None


def test_a_second_reading_pressed_after_another_question_is_refused_in_vietnamese():
    first = core.answer(AMBIGUOUS, State())
    other = first.options[-1]
    later = core.answer("chuyên viên cần học gì", first.state)
    assert later.state.reread is None
    stale = core.answer(other.query, later.state)
    assert stale.kind == "fallback" and "câu hỏi trước" in stale.text


def test_a_clause_choice_quotes_the_clause():
    offered = core.answer("nguyên văn mục IX.9", State())
    assert offered.kind == "clarify" and offered.options
    for option in offered.options[:3]:
        assert _squash(core.answer(option.query, offered.state).text) == _squash(core.quote_clause(option.label).text)


def test_related_options_answer_as_their_labels_typed_after_the_answer():
    reply = core.answer("Chuyên viên cấp huyện cần học những gì?", State())
    related = menus.related_options(reply)
    assert len(related) >= 4
    for option in related:
        pressed, typed = core.answer(option.query, reply.state), core.answer(option.label, reply.state)
        assert _squash(pressed.text) == _squash(typed.text), option.label


def test_a_commune_role_choice_answers_for_that_role():
    commune = core.tier_options()[-1].query
    for option in menus.role_options(commune):
        reply = core.answer(menus.role_question(option.query, commune), State())
        assert reply.kind == "answer" and reply.state.role == option.query and reply.clauses


def test_a_payload_pressed_during_the_check_dialog_ends_it_and_answers():
    started = core.start_check(State())
    assert started.state.check is not None
    option = core.default_assistant().decider.menus.suggestions[0]
    reply = core.answer(option.query, started.state)
    assert reply.kind == "answer" and reply.state.check is None


def test_every_askback_option_names_ids_of_the_plan_so_none_is_dropped():
    import yaml

    from bot.askback import MENUS_FILE

    raw = yaml.safe_load(MENUS_FILE.read_text(encoding="utf-8"))
    written = sum(len(m["options"]) for m in raw["menus"]) + len(raw["greeting"]["suggestions"])
    assert len(core.default_assistant().decider.menus.options()) == written


def test_the_console_picks_an_option_by_number_and_answers_as_its_words():
    import io

    from handlers.console import run_console

    offered = core.answer("tôi cần học gì", State())
    number = [o.label for o in offered.options].index("Chuyên viên") + 1
    out = io.StringIO()
    run_console(io.StringIO(f"tôi cần học gì\n{number}\n"), out)
    assert core.answer("chuyên viên", offered.state).text in out.getvalue()
