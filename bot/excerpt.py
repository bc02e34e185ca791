"""The part of a long passage that answers: the run of its phrases sharing most words with the question, verbatim."""

from __future__ import annotations

import re

LIMIT = 400  # characters: a longer passage is shown by its best run of phrases, the rest behind "Nguyên văn"
_PHRASE = re.compile(r"(?<=[.;:,])\s+(?=\S)")


def excerpt(text: str, question_words: set[str], canonical, limit: int = LIMIT) -> str:
    """The passage itself when short; else the contiguous phrases (split after . ; : ,) within the limit that
    share most words with the question, with "…" where text is left out."""
    if len(text) <= limit or not question_words:
        return text
    phrases = _PHRASE.split(text)
    if len(phrases) < 2:
        return text
    shared = [len(question_words & set(canonical(p).split())) for p in phrases]
    best, span = -1, (0, 0)
    for i in range(len(phrases)):
        size = total = 0
        for j in range(i, len(phrases)):
            size += len(phrases[j]) + 1
            if size > limit and j > i:
                break
            total += shared[j]
            if total > best:
                best, span = total, (i, j)
    i, j = span
    return ("… " if i > 0 else "") + " ".join(phrases[i:j + 1]) + (" …" if j < len(phrases) - 1 else "")
