"""Normalization makes accented/unaccented, NFC/NFD, Telex residue, i/y, caps and emoji equal."""

import unicodedata

import pytest

from bot.normalize import normalize, untelex


@pytest.mark.parametrize(
    "variant",
    [
        "chuyên viên chính",
        "chuyen vien chinh",
        "CHUYÊN VIÊN CHÍNH",
        unicodedata.normalize("NFD", "chuyên viên chính"),
        "chuyeen vieen chinhs",
        "  chuyên   viên  chính!!! 😀 ",
        "chuyên\u200b viên\u202e chính",
    ],
)
def test_variants_of_a_grade_normalize_alike(variant):
    assert normalize(variant) == "chuyen vien chinh"


@pytest.mark.parametrize("a,b", [("hóa", "hoá"), ("thủy", "thuỷ"), ("quy hoạch", "qui hoạch"), ("lý luận", "lí luận"), ("tỷ lệ", "tỉ lệ")])
def test_old_and_new_spellings_are_equal(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("word,expected", [("ddaij", "dai"), ("hocj", "hoc"), ("caaps", "cap"), ("xax", "xa"), ("ielts", "ielts"), ("toefl", "toefl")])
def test_untelex_repairs_only_vietnamese_syllables(word, expected):
    assert untelex(word) == expected


def test_percent_sign_is_read_as_words():
    assert normalize("100%") == "100 phan tram"


def test_very_long_input_is_cut():
    assert len(normalize("a " * 20000)) <= 600
