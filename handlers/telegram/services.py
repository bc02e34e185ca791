"""What every Telegram handler shares (settings, storage, the core), kept in application.bot_data."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from telegram.ext import Application, ContextTypes

from handlers.telegram.settings import TelegramSettings
from handlers.store import Store

KEY = "services"


@dataclass
class Services:
    """The channel's shared objects; `core` is the module with answer(), quote_clause() ..."""

    settings: TelegramSettings
    store: Store
    core: ModuleType
    chart_file_id: str | None = None  # Telegram's id of the uploaded chart, to resend without uploading


def attach(app: Application, settings: TelegramSettings) -> Services:
    """Create the shared objects and keep them in the application."""
    svc = Services(settings, Store(settings.db_path), importlib.import_module(settings.bot_core_module))
    app.bot_data[KEY] = svc
    return svc


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The shared objects of the running application."""
    return context.application.bot_data[KEY]
