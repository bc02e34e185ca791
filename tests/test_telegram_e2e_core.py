"""End to end with the real core: what the user receives on Telegram is exactly what bot.core replies."""

import json
from pathlib import Path

import pytest
from telegram_server.api import Chat
from telegram_server.fixtures import real  # noqa: F401 - fixture
from telegram_server.html_check import parse_html

from bot import core, menus
from bot.reply import Reply, State

pytestmark = pytest.mark.asyncio(loop_scope="module")
DEV = Path("/work/shared/eval/dev.jsonl")


def _squash(text: str) -> str:
    return "".join(text.split())


def assert_shows(received, reply: Reply) -> None:
    """The messages carry the reply's whole text, as valid HTML, with the reply's options as buttons."""
    assert _squash("".join(m.text for m in received)) == _squash(parse_html(reply.html))
    labels = received[-1].labels
    assert labels[: len(reply.options)] == [o.label for o in reply.options]
    verbatim = reply.intent == core.quote_clause("II.1.b").intent
    assert ("📜 Xem nguyên văn" in labels) == (reply.kind == "answer" and bool(reply.clauses) and not verbatim)


async def ask(harness, user: int, text: str, expect: int = 1):
    before = len(harness.api.outbox(user))
    harness.api.send(user, text)
    return (await harness.api.replies(user, before + expect))[before:]


async def press(harness, user: int, message, label: str, expect: int = 1):
    before = len(harness.api.outbox(user))
    harness.api.press(user, message, label)
    return (await harness.api.replies(user, before + expect))[before:]


async def test_start_asks_tier_and_grade_and_the_core_remembers_them(real):
    greeting, picker = await ask(real, 31, "/start", expect=2)
    assert picker.labels == [o.label for o in core.tier_options()]
    grade, tier = core.grade_options()[1], core.tier_options()[1]
    real.api.press(31, picker, tier.label)
    await real.api.wait_for(lambda: picker.edits == 1, what="the grade question")
    assert picker.labels == [o.label for o in core.grade_options()]
    chosen = core.requirements_reply(grade.query, tier.query, State())
    assert_shows(await press(real, 31, picker, grade.label), chosen)
    follow_up = "cần học quản lý nhà nước gì?"
    assert_shows(await ask(real, 31, follow_up), core.answer(follow_up, chosen.state))


async def test_commune_path_asks_the_role_and_the_ethnic_area(real):
    [picker] = await ask(real, 41, "/ngach")
    commune = core.tier_options()[-1]
    real.api.press(41, picker, commune.label)
    await real.api.wait_for(lambda: picker.edits == 1, what="the role question")
    roles = menus.role_options(commune.query)
    assert picker.labels == [o.label for o in roles] and len(roles) == 5
    role = next(o for o in roles if menus.ethnic_question(o.query))
    real.api.press(41, picker, role.label)
    await real.api.wait_for(lambda: picker.edits == 2, what="the ethnic-area question")
    assert "Khmer" in picker.text and picker.labels == ["Có", "Không"]
    answer, ethnic = await press(real, 41, picker, "Có", expect=2)
    assert_shows([answer], core.answer(menus.role_question(role.query, commune.query), State()))
    assert "Khmer" in ethnic.text and "II.2.b" in ethnic.text


async def test_related_question_buttons_follow_an_answer(real):
    question = "Chuyên viên cấp huyện cần học những gì?"
    reply = core.answer(question, State())
    [answer] = await ask(real, 42, question)
    related = menus.related_options(reply)
    assert {"LLCT", "QLNN", "Tin học", "Cấp xã"} <= {o.label for o in related} <= set(answer.labels)
    llct = next(o for o in related if o.label == "LLCT")
    assert_shows(await press(real, 42, answer, "LLCT"), core.answer(llct.query, reply.state))


async def test_dieu_table_of_contents_reaches_every_clause(real):
    [toc] = await ask(real, 43, "/dieu")
    reached = set()
    for part in menus.table_of_contents():
        label = next(b for b in toc.labels if b.startswith(f"{part.id} ·"))
        if not part.clauses:
            [quote] = await press(real, 43, toc, label)
            reached.add(part.id)
            continue
        edits = toc.edits
        real.api.press(43, toc, label)
        await real.api.wait_for(lambda: toc.edits > edits, what=f"the clauses of {part.id}")
        for option in part.clauses:
            [quote] = await press(real, 43, toc, option.label[:20])
            assert _squash(quote.text) == _squash(parse_html(core.quote_clause(option.query).html))
            reached.add(option.query)
        edits = toc.edits
        real.api.press(43, toc, "Mục lục")
        await real.api.wait_for(lambda: toc.edits > edits, what="the table of contents again")
    top = {c for c in menus.clause_ids() if "." not in c and menus.section(c).clauses}
    assert reached | top == set(menus.clause_ids())


async def test_a_quote_asked_in_words_has_no_quote_button(real):
    question = "nguyên văn mục II.1.b"
    reply = core.answer(question, State())
    [quote] = await ask(real, 46, question)
    assert_shows([quote], reply)
    assert "📜 Xem nguyên văn" not in quote.labels


async def test_unknown_dieu_id_shows_the_table_of_contents(real):
    [toc] = await ask(real, 44, "/dieu CC.9")
    assert toc.text.startswith("Không có mục «CC.9»") and any(b.startswith("PL ·") for b in toc.labels)


async def test_kiemtra_age_step_has_two_buttons(real):
    [question] = await ask(real, 45, "/kiemtra")
    real.api.press(45, question, core.tier_options()[0].label)
    for _ in range(10):
        edits = question.edits
        if "Dưới 35" in question.labels:
            break
        real.api.press(45, question, "Bỏ qua")
        await real.api.wait_for(lambda: question.edits > edits, what="the next step")
    assert question.labels[:2] == ["Dưới 35", "Từ 35 trở lên"]
    edits = question.edits
    real.api.press(45, question, "Dưới 35")
    await real.api.wait_for(lambda: question.edits > edits, what="the step after the age")
    assert "Dưới 35" not in question.labels and "Có" in question.labels


async def test_question_then_follow_up_use_the_stored_state(real):
    first_q, second_q = "tôi là chuyên viên chính", "cần học lý luận chính trị gì?"
    first = core.answer(first_q, State())
    assert_shows(await ask(real, 32, first_q), first)
    assert_shows(await ask(real, 32, second_q), core.answer(second_q, first.state))


async def test_answer_offers_its_clauses_verbatim(real):
    question = "Chuyên viên cấp huyện cần học những gì?"
    reply = core.answer(question, State())
    [answer] = await ask(real, 33, question)
    assert_shows([answer], reply)
    clause = reply.clauses[0]
    if len(reply.clauses) > 1:
        real.api.press(33, answer, "Xem nguyên văn")
        await real.api.wait_for(lambda: f"📜 Mục {clause}" in answer.labels, what="the clause choice")
        label = f"Mục {clause}"
    else:
        label = "Xem nguyên văn"
    quoted = await press(real, 33, answer, label)
    assert _squash("".join(m.text for m in quoted)) == _squash(parse_html(core.quote_clause(clause, reply.state).html))


async def test_clarify_button_gives_the_cores_answer(real):
    questions = [json.loads(line)["q"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    vague = next((q for q in questions if core.answer(q, State()).kind == "clarify"), None)
    if vague is None:
        pytest.skip("the core asks back on none of the public questions")
    reply = core.answer(vague, State())
    [question] = await ask(real, 34, vague)
    assert_shows([question], reply)
    option = reply.options[0]
    assert_shows(await press(real, 34, question, option.label), core.answer(option.query, reply.state))


async def test_commands_carry_the_cores_replies(real):
    for command, reply in [("/vanban", core.document_reply(State())), ("/dieu II.1.đ", core.quote_clause("II.1.đ")),
                           ("/timkiem tin học", core.search_plan("tin học"))]:
        received = await ask(real, 35, command)
        assert _squash("".join(m.text for m in received)) == _squash(parse_html(reply.html)), command


async def test_chitieu_gives_the_annex_and_its_chart(real):
    before = len(real.api.outbox(36))
    real.api.send(36, "/chitieu")
    text, chart = (await real.api.replies(36, before + 2, timeout=30))[before:]
    assert _squash(text.text) == _squash(parse_html(core.annex_reply(State()).html))
    assert "25.950" in text.text and chart.photo.startswith(b"\x89PNG")


async def test_ngach_buttons_give_requirements_of_grade_and_tier(real):
    [picker] = await ask(real, 37, "/ngach")
    grade, tier = core.grade_options()[0], core.tier_options()[1]
    real.api.press(37, picker, tier.label)
    await real.api.wait_for(lambda: picker.edits == 1, what="the grade question")
    received = await press(real, 37, picker, grade.label)
    assert_shows(received, core.requirements_reply(grade.query, tier.query, State()))


async def test_html_unsafe_question_is_answered_safely(real):
    question = "<b>& là gì?"
    assert_shows(await ask(real, 38, question), core.answer(question, State()))


async def test_group_chatter_is_left_alone(real):
    group = Chat(-300, "group", "Tổ chức")
    real.api.send(39, "chuyên viên cần học gì", chat=group)
    real.api.send(39, "@kh39_bot chuyên viên cần học gì", chat=group)
    await real.api.replies(group.id, 1)
    await real.api.drained()
    assert len(real.api.outbox(group.id)) == 1


async def test_no_reply_broke_a_telegram_rule(real):
    assert real.api.errors == []
    assert real.api.token not in real.bot.log


async def test_a_pressed_option_sends_a_short_action_and_answers_as_its_words(real):
    question = "tôi cần học gì"
    offered = core.answer(question, State())
    [menu] = await ask(real, 48, question)
    assert_shows([menu], offered)
    option = next(o for o in offered.options if o.label == "Chuyên viên")
    assert option.query.startswith("@") and len(option.query.encode()) <= 64
    assert_shows(await press(real, 48, menu, option.label), core.answer("chuyên viên", offered.state))


async def test_the_second_reading_button_rereads_the_question_with_its_intent(real):
    question = "toelf bao nhieu diem thi du dieu kien dao tao tien si theo ke hoach"  # dev.jsonl: two readings
    first = core.answer(question, State())
    [answer] = await ask(real, 49, question)
    assert_shows([answer], first)
    other = first.options[-1]
    assert other.query == f"@{other.action.intent}"  # the button carries the intent only
    assistant = core.default_assistant()
    forced = assistant.decider.decide(assistant.u.analyze(question), State(), forced=other.action.intent)
    [pressed] = await press(real, 49, answer, other.label)
    assert _squash(pressed.text) == _squash(parse_html(core.answer(other.query, first.state).html))
    assert all(c in pressed.text for c in forced.clauses)


async def test_help_examples_are_the_cores_suggestions_and_answer_from_their_actions(real):
    [help_message] = await ask(real, 50, "/help")
    suggestions = menus.suggestions()
    assert help_message.labels == [o.label for o in suggestions]
    figures = next(o for o in suggestions if o.action.row)
    assert_shows(await press(real, 50, help_message, figures.label), core.answer(figures.query, State()))
