"""The assistant over one plan: reads a message in its conversation, decides and replies; never raises."""

from __future__ import annotations

import functools
from dataclasses import replace
import logging
import re

from bot.action_reading import ActionReader
from bot.actions import is_payload
from bot.annex import annex_path
from bot.checkflow import CheckFlow
from bot.cuebook import cue_book
from bot.cues import CONDITION_CUES, followup, only_profile
from bot.decide import Decider
from bot.decision import Decision
from bot.views import AnnexView, DocumentView, FallbackView, SearchView
from bot.replying import Replier
from bot.message import MessageSplitter
from bot.normalize import normalize
from bot.reply import Option, Reply, State
from bot.subjects import ASKER, Said, SubjectReader, load_subject_words
from bot.understand import Understander, default_understander
from knowledge import KnowledgeBase

log = logging.getLogger(__name__)
_CUES = cue_book()

_GENERIC_ASKS = frozenset({"asking", "need", "learn", "when", "check", "generic_check", "missing", "together",
                           "list_words", "what_training", "request",
                           "the_province"})  # cues that ask without naming what about
_ABOUT_THE_PLAN = frozenset({"document", "scope", "quote"})  # acts asking of the plan, not a case
VAGUE_QUESTION_WORDS = 4  # a question of so few words of its own, naming nothing, is about its introduction
TOPIC_NAMED_HIT = 20.0  # a passage score only words naming a part of the plan reach ("giải pháp về quản lý")
_SHORT_FOLLOWUP = 6  # words: a message this short after a clarify question completes it
NAME_WORDS = 2  # "còn chị Lan?": at most this many words besides filler name a person and ask nothing else
PEOPLE_FAMILY = "standards"  # the intents.yaml family answered from a person's profile


class Assistant:
    """The conversational core over one plan."""

    def __init__(self, understander: Understander) -> None:
        self.u = understander
        self.kb: KnowledgeBase = understander.kb
        self.decider = Decider(self.kb, understander)
        self.checkflow = CheckFlow(self.kb)
        self.splitter = MessageSplitter()
        self._graded_tiers = {t for r in self.kb.requirements if r.grades for t in r.tiers} | {None}
        # intents about a person (their grade and levels): intents.yaml families whose handlers weigh a profile
        self._about_people = {i.name for i in understander.intents if i.family == PEOPLE_FAMILY}
        self.replier = Replier(self.kb)
        self.subjects = SubjectReader(load_subject_words(), understander.lex.stopwords,
                                      {r.id: frozenset(r.tiers) for r in self.kb.roles if r.tiers})
        self.pressed = ActionReader(self.kb, understander, self.decider, self.subjects.learn)

    # ---- public ------------------------------------------------------------------------------
    def answer(self, query: str, state: State | None = None) -> Reply:
        """Answer one message; never raises."""
        state = state or State()
        try:
            return self._answer(query if isinstance(query, str) else "", state)
        except Exception:  # a question must never crash the assistant (the message itself is not logged)
            log.exception("core failed on a message")
            return self._reply(Decision(kind="fallback", intent="loi", confidence=0.0,
                                        view=FallbackView(reason="Xin lỗi, tôi chưa xử lý được câu này."),
                                        state=state))

    def quote_clause(self, clause_id: str, state: State | None = None) -> Reply:
        """A clause verbatim."""
        cid = (clause_id or "").strip().replace("Đ", "đ")
        cid = re.sub(r"\.dd$", ".đ", cid)
        by_name = {normalize(c.title.split(":")[0]): c.id for c in self.kb.clauses}  # "phụ lục", "căn cứ"
        by_id = {c.id.lower(): c.id for c in self.kb.clauses}
        cid = by_id.get(cid.lower()) or by_name.get(normalize(cid)) or cid
        return self._reply(self.decider.quote(cid, state or State()))

    def search_plan(self, keywords: str, state: State | None = None) -> Reply:
        """Passages of the plan matching keywords."""
        state = state or State()
        canonical = self.u.lex.canonical(keywords or "")
        hits = [h for h in self.u.index.search(canonical, limit=5) if h.score > 1.0] if canonical else []
        d = Decision(kind="answer" if hits else "fallback", intent="tim_kiem", confidence=1.0 if hits else 0.0,
                     clauses=list(dict.fromkeys(h.passage.clause for h in hits)),
                     view=SearchView(hits=hits, query=(keywords or "").strip()[:80]), state=state)
        return self._reply(d)

    def annex_reply(self, state: State | None = None) -> Reply:
        """All annex figures."""
        state = state or State()
        annex = self.kb.annex
        codes = [r.code for r in annex.rows] if annex else []
        d = Decision(kind="answer", intent="chi_tieu", confidence=1.0,
                     clauses=[annex.clause] if annex else [],
                     view=AnnexView(rows=annex.rows if annex else [], per_year=True, annex=annex,
                                    paths={c: annex_path(annex, c) for c in codes}), state=state)
        return self._reply(d)

    def document_reply(self, state: State | None = None) -> Reply:
        """Number, date, signer, legal bases, period."""
        state = state or State()
        d = Decision(kind="answer", intent="van_ban", confidence=1.0,
                     clauses=[self.kb.preamble.id],
                     view=DocumentView(facets=["number", "signer", "period", "bases", "implements"],
                                       cc=self.kb.preamble), state=state)
        return self._reply(d)

    def requirements_reply(self, grade: str | None, tier: str | None, state: State | None = None) -> Reply:
        """Everything required of a grade at a tier."""
        state = (state or State()).model_copy(update={"grade": grade, "tier": tier})
        words = []
        if grade and self.kb.by_id("grades", grade):
            words.append(self.kb.by_id("grades", grade).name)
        tier_data = self.kb.by_id("tiers", tier) if tier else None
        if tier_data is not None and not grade and tier_data.default_role:  # a tier not by grade: its usual role
            words.append(self.kb.by_id("roles", tier_data.default_role).name)
        elif tier_data is not None:
            words.append(tier_data.name)
        a = self.u.analyze(" ".join(words) or "tiêu chuẩn")
        return self._reply(self.decider.requirements(a, state, 1.0))

    def profile_of(self, *texts: str) -> tuple[str | None, str | None]:
        """The grade and tier ids named in any of the texts (a button's id, a label, a command argument)."""
        grade = tier = None
        for text in texts:
            ent = self.u.extractor.extract(text or "")
            grade = grade or ent.grade
            tier = tier or ent.tier
        return grade, tier

    def annex_series(self) -> tuple[list[int], list[tuple[str, list[int]]], list[int]]:
        """Years, training and refresher figures per year (home and abroad), and the grand total per year."""
        annex = self.kb.annex
        if annex is None:
            return [], [], []
        total = self.decider.annex_rows.total
        kinds: dict[str, list] = {}  # the parts of each place (trong nước, nước ngoài), by label: đào tạo, bồi dưỡng
        for place in annex.row(total).parts:
            for code in annex.row(place).parts:
                row = annex.row(code)
                kinds.setdefault(row.label.capitalize(), []).append(row)
        series = [(label, [sum(r.by_year[i] for r in rows) for i in range(len(annex.years))])
                  for label, rows in kinds.items()]
        return list(annex.years), series, list(annex.row(total).by_year)

    def staff_template(self) -> bytes:
        """The XLSX template of a staff list for this plan."""
        from roster import build_template  # loads openpyxl: only when asked

        return build_template(self.kb)

    def grade_options(self) -> list[Option]:
        """Buttons for choosing a grade."""
        return [Option(label=g.name[:1].upper() + g.name[1:], query=g.id) for g in self.kb.grades]

    def tier_options(self) -> list[Option]:
        """Buttons for choosing a tier."""
        return [Option(label=t.name[:1].upper() + t.name[1:], query=t.id) for t in self.kb.tiers]

    # ---- internals ---------------------------------------------------------------------------
    def start_check(self, state: State | None = None) -> Reply:
        """Begin the step-by-step eligibility check (/kiemtra)."""
        return self.checkflow.start(state or State())

    def _answer(self, query: str, state: State) -> Reply:
        if is_payload(query):  # a button: an intent and slot ids (bot/actions.py), no sentence to read
            return self._reply(self.pressed.decide(query.strip(), state))
        if state.reread:
            state = state.model_copy(update={"reread": None})  # a typed message: the offered reading is gone
        if self.checkflow.active(state):
            reply = self.checkflow.step(query, state)
            if reply is not None:
                return reply
            state = state.model_copy(update={"check": None})  # a new question ends the dialog
        if query.startswith("#kt "):  # a button of a finished or forgotten dialog
            return self.checkflow.start(state)
        forced = None
        marker = re.match(r"^#([a-z_]+) (.*)$", query, re.DOTALL)
        if marker and marker.group(1) in {i.name for i in self.u.intents}:
            forced, query = marker.group(1), marker.group(2)  # a reading the user picked from offered options
            return self._reply(self.decider.decide(self.u.analyze(query), state, forced=forced))
        query, a, state = self._question_of(query, state)
        before = state
        state = self.subjects.switch(state, query, a.ent.text)
        if self._hypothetical_grade(a, before, state):  # "tôi là CV … vậy cán sự thì sao?": not the asker's grade
            state = self.subjects.move(state, "#new")
        if state.subject != before.subject and self._names_only(a) and before.last_intent in self._about_people:
            return self._reply(self.decider.requirements(a, state, 1.0))  # "còn tôi?": the last question, for them
        if not (a.ent.out_of_scope or a.ent.other_place or a.ent.other_period):  # what is refused teaches nothing
            said = self._said(a)
            if a.ent.count and not (a.ent.person and a.ent.units):
                # "tỉnh đào tạo bao nhiêu người": the province's figures, not where the person works; "tôi ở Sở Nội vụ,
                # cần số …" names the workplace all the same
                said = Said(grade=said.grade, role=said.role, age=said.age, held=said.held)
            if (a.ent.weak_tier or a.act in _ABOUT_THE_PLAN or {"who", "the_province"} & a.cues) and state.tier:
                # "anh Tuấn ở phòng tôi": the office's tier is already known; "kế hoạch của tỉnh căn cứ …": the plan's
                said = Said(grade=said.grade, role=said.role, age=said.age, held=said.held)
            state = self.subjects.learn(state, said, a.ent.text)
        combined = self._several(query, a, state)  # after what the message says of the asker is learnt
        if combined is not None:
            return combined
        if a.ent.grade and not a.ent.tier and state.tier not in self._graded_tiers:
            state = state.model_copy(update={"tier": None})  # grades apply at other tiers (II.1, not cấp xã)
        if state.pending and self._completes(a):
            merged = self.u.analyze(f"{query} {state.pending}")
            state = state.model_copy(update={"pending": None})
            d = self.decider.decide(merged, state)
        else:
            if state.pending:
                state = state.model_copy(update={"pending": None})
            d = self.decider.decide(a, state)
        if d.kind == "answer" and d.state is not None:  # asked again of another tier ("à không, tôi ở huyện")
            if not ("correction" in a.cues or only_profile(a.ent)):
                d.state = d.state.model_copy(update={"last_question": query[:300]})
        if d.state is not None and d.intent not in self._about_people and not a.ent.person \
                and d.state.tier != before.tier and before.tier:  # "mục tiêu cho cấp xã là gì": about the plan
            d.state = d.state.model_copy(update={"tier": before.tier})
        if "the_province" in a.cues and before.tier and not a.ent.person and d.intent not in self._about_people:
            d.tier = before.tier  # "tỉnh có chính sách thu hút …": the province's, asked by one at their own tier
        return self._reply(d)

    def _question_of(self, query: str, state: State):
        """The text to answer, its reading, and the state with the asker a long message's introduction describes.

        "Kính gửi …, tôi là chuyên viên ở … . Xin hỏi …": the introduction is learnt and the question read alone —
        with the conditions it states ("địa bàn có đồng bào dân tộc"). An introduction giving levels held, an age, a
        year or two people is part of the case, and a question naming nothing of its own ("việc này", "hạn gửi là khi
        nào?") is about it: both are read whole, though out of scope only for what the question asks."""
        parts = self.splitter.split(query)
        if not parts.intro:
            return query, self._unsplit(query), state
        intro = self.u.analyze(parts.intro)
        question = self.u.analyze(parts.question)
        named = self._names_topic(question)
        if question.ent.out_of_scope or question.ent.other_period or question.ent.other_place:
            return parts.question, question, state  # "… giai đoạn 2016 - 2020 đặt chỉ tiêu bao nhiêu?": refused alone
        # a year in the introduction ("kế hoạch năm 2013 của huyện") is the case's unless the question names its topic
        case = intro.ent.held or intro.ent.lacks or intro.ent.age or (intro.ent.years and not named) \
            or len(intro.ent.grades) > 1
        if case and question.act not in _ABOUT_THE_PLAN:  # "… căn cứ những nghị định nào?" needs no case
            return query, self._whole(query, question.ent, intro_asks=False), state
        state = self.subjects.switch(state, parts.intro, intro.ent.text)
        state = self.subjects.learn(state, self._said(intro), intro.ent.text)
        asked = question.ent
        own = [w for w in asked.text.split() if w not in self.u.lex.stopwords]
        vague = len(own) <= VAGUE_QUESTION_WORDS and not (
            asked.grade or asked.tier or asked.role or asked.areas or asked.count or asked.years or asked.clause
            or question.cues - _GENERIC_ASKS) \
            and not intro.cues & CONDITION_CUES and not named  # an introduction's conditions are carried over
        folded = normalize(parts.question)  # "kế hoạch đó …" always; "… làm như vậy không?" unless it names its topic
        refers_back = _CUES["refers_back"].search(folded) or (_CUES["refers_back_weak"].search(folded) and not named)
        if not (refers_back or vague):
            conditions = intro.cues & CONDITION_CUES
            return parts.question, replace(question, cues=question.cues | conditions), state
        return query, self._whole(query, asked, intro_asks=True), state

    def _whole(self, query: str, asked, intro_asks: bool):
        """A long message read whole, out of scope only for what its question asks — and for its introduction when the
        question only points to it ("điện thoại của tôi bị đơ … bạn chỉ giúp cách khắc phục?")."""
        whole = self.u.analyze(query)
        if whole.ent.out_of_scope and not asked.out_of_scope and (not intro_asks or self._only_told(query)):
            whole = replace(whole, ent=replace(whole.ent, out_of_scope=None))
        return whole

    def _unsplit(self, query: str):
        """A message with no introduction found, out of scope only as _only_told allows."""
        whole = self.u.analyze(query)
        if whole.ent.out_of_scope and self._only_told(query):
            whole = replace(whole, ent=replace(whole.ent, out_of_scope=None))
        return whole

    def _only_told(self, query: str) -> bool:
        """Of several sentences, those naming something out of scope only tell (no question, no request), and one
        names a topic of the plan: "tôi đang chuẩn bị dự toán … . Sếp muốn biết kế hoạch giao Sở Tài chính làm gì"."""
        readings = [self.u.analyze(s) for s in self.splitter.sentences(query)]
        if len(readings) < 2:
            return False
        outside = [r for r in readings if r.ent.out_of_scope]
        return all("?" not in r.raw and not {"asking", "request"} & r.cues for r in outside) \
            and any(self._names_topic(r) for r in readings)

    @staticmethod
    def _names_topic(reading) -> bool:
        """The words name a part of the plan strongly, not a number asked of it."""
        return bool(reading.hits) and reading.hits[0].score >= TOPIC_NAMED_HIT and not reading.ent.count

    def _hypothetical_grade(self, a, before: State, state: State) -> bool:
        """A follow-up naming another grade than the asker's, without saying it is theirs: a grade asked about."""
        ent = a.ent
        return (state.subject == before.subject == ASKER and bool(before.grade) and bool(ent.grade)
                and ent.grade != before.grade and not ent.person and "correction" not in a.cues
                and ("how_about" in a.cues or followup(a)))

    def _names_only(self, a) -> bool:
        """The message names whom it is about and nothing else ("còn tôi?", "người thứ hai thì sao?")."""
        ent = a.ent
        if ent.grade or ent.tier or ent.role or ent.areas or ent.held or ent.lacks or ent.count or ent.years:
            return False
        return len([w for w in ent.text.split() if w not in self.u.lex.stopwords]) <= NAME_WORDS

    def _said(self, a) -> Said:
        """What the message states about its subject; a role tied to one tier gives that tier."""
        ent = a.ent
        role = self.kb.by_id("roles", ent.role) if ent.role else None
        tier = ent.tier
        if role is not None and tier is None and len(role.tiers) == 1:
            tier = role.tiers[0]
        group = role is None and ent.tier in self.decider.ungraded and bool({"cadre", "civil_servant"} & a.cues)
        return Said(grade=ent.grade, tier=tier, role=role.id if role else None, age=ent.age, held=dict(ent.held),
                    group=group)

    def _several(self, query: str, a, state: State) -> Reply | None:
        """A message asking two or more things gets one answer per part, when each part is answerable alone."""
        if len(a.ent.grades) > 1 or {"add_up", "difference"} & a.cues:
            return None  # two people side by side, or one sum or difference of the table: one answer
        asked = _CUES["questions_intro"].sub("", query)  # "hỏi 2 ý: …"
        parts = [p.strip(" ,.?") for p in _CUES["question_parts"].split(asked) if p and p.strip(" ,.?")]
        if not 2 <= len(parts) <= 4 or any(len(p.split()) < 3 for p in parts):
            return None
        decisions = [self.decider.decide(self.u.analyze(p), state) for p in parts]
        if any(d.kind != "answer" for d in decisions) or len({tuple(d.clauses) for d in decisions}) < len(decisions):
            return None
        return self.replier.joined(decisions)

    def _completes(self, a) -> bool:
        ent = a.ent
        return len(ent.text.split()) <= _SHORT_FOLLOWUP and bool(ent.grade or ent.tier or ent.role)

    def _reply(self, d: Decision, footer: bool = True) -> Reply:
        return self.replier.reply(d, footer)


@functools.lru_cache(maxsize=1)
def default_assistant() -> Assistant:
    """The assistant over the default plan, built once."""
    return Assistant(default_understander())
