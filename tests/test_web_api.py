"""The web page over HTTP: /api/ask keeps a conversation by cookie, /api/check returns a report or a JSON error."""

import json

import aiohttp

from tests.web_support import roster_bytes, web_client, xlsx_sheets


async def test_api_ask_returns_the_reply_object(tmp_path):
    async with web_client(tmp_path) as (client, store):
        resp = await client.post("/api/ask", json={"q": "CVC cần LLCT gì?"})
        assert resp.status == 200
        reply = await resp.json()
        assert set(reply) == {"kind", "intent", "confidence", "grade", "tier", "clauses", "options", "text"}
        assert reply["kind"] == "answer" and "II.1.b" in reply["clauses"]
        assert store.intent_counts()  # counted for the maintainers


async def test_api_ask_keeps_the_conversation_by_cookie(tmp_path):
    async with web_client(tmp_path) as (client, _):
        first = await (await client.post("/api/ask", json={"q": "tôi cần học gì"})).json()
        assert first["kind"] == "clarify" and first["options"]
        picked = await (await client.post("/api/ask", json={"q": "2"})).json()  # a bare number picks option 2
        assert picked["kind"] == "answer" and picked["grade"] == "chuyen_vien"
        follow = await (await client.post("/api/ask", json={"q": "còn lý luận chính trị?"})).json()
        assert follow["grade"] == "chuyen_vien" and "II.1.b" in follow["clauses"]
    async with web_client(tmp_path) as (other, _):  # a new browser starts afresh
        fresh = await (await other.post("/api/ask", json={"q": "còn lý luận chính trị?"})).json()
        assert fresh["grade"] is None


async def test_api_ask_refuses_bad_input_with_a_vietnamese_json_error(tmp_path):
    async with web_client(tmp_path) as (client, _):
        for kwargs, status in [
            ({"data": "q=hello", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 415),
            ({"data": "{not json", "headers": {"Content-Type": "application/json"}}, 400),
            ({"json": {"question": "x"}}, 400),
            ({"json": {"q": "   "}}, 400),
            ({"json": {"q": "a" * 501}}, 400),
        ]:
            resp = await client.post("/api/ask", **kwargs)
            assert resp.status == status, kwargs
            body = await resp.json()
            assert set(body) == {"error"} and body["error"]
            assert "Traceback" not in body["error"]


async def test_api_check_returns_the_xlsx_report(tmp_path):
    async with web_client(tmp_path) as (client, _):
        form = aiohttp.FormData()
        form.add_field("file", roster_bytes(40, csv=True), filename="danh sách phòng.csv", content_type="text/csv")
        resp = await client.post("/api/check", data=form)
        assert resp.status == 200
        assert resp.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        assert "attachment" in resp.headers["Content-Disposition"]
        assert len(xlsx_sheets(await resp.read())) >= 2


async def test_api_check_bad_file_gets_4xx_json(tmp_path):
    async with web_client(tmp_path) as (client, _):
        cases = [
            ("file", b"%PDF-1.4 not a list", "list.pdf", 415),
            ("file", b"PK\x03\x04 broken zip", "list.xlsx", 422),
            ("file", "Họ và tên;Ngạch\n".encode(), "empty.csv", 422),
            ("other", b"x", "list.csv", 400),
        ]
        for field, data, name, status in cases:
            form = aiohttp.FormData()
            form.add_field(field, data, filename=name)
            resp = await client.post("/api/check", data=form)
            assert resp.status == status, name
            body = json.loads(await resp.text())
            assert body["error"] and "Traceback" not in body["error"]
        resp = await client.post("/api/check", data=b"raw", headers={"Content-Type": "application/octet-stream"})
        assert resp.status == 415 and (await resp.json())["error"]
