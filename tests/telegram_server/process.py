"""The real bot as a child process, pointed at the fake Bot API, with its own data directory."""

from __future__ import annotations

import os
from pathlib import Path

from child_bot import REPO, ChildBot

TESTS = REPO / "tests"


class BotProcess(ChildBot):
    """The bot with TELEGRAM_BOT_TOKEN set (a token selects Telegram)."""

    def __init__(self, base_url: str, data_dir: Path, token: str = "123:ABC", **env: str) -> None:
        super().__init__(data_dir, {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(REPO), str(TESTS)]),
            "TELEGRAM_BOT_TOKEN": token,
            "TELEGRAM_API_BASE_URL": base_url,
            "BOT_POLL_TIMEOUT": "1",
            "BOT_RATE_LIMIT": "0",
            **env,
        })
