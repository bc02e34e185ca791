"""Several plans side by side: Kế hoạch 39 and a made-up test plan (tests/data/plans, TEST DATA); each message goes
to the document it is about, or asks which one, and every answer names its document."""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.library import PlanLibrary
from bot.reply import State
from knowledge.loader import DATA_DIR, DEFAULT_FILE, KBError, load_kb, load_plans, vocabulary_file

TEST_PLANS = Path(__file__).parent / "data" / "plans"
TEST_PLAN = TEST_PLANS / "kh_thu.yaml"


def _docs():
    return load_kb(DEFAULT_FILE).document, load_kb(TEST_PLAN).document


@pytest.fixture(scope="module")
def library():
    return PlanLibrary.of(load_plans(DATA_DIR, TEST_PLANS))


def _talk(library, *messages):
    state, replies = State(), []
    for m in messages:
        reply = library.answer(m, state)
        state = reply.state
        replies.append(reply)
    return replies


def test_a_folder_of_plans_loads_every_plan_with_its_vocabulary(tmp_path):
    for path in (DEFAULT_FILE, TEST_PLAN):
        shutil.copy(path, tmp_path)
        shutil.copy(vocabulary_file(path), tmp_path)
    plans = load_plans(tmp_path)
    assert sorted(kb.document.id for kb in plans) == sorted(d.id for d in _docs())
    test_plan = next(kb for kb in plans if kb.document.id == _docs()[1].id)
    assert test_plan.vocabulary.areas  # the vocabulary file beside the plan was read


def test_two_plans_with_one_document_id_are_refused(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(TEST_PLAN, tmp_path / name)
    with pytest.raises(KBError, match="already used"):
        load_plans(tmp_path)


def test_its_number_period_and_province_are_answered_from_its_data(library):
    kh39, test = _docs()
    r = library.answer(f"kế hoạch {test.number} số mấy, ban hành ở tỉnh nào, giai đoạn nào", State())
    assert r.kind == "answer" and r.intent == "van_ban"
    assert test.number in r.text and test.province in r.text and str(test.period.start) in r.text
    assert kh39.number not in r.text and r.state.plan == test.id


@pytest.mark.parametrize("how", ["number", "year", "province"])
def test_a_question_naming_the_second_plan_goes_to_it_and_names_it(library, how):
    kh39, test = _docs()
    year = test.period.start + 1
    question = {
        "number": f"KH {test.number.split('/')[0]} đào tạo bao nhiêu người",
        "year": f"năm {year} đào tạo bao nhiêu người",
        "province": f"tỉnh {test.province} đào tạo bao nhiêu người",
    }[how]
    r = library.answer(question, State())
    assert r.kind == "answer" and r.intent == "chi_tieu", r.text
    assert f"Nguồn: {test.short} ({test.period.start}–{test.period.end})" in r.text
    assert kh39.short not in r.text and r.state.plan == test.id


def test_a_kh39_question_goes_to_kh39(library):
    kh39, test = _docs()
    for question in ("lý luận chính trị của chuyên viên chính",
                     f"năm {kh39.period.start + 2} đào tạo bao nhiêu người",
                     "trách nhiệm của Sở Nội vụ"):
        r = library.answer(question, State())
        assert r.kind == "answer" and f"Nguồn: {kh39.short}" in r.text and test.short not in r.text, question
        assert r.state.plan == kh39.id


def test_words_only_one_plan_has_send_the_question_to_it(library):
    test = _docs()[1]
    r = library.answer("bồi dưỡng dịch vụ công trực tuyến thế nào", State())
    assert r.kind == "answer" and f"Nguồn: {test.short}" in r.text and r.state.plan == test.id


def test_a_question_both_plans_fit_asks_which_document_and_the_choice_answers_it(library):
    kh39, test = _docs()
    asked = library.answer("ai ký kế hoạch", State())
    assert asked.kind == "clarify" and len(asked.options) == 2
    assert [o.label for o in asked.options] == [f"{d.short} ({d.period.start}–{d.period.end})" for d in (kh39, test)]
    assert "văn bản nào" in asked.text
    chosen = next(o for o in asked.options if o.label.startswith(test.short))
    r = library.answer(chosen.query, asked.state)
    assert r.kind == "answer" and r.intent == "van_ban"
    assert test.signer.name in r.text and kh39.signer.name not in r.text
    assert r.state.plan == test.id and r.state.pending is None


def test_typing_the_document_name_answers_the_pending_question(library):
    kh39 = _docs()[0]
    asked, r = _talk(library, "ai ký kế hoạch", f"KH {kh39.number.split('/')[0]}")
    assert asked.kind == "clarify"
    assert r.kind == "answer" and kh39.signer.name in r.text and r.state.plan == kh39.id


def test_a_follow_up_stays_in_the_chosen_document_until_another_is_named(library):
    kh39, test = _docs()
    first, follow, other, back = _talk(
        library, f"kế hoạch {test.number} có gì", "tổng số người bồi dưỡng",
        "chuyên viên cần học gì",
        f"còn KH {kh39.number.split('/')[0]} thì chuyên viên cần học gì")
    assert first.state.plan == test.id
    assert follow.kind == "answer" and f"Nguồn: {test.short}" in follow.text and follow.state.plan == test.id
    assert f"Nguồn: {test.short}" in other.text  # both plans speak of chuyên viên: the chosen one answers
    assert f"Nguồn: {kh39.short}" in back.text and back.state.plan == kh39.id


def test_the_plans_own_province_is_no_other_province(library):
    test = _docs()[1]
    r = library.answer(f"{test.province} bồi dưỡng công chức cấp xã bao nhiêu người", State())
    assert r.kind == "answer" and f"Nguồn: {test.short}" in r.text


def test_small_talk_asks_no_document(library):
    r = library.answer("xin chào", State())
    assert r.intent != "chon_van_ban" and "văn bản nào" not in r.text


def test_one_plan_is_the_plan_itself(library):
    single = PlanLibrary([library.assistants[_docs()[0].id]])
    for q in ("ai ký kế hoạch", "chuyên viên cần học gì"):
        alone, through = single.primary.answer(q, State()), single.answer(q, State())
        assert through.contract() == alone.contract() and through.state.plan is None


def test_renaming_ids_in_the_test_plan_breaks_nothing(tmp_path):
    raw = yaml.safe_load(TEST_PLAN.read_text(encoding="utf-8"))
    text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
    renames = {"kh_thu": "plan_renamed", "tinh": "tier_a", "xa": "tier_b", "B.1": "S.1", "B.2": "S.2", "TONG": "ALL"}
    for old, new in renames.items():  # whole YAML scalars only: "tinh" the id, not "tinh" inside a word
        text = text.replace(f": {old}\n", f": {new}\n").replace(f"- {old}\n", f"- {new}\n")
        text = text.replace(f"[{old}]", f"[{new}]").replace(f"[{old}, ", f"[{new}, ").replace(f", {old}]", f", {new}]")
    (tmp_path / "renamed.yaml").write_text(text, encoding="utf-8")
    shutil.copy(vocabulary_file(TEST_PLAN), tmp_path / "renamed.vocabulary.yaml")
    plan = load_kb(tmp_path / "renamed.yaml")
    assert plan.document.id == "plan_renamed" and plan.by_id("tiers", "tier_b") and plan.has_clause("S.2")
    lib = PlanLibrary.of([load_kb(DEFAULT_FILE), plan])
    test = plan.document
    r = lib.answer(f"KH {test.number.split('/')[0]}: công chức cấp xã cần chứng chỉ gì", State())
    assert r.kind == "answer" and r.state.plan == "plan_renamed" and "S.2" in r.clauses and r.tier == "tier_b"
    asked = lib.answer("ai ký kế hoạch", State())
    chosen = lib.answer(asked.options[1].query, asked.state)
    assert chosen.kind == "answer" and test.signer.name in chosen.text


def test_naming_another_document_alone_asks_it_the_last_question(library):
    kh39, test = _docs()
    first, again = _talk(library, f"KH {test.number.split('/')[0]} tổng số người bồi dưỡng?",
                         f"còn KH {kh39.number.split('/')[0]} thì sao?")
    assert first.intent == "chi_tieu" and f"Nguồn: {test.short}" in first.text
    assert again.kind == "answer" and again.intent == "chi_tieu" and f"Nguồn: {kh39.short}" in again.text
    assert again.state.plan == kh39.id


@pytest.mark.parametrize("message", ["", None, "a" * 2000, "#plan", "#plan gone ai ký", "KH", "năm 9999"])
def test_bad_input_and_stale_choices_never_crash(library, message):
    r = library.answer(message, State())
    assert r.kind in ("answer", "clarify", "fallback") and r.text


def test_an_option_of_a_document_no_longer_loaded_routes_its_question_afresh(library):
    r = library.answer("#plan gone_plan trách nhiệm của Sở Nội vụ", State())
    assert r.kind == "answer" and r.state.plan == _docs()[0].id


def test_production_has_one_plan_and_asks_no_document():
    from bot import core

    assert not core.default_library().several
    r = core.answer("ai ký kế hoạch", State())
    assert r.kind == "answer" and r.state.plan is None and r.state.asked is None


def test_the_plan_folders_setting_lists_folders(monkeypatch):
    import os

    from knowledge.loader import PLANS_ENV, plan_places

    monkeypatch.setenv(PLANS_ENV, f"{DATA_DIR}{os.pathsep}{TEST_PLANS}")
    assert plan_places() == [DATA_DIR, TEST_PLANS]
    monkeypatch.delenv(PLANS_ENV)
    assert plan_places() == [DATA_DIR]


def test_which_document_renders_for_telegram(library):
    asked = library.answer("ai ký kế hoạch", State())
    assert "<b>" in asked.html and "văn bản nào" in asked.html


def test_a_greeting_lists_the_documents_and_chooses_none(library):
    kh39, test = _docs()
    hello, asked = _talk(library, "xin chào", "ai ký kế hoạch")
    assert kh39.short in hello.text and test.short in hello.text and hello.state.plan is None
    assert asked.kind == "clarify" and asked.intent == "chon_van_ban"


def test_asking_which_document_keeps_what_the_person_said(library):
    asked, follow = _talk(library, "tôi là chuyên viên ở sở", "còn LLCT?")
    assert asked.intent == "chon_van_ban" and asked.state.grade == "chuyen_vien"
    assert follow.kind == "answer" and follow.grade == "chuyen_vien"


def test_a_province_of_one_plan_and_a_period_of_another_is_no_document(library):
    kh39, test = _docs()
    r = library.answer(f"kế hoạch đào tạo của tỉnh {test.province} giai đoạn {kh39.period.start}-{kh39.period.end}",
                       State())
    assert r.kind == "fallback" and not r.clauses and kh39.short in r.text and test.short in r.text
