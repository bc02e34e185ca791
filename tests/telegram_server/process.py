"""The real bot as a child process, pointed at the fake Bot API, with its own data directory."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
COMMAND = [sys.executable, "-m", "bot"]  # the product's entry point: a token selects Telegram


class BotProcess:
    """Start, kill -9, restart the bot; its stderr is kept in a file for the test to read."""

    def __init__(self, base_url: str, data_dir: Path, token: str = "123:ABC", **env: str) -> None:
        self.log_path = data_dir / "bot.log"
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(REPO), str(TESTS)]),
            "TELEGRAM_BOT_TOKEN": token,
            "TELEGRAM_API_BASE_URL": base_url,
            "BOT_DATA_DIR": str(data_dir),
            "BOT_POLL_TIMEOUT": "1",
            "BOT_RATE_LIMIT": "0",
            "MPLCONFIGDIR": str(data_dir / "mpl"),
            **env,
        }
        self.proc: subprocess.Popen | None = None

    def start(self, *args: str) -> None:
        """Start the bot (in its data directory, so no stray .env is read)."""
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([*COMMAND, *args], cwd=self.env["BOT_DATA_DIR"], env=self.env,
                                         stdout=log, stderr=subprocess.STDOUT)

    async def kill(self) -> None:
        """kill -9: no chance to flush or close anything."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            await asyncio.to_thread(self.proc.wait, 10)

    async def stop(self) -> None:
        """Ask politely (SIGTERM), then insist; waits without blocking the fake server's event loop."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                await asyncio.to_thread(self.proc.wait, 10)
            except subprocess.TimeoutExpired:
                await self.kill()

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

