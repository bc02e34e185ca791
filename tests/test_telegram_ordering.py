"""ChatOrderedProcessor: one chat's updates one after another, different chats at the same time."""

import asyncio

from telegram import Chat, Message, Update, User

from handlers.telegram.ordering import ChatOrderedProcessor, order_key


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "private")
    message = Message(update_id, None, chat, from_user=User(chat_id, "An", False), text="x")
    return Update(update_id, message=message)


async def _run(processor: ChatOrderedProcessor, updates: list[Update], log: list[str]) -> None:
    async def work(update: Update) -> None:
        log.append(f"start {update.update_id}")
        await asyncio.sleep(0.05)
        log.append(f"end {update.update_id}")

    await asyncio.gather(*(processor.process_update(u, work(u)) for u in updates))


async def test_updates_of_one_chat_run_in_order():
    log: list[str] = []
    await _run(ChatOrderedProcessor(8), [_update(1, 5), _update(2, 5), _update(3, 5)], log)
    assert log == ["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]


async def test_updates_of_different_chats_run_together():
    log: list[str] = []
    await _run(ChatOrderedProcessor(8), [_update(1, 5), _update(2, 6)], log)
    assert log[:2] == ["start 1", "start 2"]


async def test_concurrency_bounds_the_work_and_no_lock_is_left_behind():
    processor = ChatOrderedProcessor(1)
    log: list[str] = []
    await _run(processor, [_update(1, 5), _update(2, 6)], log)
    assert log == ["start 1", "end 1", "start 2", "end 2"] and processor.waiting_chats == 0


def test_order_key_is_the_chat():
    assert order_key(_update(1, 5)) == order_key(_update(2, 5)) != order_key(_update(3, 6))
