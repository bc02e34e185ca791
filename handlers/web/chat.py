"""The chat: `/` (plain form posts, or the page's script getting one turn as HTML), forgetting, 👍/👎, /api/ask."""

from __future__ import annotations

import json
import secrets

from aiohttp import web

from bot.commands import pick_option, run_command
from bot.reply import Reply
from handlers.web.context import BROWSER, NEW_BROWSER, Web, ctx
from handlers.web.forms import PageError, csrf_token, from_script, read_form, redirect
from handlers.web.transcript import Turn

routes = web.RouteTableDef()
UNSURE = 0.5  # below this confidence a question is logged for the maintainers, like the other channels do
MAX_QUESTION = 500
MSG_EMPTY = "Hãy gõ câu hỏi."
MSG_LONG = f"Câu hỏi dài quá: tối đa {MAX_QUESTION} ký tự."
MSG_JSON = 'Hãy gửi JSON dạng {"q": "câu hỏi"} với Content-Type: application/json.'


def conversation_key(browser: str) -> str:
    """The store's key of a browser's conversation (also its user key, for forgetting)."""
    return f"web:{browser}"


def take_turn(w: Web, browser: str, line: str, shown: str | None = None, typed: bool = True) -> tuple[Turn, Reply]:
    """Answer a line in the browser's conversation: a bare number picks an offered option, /dieu … etc. work."""
    key = conversation_key(browser)
    state = w.store.load_state(key)
    picked = pick_option(line, w.transcripts.last_options(browser))
    if picked is not None:
        shown = next((o.label for o in w.transcripts.last_options(browser) if o.query == picked), shown)
        typed = False
    query = picked or line
    reply = run_command(query, state) or w.core.answer(query, state)
    w.store.save_state(key, reply.state, key)
    if typed:
        w.store.log_question(reply.intent, reply.kind)
        if reply.kind == "fallback" or reply.confidence < UNSURE:
            w.store.log_unanswered(key, line, reply.intent)
    return w.transcripts.add(browser, shown or line, reply), reply


def _question(raw: str | None) -> str:
    text = " ".join((raw or "").split())
    if not text:
        raise PageError(400, MSG_EMPTY)
    if len(text) > MAX_QUESTION:
        raise PageError(400, MSG_LONG)
    return text


@routes.get("/")
async def ask_page(request: web.Request) -> web.Response:
    """The chat page with this browser's last turns."""
    w = ctx(request)
    body = w.page("ask.html", title="Hỏi đáp", page="ask", csrf=csrf_token(request),
                  turns=w.transcripts.turns(request[BROWSER]),
                  forgotten="da-xoa" in request.query, max_question=MAX_QUESTION)
    return web.Response(text=body, content_type="text/html")


@routes.post("/")
async def ask_post(request: web.Request) -> web.Response:
    """A question typed or an option pressed: the answer, then back to the page (or one turn for the script)."""
    w = ctx(request)
    form = await read_form(request)
    question = _question(form.get("q"))
    label = (form.get("label") or "").strip()[:100] or None
    turn, _ = take_turn(w, request[BROWSER], question, shown=label, typed=label is None)
    if from_script(request):
        body = w.page("_turn.html", turn=turn, csrf=csrf_token(request))
        return web.Response(text=body, content_type="text/html")
    return redirect(f"/#t{turn.id}")


@routes.post("/xoa")
async def forget(request: web.Request) -> web.Response:
    """'Xóa hội thoại': forget the conversation (state, logged questions, votes) and give the browser a new id."""
    w = ctx(request)
    await read_form(request)
    w.store.forget_user(conversation_key(request[BROWSER]))
    w.transcripts.forget(request[BROWSER])
    w.jobs.forget(request[BROWSER])
    request[BROWSER] = secrets.token_urlsafe(18)
    request[NEW_BROWSER] = True
    return redirect("/?da-xoa")


@routes.post("/phan-hoi")
async def feedback(request: web.Request) -> web.Response:
    """👍 or 👎 under an answer, once per answer."""
    w = ctx(request)
    form = await read_form(request)
    try:
        turn_id, vote = int(form.get("turn", "")), int(form.get("vote", ""))
    except ValueError:
        raise PageError(400, "Góp ý không hợp lệ.") from None
    turn = w.transcripts.find(request[BROWSER], turn_id)
    if turn is None or vote not in (1, -1):
        raise PageError(400, "Không tìm thấy câu trả lời này (có thể hội thoại đã được xóa).")
    if not turn.voted:
        turn.voted = vote
        w.store.log_feedback(conversation_key(request[BROWSER]), turn.intent, turn.clauses, vote)
    if from_script(request):
        return web.Response(text=w.page("_vote.html", turn=turn, csrf=""), content_type="text/html")
    return redirect(f"/#t{turn.id}")


@routes.post("/api/ask")
async def api_ask(request: web.Request) -> web.Response:
    """{"q": "..."} -> the reply object; the conversation is kept by the browser cookie; "2" picks option 2."""
    if request.content_type != "application/json":
        raise PageError(415, MSG_JSON)
    try:
        payload = json.loads(await request.text())
    except (ValueError, UnicodeDecodeError):
        raise PageError(400, MSG_JSON) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("q"), str):
        raise PageError(400, MSG_JSON)
    _, reply = take_turn(ctx(request), request[BROWSER], _question(payload["q"]))
    return web.Response(text=json.dumps(reply.contract(), ensure_ascii=False), content_type="application/json")
