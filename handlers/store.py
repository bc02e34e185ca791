"""SQLite storage shared by every channel: conversation states, handled message ids, question log, feedback.

A conversation is identified by a text key that the channel builds, e.g. "telegram:private:42" or
"zalo:chat:user"; keys of different channels never meet. A user's stored data is found by the user key
("telegram:42") that the channel passes alongside, so /quen forgets all of one person's conversations.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from bot.reply import State

APP_NAME = "kh39-assistant"
STORE_FILE = "assistant.sqlite3"  # one store for every channel of the process

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
    key TEXT PRIMARY KEY, user_key TEXT NOT NULL, state TEXT NOT NULL, updated REAL NOT NULL);
CREATE INDEX IF NOT EXISTS conversations_user ON conversations (user_key);
CREATE TABLE IF NOT EXISTS buttons (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, arg TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS questions (at REAL NOT NULL, intent TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS unanswered (
    at REAL NOT NULL, intent TEXT NOT NULL, text TEXT NOT NULL, user_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS unanswered_user ON unanswered (user_hash);
CREATE TABLE IF NOT EXISTS seen (channel TEXT NOT NULL, id TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (channel, id));
CREATE TABLE IF NOT EXISTS offers (
    key TEXT PRIMARY KEY, user_key TEXT NOT NULL, offers TEXT NOT NULL, updated REAL NOT NULL);
CREATE INDEX IF NOT EXISTS offers_user ON offers (user_key);
CREATE TABLE IF NOT EXISTS feedback (
    at REAL NOT NULL, intent TEXT NOT NULL, clauses TEXT NOT NULL, vote INTEGER NOT NULL, user_hash TEXT NOT NULL);
"""

DAY_S = 24 * 3600


def default_data_dir() -> Path:
    """Where the store lives unless BOT_DATA_DIR says otherwise: the platform's user data directory."""
    return platformdirs.user_data_path(APP_NAME)


@dataclass(frozen=True)
class Button:
    """What pressing an inline button does: an action kind and its argument."""

    kind: str
    arg: str


@dataclass(frozen=True)
class Retention:
    """How long each kind of row is kept before pruning (seconds)."""

    conversations: float = 180 * DAY_S
    buttons: float = 30 * DAY_S
    seen: float = 2 * DAY_S
    questions: float = 365 * DAY_S
    unanswered: float = 180 * DAY_S
    feedback: float = 365 * DAY_S


class Store:
    """The channels' memory; every write is its own committed transaction (WAL), so kill -9 loses nothing."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._salt = self._meta_salt()

    def close(self) -> None:
        """Close the database, after any statement another thread is running (closing under it crashes sqlite3)."""
        with self._lock:
            self._db.close()

    def _run(self, sql: str, args: tuple = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, args)

    def _meta_salt(self) -> str:
        row = self._run("SELECT value FROM meta WHERE key = 'salt'").fetchone()
        if row:
            return row[0]
        self._run("INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)", (secrets.token_hex(16),))
        return self._run("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]

    def user_hash(self, user_key: str | int) -> str:
        """A salted, non-reversible stand-in for a user."""
        return hashlib.sha256(f"{self._salt}:{user_key}".encode()).hexdigest()[:20]

    # conversation state
    def load_state(self, key: str | int) -> State:
        """The conversation's state; fresh if none or unreadable."""
        row = self._run("SELECT state FROM conversations WHERE key = ?", (str(key),)).fetchone()
        return State.from_json(row[0] if row else None)

    def save_state(self, key: str | int, state: State, user_key: str | int | None = None) -> None:
        """Remember the conversation's state (user_key: whose it is, for /quen; defaults to the key)."""
        self._run(
            "INSERT INTO conversations (key, user_key, state, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET state = excluded.state, updated = excluded.updated",
            (str(key), str(key if user_key is None else user_key), state.to_json(), time.time()),
        )

    def forget_user(self, user_key: str | int) -> None:
        """Delete everything stored that is linked to this user: every conversation of theirs, their questions."""
        self._run("DELETE FROM conversations WHERE user_key = ? OR key = ?", (str(user_key), str(user_key)))
        self._run("DELETE FROM offers WHERE user_key = ? OR key = ?", (str(user_key), str(user_key)))
        self._run("DELETE FROM unanswered WHERE user_hash = ?", (self.user_hash(user_key),))
        self._run("DELETE FROM feedback WHERE user_hash = ?", (self.user_hash(user_key),))

    # messages already handled: a platform delivers again what was fetched but not confirmed before a crash
    def first_time(self, message_id: str | int, channel: str = "telegram") -> bool:
        """Record a message/update id of a channel; False if it was recorded before (a redelivery)."""
        return self._run(
            "INSERT OR IGNORE INTO seen (channel, id, at) VALUES (?, ?, ?)", (channel, str(message_id), time.time())
        ).rowcount == 1

    # inline buttons: callback_data carries only the row id
    def add_button(self, kind: str, arg: str) -> int:
        """Store a button's action and return its short id."""
        return self._run(
            "INSERT INTO buttons (kind, arg, created) VALUES (?, ?, ?)", (kind, arg, time.time())
        ).lastrowid

    def button(self, button_id: int) -> Button | None:
        """The action behind a button id, or None if unknown or expired."""
        row = self._run("SELECT kind, arg FROM buttons WHERE id = ?", (button_id,)).fetchone()
        return Button(*row) if row else None

    # options offered by a channel without buttons: a bare number picks one (e.g. Zalo's numbered lists)
    def save_offers(self, key: str, offers: list[Button], user_key: str | None = None) -> None:
        """Remember what each number of the conversation's last numbered list does; an empty list forgets it."""
        if not offers:
            self._run("DELETE FROM offers WHERE key = ?", (str(key),))
            return
        self._run(
            "INSERT INTO offers (key, user_key, offers, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET offers = excluded.offers, updated = excluded.updated",
            (str(key), str(key if user_key is None else user_key),
             json.dumps([[o.kind, o.arg] for o in offers], ensure_ascii=False), time.time()),
        )

    def offers(self, key: str) -> list[Button]:
        """The conversation's pending numbered options, in order; empty if none or unreadable."""
        row = self._run("SELECT offers FROM offers WHERE key = ?", (str(key),)).fetchone()
        try:
            return [Button(str(kind), str(arg)) for kind, arg in json.loads(row[0])] if row else []
        except (ValueError, TypeError):
            return []

    # question log and feedback for KB maintainers
    def log_question(self, intent: str, kind: str) -> None:
        """Count one question by intent (no text, no user)."""
        self._run("INSERT INTO questions (at, intent, kind) VALUES (?, ?, ?)", (time.time(), intent, kind))

    def log_unanswered(self, user_key: str | int, text: str, intent: str) -> None:
        """Keep a question the core could not answer, with the user only as a salted hash."""
        self._run(
            "INSERT INTO unanswered (at, intent, text, user_hash) VALUES (?, ?, ?, ?)",
            (time.time(), intent, text[:500], self.user_hash(user_key)),
        )

    def log_feedback(self, user_key: str | int, intent: str, clauses: list[str], vote: int) -> None:
        """A 👍 (vote 1) or 👎 (vote -1) on an answer, with the user only as a salted hash."""
        self._run(
            "INSERT INTO feedback (at, intent, clauses, vote, user_hash) VALUES (?, ?, ?, ?, ?)",
            (time.time(), intent, " ".join(clauses), 1 if vote > 0 else -1, self.user_hash(user_key)),
        )

    def intent_counts(self) -> list[tuple[str, int]]:
        """Questions per intent, most frequent first."""
        return self._run(
            "SELECT intent, COUNT(*) AS n FROM questions GROUP BY intent ORDER BY n DESC, intent"
        ).fetchall()

    def top_unanswered(self, limit: int = 10) -> list[tuple[str, int]]:
        """The most frequent unanswered questions (case-insensitive), with their counts."""
        return self._run(
            "SELECT MIN(text), COUNT(*) AS n FROM unanswered GROUP BY lower(trim(text)) "
            "ORDER BY n DESC, MAX(at) DESC LIMIT ?",
            (limit,),
        ).fetchall()

    def feedback_counts(self) -> list[tuple[str, int, int]]:
        """Per intent: how many 👍 and how many 👎, most voted first."""
        return self._run(
            "SELECT intent, SUM(vote > 0), SUM(vote < 0) FROM feedback GROUP BY intent "
            "ORDER BY COUNT(*) DESC, intent"
        ).fetchall()

    # housekeeping
    def prune(self, keep: Retention = Retention()) -> dict[str, int]:
        """Delete rows older than their retention; returns how many rows of each table went."""
        now = time.time()
        plan = {"conversations": ("updated", keep.conversations), "offers": ("updated", keep.conversations),
                "buttons": ("created", keep.buttons),
                "seen": ("at", keep.seen), "questions": ("at", keep.questions),
                "unanswered": ("at", keep.unanswered), "feedback": ("at", keep.feedback)}
        return {table: self._run(f"DELETE FROM {table} WHERE {column} < ?", (now - age,)).rowcount
                for table, (column, age) in plan.items()}
