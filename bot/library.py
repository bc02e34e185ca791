"""The assistant over several plans loaded side by side: each message goes to its plan's own Assistant."""

from __future__ import annotations

import logging
import re

from bot.assistant import Assistant
from bot.mentions import replace_mentions
from bot.render import render_view
from bot.reply import Option, Reply, State
from bot.router import PlanRouter
from bot.understand import Understander
from bot.views import NoPlanView, PlanListView, WhichPlanView
from knowledge import KnowledgeBase

log = logging.getLogger(__name__)

CHOICE = "#plan"  # an option's query: "#plan <document id> <the question asked>"
_CHOICE = re.compile(r"^#plan (\S+)(?: (.*))?$", re.DOTALL)
HELP_INTENT = "tro_giup"  # the greeting and help reply: it lists the documents loaded
_SHORT_ANSWER = 6  # words: a message this short naming a document answers "which document?"
_PERSON = ("grade", "tier", "role", "age", "held", "subject", "people")  # what a conversation knows of people
_TOPIC = ("last_intent", "last_area", "last_clauses", "last_rows", "pending", "check")  # what one plan's answers left


class PlanLibrary:
    """One Assistant per plan and a router between them; with one plan it is that plan's Assistant, unchanged."""

    def __init__(self, assistants: list[Assistant]) -> None:
        if not assistants:
            raise ValueError("a library needs at least one plan")
        self.assistants = {a.kb.document.id: a for a in assistants}
        self.primary = assistants[0]
        self.router = PlanRouter([a.u for a in assistants])

    @classmethod
    def of(cls, plans: list[KnowledgeBase]) -> "PlanLibrary":
        """A library over plans already loaded, the first one the primary."""
        return cls([Assistant(Understander(kb)) for kb in plans])

    @property
    def several(self) -> bool:
        """More than one plan is loaded."""
        return len(self.assistants) > 1

    def current(self, state: State | None) -> Assistant:
        """The plan the conversation is in: the one remembered, else the primary."""
        return self.assistants.get((state or State()).plan or "", self.primary)

    # ---- answering ---------------------------------------------------------------------------
    def answer(self, query: str, state: State | None = None) -> Reply:
        """Answer one message from the plan it is about; ask which document when two fit alike; never raises."""
        state = state or State()
        if not self.several:
            return self.primary.answer(query, state)
        text = query if isinstance(query, str) else ""
        try:
            return self._routed(text, state)
        except Exception:  # routing must never cost an answer: the conversation's plan answers (and never raises)
            log.exception("routing failed on a message")
            return self.current(state).answer(text, state)

    def _routed(self, text: str, state: State) -> Reply:
        chosen = _CHOICE.match(text.strip())
        if chosen and chosen.group(1) in self.assistants:  # an option of "which document?"
            return self._from(chosen.group(1), (chosen.group(2) or state.pending or "").strip(), state, pending=True)
        if chosen:  # the option of a document no longer loaded: the question is routed afresh
            text = chosen.group(2) or ""
        if state.check or text.startswith("#"):  # a dialog or a button of the remembered plan
            return self._from(self.current(state).kb.document.id, text, state)
        named = self.router.named(text)
        if state.plan is None and state.pending:  # "which document?" was asked: a short reply naming one answers it
            if len(named.plans) == 1 and (len(text.split()) <= _SHORT_ANSWER or self.router.names_only(text)):
                return self._from(named.plans[0], state.pending, state, pending=True)
            state = state.model_copy(update={"pending": None})
        if (len(named.plans) == 1 and named.plans[0] != state.plan and state.asked
                and self.router.names_only(text)):  # "còn KH 39 thì sao?": the last question, from that document
            return self._from(named.plans[0], state.asked, state)
        route = self.router.route(text, current=state.plan)
        if route.conflict:
            return self.no_such_document(state)
        if len(route.plans) > 1:
            return self._among(text, route.plans, state)
        if not route.plans:  # a greeting, thanks, a message no plan knows: the conversation's plan, nothing chosen
            return self._with_documents(self._from(self.current(state).kb.document.id, text, state, pin=False), state)
        return self._from(route.plans[0], text, state)

    def _with_documents(self, reply: Reply, state: State) -> Reply:
        """A greeting or help, before a document is chosen, lists the documents loaded."""
        if reply.intent != HELP_INTENT or state.plan is not None:
            return reply
        view = PlanListView(docs=[a.kb.document for a in self.assistants.values()],
                            example=reply.options[0].label if reply.options else "ai ký?")
        extra_text, extra_html = render_view(view, html=False), render_view(view, html=True)
        text, html = reply.text, reply.html
        listed = reply.model_copy(update={"text": f"{extra_text}\n\n{text}", "html_": None})
        return listed.with_html_renderer(lambda: f"{extra_html}\n\n{html}")

    def _among(self, text: str, plan_ids: tuple[str, ...], state: State) -> Reply:
        """Plans that fit a message alike: the one that answers it when the others cannot; none answering, the
        conversation's plan says so; several answering, the user chooses."""
        replies = {p: self._from(p, text, state) for p in plan_ids}
        answering = [p for p, r in replies.items() if r.kind != "fallback"]
        if len(answering) == 1:
            return replies[answering[0]]
        if not answering:  # out of every plan's scope: said once, no document chosen
            return self._from(self.current(state).kb.document.id, text, state, pin=False)
        # what the message told of the person ("tôi là chuyên viên ở sở") is kept while the document is asked
        learned = replies[answering[0]].state
        state = state.model_copy(update={name: getattr(learned, name) for name in _PERSON})
        return self.which_document(text, tuple(answering), state)

    def which_document(self, question: str, plan_ids: tuple[str, ...], state: State) -> Reply:
        """Ask which document a question is about, one option per document."""
        docs = [self.assistants[p].kb.document for p in plan_ids]
        options = [Option(label=f"{d.short} ({d.period.start}–{d.period.end})", query=f"{CHOICE} {d.id} {question}")
                   for d in docs]
        view = WhichPlanView(docs=docs)
        reply = Reply(kind="clarify", intent="chon_van_ban", confidence=0.5, options=options,
                      grade=state.grade, tier=state.tier,
                      text=render_view(view, html=False),
                      state=state.model_copy(update={"plan": None, "pending": question.strip() or None}))
        return reply.with_html_renderer(lambda: render_view(view, html=True))

    def no_such_document(self, state: State) -> Reply:
        """No loaded document is of the province and the period asked: say so and list the documents."""
        view = NoPlanView(docs=[a.kb.document for a in self.assistants.values()])
        reply = Reply(kind="fallback", intent="ngoai_pham_vi", confidence=1.0, grade=state.grade, tier=state.tier,
                      text=render_view(view, html=False), state=state)
        return reply.with_html_renderer(lambda: render_view(view, html=True))

    def _from(self, plan_id: str, text: str, state: State, pending: bool = False, pin: bool = True) -> Reply:
        """The reply of one plan's assistant; the conversation then stays in that plan (pin), or, when nothing
        chose the plan (a greeting), in the plan it was in, if any."""
        assistant = self.assistants[plan_id]
        if plan_id != self.current(state).kb.document.id:
            state = self._carried(state, assistant.kb)
        if pending:
            state = state.model_copy(update={"pending": None})
        text = self._for_plan(text, assistant)
        reply = assistant.answer(text, state)
        asked = text if reply.kind == "answer" and not text.startswith("#") else reply.state.asked
        reply.state = reply.state.model_copy(update={"plan": plan_id if pin else state.plan, "asked": asked})
        return reply

    @staticmethod
    def _carried(state: State, kb: KnowledgeBase) -> State:
        """A state moving to another plan: what the person and the topic were, as far as that plan knows their ids."""
        update: dict = {name: State.model_fields[name].default for name in _TOPIC}
        update["last_intent"] = state.last_intent  # what was asked is a kind of question any plan answers
        if state.last_area and kb.by_id("areas", state.last_area) is not None:
            update["last_area"] = state.last_area
        if state.last_clauses and all(kb.has_clause(c) for c in state.last_clauses):
            update["last_clauses"] = state.last_clauses
        if kb.annex and state.last_rows and all(r in {row.code for row in kb.annex.rows} for r in state.last_rows):
            update["last_rows"] = state.last_rows
        if state.grade and kb.by_id("grades", state.grade) is None:
            update["grade"] = None
        if state.tier and kb.by_id("tiers", state.tier) is None:
            update["tier"] = None
        if state.role and kb.by_id("roles", state.role) is None:
            update["role"] = None
        return state.model_copy(update=update)

    def _for_plan(self, text: str, assistant: Assistant) -> str:
        """The message as the plan's own assistant reads it: the document's number or short name, once it has
        chosen the document, as the plain kind ('kế hoạch'); the plan's province left out when the shared lexicon
        lists it among other provinces (a plan of Bạc Liêu asked about 'Bạc Liêu' is not asked of elsewhere)."""
        names = next(n for n in self.router.names if n.id == assistant.kb.document.id)
        text = replace_mentions(text, names.name_patterns(), assistant.kb.document.kind.lower())
        if names.province in assistant.u.lex.other_places:
            text = replace_mentions(text, names.province_patterns(), "")
        return text

    # ---- the command entry points: from the conversation's plan ----------------------------------
    def quote_clause(self, clause_id: str, state: State | None = None) -> Reply:
        """A clause of the conversation's plan verbatim."""
        return self._stamped(self.current(state).quote_clause(clause_id, state), state)

    def search_plan(self, keywords: str, state: State | None = None) -> Reply:
        """Passages of the conversation's plan matching keywords."""
        return self._stamped(self.current(state).search_plan(keywords, state), state)

    def annex_reply(self, state: State | None = None) -> Reply:
        """The annex figures of the conversation's plan."""
        return self._stamped(self.current(state).annex_reply(state), state)

    def document_reply(self, state: State | None = None) -> Reply:
        """Number, date, signer, bases and period of the conversation's plan."""
        return self._stamped(self.current(state).document_reply(state), state)

    def requirements_reply(self, grade: str | None, tier: str | None, state: State | None = None) -> Reply:
        """Everything the conversation's plan requires of a grade at a tier."""
        return self._stamped(self.current(state).requirements_reply(grade, tier, state), state)

    def start_check(self, state: State | None = None) -> Reply:
        """Begin the eligibility check against the conversation's plan."""
        return self._stamped(self.current(state).start_check(state), state)

    def _stamped(self, reply: Reply, state: State | None) -> Reply:
        if self.several:
            reply.state = reply.state.model_copy(update={"plan": self.current(state).kb.document.id})
        return reply
