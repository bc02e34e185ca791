"""Regression over the project's own question sets (written apart from the code, by the eval contract)."""

from pathlib import Path

import pytest

from bot.core import answer
from bot.evaluate import evaluate

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", ["heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl", "heldout4.jsonl", "heldout5.jsonl"])
def test_question_set_scores_at_least_95_percent(name):
    score = evaluate(DATA / name, answer)
    assert score.total >= 90
    assert score.passed / score.total >= 0.95, [(c["id"], p) for c, _, p in score.failures]


def test_every_fallback_in_the_sets_cites_nothing():
    for name in ("heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl", "heldout4.jsonl", "heldout5.jsonl"):
        score = evaluate(DATA / name, answer)
        assert not any("a fallback cites clauses" in p for _, _, problems in score.failures for p in problems)
