"""Button actions: intent and slot ids encoded as a short ASCII payload, decoded back, bad payloads refused."""

import pytest

from bot import core, menus
from bot.actions import MAX_PAYLOAD, Action, ActionError, decode, is_payload
from bot.reply import Option, State
from knowledge import default_kb

KB = default_kb()
INTENTS = [spec.name for spec in core.default_assistant().u.intents]


def _longest(ids) -> str:
    return max(ids, key=lambda i: len(i.encode()))


def _every_single_slot_action() -> list[Action]:
    """One action per id of the plan, with the longest intent name."""
    intent = _longest(INTENTS)
    actions = [Action(intent=i) for i in INTENTS]
    actions += [Action(intent=intent, grade=g.id) for g in KB.grades]
    actions += [Action(intent=intent, tier=t.id) for t in KB.tiers]
    actions += [Action(intent=intent, role=r.id) for r in KB.roles]
    actions += [Action(intent=intent, area=a.id) for a in KB.areas]
    actions += [Action(intent=intent, clause=c.id, item=max(len(c.items), 1)) for c in KB.clauses]
    actions += [Action(intent=intent, row=r.code, year=KB.document.period.end) for r in KB.annex.rows]
    actions += [Action(intent=intent, duty=d.id) for d in KB.responsibilities]
    return actions


def test_every_id_of_the_plan_round_trips_within_64_ascii_bytes():
    for action in _every_single_slot_action():
        payload = action.encode()
        assert payload.isascii() and len(payload.encode()) <= MAX_PAYLOAD, payload
        assert is_payload(payload) and decode(payload) == action


def test_the_combinations_buttons_use_fit_with_the_longest_ids():
    intent = _longest(INTENTS)
    grade, tier, role = _longest(g.id for g in KB.grades), _longest(t.id for t in KB.tiers), _longest(r.id for r in KB.roles)
    area = _longest(a.id for a in KB.areas)
    for action in [Action(intent=intent, grade=grade, tier=tier, area=area), Action(intent=intent, role=role, tier=tier),
                   Action(grade=grade, tier=tier, role=role)]:
        assert len(action.encode()) <= MAX_PAYLOAD and decode(action.encode()) == action


def test_a_clause_id_with_a_vietnamese_letter_is_percent_encoded():
    clause = next(c.id for c in KB.clauses if not c.id.isascii())
    payload = Action(intent="nguyen_van", clause=clause).encode()
    assert payload.isascii() and decode(payload).clause == clause


def test_an_option_with_an_action_sends_its_payload_and_survives_json():
    action = Action(intent="yeu_cau", grade=KB.grades[0].id)
    option = Option(label="Nhãn", action=action)
    assert option.query == action.encode()
    assert Option.model_validate_json(option.model_dump_json()) == option
    assert Option(label="Mục", query="II.1").action is None  # a channel menu's own id stays as it is


@pytest.mark.parametrize("payload", [
    "@", "@-", "@Yeu_cau", "@yeu_cau g=", "@yeu_cau g", "@yeu_cau x=1", "@yeu_cau g=a g=b", "@chi_tieu y=abc",
    "@nguyen_van c=%FF", "@yeu_cau  g=a", "@yeu_cau g=" + "a" * 70, "", "yeu_cau g=a",
])
def test_malformed_payloads_are_refused(payload):
    with pytest.raises(ActionError) as refused:
        decode(payload)
    assert "Bạn hãy gõ câu hỏi" in str(refused.value)


def test_a_mention_followed_by_words_is_a_message_not_a_payload():
    assert not is_payload("@ban_hoi chuyên viên cần học gì")
    assert not is_payload("@ t=xa chuyên viên")
    assert is_payload("@yeu_cau g=chuyen_vien t=xa") and is_payload("  @van_ban ")


@pytest.mark.parametrize("payload", [
    "@khong_co_y_dinh", "@yeu_cau g=khong_co", "@yeu_cau t=khong_co", "@yeu_cau r=khong_co", "@yeu_cau a=khong_co",
    "@nguyen_van c=IX.9", "@noi_dung c=II.1.c i=99", "@noi_dung i=1", "@chi_tieu w=ZZ", "@noi_dung d=khong_co",
    "@chi_tieu w=TONG y=1990", "@-", "@yeu_cau g=a g=b",
])
def test_a_bad_or_unknown_payload_gets_a_vietnamese_message_from_the_core(payload):
    reply = core.answer(payload, State(grade="chuyen_vien"))
    assert reply.kind == "fallback" and not reply.clauses
    assert "Lựa chọn này" in reply.text and reply.state.grade == "chuyen_vien"


def test_every_option_the_core_offers_is_a_payload_within_64_bytes():
    assistant = core.default_assistant()
    offered = list(assistant.decider.menus.options())
    for question in ["tôi cần học gì", "ngạch của tôi cần gì", "mục tiêu của tôi là gì", "nguyên văn mục IX.9"]:
        offered += core.answer(question, State()).options
    reply = core.answer("Chuyên viên cấp huyện cần học những gì?", State())
    offered += menus.related_options(reply)
    offered += menus.related_options(core.requirements_reply(None, KB.tiers[-1].id, State()))
    assert len(offered) > 20
    for option in offered:
        assert option.action is not None and option.query == option.action.encode(), option
        assert len(option.query.encode()) <= MAX_PAYLOAD
