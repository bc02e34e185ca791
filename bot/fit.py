"""Fits the policy's evidence weights on labelled questions (`python -m bot fit`), checked on a held-out set.

For every labelled question the assistant is run as usual up to its decision; the decision is then taken once per
intent (that intent forced) and each reply is judged by the eval contract. A question whose replies differ by
intent tells which intents answer it right. Coordinate ascent then moves one weight of bot/data/policy.yaml at a
time, over a fixed grid on the side of zero it was set on, and keeps a move only when more of those questions are read as an intent that answers
them right (or, below the calibrated threshold, refused when a refusal is right). The latest written question set
is held out: the fit is kept only if the held-out score does not drop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.assistant import Assistant, default_assistant
from bot.evaluate import check
from bot.policy import POLICY_FILE, load_policy
from bot.reply import State

GRID = [round(x * 0.05, 2) for x in range(-12, 13)]  # candidate weights, -0.6 .. 0.6
PASSES = 4
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PUBLIC_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"


@dataclass
class Case:
    """One labelled question at its decision: base scores, evidence, and which outcomes are right."""

    base: dict[str, float]
    evidence: dict[str, float]
    coverage: float
    right: frozenset[str]  # intents whose forced reply passes
    refusal_right: bool  # the low-score refusal passes


def question_sets(held_out: str | None = None) -> tuple[list[Path], list[Path]]:
    """(training files, held-out files): every question set in tests/data (and the public dev set when present);
    the held-out ones are those under the folder named (default: the last round written)."""
    files = sorted(p for p in DATA.rglob("*.jsonl") if '"turns"' not in p.read_text(encoding="utf-8")[:200])
    rounds = sorted({p.parent.name for p in files if p.parent.name.startswith("round")},
                    key=lambda r: int(r.removeprefix("round")))
    held = held_out or (rounds[-1] if rounds else "")
    train = [p for p in files if p.parent.name != held] + ([PUBLIC_DEV] if PUBLIC_DEV.exists() else [])
    return train, [p for p in files if p.parent.name == held]


def cases_of(assistant: Assistant, files: list[Path]) -> list[Case]:
    """The informative cases of the question files (those whose outcome depends on the intent chosen)."""
    decider = assistant.decider
    seen: list = []
    original = decider.decide

    def capture(a, state, forced=None):
        seen.append((a, state))
        return original(a, state, forced)

    out = []
    decider.decide = capture
    try:
        for path in files:
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                case = json.loads(line)
                seen.clear()
                assistant.answer(case["q"], State())
                if len(seen) != 1:  # several questions in one message, or none decided: not one reading
                    continue
                a, state = seen[0]
                a = a if a.topics else assistant.u.rank(a, state)
                right = frozenset(i for i in a.scores if _passes(assistant, case, original(a, state, i)))
                if not right or len(right) == len(a.scores):
                    continue  # the intent chosen changes nothing
                refusal = _passes(assistant, case, decider.fallback(a, state))
                out.append(Case(dict(a.scores), assistant.u.policy.evidence(a, state), a.coverage, right, refusal))
    finally:
        decider.decide = original
    return out


def _passes(assistant: Assistant, case: dict, decision) -> bool:
    return not check(case, assistant._reply(decision).contract())


def score(cases: list[Case], weights: dict[str, dict[str, float]], threshold: float) -> int:
    """How many cases the policy with these weights reads right."""
    right = 0
    for c in cases:
        scores = {i: s + sum(w * c.evidence[k] for k, w in weights.get(i, {}).items()) for i, s in c.base.items()}
        top = max(scores, key=scores.get)
        if scores[top] < threshold and c.coverage < 0.5:
            right += c.refusal_right
        else:
            right += top in c.right
    return right


def fit(cases: list[Case], weights: dict[str, dict[str, float]], threshold: float) -> dict[str, dict[str, float]]:
    """Coordinate ascent over the grid, from the given weights; a move is kept only if it reads more cases right."""
    best = {i: dict(w) for i, w in weights.items()}
    best_score = score(cases, best, threshold)
    for _ in range(PASSES):
        moved = False
        for intent, ws in best.items():
            for key in list(ws):
                for value in _same_sign(GRID, weights[intent][key]):
                    trial = {i: dict(w) for i, w in best.items()}
                    trial[intent][key] = value
                    s = score(cases, trial, threshold)
                    if s > best_score:
                        best, best_score, moved = trial, s, True
        if not moved:
            break
    return best


def _same_sign(grid: list[float], start: float) -> list[float]:
    """The grid values on the side of zero the weight was set on: the fit tunes how much evidence counts, never
    whether it counts for or against an intent."""
    return [v for v in grid if v * start >= 0]


def run(write: bool = True) -> str:
    """Fit, check on the held-out set, write policy.yaml if the held-out score holds; a report line."""
    assistant = default_assistant()
    threshold = assistant.u.matcher.calibration.threshold
    train_files, held_files = question_sets()
    train, held = cases_of(assistant, train_files), cases_of(assistant, held_files)
    start = load_policy().evidence
    fitted = fit(train, start, threshold)
    before = (score(train, start, threshold), score(held, start, threshold))
    after = (score(train, fitted, threshold), score(held, fitted, threshold))
    kept = after[1] >= before[1] and after[0] >= before[0]
    held_name = held_files[0].parent.name if held_files else "none"
    report = (f"fit on {len(train)} informative labelled questions (held out: {held_name}, {len(held)}): "
              f"train {before[0]} -> {after[0]}, held-out {before[1]} -> {after[1]}; "
              f"{'kept' if kept else 'not kept (held-out dropped)'}")
    if write and kept:
        _write(fitted, report)
    return report


def _write(weights: dict[str, dict[str, float]], report: str) -> None:
    text = POLICY_FILE.read_text(encoding="utf-8")
    head = text[: text.index("fitted:")]
    body = "\n".join(f"  {i}: {json.dumps({k: v for k, v in w.items()})}".replace('"', "") for i, w in weights.items())
    POLICY_FILE.write_text(f"{head}fitted: {yaml.safe_dump(report, width=1000).strip()}\nevidence:\n{body}\n",
                           encoding="utf-8")
