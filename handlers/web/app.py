"""The aiohttp application: middlewares (errors, limits, browser id), security headers, and every page's routes."""

from __future__ import annotations

import json
import logging
import re
import secrets

from aiohttp import web

from handlers.web import admin, chat, checks, plan
from handlers.web.context import BROWSER, KEY, NEW_BROWSER, STATIC_DIR, Web, ctx
from handlers.web.forms import PageError, client_address
from handlers.web.security import security_headers

log = logging.getLogger(__name__)

HEADERS: web.AppKey[dict] = web.AppKey("security_headers", dict)
FORM_LIMIT = 64 * 1024  # any request body but an upload
BROWSER_COOKIE = "kh39_id"
BROWSER_MAX_AGE = 180 * 24 * 3600
_BROWSER_ID = re.compile(r"^[A-Za-z0-9_-]{24}$")
MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    403: "Bạn không có quyền làm việc này.",
    404: "Không tìm thấy trang này.",
    405: "Trang này không nhận kiểu yêu cầu đó.",
    413: "Dữ liệu gửi lên quá lớn.",
    415: "Kiểu dữ liệu gửi lên không được hỗ trợ.",
    429: "Bạn gửi quá nhiều yêu cầu. Hãy thử lại sau ít giây.",
    500: "Máy chủ gặp lỗi khi xử lý yêu cầu. Hãy thử lại sau.",
    503: "Máy chủ đang bận. Hãy thử lại sau ít phút.",
}


def wants_json(request: web.Request) -> bool:
    """API paths and the page's own script get errors as JSON."""
    return request.path.startswith("/api/") or request.headers.get("X-Requested-With") == "fetch"


def error_response(request: web.Request, status: int, message: str | None = None,
                   headers: dict[str, str] | None = None) -> web.Response:
    """A Vietnamese error: JSON {"error": ...} for the API, a page otherwise; never a stack trace."""
    text = message or MESSAGES.get(status, MESSAGES[500])
    if wants_json(request):
        return web.json_response({"error": text}, status=status, headers=headers, dumps=_dumps)
    body = ctx(request).page("error.html", title="Lỗi", page="", status=status, message=text)
    return web.Response(text=body, status=status, content_type="text/html", headers=headers)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@web.middleware
async def errors(request: web.Request, handler):
    """HTTP errors as Vietnamese pages; anything unexpected is logged and answered with a plain 500."""
    try:
        return await handler(request)
    except PageError as exc:
        return error_response(request, exc.status, exc.message)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return error_response(request, exc.status)
    except Exception:
        log.exception("error on %s %s", request.method, request.path)
        return error_response(request, 500)


@web.middleware
async def limits(request: web.Request, handler):
    """Per-IP rate limit, then the body size stated in Content-Length, both before the body is read."""
    if not request.path.startswith("/static/"):
        wait = ctx(request).limiter.allow(client_address(request))
        if wait:
            return error_response(request, 429, headers={"Retry-After": str(max(1, round(wait)))})
    limit = checks.UPLOAD_LIMIT if checks.is_upload(request) else FORM_LIMIT
    if request.content_length is not None and request.content_length > limit:
        message = checks.TOO_BIG if checks.is_upload(request) else None
        return error_response(request, 413, message, headers={"Connection": "close"})
    return await handler(request)


@web.middleware
async def browser_id(request: web.Request, handler):
    """A random id per browser in an HttpOnly SameSite cookie: the key of its conversation, jobs and form tokens."""
    value = request.cookies.get(BROWSER_COOKIE, "")
    fresh = not _BROWSER_ID.match(value)
    request[BROWSER] = secrets.token_urlsafe(18) if fresh else value
    response = await handler(request)
    if fresh or request.get(NEW_BROWSER):
        set_browser_cookie(request, response)
    return response


def set_browser_cookie(request: web.Request, response: web.StreamResponse) -> None:
    """Give the browser its (new) id."""
    response.set_cookie(BROWSER_COOKIE, request[BROWSER], max_age=BROWSER_MAX_AGE, path="/", httponly=True,
                        samesite="Lax", secure=ctx(request).settings.bot_web_cookie_secure)


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(request.app[HEADERS])
    if response.content_type == "text/html" or request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")


async def _close(app: web.Application) -> None:
    await app[KEY].jobs.close()


def build_app(w: Web) -> web.Application:
    """The whole site."""
    app = web.Application(middlewares=[errors, limits, browser_id], client_max_size=FORM_LIMIT)
    app[KEY] = w
    app[HEADERS] = security_headers(w.settings.bot_web_frame_ancestors)
    app.on_response_prepare.append(_headers)
    app.on_cleanup.append(_close)
    app.router.add_static("/static/", STATIC_DIR, append_version=False)
    for module in (chat, checks, plan, admin):
        app.router.add_routes(module.routes)
    return app
