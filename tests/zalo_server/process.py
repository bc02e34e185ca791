"""The real bot (python -m bot) as a child process, pointed at the fake Zalo API, with its own data directory."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "bot"]  # the product's entry point: ZALO_BOT_TOKEN selects Zalo
OTHER_CHANNELS = ("TELEGRAM_BOT_TOKEN",)  # not started by these tests, even if set where the tests run


class ZaloBotProcess:
    """Start, kill -9, restart the bot; its output is kept in a file for the test to read."""

    def __init__(self, base_url: str, data_dir: Path, token: str, **env: str) -> None:
        self.log_path = data_dir / "bot.log"
        inherited = {k: v for k, v in os.environ.items() if k not in OTHER_CHANNELS and not k.startswith("ZALO_")}
        self.env = {
            **inherited,
            "PYTHONPATH": str(REPO),
            "ZALO_BOT_TOKEN": token,
            "ZALO_API_BASE_URL": base_url,
            "ZALO_POLL_TIMEOUT": "1",
            "ZALO_RATE_LIMIT": "0",
            "BOT_DATA_DIR": str(data_dir),
            "MPLCONFIGDIR": str(data_dir / "mpl"),
            **env,
        }
        self.proc: subprocess.Popen | None = None

    def start(self, *args: str) -> None:
        """Start the bot in its data directory, so no stray .env is read."""
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

    async def exit_code(self, timeout: float = 30.0) -> int:
        return await asyncio.wait_for(asyncio.to_thread(self.proc.wait), timeout)

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
