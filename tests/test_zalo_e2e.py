"""End to end over HTTP: the real bot process (python -m bot, ZALO_BOT_TOKEN set) polling the fake Zalo Bot API,
with the real core; each expected reply is computed by the core itself in the test."""

import re

import pytest
from zalo_server.fixtures import ADMIN_ID
from zalo_server.fixtures import zalo  # noqa: F401 - fixture

from bot import core, menus
from bot.reply import Reply, State
from handlers.zalo import texts
from handlers.zalo.offers import PICK_HEADER
from handlers.zalo.split import split_text

pytestmark = pytest.mark.asyncio(loop_scope="module")
VAGUE = ["tôi cần học gì", "em phải có bằng gì ạ", "tôi phải học lớp QLNN nào", "mình cần bổ sung những tiêu chuẩn nào"]
LIST_LINE = re.compile(r"^(\d+)\. (.+)$")


def listed(text: str) -> list[str]:
    """The labels of the numbered list that ends a message."""
    _, _, tail = text.rpartition(PICK_HEADER)
    return [m.group(2) for line in tail.splitlines() if (m := LIST_LINE.match(line))]


def body(text: str) -> str:
    """A message without its numbered list."""
    return text.split(f"\n\n{PICK_HEADER}")[0]


def joined(messages) -> str:
    return "\n".join(m.text for m in messages)


async def test_a_question_gets_the_cores_text_with_typing_first_and_no_html(zalo):
    question = "chuyên viên cần học gì"
    reply = core.answer(question, State())
    [message] = await zalo.ask("u100", question)
    assert body(message.text) == reply.text.strip()
    assert "<b>" not in message.text and "<i>" not in message.text
    methods = [m for m, p in zalo.api.calls if p.get("chat_id") == "u100"]
    assert methods == ["sendChatAction", "sendMessage"]
    assert zalo.api.method_calls("sendChatAction")[-1]["action"] == "typing"
    assert listed(message.text)[-1].startswith("Xem nguyên văn")


async def test_a_vague_question_offers_numbered_options_and_a_number_picks_one(zalo):
    question = next(q for q in VAGUE if len(core.answer(q, State()).options) >= 2)
    asked = core.answer(question, State())
    [message] = await zalo.ask("u101", question)
    assert body(message.text) == asked.text.strip()
    assert listed(message.text) == [o.label for o in asked.options]
    expected = core.answer(asked.options[1].query, asked.state)
    [answer] = await zalo.ask("u101", "2")
    assert body(answer.text) == expected.text.strip()



async def test_a_numbered_option_sends_its_action_and_answers_as_its_words(zalo):
    question = "tôi cần học gì"
    asked = core.answer(question, State())
    [message] = await zalo.ask("u120", question)
    labels = listed(message.text)
    picked = asked.options[labels.index("Chuyên viên")]
    assert picked.query.startswith("@")  # the stored offer is the action's payload, not a sentence
    [answer] = await zalo.ask("u120", str(labels.index("Chuyên viên") + 1))
    assert body(answer.text) == core.answer("chuyên viên", asked.state).text.strip()

async def test_a_follow_up_uses_the_conversation(zalo):
    first = core.answer("tôi là chuyên viên cấp huyện", State())
    second = core.answer("còn LLCT?", first.state)
    await zalo.ask("u102", "tôi là chuyên viên cấp huyện")
    [message] = await zalo.ask("u102", "còn LLCT?")
    assert body(message.text) == second.text.strip()
    assert core.answer("còn LLCT?", State()).text != second.text  # the state made the difference


def quotes_of(reply: Reply) -> str:
    state, parts = reply.state, []
    for clause in reply.clauses[:6]:
        quoted = core.quote_clause(clause, state)
        state = quoted.state
        parts.append(quoted.text.strip())
    return "\n\n".join(parts)


async def test_verbatim_text_over_2000_characters_comes_split_at_line_breaks(zalo):
    question = "chuyên viên cần học gì"
    reply = core.answer(question, State())
    verbatim = quotes_of(reply)
    assert len(verbatim) > 2000, "pick a question citing more text"
    [answer] = await zalo.ask("u103", question)
    number = len(listed(answer.text))  # "Xem nguyên văn các mục …" is the last option
    parts = await zalo.ask("u103", str(number), expect=len(split_text(verbatim)))
    assert len(parts) >= 2 and all(0 < len(p.text) <= 2000 for p in parts)
    assert re.sub(r"\s+", " ", " ".join(p.text for p in parts)) == re.sub(r"\s+", " ", verbatim)
    for part in parts[:-1]:  # each piece ends where the text has a line break
        assert part.text in verbatim and verbatim[verbatim.index(part.text) + len(part.text)] == "\n"


async def test_a_bare_number_with_nothing_pending_gets_a_one_line_hint(zalo):
    [hint] = await zalo.ask("u104", "3")
    assert hint.text == texts.NO_PENDING and "\n" not in hint.text


async def test_kiemtra_runs_as_numbered_steps_to_the_result_card(zalo):
    reply = core.start_check(State())
    [step] = await zalo.ask("u105", "/kiemtra")
    steps = 0
    while reply.state.check is not None:
        assert body(step.text) == reply.text.strip()
        assert listed(step.text) == [o.label for o in reply.options]
        reply = core.answer(reply.options[0].query, reply.state)  # the first choice at every step
        [step] = await zalo.ask("u105", "1")
        steps += 1
    assert steps >= 3 and reply.kind == "answer"
    assert body(step.text) == reply.text.strip()


async def test_ngach_asks_tier_then_grade_by_number(zalo):
    tiers, grades = core.tier_options(), core.grade_options()
    graded = [i for i, o in enumerate(tiers) if core.profile_of(o.query, o.label)[1] in menus.tiers_with_grades()]
    [picker] = await zalo.ask("u106", "/ngach")
    assert listed(picker.text) == [o.label for o in tiers]
    [picker] = await zalo.ask("u106", str(graded[0] + 1))
    assert listed(picker.text) == [o.label for o in grades]
    [answer] = await zalo.ask("u106", "2")
    _, tier = core.profile_of(tiers[graded[0]].query, tiers[graded[0]].label)
    grade, _ = core.profile_of(grades[1].query, grades[1].label)
    assert body(answer.text) == core.requirements_reply(grade, tier, State()).text.strip()


async def test_ngach_at_the_commune_tier_asks_the_role(zalo):
    tiers = core.tier_options()
    commune = next(i for i, o in enumerate(tiers)
                   if core.profile_of(o.query, o.label)[1] not in menus.tiers_with_grades())
    tier = core.profile_of(tiers[commune].query, tiers[commune].label)[1]
    roles = menus.role_options(tier)
    await zalo.ask("u116", "/ngach")
    [picker] = await zalo.ask("u116", str(commune + 1))
    assert listed(picker.text) == [o.label for o in roles]
    plain = next(i for i, o in enumerate(roles) if menus.ethnic_question(o.query) is None)
    [answer] = await zalo.ask("u116", str(plain + 1))
    expected = core.answer(menus.role_question(roles[plain].query, tier), State())
    assert body(answer.text) == expected.text.strip()


async def test_chitieu_without_a_public_url_gives_the_figures_as_text_only(zalo):
    [figures] = await zalo.ask("u107", "/chitieu")
    assert body(figures.text) == core.annex_reply(State()).text.strip()
    await zalo.ask("u107", "/vanban")  # the next reply comes: no picture was on its way
    assert not zalo.api.method_calls("sendPhoto")


async def test_quen_forgets_the_conversation_and_its_options(zalo):
    [offered] = await zalo.ask("u108", "tôi là chuyên viên cấp huyện")
    assert listed(offered.text)
    [done] = await zalo.ask("u108", "/quen")
    assert done.text == texts.FORGOTTEN
    [hint] = await zalo.ask("u108", "1")
    assert hint.text == texts.NO_PENDING
    [message] = await zalo.ask("u108", "còn LLCT?")
    assert body(message.text) == core.answer("còn LLCT?", State()).text.strip()


async def test_typed_commands_reach_the_core(zalo):
    for command, reply in [("/vanban", core.document_reply(State())), ("/dieu II.1.b", core.quote_clause("II.1.b")),
                           ("/timkiem tin học", core.search_plan("tin học"))]:
        [message] = await zalo.ask("u109", command)
        assert body(message.text) == reply.text.strip(), command
    [unknown] = await zalo.ask("u109", "/khongco")
    assert unknown.text == texts.UNKNOWN_COMMAND


async def test_a_file_points_to_the_web_page_and_the_command_line(zalo):
    before = len(zalo.api.outbox("u110"))
    zalo.api.send_file("u110")
    [message] = (await zalo.api.replies("u110", before + 1))[before:]
    assert "/kiem-tra" in message.text and "python -m bot check" in message.text
    [mau] = await zalo.ask("u110", "/mau")
    assert mau.text == message.text
    zalo.api.send_sticker("u110")
    [not_text] = (await zalo.api.replies("u110", before + 3))[before + 2:]
    assert not_text.text == texts.NOT_TEXT


async def test_in_a_group_the_bot_answers_only_when_addressed(zalo):
    group = "g900"
    zalo.api.send("u111", "chuyên viên cần học gì", chat_id=group, group=True)  # not addressed: silence
    [answer] = await zalo.ask("u111", "@kh39.bot chuyên viên cần học gì", chat=group, group=True)
    assert body(answer.text) == core.answer("chuyên viên cần học gì", State()).text.strip()
    [document] = await zalo.ask("u112", "/vanban", chat=group, group=True)
    assert body(document.text) == core.document_reply(State()).text.strip()
    [private_only] = await zalo.ask("u112", "/kiemtra", chat=group, group=True)
    assert private_only.text == texts.PRIVATE_ONLY
    assert len(zalo.api.outbox(group)) == 3


async def test_thongke_is_for_admins(zalo):
    [refused] = await zalo.ask("u113", "/thongke")
    assert refused.text == texts.NOT_ADMIN
    [report] = await zalo.ask(ADMIN_ID, "/thongke")
    assert report.text.startswith("Câu hỏi theo loại") and "yeu_cau" in report.text


async def test_nothing_was_refused_and_no_text_or_token_was_logged(zalo):
    assert zalo.api.errors == []
    log = zalo.bot.log
    assert zalo.api.token not in log and zalo.api.token.split(":")[1] not in log
    assert "chuyên viên cần học gì" not in log and "tôi là chuyên viên" not in log


async def test_in_a_group_a_long_reply_is_one_message_and_xem_du_gives_the_rest(zalo):
    group, question = "g901", "chuyên viên cần học gì"
    verbatim = quotes_of(core.answer(question, State()))
    [answer] = await zalo.ask("u114", f"@kh39.bot {question}", chat=group, group=True)
    number = len(listed(answer.text))
    [first] = await zalo.ask("u114", f"@kh39.bot {number}", chat=group, group=True)
    assert listed(first.text) == ["Xem đủ"]
    remaining = verbatim[len(body(first.text)):]
    rest = await zalo.ask("u114", "@kh39.bot 1", chat=group, group=True, expect=len(split_text(remaining)))
    whole = body(first.text) + "\n" + joined(rest)
    assert re.sub(r"\s+", " ", whole) == re.sub(r"\s+", " ", verbatim)


async def test_poll_failures_back_off_and_the_bot_carries_on(zalo):
    zalo.api.faults = [("getUpdates", 500), ("getUpdates", 429)]
    await zalo.api.wait_for(lambda: not zalo.api.faults, 10, "both failed polls")
    [answer] = await zalo.ask("u115", "/vanban")
    assert body(answer.text) == core.document_reply(State()).text.strip()
    assert "Zalo getUpdates failed (getUpdates 500)" in zalo.bot.log
