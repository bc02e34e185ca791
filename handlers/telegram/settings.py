"""Settings of the Telegram channel, read from the environment and a .env file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from handlers.settings_io import StoreLocation, load
from handlers.store import APP_NAME

_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class TelegramSettings(StoreLocation, BaseSettings):
    """Everything the Telegram channel needs to run; env names are the field names upper-cased."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    telegram_bot_token: SecretStr | None = Field(None, description="token from @BotFather")
    telegram_api_base_url: str = Field(
        "https://api.telegram.org/bot", description="Bot API base URL; the token is appended to it"
    )
    telegram_api_file_url: str | None = Field(None, description="file download base URL; derived if unset")
    bot_webhook_url: str | None = Field(None, description="public HTTPS URL Telegram posts updates to")
    bot_webhook_listen: str = Field("0.0.0.0", description="address the webhook server binds")
    bot_webhook_port: int = Field(8443, ge=1, le=65535)
    bot_webhook_secret: SecretStr | None = Field(None, description="X-Telegram-Bot-Api-Secret-Token")
    bot_admin_ids: str = Field("", description="comma-separated numeric Telegram user ids of admins")
    bot_data_dir: Path = Field(default_factory=lambda: platformdirs.user_data_path(APP_NAME))
    bot_rate_limit: float = Field(30.0, ge=0, description="messages per second overall; 0 turns pacing off")
    bot_poll_timeout: int = Field(10, ge=0, description="long-polling timeout in seconds")
    bot_concurrency: int = Field(16, ge=1, description="updates processed at the same time")
    bot_http_client: Literal["aiohttp", "httpx"] = Field(
        "aiohttp", description="HTTP client for Bot API calls: aiohttp (faster) or httpx (PTB's default)"
    )
    bot_dialog_ttl: float = Field(30 * 60, gt=0, description="seconds an unanswered /kiemtra step waits before ending")
    bot_core_module: str = Field("bot.core", description="module with the core's entry points")
    bot_log_level: str = Field("INFO")

    @field_validator("bot_admin_ids")
    @classmethod
    def _admin_ids(cls, raw: str) -> str:
        for part in raw.split(","):
            if part.strip() and not part.strip().lstrip("-").isdigit():
                raise ValueError(f"BOT_ADMIN_IDS must be comma-separated numbers, got {part.strip()!r}")
        return raw

    @field_validator("bot_webhook_secret")
    @classmethod
    def _webhook_secret(cls, secret: SecretStr | None) -> SecretStr | None:
        if secret is not None and not _SECRET_TOKEN.match(secret.get_secret_value()):
            raise ValueError("BOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return secret

    @property
    def token(self) -> str:
        """The bot token in clear; empty when unset."""
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else ""

    @property
    def admin_ids(self) -> frozenset[int]:
        """Telegram user ids allowed to use admin commands."""
        return frozenset(int(p) for p in self.bot_admin_ids.split(",") if p.strip())

    @property
    def file_url(self) -> str:
        """Base URL for file downloads: .../bot -> .../file/bot unless set explicitly."""
        if self.telegram_api_file_url:
            return self.telegram_api_file_url
        base = self.telegram_api_base_url
        if base.endswith("/bot"):
            return base[: -len("bot")] + "file/bot"
        return base.rstrip("/") + "/file/bot"



def load_settings() -> TelegramSettings:
    """Read the settings; a bad value stops the program with a readable message (secrets never echoed)."""
    return load(TelegramSettings, "Telegram")
