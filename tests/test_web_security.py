"""The web page's defences over HTTP: headers, CSRF, size limits before the body, rate limit, no stack traces."""

import asyncio
import re

import aiohttp

from handlers.web.security import AdminSessions, RateLimiter, Signer
from tests.web_support import csrf_of, web_client

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def test_every_response_carries_the_security_headers(tmp_path):
    async with web_client(tmp_path) as (client, _):
        for path in ("/", "/static/site.css", "/nope", "/chi-tieu.png", "/kiem-tra/mau.xlsx"):
            resp = await client.get(path)
            csp = resp.headers["Content-Security-Policy"]
            assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
            assert resp.headers["X-Content-Type-Options"] == "nosniff"
            assert resp.headers["Referrer-Policy"] == "same-origin"
            assert resp.headers["X-Frame-Options"] == "DENY"
        page = await (await client.get("/")).text()
        assert "<script>" not in page and " style=" not in page  # nothing inline for the CSP to block


async def test_portal_embedding_is_configurable(tmp_path):
    async with web_client(tmp_path, bot_web_frame_ancestors="https://sonoivu.soctrang.gov.vn") as (client, _):
        resp = await client.get("/")
        assert "frame-ancestors https://sonoivu.soctrang.gov.vn" in resp.headers["Content-Security-Policy"]
        assert "X-Frame-Options" not in resp.headers


async def test_cookies_are_httponly_and_samesite(tmp_path):
    async with web_client(tmp_path) as (client, _):
        resp = await client.get("/")
        cookie = resp.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie


async def test_forms_need_this_browsers_csrf_token(tmp_path):
    async with web_client(tmp_path) as (client, store):
        token = csrf_of(await (await client.get("/")).text())
        for data in ({"q": "cvc cần gì"}, {"q": "cvc cần gì", "csrf": "forged"}):
            resp = await client.post("/", data=data, allow_redirects=False)
            assert resp.status == 403
            assert "Hãy tải lại trang" in await resp.text()
        assert store.intent_counts() == []  # nothing was asked
        async with web_client(tmp_path / "other") as (other, _):
            other_token = csrf_of(await (await other.get("/")).text())
        resp = await client.post("/", data={"q": "cvc cần gì", "csrf": other_token}, allow_redirects=False)
        assert resp.status == 403  # a token is bound to its browser
        resp = await client.post("/", data={"q": "cvc cần gì", "csrf": token}, allow_redirects=False)
        assert resp.status == 303
        for path in ("/xoa", "/phan-hoi", "/quan-tri/dang-nhap", "/quan-tri/dang-xuat"):
            assert (await client.post(path, data={"x": "1"}, allow_redirects=False)).status == 403, path
        form = aiohttp.FormData()
        form.add_field("file", b"STT,Ho ten\n", filename="a.csv")
        assert (await client.post("/kiem-tra", data=form, allow_redirects=False)).status == 403


async def _raw_request(port: int, head: str, timeout: float = 3.0) -> str:
    """Send only the request head (a body is promised but never sent) and read the status line."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head.encode())
    await writer.drain()
    try:
        return (await asyncio.wait_for(reader.readline(), timeout)).decode()
    finally:
        writer.close()


async def test_size_limits_are_checked_before_the_body_is_read(tmp_path):
    async with web_client(tmp_path) as (client, _):
        port = client.port
        ask = ("POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: 10000000\r\n\r\n")
        assert " 413 " in await _raw_request(port, ask)
        upload = ("POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                  "Content-Length: 6000000\r\n\r\n")
        assert " 413 " in await _raw_request(port, upload)
        resp = await client.post("/api/ask", data=b"{" + b" " * 70_000 + b"}",
                                 headers={"Content-Type": "application/json"})
        assert resp.status == 413 and (await resp.json())["error"]


async def test_a_chunked_upload_over_the_limit_is_cut_off(tmp_path):
    async with web_client(tmp_path) as (client, _):
        async def body():
            yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n"
            for _ in range(100):
                yield b"x" * 65536  # 6.5 MB in all, no Content-Length
            yield b"\r\n--b--\r\n"

        try:
            resp = await client.post("/api/check", data=body(),
                                     headers={"Content-Type": "multipart/form-data; boundary=b"})
            assert resp.status == 413
            assert "Tệp quá lớn" in (await resp.json())["error"]
        except aiohttp.ClientError:
            pass  # the server may close the connection while the client still sends: refused either way


async def test_rate_limit_per_ip_gives_429_with_retry_after(tmp_path):
    async with web_client(tmp_path, bot_web_rate_limit=1, bot_web_rate_burst=3) as (client, _):
        statuses = [(await client.post("/api/ask", json={"q": "cvc cần gì"})).status for _ in range(3)]
        assert statuses == [200, 200, 200]
        resp = await client.post("/api/ask", json={"q": "cvc cần gì"})
        assert resp.status == 429 and int(resp.headers["Retry-After"]) >= 1
        assert "quá nhiều" in (await resp.json())["error"]
        page = await client.get("/")
        assert page.status == 429 and "thử lại" in await page.text()
        assert (await client.get("/static/site.css")).status == 200  # static files are not counted


def test_token_bucket_refills_at_its_rate():
    limiter = RateLimiter(rate=2, burst=2)
    assert [limiter.allow("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 0.5]
    assert limiter.allow("b", now=0.0) == 0.0  # per key
    assert limiter.allow("a", now=0.6) == 0.0
    assert RateLimiter(rate=0, burst=1).allow("a") == 0.0  # 0 turns it off


async def test_errors_are_vietnamese_pages_without_stack_traces(tmp_path):
    class Broken:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise RuntimeError("secret internals /etc/passwd")
            return fail

    async with web_client(tmp_path) as (client, _):
        from handlers.web.context import KEY

        client.app[KEY].core = Broken()
        resp = await client.get("/dieu/II.1.b")
        text = await resp.text()
        assert resp.status == 500 and "Máy chủ gặp lỗi" in text
        assert "Traceback" not in text and "secret internals" not in text and "RuntimeError" not in text
        resp = await client.post("/api/ask", json={"q": "x"})
        assert resp.status == 500 and (await resp.json()) == {"error": "Máy chủ gặp lỗi khi xử lý yêu cầu. Hãy thử lại sau."}
        missing = await client.get("/khong-co")
        assert missing.status == 404 and "Không tìm thấy trang này" in await missing.text()
        wrong = await client.put("/")
        assert wrong.status == 405 and re.search("không nhận", await wrong.text())


def test_admin_sessions_are_signed_expire_and_can_be_revoked():
    sessions = AdminSessions(Signer(b"k"), lifetime_s=60)
    cookie = sessions.issue(now=1000)
    assert sessions.valid(cookie, now=1030)
    assert not sessions.valid(cookie, now=1061)  # expired
    expires, nonce, mac = cookie.split(".")
    assert not sessions.valid(f"{int(expires) + 3600}.{nonce}.{mac}", now=1030)  # tampered expiry
    assert not AdminSessions(Signer(b"other"), 60).valid(cookie, now=1030)  # another key
    sessions.revoke(cookie)
    assert not sessions.valid(cookie, now=1030)
