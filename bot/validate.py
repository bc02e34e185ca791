"""Checks the knowledge base and the bot's own data files; used by `python -m bot validate`."""

from __future__ import annotations

from pathlib import Path

from bot.intents import load_intents
from bot.policy import load_policy
from bot.render import template_names
from knowledge import KBError, load_kb
from knowledge.loader import DEFAULT_FILE

REQUIRED_TEMPLATES = (
    "requirements", "passages", "annex", "document", "scope", "clause", "clarify", "no_clause", "fallback", "help",
    "search", "check_ask", "check_card", "check_cancel", "outline", "duties", "targets", "staff_list",
)


def overmatched_examples() -> list[str]:
    """Intent examples that the full pipeline does not recognize as their own intent (hassil-style check)."""
    from bot.assistant import default_assistant
    from bot.reply import State

    assistant = default_assistant()
    problems = []
    for spec in assistant.u.intents:
        for example in spec.examples:
            reply = assistant.answer(example, State())
            if reply.intent != spec.name and not (spec.name in ("yeu_cau", "kiem_tra") and reply.kind == "clarify"):
                problems.append(f"intent {spec.name}: example {example!r} is read as {reply.intent}")
    return problems


def unknown_menu_options() -> list[str]:
    """Options of bot/data/askback.yaml whose intent or ids the default plan does not have."""
    from bot.askback import Menus
    from bot.assistant import default_assistant

    reader = default_assistant().pressed
    return [f"askback.yaml: option {o.label!r} names an intent or id the plan does not have"
            for o in Menus().options() if o.action is None or not reader.knows(o.action)]


def validate_all(path: Path | None = None) -> tuple[list[str], str]:
    """Every problem found, and a one-line summary when there are none."""
    problems: list[str] = []
    try:
        kb = load_kb(path or DEFAULT_FILE)
    except KBError as exc:
        return [str(exc)], ""
    try:
        intents = load_intents()
    except Exception as exc:  # malformed YAML or schema: report, never crash
        return [f"intents: {exc}"], ""
    try:
        policy = load_policy()
    except Exception as exc:  # malformed YAML, unknown evidence: report, never crash
        return [f"policy: {exc}"], ""
    names = {i.name for i in intents}
    problems.extend(f"policy.yaml: {i} is not an intent of intents.yaml" for i in policy.evidence if i not in names)
    missing = [t for t in REQUIRED_TEMPLATES if t not in template_names()]
    problems.extend(f"template {t}.j2 does not exist" for t in missing)
    if path is None or Path(path).resolve() == DEFAULT_FILE.resolve():
        problems.extend(overmatched_examples())
        problems.extend(unknown_menu_options())
    summary = (
        f"OK: {kb.document.number} — {len(kb.clauses)} điều khoản, {len(kb.requirements)} yêu cầu, "
        f"{len(kb.annex.rows) if kb.annex else 0} dòng phụ lục, {sum(len(i.examples) for i in intents)} câu mẫu."
    )
    if not problems:
        summary += "\n" + calibration_report()
    return problems, summary


def calibration_report() -> str:
    """The thresholds the intent matcher derived from its examples (leave-one-out), as the policy uses them."""
    from bot.understand import default_understander

    matcher = default_understander().matcher
    loo = matcher.leave_one_out()
    right = sum(want == got for want, got, _, _ in loo)
    cal = matcher.calibration
    return (f"Hiệu chỉnh (leave-one-out trên {len(loo)} câu mẫu, {right} đúng ý định): ngưỡng nhận ý định "
            f"{cal.threshold}, khoảng cách tối thiểu giữa hai ý định {cal.gap}.\n"
            f"Trọng số bằng chứng (bot/data/policy.yaml): {load_policy().fitted or 'chưa khớp'}\n"
            f"{prior_report()}")


def prior_report() -> str:
    """What the plan's learned clause prior was fitted on, and when the policy lets it pick a clause."""
    from bot.cues import PRIOR_HIT_SHARE, PRIOR_SURE
    from knowledge import default_kb

    prior = default_kb().prior
    if prior is None:
        return "Tiên nghiệm điều khoản: không có (kế hoạch không kèm tệp .prior.json)."
    return (f"Tiên nghiệm điều khoản (scripts/fit_prior.py): {len(prior.classes)} nhãn, khớp trên "
            f"{len(prior.fitted_on)} bộ câu hỏi; chọn điều khoản khi chắc ≥ {PRIOR_SURE} và đoạn văn đạt "
            f"≥ {PRIOR_HIT_SHARE} điểm của đoạn tốt nhất (hiệu chỉnh bằng leave-one-round-out).")
