"""Read which grade (ngạch) or tier (cấp) a button or a command argument names, by the plan's own aliases."""

from __future__ import annotations

from knowledge import default_kb
from knowledge.text import fold


def _names(item) -> list[str]:
    return [item.id.replace("_", " "), item.name, *getattr(item, "aliases", [])]


def _find(items, *texts: str) -> str | None:
    for text in texts:
        if any(text == item.id for item in items):
            return text
    best: tuple[int, str] | None = None
    for text in texts:
        folded = f" {fold(text)} "
        for item in items:
            for name in _names(item):
                f = fold(name)
                if f and f" {f} " in folded and (best is None or len(f) > best[0]):
                    best = (len(f), item.id)
    return best[1] if best else None


def grade_of(*texts: str) -> str | None:
    """The grade id named in any of the texts (longest name wins: 'chuyên viên chính' over 'chuyên viên')."""
    return _find(default_kb().grades, *texts)


def tier_of(*texts: str) -> str | None:
    """The tier id named in any of the texts."""
    return _find(default_kb().tiers, *texts)
