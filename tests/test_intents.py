"""Intents as data: every example is recognized as its own intent; thresholds come from the examples."""

from bot.understand import default_understander
from bot.validate import overmatched_examples


def test_every_example_is_recognized_as_its_own_intent():
    assert overmatched_examples() == []


def test_calibration_is_derived_from_the_examples():
    cal = default_understander().matcher.calibration
    assert 0.3 < cal.threshold <= 0.75
    assert 0.02 <= cal.gap <= 0.08


def test_slot_replacement_generalizes_examples():
    u = default_understander()
    assert u.delex_raw("CVCC cần LLCT gì") == u.delex_raw("cán sự cần quản lý nhà nước gì")
