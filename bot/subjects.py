"""Who a message is about: the asker or a colleague ("chị Hoa", "người thứ hai", "người khác"), and switching to them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bot.lexicon import LEXICON_FILE, lexicon_data
from bot.normalize import normalize, phrase_pattern
from bot.reply import Profile, State
from knowledge.text import strip_marks

ASKER = ""  # the subject key of the person asking


@dataclass(frozen=True)
class SubjectWords:
    """The lexicon's words for naming, counting and pointing at people (folded)."""

    titles: tuple[str, ...]
    marked_titles: frozenset[str]  # the titles as written, with their marks (NFC, lower case)
    relatives: tuple[str, ...]
    greeting_verbs: tuple[str, ...]
    others: tuple[str, ...]
    ordinals: dict[str, int]
    self_words: tuple[str, ...]
    corrections: tuple[str, ...]
    not_names: frozenset[str] = frozenset()  # words after a title that name nobody, as written (NFC, lower case)


def load_subject_words(path: Path = LEXICON_FILE) -> SubjectWords:
    """Read the `subjects` part of the lexicon."""
    raw = lexicon_data(path)["subjects"]
    return SubjectWords(
        titles=tuple(normalize(t) for t in raw["titles"]),
        marked_titles=frozenset(unicodedata.normalize("NFC", t.lower()) for t in raw["titles"]),
        relatives=tuple(normalize(r) for r in raw["relatives"]),
        greeting_verbs=tuple(normalize(g) for g in raw["greeting_verbs"]),
        others=tuple(normalize(o) for o in raw["others"]),
        ordinals={normalize(k): int(v) for k, v in raw["ordinals"].items()},
        self_words=tuple(normalize(s) for s in raw["self"]),
        corrections=tuple(normalize(c) for c in raw["corrections"]),
        not_names=frozenset(unicodedata.normalize("NFC", w.lower()) for w in raw.get("not_names", ())),
    )


class SubjectReader:
    """Finds the subject a message is about, and moves the conversation state to it."""

    def __init__(self, words: SubjectWords, stopwords: frozenset[str],
                 role_tiers: dict[str, frozenset[str]] | None = None) -> None:
        self.words = words
        self.role_tiers = role_tiers or {}  # the tiers a role belongs to (plan data), where the plan ties it to some
        titles = "|".join(re.escape(t) for t in sorted(words.titles, key=len, reverse=True))
        # a title, then a capitalised name (checked on the raw text, where the capital survives)
        self._named = re.compile(rf"(?:^|[\s,.;:!?(])(?i:({titles}))\s+([A-ZĐ][^\W\d_]*)", re.UNICODE)
        greeted = "".join(f"(?<!{re.escape(g)} )" for g in words.greeting_verbs)
        relatives = "|".join(re.escape(r) for r in words.relatives)
        self._relatives = re.compile(rf"(?<!\w){greeted}({relatives})(?!\w)")
        self._others = phrase_pattern(words.others, folded=True)
        self._ordinal = re.compile(r"\bnguoi (" + "|".join(re.escape(k) for k in words.ordinals) + r")\b")
        self._self = phrase_pattern(words.self_words, folded=True)
        self._correction = re.compile(r"^(khong|ko|k)\b|" + phrase_pattern(words.corrections, folded=True).pattern)
        self._stop = stopwords

    def subject_of(self, raw: str, folded: str) -> str | None:
        """The subject key the message turns to ("chi hoa", "#2", "#new", ASKER), or None to stay."""
        nfc = unicodedata.normalize("NFC", raw)
        ascii_raw = _fold_titles(nfc)  # one character for one: spans are those of the NFC text
        for m in self._named.finditer(ascii_raw):
            name = normalize(m.group(2))
            typed = nfc[m.start(1):m.end(1)].lower()
            if not typed.isascii() and typed not in self.words.marked_titles:
                continue  # "có ĐH" is not "cô": a title typed with marks must have the title's marks
            if typed.isascii() and not nfc.isascii() and typed not in self.words.marked_titles:
                continue  # "Ban Dân tộc" in a message typed with marks: "bạn" would have its marks
            if len(m.group(2)) > 1 and m.group(2).isupper():
                continue  # "co DH", "anh CVC": an abbreviation, not a name
            typed_name = nfc[m.start(2):m.end(2)].lower()
            # "Tài" typed with its marks is a name, though "tai" is a stopword; so is "Minh" in a message typed with
            # marks, where "mình" would have had its own
            marked = not typed_name.isascii() or not nfc.isascii()
            if name and typed_name not in self.words.not_names and normalize(typed_name) not in self.words.not_names \
                    and (len(name) == 1 or marked or name not in self._stop):
                title = normalize(m.group(1))
                return f"{title} {name}"
        m = self._relatives.search(strip_marks(nfc).lower())  # punctuated: "chào chị, tôi là" names no relative
        if m:  # "chị tôi là chuyên viên": a relative or colleague of the asker, not the asker
            return m.group(1)
        m = self._ordinal.search(folded)
        if m:
            return f"#{self.words.ordinals[m.group(1)]}"
        if self._others.search(folded):
            return "#new"
        if self._self.search(folded):
            return ASKER
        return None

    def switch(self, state: State, raw: str, folded: str) -> State:
        """The state with the subject the message is about made current (its profile loaded, the old one kept)."""
        target = self.subject_of(raw, folded)
        if target is None or target == state.subject:
            return state
        return self.move(state, target)

    def move(self, state: State, target: str) -> State:
        """The state with this subject made current ("#new": someone not met yet), the current one's kept."""
        people = dict(state.people)
        people[state.subject] = state.profile()
        if target == "#new":
            target = f"#{sum(k.startswith('#') for k in people) + 2}"
        known = people.get(target)
        # a colleague met for the first time works where the conversation is (same office), nothing else is known
        profile = known if known is not None else Profile(tier=state.tier)
        return state.with_profile(profile).model_copy(update={"subject": target, "people": people, "pending": None})


    def learn(self, state: State, said: Said, folded: str) -> State:
        """The state with what the message says of the current subject written into their profile.

        A grade different from the one known, said without correcting ("à nhầm, …"), is another person in the same
        office: the levels held by the one before are not carried over."""
        update: dict = {}
        if said.grade and said.grade != state.grade:
            update["grade"] = said.grade
            if state.grade and not self._correction.search(folded):
                update["held"] = {}
                update["age"] = None
        if said.tier:
            update["tier"] = said.tier
            if state.role and not said.role and said.tier not in self.role_tiers.get(state.role, {said.tier}):
                update["role"] = None  # "à nhầm, tôi mới chuyển lên phòng … huyện": no longer a commune officer
        if said.group and state.role and not said.role:
            update["role"] = None  # "cb xã …", then "mình làm công chức ở xã": the group said now, not the role before
        if said.role:
            update["role"] = said.role
        if said.age:
            update["age"] = said.age
        if said.held:
            update["held"] = {**update.get("held", state.held), **said.held}
        return state.model_copy(update=update) if update else state


@dataclass(frozen=True)
class Said:
    """What one message states about the person it is about."""

    grade: str | None = None
    tier: str | None = None
    role: str | None = None
    age: int | None = None
    held: dict | None = None
    group: bool = False  # "mình làm công chức ở xã": a group of a tier not by grade, no particular role


def _fold_titles(raw: str) -> str:
    """The raw text with marks removed from lowercase letters only, so titles match folded while names keep capitals."""
    text = unicodedata.normalize("NFC", raw)
    out = []
    for ch in text:
        if ch.islower():
            base = unicodedata.normalize("NFD", ch)[0]
            out.append("d" if ch == "đ" else base)
        else:
            out.append(ch)
    return "".join(out)
