"""/quan-tri over HTTP: refused without a login, password checked against the hash, signed session, logout."""

import logging

from handlers.web.passwd import make_hash, verify, well_formed
from tests.web_support import PASSWORD, csrf_of, web_client


async def _login(client, password: str):
    token = csrf_of(await (await client.get("/quan-tri/dang-nhap")).text())
    return await client.post("/quan-tri/dang-nhap", data={"csrf": token, "password": password},
                             allow_redirects=False)


async def test_admin_is_refused_then_allowed_then_logged_out(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    async with web_client(tmp_path) as (client, store):
        store.log_unanswered("web:x", "lương hưu tính thế nào", "unknown")
        store.log_question("yeu_cau", "answer")
        store.log_feedback("web:x", "yeu_cau", ["II.1.b"], -1)
        resp = await client.get("/quan-tri", allow_redirects=False)
        assert resp.status == 303 and resp.headers["Location"] == "/quan-tri/dang-nhap"
        api = await client.get("/api/admin/stats")
        assert api.status == 403 and (await api.json())["error"]
        wrong = await _login(client, "sai mật khẩu")
        assert wrong.status == 403 and "Sai mật khẩu" in await wrong.text()
        assert (await client.get("/quan-tri", allow_redirects=False)).status == 303
        ok = await _login(client, PASSWORD)
        assert ok.status == 303 and ok.headers["Location"] == "/quan-tri"
        cookie = ok.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = await client.get("/quan-tri")
        text = await page.text()
        assert page.status == 200 and "lương hưu tính thế nào" in text and "yeu_cau" in text
        stats = await (await client.get("/api/admin/stats")).json()
        assert stats["unanswered"] == [{"text": "lương hưu tính thế nào", "count": 1}]
        assert stats["feedback"] == [{"intent": "yeu_cau", "up": 0, "down": 1}]
        session = client.session.cookie_jar.filter_cookies(client.make_url("/"))["kh39_admin"].value
        token = csrf_of(text)
        out = await client.post("/quan-tri/dang-xuat", data={"csrf": token}, allow_redirects=False)
        assert out.status == 303
        assert (await client.get("/quan-tri", allow_redirects=False)).status == 303
        replay = await client.get("/api/admin/stats", cookies={"kh39_admin": session})
        assert replay.status == 403  # the logged-out session is revoked, not just forgotten by the browser
    assert PASSWORD not in caplog.text and "sai mật khẩu" not in caplog.text


async def test_without_a_configured_hash_nobody_logs_in(tmp_path):
    async with web_client(tmp_path, bot_web_admin_password_hash=None) as (client, _):
        page = await (await client.get("/quan-tri/dang-nhap")).text()
        assert "Chưa đặt mật khẩu quản trị" in page
        resp = await _login(client, PASSWORD)
        assert resp.status == 403
        assert (await client.get("/quan-tri", allow_redirects=False)).status == 303


async def test_password_guessing_is_slowed_down(tmp_path):
    async with web_client(tmp_path) as (client, _):
        statuses = [(await _login(client, f"đoán {i}")).status for i in range(6)]
        assert statuses[:5] == [403] * 5 and statuses[5] == 429
        assert (await _login(client, PASSWORD)).status == 429  # even the right one waits


def test_password_hash_round_trip_and_malformed_hashes():
    stored = make_hash("một mật khẩu dài", n=2**10)
    assert well_formed(stored) and stored.startswith("scrypt$")
    assert verify("một mật khẩu dài", stored)
    assert not verify("một mật khẩu dài!", stored)
    assert stored != make_hash("một mật khẩu dài", n=2**10)  # salted
    for bad in ("", "plain", "scrypt$1$8$1$AA==$AA==", "scrypt$99999999999$8$1$AA==$AA==", "md5$x$y$z$a$b"):
        assert not well_formed(bad) and not verify("x", bad)
