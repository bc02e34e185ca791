"""Per-chat order: updates of one chat are processed one after another, different chats concurrently."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

PENDING_LIMIT = 1024  # updates waiting for their chat's turn; work itself is bounded by `concurrency`


def order_key(update: object) -> str:
    """What must be processed in order: the chat, else the user (inline queries), else nothing in common."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return f"chat:{update.effective_chat.id}"
        if update.effective_user is not None:
            return f"user:{update.effective_user.id}"
        return f"update:{update.update_id}"
    return f"other:{id(update)}"


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Updates of one chat in arrival order (a double tap's second press sees the first one's result);
    at most `concurrency` updates of different chats run at the same time."""

    def __init__(self, concurrency: int) -> None:
        super().__init__(max_concurrent_updates=PENDING_LIMIT)
        self._work = asyncio.BoundedSemaphore(concurrency)
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's turn, then for a free worker, then run."""
        key = order_key(update)
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock, self._work:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    @property
    def waiting_chats(self) -> int:
        """Chats with an update running or waiting (for tests and logs)."""
        return len(self._locks)
