"""Tick-box sub-columns: an 'x' under 'Cao cấp' (LLCT) or 'CVC' (QLNN) is the level held; the highest ticked wins."""

from __future__ import annotations

from knowledge.eligibility import LEVEL_FIELDS, NONE_LEVEL
from knowledge.schema import KnowledgeBase

from roster.layout import Header
from roster.values import Held, ValueReader


def _rank(kb: KnowledgeBase, key: str, level: str) -> int:
    scale = kb.by_id("scales", kb.by_id("areas", LEVEL_FIELDS[key]).scale)
    return scale.index(level)


def held_from_ticks(kb: KnowledgeBase, values: ValueReader, key: str, row: tuple[object, ...],
                    header: Header) -> Held | None:
    """The level a row's tick boxes give for one field; None (unknown) when the row has no mark in any tick box,
    NONE_LEVEL when it has marks elsewhere but none here; 'đang học' under a box is noted, not held."""
    ticks = header.ticks.get(key)
    if not ticks:
        return None
    best: str | None = None
    note = ""
    for j, level in ticks:
        mark = values.tick(row[j] if j < len(row) else None)
        if mark is None:
            note = f"đang học ({header.texts[j]})"
        elif mark and (best is None or _rank(kb, key, level) > _rank(kb, key, best)):
            best = level
    if best is None and not note and not any(
            values.tick(row[j]) for group in header.ticks.values() for j, _ in group if j < len(row)):
        return None
    return Held(best or NONE_LEVEL, note)
