"""Start every configured channel in one process, run them until a signal or a fatal error, stop them all."""

from __future__ import annotations

import asyncio
import importlib
import logging
import signal
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

# Each entry names a factory `from_env(options: RunOptions) -> Channel | None`; None: not configured (no token).
FACTORIES = [
    "handlers.telegram.channel:from_env",
    "handlers.zalo.channel:from_env",
    "handlers.web.channel:from_env",
]


@dataclass(frozen=True)
class RunOptions:
    """What the command line asked for: the web page too (`serve`), Telegram by webhook (`--webhook`)."""

    web: bool = False
    webhook: bool = False


class ChannelFatal(Exception):
    """A channel cannot go on (e.g. its token was rejected): every channel stops, the exit code is 1."""


class Channel(Protocol):
    """A messenger or web channel: runs until `stop` is set; raises ChannelFatal when it cannot go on."""

    name: str

    async def run(self, stop: asyncio.Event) -> None: ...


def configured(options: RunOptions) -> list[Channel]:
    """The channels whose settings are present, in FACTORIES order."""
    found = []
    for spec in FACTORIES:
        module_name, _, attr = spec.partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attr)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # this channel is not part of the installation
            raise
        channel = factory(options)
        if channel is not None:
            found.append(channel)
    return found


async def run_all(channels: list[Channel]) -> int:
    """Run the channels together; 0 after a clean stop (SIGINT/SIGTERM), 1 if any channel failed."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread, or no signals on this platform
            pass
    failed = False

    async def guarded(channel: Channel) -> None:
        nonlocal failed
        try:
            await channel.run(stop)
        except ChannelFatal as exc:
            log.error("%s: %s", channel.name, exc)
            failed = True
        except Exception:
            log.exception("%s stopped on an error", channel.name)
            failed = True
        finally:
            stop.set()  # one channel down takes the others down: a supervisor restarts the whole process

    log.info("starting: %s", ", ".join(c.name for c in channels))
    await asyncio.gather(*(guarded(c) for c in channels))
    return 1 if failed else 0


def serve(channels: list[Channel]) -> int:
    """Blocking entry: run the channels on a new event loop."""
    return asyncio.run(run_all(channels))
