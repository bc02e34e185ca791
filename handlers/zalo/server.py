"""The bot's own HTTP server: Zalo's webhook posts (secret header checked in constant time) and pictures served
from memory under unguessable paths, since sendPhoto takes only a public URL."""

from __future__ import annotations

import hmac
import json
import logging
import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Bot-Api-Secret-Token"
MEDIA_PREFIX = "/zalo-media"
MAX_UPDATE_BYTES = 256 * 1024
MAX_PICTURES = 32  # kept in memory; the oldest goes first


class Pictures:
    """Images held in memory, each at a path with a random part nobody can guess."""

    def __init__(self, public_base_url: str | None) -> None:
        self.base = public_base_url.rstrip("/") if public_base_url else None
        self._files: dict[str, tuple[bytes, str]] = {}

    def publish(self, data: bytes, suffix: str = "png", content_type: str = "image/png") -> str | None:
        """The public URL the picture is now served at; None without a public base URL."""
        if self.base is None:
            return None
        name = f"{secrets.token_urlsafe(24)}.{suffix}"
        self._files[name] = (data, content_type)
        while len(self._files) > MAX_PICTURES:
            self._files.pop(next(iter(self._files)))
        return f"{self.base}{MEDIA_PREFIX}/{name}"

    def get(self, name: str) -> tuple[bytes, str] | None:
        return self._files.get(name)


class BotServer:
    """aiohttp server for the webhook (when `webhook_path` is set) and the pictures."""

    def __init__(self, listen: str, port: int, pictures: Pictures, webhook_path: str | None = None,
                 secret: str = "", on_update: Callable[[dict], Awaitable[None]] | None = None) -> None:
        self.listen, self.port, self.pictures = listen, port, pictures
        self.webhook_path, self._secret, self._on_update = webhook_path, secret.encode(), on_update
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        if self.webhook_path is not None:
            app.router.add_post(self.webhook_path, self._webhook)
        app.router.add_get(MEDIA_PREFIX + "/{name}", self._picture)
        self._runner = web.AppRunner(app, access_log=None)  # access lines would show the webhook's path
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen, self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not self._secret or not hmac.compare_digest(given, self._secret):
            log.warning("Zalo webhook: a post without the right secret header was refused")
            return web.json_response({"ok": False, "description": "forbidden"}, status=403)
        try:
            update = json.loads(await request.read())
        except ValueError:
            return web.json_response({"ok": False, "description": "not JSON"}, status=400)
        if self._on_update is not None:
            await self._on_update(update)  # queues the update; the answer does not wait for the reply
        return web.json_response({"ok": True})

    async def _picture(self, request: web.Request) -> web.Response:
        found = self.pictures.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        data, content_type = found
        return web.Response(body=data, content_type=content_type, headers={"Cache-Control": "public, max-age=3600"})
