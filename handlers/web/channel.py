"""The web page as a channel of the composition root: started by `python -m bot serve`, stopped with the others."""

from __future__ import annotations

import asyncio
import importlib
import logging

from app.channels import ChannelFatal, RunOptions
from handlers.web.settings import WebSettings, load_settings

log = logging.getLogger(__name__)


class WebChannel:
    """aiohttp's server on BOT_WEB_HOST:BOT_WEB_PORT until `stop` is set."""

    name = "Web"

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.port: int | None = None  # the bound port, once running (BOT_WEB_PORT=0 picks a free one)
        self.started = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        """Serve until `stop`; a port that cannot be bound is fatal."""
        from aiohttp import web  # the page's modules load only when it is served, not for `python -m bot`

        from handlers.store import Store
        from handlers.web.app import build_app
        from handlers.web.context import build_web
        from handlers.web.passwd import well_formed

        s = self.settings
        if not logging.getLogger().handlers:
            logging.basicConfig(level=s.bot_log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        stored = s.bot_web_admin_password_hash
        if stored is not None and not well_formed(stored.get_secret_value()):
            raise ChannelFatal("BOT_WEB_ADMIN_PASSWORD_HASH is not a hash made by python -m handlers.web.passwd")
        store = Store(s.db_path)
        app = build_app(build_web(s, store, importlib.import_module(s.bot_core_module)))
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, s.bot_web_host, s.bot_web_port, backlog=512)
            try:
                await site.start()
            except OSError as exc:
                raise ChannelFatal(f"cannot listen on {s.bot_web_host}:{s.bot_web_port}: {exc.strerror}") from None
            addresses = runner.addresses
            self.port = addresses[0][1] if addresses else s.bot_web_port
            if stored is None:
                log.info("web: BOT_WEB_ADMIN_PASSWORD_HASH is not set, so /quan-tri refuses every login")
            log.info("web page on http://%s:%s/", s.bot_web_host, self.port)
            self.started.set()
            await stop.wait()
        finally:
            await runner.cleanup()
            store.close()


def from_env(options: RunOptions) -> WebChannel | None:
    """The web channel when asked for (`python -m bot serve`), else None."""
    if not options.web:
        return None
    return WebChannel(load_settings())
