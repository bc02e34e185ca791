"""Accent folding shared by every lookup: 'Đại Học' and 'dai hoc' fold alike."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z%]+")


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics (đ becomes d), keep case."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Lowercase, unaccented, punctuation to single spaces."""
    return _NON_WORD.sub(" ", strip_marks(text).lower()).strip()
