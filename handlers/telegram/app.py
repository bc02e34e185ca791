"""Build and run the Telegram application: features, storage, rate limiting, polling or webhook."""

from __future__ import annotations

import asyncio
import logging
import secrets
from urllib.parse import urlparse

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.error import InvalidToken
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    ContextTypes,
    Defaults,
    TypeHandler,
)
from telegram.request import BaseRequest

from handlers.telegram import annex, ask, buttons, errors, forget, inline, kiemtra, ngach, plan, roster, start, stats
from handlers.telegram.redact import secrets_of, setup_logging
from handlers.telegram.services import attach, services
from handlers.telegram.settings import TelegramSettings

log = logging.getLogger(__name__)

# One module per feature, in matching order: each gives handlers() and optionally COMMANDS for the menu.
FEATURES = [start, ngach, plan, annex, kiemtra, roster, forget, stats, buttons, inline, ask]
BUTTON_MAX_AGE_S = 30 * 24 * 3600
SEEN_MAX_AGE_S = 2 * 24 * 3600  # Telegram keeps an unconfirmed update for 24 hours
MODE_KEY = "mode"
REQUESTS_KEY = "http_requests"
BOOTSTRAP_RETRIES = 5  # a Telegram hiccup at start is retried; a wrong token is not


def commands() -> list[BotCommand]:
    """The command menu shown in Telegram, in Vietnamese."""
    return [BotCommand(name, desc) for feature in FEATURES for name, desc in getattr(feature, "COMMANDS", [])]


def build_application(settings: TelegramSettings) -> Application:
    """The application with every feature registered; nothing runs until polling or webhook starts."""
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_url)
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(settings.bot_concurrency)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    requests: list[BaseRequest] = []
    if settings.bot_http_client == "aiohttp":
        from handlers.telegram.transport import AiohttpRequest

        # python-telegram-bot adds the long-polling timeout to the read timeout of getUpdates
        requests = [AiohttpRequest(connection_pool_size=64), AiohttpRequest(connection_pool_size=2)]
        builder = builder.request(requests[0]).get_updates_request(requests[1])
    if settings.bot_rate_limit > 0:
        builder = builder.rate_limiter(AIORateLimiter(overall_max_rate=settings.bot_rate_limit, max_retries=3))
    app = builder.build()
    attach(app, settings)
    app.bot_data[REQUESTS_KEY] = requests
    app.add_handler(TypeHandler(Update, _once), group=-1)
    for feature in FEATURES:
        app.add_handlers(feature.handlers())
    app.add_handlers(ask.fallback_handlers())
    app.add_error_handler(errors.on_error)
    if app.job_queue is not None:
        app.job_queue.run_repeating(_prune, interval=24 * 3600, first=60)
    return app


async def _post_init(app: Application) -> None:
    await app.bot.set_my_commands(commands())
    svc = app.bot_data["services"]
    log.info(
        "Telegram channel ready: @%s, %s, core %s, data in %s, rate limit %s",
        app.bot.username, app.bot_data.get(MODE_KEY, "polling"), svc.settings.bot_core_module,
        svc.settings.bot_data_dir, svc.settings.bot_rate_limit or "off",
    )


async def _post_shutdown(app: Application) -> None:
    app.bot_data["services"].store.close()


async def _once(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An update handled before a crash and delivered again is not answered twice."""
    if not services(context).store.first_time(update.update_id):
        log.info("update %d was handled before: skipped", update.update_id)
        raise ApplicationHandlerStop


async def _prune(context: ContextTypes.DEFAULT_TYPE) -> None:
    store = services(context).store
    removed = store.prune_buttons(BUTTON_MAX_AGE_S)
    seen = store.prune_seen(SEEN_MAX_AGE_S)
    log.info("pruned %d expired buttons, %d old update ids", removed, seen)


def run(settings: TelegramSettings | None = None, webhook: bool = False) -> None:
    """Run until stopped: long polling, or a webhook server that checks Telegram's secret token."""
    settings = settings or TelegramSettings()
    if not settings.token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set")
    secret = settings.bot_webhook_secret.get_secret_value() if settings.bot_webhook_secret else ""
    if webhook and not secret:
        secret = secrets.token_urlsafe(32)
    setup_logging(settings.bot_log_level, secrets_of(settings.token, secret))
    app = build_application(settings)
    try:
        _serve(app, settings, webhook, secret)
    except InvalidToken:
        log.error("Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN")
        raise SystemExit(1) from None
    except Exception:  # logged through the redacting filter instead of a raw traceback on stderr
        log.exception("the Telegram channel stopped on an error")
        raise SystemExit(1) from None
    finally:
        _release(app)


def _release(app: Application) -> None:
    """Close the HTTP sessions (python-telegram-bot leaves them open when start-up fails), then the loop."""
    loop = asyncio.get_event_loop()
    if not loop.is_closed():
        loop.run_until_complete(asyncio.gather(*(r.shutdown() for r in app.bot_data[REQUESTS_KEY])))
        loop.close()


def _serve(app: Application, settings: TelegramSettings, webhook: bool, secret: str) -> None:
    if not webhook:
        app.run_polling(timeout=settings.bot_poll_timeout, allowed_updates=Update.ALL_TYPES,
                        bootstrap_retries=BOOTSTRAP_RETRIES, close_loop=False)
        return
    if not settings.bot_webhook_url:
        raise SystemExit("BOT_WEBHOOK_URL is required with --webhook")
    app.bot_data[MODE_KEY] = f"webhook on {settings.bot_webhook_listen}:{settings.bot_webhook_port}"
    app.run_webhook(
        listen=settings.bot_webhook_listen,
        port=settings.bot_webhook_port,
        url_path=urlparse(settings.bot_webhook_url).path.lstrip("/"),
        webhook_url=settings.bot_webhook_url,
        secret_token=secret,
        allowed_updates=Update.ALL_TYPES,
        bootstrap_retries=BOOTSTRAP_RETRIES,
        close_loop=False,
    )
