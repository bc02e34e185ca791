"""The part of a long passage that answers: the run of its phrases sharing most words with the question, verbatim."""

from __future__ import annotations

import re

LIMIT = 400  # characters: a longer passage is shown by its best run of phrases, the rest behind "Nguyên văn"
_PHRASE = re.compile(r"(?<=[.;:,])\s+(?=\S)")


def excerpt(text: str, question_words: set[str], canonical, limit: int = LIMIT) -> str:
    """The passage itself when short; else the contiguous phrases (split after . ; : ,) within the limit that
    hold most of the question's words, with "…" where text is left out."""
    if len(text) <= limit or not question_words:
        return text
    phrases = _PHRASE.split(text)
    if len(phrases) < 2:
        return text
    shared = [question_words & set(canonical(p).split()) for p in phrases]
    best, span = (-1, -1), (0, 0)
    for i in range(len(phrases)):
        size = total = 0
        found: set[str] = set()
        for j in range(i, len(phrases)):
            size += len(phrases[j]) + 1
            if size > limit and j > i:
                break
            found |= shared[j]  # each asked word counts once first: "kế hoạch" in every phrase does not pull the run
            total += len(shared[j])  # back; then the run that repeats them most
            if (len(found), total) > best:
                best, span = (len(found), total), (i, j)
    i, j = span
    return ("… " if i > 0 else "") + " ".join(phrases[i:j + 1]) + (" …" if j < len(phrases) - 1 else "")
