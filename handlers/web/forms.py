"""Reading posted forms: urlencoded only, within the size limit, with a valid CSRF token; errors as PageError."""

from __future__ import annotations

from aiohttp import web
from multidict import MultiDictProxy

from handlers.web.context import BROWSER, ctx

CSRF_FIELD = "csrf"
MSG_CSRF = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang rồi thử lại."
MSG_FORM = "Biểu mẫu gửi lên không đúng."


class PageError(Exception):
    """An error shown to the user with its own Vietnamese message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def client_address(request: web.Request) -> str:
    """The client's IP address (the last X-Forwarded-For hop when behind a trusted proxy)."""
    if ctx(request).settings.bot_web_trust_proxy:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.remote or "?"


def csrf_token(request: web.Request) -> str:
    """The token this browser's forms carry."""
    return ctx(request).signer.csrf_token(request[BROWSER])


def check_csrf(request: web.Request, token: str | None) -> None:
    """Refuse a form whose token does not belong to this browser."""
    if not ctx(request).signer.csrf_ok(request[BROWSER], token):
        raise PageError(403, MSG_CSRF)


async def read_form(request: web.Request) -> MultiDictProxy:
    """A plain form post (application/x-www-form-urlencoded) whose CSRF token is valid."""
    if request.content_type != "application/x-www-form-urlencoded":
        raise PageError(415, MSG_FORM)
    form = await request.post()
    check_csrf(request, form.get(CSRF_FIELD))
    return form


def from_script(request: web.Request) -> bool:
    """Sent by the page's own script (which then wants a fragment or JSON rather than a redirect)."""
    return request.headers.get("X-Requested-With") == "fetch"


def redirect(location: str) -> web.Response:
    """303 See Other: after a form post, the browser loads the page again with GET."""
    return web.Response(status=303, headers={"Location": location})
