"""Text normalization: accents, Unicode forms, Telex residue, i/y, abbreviations, typos."""

from __future__ import annotations

import functools
import re
import unicodedata

from knowledge.text import fold

MAX_CHARS = 600  # only the start of a very long message is read (a question fits well within it)

_TONE_KEYS = set("sfrxj")
_SYLLABLE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?"
    r"([aeiouy]{1,3})"
    r"(ch|ng|nh|[cmnpt]|)$"
)
_IY = re.compile(r"\b(b|d|h|k|l|m|n|s|t|v|qu)y\b")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# vowel nuclei of Vietnamese syllables, written without marks
_NUCLEI = frozenset(
    "a e i o u y ai ao au ay eo eu ia iu oa oe oi ua ue ui uo uu uy ya ye ieu yeu oai oao oay oeo uay uoi uou uya uye "
    "uyu ue".split()
)


def _is_syllable(word: str) -> bool:
    return bool(_SYLLABLE.match(word))


def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable written without marks ('nhom', 'chia'; not 'duog', 'toelf')."""
    m = _SYLLABLE.match(word)
    if not m:
        return False
    nucleus = m.group(2)
    if m.group(1) in ("qu", "gi") and not nucleus:
        return True
    return nucleus in _NUCLEI


def untelex(word: str) -> str:
    """Undo Telex keys typed without an IME: 'chuyeen' -> 'chuyen', 'chinhs' -> 'chinh', 'ddaij' -> 'dai'."""
    if not word.isascii() or not word.isalpha() or len(word) < 2:
        return word
    w = word
    if w.startswith("dd"):
        w = w[1:]
    for pair, single in (("aa", "a"), ("ee", "e"), ("oo", "o"), ("aw", "a"), ("ow", "o"), ("uw", "u")):
        w = w.replace(pair, single)
    if len(w) > 1 and w[-1] in _TONE_KEYS and _is_syllable(w[:-1]) and not _is_syllable(w):
        w = w[:-1]
    elif len(w) > 2 and w[-1] in _TONE_KEYS and _is_syllable(w[:-1]) and w != word:
        w = w[:-1]
    return w if _is_syllable(w) or w == word else word


def clean(text: str) -> str:
    """NFC, no control or bidi characters, bounded length."""
    text = unicodedata.normalize("NFC", text or "")[:MAX_CHARS]
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(" ", text)


@functools.lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Folded, Telex-repaired, i/y-unified words separated by single spaces."""
    text = clean(text).lower()
    text = text.replace("%", " phan tram ")
    words = []
    for raw in re.split(r"\s+", text):
        if raw.isascii():
            raw = " ".join(untelex(w) for w in re.split(r"[^a-z0-9]+", raw) if w)
        words.append(raw)
    folded = fold(" ".join(words))
    return _IY.sub(lambda m: m.group(1) + "i", folded)


def phrase_pattern(phrases, folded: bool = False) -> re.Pattern | None:
    """One pattern finding any of the phrases as whole words in normalized text (group 1: the phrase found),
    longest first; folded: the phrases are normalized already. None for no phrase."""
    found = sorted({p if folded else normalize(p) for p in phrases} - {""}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in found) + r")\b") if found else None
