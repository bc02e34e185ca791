"""What every channel's settings share: where the one store lives, and reading them with a readable error."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError
from pydantic_settings import BaseSettings

from handlers.store import STORE_FILE

S = TypeVar("S", bound=BaseSettings)


class StoreLocation:
    """Mixed into a channel's settings that have a `bot_data_dir`: the SQLite store shared by every channel."""

    bot_data_dir: Path

    @property
    def db_path(self) -> Path:
        """Where the SQLite store shared by every channel lives."""
        return self.bot_data_dir / STORE_FILE


def load(settings_class: type[S], channel: str) -> S:
    """Read a channel's settings; a bad value stops the program with a readable message (secrets never echoed)."""
    try:
        return settings_class()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors())
        raise SystemExit(f"Invalid {channel} settings: {problems}") from None
