"""Entity extraction from canonical text: grade, tier, role, area, held levels, year, age, clause."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.cuebook import cue_book, first_group
from bot.lexicon import Lexicon, lexicon_data
from bot.normalize import clean, normalize
from bot.phrases import Guarded, PhraseSet, any_of, ngrams
from knowledge.vocabulary import implied_tier, matcher_for, term
from knowledge import KnowledgeBase

_CUES = cue_book()  # the cue words of data/cues.yaml: the context words around a slot, by name
NONE_LEVEL = "none"  # a lacked area with no level named: the person has none
_CLAUSE_RAW = re.compile(r"(?<![\w.])(IV|III|II|I)((?:\.\d)(?:\.(?:[a-eA-E]|đ|Đ|dd))?)?(?![\w])", re.IGNORECASE)
_TIER_KINDS = ("tier", "office", "place", "position")
_VOCAB_KINDS = ("grade", "level", *_TIER_KINDS)  # levels take their words: "sơ cấp" names no "sở"


@dataclass
class Entities:
    """What a message says, in canonical ids."""

    text: str
    grade: str | None = None
    grades: list[str] = field(default_factory=list)  # every grade said of people, in order ("CVC vs CVCC")
    course_grade: str | None = None
    target_grade: str | None = None  # a grade the person is to move up to ("nâng ngạch lên chuyên viên chính")
    tier: str | None = None
    tiers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # offices and places named (Sở Tư pháp, huyện Mỹ Tú), as typed
    role: str | None = None
    areas: list[str] = field(default_factory=list)
    besides: list[str] = field(default_factory=list)  # areas set aside: "ngoài chuyên môn, còn phải học gì"
    held: dict[str, str] = field(default_factory=dict)
    lacks: dict[str, str] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    age: int | None = None
    clause: str | None = None
    person: bool = False
    count: bool = False
    percent: bool = False
    out_of_scope: str | None = None
    other_place: str | None = None
    weak_tier: bool = False  # the tier comes only from a generic office word ("phòng")

    period: tuple[int, int] = (0, 9999)

    @property
    def other_period(self) -> bool:
        """Years after the plan's period only ('giai đoạn 2016-2020'); '2011-2016' still touches the plan."""
        start, end = self.period
        return bool(self.years) and any(y > end for y in self.years) and not any(start <= y <= end for y in self.years)


class EntityExtractor:
    """Finds entities with patterns built from the KB aliases and the lexicon."""

    def __init__(self, kb: KnowledgeBase, lex: Lexicon) -> None:
        self.kb = kb
        self.lex = lex
        chat = kb.vocabulary.chat
        grade_alts = []
        for grade in kb.grades:
            for alias in {grade.name, *grade.aliases}:
                phrase = lex.canonical(alias)
                grade_alts.append((phrase, grade.id))
        grade_alts.sort(key=lambda x: len(x[0]), reverse=True)
        # one alternation, longest phrase first: a single pass finds every grade mention
        self._grade_any = Guarded(re.compile(
            "|".join(f"(?P<g{i}>\\b{re.escape(p)}\\b{chat.grade_guards.get(g, '')})" for i, (p, g) in enumerate(grade_alts))
        ), tuple({p.split()[-1] for p, _ in grade_alts}))
        self._grade_of = {f"g{i}": g for i, (_, g) in enumerate(grade_alts)}
        # one alternation per kind of entity: a message is scanned a few times, not once per phrase
        self._tier_re = {}
        for tier in kb.tiers:  # the chat patterns of the plan's vocabulary; a tier without any, by its aliases
            chat_tier = chat.tiers.get(tier.id)
            patterns = chat_tier.patterns if chat_tier else [
                r"\b" + re.escape(lex.canonical(a)) + r"\b" for a in {tier.name, *tier.aliases} if lex.canonical(a)]
            keys = chat_tier.keys if chat_tier else list({lex.canonical(a).split()[-1] for a in {tier.name, *tier.aliases}})
            self._tier_re[tier.id] = Guarded(any_of(patterns), tuple(keys))
        self.vocab = matcher_for(kb)  # the plan's one vocabulary, shared with the staff-list reader
        roles, areas = {r.id for r in kb.roles}, {a.id for a in kb.areas}
        self._role_re = [(r, Guarded(any_of(p.patterns), tuple(p.keys))) for r, p in chat.roles.items() if r in roles]
        self._area_re = {a: Guarded(any_of(p.patterns), tuple(p.keys)) for a, p in chat.areas.items() if a in areas}
        self._held_words = chat.held
        self._slot_tier = re.compile(chat.slot_tier) if chat.slot_tier else None
        titles = "|".join(re.escape(t) for t in sorted(lexicon_data()["subjects"]["titles"], key=len, reverse=True))
        self._title_before = re.compile(rf"(?i:(?<!\w)(?:{titles}))\s+$")
        # plain phrases are looked up among the message's word n-grams; 're:' entries stay patterns
        self._oos = [(o.topic, PhraseSet(o.words)) for o in lex.out_of_scope]
        self._places = PhraseSet(lex.other_places)
        self._person = PhraseSet(lex.person_words)
        # (role, tier) -> the role of the same name at that tier: "Chủ tịch HĐND, Chủ tịch UBND" + xã
        self._role_at = {(general.id, r.tiers[0]): r.id for general in kb.roles if not general.tiers
                         for r in kb.roles if len(r.tiers) == 1 and r.name.startswith(general.name)}
        held = chat.held
        self._cm_levels = re.compile(r"\b(" + "|".join(f"(?P<{lv}>{pat})" for lv, pat in held.levels.items()) + r")\b"
                                     if held and held.levels else r"(?!x)x")  # a plan without level words: none
        self._programme = re.compile(held.programme_taken) if held else None
        self._not_taken = {a: re.compile(p) for a, p in (held.not_taken.items() if held else ())}

    def extract(self, raw: str) -> Entities:
        """All entities of one message."""
        text = self.lex.canonical(raw)
        ent = Entities(text=text, period=(self.kb.document.period.start, self.kb.document.period.end))
        named = self.vocab.find(unicodedata.normalize("NFC", raw), kinds=_VOCAB_KINDS)  # one pass for both
        self._grades(ent, raw, named)
        self._tiers(ent, raw, named)
        for role, rx in self._role_re:
            m = rx.search(text)
            if m and not _CUES["not_before"].search(text[max(0, m.start() - 24):m.start()]):  # "không phải chủ tịch"
                ent.role = role
                break
        if ent.role and ent.tiers:  # "chủ tịch xã": the role of that name at that tier, when the plan has one
            ent.role = self._role_at.get((ent.role, ent.tiers[0]), ent.role)
        for area, rx in self._area_re.items():
            if rx.search(text):
                ent.areas.append(area)
        aside = _CUES["besides"].search(text)
        if aside:
            ent.besides = [x for x in ent.areas if self._area_re[x].search(aside.group(1))]
            ent.areas = [x for x in ent.areas if x not in ent.besides]
        self._held(ent)
        ent.years = [int(y) for y in _CUES["year"].findall(text)]
        spans = _CUES["year_range"].findall(text) + _CUES["year_range_typed"].findall(raw)
        for start, end in spans:  # "từ 2012 đến 2015", "2011-2013": the years between as well
            between = range(int(start) + 1, int(end))
            if len(between) < 10:
                at = ent.years.index(int(start)) + 1 if int(start) in ent.years else len(ent.years)
                ent.years[at:at] = [y for y in between if y not in ent.years]
        age = first_group(_CUES["age"].search(text))
        ent.age = int(age) if age else None
        ent.clause = self._clause(raw, text)
        grams = ngrams(text)
        ent.person = self._person.find(text, grams) is not None
        ent.count = bool(_CUES["count"].search(text)) or bool(
            _CUES["how_many"].search(text) and _CUES["annex_row"].search(text) and not _CUES["not_a_count"].search(text)
        )
        ent.percent = bool(_CUES["percent"].search(text))
        ent.count = ent.count and not ent.percent  # "tỷ lệ … là bao nhiêu": a share (the targets), not a head count
        asserted = _CUES["not_there"].sub(" ", text)  # "công chức, không phải giáo viên": what the person is not
        asserted_grams = grams if asserted == text else ngrams(asserted)
        units = [self.lex.canonical(u) for u in ent.units]  # "Sở Văn hóa, Thể thao và Du lịch": a name asks nothing
        ent.out_of_scope = next((topic for topic, ps in self._oos
                                 if (said := ps.find(asserted, asserted_grams, raw)) is not None
                                 and not any(said in u for u in units)), None)
        ent.other_place = self._places.find(text, grams)
        return ent

    def _grades(self, ent: Entities, raw: str, found: list) -> None:
        person: list[tuple[int, str]] = []
        course: list[tuple[int, str]] = []
        target: list[tuple[int, str]] = []
        nfc = unicodedata.normalize("NFC", raw)

        def place(start: int, grade: str, before: str) -> None:
            as_course = _CUES["course_before"].search(before) and not _CUES["person_grade_before"].search(before)
            kind = course if as_course else person
            kind.append((start, grade))
            if kind is person and _CUES["target_before"].search(before):
                target.append((start, grade))

        # the plan's vocabulary first (accent-aware: codes, "tương đương" grades); chat spellings after ("cvien")
        for m in found:
            if m.kind == "grade":
                place(m.start, m.id, normalize(nfc[: m.start]) + " ")
        if not (person or course) and any(k in ent.text for k in self._grade_any.keys):
            for m in self._grade_any.pattern.finditer(ent.text):
                place(m.start(), self._grade_of[m.lastgroup], ent.text[: m.start()])
        if target and len(target) < len(person):  # "chuyên viên …, sắp nâng ngạch lên chuyên viên chính"
            ent.target_grade = min(target)[1]
            person = [p for p in person if p not in target]
        if person:
            ent.grade = min(person)[1]
            ent.grades = list(dict.fromkeys(g for _, g in sorted(person)))
        if course:
            ent.course_grade = min(course)[1]
            if ent.grade is None and not _CUES["course_words"].search(ent.text):
                ent.grade = ent.course_grade

    def _tiers(self, ent: Entities, raw: str, named: list) -> None:
        if ent.text in self._tier_re:  # a bare tier id, as a button sends it: "tinh", "huyen", "xa"
            ent.tiers, ent.tier = [ent.text], ent.text
            return
        ends: dict[str, int] = {}
        kinds: dict[str, str] = {}
        first = self._vocabulary_tiers(ent, unicodedata.normalize("NFC", raw), named, ends, kinds)
        text = unicodedata.normalize("NFC", raw) if first else ent.text
        if not first and raw.isascii():  # typed without marks, chat spellings ("tx", "o tinh"): the older patterns
            text = _CUES["not_there"].sub(" ", ent.text)  # "không phải ở sở": not where the person works
            for tier, rx in self._tier_re.items():
                m = rx.search(text)
                if m:
                    ent.places.append(m.group(0))
                    first.setdefault(tier, m.start())
        found = sorted(first, key=first.get)
        ent.tiers = found
        if len(found) == 1:
            ent.tier = found[0]
        elif found:  # "phường 7, TP Sóc Trăng": the first unit named is where the person works, the rest contain it
            between = normalize(text[ends.get(found[0], first[found[0]]):first[found[1]]])
            second = normalize(text[:first[found[1]]]).split()[-1:] + normalize(text[first[found[1]]:]).split()[:1]
            # "cấp tỉnh, huyện": two tier words side by side, no unit named
            bare = kinds.get(found[0]) == kinds.get(found[1]) == "tier" and not between
            listed = "cap" in second or bare  # "cấp tỉnh, cấp huyện": tiers listed, not an address
            ent.tier = None if listed or _CUES["two_tiers"].search(between) else found[0]
            if ent.tier is not None:  # "tỉnh có yêu cầu … công chức xã …": the tier said of the people asked about
                ent.tier = next((t for t in found if _CUES["subject_before"].search(normalize(text[:first[t]]))),
                                ent.tier)

    def _vocabulary_tiers(self, ent: Entities, raw: str, named: list, ends: dict[str, int],
                          kinds: dict[str, str]) -> dict[str, int]:
        """Tiers the plan's vocabulary finds (tiers, offices, places, positions), by where each is first named;
        a weak office ("phòng") yields to any other; "không phải ở sở" names where the person does not work."""
        hits = []
        for m in named:
            if m.kind not in _TIER_KINDS:
                continue
            if self._named_person(raw, m):  # "anh Phong", "chị Mỹ": a colleague's name, not "phòng" or a place
                continue
            tier = implied_tier(self.kb, m)
            if tier is None and m.kind == "position":  # "Chủ tịch UBND xã": a title that names its tier
                tier = next((t for t, rx in self._tier_re.items() if rx.search(normalize(m.text))), None)
            before = normalize(re.split(r"[.!?;\n]", raw[max(0, m.start - 32):m.start])[-1])  # this sentence's
            if tier is None or _CUES["not_before"].search(before) or _CUES["addressed_before"].search(before):
                continue  # "không phải ở sở", "Kính gửi Sở Nội vụ": not where the asker works
            weak = m.kind == "office" and getattr(term(self.kb, m.kind, m.id), "weak", False)
            hits.append((m.start, tier, weak, m.text, m))
        units = {tier for _, tier, weak, _, m in hits if m.kind != "position" and not weak}
        if units:  # "cán sự ở Phòng … thị xã Ngã Năm, có trung cấp văn thư lưu trữ": the unit, not a title's tier
            hits = [h for h in hits if h[4].kind != "position" or h[1] in units or self._names_tier(h[3])]
        for _, tier, weak, text, m in hits:
            if m.kind in ("office", "place") and not weak and len(text.split()) > 1:  # a named unit, not "sở"
                ent.units.append(text)
            ends.setdefault(tier, m.end)
            kinds.setdefault(tier, m.kind)
            position = term(self.kb, m.kind, m.id) if m.kind == "position" else None
            if position is not None and position.tier and ent.role is None:  # "địa chính xã": công chức cấp xã
                ent.role = position.role
        if any(not h[2] for h in hits):
            hits = [h for h in hits if not h[2]]
        else:
            ent.weak_tier = bool(hits)
        first: dict[str, int] = {}
        for start, tier, _, text, _ in hits:
            ent.places.append(normalize(text))
            first.setdefault(tier, start)
        return first

    def _named_person(self, raw: str, m) -> bool:
        """A one-word match written with a capital, without marks, right after a title ("anh", "chị"): a name."""
        return (len(m.text.split()) == 1 and m.text[:1].isupper() and m.text.isascii()
                and self._title_before.search(raw[: m.start]) is not None)

    def _names_tier(self, text: str) -> bool:
        """A title that says its tier ("địa chính xã"), not one the plan's data places ("văn thư - lưu trữ")."""
        return any(rx.search(normalize(text)) for rx in self._tier_re.values())

    def _held(self, ent: Entities) -> None:
        words = self._held_words
        if words is None:
            return
        text = ent.text
        listed_to = -1  # where the last level held ends: "đã có bằng thạc sĩ, cao cấp LLCT" lists both
        for m in self._cm_levels.finditer(text):
            level = next(k for k, v in m.groupdict().items() if v)
            after = text[m.end():]
            before = text[: m.start()]
            if after.startswith(" tro len") or _CUES["asked_before"].search(before) \
                    or _CUES["others_level_before"].search(before):  # "tuyển sinh viên tốt nghiệp đại học"
                continue
            theory = _CUES["llct_after"].match(after) or _CUES["llct_before"].search(before) or level == words.theory_top
            area = words.theory_area if theory else words.degree_area
            if area == words.theory_area and level not in words.theory_levels:
                level = words.theory_top  # "cử nhân chính trị" is the top level of political theory
            if _CUES["neg_before"].search(before):
                ent.lacks[area] = level
            elif (_CUES["held_before"].search(before) or (ent.held and before.endswith(" va "))
                  or (ent.held and m.start() <= listed_to + 1) or _CUES["held_after"].match(after)
                  or _CUES["checking"].search(text)):  # "CV: đại học, trung cấp chính trị … đủ chưa?" lists what is held
                ent.held.setdefault(area, level)
                listed_to = m.end()
        m = self._programme.search(text) if any(k in text for k in words.programme_keys) else None
        if m:
            ent.held.setdefault(words.programme_area, words.programmes[m.group("programme")])
        for area, rx in self._not_taken.items():
            if area not in ent.held and ("chua" in text or "khong" in text) and rx.search(text):
                ent.lacks.setdefault(area, NONE_LEVEL)

    def _clause(self, raw: str, text: str) -> str | None:
        raw = clean(raw)
        cited = self._cited(raw)
        if cited is not None:
            return cited
        for m in _CLAUSE_RAW.finditer(raw):
            roman = m.group(1).upper()
            rest = (m.group(2) or "").replace("dd", "đ").replace("Đ", "đ").lower()
            cid = roman + rest
            if not rest and not _CUES["clause_cue"].search(normalize(raw)):
                continue
            point = _CUES["citation"].search(raw)
            letter = point.group("point").lower().replace("dd", "đ") if point and point.group("point") else None
            if letter and self.kb.has_clause(f"{cid}.{letter}"):  # "điểm c mục I.2": I.2.c
                return f"{cid}.{letter}"
            if self.kb.has_clause(cid):
                return cid
        folded = normalize(raw)
        if self.kb.annex is not None and _CUES["annex_words"].search(folded):
            return self.kb.annex.clause
        if _CUES["basis_words"].search(folded) and _CUES["clause_cue"].search(folded):
            return self.kb.preamble.id
        return None

    def _cited(self, raw: str) -> str | None:
        """A clause cited by its parts, smallest first as the law writes: "điểm d khoản 1 mục II" is II.1.d."""
        section = number = letter = None
        for m in _CUES["citation"].finditer(raw):
            if m.group("point"):
                letter = letter or m.group("point").lower().replace("dd", "đ")
            elif m.group("item"):
                number = number or m.group("item")
            elif m.group("part").isdigit():
                number = number or m.group("part")
            else:
                section = section or m.group("part").upper()
        if section is None or (letter and not number):
            return None
        cid = ".".join(p for p in (section, number, letter) if p)
        return cid if self.kb.has_clause(cid) else None


def delexicalize(extractor: EntityExtractor, canonical: str) -> str:
    """Replace entity phrases by slot words so that 'chuyen vien can hoc gi' reads 'xngach can hoc gi'."""
    text = extractor._grade_any.sub("xngach", canonical)
    text = extractor._cm_levels.sub("xtrinhdo", text)
    for rx in extractor._area_re.values():
        text = rx.sub("xlinhvuc", text)
    if extractor._slot_tier is not None:
        text = extractor._slot_tier.sub("xcap", text)
    text = _CUES["year"].sub("xnam", text)
    text = _CUES["number"].sub("xso", text)
    return re.sub(r"\b(xlinhvuc|xtrinhdo|xngach)( \1\b)+", r"\1", text)
