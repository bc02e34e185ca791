"""Scores a question set or a conversation set (JSON Lines) by the rules of shared/eval/README.md."""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.reply import Reply, State


def fold_fact(text: str) -> str:
    """NFC, case folding, no diacritics (đ as d), collapsed whitespace."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(text.replace("đ", "d").split())


def check(case: dict, reply: dict) -> list[str]:
    """Why a reply fails a case (empty if it passes)."""
    problems = []
    if reply["kind"] not in case["kind"]:
        problems.append(f"kind {reply['kind']} not in {case['kind']}")
    for clause in case.get("clauses", []):
        if clause not in reply["clauses"]:
            problems.append(f"clause {clause} missing from {reply['clauses']}")
    text = fold_fact(reply["text"])
    for fact in case.get("facts", []):
        if fold_fact(fact) not in text:
            problems.append(f"fact {fact!r} missing")
    for key in ("grade", "tier"):
        if case.get(key) is not None and reply.get(key) != case[key]:
            problems.append(f"{key} {reply.get(key)} != {case[key]}")
    if reply["kind"] == "fallback" and reply["clauses"]:
        problems.append("a fallback cites clauses")
    return problems


@dataclass
class Score:
    """Totals of a run."""

    total: int = 0
    passed: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_clause: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    failures: list[tuple[dict, dict, list[str]]] = field(default_factory=list)
    conversations: int = 0
    conversations_passed: int = 0

    def add(self, case: dict, got: dict) -> bool:
        """Judge one question or turn and count it."""
        problems = check(case, got)
        ok = not problems
        self.total += 1
        self.passed += ok
        kind = case["kind"][0]
        self.by_kind[kind][0] += ok
        self.by_kind[kind][1] += 1
        for clause in case.get("clauses") or ["(none)"]:
            self.by_clause[clause][0] += ok
            self.by_clause[clause][1] += 1
        if not ok:
            self.failures.append((case, got, problems))
        return ok


def evaluate(path: Path, answer) -> Score:
    """Run every case through answer(query, state) -> Reply: a question in a fresh conversation, or a
    conversation's turns (a line with "turns") in order in one conversation."""
    score = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        if "turns" not in case:
            score.add(case, answer(case["q"], State()).contract())
            continue
        state, all_ok = State(), True
        for n, turn in enumerate(case["turns"], 1):
            reply: Reply = answer(turn["q"], state)
            state = reply.state
            all_ok &= score.add({**turn, "id": f"{case.get('id', '?')}#{n}"}, reply.contract())
        score.conversations += 1
        score.conversations_passed += all_ok
    return score


def report(score: Score) -> str:
    """Human-readable summary: overall, per kind, per clause, each failure."""
    pct = lambda a, b: f"{100 * a / b:.1f}%" if b else "n/a"  # noqa: E731
    unit = " turns" if score.conversations else ""
    lines = [f"overall: {score.passed}/{score.total}{unit} = {pct(score.passed, score.total)}"]
    if score.conversations:
        lines.append(f"conversations entirely right: {score.conversations_passed}/{score.conversations} = "
                     f"{pct(score.conversations_passed, score.conversations)}")
    lines.append("by kind:")
    for kind, (a, b) in sorted(score.by_kind.items()):
        lines.append(f"  {kind:9} {a}/{b} = {pct(a, b)}")
    lines.append("by clause:")
    for clause, (a, b) in sorted(score.by_clause.items()):
        lines.append(f"  {clause:8} {a}/{b} = {pct(a, b)}")
    if score.failures:
        lines.append("failures:")
    for case, got, problems in score.failures:
        lines.append(f"- {case.get('id', '?')}: {case['q']}")
        lines.append(f"    {'; '.join(problems)}")
        lines.append(f"    got {got['kind']}/{got['intent']} {got['clauses']} grade={got['grade']} tier={got['tier']}")
    return "\n".join(lines)
