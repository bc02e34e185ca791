"""Splitting plain text for Zalo: at most 2,000 characters, at paragraph or line breaks, never inside a word."""

import random

from handlers.zalo.split import LIMIT, split_text


def words_of(text: str) -> list[str]:
    return text.split()


def test_short_text_is_one_piece_and_empty_text_none():
    assert split_text("  ngắn thôi \n") == ["ngắn thôi"]
    assert split_text("   ") == []


def test_paragraph_breaks_are_preferred():
    paragraphs = [("đoạn %d " % i) + "chữ " * 150 for i in range(8)]  # about 760 characters each
    text = "\n\n".join(p.strip() for p in paragraphs)
    parts = split_text(text)
    assert all(len(p) <= LIMIT for p in parts)
    assert all(p.endswith("chữ") and p.startswith("đoạn") for p in parts)
    assert "\n\n".join(parts) == text


def test_a_long_paragraph_breaks_at_a_line_then_at_a_space_never_in_a_word():
    lines = "\n".join("dòng %d: %s" % (i, "Quản lý nhà nước " * 6) for i in range(60))
    for text in (lines, lines.replace("\n", " ")):
        parts = split_text(text)
        assert len(parts) >= 2 and all(len(p) <= LIMIT for p in parts)
        assert words_of(" ".join(parts)) == words_of(text)  # no word cut or lost
        assert all(len(p) > LIMIT // 2 for p in parts[:-1])  # no tiny piece


def test_random_texts_keep_every_word_whole():
    rng = random.Random(39)
    vocabulary = ["cán", "bộ", "công", "chức", "đào", "tạo", "bồi", "dưỡng", "II.1.b", "«Trung", "cấp»", "\n", "\n\n"]
    for _ in range(50):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(100, 2500)))
        parts = split_text(text, 300)
        assert all(0 < len(p) <= 300 for p in parts)
        assert words_of(" ".join(parts)) == words_of(text)


def test_a_word_longer_than_the_limit_is_cut_as_a_last_resort():
    parts = split_text("a" * 4500)
    assert [len(p) for p in parts] == [2000, 2000, 500]
