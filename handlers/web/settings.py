"""Settings of the web page, read from the environment and a .env file (BOT_WEB_*, BOT_DATA_DIR)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from handlers.settings_io import StoreLocation, load
from handlers.store import default_data_dir

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")


class WebSettings(StoreLocation, BaseSettings):
    """Everything the web channel needs; env names are the field names upper-cased."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    bot_web_host: str = Field("127.0.0.1", description="address the web server binds")
    bot_web_port: int = Field(8080, ge=0, le=65535, description="port; 0 picks a free one")
    bot_web_admin_password_hash: SecretStr | None = Field(
        None, description="hash of the maintainers' password (python -m handlers.web.passwd); unset: no login")
    bot_web_secret: SecretStr | None = Field(None, description="key signing sessions and forms; random per run")
    bot_web_rate_limit: float = Field(10.0, ge=0, description="requests per second per IP address; 0: no limit")
    bot_web_rate_burst: int = Field(60, ge=1, description="requests an IP address may make at once")
    bot_web_admin_session_minutes: int = Field(60, ge=1, le=24 * 60, description="how long a login lasts")
    bot_web_frame_ancestors: str = Field(
        "", description="space-separated origins allowed to embed the page in a frame; empty: none")
    bot_web_cookie_secure: bool = Field(False, description="mark cookies Secure (set it behind HTTPS)")
    bot_web_trust_proxy: bool = Field(False, description="take the client address from X-Forwarded-For")
    bot_data_dir: Path = Field(default_factory=default_data_dir)
    bot_core_module: str = Field("bot.core", description="module with the core's entry points")
    bot_log_level: str = Field("INFO")

    @field_validator("bot_web_frame_ancestors")
    @classmethod
    def _origins(cls, raw: str) -> str:
        for origin in raw.split():
            if not _ORIGIN.match(origin):
                raise ValueError(f"BOT_WEB_FRAME_ANCESTORS takes origins like https://portal.example.vn, got {origin!r}")
        return raw



def load_settings() -> WebSettings:
    """Read the settings; a bad value stops the program with a readable message (secrets never echoed)."""
    return load(WebSettings, "web")
