"""`/quan-tri`, for the plan's maintainers: unanswered questions, questions by intent, 👍/👎; behind a login."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from handlers.web.context import ctx
from handlers.web.forms import PageError, client_address, csrf_token, read_form, redirect
from handlers.web.passwd import verify

log = logging.getLogger(__name__)
routes = web.RouteTableDef()
ADMIN_COOKIE = "kh39_admin"
TOP = 30
MSG_WRONG = "Sai mật khẩu."
MSG_NOT_SET = "Chưa đặt mật khẩu quản trị (BOT_WEB_ADMIN_PASSWORD_HASH), nên không ai đăng nhập được."
MSG_SLOW_DOWN = "Bạn đã thử quá nhiều lần. Hãy đợi một phút rồi thử lại."
MSG_REFUSED = "Cần đăng nhập quản trị."


def is_admin(request: web.Request) -> bool:
    """Does the request carry a valid maintainer session?"""
    return ctx(request).admin.valid(request.cookies.get(ADMIN_COOKIE))


def _stats(request: web.Request) -> dict:
    store = ctx(request).store
    return {"unanswered": store.top_unanswered(TOP), "intents": store.intent_counts(),
            "feedback": store.feedback_counts()}


def _login_page(request: web.Request, message: str | None = None, status: int = 200) -> web.Response:
    w = ctx(request)
    configured = w.settings.bot_web_admin_password_hash is not None
    body = w.page("login.html", title="Đăng nhập quản trị", page="admin", csrf=csrf_token(request),
                  message=message or (None if configured else MSG_NOT_SET))
    return web.Response(text=body, content_type="text/html", status=status)


@routes.get("/quan-tri")
async def admin_page(request: web.Request) -> web.Response:
    """The statistics, or the way to the login form."""
    if not is_admin(request):
        return redirect("/quan-tri/dang-nhap")
    w = ctx(request)
    stats = _stats(request)
    body = w.page("admin.html", title="Quản trị", page="admin", csrf=csrf_token(request), **stats,
                  total=sum(n for _, n in stats["intents"]))
    return web.Response(text=body, content_type="text/html")


@routes.get("/quan-tri/dang-nhap")
async def login_form(request: web.Request) -> web.Response:
    """The login form."""
    if is_admin(request):
        return redirect("/quan-tri")
    return _login_page(request)


@routes.post("/quan-tri/dang-nhap")
async def login(request: web.Request) -> web.Response:
    """Check the password against the configured hash (never logged); a signed, expiring session on success."""
    w = ctx(request)
    form = await read_form(request)
    if w.login_limiter.allow(client_address(request)):
        return _login_page(request, MSG_SLOW_DOWN, status=429)
    stored = w.settings.bot_web_admin_password_hash
    if stored is None:
        return _login_page(request, MSG_NOT_SET, status=403)
    password = form.get("password") or ""
    if not await asyncio.to_thread(verify, password, stored.get_secret_value()):
        log.warning("admin login refused from %s", client_address(request))
        return _login_page(request, MSG_WRONG, status=403)
    log.info("admin logged in from %s", client_address(request))
    response = redirect("/quan-tri")
    response.set_cookie(ADMIN_COOKIE, w.admin.issue(), max_age=int(w.admin.lifetime_s), path="/", httponly=True,
                        samesite="Strict", secure=w.settings.bot_web_cookie_secure)
    return response


@routes.post("/quan-tri/dang-xuat")
async def logout(request: web.Request) -> web.Response:
    """End the session: the cookie is dropped and its signature revoked."""
    await read_form(request)
    ctx(request).admin.revoke(request.cookies.get(ADMIN_COOKIE))
    response = redirect("/quan-tri/dang-nhap")
    response.del_cookie(ADMIN_COOKIE, path="/")
    return response


@routes.get("/api/admin/stats")
async def api_stats(request: web.Request) -> web.Response:
    """The same statistics as JSON, for maintainers only (403 otherwise)."""
    if not is_admin(request):
        raise PageError(403, MSG_REFUSED)
    stats = _stats(request)
    return web.json_response({
        "unanswered": [{"text": t, "count": n} for t, n in stats["unanswered"]],
        "intents": [{"intent": i, "count": n} for i, n in stats["intents"]],
        "feedback": [{"intent": i, "up": up, "down": down} for i, up, down in stats["feedback"]],
    })
