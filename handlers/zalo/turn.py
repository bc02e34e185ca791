"""One incoming Zalo message → the messages to send back: commands, numbered picks, questions to the core.

Nothing here talks HTTP: the channel sends what `Responder.respond` returns. Per conversation (chat and user) the
store keeps the core's state and the numbered options last offered, so a bare "2" picks the second, even after
a restart.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import ModuleType

from bot.commands import run_command
from bot.reply import Reply, State
from handlers.store import Button, Store
from handlers.zalo import texts
from handlers.zalo.ngach import KINDS as NGACH_KINDS
from handlers.zalo.ngach import NgachSteps, Picker
from handlers.zalo.offers import ASK, MORE, QUOTE, SEE_MORE, Offer, numbered, picked_number, reply_offers, with_list
from handlers.zalo.split import LIMIT, split_text
from handlers.zalo.updates import TEXT, UNSUPPORTED, Incoming

UNSURE = 0.5  # below this confidence a question is logged as unanswered for the maintainers
STATS_TOP = 10
HELP_COMMANDS = {"/start", "/help", "/trogiup"}
FILE_COMMANDS = {"/mau", "/danhsach"}
ChartUrl = Callable[[], Awaitable[str | None]]


@dataclass(frozen=True)
class Outgoing:
    """One message to send: text (sendMessage), or a picture by its public URL with the text as caption."""

    text: str = ""
    photo_url: str | None = None


def addressed(text: str, account_name: str) -> str | None:
    """The part of a group message meant for the bot: a command, or text naming the bot's account; else None."""
    text = text.strip()
    if text.startswith("/"):
        return text
    if not account_name:
        return None
    mention = re.compile(rf"@?{re.escape(account_name)}\b[:,]?", re.IGNORECASE)
    if not mention.search(text):
        return None
    return re.sub(r"\s+", " ", mention.sub(" ", text)).strip()


@dataclass
class Responder:
    """The channel's logic over the core and the store."""

    store: Store
    core: ModuleType
    account_name: str = ""
    admin_ids: frozenset[str] = frozenset()
    chart_url: ChartUrl | None = None
    web_page_url: str | None = None

    async def respond(self, msg: Incoming) -> list[Outgoing]:
        """What to send back; empty when a group message was not addressed to the bot."""
        if msg.event == UNSUPPORTED:
            return [] if msg.group else [Outgoing(texts.files_pointer(self.web_page_url))]
        if msg.event != TEXT:
            return [] if msg.group else [Outgoing(texts.NOT_TEXT)]
        text = msg.text.strip()
        if msg.group:
            text = addressed(text, self.account_name)
            if text is None:
                return []
            if not text:
                return [Outgoing(texts.JUST_MENTIONED)]
        if not text:
            return []
        if text.startswith("/"):
            return await self._command(msg, text)
        number = picked_number(text)
        if number is not None:
            picked = self._picked(msg, number)
            if picked is not None:
                return picked
        return self._turn(msg, lambda state: self.core.answer(text, state), question=text)

    # ---- numbered options ------------------------------------------------------------------------------
    def _picked(self, msg: Incoming, number: int) -> list[Outgoing] | None:
        """A bare number: the offer it picks, or a one-line hint; None when it is a typed dialog answer."""
        offers = self.store.offers(msg.conversation_key)
        if 1 <= number <= len(offers):
            return self._act(msg, offers[number - 1], offers)
        if self.store.load_state(msg.conversation_key).check is not None:
            return None  # e.g. an age in the /kiemtra dialog
        if not offers:
            return [Outgoing(texts.NO_PENDING)]
        hint = texts.OUT_OF_RANGE.format(count=len(offers)) if len(offers) > 1 else texts.ONLY_ONE
        return [Outgoing(hint)]

    def _act(self, msg: Incoming, offer: Button, offers: list[Button]) -> list[Outgoing]:
        if offer.kind == ASK:
            return self._turn(msg, lambda state: self.core.answer(offer.arg, state))
        if offer.kind == QUOTE and offer.arg.split():
            return self._turn(msg, lambda state: self._quotes(offer.arg.split(), state), quotes=False)
        if offer.kind in NGACH_KINDS:
            return self._step(msg, NgachSteps(self.core).pick(offer.kind, offer.arg))
        if offer.kind == MORE:  # the rest of a group reply, its numbered list included; the same numbers stay
            self.store.save_offers(msg.conversation_key, [o for o in offers if o.kind != MORE], msg.user_key)
            return [Outgoing(part) for part in split_text(offer.arg)]
        return [Outgoing(texts.EXPIRED)]

    def _quotes(self, clauses: list[str], state: State) -> Reply:
        """Several clauses verbatim, one after the other, as one reply."""
        replies = []
        for clause in clauses:
            reply = self.core.quote_clause(clause, state)
            state = reply.state
            replies.append(reply)
        return replies[-1].model_copy(update={"text": "\n\n".join(r.text.strip() for r in replies)})

    # ---- one turn with the core ----------------------------------------------------------------------
    def _turn(self, msg: Incoming, ask: Callable[[State], Reply], question: str | None = None,
              quotes: bool = True, footer: str = "") -> list[Outgoing]:
        """Run the core on the conversation's state, store the new state and the offers, and format the reply."""
        key = msg.conversation_key
        reply = ask(self.store.load_state(key))
        self.store.save_state(key, reply.state, msg.user_key)
        if question is not None:
            self.store.log_question(reply.intent, reply.kind)
            if reply.kind == "fallback" or reply.confidence < UNSURE:
                self.store.log_unanswered(msg.user_key, question, reply.intent)
        return self._send(msg, reply.text, reply_offers(reply, quotes), footer)

    def _send(self, msg: Incoming, text: str, offers: list[Offer], footer: str = "") -> list[Outgoing]:
        """The messages a reply becomes, its numbered list last; the offers are stored for a bare number.
        In a group only one message: the rest, with the same list, is the last option, "Xem đủ". A footer
        (e.g. the commands, after /help) follows the list."""
        text = text.strip()
        if msg.group:
            room = LIMIT - len(numbered([*offers, Offer(SEE_MORE, MORE, "")])) - 2
            first = split_text(text, room)
            if len(first) > 1:
                rest = with_list(text[len(first[0]):].strip(), offers)
                offers = [*offers, Offer(SEE_MORE, MORE, rest)]
                text = first[0]
        self.store.save_offers(msg.conversation_key, [o.button for o in offers], msg.user_key)
        body = with_list(text, offers)
        return [Outgoing(part) for part in split_text(f"{body}\n\n{footer}" if footer else body)]

    # ---- typed commands ------------------------------------------------------------------------------
    async def _command(self, msg: Incoming, line: str) -> list[Outgoing]:
        name, _, arg = line.partition(" ")
        name, arg = name.split("@", 1)[0].lower(), arg.strip()
        if name == "/quen":
            self.store.forget_user(msg.user_key)
            return [Outgoing(texts.FORGOTTEN)]
        if name == "/thongke":
            return [Outgoing(self._stats(msg))]
        if name == "/ngach":
            return self._step(msg, NgachSteps(self.core).start(arg))
        if name == "/chitieu":
            return [*self._turn(msg, lambda state: self.core.annex_reply(state)), *await self._chart()]
        if name == "/kiemtra" and msg.group:
            return [Outgoing(texts.PRIVATE_ONLY)]
        if name in FILE_COMMANDS:
            return [Outgoing(texts.files_pointer(self.web_page_url))]
        if name in HELP_COMMANDS:
            return self._turn(msg, lambda state: run_command(name, state), footer=texts.ZALO_HELP)
        if name == "/timkiem" and not arg:
            return [Outgoing(texts.TIMKIEM_USAGE)]
        reply = run_command(f"{name} {arg}".strip(), self.store.load_state(msg.conversation_key))
        if reply is None:
            return [Outgoing(texts.UNKNOWN_COMMAND)]
        return self._turn(msg, lambda _state: reply, quotes=not (name == "/dieu" and arg))

    def _stats(self, msg: Incoming) -> str:
        if msg.user_id not in self.admin_ids:
            return texts.NOT_ADMIN
        if msg.group:
            return texts.PRIVATE_ONLY
        return texts.stats_report(self.store.intent_counts(), self.store.top_unanswered(STATS_TOP), STATS_TOP)

    async def _chart(self) -> list[Outgoing]:
        url = await self.chart_url() if self.chart_url else None
        return [Outgoing(texts.CHART_CAPTION, photo_url=url)] if url else []

    # ---- /ngach: numbered steps ---------------------------------------------------------------------
    def _step(self, msg: Incoming, step: Picker | Callable[[State], Reply]) -> list[Outgoing]:
        """A picker's question with its numbered choices, or the core's answer at the end of the steps."""
        if isinstance(step, Picker):
            return self._send(msg, step.text, step.offers)
        return self._turn(msg, step)
