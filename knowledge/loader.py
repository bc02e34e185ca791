"""Load a plan from YAML and reject any inconsistency, naming the file and the item."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import yaml
from knowledge.yamlfile import load_yaml
from pydantic import ValidationError

from knowledge.prior import load_prior, prior_file
from knowledge.schema import KnowledgeBase

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_FILE = DATA_DIR / "kh39.yaml"
PLANS_ENV = "BOT_PLAN_DIRS"  # folders (or plan files) to load instead of DATA_DIR, separated by os.pathsep


class KBError(ValueError):
    """The knowledge base is malformed or inconsistent."""


def _fold_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_kb(path: str | Path = DEFAULT_FILE) -> KnowledgeBase:
    """Read, validate and cross-check one plan file."""
    path = Path(path)
    try:
        raw = load_yaml(path)
    except OSError as exc:
        raise KBError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise KBError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise KBError(f"{path}: the top level must be a mapping")
    vocabulary = vocabulary_file(path)
    if "vocabulary" not in raw and vocabulary.is_file():
        try:
            raw["vocabulary"] = load_yaml(vocabulary) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise KBError(f"{vocabulary}: cannot read: {exc}") from exc
    try:
        kb = KnowledgeBase.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        if all(err["loc"][:1] == ("vocabulary",) for err in exc.errors()) and vocabulary.is_file():
            path = vocabulary
        raise KBError(f"{path}: {problems}") from exc
    problems = check_consistency(kb)
    if problems:
        raise KBError(f"{path}: " + "; ".join(problems))
    try:
        kb._prior = load_prior(path, {c.id for c in kb.clauses})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KBError(f"{prior_file(path)}: {exc}") from exc
    return kb


def vocabulary_file(path: Path) -> Path:
    """The plan's vocabulary file, beside it: kh39.yaml -> kh39.vocabulary.yaml."""
    return path.with_name(f"{path.stem}.vocabulary.yaml")


def _check_vocabulary(kb: KnowledgeBase, known: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []
    v = kb.vocabulary
    for kind in ("grades", "tiers", "roles", "areas"):
        for item_id in getattr(v, kind):
            if item_id not in known[kind]:
                problems.append(f"vocabulary {kind}: unknown id {item_id}")
    for scale_id, levels in v.levels.items():
        scale = kb.by_id("scales", scale_id)
        if scale is None:
            problems.append(f"vocabulary levels: unknown scale {scale_id}")
            continue
        for level_id in levels:
            if level_id not in {lv.id for lv in scale.levels}:
                problems.append(f"vocabulary levels: level {level_id} is not on scale {scale_id}")
    chat = v.chat
    for kind, ids in (("grades", chat.grade_guards), ("tiers", chat.tiers), ("roles", chat.roles), ("areas", chat.areas)):
        problems += [f"vocabulary chat {kind}: unknown id {i}" for i in ids if i not in known[kind]]
    if chat.held is not None:
        held = chat.held
        problems += [f"vocabulary chat held: unknown area {a}" for a in
                     (held.degree_area, held.theory_area, held.programme_area, *held.not_taken) if a not in known["areas"]]
    seen: set[str] = set()
    for kind in ("offices", "places", "positions"):
        for term in getattr(v, kind):
            if term.id in seen:
                problems.append(f"vocabulary {kind} {term.id}: duplicate id")
            seen.add(term.id)
            if term.tier is not None and term.tier not in known["tiers"]:
                problems.append(f"vocabulary {kind} {term.id}: unknown tier {term.tier}")
            if term.role is not None and term.role not in known["roles"]:
                problems.append(f"vocabulary {kind} {term.id}: unknown role {term.role}")
    return problems


def check_consistency(kb: KnowledgeBase) -> list[str]:
    """Every cross-reference resolves, every quote is verbatim, every total adds up."""
    problems: list[str] = []
    ids = [c.id for c in kb.clauses]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"clause {dup}: duplicate id")
    clause_text = {c.id: _fold_ws(" ".join([c.title, *c.items])) for c in kb.clauses}
    known = {kind: {x.id for x in getattr(kb, kind)} for kind in ("tiers", "grades", "roles", "areas", "scales")}

    def quoted(owner: str, clause: str, quote: str) -> None:
        if clause not in clause_text:
            problems.append(f"{owner}: clause {clause} does not exist")
        elif _fold_ws(quote) not in clause_text[clause]:
            problems.append(f"{owner}: quote is not verbatim in clause {clause}: {quote[:60]!r}")

    for tier in kb.tiers:
        quoted(f"tier {tier.id}", tier.clause, tier.quote)
    for role in kb.roles:
        for t in role.tiers:
            if t not in known["tiers"]:
                problems.append(f"role {role.id}: unknown tier {t}")
    for area in kb.areas:
        if area.scale is not None and area.scale not in known["scales"]:
            problems.append(f"area {area.id}: unknown scale {area.scale}")
    req_ids: set[str] = set()
    for req in kb.requirements:
        owner = f"requirement {req.id}"
        if req.id in req_ids:
            problems.append(f"{owner}: duplicate id")
        req_ids.add(req.id)
        quoted(owner, req.clause, req.quote)
        for kind, values in (("tiers", req.tiers), ("grades", req.grades or []), ("roles", req.roles or [])):
            for v in values:
                if v not in known[kind]:
                    problems.append(f"{owner}: unknown {kind[:-1]} {v}")
        area = kb.by_id("areas", req.area)
        if area is None:
            problems.append(f"{owner}: unknown area {req.area}")
            continue
        for level in [req.min_level, *req.alternatives]:
            if level is None:
                continue
            scale = kb.by_id("scales", area.scale) if area.scale else None
            if scale is None:
                problems.append(f"{owner}: area {area.id} has no scale for level {level}")
            elif level not in {lv.id for lv in scale.levels}:
                problems.append(f"{owner}: level {level} is not on scale {scale.id}")
    for item in [*kb.objectives, *kb.responsibilities]:
        quoted(f"{type(item).__name__.lower()} {item.id}", item.clause, item.quote)
    if kb.annex is not None:
        problems.extend(_check_annex(kb))
    problems.extend(_check_vocabulary(kb, known))
    return problems


def _check_annex(kb: KnowledgeBase) -> list[str]:
    annex = kb.annex
    assert annex is not None
    problems: list[str] = []
    if annex.clause not in {c.id for c in kb.clauses}:
        problems.append(f"annex: clause {annex.clause} does not exist")
    codes = {r.code for r in annex.rows}
    for row in annex.rows:
        owner = f"annex row {row.code} ({row.label})"
        if len(row.by_year) != len(annex.years):
            problems.append(f"{owner}: {len(row.by_year)} yearly figures for {len(annex.years)} years")
            continue
        if sum(row.by_year) != row.total:
            problems.append(f"{owner}: years add up to {sum(row.by_year)}, total says {row.total}")
        missing = [p for p in row.parts if p not in codes]
        if missing:
            problems.append(f"{owner}: unknown parts {missing}")
            continue
        if row.parts:
            parts = [annex.row(p) for p in row.parts]
            if sum(p.total for p in parts) != row.total:
                problems.append(f"{owner}: parts add up to {sum(p.total for p in parts)}, total says {row.total}")
            for i, year in enumerate(annex.years):
                got = sum(p.by_year[i] for p in parts if len(p.by_year) == len(annex.years))
                if got != row.by_year[i]:
                    problems.append(f"{owner}: parts add up to {got} in {year}, row says {row.by_year[i]}")
    return problems


@functools.lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The plan this assistant answers about, loaded once."""
    return load_kb(DEFAULT_FILE)


def plan_files(place: str | Path) -> list[Path]:
    """The plan files of a folder (every *.yaml but the vocabulary files beside them), or the one file given."""
    place = Path(place)
    if place.is_file():
        return [place]
    if not place.is_dir():
        raise KBError(f"{place}: no such folder or plan file")
    return sorted(p for p in place.glob("*.yaml") if not p.name.endswith(".vocabulary.yaml"))


def load_plans(*places: str | Path) -> list[KnowledgeBase]:
    """Every plan of the folders or files given, in order; two plans with one document id are an error."""
    plans: list[KnowledgeBase] = []
    seen: dict[str, Path] = {}
    for place in places or (DATA_DIR,):
        for path in plan_files(place):
            kb = default_kb() if path.resolve() == DEFAULT_FILE.resolve() else load_kb(path)
            if kb.document.id in seen:
                raise KBError(f"{path}: document id {kb.document.id} is already used by {seen[kb.document.id]}")
            seen[kb.document.id] = path
            plans.append(kb)
    if not plans:
        raise KBError(f"no plan file in {', '.join(str(p) for p in places or (DATA_DIR,))}")
    return plans


def plan_places() -> list[Path]:
    """Where the plans are read from: the folders of BOT_PLAN_DIRS when set, else knowledge/data."""
    raw = os.environ.get(PLANS_ENV, "").strip()
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()] if raw else [DATA_DIR]


@functools.lru_cache(maxsize=1)
def default_plans() -> tuple[KnowledgeBase, ...]:
    """Every plan this assistant answers about, loaded once; the default plan first when it is among them."""
    plans = load_plans(*plan_places())
    return tuple(sorted(plans, key=lambda kb: kb is not default_kb()))
