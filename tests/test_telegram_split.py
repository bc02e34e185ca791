"""split_html: pieces under Telegram's limit, each valid Telegram HTML, text preserved, paragraph breaks first."""

import random

from telegram_server.html_check import parse_html

from handlers.telegram.split import LIMIT, split_html


def _squash(text: str) -> str:
    return "".join(text.split())


def _check(source: str, parts: list[str], limit: int = LIMIT) -> None:
    assert all(len(p) <= limit for p in parts)
    plain = [parse_html(p) for p in parts]  # raises if a piece is not valid Telegram HTML
    assert _squash("".join(plain)) == _squash(parse_html(source))


def test_short_html_is_one_piece_unchanged():
    assert split_html("<b>Ngạch</b> chuyên viên") == ["<b>Ngạch</b> chuyên viên"]


def test_empty_html_gives_no_piece():
    assert split_html("  \n ") == []


def test_long_reply_breaks_between_paragraphs():
    paragraphs = [f"<i>Đoạn {i}</i>: " + "cán bộ &amp; công chức " * 30 + "hết." for i in range(40)]
    source = "\n\n".join(paragraphs)
    parts = split_html(source)
    _check(source, parts)
    assert len(parts) > 1
    assert all(parse_html(p).endswith("hết.") for p in parts)


def test_tag_spanning_a_break_is_closed_and_reopened():
    source = "<blockquote>" + "\n".join("dòng trích dẫn số %d" % i for i in range(600)) + "</blockquote>"
    parts = split_html(source)
    _check(source, parts)
    assert len(parts) > 1
    assert all(p.startswith("<blockquote>") and p.endswith("</blockquote>") for p in parts)


def test_entities_and_long_words_are_never_cut():
    source = "&amp;" * 3000 + " " + "x" * 9000
    parts = split_html(source, 1000)
    _check(source, parts, 1000)


def test_random_markup_always_splits_into_valid_pieces():
    rng = random.Random(39)
    tags = ["b", "i", "u", "s", "code", "blockquote"]
    for _ in range(30):
        bits, open_tags = [], []
        for _ in range(rng.randint(200, 900)):
            roll = rng.random()
            if roll < 0.08 and len(open_tags) < 3:
                tag = rng.choice([t for t in tags if t not in open_tags])
                open_tags.append(tag)
                bits.append(f"<{tag}>")
            elif roll < 0.16 and open_tags:
                bits.append(f"</{open_tags.pop()}>")
            else:
                bits.append(rng.choice(["chữ ", "Việt ", "&lt;", "&amp;", "\n", "\n\n", "đào tạo, ", "123 "]))
        bits += [f"</{t}>" for t in reversed(open_tags)]
        source = "".join(bits)
        limit = rng.choice([200, 500, 4096])
        _check(source, split_html(source, limit), limit)
