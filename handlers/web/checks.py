"""`/kiem-tra`: upload a staff list (streamed into memory within the limit), follow the check, get the report;
`/api/check` does the same in one call. Nothing is written to disk."""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import quote, unquote

from aiohttp import web

from handlers.web import staff
from handlers.web.context import BROWSER, ctx
from handlers.web.forms import PageError, check_csrf, csrf_token, from_script, redirect
from handlers.web.jobs import Busy, Job

routes = web.RouteTableDef()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_PATHS = ("/kiem-tra", "/api/check")
UPLOAD_LIMIT = staff.MAX_FILE_BYTES + 64 * 1024  # the file plus the form around it
CHUNK = 64 * 1024
TOO_BIG = staff.TOO_BIG
MSG_NO_FILE = "Chưa chọn tệp danh sách (.xlsx hoặc .csv)."
MSG_MULTIPART = "Hãy gửi tệp bằng multipart/form-data, trong trường “file”."
MSG_BUSY = "Máy chủ đang kiểm tra nhiều danh sách. Hãy thử lại sau ít phút."
MSG_GONE = "Không tìm thấy kết quả này (kết quả chỉ được giữ 30 phút). Hãy gửi lại tệp."


def is_upload(request: web.Request) -> bool:
    """Does this request carry a staff list (and so get the larger size limit)?"""
    return request.method == "POST" and request.path in UPLOAD_PATHS


async def read_upload(request: web.Request) -> tuple[bytes, str, str | None]:
    """The file's bytes and name, and the form's CSRF token, read part by part into memory within the limit."""
    if request.content_type != "multipart/form-data":
        raise PageError(415, MSG_MULTIPART)
    try:
        reader = await request.multipart()
    except (ValueError, AssertionError):
        raise PageError(400, MSG_MULTIPART) from None
    data, name, token, seen = None, "", None, 0
    async for part in reader:
        buf = bytearray()
        while chunk := await part.read_chunk(CHUNK):
            buf += chunk
            seen += len(chunk)
            if len(buf) > staff.MAX_FILE_BYTES or seen > UPLOAD_LIMIT:
                raise PageError(413, TOO_BIG)
        if part.name == "file" and data is None:
            data, name = bytes(buf), unquote(part.filename or "")  # some clients percent-encode the name
        elif part.name == "csrf":
            token = buf.decode("ascii", "replace")
    if not data:
        raise PageError(400, MSG_NO_FILE)
    if not staff.acceptable(name):
        raise PageError(415, staff.WRONG_TYPE)
    return data, name, token


def _start(request: web.Request, data: bytes, name: str) -> Job:
    try:
        return ctx(request).jobs.start(request[BROWSER], data, name)
    except Busy:
        raise PageError(503, MSG_BUSY) from None


def _job(request: web.Request) -> Job:
    job = ctx(request).jobs.get(request[BROWSER], request.match_info["job"])
    if job is None:
        raise PageError(404, MSG_GONE)
    return job


def attachment(filename: str) -> str:
    """Content-Disposition for a download: an ASCII name for old browsers, the real one (RFC 6266) for the rest."""
    fallback = re.sub(r'[^A-Za-z0-9._-]+', "_", unicodedata.normalize("NFKD", filename.replace("đ", "d").replace(
        "Đ", "D")).encode("ascii", "ignore").decode()) or "bao_cao.xlsx"
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _xlsx(data: bytes, filename: str) -> web.Response:
    return web.Response(body=data, content_type=XLSX, headers={"Content-Disposition": attachment(filename)})


@routes.get("/kiem-tra")
async def check_page(request: web.Request) -> web.Response:
    """The upload form, the limits and the template."""
    w = ctx(request)
    body = w.page("check.html", title="Kiểm tra danh sách", page="check", csrf=csrf_token(request),
                  limits=staff.LIMITS, max_bytes=staff.MAX_FILE_BYTES, error=None)
    return web.Response(text=body, content_type="text/html")


@routes.post("/kiem-tra")
async def check_post(request: web.Request) -> web.Response:
    """Accept a list: the script gets the job's addresses; a plain form goes to the result page, which follows it."""
    data, name, token = await read_upload(request)
    check_csrf(request, token)
    job = _start(request, data, name)
    del data
    result = f"/kiem-tra/ket-qua/{job.id}"
    if from_script(request):
        return web.json_response({"job": job.id, "progress": f"/api/check/{job.id}", "result": result}, status=202)
    return redirect(result)


@routes.get("/api/check/{job}")
async def check_progress(request: web.Request) -> web.Response:
    """How far a check is, as JSON."""
    return web.json_response(_job(request).status(), dumps=_dumps)


@routes.get("/kiem-tra/ket-qua/{job}")
async def check_result(request: web.Request) -> web.Response:
    """What was understood, the summary and the downloads; while running, the progress (refreshing itself)."""
    w = ctx(request)
    job = _job(request)
    body = w.page("check_result.html", title="Kết quả kiểm tra", page="check", job=job, status=job.status(),
                  csrf=csrf_token(request), limits=staff.LIMITS, max_bytes=staff.MAX_FILE_BYTES)
    headers = {} if job.finished else {"Refresh": "2"}  # without the script, the page follows the check itself
    return web.Response(text=body, content_type="text/html", status=422 if job.stage == "loi" else 200,
                        headers=headers)


@routes.get("/kiem-tra/bao-cao/{job}")
async def check_report(request: web.Request) -> web.Response:
    """The XLSX report of a finished check."""
    job = _job(request)
    if job.result is None:
        raise PageError(404, MSG_GONE)
    return _xlsx(job.result.report, job.result.report_name)


@routes.get("/kiem-tra/mau.xlsx")
async def check_template(request: web.Request) -> web.Response:
    """The template to fill in."""
    return _xlsx(staff.template(), "mau_danh_sach_kiem_tra.xlsx")


@routes.post("/api/check")
async def api_check(request: web.Request) -> web.Response:
    """multipart field `file` -> the XLSX report; a bad file -> 4xx {"error": "..."}."""
    data, name, _ = await read_upload(request)
    job = _start(request, data, name)
    del data
    await ctx(request).jobs.wait(job)
    if job.result is None:
        raise PageError(422, job.error or MSG_NO_FILE)
    return _xlsx(job.result.report, job.result.report_name)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
