"""The pages over HTTP as a browser without JavaScript uses them: plain form posts, redirects, downloads."""

import asyncio
import html
import re

import aiohttp

from bot.reply import State
from handlers.web.render import linked_text
from tests.web_support import csrf_of, roster_bytes, web_client, xlsx_sheets


def test_reply_text_is_escaped_and_cited_clauses_linked():
    out = str(linked_text("<b>x</b> & (II.1.b) II.1.bb II.1.đ. Căn cứ: II.1.b, PL.", ["II.1.b", "II.1.đ", "PL"]))
    assert "&lt;b&gt;x&lt;/b&gt; &amp;" in out
    assert out.count('href="/dieu/II.1.b"') == 2 and "II.1.bb" in out  # a longer token is not a clause
    assert 'href="/dieu/II.1.%C4%91">II.1.đ</a>.' in out
    assert 'href="/dieu/PL">PL</a>' in out
    assert str(linked_text("II.1.b", [])) == "II.1.b"


async def test_ask_by_form_then_option_then_follow_up(tmp_path):
    async with web_client(tmp_path) as (client, store):
        page = await (await client.get("/")).text()
        token = csrf_of(page)
        resp = await client.post("/", data={"csrf": token, "q": "tôi cần học gì"}, allow_redirects=False)
        assert resp.status == 303 and resp.headers["Location"].startswith("/#t")
        page = await (await client.get("/")).text()
        options = re.findall(r'name="label" value="([^"]+)">\s*<button class="option" name="q" value="([^"]+)"', page)
        assert len(options) >= 4
        label, query = next((html.unescape(l), html.unescape(q)) for l, q in options if "Chuyên viên" == html.unescape(l))
        await client.post("/", data={"csrf": token, "q": query, "label": label})
        page = await (await client.get("/")).text()
        assert '<a class="clause" href="/dieu/II.1.b">II.1.b</a>' in page
        await client.post("/", data={"csrf": token, "q": "còn quản lý nhà nước?"})
        page = await (await client.get("/")).text()
        assert page.count('<article class="turn"') == 3
        assert 'href="/dieu/II.1.c"' in page
        cookie = client.session.cookie_jar.filter_cookies(client.make_url("/"))["kh39_id"].value
        assert store.load_state(f"web:{cookie}").grade == "chuyen_vien"


async def test_user_text_is_escaped_on_the_page(tmp_path):
    async with web_client(tmp_path) as (client, _):
        token = csrf_of(await (await client.get("/")).text())
        await client.post("/", data={"csrf": token, "q": '<script>alert("x")</script><img src=x onerror=alert(1)>'})
        page = await (await client.get("/")).text()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert" in page


async def test_script_posts_get_one_turn_as_html(tmp_path):
    async with web_client(tmp_path) as (client, _):
        token = csrf_of(await (await client.get("/")).text())
        resp = await client.post("/", data={"csrf": token, "q": "CVC cần LLCT gì?"}, headers={"X-Requested-With": "fetch"})
        text = await resp.text()
        assert resp.status == 200 and text.startswith('<article class="turn"') and "</html>" not in text
        assert 'action="/phan-hoi"' in text
        bad = await client.post("/", data={"csrf": token, "q": " "}, headers={"X-Requested-With": "fetch"})
        assert bad.status == 400 and (await bad.json())["error"] == "Hãy gõ câu hỏi."


async def test_feedback_is_logged_once_per_answer(tmp_path):
    async with web_client(tmp_path) as (client, store):
        token = csrf_of(await (await client.get("/")).text())
        await client.post("/", data={"csrf": token, "q": "CVC cần LLCT gì?"})
        page = await (await client.get("/")).text()
        turn = re.search(r'name="turn" value="(\d+)"', page).group(1)
        for _ in range(2):
            resp = await client.post("/phan-hoi", data={"csrf": token, "turn": turn, "vote": "1"}, allow_redirects=False)
            assert resp.status == 303
        assert [(i, up, down) for i, up, down in store.feedback_counts()] == [(store.feedback_counts()[0][0], 1, 0)]
        page = await (await client.get("/")).text()
        assert "Cảm ơn góp ý" in page
        bad = await client.post("/phan-hoi", data={"csrf": token, "turn": "999", "vote": "1"})
        assert bad.status == 400


async def test_forgetting_drops_the_conversation_and_gives_a_new_id(tmp_path):
    async with web_client(tmp_path) as (client, store):
        token = csrf_of(await (await client.get("/")).text())
        await client.post("/", data={"csrf": token, "q": "tôi là chuyên viên cấp huyện"})
        old = client.session.cookie_jar.filter_cookies(client.make_url("/"))["kh39_id"].value
        assert store.load_state(f"web:{old}").grade == "chuyen_vien"
        resp = await client.post("/xoa", data={"csrf": token}, allow_redirects=False)
        assert resp.status == 303 and resp.headers["Location"] == "/?da-xoa"
        new = client.session.cookie_jar.filter_cookies(client.make_url("/"))["kh39_id"].value
        assert new != old and store.load_state(f"web:{old}") == State()
        page = await (await client.get("/?da-xoa")).text()
        assert "Đã xóa hội thoại" in page and '<article class="turn"' not in page


async def test_plan_pages(tmp_path):
    async with web_client(tmp_path) as (client, _):
        clause = await client.get("/dieu/II.1.b")
        text = await clause.text()
        assert clause.status == 200 and "lý luận chính trị" in text
        missing = await client.get("/dieu/IX.9")
        text = await missing.text()
        assert missing.status == 404 and "IX.9" in text and 'href="/dieu/II.1.b"' in text
        toc = await (await client.get("/dieu")).text()
        assert 'href="/dieu/II.1.%C4%91"' in toc
        annex = await (await client.get("/chi-tieu")).text()
        assert "<table" in annex and "25.950" in annex and 'src="/chi-tieu.png"' in annex
        png = await client.get("/chi-tieu.png")
        assert png.content_type == "image/png" and (await png.read()).startswith(b"\x89PNG")
        doc = await (await client.get("/van-ban")).text()
        assert "39/KH-UBND" in doc and 'href="/dieu/CC"' in doc


async def _upload(client, data: bytes, name: str, token: str, **headers):
    form = aiohttp.FormData()
    form.add_field("csrf", token)
    form.add_field("file", data, filename=name)
    return await client.post("/kiem-tra", data=form, allow_redirects=False, headers=headers)


async def test_staff_list_by_plain_form_then_report(tmp_path):
    async with web_client(tmp_path) as (client, _):
        page = await (await client.get("/kiem-tra")).text()
        assert "5 MB" in page and "30.000" in page and 'href="/kiem-tra/mau.xlsx"' in page
        token = csrf_of(page)
        resp = await _upload(client, roster_bytes(60), "Danh sách.xlsx", token)
        assert resp.status == 303
        result_url = resp.headers["Location"]
        for _ in range(100):
            result = await client.get(result_url)
            if "Refresh" not in result.headers:
                break
            await asyncio.sleep(0.1)
        text = await result.text()
        assert result.status == 200 and "Đọc 60 người" in text and "Đã kiểm tra 60 người" in text
        assert "Báo cáo gồm các trang:" in text  # the report's sheets are named on the page
        report_url = re.search(r'href="(/kiem-tra/bao-cao/[^"]+)"', text).group(1)
        report = await client.get(report_url)
        assert report.status == 200 and 'filename="Danh_sach_' in report.headers["Content-Disposition"]
        assert len(xlsx_sheets(await report.read())) >= 2
        async with web_client(tmp_path / "other") as (other, _):
            assert (await other.get(report_url)).status == 404  # another browser cannot fetch it
        template = await client.get("/kiem-tra/mau.xlsx")
        assert xlsx_sheets(await template.read())


async def test_staff_list_by_script_reports_progress(tmp_path):
    async with web_client(tmp_path) as (client, _):
        token = csrf_of(await (await client.get("/kiem-tra")).text())
        resp = await _upload(client, roster_bytes(3000, csv=True), "ds.csv", token, **{"X-Requested-With": "fetch"})
        assert resp.status == 202
        job = await resp.json()
        seen = []
        for _ in range(300):
            status = await (await client.get(job["progress"])).json()
            seen.append(status["stage"])
            if status["finished"]:
                break
            await asyncio.sleep(0.02)
        assert status["stage"] == "xong" and status["done"] == 3000
        assert len(set(seen)) >= 2  # the stages were seen moving
        bad = await _upload(client, b"\xd0\xcf\x11\xe0 old excel", "cu.xls", token, **{"X-Requested-With": "fetch"})
        job = await bad.json()
        for _ in range(100):
            status = await (await client.get(job["progress"])).json()
            if status["finished"]:
                break
            await asyncio.sleep(0.02)
        assert status["stage"] == "loi" and ".xlsx" in status["error"]
        page = await client.get(job["result"])
        assert page.status == 422 and ".xlsx" in await page.text()


async def test_an_option_button_posts_its_action_and_answers_as_its_words(tmp_path):
    script = {"X-Requested-With": "fetch"}
    async with web_client(tmp_path) as (client, _):
        token = csrf_of(await (await client.get("/")).text())
        menu = await (await client.post("/", data={"csrf": token, "q": "tôi cần học gì"}, headers=script)).text()
        options = re.findall(r'name="label" value="([^"]+)">\s*<button class="option" name="q" value="([^"]+)"', menu)
        label, payload = next((html.unescape(l), html.unescape(q)) for l, q in options if html.unescape(l) == "Chuyên viên")
        assert payload.startswith("@") and len(payload.encode()) <= 64
        pressed = await (await client.post("/", data={"csrf": token, "q": payload, "label": label}, headers=script)).text()
    async with web_client(tmp_path / "words") as (client, _):
        token = csrf_of(await (await client.get("/")).text())
        await client.post("/", data={"csrf": token, "q": "tôi cần học gì"}, headers=script)
        typed = await (await client.post("/", data={"csrf": token, "q": "chuyên viên"}, headers=script)).text()

    def answer(turn: str) -> str:
        return re.search(r'<div class="a[^"]*">(.*?)</div>', turn, re.DOTALL).group(1)

    assert f"</span>{label}</p>" in pressed  # the page shows the label pressed, not the payload
    assert answer(pressed) == answer(typed) and "II.1.b" in answer(pressed)
