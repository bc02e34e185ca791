"""Which loaded plan a message is about, read from each plan's data: its number, province, period, vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.mentions import replace_mentions
from bot.understand import Understander
from knowledge import KnowledgeBase
from knowledge.text import fold

# words that name a document by its number: "văn bản 39", "kế hoạch số 39"
GENERIC_NAMES = ("van ban", "ke hoach")
CLEAR_SHARE = 0.2  # one plan's text has this much larger a share of a message's terms than another's: it fits clearly
POOR_SHARE = 0.1  # the remembered plan knows (almost) none of a message: another plan that fits clearly takes it
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class PlanNames:
    """The ways a message can name one plan, folded (no marks, lower case): number, short name, province."""

    id: str
    phrases: tuple[str, ...]  # "kh 39 kh ubnd", "39 kh ubnd", "kh39"
    number_pattern: re.Pattern  # "kế hoạch (số) 39", "KH 39", "văn bản số 39"
    province: str
    start: int
    end: int

    @classmethod
    def of(cls, kb: KnowledgeBase) -> "PlanNames":
        """The names of a plan, from its document data."""
        doc = kb.document
        digits = re.match(r"\d+", doc.number.strip())
        prefixes = {fold(doc.kind), fold(doc.short).split(" ")[0], *GENERIC_NAMES} - {""}
        number = (r"\b(?:" + "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
                  + r")\s*(?:so\s*)?" + re.escape(digits.group(0)) + r"\b") if digits else r"(?!)"
        phrases = tuple(p for p in {fold(doc.short), fold(doc.number), fold(doc.id)} if p)
        return cls(id=doc.id, phrases=phrases, number_pattern=re.compile(number), province=fold(doc.province),
                   start=doc.period.start, end=doc.period.end)

    def name_patterns(self) -> list[re.Pattern]:
        """Patterns over folded text that find the plan's number or short name."""
        return [self.number_pattern, *(re.compile(r"\b" + re.escape(p) + r"\b") for p in self.phrases)]

    def province_patterns(self) -> list[re.Pattern]:
        """A pattern over folded text that finds the plan's province."""
        return [re.compile(r"\b" + re.escape(self.province) + r"\b")] if self.province else []

    def named_by_name(self, folded: str) -> bool:
        """The message writes the plan's number or short name."""
        padded = f" {folded} "
        return any(f" {p} " in padded for p in self.phrases) or bool(self.number_pattern.search(folded))

    def named_by_province(self, folded: str) -> bool:
        """The message names the plan's province."""
        return bool(self.province) and f" {self.province} " in f" {folded} "

    def covers(self, year: int) -> bool:
        """The year lies within the plan's period."""
        return self.start <= year <= self.end


@dataclass(frozen=True)
class Fit:
    """How well one plan's text knows a message: the share of its informative words and word pairs it contains."""

    plan: str
    known: int
    terms: int

    @property
    def share(self) -> float:
        """Known terms over the message's informative terms (0 for a message of stopwords only)."""
        return round(self.known / self.terms, 3) if self.terms else 0.0

    def clearly_above(self, other: "Fit") -> bool:
        """This plan fits the message clearly better than the other."""
        return self.share >= round(other.share + CLEAR_SHARE, 3)


@dataclass(frozen=True)
class Route:
    """Where a message goes: one plan (named by the message or fitting it clearly), or a choice among several."""

    plans: tuple[str, ...]  # one id: go there; several: ask which; none: no plan is told apart
    named: bool = False  # the message names the document (number, province or a year of its period only)
    conflict: bool = False  # the message names the province of one plan and a year of another's period only


class PlanRouter:
    """Tells which of several plans a message is about; knows only what the plans' data say."""

    def __init__(self, understanders: list[Understander]) -> None:
        self.understanders = {u.kb.document.id: u for u in understanders}
        self.names = [PlanNames.of(u.kb) for u in understanders]

    def named(self, text: str) -> Route:
        """The plans the message names: by number or short name, else by province, else by a year of one period;
        a province and a year of two different plans name none (no document of that province for that period)."""
        folded = fold(text or "")
        by_name = tuple(n.id for n in self.names if n.named_by_name(folded))
        if by_name:
            return Route(by_name, named=True)
        by_province = tuple(n.id for n in self.names if n.named_by_province(folded))
        years = [int(y) for y in _YEAR.findall(folded)]
        # a year inside one plan's period and not another's names that plan
        by_year = tuple(n.id for n in self.names if any(
            n.covers(y) and not any(o.covers(y) for o in self.names if o is not n) for y in years))
        if by_province and by_year and not set(by_province) & set(by_year):
            return Route((), named=True, conflict=True)
        if by_province:
            return Route(by_province, named=True)
        return Route(by_year, named=bool(by_year))

    def names_only(self, text: str) -> bool:
        """The message names documents and says nothing else any plan knows ('KH 39 thì sao?')."""
        rest = text or ""
        for names in self.names:
            rest = replace_mentions(rest, [*names.name_patterns(), *names.province_patterns()], "")
        return rest != text and all(f.known == 0 for f in self.fits(rest))

    def fits(self, text: str) -> list[Fit]:
        """How well each plan's text knows the message, best first."""
        out = []
        for plan_id, u in self.understanders.items():
            canonical = u.lex.canonical(text or "")
            terms = [t for t in u.index.query_terms(canonical)
                     if not set(t.split("+")) <= u.lex.stopwords and not t.isdigit()]
            out.append(Fit(plan_id, sum(t in u.index.idf for t in terms), len(terms)))
        return sorted(out, key=lambda f: f.share, reverse=True)

    def route(self, text: str, current: str | None = None) -> Route:
        """The plan a message goes to: a named one; else the conversation's, unless it hardly knows the message and
        another fits clearly; else the one whose vocabulary fits clearly best; else the ones fitting about equally."""
        named = self.named(text)
        if named.plans or named.conflict:
            return named
        fits = self.fits(text)
        best = fits[0]
        clear = all(best.clearly_above(f) for f in fits[1:])
        if current in self.understanders:
            mine = next(f for f in fits if f.plan == current)
            if best.plan != current and clear and mine.share < POOR_SHARE:
                return Route((best.plan,))
            return Route((current,))
        if best.known == 0:
            return Route(())  # small talk, an empty message: nothing tells the plans apart
        if clear:
            return Route((best.plan,))
        equal = tuple(f.plan for f in fits if not best.clearly_above(f))
        return Route(equal)
