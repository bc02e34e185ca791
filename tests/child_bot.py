"""The real bot (python -m bot) as a child process with its own data directory: start, kill -9, stop, read its log."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-m", "bot"]  # the product's entry point: the tokens in the environment select channels


class ChildBot:
    """A bot process; its output is kept in a file for the test to read."""

    def __init__(self, data_dir: Path, env: dict[str, str]) -> None:
        self.log_path = data_dir / "bot.log"
        self.env = {**env, "BOT_DATA_DIR": str(data_dir), "MPLCONFIGDIR": str(data_dir / "mpl")}
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
        """Wait for the process to end; its exit code."""
        return await asyncio.wait_for(asyncio.to_thread(self.proc.wait), timeout)

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
