"""A long message split into the asker's introduction and the question at its end."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from bot.cuebook import cue_book
from bot.lexicon import LEXICON_FILE, lexicon_data
from bot.normalize import normalize, phrase_pattern

LONG = 18  # words: shorter messages are read whole
_SENTENCE = re.compile(r"(?<=[.!?;\n])\s+")


@dataclass(frozen=True)
class Parts:
    """What a message says of the asker, and what it asks."""

    intro: str
    question: str


@functools.lru_cache(maxsize=4)
def introduction_pattern(path: Path = LEXICON_FILE) -> re.Pattern:
    """The words by which the asker says who they are ("tôi là …", "em ở …"), from the lexicon."""
    words = lexicon_data(path)["subjects"]
    return phrase_pattern([*words["self"], *words["introductions"]])


class MessageSplitter:
    """Finds where the question of a long, polite message starts ("Kính gửi …, tôi là … . Xin hỏi …")."""

    def __init__(self, path: Path = LEXICON_FILE) -> None:
        self._self = introduction_pattern(path)
        self._cue = phrase_pattern(lexicon_data(path)["question_cues"])

    @staticmethod
    def sentences(text: str) -> list[str]:
        """The message's sentences, as typed."""
        return [s for s in _SENTENCE.split(text.strip()) if s.strip()]

    def split(self, text: str) -> Parts:
        """The introduction (may be empty) and the question; a short message is all question."""
        if len(text.split()) < LONG:
            return Parts("", text)
        sentences = self.sentences(text)
        if len(sentences) < 2:
            return Parts("", text)
        for i in range(len(sentences) - 1, 0, -1):  # the last sentence that opens with a question cue
            folded = normalize(sentences[i])
            m = self._cue.search(folded)
            if m and m.start() <= 3:
                return Parts(" ".join(sentences[:i]), " ".join(sentences[i:]))
        last = sentences[-1]
        if cue_book()["goes_on"].match(normalize(last)) and len(sentences) >= 3:  # "… nguồn kinh phí nào. Và sở nào …?": both
            last = " ".join(sentences[-2:])
            sentences = [*sentences[:-2], last]
        intro = " ".join(sentences[:-1])
        introduces = bool(self._self.search(normalize(intro)))  # "tôi là …", "em là …": the asker introduced
        if (len(sentences) >= 3 or introduces) and len(last.split()) >= 6 and last.rstrip().endswith("?"):
            return Parts(intro, last)
        return Parts("", text)
