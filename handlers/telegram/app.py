"""Build the Telegram application: features, storage, per-chat order, rate limiting; publish menus at start."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    LinkPreviewOptions,
    MenuButtonCommands,
    Update,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    ContextTypes,
    Defaults,
    TypeHandler,
)
from telegram.error import BadRequest, TelegramError
from telegram.request import BaseRequest

from handlers.telegram import (
    annex,
    ask,
    buttons,
    errors,
    feedback,
    forget,
    inline,
    kiemtra,
    ngach,
    plan,
    roster,
    start,
    stats,
)
from handlers.telegram.ordering import ChatOrderedProcessor
from handlers.telegram.services import attach, services
from handlers.telegram.settings import TelegramSettings

log = logging.getLogger(__name__)

# One module per feature, in matching order: each gives handlers() and optionally COMMANDS for the menu.
FEATURES = [start, ngach, plan, annex, kiemtra, roster, forget, stats, feedback, buttons, inline, ask]
PRIVATE_ONLY = {"kiemtra"}  # commands not offered in groups (they answer there with a pointer to the private chat)
MODE_KEY = "mode"
REQUESTS_KEY = "http_requests"
BOOTSTRAP_RETRIES = 5  # a Telegram hiccup at start is retried; a wrong token is not


def commands(where: str = "private") -> list[BotCommand]:
    """The command menu shown in Telegram, in Vietnamese: 'private', 'group' (no private-only commands) or
    'admin' (private, plus the admins' commands)."""
    found = [BotCommand(name, desc) for feature in FEATURES for name, desc in getattr(feature, "COMMANDS", [])]
    if where == "group":
        return [c for c in found if c.command not in PRIVATE_ONLY]
    if where == "admin":
        return found + [BotCommand(name, desc) for name, desc in stats.ADMIN_COMMANDS]
    return found


def build_application(settings: TelegramSettings) -> Application:
    """The application with every feature registered; nothing runs until polling or webhook starts."""
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_url)
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(ChatOrderedProcessor(settings.bot_concurrency))
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


async def publish_profile(app: Application) -> None:
    """What Telegram shows of the bot: descriptions, the commands per chat kind (admins see theirs), the menu.
    A failure is logged, not fatal: the bot answers without them."""
    try:
        await _publish(app)
    except TelegramError as exc:
        log.warning("bot profile not published: %s", type(exc).__name__)


async def _publish(app: Application) -> None:
    bot = app.bot
    svc = app.bot_data["services"]
    await bot.set_my_description(start.description())
    await bot.set_my_short_description(start.short_description())
    await bot.set_my_commands(commands("private"))
    await bot.set_my_commands(commands("private"), scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(commands("group"), scope=BotCommandScopeAllGroupChats())
    for admin in sorted(svc.settings.admin_ids):
        try:
            await bot.set_my_commands(commands("admin"), scope=BotCommandScopeChat(admin))
        except BadRequest as exc:  # Telegram knows a private chat only once the admin has written to the bot
            log.warning("admin commands not set for one admin (%s); they appear after a restart", exc.message[:60])
    await bot.set_chat_menu_button(menu_button=MenuButtonCommands())


async def on_started(app: Application) -> None:
    """Log that the channel is ready (its profile was published before receiving, see channel.py)."""
    svc = app.bot_data["services"]
    log.info(
        "Telegram channel ready: @%s, %s, core %s, data in %s, rate limit %s",
        app.bot.username, app.bot_data.get(MODE_KEY, "polling"), svc.settings.bot_core_module,
        svc.settings.bot_data_dir, svc.settings.bot_rate_limit or "off",
    )


async def _once(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An update handled before a crash and delivered again is not answered twice."""
    if not services(context).store.first_time(update.update_id, channel="telegram"):
        log.info("update %d was handled before: skipped", update.update_id)
        raise ApplicationHandlerStop


async def _prune(context: ContextTypes.DEFAULT_TYPE) -> None:
    removed = services(context).store.prune()
    log.info("pruned old rows: %s", ", ".join(f"{n} {table}" for table, n in removed.items()))
