"""The plan's own text: passages that answer, outlines, verbatim clauses, the document and the tiers' scope."""

from __future__ import annotations

import re

from bot.cues import (PRIOR_HIT_SHARE, PRIOR_MARGIN, PRIOR_RESCUE, PRIOR_SURE, RESCUE_HIT, SCREEN, SECOND_CLAUSE_SHARE, WEAK_HIT,
                      WHOLE_CLAUSE_ITEMS, unique)
from bot.decision import Decision
from bot.views import ClarifyView, ClauseView, DocumentView, NoClauseView, OutlineView, PassagesView, ScopeView
from bot.excerpt import excerpt
from bot.actions import Action
from bot.reply import Option, State
from bot.retrieval import Hit
from bot.understand import Analysis


# cue of the document's facets (bot/data/cues.yaml) -> facet shown by the document template
DOC_FACETS = (("doc_signer", "signer"), ("doc_number", "number"), ("doc_bases", "bases"), ("doc_decision", "implements"),
              ("doc_recipients", "recipients"), ("doc_issuer", "issuer"), ("doc_validity", "validity"),
              ("named", "title"))  # the title heads every answer about the document


class PlanTextDecisions:
    """Decider methods (mixed into bot.decide.Decider; they use its kb, understander and tables)."""

    def document(self, a: Analysis, state: State, confidence: float) -> Decision:
        cues = a.cues
        implemented = self.kb.document.implements or ""
        cites_it = any(n in implemented for n in re.findall(r"\b\d{3,4}\b", a.raw))  # the Decision, by number
        asked = cues | ({"doc_decision"} if cites_it else set())
        facets = [facet for cue, facet in DOC_FACETS if cue in asked]
        if "doc_decision" in asked:  # "ngày ban hành của quyết định": the Decision's date, not the plan's
            facets = [f for f in facets if f != "number"]
        if "doc_period" in cues and not facets:
            facets.append("period")
        if not facets:
            facets = ["number", "signer", "period", "bases", "implements"]
        if "bases" in facets and "implements" not in facets:  # "căn cứ vào những văn bản nào": the Decision too
            facets.append("implements")
        clauses = [self.kb.preamble.id] if {"bases", "implements"} & set(facets) else []
        return Decision(
            kind="answer", intent="van_ban", confidence=confidence,
            clauses=clauses, view=DocumentView(facets=facets, cc=self.kb.preamble),
            state=state,
        )

    def scope(self, a: Analysis, state: State, confidence: float) -> Decision:
        tiers = [self.kb.by_id("tiers", t) for t in (a.ent.tiers or [x.id for x in self.kb.tiers])]
        return Decision(
            kind="answer", intent="pham_vi", confidence=confidence, view=ScopeView(tiers=tiers),
            tier=a.ent.tier, clauses=unique(t.clause for t in tiers), state=state,
        )

    def content(self, a: Analysis, state: State, confidence: float, ranked_by: str = "") -> Decision:
        if "structure" in a.cues:
            outline = self.outline(a, state, confidence)
            if outline is not None:
                return outline
        compared = self._clauses_compared(a)
        if compared:
            return self._side_by_side(compared, a, state, confidence)
        weak = not a.hits or a.hits[0].score < WEAK_HIT
        top = self._prior_rescue(a) if weak else a.hits[0]
        if top is None:
            return self.fallback(a, state)
        sections = self.u.index.section_boost(a.ent.text)  # "mục tiêu đối với …": under the objectives only
        headed = [c for c in self._clauses_headed(a)
                  if not sections or any(c == x or c.startswith(x + ".") for x in sections)]
        if len(headed) == 1 and self.kb.clause(headed[0]).items:  # "trách nhiệm của Sở Nội vụ": that clause
            top = self._best_in(a, headed[0]) or top
        else:
            top = self._prior_pick(a, top)
        if not a.ent.tier and state.tier:  # "vùng đồng bào dân tộc thì học thêm gì?" asked by one at the sở
            top = self._for_tier_of_asker(a, top, state.tier)
        if "about_me" in a.cues and (a.ent.role or state.role):  # "mục tiêu cho chức danh của mình": the role's own
            top = self._for_role_of_asker(a, top, a.ent.role or state.role)
        clause = self._for_tier_named(top.passage.clause, a.ent.tier)
        if self._about_me_without_tier(a, state, clause):
            return self.clarify_tier(a, state)
        c = self.kb.clause(clause)
        whole = self._heading_share(a, clause) >= 0.75  # the question names the clause itself: show all of it
        lex = self.u.lex
        asked = {t for t in self.u.index.query_terms(a.ent.text) if "+" not in t} - lex.stopwords
        words_of = self._passage_words
        if whole:  # the items that fit a phone screen, those sharing most words with the question first
            # objectives (asked as such, or a clause of the plan's objectives): its lead item and its measurable
            # targets (figures, years) before the rest
            targets = a.act == "objective" or any(o.clause == clause for o in self.kb.objectives)
            if ranked_by:  # a question asked again of this clause: its own words pick the items
                asked = {t for t in self.u.index.query_terms(lex.canonical(ranked_by)) if "+" not in t} - lex.stopwords
            own = asked - self._heading_words(clause)  # the words that ask more than the clause's name
            ranked = sorted(range(len(c.items)), key=lambda k: (-len(own & set(words_of(c.items[k]).split())),
                                                                 -(targets and (k == 0 or _has_figure(c.items[k]))), k))
            picked, size = [], 0
            for k in ranked[:WHOLE_CLAUSE_ITEMS]:
                if picked and size + len(c.items[k]) > SCREEN:
                    continue  # a shorter item further down may still fit
                picked.append(k)
                size += len(c.items[k])
            chosen_texts = [c.items[k] for k in (picked if ranked_by else sorted(picked))]  # asked again: best first
        else:
            share = 0.35 if "list_words" in a.cues else 0.55  # a list question takes more
            mine = self.u.index.within(a.ent.text, clause) or [top]  # every item of the clause, not the best 8 of all
            chosen = [h for h in mine if h.score >= share * mine[0].score][:3]
            chosen_texts = [h.passage.text for h in sorted(chosen, key=lambda h: h.passage.index)]
        if not whole:  # a long item is shown by its sentences that answer; "Nguyên văn" shows all of it
            chosen_texts = [excerpt(t, asked, words_of) for t in chosen_texts]
        sections = [{"clause": c, "passages": chosen_texts, "path": self.clause_path(clause)}]
        runner = next((h for h in a.hits if h.passage.clause != clause), None)
        if not (whole or weak) and runner is not None and runner.score >= SECOND_CLAUSE_SHARE * top.score:
            # two clauses answer alike (not after a weak match: its best passage is not a second answer)
            other = self.kb.clause(runner.passage.clause)
            sections.append({"clause": other, "passages": [excerpt(runner.passage.text, asked, words_of)],
                             "path": self.clause_path(other.id)})
        shown = sum(len(s["passages"]) for s in sections if s["clause"].id == clause)
        return Decision(
            kind="answer", intent="noi_dung", confidence=min(confidence, 1.0),
            tier=a.ent.tier, clauses=[s["clause"].id for s in sections],
            view=PassagesView(sections=sections, more=len(c.items) - shown if whole else 0, more_clause=clause),
            state=state.model_copy(update={"last_intent": "noi_dung"}),
        )

    def _best_in(self, a: Analysis, clause: str) -> Hit | None:
        """The passage of one clause that best matches the message, if any matches."""
        return next(iter(self.u.index.within(a.ent.text, clause)), None)

    def _prior_clause(self, a: Analysis) -> str | None:
        """The clause of the plan the learned prior finds likeliest for the message, if clearly ahead of the next."""
        ranked = sorted((c for c in a.prior if self.kb.has_clause(c)), key=a.prior.get, reverse=True)
        if not ranked or (len(ranked) > 1 and a.prior[ranked[0]] - a.prior[ranked[1]] < PRIOR_MARGIN):
            return None
        return ranked[0]

    def _prior_rescue(self, a: Analysis) -> Hit | None:
        """A weak match answered from the clause the learned prior is sure of, if its text has the asked words."""
        sure = self._prior_clause(a)
        if sure is None or a.prior[sure] < PRIOR_RESCUE:
            return None
        best = self._best_in(a, sure)
        return best if best is not None and best.score >= RESCUE_HIT else None

    def _prior_pick(self, a: Analysis, top: Hit) -> Hit:
        """The passage of the clause the learned prior is sure of, when the words match it nearly as well."""
        if "about_me" in a.cues:  # "mục tiêu của tôi": the clause of the asker's tier, which the wording cannot tell
            return top
        sure = self._prior_clause(a)
        if sure is None or a.prior[sure] < PRIOR_SURE or sure == top.passage.clause:
            return top
        best = self._best_in(a, sure)
        return best if best is not None and best.score >= PRIOR_HIT_SHARE * top.score else top

    def _for_tier_named(self, clause: str, tier_id: str | None) -> str:
        """The clause written for the tier the message names, parallel to one written for another tier."""
        found = self._parallel_section(clause, tier_id)
        return found[1] if found is not None and found[0] == clause else clause

    def _for_tier_of_asker(self, a: Analysis, top: Hit, tier_id: str) -> Hit:
        """The best passage of the asker's own tier's section, when the best one is in the parallel section written
        for another tier (II.2 for xã, II.1 for tỉnh, huyện) and the message names no tier."""
        found = self._parallel_section(top.passage.clause, tier_id)
        if found is None:
            return top
        mine = found[1]
        return next((h for h in a.hits if h.passage.clause == mine or h.passage.clause.startswith(mine + ".")), top)

    def _for_role_of_asker(self, a: Analysis, top: Hit, role_id: str) -> Hit:
        """The best passage of the clause written for the asker's role in the section of the best one, if any."""
        role = self.kb.by_id("roles", role_id)
        section = top.passage.clause.split(".")[0]
        own = [c for c in (role.clauses if role else []) if c.split(".")[0] == section]
        if not own or top.passage.clause in own:
            return top
        return self._best_in(a, own[0]) or next((Hit(p, top.score) for p in self.u.index.passages
                                                  if p.clause == own[0]), top)

    def _parallel_section(self, clause: str, tier_id: str | None) -> tuple[str, str] | None:
        """The section written for another tier that holds the clause, and the one written for this tier in its place
        (plan data: tiers[].clauses in the same order: I.2.a for tỉnh, huyện and I.2.b for xã)."""
        own = self.kb.by_id("tiers", tier_id) if tier_id else None
        if own is None:
            return None
        for tier in self.kb.tiers:
            for k, section in enumerate(tier.clauses):
                if (clause == section or clause.startswith(section + ".")) and k < len(own.clauses) \
                        and own.clauses[k] != section:
                    return section, own.clauses[k]
        return None

    def _passage_words(self, text: str) -> str:
        """A passage's words as the search reads them (canonical, multiword names joined)."""
        return self.u.lex.join_compounds(self.u.lex.canonical(text))

    def _clauses_compared(self, a: Analysis) -> list[str]:
        """'Mục tiêu chung và mục tiêu cụ thể khác nhau thế nào': two or more clauses named by their own headings
        (of two words or more) in a comparing question; the most specific of them."""
        if not self._compare.search(a.ent.text):
            return []
        named = self._clauses_headed(a)
        if len(named) >= 2:
            return named
        role = self.kb.by_id("roles", a.ent.role) if a.ent.role else None
        sections = list(self.u.index.section_boost(a.ent.text))
        if role is None or len(sections) < 2:
            return []
        # "mục tiêu … và nội dung bồi dưỡng đại biểu HĐND khác nhau thế nào": the role's clause in each section named
        best = [next((c for c in role.clauses if c.startswith(sec + ".")), None) for sec in sections]
        return [c for c in best if c] if all(best) else []

    def _clauses_headed(self, a: Analysis) -> list[str]:
        """The clauses a question names by all the words of their own heading (two words or more), most specific."""
        words = set(self.u.lex.join_compounds(a.ent.text).split())
        named = [cid for cid, own in self._own_headings().items() if len(own) >= 2 and own <= words]
        return [c for c in named if not any(o.startswith(c + ".") for o in named)]

    def _clauses_with_text_headed(self, a: Analysis) -> list[str]:
        """The clauses named by their heading that have text of their own (not a heading over parts)."""
        return [c for c in self._clauses_headed(a) if self.kb.clause(c).items]

    def _own_headings(self) -> dict[str, frozenset[str]]:
        """Each clause's own heading as canonical words (stopwords aside), computed once."""
        if self._own_heading_words is None:
            lex = self.u.lex
            self._own_heading_words = {
                c.id: frozenset(lex.join_compounds(lex.canonical(c.title)).split()) - lex.stopwords
                for c in self.kb.clauses}
        return self._own_heading_words

    def _side_by_side(self, clause_ids: list[str], a: Analysis, state: State, confidence: float) -> Decision:
        """Clauses compared: each one's first item (a clause without items: each part's), cut to what answers."""
        asked = {t for t in self.u.index.query_terms(a.ent.text) if "+" not in t} - self.u.lex.stopwords
        sections = []
        for cid in clause_ids:
            c = self.kb.clause(cid)
            shown = [c] if c.items else [x for x in self.kb.clauses if x.id.startswith(cid + ".") and x.items]
            sections += [{"clause": x, "passages": [excerpt(x.items[0], asked, self._passage_words)],
                          "path": self.clause_path(x.id)} for x in shown]
        return Decision(kind="answer", intent="noi_dung", confidence=min(confidence, 1.0),
                        clauses=[s["clause"].id for s in sections], view=PassagesView(sections=sections),
                        state=state.model_copy(update={"last_intent": "noi_dung"}))

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
        return bool(ent.person and "about_me" in a.cues and not known and clause.startswith(self.tier_specific))

    def clarify_tier(self, a: Analysis, state: State) -> Decision:
        """Ask the tier, offering the two branches of the plan."""
        graded = [t for t in self.kb.tiers if t.graded]  # tiers sharing their clauses: one choice
        options = [Option(label=", ".join(t.name for t in graded).capitalize(), action=Action(tier=graded[0].id))
                   ] if graded else []
        options += [Option(label=t.name.capitalize(), action=Action(tier=t.id)) for t in self.kb.tiers if not t.graded]
        return Decision(kind="clarify", intent="noi_dung", confidence=0.5, options=options,
                        view=ClarifyView(ask="cấp"), state=state.model_copy(update={"pending": a.raw[:300]}))

    def outline(self, a: Analysis, state: State, confidence: float) -> Decision | None:
        """'What parts does X have?': the headings under the part the question names."""
        lex = self.u.lex
        # "kế hoạch" is the plan itself; "mục", "phần", "nhóm" name the parts asked for, not a heading
        words = set(lex.join_compounds(a.ent.text).split()) - lex.stopwords - {"ke_hoach", "muc", "phan", "nhom", "chia"}
        parents = [c for c in self.kb.clauses if any(o.id.startswith(c.id + ".") for o in self.kb.clauses)]
        if a.ent.clause in {c.id for c in parents}:  # "phần III gồm những gì": the part cited
            parents = [self.kb.clause(a.ent.clause)]
        scored = []
        for c in parents:  # the part whose headings (its own and its parents') cover most of the question
            path = self._heading_words(c.id) - lex.stopwords
            own = set(lex.join_compounds(lex.canonical(c.title)).split()) - lex.stopwords
            if own & words or c.id == a.ent.clause:
                scored.append((len(path & words), c.id.count("."), c))
        if "plan_parts" in a.cues and not scored:
            children = [c for c in self.kb.clauses if "." not in c.id and c.items == [] and c.title.isupper()]
            parent_title = None
        elif scored:
            parent = max(scored, key=lambda x: (x[0], x[1]))[2]
            depth = parent.id.count(".") + 1
            children = [c for c in self.kb.clauses if c.id.startswith(parent.id + ".") and c.id.count(".") == depth]
            parent_title = f"{parent.id}. {parent.title}"
        else:
            return None
        return Decision(kind="answer", intent="noi_dung", confidence=confidence,
                        clauses=[c.id for c in children],
                        view=OutlineView(parent=parent_title, children=children), state=state)

    def clause_named(self, a: Analysis, state: State) -> Decision:
        """A clause cited by its number ("phần III gồm những gì", "mục II.3 nói gì"): its parts, else its text."""
        listed = "structure" in a.cues or "list_words" in a.cues
        parts = self.outline(a, state, 1.0) if listed else None
        return parts or self.quote(a.ent.clause, state)

    def quote(self, clause_id: str, state: State) -> Decision:
        if not clause_id or not self.kb.has_clause(clause_id):
            return Decision(kind="clarify", intent="nguyen_van", confidence=0.4, view=NoClauseView(asked=clause_id),
                            options=[Option(label=c.id, action=Action(intent="nguyen_van", clause=c.id))
                                     for c in self.leaf_clauses()[:8]],
                            state=state)
        c = self.kb.clause(clause_id)
        depth = clause_id.count(".") + 1
        children = [o for o in self.kb.clauses if o.id.startswith(clause_id + ".") and o.id.count(".") == depth]
        if not c.items and children:  # a heading over parts ("trích mục II"): its parts, each a button to quote
            return Decision(kind="answer", intent="nguyen_van", confidence=1.0, clauses=[o.id for o in children],
                            view=OutlineView(parent=f"{c.id}. {c.title}", children=children),
                            options=[Option(label=o.id, action=Action(intent="nguyen_van", clause=o.id))
                                     for o in children[:8]], state=state)
        return Decision(
            kind="answer", intent="nguyen_van", confidence=1.0, clauses=[clause_id],
            view=ClauseView(clause=c, path=self.clause_path(clause_id),
                            annex=self.kb.annex if self.kb.annex and clause_id == self.kb.annex.clause else None),
            state=state,
        )

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


def _has_figure(text: str) -> bool:
    """An item stating a number: a target ("100%", "đến năm 2015")."""
    return any(ch.isdigit() for ch in text)
