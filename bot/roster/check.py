"""Check every person of a roster against the plan; identical profiles are checked once."""

from __future__ import annotations

from collections.abc import Callable

from knowledge.eligibility import Check, Profile, check_profile
from knowledge.schema import KnowledgeBase

from bot.roster.reader import Roster

PROGRESS_EVERY = 1_000


def check_roster(
    kb: KnowledgeBase,
    roster: Roster,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[list[Check]]:
    """The checks of each person, in roster order."""
    cache: dict[Profile, list[Check]] = {}
    results: list[list[Check]] = []
    total = len(roster.rows)
    for done, person in enumerate(roster.rows, start=1):
        checks = cache.get(person.profile)
        if checks is None:
            checks = cache[person.profile] = check_profile(kb, person.profile)
        results.append(checks)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return results
