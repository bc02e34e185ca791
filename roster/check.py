"""Check every person of a roster against the plan, sharing the work between similar people."""

from __future__ import annotations

from collections.abc import Callable

from knowledge.eligibility import Check, Checker
from knowledge.schema import KnowledgeBase

from roster.reader import Roster

PROGRESS_EVERY = 1_000


def check_roster(
    kb: KnowledgeBase,
    roster: Roster,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[list[Check]]:
    """The checks of each person, in roster order."""
    checker = Checker(kb)
    results: list[list[Check]] = []
    total = len(roster.rows)
    for done, person in enumerate(roster.rows, start=1):
        results.append(checker.check(person.profile))
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return results
