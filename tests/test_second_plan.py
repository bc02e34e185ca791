"""A second plan of the same schema loads and is answered from its own data (test data made up from Kế hoạch 39)."""

from pathlib import Path

import pytest
import yaml

from bot.core import Assistant
from bot.reply import State
from bot.understand import Understander
from knowledge.loader import DEFAULT_FILE, load_kb

MADE_UP = {"number": "99/KH-UBND", "short": "KH 99/KH-UBND", "date": "2016-03-01", "period": {"start": 2016, "end": 2020}}


def _second_plan(tmp_path: Path, rename_tier: str | None = None) -> Path:
    """TEST DATA: Kế hoạch 39 with another number, date and period (and optionally a tier id renamed)."""
    raw = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    raw["document"].update(MADE_UP)
    raw["document"]["title"] = raw["document"]["title"].replace("2011 - 2015", "2016 - 2020")
    raw["annex"]["years"] = [2016, 2017, 2018, 2019, 2020]
    if rename_tier:
        _rename(raw, rename_tier, f"{rename_tier}_renamed")
    path = tmp_path / "plan_test_data.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _rename(node, old: str, new: str) -> None:
    """Rename a tier id wherever the data uses it: the tier's own id and every `tiers` list."""
    if isinstance(node, dict):
        if node.get("id") == old and "covers" in node:
            node["id"] = new
        if isinstance(node.get("tiers"), list):
            node["tiers"] = [new if t == old else t for t in node["tiers"]]
        for value in node.values():
            _rename(value, old, new)
    elif isinstance(node, list):
        for item in node:
            _rename(item, old, new)


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    return Assistant(Understander(load_kb(_second_plan(tmp_path_factory.mktemp("plan")))))


def test_its_number_and_period_are_answered_from_its_data(second):
    r = second.answer("kế hoạch này số mấy, áp dụng giai đoạn nào", State())
    assert "99/KH-UBND" in r.text and "2016" in r.text and "39/KH-UBND" not in r.text


def test_a_year_of_its_period_is_not_refused(second):
    r = second.answer("năm 2017 đào tạo bao nhiêu người", State())
    assert r.kind == "answer" and r.intent == "chi_tieu"


def test_a_year_after_its_period_is_out_of_it(second):
    r = second.answer("kế hoạch giai đoạn 2021-2025 thế nào", State())
    assert r.kind == "fallback" and "2016 - 2020" in r.text


def test_every_answer_names_its_own_document(second):
    for q in ["chuyên viên cần học gì", "ai ký kế hoạch", "học phí bao nhiêu"]:
        r = second.answer(q, State())
        assert "99/KH-UBND" in r.text and "39/KH-UBND" not in r.text


def test_renaming_a_tier_id_in_the_data_breaks_nothing(tmp_path):
    assistant = Assistant(Understander(load_kb(_second_plan(tmp_path, rename_tier="xa"))))
    r = assistant.answer("công chức cấp xã cần trình độ chuyên môn gì", State())
    assert r.kind == "answer" and r.tier == "xa_renamed" and "trung cấp" in r.text
