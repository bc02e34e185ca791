"""Run handlers concurrently across conversations, in arrival order within one, with a bounded backlog."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)
BACKLOG_PER_WORKER = 4


class Dispatcher:
    """`submit(key, job)` queues a job; jobs of one key run one after another, at most `concurrency` at a time."""

    def __init__(self, concurrency: int) -> None:
        self._workers = asyncio.Semaphore(concurrency)
        self._backlog = asyncio.Semaphore(concurrency * BACKLOG_PER_WORKER)
        self._tails: dict[str, asyncio.Task] = {}
        self._tasks: set[asyncio.Task] = set()

    async def submit(self, key: str, job: Callable[[], Awaitable[None]]) -> None:
        """Queue a job; waits while the backlog is full (so a poller does not fetch faster than replies go out)."""
        await self._backlog.acquire()
        task = asyncio.get_running_loop().create_task(self._run(self._tails.get(key), job))
        self._tails[key] = task
        self._tasks.add(task)
        task.add_done_callback(lambda t: self._done(key, t))

    def _done(self, key: str, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        self._backlog.release()
        if self._tails.get(key) is task:
            del self._tails[key]

    async def _run(self, before: asyncio.Task | None, job: Callable[[], Awaitable[None]]) -> None:
        if before is not None:
            await asyncio.wait([before])
        async with self._workers:
            try:
                await job()
            except Exception:  # one message failing never stops the others (the text is not logged)
                log.exception("Zalo: handling a message failed")

    async def drain(self, timeout: float) -> None:
        """Let queued jobs finish (up to `timeout` seconds), then cancel what is left."""
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=timeout)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)
