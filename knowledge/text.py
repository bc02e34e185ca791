"""Accent folding shared by every lookup: 'Đại Học' and 'dai hoc' fold alike."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z%]+")


def _base_letter(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")


# every precomposed Latin letter with marks (Vietnamese uses U+00C0..U+01B0 and U+1EA0..U+1EF9) -> its base letter
_UNMARK = {cp: _base_letter(chr(cp)) for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)] if _base_letter(chr(cp)) != chr(cp)}
_UNMARK.update({ord("đ"): "d", ord("Đ"): "D"})


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics (đ becomes d), keep case; any Unicode form (NFC, NFD) in."""
    text = unicodedata.normalize("NFC", text).translate(_UNMARK)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)  # combining marks left on letters outside the table
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """Lowercase, unaccented, punctuation to single spaces."""
    return _NON_WORD.sub(" ", strip_marks(text).lower()).strip()
