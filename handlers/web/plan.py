"""Reading the plan: `/dieu` (contents), `/dieu/<id>` (a clause verbatim), `/chi-tieu` (annex + chart), `/van-ban`."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.plan_tables import annex_table, contents
from handlers.telegram.chart import annex_chart_png
from handlers.web.context import ctx

routes = web.RouteTableDef()
MAX_ID = 20


def _html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, content_type="text/html", status=status)


@routes.get("/dieu")
async def contents_page(request: web.Request) -> web.Response:
    """The plan's table of contents, every heading a link."""
    return _html(ctx(request).page("contents.html", title="Nội dung kế hoạch", page="plan", entries=contents(),
                                   missing=None))


@routes.get("/dieu/{clause}")
async def clause_page(request: web.Request) -> web.Response:
    """A clause verbatim; an unknown id gets a 404 with the table of contents."""
    w = ctx(request)
    wanted = request.match_info["clause"][:MAX_ID]
    reply = w.core.quote_clause(wanted)
    if reply.kind != "answer" or not reply.clauses:
        body = w.page("contents.html", title="Không có mục này", page="plan", entries=contents(), missing=wanted)
        return _html(body, status=404)
    return _html(w.page("clause.html", title=f"Mục {reply.clauses[0]}", page="plan", reply=reply))


@routes.get("/chi-tieu")
async def annex_page(request: web.Request) -> web.Response:
    """The annex as a table, the chart, and the core's summary."""
    w = ctx(request)
    return _html(w.page("annex.html", title="Chỉ tiêu đào tạo", page="annex", table=annex_table(),
                        reply=w.core.annex_reply()))


@routes.get("/chi-tieu.png")
async def annex_chart(request: web.Request) -> web.Response:
    """The chart of the annex per year (rendered once, then from memory)."""
    png = await asyncio.to_thread(annex_chart_png, ctx(request).core)
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "public, max-age=3600"})


@routes.get("/van-ban")
async def document_page(request: web.Request) -> web.Response:
    """Number, date, signer, legal bases, period."""
    w = ctx(request)
    return _html(w.page("document.html", title="Văn bản", page="document", reply=w.core.document_reply()))
