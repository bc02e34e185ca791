"""The real bot (python -m bot) as a child process, pointed at the fake Zalo API, with its own data directory."""

from __future__ import annotations

import os
from pathlib import Path

from child_bot import REPO, ChildBot

OTHER_CHANNELS = ("TELEGRAM_BOT_TOKEN",)  # not started by these tests, even if set where the tests run


class ZaloBotProcess(ChildBot):
    """The bot with ZALO_BOT_TOKEN set: the Zalo channel only."""

    def __init__(self, base_url: str, data_dir: Path, token: str, **env: str) -> None:
        inherited = {k: v for k, v in os.environ.items() if k not in OTHER_CHANNELS and not k.startswith("ZALO_")}
        super().__init__(data_dir, {
            **inherited,
            "PYTHONPATH": str(REPO),
            "ZALO_BOT_TOKEN": token,
            "ZALO_API_BASE_URL": base_url,
            "ZALO_POLL_TIMEOUT": "1",
            "ZALO_RATE_LIMIT": "0",
            **env,
        })
