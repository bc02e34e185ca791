"""The decision: which intent, answer / clarify / fallback, and the data the reply shows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from bot.annex import ANNEX_SPLIT, WHICH_CLASS, AnnexRows, annex_extreme, annex_path
from bot.entities import NONE_LEVEL
from bot.lexicon import LEXICON_FILE
from bot.normalize import normalize
from bot.excerpt import excerpt
from bot.askback import Menus
from bot.reply import Option, State
from bot.understand import Analysis, Understander
from knowledge import KnowledgeBase
from knowledge.queries import Person, level_name, meets, requirements_by_area, requirements_for

VARYING_AREAS = ("chuyen_mon", "llct", "qlnn")  # areas whose requirement differs by grade
REQUIREMENT_AREAS = ("chuyen_mon", "llct", "qlnn", "tin_hoc", "ngoai_ngu", "quoc_phong", "tieng_dan_toc")

_QUOTE_CUE = re.compile(r"\b(nguyen van|trich|noi gi|xem|doc|toan van|chi tiet)\b")
_DOC_CUE = re.compile(
    r"\b(ki|nguoi ki|ban hanh|so hieu|so may|quyet dinh|nghi dinh|luat|phap li|van ban nao|noi nhan|hieu luc|het han)\b"
    r"|\bcan cu (phap li|vao (nhung |cac )?van ban|nao)\b|\b(ke hoach|van ban)( \w+){0,4} can cu\b"
)
_LEARN_CUE = re.compile(r"\b(can hoc|phai hoc|hoc gi|boi duong gi|dao tao gi|can gi|can nhung gi|phai co gi|yeu cau gi|tieu chuan gi"
                        r"|duoc (dao tao|boi duong)( \w+){0,3} (gi|nao)|trinh do gi|boi duong theo)\b")
_GENERIC_CHECK = re.compile(
    r"\b(thieu (gi|nhung gi)|con thieu|dap ung (du )?(cac |nhung )?yeu cau|du (tieu )?chuan chua|dat (tieu )?chuan chua"
    r"|da dat chua|du chua|bo sung (gi|nhung gi)|de dat chuan|can (hoc )?them (gi|nhung gi))\b"
)
_SCOPE_CUE = re.compile(
    r"\b(cap (tinh|huyen|xa)|huyen|xa|thi xa|thanh pho|phuong|thi tran)( trong ke hoach( nay)?)? (gom|bao gom|co nhung)\b"
    r"|\b(thuoc|tinh la|la) cap (nao|huyen|xa|tinh)\b"
)
_CHECK_CUE = re.compile(
    r"\b(dat chuan|du chuan|dap ung|dat yeu cau|dat chua|du chua|thieu|con thieu|du de|dat khong|duoc khong|bo sung gi)\b"
)
_NEED_CUE = re.compile(  # "cần" folds to "can" like "cán bộ", "cán sự": those are not a need
    r"\b(can(?! (bo|su|doi)\b)|phai|bat buoc|yeu cau|tieu chuan|dat chuan|chuan hoa|hoc|bo sung|trinh do|dieu kien)\b"
)
_HELP = re.compile(r"^(xin chao|chao|chao ban|hello|hi|helo|alo|help|menu|bat dau|start|huong dan|cam on|cam on ban|thanks|ok)\b")


@dataclass
class Decision:
    """What to reply, before rendering."""

    kind: str
    intent: str
    confidence: float
    template: str
    grade: str | None = None
    tier: str | None = None
    clauses: list[str] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    context: dict = field(default_factory=dict)
    state: State | None = None


class Decider:
    """Turns an Analysis and the conversation state into a Decision."""

    def __init__(self, kb: KnowledgeBase, understander: Understander) -> None:
        self.kb = kb
        self.u = understander
        self.cal = understander.matcher.calibration
        self._headings: dict[str, frozenset[str]] = {}
        self.annex_rows = AnnexRows(kb.annex, understander.lex.canonical) if kb.annex else None
        self.menus = Menus()
        cues = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))["compare_cues"]
        self._compare = re.compile(r"\b(" + "|".join(re.escape(normalize(c)) for c in cues) + r")\b")
        self.ungraded = {t.id for t in kb.tiers if not t.graded}
        self.tier_specific = tuple(c for t in kb.tiers for c in t.clauses)
        self.addressed = {role for r in kb.requirements for role in r.roles or []}  # roles some requirement names

    # ---- entry -------------------------------------------------------------------------------
    def decide(self, a: Analysis, state: State, forced: str | None = None) -> Decision:
        """Decide the reply; forced names the intent a user picked from offered readings."""
        ent = a.ent
        words = ent.text.split()
        if not words:
            return self.help(state, empty=True)
        if ent.clause and (_QUOTE_CUE.search(ent.text) or len(words) <= 3):
            return self.quote(ent.clause, state)
        if ent.out_of_scope or ent.other_place or ent.other_period:
            return self.fallback(a, state, reason=self._oos_reason(a))
        slots = bool(ent.grade or ent.tier or ent.role or ent.areas or ent.years or ent.held or ent.lacks or ent.count)
        greeting = self.menus.greeting(ent.text)
        if greeting and not slots and not _ASKING.search(ent.text):
            return self.help(state, thanks=greeting == "thanks")
        if _only_profile(ent):  # "huyện", "cấp xã", "tôi là CVC": what applies to that grade / tier
            return self.requirements(a, state, 1.0)
        if self._annex_followup(a, state):
            return self.annex(a, state, 1.0)
        if not slots and not (state.grade or state.role or state.tier) and self._vague(ent.text):
            return self.ask_back(a, state)
        scores = self._intent_scores(a, state)
        if forced in scores:
            scores[forced] = max(scores.values()) + 1.0
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        (top, s1), (second, s2) = ranked[0], ranked[1]
        confidence = max(0.0, min(1.0, s1))
        if s1 < self.cal.threshold and a.coverage < 0.5:
            return self.fallback(a, state)
        decision = self._by_intent(top, a, state, confidence)
        if s1 - s2 < self.cal.gap and decision.kind == "answer" and {top, second} not in _SAME_FAMILY:
            # two readings almost equally likely: answer the first, offer the second
            spec = next(i for i in self.u.intents if i.name == second)
            decision.options = [*decision.options, Option(label=spec.label, query=f"#{second} {a.raw}"[:300])]
            decision.confidence = min(decision.confidence, 0.5 + (s1 - s2))
        return decision

    def _role_tiers(self, role_id: str) -> set[str]:
        role = self.kb.by_id("roles", role_id)
        return set(role.tiers) if role else set()

    def _role_named(self, phrase: str) -> str | None:
        """The role one of whose names is this phrase (folded)."""
        lex = self.u.lex
        for role in self.kb.roles:
            if any(lex.canonical(alias) == lex.canonical(phrase) for alias in [role.name, *role.aliases]):
                return role.id
        return None

    def _by_intent(self, top: str, a: Analysis, state: State, confidence: float) -> Decision:
        ent = a.ent
        if top == "yeu_cau" and not (ent.held or ent.lacks):
            return self.requirements(a, state, confidence)
        if top in ("yeu_cau", "kiem_tra"):  # levels the person holds: weigh them against the requirements
            return self.check(a, state, confidence)
        if top == "chi_tieu":
            return self.annex(a, state, confidence)
        if top == "van_ban":
            return self.document(a, state, confidence)
        if top == "pham_vi":
            return self.scope(a, state, confidence)
        if top == "nguyen_van":
            if ent.clause or state.last_clauses:
                return self.quote(ent.clause or state.last_clauses[0], state)
            return self.quote("", state)
        if top == "tro_giup":
            return self.help(state)
        return self.content(a, state, confidence)

    # ---- scoring -----------------------------------------------------------------------------
    def _intent_scores(self, a: Analysis, state: State) -> dict[str, float]:
        ent, text = a.ent, a.ent.text
        s = dict(a.scores)
        req_areas = [x for x in ent.areas if x in REQUIREMENT_AREAS]
        top_hit = a.hits[0].score if a.hits else 0.0
        has_held = bool(ent.held or ent.lacks)
        need = bool(_NEED_CUE.search(text))
        s["yeu_cau"] += 0.25 * bool(ent.grade) + 0.12 * bool(req_areas) + 0.05 * need + 0.1 * (ent.person and need)
        s["yeu_cau"] -= 0.35 * ent.count + 0.25 * ent.percent
        commune = ent.tier in self.ungraded or bool(ent.role and self._role_tiers(ent.role) and self._role_tiers(ent.role) <= self.ungraded) or ent.role in self.addressed and not self._role_tiers(ent.role or "")
        s["yeu_cau"] += 0.3 * (commune and bool(_LEARN_CUE.search(text)) and not ent.percent)
        if not (ent.grade or req_areas or ent.person or state.grade or commune):
            s["yeu_cau"] -= 0.3
        if req_areas and (state.grade or state.role) and not ent.count:  # an area asked of someone already described
            s["yeu_cau"] += 0.15
        s["kiem_tra"] += 0.35 * has_held + 0.1 * bool(_CHECK_CUE.search(text))
        if not has_held and not _CHECK_CUE.search(text):
            s["kiem_tra"] -= 0.3
        s["chi_tieu"] += 0.4 * ent.count - (0.0 if ent.count else 0.35)
        s["van_ban"] += 0.25 * bool(_DOC_CUE.search(text)) - (0.0 if _DOC_CUE.search(text) else 0.2)
        s["van_ban"] += 0.4 * bool(self._cites_a_basis(a.raw))
        scope = bool(_SCOPE_CUE.search(text)) and not _STRUCTURE.search(text)
        s["pham_vi"] += 0.3 * scope - (0.0 if scope else 0.35)
        s["noi_dung"] += min(0.3, top_hit / 120) + 0.1 * ent.percent
        s["nguyen_van"] += 0.3 * bool(ent.clause) - (0.0 if _QUOTE_CUE.search(text) else 0.3)
        s["tro_giup"] -= 0.2
        return s

    def _cites_a_basis(self, raw: str) -> bool:
        """The message names a document number of the preamble (18/2010, 92/2009, 1374 ...)."""
        basis = self.kb.clause("CC").text
        return any(n in basis for n in re.findall(r"\b\d{2,4}(?:/\d{4})?\b", raw) if not re.fullmatch(r"20\d\d", n))

    # ---- intents -----------------------------------------------------------------------------
    def _profile(self, a: Analysis, state: State) -> tuple[str | None, str | None, str | None]:
        ent = a.ent
        grade = ent.grade or state.grade
        tier = ent.tier or state.tier
        # a role the plan ties to ungraded tiers (commune roles), or an elected one (tiers: all)
        tiers_of = self._role_tiers(ent.role) if ent.role else set()
        role = ent.role if ent.role and (tiers_of and tiers_of <= self.ungraded
                                         or not tiers_of and ent.role in self.addressed) else None
        if role is None and tier in self.ungraded and re.search(r"\bcan bo\b", ent.text) and not re.search(r"\bcong chuc\b", ent.text):
            role = self._role_named(f"can bo {self.kb.by_id('tiers', tier).name}")  # "cán bộ xã", not công chức
        role_tiers = self._role_tiers(role) if role else set()
        if tier is None and len(role_tiers) == 1:
            tier = next(iter(role_tiers))
        return grade, tier, role

    def requirements(self, a: Analysis, state: State, confidence: float, all_areas: bool = False) -> Decision:
        ent = a.ent
        grade, tier, role = self._profile(a, state)
        areas = [x for x in ent.areas if x in REQUIREMENT_AREAS]
        carried = None
        if not areas and not all_areas and _followup(a) and state.last_area and not _WHOLE.search(ent.text):
            areas = [state.last_area]  # "còn chuyên viên chính thì sao?": the topic of the last answer
            carried = self.kb.by_id("areas", state.last_area).name.lower()
        if all_areas:
            areas = []
        if tier in self.ungraded or role:
            d = self._role_requirements(a, state, confidence, tier, role, areas)
            d.context["carried"] = carried
            return d
        d = self._requirements(a, state, confidence, grade, tier, areas)
        d.context["carried"] = carried
        return d

    def _requirements(self, a, state, confidence, grade, tier, areas) -> Decision:
        ent = a.ent
        if grade is None and _CONDITION_ROLES.get(ent.role or "") is not None:
            return self._conditional_requirements(a, state, confidence, ent.role)
        if grade is None:
            if areas and all(x not in VARYING_AREAS for x in areas):
                return self._area_requirements(a, state, confidence, areas, tier)
            if areas and not ent.person:
                return self._area_requirements(a, state, confidence, areas, tier)
            return self.clarify_grade(a, state, "yeu_cau")
        person = Person(tier=tier, grade=grade, age=ent.age or state.age)
        reqs = requirements_for(self.kb, person, kinds=("standard",))
        if areas:
            anyone = Person(tier=tier, grade=grade)
            reqs = [r for r in reqs if r.area in areas] + [
                r for r in requirements_for(self.kb, anyone, kinds=("training",), strict_conditions=False)
                if (r.area in areas or r.when is not None) and _mentions_condition(a, r)
            ]
        verdicts = self._verdicts(reqs, {**state.held, **ent.held}, ent.lacks)
        new_state = state.model_copy(update={"grade": grade, "tier": tier or state.tier,
                                              "last_area": areas[0] if len(areas) == 1 else state.last_area})
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence, template="requirements",
            grade=grade, tier=tier, clauses=_unique(r.clause for r in reqs),
            context={"grade": self.kb.by_id("grades", grade), "tier": self.kb.by_id("tiers", tier) if tier else None,
                     "items": verdicts, "areas": areas, "age": ent.age},
            state=new_state,
        )

    def _conditional_requirements(self, a, state, confidence, role) -> Decision:
        """What the plan provides for a group named by a condition (newly recruited, key officials ...)."""
        key = _CONDITION_ROLES[role]
        reqs = [r for r in self.kb.requirements
                if (r.roles and role in r.roles) or (r.when is not None and getattr(r.when, key, None))]
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence, template="requirements",
            clauses=_unique(r.clause for r in reqs),
            context={"role": self.kb.by_id("roles", role), "items": self._verdicts(reqs, {}, {}), "areas": []},
            state=state,
        )

    def _area_requirements(self, a, state, confidence, areas, tier) -> Decision:
        reqs = []
        for area in areas:
            reqs.extend(requirements_by_area(self.kb, area))
            reqs.extend(r for r in self.kb.requirements if r.kind == "training" and r.when is not None
                        and not set(r.tiers) & self.ungraded and _mentions_condition(a, r))
        if tier is None or tier in self.ungraded:  # the commune standards of these areas too
            reqs.extend(r for r in self.kb.requirements if r.kind == "standard" and r.area in areas
                        and r.min_level and set(r.tiers) & self.ungraded)
        reqs = list({r.id: r for r in reqs}.values())
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence, template="requirements",
            grade=None, tier=tier, clauses=_unique(r.clause for r in reqs),
            context={"grade": None, "tier": None, "items": self._verdicts(reqs, {}, {}), "areas": areas,
                     "by_grade": True},
            state=state.model_copy(update={"last_area": areas[0] if len(areas) == 1 else state.last_area}),
        )

    def _role_requirements(self, a, state, confidence, tier, role, areas) -> Decision:
        person = Person(tier=tier, role=role, grade=None)
        reqs = requirements_for(self.kb, person, strict_conditions=False)
        reqs = [r for r in reqs if r.when is None or _mentions_condition(a, r)]
        if areas:
            narrowed = [r for r in reqs if r.area in areas]
            if not narrowed and tier is not None:  # the plan says nothing of that area for this tier
                d = self._area_requirements(a, state, confidence, areas, None)
                d.context["silent_for"] = self.kb.by_id("tiers", tier).name
                return d
            reqs = narrowed or reqs
        verdicts = self._verdicts(reqs, {**state.held, **a.ent.held}, a.ent.lacks)
        return Decision(
            kind="answer", intent="yeu_cau", confidence=confidence, template="requirements",
            grade=a.ent.grade, tier=tier, clauses=_unique(r.clause for r in reqs),
            context={"grade": None, "tier": self.kb.by_id("tiers", tier) if tier else None,
                     "role": self.kb.by_id("roles", role) if role else None, "items": verdicts, "areas": areas},
            state=state.model_copy(update={"tier": tier or state.tier, "role": role or state.role,
                                           "last_area": areas[0] if len(areas) == 1 else state.last_area}),
        )

    def _verdicts(self, reqs, held: dict[str, str], lacks: dict[str, str]) -> list[dict]:
        items = []
        for r in reqs:
            level = held.get(r.area)
            verdict = meets(self.kb, r, level) if level else None
            if verdict is None and r.area in lacks and r.checkable:
                lacked = lacks[r.area]
                scale = self.kb.by_id("scales", self.kb.by_id("areas", r.area).scale)
                if lacked == NONE_LEVEL or (scale and scale.index(lacked) <= scale.index(r.min_level)):
                    verdict = False  # lacking the required level (or anything at all) misses it
                    level = None
            items.append({"req": r, "area": self.kb.by_id("areas", r.area), "held": level,
                          "held_name": _level_name(self.kb, r.area, level), "verdict": verdict,
                          "lacked": lacks.get(r.area),
                          "lacked_name": None if lacks.get(r.area) == NONE_LEVEL else _level_name(self.kb, r.area, lacks.get(r.area))})
        return items

    def check(self, a: Analysis, state: State, confidence: float) -> Decision:
        ent = a.ent
        grade, tier, role = self._profile(a, state)
        if grade is None and tier not in self.ungraded and role is None:
            return self.clarify_grade(a, state, "kiem_tra")
        held_areas = set(ent.held) | set(ent.lacks)
        full = len(held_areas) >= 2 or bool(_GENERIC_CHECK.search(ent.text) and not set(ent.areas) - held_areas)
        d = self.requirements(a, state, confidence, all_areas=full)
        if held_areas and (not full or len(held_areas) == 1):  # what they hold, and what the question asks about
            focus = held_areas | set(ent.areas)
            items = [i for i in d.context["items"] if i["req"].area in focus] or d.context["items"]
            if full:  # "đạt chuẩn chưa?" knowing one level: the other standards in one line, not six blocks
                d.context["others"] = [i for i in d.context["items"] if i not in items and i["req"].kind == "standard"]
            d.context["items"] = items
            d.clauses = _unique(i["req"].clause for i in [*items, *d.context.get("others", [])])
        d.intent = "kiem_tra"
        d.context["check"] = True
        if d.state is not None:
            d.state = d.state.model_copy(update={"held": {**state.held, **ent.held}})
        return d

    def clarify_grade(self, a: Analysis, state: State, intent: str) -> Decision:
        options = [Option(label=g.name.capitalize(), query=g.name) for g in self.kb.grades]
        options.append(Option(label="Công chức cấp xã", query="công chức cấp xã"))
        return Decision(
            kind="clarify", intent=intent, confidence=0.5, template="clarify", tier=a.ent.tier,
            options=options, context={"ask": "ngạch"},
            state=state.model_copy(update={"pending": a.raw[:300], "tier": a.ent.tier or state.tier}),
        )

    def annex(self, a: Analysis, state: State, confidence: float) -> Decision:
        annex = self.kb.annex
        assert annex is not None
        text = a.ent.text
        parts = [self.u.lex.canonical(p) for p in re.split(ANNEX_SPLIT, a.raw) if p.strip()] or [text]
        codes = self.annex_rows.select(parts)
        named = self.annex_rows.named(text)
        bare_period = named and set(named) == {self.annex_rows.total} and len(text.split()) <= 4
        if (not named or bare_period) and state.last_intent == "chi_tieu" and state.last_rows:
            codes = list(state.last_rows)  # "còn 2014?", "cả giai đoạn?": the rows asked about before
        if WHICH_CLASS.search(text) and any(annex.row(c).parts for c in codes):
            codes = self.annex_rows.deepest([c for c in codes if annex.row(c).parts])  # "which class had the most": compare the classes
        years = [y for y in a.ent.years if y in annex.years]
        whole = {annex.years[0], annex.years[-1]} <= set(years)  # "2011 - 2015": the period, not one year
        year = years[0] if len(years) == 1 or (years and not whole) else None
        per_year = bool(re.search(r"\b(moi nam|hang nam|tung nam|theo nam|cac nam)\b", text))
        rows = [annex.row(c) for c in codes]
        return Decision(
            kind="answer", intent="chi_tieu", confidence=confidence, template="annex",
            clauses=[annex.clause],
            context={"rows": rows, "year": year, "per_year": per_year, "annex": annex,
                     "paths": {c: annex_path(annex, c) for c in codes},
                     "extreme": annex_extreme(annex, rows, text, {c: annex_path(annex, c) for c in codes})},
            state=state.model_copy(update={"last_intent": "chi_tieu", "last_rows": codes}),
        )

    def document(self, a: Analysis, state: State, confidence: float) -> Decision:
        text = a.ent.text
        facets = []
        if re.search(r"\b(ki|nguoi ki|chu tich ki)\b", text):
            facets.append("signer")
        if re.search(r"\b(so hieu|so may|so bao nhieu|ngay ban hanh|ngay nao|ban hanh ngay|ngay thang)\b", text) and not re.search(r"\bquyet dinh\b", text):
            facets.append("number")
        if re.search(r"\b(can cu|van ban nao|phap li|nghi dinh|luat)\b", text):
            facets.append("bases")
        if re.search(r"\b(quyet dinh|thu tuong|1374)\b", text):
            facets.append("implements")
        if re.search(r"\b(noi nhan|gui cho|gui den)\b", text):
            facets.append("recipients")
        if re.search(r"\b(co quan nao|ai ban hanh|don vi nao ban hanh)\b", text):
            facets.append("issuer")
        if re.search(r"\b(hieu luc|het han|con ap dung)\b", text):
            facets.append("validity")
        if re.search(r"\b(giai doan|thoi gian|ap dung)\b", text) and not facets:
            facets.append("period")
        if not facets:
            facets = ["number", "signer", "period", "bases", "implements"]
        clauses = ["CC"] if {"bases", "implements"} & set(facets) else []
        return Decision(
            kind="answer", intent="van_ban", confidence=confidence, template="document",
            clauses=clauses, context={"facets": facets, "doc": self.kb.document, "cc": self.kb.clause("CC")},
            state=state,
        )

    def scope(self, a: Analysis, state: State, confidence: float) -> Decision:
        tiers = [self.kb.by_id("tiers", t) for t in (a.ent.tiers or [x.id for x in self.kb.tiers])]
        return Decision(
            kind="answer", intent="pham_vi", confidence=confidence, template="scope",
            tier=a.ent.tier, clauses=_unique(t.clause for t in tiers), context={"tiers": tiers}, state=state,
        )

    def content(self, a: Analysis, state: State, confidence: float) -> Decision:
        if _STRUCTURE.search(a.ent.text):
            outline = self.outline(a, state, confidence)
            if outline is not None:
                return outline
        if not a.hits or a.hits[0].score < 4.0:
            return self.fallback(a, state)
        top = a.hits[0]
        clause = top.passage.clause
        if self._about_me_without_tier(a, state, clause):
            return self.clarify_tier(a, state)
        c = self.kb.clause(clause)
        whole = self._heading_share(a, clause) >= 0.75  # the question names the clause itself: show all of it
        lex = self.u.lex
        asked = {t for t in self.u.index.query_terms(a.ent.text) if "+" not in t} - lex.stopwords
        words_of = self._passage_words
        if whole:  # the items that fit a phone screen, those sharing most words with the question first
            ranked = sorted(range(len(c.items)), key=lambda k: (-len(asked & set(words_of(c.items[k]).split())), k))
            picked, size = [], 0
            for k in ranked[:_WHOLE_CLAUSE_ITEMS]:
                if picked and size + len(c.items[k]) > _SCREEN:
                    break
                picked.append(k)
                size += len(c.items[k])
            chosen_texts = [c.items[k] for k in sorted(picked)]
        else:
            share = 0.35 if re.search(r"\b(nhung|cac|gom)\b", a.ent.text) else 0.55  # a list question takes more
            chosen = [h for h in a.hits if h.passage.clause == clause and h.score >= share * top.score][:3]
            chosen_texts = [h.passage.text for h in sorted(chosen, key=lambda h: h.passage.index)]
        if not whole:  # a long item is shown by its sentences that answer; "Nguyên văn" shows all of it
            chosen_texts = [excerpt(t, asked, words_of) for t in chosen_texts]
        sections = [{"clause": c, "passages": chosen_texts, "path": self.clause_path(clause)}]
        runner = next((h for h in a.hits if h.passage.clause != clause), None)
        if not whole and runner is not None and runner.score >= _SECOND_CLAUSE_SHARE * top.score:  # two answer alike
            other = self.kb.clause(runner.passage.clause)
            sections.append({"clause": other, "passages": [excerpt(runner.passage.text, asked, words_of)],
                             "path": self.clause_path(other.id)})
        shown = sum(len(s["passages"]) for s in sections if s["clause"].id == clause)
        return Decision(
            kind="answer", intent="noi_dung", confidence=min(confidence, 1.0), template="passages",
            tier=a.ent.tier, clauses=[s["clause"].id for s in sections],
            context={"sections": sections, "more": len(c.items) - shown if whole else 0, "more_clause": clause},
            state=state.model_copy(update={"last_intent": "noi_dung"}),
        )

    def _passage_words(self, text: str) -> str:
        """A passage's words as the search reads them (canonical, multiword names joined)."""
        return self.u.lex.join_compounds(self.u.lex.canonical(text))

    def _heading_share(self, a: Analysis, clause: str) -> float:
        """Share of the question's informative words found in the clause's headings."""
        lex = self.u.lex
        words = [w for w in lex.join_compounds(a.ent.text).split() if w not in lex.stopwords and not w.isdigit()]
        if not words:
            return 0.0
        heading = self._heading_words(clause)
        return sum(w in heading for w in words) / len(words)

    def _heading_words(self, clause: str) -> frozenset[str]:
        """Canonical words of a clause's headings (its own and its parents'), computed once."""
        cached = self._headings.get(clause)
        if cached is None:
            lex = self.u.lex
            cached = frozenset(lex.join_compounds(lex.canonical(" ".join(self.clause_path(clause)))).split())
            self._headings[clause] = cached
        return cached

    def _about_me_without_tier(self, a: Analysis, state: State, clause: str) -> bool:
        """'What is the objective for me?' when the answer differs by tier and the tier is unknown."""
        ent = a.ent
        known = ent.grade or ent.tier or ent.tiers or ent.role or state.grade or state.tier or state.role
        return bool(ent.person and _ABOUT_ME.search(ent.text) and not known and clause.startswith(self.tier_specific))

    def clarify_tier(self, a: Analysis, state: State) -> Decision:
        """Ask the tier, offering the two branches of the plan."""
        options = [Option(label="Cấp tỉnh, cấp huyện", query="cấp tỉnh"), Option(label="Cấp xã", query="cấp xã")]
        return Decision(kind="clarify", intent="noi_dung", confidence=0.5, template="clarify", options=options,
                        context={"ask": "cấp"}, state=state.model_copy(update={"pending": a.raw[:300]}))

    def outline(self, a: Analysis, state: State, confidence: float) -> Decision | None:
        """'What parts does X have?': the headings under the part the question names."""
        lex = self.u.lex
        # "kế hoạch" is the plan itself; "mục", "phần", "nhóm" name the parts asked for, not a heading
        words = set(lex.join_compounds(a.ent.text).split()) - lex.stopwords - {"ke_hoach", "muc", "phan", "nhom", "chia"}
        parents = [c for c in self.kb.clauses if any(o.id.startswith(c.id + ".") for o in self.kb.clauses)]
        scored = []
        for c in parents:  # the part whose headings (its own and its parents') cover most of the question
            path = self._heading_words(c.id) - lex.stopwords
            own = set(lex.join_compounds(lex.canonical(c.title)).split()) - lex.stopwords
            if own & words:
                scored.append((len(path & words), c.id.count("."), c))
        if re.search(r"\bke hoach (gom|co)\b", a.ent.text) and not scored:
            children = [c for c in self.kb.clauses if "." not in c.id and c.items == [] and c.title.isupper()]
            parent_title = None
        elif scored:
            parent = max(scored, key=lambda x: (x[0], x[1]))[2]
            depth = parent.id.count(".") + 1
            children = [c for c in self.kb.clauses if c.id.startswith(parent.id + ".") and c.id.count(".") == depth]
            parent_title = f"{parent.id}. {parent.title}"
        else:
            return None
        return Decision(kind="answer", intent="noi_dung", confidence=confidence, template="outline",
                        clauses=[c.id for c in children],
                        context={"parent": parent_title, "children": children}, state=state)

    def quote(self, clause_id: str, state: State) -> Decision:
        if not clause_id or not self.kb.has_clause(clause_id):
            return Decision(kind="clarify", intent="nguyen_van", confidence=0.4, template="no_clause",
                            options=[Option(label=c.id, query=f"nguyên văn {c.id}") for c in self.leaf_clauses()[:8]],
                            context={"asked": clause_id}, state=state)
        c = self.kb.clause(clause_id)
        return Decision(
            kind="answer", intent="nguyen_van", confidence=1.0, template="clause", clauses=[clause_id],
            context={"clause": c, "path": self.clause_path(clause_id), "annex": self.kb.annex if clause_id == "PL" else None},
            state=state,
        )

    def help(self, state: State, empty: bool = False, thanks: bool = False) -> Decision:
        """A short greeting (or thanks) and a few suggested questions."""
        return Decision(kind="clarify" if empty else "answer", intent="tro_giup", confidence=1.0, template="help",
                        options=list(self.menus.suggestions), context={"empty": empty, "thanks": thanks},
                        state=state)

    def _vague(self, folded: str) -> bool:
        """A message naming no topic of its own: a few words, all of them words a menu asks back about."""
        own = [w for w in folded.split() if w not in self.u.lex.stopwords]
        return 0 < len(own) <= self.menus.vague_max_words and self.menus.matching(folded) is not None

    def ask_back(self, a: Analysis, state: State) -> Decision:
        """Ask what the user means, offering the menu that fits the words used."""
        menu = self.menus.for_vague(a.ent.text)
        return Decision(kind="clarify", intent="hoi_lai", confidence=0.5, template="clarify", options=menu.options,
                        context={"ask": "menu", "question": menu.ask},
                        state=state.model_copy(update={"pending": a.raw[:300]}))

    def _annex_followup(self, a: Analysis, state: State) -> bool:
        """'chính trị 2013?', 'còn 2014?', 'cả giai đoạn?': an annex row or year with no verb, or after figures."""
        if self.annex_rows is None:
            return False
        ent = a.ent
        words = len(ent.text.split())
        if ent.grade or ent.percent or _NEED_CUE.search(ent.text):
            return False
        named = self.annex_rows.named(ent.text)
        years = [y for y in ent.years if self.kb.document.in_period(y)]
        if named and (years or self.annex_rows.total in named) and words <= _FRAGMENT_WORDS:
            return True
        if len(set(named)) >= 1 and self._compare.search(ent.text) and (years or len(set(named)) >= 2):
            return True  # "so sánh bồi dưỡng trong nước 2011 vs 2015", "đào tạo so với bồi dưỡng"
        return state.last_intent == "chi_tieu" and bool(years or named) and words <= _FOLLOWUP_WORDS

    def fallback(self, a: Analysis, state: State, reason: str | None = None) -> Decision:
        """Out of scope, or not stated by the plan: say so, cite nothing, point to where the plan is nearest."""
        near = None
        if reason and a.ent.out_of_scope and a.hits and a.hits[0].score >= _NEAR_SCORE:
            clause = self.kb.clause(a.hits[0].passage.clause)
            near = f"{clause.id} ({self.clause_path(clause.id)[-1]})"
        return Decision(kind="fallback", intent="ngoai_pham_vi", confidence=0.9 if reason else 0.6,
                        template="fallback", context={"reason": reason, "near": near}, state=state)

    def _oos_reason(self, a: Analysis) -> str:
        ent, doc = a.ent, self.kb.document
        if ent.other_place:
            return f"{doc.name} chỉ áp dụng cho tỉnh {doc.province}, không nói về {ent.other_place.title()}."
        if ent.other_period:
            return f"{doc.name} chỉ cho giai đoạn {doc.period_text}; tôi không có văn bản của giai đoạn khác."
        return f"{doc.name} không nêu {ent.out_of_scope}."

    # ---- helpers -----------------------------------------------------------------------------
    def clause_path(self, clause_id: str) -> list[str]:
        """Headings from the section down to the clause."""
        parts = clause_id.split(".")
        out = []
        for i in range(len(parts)):
            cid = ".".join(parts[: i + 1])
            if self.kb.has_clause(cid):
                title = self.kb.clause(cid).title
                if not out or out[-1] != title:  # II.2 and II.2.b share a heading
                    out.append(title)
        return out

    def leaf_clauses(self):
        """Clauses that have text of their own."""
        return [c for c in self.kb.clauses if c.items]


_PROFILE_FILLER = re.compile(
    r"\b(toi|em|minh|la|o|lam|cong tac|ngach|cap|tinh|huyen|xa|phuong|thi tran|thi xa|thanh pho|so|chuyen vien|chinh|cao cap"
    r"|can su|cong chuc|can bo|thi sao|con|va|tuong duong)\b"
)


def _only_profile(ent) -> bool:
    """The message names only a grade and/or a tier (no question of its own)."""
    if not (ent.grade or ent.tier) or ent.areas or ent.held or ent.lacks:
        return False
    text = ent.text
    for place in ent.places:  # "em ở huyện Ngã Năm": the place's name is part of the profile
        text = text.replace(place, " ")
    return not _PROFILE_FILLER.sub(" ", text).split()


_STRUCTURE = re.compile(
    r"\b(chia ra|chia thanh|gom (nhung|may|bao nhieu) (phan|nhom|muc|noi dung)|nhung (phan|nhom|muc) nao"
    r"|co (may|bao nhieu) (phan(?! tram)|muc|nhom)|cau truc|bo cuc)\b"
)
_ABOUT_ME = re.compile(r"\b(doi voi (toi|em|minh)|cho (toi|em|minh)|cua (toi|em|minh))\b")
_WHOLE_CLAUSE_ITEMS = 6
_SCREEN = 600  # characters of quoted items that fit one phone screen
_NEAR_SCORE = 6.0
_WHOLE = re.compile(r"\b(hoc gi|can gi|nhung gi|tat ca|day du|tieu chuan gi|yeu cau gi|nhung yeu cau)\b")
_FRAGMENT_WORDS = 7  # an annex question without a verb is short: "bồi dưỡng trong nước 2014"
_FOLLOWUP_WORDS = 10  # after figures, "trong đó các lớp chuyên môn nghiệp vụ?" still asks for figures
_ASKING = re.compile(r"\b(gi|nao|bao nhieu|khong|chua|sao|hoi|the nao|ra sao)\b")  # a passage scoring this well is where the plan speaks of the topic asked about
_SECOND_CLAUSE_SHARE = 0.85  # a second clause is shown when its best passage scores this close to the first


# pairs of intents answered by the same handler: a near tie between them needs no second reading
_SAME_FAMILY = [{"yeu_cau", "kiem_tra"}, {"tro_giup", "nguyen_van"}]

# roles that stand for a condition of a training item rather than a grade
_CONDITION_ROLES = {"moi_trung_tuyen": "newly_recruited", "chu_chot": "chu_chot"}


def _followup(a: Analysis) -> bool:
    return len(a.ent.text.split()) <= 6


def _mentions_condition(a: Analysis, req) -> bool:
    cond = req.when
    if cond is None:
        return True
    text = a.ent.text
    if cond.age_under is not None:
        return a.ent.age is not None or bool(re.search(r"\b(tuoi|ielts|toefl|thac si|tien si)\b", text))
    if cond.ethnic_area:
        return bool(re.search(r"\b(dan toc|khmer|dong bao)\b", text))
    if cond.newly_recruited:
        return bool(re.search(r"\b(trung tuyen|tien cong vu|moi tuyen)\b", text))
    if cond.planned_appointment:
        return bool(re.search(r"\b(bo nhiem|de bat)\b", text))
    return False


_HELD_SUFFIX = {"llct": " lý luận chính trị", "qlnn": " (lớp QLNN)"}


def _level_name(kb, area, level):
    """How a held level reads in a verdict: 'trung cấp lý luận chính trị', 'chuyên viên (lớp QLNN)'."""
    if level is None:
        return None
    return level_name(kb, area, level) + _HELD_SUFFIX.get(area, "")


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))
