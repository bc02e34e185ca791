"""The evidence a reading gives for each intent, by name; how much each weighs lives in data (intents.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from bot.reply import State

if TYPE_CHECKING:
    from bot.understand import Reading

PASSAGE_FULL = 36.0  # a best-passage score at which the passage evidence counts in full

EVIDENCE = (
    "always", "grade", "requirement_area", "need", "person_need", "count", "no_count", "percent", "commune_learn",
    "nobody", "area_of_described", "held", "check", "neither_held_nor_check", "document", "no_document",
    "cites_basis", "scope", "no_scope", "passage", "clause", "no_quote", "objective",
)


@dataclass(frozen=True)
class Setting:
    """What the evidence needs to know of the plan beyond the reading."""

    commune: bool  # the tier or role named is one whose requirements are not by grade (plan: tiers[].graded)
    requirement_areas: frozenset[str]  # the areas some requirement of the plan is about
    cites_basis: bool  # the message names a document number of the plan's preamble


def evidence(a: Reading, state: State, setting: Setting) -> dict[str, float]:
    """Each kind of evidence of EVIDENCE, 0..1, for one reading in one conversation."""
    ent, cues = a.ent, a.cues
    req_areas = any(x in setting.requirement_areas for x in ent.areas)
    held = bool(ent.held or ent.lacks)
    need = "need" in cues
    top_hit = a.hits[0].score if a.hits else 0.0
    scope = "scope" in cues and "structure" not in cues
    ev = {
        "always": 1.0,
        "grade": bool(ent.grade),
        "requirement_area": req_areas,
        "need": need,
        "person_need": ent.person and need,
        "count": ent.count,
        "no_count": not ent.count,
        "percent": ent.percent,
        "commune_learn": setting.commune and bool({"learn", "what_training"} & cues) and not ent.percent,
        "nobody": not (ent.grade or req_areas or ent.person or state.grade or setting.commune),
        "area_of_described": req_areas and bool(state.grade or state.role) and not ent.count,
        "held": held,
        "check": "check" in cues,
        "neither_held_nor_check": not held and "check" not in cues,
        "document": "document" in cues,
        "no_document": "document" not in cues,
        "cites_basis": setting.cites_basis,
        "scope": scope,
        "no_scope": not scope,
        "passage": min(1.0, top_hit / PASSAGE_FULL),
        "clause": bool(ent.clause),
        "no_quote": "quote" not in cues,
        "objective": "objective" in cues,
    }
    return {k: float(v) for k, v in ev.items()}


def weigh(scores: dict[str, float], weights: dict[str, dict[str, float]], ev: dict[str, float]) -> dict[str, float]:
    """Each intent's example-match score plus its weighted evidence."""
    return {name: s + sum(w * ev[k] for k, w in weights.get(name, {}).items()) for name, s in scores.items()}
