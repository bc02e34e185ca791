"""Store.close waits for a statement another thread is running (closing under it crashed the Zalo bot at exit)."""

import sqlite3
import threading
import time

import pytest

from handlers.store import Store


def test_close_waits_for_the_running_statement_then_later_calls_fail_cleanly(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    closed = threading.Event()
    with store._lock:  # a statement in progress in another thread holds this lock
        closer = threading.Thread(target=lambda: (store.close(), closed.set()))
        closer.start()
        time.sleep(0.1)
        assert not closed.is_set()  # close waits
    closer.join(5)
    assert closed.is_set()
    with pytest.raises(sqlite3.ProgrammingError):  # an exception, not a crash
        store.intent_counts()
