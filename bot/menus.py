"""Menus for channels, built from the plan data: commune roles, related areas, the table of contents, age bands."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bot.actions import Action
from bot.reply import Option, Reply
from knowledge import KnowledgeBase, default_kb

ETHNIC_FLAG = "ethnic_area"
RELATED_AREAS = 5
SHORT_LABEL = 8
REQUIREMENTS_INTENT = "yeu_cau"  # the intent (bot/data/intents.yaml) answering what a grade, role or area requires


@dataclass(frozen=True)
class Section:
    """A top-level part of the plan and every clause under it (id and title); query is the clause id to quote."""

    id: str
    title: str
    clauses: tuple[Option, ...]


def _kb() -> KnowledgeBase:
    return default_kb()


def sentence_case(title: str) -> str:
    """'NỘI DUNG ĐÀO TẠO' -> 'Nội dung đào tạo'; titles already in sentence case are kept."""
    if title.upper() != title and not any(w.isupper() and len(w) > 3 for w in title.split()):
        return title
    words = title.split()
    out = []
    for i, word in enumerate(words):
        keep = word.isupper() and len(word) <= 5 and word.startswith(("HĐ", "UB", "CB", "KH"))
        out.append(word if keep else word.lower())
    text = " ".join(out)
    province = _kb().document.province
    text = text.replace(province.lower(), province)  # a place name keeps its capitals
    return text[:1].upper() + text[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---- the commune path -------------------------------------------------------------------------
def role_options(tier: str) -> list[Option]:
    """The roles the plan sets requirements for at this tier (query = role id), in the plan's order of roles."""
    kb = _kb()
    wanted = {r for q in kb.requirements if tier in q.tiers for r in (q.roles or [])}
    return [Option(label=_capital(r.name), query=r.id) for r in kb.roles if r.id in wanted]


def role_name(role_id: str) -> str | None:
    """The role's name as the plan writes it."""
    role = _kb().by_id("roles", role_id)
    return role.name if role else None


def role_action(role_id: str, tier: str | None = None) -> Action:
    """What a chosen role stands for: the requirements of that role at that tier."""
    return Action(intent=REQUIREMENTS_INTENT, role=role_id, tier=tier)


def role_question(role_id: str, tier: str | None = None) -> str:
    """What core.answer receives for a chosen role: the payload of its action (no sentence to read back)."""
    return role_action(role_id, tier).encode()


def role_label(role_id: str) -> str:
    """A short button label for a role: its shortest alias, else its name."""
    role = _kb().by_id("roles", role_id)
    if role is None:
        return role_id
    return _capital(min([*role.aliases, role.name], key=len))


def ethnic_requirement(role_id: str) -> str | None:
    """What the plan asks of this role in an ethnic-minority area (its statement), or None when nothing."""
    for q in _kb().requirements:
        if q.when is not None and q.when.ethnic_area and role_id in (q.roles or []):
            return q.statement
    return None


def ethnic_question(role_id: str) -> str | None:
    """The question about the ethnic-area requirement of a role (given to core.answer), or None."""
    statement = ethnic_requirement(role_id)
    if statement is None:
        return None
    return f"{role_name(role_id)} công tác ở vùng đồng bào dân tộc: {statement}?"


def ethnic_language() -> str | None:
    """The minority language the plan names for commune staff (e.g. from 'tiếng Khmer'), or None."""
    for q in _kb().requirements:
        if q.when is not None and q.when.ethnic_area and "tiếng " in q.statement:
            word = q.statement.split("tiếng ", 1)[1].split()[0].strip(",.;")
            if word[:1].isupper():
                return word
    return None


# ---- suggested questions ----------------------------------------------------------------------
def suggestions() -> list[Option]:
    """The suggested questions of bot/data/askback.yaml (each an action the plan can answer), for a channel's help."""
    from bot.assistant import default_assistant  # the core's menus, restricted to the plan's ids

    return list(default_assistant().decider.menus.suggestions)


# ---- related questions after an answer --------------------------------------------------------
def area_label(area) -> str:
    """A short button label: a short name as it is, else its upper-case abbreviation if it has one."""
    short = [a for a in area.aliases if a.isupper() and 2 <= len(a) <= 5 and " " not in a]
    return area.name if len(area.name) <= SHORT_LABEL or not short else short[0]


def related_options(reply: Reply) -> list[Option]:
    """Follow-up buttons after an answer about a grade or tier: other areas, and the commune tier if not asked."""
    if reply.kind != "answer" or not (reply.grade or reply.tier or reply.state.grade or reply.state.tier):
        return []
    kb = _kb()
    tier = reply.tier or reply.state.tier
    if tier is not None and tier not in tiers_with_grades():  # commune answers: the other roles there
        return [Option(label=role_label(o.query), action=role_action(o.query, tier)) for o in role_options(tier)]
    asked = {q.area for q in kb.requirements if tier is None or not q.tiers or tier in q.tiers}
    areas = [a for a in kb.areas if a.scale and a.id in asked and a.id != reply.state.last_area][:RELATED_AREAS]
    options = [Option(label=area_label(a), action=Action(intent=REQUIREMENTS_INTENT, area=a.id)) for a in areas]
    commune = kb.tiers[-1] if kb.tiers else None
    if commune is not None and tier != commune.id:
        options.append(Option(label=_capital(commune.name), action=Action(tier=commune.id)))
    return options


# ---- the table of contents --------------------------------------------------------------------
def _is_top(clause_id: str) -> bool:
    return "." not in clause_id


@functools.lru_cache(maxsize=1)
def table_of_contents() -> tuple[Section, ...]:
    """Every clause of the plan, grouped under its top-level part, in the plan's order."""
    sections: list[Section] = []
    for clause in _kb().clauses:
        if _is_top(clause.id):
            sections.append(Section(clause.id, sentence_case(clause.title), ()))
        elif sections:
            last = sections[-1]
            option = Option(label=f"{clause.id} · {sentence_case(clause.title)}", query=clause.id)
            sections[-1] = Section(last.id, last.title, (*last.clauses, option))
    return tuple(sections)


def section(section_id: str) -> Section | None:
    """One part of the table of contents."""
    return next((s for s in table_of_contents() if s.id == section_id), None)


def clause_ids() -> list[str]:
    """Every clause id of the plan."""
    return [c.id for c in _kb().clauses]


def document_line() -> str:
    """'Kế hoạch 39/KH-UBND ngày 05/12/2011 của UBND tỉnh Sóc Trăng, giai đoạn 2011–2015' from the data."""
    doc = _kb().document
    return (f"{doc.name} ngày {doc.date:%d/%m/%Y} của {doc.issuer}, "
            f"giai đoạn {doc.period.start}–{doc.period.end}")


def document_name() -> str:
    """'Kế hoạch 39/KH-UBND' from the data."""
    return _kb().document.name


def period_text() -> str:
    """'2011–2015' from the data."""
    period = _kb().document.period
    return f"{period.start}–{period.end}"


def document_number() -> str:
    """The plan's number as printed, e.g. 39/KH-UBND."""
    return _kb().document.number


def tiers_with_grades() -> set[str]:
    """Tiers where the plan's requirements depend on the grade (ngạch); elsewhere they depend on the role."""
    kb = _kb()
    every = {t.id for t in kb.tiers}
    return {t for q in kb.requirements if q.grades for t in (q.tiers or every)}


# ---- the annex, for charts ----------------------------------------------------------------------
@dataclass(frozen=True)
class AnnexGroup:
    """One part of the annex's total (e.g. at home, abroad): its label, total, and its kinds per year."""

    label: str
    total: int
    kinds: tuple[tuple[str, tuple[int, ...]], ...]  # (label, figure per year), e.g. training, refresher


@dataclass(frozen=True)
class AnnexBreakdown:
    """The annex per year, split as the plan splits it (hashable: a chart of it can be cached)."""

    title: str
    unit: str
    source: str
    years: tuple[int, ...]
    totals: tuple[int, ...]
    groups: tuple[AnnexGroup, ...]


def annex_breakdown() -> AnnexBreakdown | None:
    """The grand total's parts (home, abroad), each split into its parts (training, refresher), per year."""
    kb = _kb()
    annex = kb.annex
    if annex is None:
        return None
    top = max(annex.rows, key=lambda r: r.total)  # the grand total
    groups = []
    for code in top.parts:
        group = annex.row(code)
        kinds = tuple((sentence_case(annex.row(k).label), tuple(annex.row(k).by_year)) for k in group.parts) \
            or ((sentence_case(group.label), tuple(group.by_year)),)
        groups.append(AnnexGroup(sentence_case(group.label), group.total, kinds))
    period = f"{kb.document.period.start}–{kb.document.period.end}"
    return AnnexBreakdown(
        title=f"Số người đào tạo, bồi dưỡng {period}", unit=annex.unit,
        source=f"Phụ lục Kế hoạch {kb.document.number}", years=tuple(annex.years),
        totals=tuple(top.by_year), groups=tuple(groups))


def role_tiers(role_id: str) -> list[str]:
    """The tiers where the plan sets requirements for this role, in the plan's order of tiers."""
    kb = _kb()
    found = {t for q in kb.requirements if role_id in (q.roles or []) for t in q.tiers}
    return [t.id for t in kb.tiers if t.id in found]
