"""The learner's history in SQLite: the only module that writes it.

Every answer is written, in its own transaction, the moment it is given: quitting or a crash loses
nothing already answered. Answers are rows that are never updated, like a paper log; a session row
is closed when its quiz ends, so a quiz left in the middle stays visible as unfinished.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from nkquiz.engine.session import Outcome

SCHEMA_VERSION = 1
FILE_NAME = "history.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    deck_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    total INTEGER NOT NULL,
    score INTEGER
);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    credit REAL NOT NULL,
    points INTEGER NOT NULL,
    seconds REAL NOT NULL,
    answered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_question ON answers(deck_id, question_id);
CREATE INDEX IF NOT EXISTS sessions_by_deck ON sessions(deck_id);
"""

Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DeckSummary:
    """What the home screen shows of a deck's history."""

    best_score: int | None
    last_played: datetime | None
    sessions: int


class Store:
    """An open history database."""

    def __init__(self, path: Path | str, now: Now = utc_now) -> None:
        self.path = path
        self._now = now
        self._db = sqlite3.connect(path, timeout=10, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"history from a newer nkquiz (schema {version})")
        with self._db:
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @property
    def saves(self) -> bool:
        """False for the stand-in used when the learner's folder cannot be written."""
        return self.path != ":memory:"

    def close(self) -> None:
        self._db.close()

    def start_session(self, deck_id: str, mode: str, total: int) -> int:
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO sessions (deck_id, mode, started_at, total) VALUES (?, ?, ?, ?)",
                (deck_id, mode, self._now().isoformat(), total),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def record(self, session_id: int, deck_id: str, outcome: Outcome) -> None:
        """Write one answer now, in its own transaction."""
        with self._db:
            self._db.execute(
                "INSERT INTO answers (session_id, deck_id, question_id, answer, credit, points,"
                " seconds, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    deck_id,
                    outcome.asked.question.id,
                    json.dumps(outcome.answer, ensure_ascii=False),
                    outcome.grade.credit,
                    outcome.points,
                    outcome.seconds,
                    self._now().isoformat(),
                ),
            )

    def finish_session(self, session_id: int, score: int) -> None:
        with self._db:
            self._db.execute(
                "UPDATE sessions SET finished_at = ?, score = ? WHERE id = ?",
                (self._now().isoformat(), score, session_id),
            )

    def deck_summary(self, deck_id: str) -> DeckSummary:
        best, last, count = self._db.execute(
            "SELECT MAX(score), MAX(started_at), COUNT(*) FROM sessions WHERE deck_id = ?",
            (deck_id,),
        ).fetchone()
        return DeckSummary(best, datetime.fromisoformat(last) if last else None, count)


def open_store(folder: Path, now: Now = utc_now) -> tuple[Store, str | None]:
    """The history in ``folder``, and a warning for the learner when it could not be used as is.

    A damaged database is moved aside, with the time in its name, and a new one started; a folder
    that cannot be written gives a store in memory, so the learner can still play.
    """
    path = folder / FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return Store(path, now), None
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) or not path.exists():
            return Store(":memory:", now), f"progress will not be saved: cannot write {path}"
        aside = path.with_name(f"{FILE_NAME}.damaged-{now():%Y%m%d-%H%M%S}")
        path.replace(aside)
        return Store(path, now), f"the history was damaged ({error}); it was moved to {aside}"
    except OSError as error:
        reason = error.strerror or str(error)
        return Store(":memory:", now), f"progress will not be saved: {folder}: {reason}"
