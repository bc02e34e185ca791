"""The annex figures: which rows and year a question asks about, and follow-ups that keep to the figures."""

from __future__ import annotations

from bot.annex import annex_arithmetic, annex_extreme, annex_path
from bot.cuebook import cue_book
from bot.cues import FOLLOWUP_WORDS, FRAGMENT_WORDS, PLACE_ONLY_WORDS
from bot.decision import Decision
from bot.views import AnnexView
from bot.reply import State
from bot.understand import Analysis


class FigureDecisions:
    """Decider methods (mixed into bot.decide.Decider; they use its kb, understander and tables)."""

    def annex(self, a: Analysis, state: State, confidence: float) -> Decision:
        annex = self.kb.annex
        assert annex is not None
        whole_province = None
        if a.ent.units:  # "huyện Mỹ Tú năm 2013 được bao nhiêu": the table is the province's, not split by unit
            note = (f"Phụ lục {self.kb.document.name} chỉ có số liệu chung của tỉnh, "
                    f"không chia theo đơn vị ({a.ent.units[0]}).")
            if not a.ent.person:
                return self.fallback(a, state, reason=note)
            whole_province = note  # "tôi ở Sở Nội vụ, …": where the asker works; the province's figures, said so
        text = a.ent.text
        parts = [self.u.lex.canonical(p) for p in cue_book()["annex_split"].split(a.raw) if p.strip()] or [text]
        codes = self.annex_rows.select(parts)
        named = self.annex_rows.named(text)
        bare_period = named and set(named) == {self.annex_rows.total} and len(text.split()) <= 4
        after_figures = state.last_intent == "chi_tieu" and bool(state.last_rows)
        if (not named or bare_period) and after_figures:
            codes = list(state.last_rows)  # "còn 2014?", "cả giai đoạn?": the rows asked about before
        elif after_figures and all(c in annex.row(self.annex_rows.total).parts for c in codes) \
                and ("difference" in a.cues or len(a.raw.split()) <= PLACE_ONLY_WORDS):
            # "còn trong nước?" after "bồi dưỡng nước ngoài": the same kind of row, under the place named now
            codes = [self.annex_rows.parallel(r, place) for place in codes for r in state.last_rows]
        if after_figures and "difference" in a.cues and set(codes) != set(state.last_rows):
            codes = list(dict.fromkeys([*state.last_rows, *codes]))  # "so với trong nước thì ít hơn bao nhiêu?"
        if "which_class" in a.cues and any(annex.row(c).parts for c in codes):
            codes = self.annex_rows.deepest([c for c in codes if annex.row(c).parts])  # "which class had the most": compare the classes
        if "breakdown" in a.cues:  # "nước ngoài, chia đào tạo và bồi dưỡng thế nào": the row and its parts
            split = [c for c in codes if annex.row(c).parts and c != self.annex_rows.total]
            if len(split) == 1:
                codes = [split[0], *annex.row(split[0]).parts]
        if "share" in a.cues and len(codes) == 1:  # a part of the whole named (else of the table's total)
            wholes = [c for c in named if c in annex.ancestors(codes[0])] or [self.annex_rows.total]
            nearest = max(wholes, key=lambda c: len(annex.ancestors(c)))
            codes = [codes[0], nearest] if nearest != codes[0] else codes
        years = [y for y in a.ent.years if y in annex.years]
        whole = {annex.years[0], annex.years[-1]} <= set(years)  # "2011 - 2015": the period, not one year
        year = years[0] if len(years) == 1 or (years and not whole) else None
        per_year = "per_year" in a.cues
        rows = [annex.row(c) for c in codes]
        paths = {c: annex_path(annex, c) for c in codes}
        computed = annex_arithmetic(annex, rows, years, year, a.cues, paths)
        if computed and len(years) >= 2:  # a sum or difference of years: each year's figure, not the first one's
            year = None
        return Decision(
            kind="answer", intent="chi_tieu", confidence=confidence, clauses=[annex.clause],
            view=AnnexView(rows=rows, year=year, per_year=per_year, annex=annex, whole_province=whole_province,
                           paths=paths, computed=computed,
                           extreme=None if computed else annex_extreme(annex, rows, a.cues, paths)),
            state=state.model_copy(update={"last_intent": "chi_tieu", "last_rows": codes}),
        )

    def _whole_period(self, a: Analysis) -> bool:
        """The message counts the plan's whole period in years ("cả 5 năm" of 2011 - 2015)."""
        m = cue_book()["years_span"].search(a.ent.text)
        period = self.kb.document.period
        return m is not None and int(m.group(1)) == period.end - period.start + 1

    def _annex_followup(self, a: Analysis, state: State) -> bool:
        """'chính trị 2013?', 'còn 2014?', 'cả giai đoạn?': an annex row or year with no verb, or after figures."""
        if self.annex_rows is None:
            return False
        ent = a.ent
        words = len(a.raw.split())  # as typed: "CMNV" is one word, not the four it stands for
        named = self.annex_rows.named(ent.text)
        years = [y for y in ent.years if self.kb.document.in_period(y)]
        if "figures" in a.cues and named and (years or "per_year" in a.cues) and not ent.percent:
            return True  # "tôi là CV …, cần số liệu các lớp CMNV … theo từng năm": a row's figures, however long
        if "share" in a.cues and named and "objective" not in a.cues and not ent.grade:
            return True  # "nước ngoài chiếm bao nhiêu % tổng số": a part of the table's whole, though a percentage
        if ent.grade or ent.percent or "need" in a.cues:
            return False
        if named and (years or self.annex_rows.total in named or "per_year" in a.cues or self._whole_period(a)) \
                and words <= FRAGMENT_WORDS:
            return True  # "chính trị 2013?", "nước ngoài, đào tạo mỗi năm?", "CMNV cả 5 năm"
        if "figures" in a.cues and years and words <= FRAGMENT_WORDS:
            return True  # "số liệu năm 2013": the table's figures of that year
        if named and self._compare.search(ent.text) and (years or len(self.annex_rows.phrases(ent.text)) >= 2):
            return True  # "so sánh bồi dưỡng trong nước 2011 vs 2015", "đào tạo so với bồi dưỡng"
        if state.last_intent != "chi_tieu" or words > FOLLOWUP_WORDS or "who" in a.cues:
            return False  # "ai chịu trách nhiệm tổng hợp …" after figures asks who, not how many
        # after figures: a row or a year named, or the years themselves ("các năm sau thì sao?", "cả giai đoạn?")
        return bool(years or named) or (bool({"per_year", "doc_period"} & a.cues) and not a.ent.areas
                                        and words <= FRAGMENT_WORDS)
