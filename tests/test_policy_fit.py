"""The policy's evidence weights: read from data, fitted by coordinate ascent without flipping a weight's side."""

from bot.fit import Case, fit, score
from bot.policy import load_policy
from bot.understand import default_understander
from bot.reply import State


def _case(base, evidence, right, refusal_right=False):
    return Case(base=base, evidence=evidence, coverage=1.0, right=frozenset(right), refusal_right=refusal_right)


def test_the_fit_moves_a_weight_only_when_more_questions_are_read_right():
    cases = [_case({"a": 0.5, "b": 0.45}, {"cue": 1.0}, {"b"}), _case({"a": 0.5, "b": 0.2}, {"cue": 0.0}, {"a"})]
    start = {"a": {}, "b": {"cue": 0.01}}
    assert score(cases, start, threshold=0.0) == 1
    fitted = fit(cases, start, threshold=0.0)
    assert score(cases, fitted, threshold=0.0) == 2 and fitted["b"]["cue"] > 0.05


def test_the_fit_never_flips_the_side_a_weight_was_set_on():
    cases = [_case({"a": 0.5, "b": 0.45}, {"cue": 1.0}, {"b"})]
    fitted = fit(cases, {"a": {}, "b": {"cue": -0.2}}, threshold=0.0)
    assert fitted["b"]["cue"] <= 0  # evidence set against an intent stays against it, even if the data disagree


def test_a_reading_ranks_its_intents_by_the_weights_in_the_data():
    u = default_understander()
    reading = u.understand("chuyên viên cần học gì", State())
    assert reading.topics[0].intent == "yeu_cau" and reading.act == "required"
    weights = load_policy().evidence
    assert set(weights) == {spec.name for spec in u.intents}
