"""The learned clause prior stored beside a plan: how it is read, scored and used to pick a clause."""

import importlib.util
import json
import math
from pathlib import Path

import pytest

from bot.core import Assistant
from bot.normalize import normalize
from bot.reply import State
from bot.understand import Understander
from knowledge.loader import DEFAULT_FILE, load_kb
from knowledge.prior import FALLBACK, char_grams, prior_file, read_prior, word_grams

ROOT = Path(__file__).resolve().parents[1]


def _fit_script():
    spec = importlib.util.spec_from_file_location("fit_prior", ROOT / "scripts" / "fit_prior.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FixedPrior:
    """A stand-in prior that is always sure of the same labels."""

    def __init__(self, probabilities: dict[str, float]) -> None:
        self._p = probabilities

    def probabilities(self, folded: str) -> dict[str, float]:
        return dict(self._p)


def _assistant_with(prior) -> Assistant:
    kb = load_kb()
    kb._prior = prior
    return Assistant(Understander(kb))


def test_the_stored_prior_labels_are_clauses_of_its_plan_or_fallback():
    kb = load_kb()
    assert kb.prior is not None
    ids = {c.id for c in kb.clauses}
    assert set(kb.prior.classes) <= ids | {FALLBACK}
    assert not any("dev" in name for name in kb.prior.fitted_on)  # the public set stays a fair measure


def test_probabilities_sum_to_one_and_follow_the_wording():
    prior = load_kb().prior
    p = prior.probabilities(normalize("kinh phí đào tạo lấy từ những nguồn nào"))
    assert math.isclose(sum(p.values()), 1.0, rel_tol=1e-9)
    assert max(p, key=p.get) == "III.4"


def test_char_grams_pad_each_word_and_word_grams_add_pairs():
    assert char_grams("ab") == [" a", "ab", "b ", " ab", "ab ", " ab "]
    assert word_grams("can hoc gi") == ["can", "hoc", "gi", "can hoc", "hoc gi"]


def test_a_clause_renamed_in_the_plan_can_no_longer_win():
    ids = {c.id for c in load_kb().clauses} - {"III.4"}
    prior = read_prior(prior_file(DEFAULT_FILE), ids)
    p = prior.probabilities(normalize("kinh phí đào tạo lấy từ những nguồn nào"))
    assert p["III.4"] < 1e-6 and max(p, key=p.get) != "III.4"


def test_a_plan_without_a_prior_file_loads_and_answers(tmp_path):
    plan = tmp_path / "plan_test_data.yaml"
    plan.write_text(DEFAULT_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    kb = load_kb(plan)
    assert kb.prior is None
    r = Assistant(Understander(kb)).answer("kinh phí đào tạo lấy từ đâu", State())
    assert r.kind == "answer" and "III.4" in r.clauses


def test_a_malformed_prior_file_is_named_in_the_error(tmp_path):
    plan = tmp_path / "plan_test_data.yaml"
    plan.write_text(DEFAULT_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    prior_file(plan).write_text(json.dumps({"classes": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="prior.json"):
        load_kb(plan)


def test_a_sure_prior_picks_its_clause_when_the_words_match_it_too():
    question = "sở nội vụ có nhiệm vụ gì trong kế hoạch"
    without = _assistant_with(None).answer(question, State())
    with_prior = _assistant_with(FixedPrior({"IV.1": 0.9, FALLBACK: 0.1})).answer(question, State())
    assert without.clauses[0] != "IV.1"
    assert with_prior.clauses[0] == "IV.1"


def test_a_sure_prior_does_not_override_words_that_do_not_match_its_clause():
    question = "kinh phí đào tạo lấy từ những nguồn nào"
    r = _assistant_with(FixedPrior({"II.1.e": 0.95, FALLBACK: 0.05})).answer(question, State())
    assert r.clauses[0] == "III.4"


def test_an_unsure_prior_changes_nothing():
    question = "sở nội vụ có nhiệm vụ gì trong kế hoạch"
    without = _assistant_with(None).answer(question, State())
    unsure = _assistant_with(FixedPrior({"IV.1": 0.2, "IV.3": 0.2, FALLBACK: 0.6})).answer(question, State())
    assert unsure.clauses == without.clauses


def test_plain_python_scoring_matches_the_fitted_model(tmp_path):
    pytest.importorskip("sklearn")
    from scipy.sparse import hstack

    fit = _fit_script()
    cases = [("chuyen vien can trinh do chuyen mon gi", "II.1.a"), ("can su can chuyen mon gi", "II.1.a"),
             ("ly luan chinh tri cua chuyen vien chinh", "II.1.b"), ("llct cao cap cho ai", "II.1.b"),
             ("luong bao nhieu", FALLBACK), ("thoi tiet hom nay", FALLBACK)]
    blocks, model = fit.fit_model(cases)
    stored = fit.fit(cases, ["test"], prune=0.0)
    path = tmp_path / "toy.prior.json"
    path.write_text(json.dumps(stored), encoding="utf-8")
    prior = read_prior(path, {"II.1.a", "II.1.b"})
    for q in ("chuyen vien can gi", "ly luan chinh tri", "luong the nao"):
        x = hstack([b.transform([normalize(q)]) for b in blocks]).tocsr()
        expected = dict(zip(model.classes_, model.predict_proba(x)[0]))
        got = prior.probabilities(normalize(q))
        assert all(math.isclose(got[c], expected[c], abs_tol=2e-3) for c in expected)



def test_a_prior_all_but_certain_of_out_of_scope_refuses_even_plan_words():
    question = "giải pháp về kinh phí gồm những gì"
    sure = _assistant_with(FixedPrior({FALLBACK: 0.98, "III.4": 0.02})).answer(question, State())
    unsure = _assistant_with(FixedPrior({FALLBACK: 0.9, "III.4": 0.1})).answer(question, State())
    assert sure.kind == "fallback" and not sure.clauses
    assert unsure.kind == "answer"


def test_a_quote_request_is_never_refused_by_the_prior():
    r = _assistant_with(FixedPrior({FALLBACK: 0.99, "II.1.a": 0.01})).answer("trích nguyên văn II.1.a giúp tôi", State())
    assert r.kind == "answer" and r.clauses == ["II.1.a"]
