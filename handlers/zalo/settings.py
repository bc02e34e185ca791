"""Settings of the Zalo channel, read from the environment and a .env file."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from handlers.settings_io import StoreLocation, load
from handlers.store import default_data_dir

DEFAULT_API_BASE_URL = "https://bot-api.zaloplatforms.com"
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,256}$")


class ZaloSettings(StoreLocation, BaseSettings):
    """Everything the Zalo channel needs to run; env names are the field names upper-cased."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    zalo_bot_token: SecretStr | None = Field(None, description="token from Zalo Bot Creator: {bot_id}:{secret}")
    zalo_api_base_url: str = Field(DEFAULT_API_BASE_URL, description="Bot API base; /bot{token}/{method} appended")
    zalo_webhook_url: str | None = Field(None, description="public HTTPS URL Zalo posts updates to; set: webhook mode")
    zalo_webhook_listen: str = Field("0.0.0.0", description="address the bot's own HTTP server binds")
    zalo_webhook_port: int = Field(8444, ge=1, le=65535, description="port of the bot's own HTTP server")
    zalo_webhook_secret: SecretStr | None = Field(None, description="X-Bot-Api-Secret-Token; random per run if unset")
    zalo_public_base_url: str | None = Field(None, description="public URL of the bot's HTTP server, for pictures")
    zalo_web_page_url: str | None = Field(None, description="public URL of the web page (python -m bot serve)")
    zalo_admin_ids: str = Field("", description="comma-separated Zalo user ids allowed to use /thongke")
    zalo_rate_limit: float = Field(20.0, ge=0, description="messages per second overall; 0 turns pacing off")
    zalo_poll_timeout: int = Field(30, ge=1, le=120, description="long-polling timeout in seconds")
    zalo_concurrency: int = Field(16, ge=1, description="messages handled at the same time (one per conversation)")
    bot_data_dir: Path = Field(default_factory=default_data_dir)
    bot_log_level: str = Field("INFO")

    @field_validator("zalo_webhook_secret")
    @classmethod
    def _webhook_secret(cls, secret: SecretStr | None) -> SecretStr | None:
        if secret is not None and not _SECRET_TOKEN.match(secret.get_secret_value()):
            raise ValueError("ZALO_WEBHOOK_SECRET must be 8-256 characters of A-Z, a-z, 0-9, _ and -")
        return secret

    @field_validator("zalo_api_base_url")
    @classmethod
    def _api_base_url(cls, url: str) -> str:
        return cls._http_url(url) or DEFAULT_API_BASE_URL

    @field_validator("zalo_webhook_url", "zalo_public_base_url", "zalo_web_page_url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None and not url.strip():
            return None
        if url is not None and not re.match(r"^https?://[^/\s]+", url):
            raise ValueError("must be an http(s) URL")
        return url

    @property
    def token(self) -> str:
        """The bot token in clear; empty when unset."""
        return self.zalo_bot_token.get_secret_value() if self.zalo_bot_token else ""

    @property
    def webhook_secret(self) -> str:
        """The configured webhook secret in clear; empty when unset."""
        return self.zalo_webhook_secret.get_secret_value() if self.zalo_webhook_secret else ""

    @property
    def admin_ids(self) -> frozenset[str]:
        """Zalo user ids (opaque strings) allowed to use admin commands."""
        return frozenset(p.strip() for p in self.zalo_admin_ids.split(",") if p.strip())



def load_settings() -> ZaloSettings:
    """Read the settings; a bad value stops the program with a readable message (secrets never echoed)."""
    return load(ZaloSettings, "Zalo")
