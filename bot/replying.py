"""Turns decisions into replies: renders each view with the frame every reply shares, and joins several answers."""

from __future__ import annotations

from bot.decision import Decision
from bot.render import render, render_view, source_labels
from bot.reply import Reply, State
from knowledge import KnowledgeBase


class Replier:
    """Renders a Decision's view as a Reply (plain text now, Telegram HTML on demand) for one plan."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._graded_names = ", ".join(t.name for t in kb.tiers if t.graded)
        self._ungraded_names = ", ".join(t.name for t in kb.tiers if not t.graded)

    def reply(self, d: Decision, footer: bool = True) -> Reply:
        """The reply of one decision; an answer becomes the conversation's last intent and clauses."""
        frame = {  # what every reply shares; the view's own fields come on top
            "footer": footer,
            "clauses": d.clauses,
            "source": source_labels(self.kb, d.clauses),
            "doc": self.kb.document,
            "options": d.options,
            "grade_names": self._grade_names_of,
            "role_names": self._role_names_of,
            "graded_tiers": self._graded_names,  # "cấp tỉnh, cấp huyện": the tiers whose requirements go by grade
            "ungraded_tiers": self._ungraded_names,  # "cấp xã"
        }
        state = d.state or State()
        if d.kind == "answer":
            state = state.model_copy(update={"last_intent": d.intent, "last_clauses": d.clauses or state.last_clauses})
        reply = Reply(
            # the person being discussed: what this reply says of them, else what the conversation knows
            kind=d.kind, intent=d.intent, confidence=round(d.confidence, 3),
            grade=d.grade or state.grade, tier=d.tier or state.tier,
            clauses=[] if d.kind == "fallback" else d.clauses, options=d.options,
            text=render_view(d.view, frame, html=False), state=state,
        )
        return reply.with_html_renderer(lambda: render_view(d.view, frame, html=True))

    def joined(self, decisions: list[Decision]) -> Reply:
        """One reply answering a message's questions one after another, with one source line."""
        replies = [self.reply(d, footer=False) for d in decisions]
        clauses = list(dict.fromkeys(c for r in replies for c in r.clauses))
        footer_context = {"source": source_labels(self.kb, clauses), "doc": self.kb.document}
        footer = render("_footer", footer_context, html=False)
        footer_html = render("_footer", footer_context, html=True)
        reply = Reply(
            kind="answer", intent=replies[0].intent, confidence=min(r.confidence for r in replies),
            grade=next((r.grade for r in replies if r.grade), None), tier=next((r.tier for r in replies if r.tier), None),
            clauses=clauses, text="\n\n".join([*(r.text for r in replies), footer]),
            state=replies[-1].state.model_copy(update={"last_area": None}),  # several topics: no one of them is kept
        )
        return reply.with_html_renderer(lambda: "\n\n".join([*(r.html for r in replies), footer_html]))

    def _grade_names_of(self, ids: list[str]) -> str:
        return ", ".join(self.kb.by_id("grades", g).name for g in ids if self.kb.by_id("grades", g))

    def _role_names_of(self, ids: list[str]) -> str:
        return ", ".join(self.kb.by_id("roles", r).name for r in ids if self.kb.by_id("roles", r))
