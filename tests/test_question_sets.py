"""Regression over the project's own question sets (written apart from the code, by the eval contract)."""

from pathlib import Path

import pytest

from bot.core import answer
from bot.evaluate import evaluate

DATA = Path(__file__).parent / "data"


SETS = sorted(p.name for p in DATA.glob("heldout*.jsonl"))


@pytest.mark.parametrize("name", SETS)
def test_question_set_scores_at_least_95_percent(name):
    score = evaluate(DATA / name, answer)
    assert score.total >= 90
    assert score.passed / score.total >= 0.95, [(c["id"], p) for c, _, p in score.failures]


def test_every_fallback_in_the_sets_cites_nothing():
    assert len(SETS) >= 6
    for name in SETS:
        score = evaluate(DATA / name, answer)
        assert not any("a fallback cites clauses" in p for _, _, problems in score.failures for p in problems)


LATER = sorted(str(p.relative_to(DATA)) for p in [*DATA.glob("round*/*.jsonl")])


@pytest.mark.parametrize("name", LATER)
def test_later_unseen_sets_and_conversations_keep_at_least_90_percent(name):
    score = evaluate(DATA / name, answer)
    assert score.total >= 150
    assert score.passed / score.total >= 0.90, [(c["id"], p) for c, _, p in score.failures]
