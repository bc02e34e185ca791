"""The /kiemtra dialog: one profile field per step, with buttons, every step skippable, ending in a result card."""

from __future__ import annotations

import datetime as dt

from bot.reply import Option, Reply, State
from bot.render import render_view, source_labels
from bot.views import CheckAskView, CheckCancelView, CheckCardView, StandardLine, View
from knowledge import KnowledgeBase
from knowledge.eligibility import FieldSpec, Profile, check_profile, profile_fields, summarize

MARK = "#kt "  # prefix of the text a dialog button sends
SKIP, CANCEL = "bo_qua", "huy"
# the steps, in order; commune staff are not asked the grade-based ones (II.1 is for tỉnh/huyện)
STEPS = ("tier", "grade", "chuyen_mon", "llct", "qlnn", "tin_hoc", "qp_an", "age", "ethnic_area")
_NOT_FOR_COMMUNE = {"grade", "qlnn", "tin_hoc", "qp_an"}
_CANCEL_WORDS = {"huy", "hủy", "/huy", "thoat", "thoát", "dung", "dừng"}
_SKIP_WORDS = {"bo qua", "bỏ qua", "skip", "-", "/boqua"}
_QUESTION_WORDS = 4  # typed text this long that is no valid answer is a new question: leave the dialog


class CheckFlow:
    """Walks a user through their profile; the progress lives in State.check (plain data)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.fields: dict[str, FieldSpec] = {f.name: f for f in profile_fields(kb)}
        self.ungraded = {t.id for t in kb.tiers if not t.graded}

    def active(self, state: State) -> bool:
        """True while a dialog is in progress."""
        return state.check is not None

    def start(self, state: State) -> Reply:
        """Begin the dialog."""
        return self._ask(state.model_copy(update={"check": {"step": 0, "answers": {}}}), intro=True)

    def step(self, text: str, state: State) -> Reply | None:
        """Take one answer (a button's value or typed text) and ask the next question or show the result.

        None when typed text is not an answer but a question of its own (the caller answers it instead).
        """
        progress = dict(state.check or {"step": 0, "answers": {}})
        answers = dict(progress.get("answers", {}))
        name = self._current(progress["step"], answers)
        raw = text[len(MARK):] if text.startswith(MARK) else text
        word = raw.strip().lower()
        if word == CANCEL or word in _CANCEL_WORDS:
            return self._reply(CheckCancelView(), state.model_copy(update={"check": None}), kind="answer")
        problem = None
        if name is not None and word != SKIP and word not in _SKIP_WORDS:
            try:
                answers[name] = self._value(name, raw, from_button=text.startswith(MARK))
            except ValueError as exc:  # ValueProblem: a Vietnamese message for the user
                if not text.startswith(MARK) and len(raw.split()) >= _QUESTION_WORDS:
                    return None
                problem = str(exc)
        if problem is None:
            progress = {"step": progress["step"] + 1, "answers": answers}
        new_state = state.model_copy(update={"check": {**progress, "answers": answers}})
        if problem is None and self._current(progress["step"], answers) is None:
            return self._result(answers, new_state.model_copy(update={"check": None}))
        return self._ask(new_state, problem=problem)

    # ---- internals ---------------------------------------------------------------------------
    def _current(self, step: int, answers: dict) -> str | None:
        """The field asked at this step, skipping those that do not apply; None when done."""
        while step < len(STEPS):
            name = STEPS[step]
            if not (answers.get("tier") in self.ungraded and name in _NOT_FOR_COMMUNE):
                return name
            step += 1
        return None

    def _value(self, name: str, raw: str, *, from_button: bool) -> object:
        from roster.values import ValueProblem, ValueReader  # the staff-list reader loads openpyxl: on use only

        spec = self.fields[name]
        if from_button:
            for choice in spec.choices:
                if str(choice.value) == raw.strip():
                    return choice.value
        reader = ValueReader(self.kb, dt.date.today().year)
        value = reader.read(name, raw)
        if value is None:
            raise ValueProblem(f"Chưa đọc được “{raw.strip()[:40]}”. Chọn một câu trả lời hoặc nhắn lại.")
        return value

    def _ask(self, state: State, *, intro: bool = False, problem: str | None = None) -> Reply:
        progress = state.check or {"step": 0, "answers": {}}
        step = progress["step"]
        while step < len(STEPS) and self._current(step, progress["answers"]) != STEPS[step]:
            step += 1
        name = STEPS[step]
        spec = self.fields[name]
        state = state.model_copy(update={"check": {**progress, "step": step}})
        options = [Option(label=c.label, query=f"{MARK}{c.value}") for c in spec.choices]
        options += [Option(label="Bỏ qua", query=f"{MARK}{SKIP}"), Option(label="Hủy", query=f"{MARK}{CANCEL}")]
        visible = [s for s in STEPS if s == name or self._current(STEPS.index(s), progress["answers"]) == s]
        view = CheckAskView(intro=intro, problem=problem, label=spec.label, free=not spec.choices,
                            number=visible.index(name) + 1, count=len(visible))
        return self._reply(view, state, options=options)

    def _result(self, answers: dict, state: State) -> Reply:
        from roster.report import OVERALL_LABELS, describe, describe_training

        profile = Profile(**answers)
        checks = check_profile(self.kb, profile)
        summary = summarize(checks)
        standards = [StandardLine(area=c.area_name, line=describe(c), status=c.status, checkable=c.checkable)
                     for c in checks if c.kind == "standard"]
        trainings = [f"{describe_training(c)} — {c.note}" if c.note else describe_training(c)
                     for c in checks if c.kind == "training"]
        clauses = list(dict.fromkeys(c.clause for c in checks))
        view = CheckCardView(overall=OVERALL_LABELS[summary.overall], standards=standards, trainings=trainings,
                             profile=self._profile_lines(answers))
        return self._reply(view, state, kind="answer", clauses=clauses,
                           grade=answers.get("grade"), tier=answers.get("tier"))

    def _profile_lines(self, answers: dict) -> list[str]:
        lines = []
        for name, value in answers.items():
            spec = self.fields[name]
            label = next((c.label for c in spec.choices if c.value == value), str(value))
            lines.append(f"{spec.label}: {label}")
        return lines

    def _reply(self, view: View, state: State, *, kind: str = "clarify",
               options: list[Option] | None = None, clauses: list[str] | None = None,
               grade: str | None = None, tier: str | None = None) -> Reply:
        frame = {"clauses": clauses or [], "footer": True, "doc": self.kb.document,
                 "source": source_labels(self.kb, clauses or [])}
        reply = Reply(kind=kind, intent="kiem_tra_ho_so", confidence=1.0, grade=grade, tier=tier,
                      clauses=clauses or [], options=options or [], text=render_view(view, frame, html=False),
                      state=state)
        return reply.with_html_renderer(lambda: render_view(view, frame, html=True))
