"""SQLite storage of the channel: conversation states, button actions, question log; one commit per write."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bot.reply import State

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS states (user_id INTEGER PRIMARY KEY, state TEXT NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS buttons (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, arg TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS questions (at REAL NOT NULL, intent TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS unanswered (
    at REAL NOT NULL, intent TEXT NOT NULL, text TEXT NOT NULL, user_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS unanswered_user ON unanswered (user_hash);
CREATE TABLE IF NOT EXISTS seen_updates (update_id INTEGER PRIMARY KEY, at REAL NOT NULL);
"""


@dataclass(frozen=True)
class Button:
    """What pressing an inline button does: an action kind and its argument."""

    kind: str
    arg: str


class Store:
    """The channel's memory; every write is its own committed transaction (WAL), so kill -9 loses nothing."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._salt = self._meta_salt()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def _meta_salt(self) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
        if row:
            return row[0]
        salt = secrets.token_hex(16)
        self._db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)", (salt,))
        return self._db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]

    def user_hash(self, user_id: int) -> str:
        """A salted, non-reversible stand-in for a user id."""
        return hashlib.sha256(f"{self._salt}:{user_id}".encode()).hexdigest()[:20]

    # conversation state
    def load_state(self, user_id: int) -> State:
        """The user's conversation state; fresh if none or unreadable."""
        row = self._db.execute("SELECT state FROM states WHERE user_id = ?", (user_id,)).fetchone()
        return State.from_json(row[0] if row else None)

    def save_state(self, user_id: int, state: State) -> None:
        """Remember the user's conversation state."""
        self._db.execute(
            "INSERT INTO states (user_id, state, updated) VALUES (?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated = excluded.updated",
            (user_id, state.to_json(), time.time()),
        )

    def forget_user(self, user_id: int) -> None:
        """Delete everything stored that is linked to this user."""
        self._db.execute("DELETE FROM states WHERE user_id = ?", (user_id,))
        self._db.execute("DELETE FROM unanswered WHERE user_hash = ?", (self.user_hash(user_id),))

    # updates already handled: Telegram delivers again what was fetched but not confirmed before a crash
    def first_time(self, update_id: int) -> bool:
        """Record an update id; False if it was recorded before (a redelivery)."""
        return self._db.execute(
            "INSERT OR IGNORE INTO seen_updates (update_id, at) VALUES (?, ?)", (update_id, time.time())
        ).rowcount == 1

    def prune_seen(self, max_age_s: float) -> int:
        """Forget update ids older than max_age_s (Telegram keeps unconfirmed updates for 24 hours)."""
        return self._db.execute("DELETE FROM seen_updates WHERE at < ?", (time.time() - max_age_s,)).rowcount

    # inline buttons: callback_data carries only the row id
    def add_button(self, kind: str, arg: str) -> int:
        """Store a button's action and return its short id."""
        return self._db.execute(
            "INSERT INTO buttons (kind, arg, created) VALUES (?, ?, ?)", (kind, arg, time.time())
        ).lastrowid

    def button(self, button_id: int) -> Button | None:
        """The action behind a button id, or None if unknown or expired."""
        row = self._db.execute("SELECT kind, arg FROM buttons WHERE id = ?", (button_id,)).fetchone()
        return Button(*row) if row else None

    def prune_buttons(self, max_age_s: float) -> int:
        """Forget buttons older than max_age_s; returns how many."""
        return self._db.execute("DELETE FROM buttons WHERE created < ?", (time.time() - max_age_s,)).rowcount

    # question log for KB maintainers
    def log_question(self, intent: str, kind: str) -> None:
        """Count one question by intent (no text, no user)."""
        self._db.execute("INSERT INTO questions (at, intent, kind) VALUES (?, ?, ?)", (time.time(), intent, kind))

    def log_unanswered(self, user_id: int, text: str, intent: str) -> None:
        """Keep a question the core could not answer, with the user only as a salted hash."""
        self._db.execute(
            "INSERT INTO unanswered (at, intent, text, user_hash) VALUES (?, ?, ?, ?)",
            (time.time(), intent, text[:500], self.user_hash(user_id)),
        )

    def intent_counts(self) -> list[tuple[str, int]]:
        """Questions per intent, most frequent first."""
        return self._db.execute(
            "SELECT intent, COUNT(*) AS n FROM questions GROUP BY intent ORDER BY n DESC, intent"
        ).fetchall()

    def top_unanswered(self, limit: int = 10) -> list[tuple[str, int]]:
        """The most frequent unanswered questions (case-insensitive), with their counts."""
        return self._db.execute(
            "SELECT MIN(text), COUNT(*) AS n FROM unanswered GROUP BY lower(trim(text)) "
            "ORDER BY n DESC, MAX(at) DESC LIMIT ?",
            (limit,),
        ).fetchall()
