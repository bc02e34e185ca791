"""Shared helpers of the web tests: an app on a temporary store, served on 127.0.0.1, and reading form tokens."""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

import bot.core
from handlers.store import Store
from handlers.web.app import build_app
from handlers.web.context import build_web
from handlers.web.passwd import make_hash
from handlers.web.settings import WebSettings

PASSWORD = "mật khẩu thử nghiệm 39"
PASSWORD_HASH = make_hash(PASSWORD, n=2**10)  # cheap work factor: tests only
ROOT = Path(__file__).resolve().parents[1]


def settings(tmp_path: Path, **overrides) -> WebSettings:
    """Settings for a test app: no .env, a temporary data dir, the test password."""
    values = dict(bot_data_dir=tmp_path, bot_web_admin_password_hash=PASSWORD_HASH, bot_web_secret="test-secret",
                  bot_web_rate_limit=0)
    values.update(overrides)
    return WebSettings(_env_file=None, **values)


@contextlib.asynccontextmanager
async def web_client(tmp_path: Path, **overrides):
    """A TestClient (with a cookie jar) for an app on a temporary store; yields (client, store)."""
    s = settings(tmp_path, **overrides)
    store = Store(s.db_path)
    app = build_app(build_web(s, store, bot.core))
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client, store
    store.close()


def csrf_of(html: str) -> str:
    """The CSRF token in a page's forms."""
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def roster_bytes(rows: int, seed: int = 39, csv: bool = False) -> bytes:
    """A generated staff list, the same generator as scripts/bench_roster.py."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from bench_roster import as_csv, as_xlsx, roster_rows
    finally:
        sys.path.pop(0)
    data = roster_rows(rows, seed)
    return as_csv(data) if csv else as_xlsx(data)


def xlsx_sheets(data: bytes) -> list[str]:
    """Sheet names of an XLSX file (it opens: it is a real workbook)."""
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames
