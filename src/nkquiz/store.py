"""The learner's history in SQLite: the only module that writes it.

Every answer is written, in its own transaction, the moment it is given: quitting or a crash loses
nothing already answered. Answers are rows that are never updated, like a paper log; a session row
is closed when its quiz ends, so a quiz left in the middle stays visible as unfinished.

The connection is in autocommit mode, where each statement is a transaction of its own. Writes
that must land together (an answer and its review, an import) run in :meth:`Store._transaction`:
``with connection:`` opens no transaction in that mode.

A history is never lost, and never poisoned (see docs/security.md), as Anki keeps a collection:
a history that cannot be written is opened read-only, so that reading still works; a damaged one
(a quick check at open) is copied to ``backups/`` and moved aside, with its ``-wal`` and ``-shm``;
``progress import`` backs the history up first. Every SQLite error after opening (read-only,
disk full, locked, corrupt) comes out of a public method as one :class:`HistoryError`, whose
message says what was not saved; a row that cannot be read is skipped and told in
:attr:`Store.skipped`, never a crash at every start.
"""

from __future__ import annotations

import functools
import json
import math
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from fsrs import Card as FsrsCard

from nkquiz.engine.review import CardKey, CardState, Review
from nkquiz.engine.session import Outcome, PastAnswer, Plan
from nkquiz.i18n import Message, os_reason

FILE_NAME = "history.sqlite3"
BACKUPS = "backups"
"""The folder beside the history where its copies are kept, the newest :data:`KEPT_BACKUPS`."""
KEPT_BACKUPS = 5
BUSY_TIMEOUT = 10.0
"""Seconds a write waits for another nkquiz's write lock before it is given up (not saved)."""

MIGRATIONS = [
    # 1: plays, one row per answer. No index on answers: its readers scan a deck's answers in id
    # order, and an index would cost every answer recorded nearly as much as its own row.
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        deck_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        total INTEGER NOT NULL,
        score INTEGER
    );
    CREATE TABLE answers (
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
    CREATE INDEX sessions_by_deck ON sessions(deck_id);
    """,
    # 2: spaced repetition: each card's FSRS state, and a log of its reviews.
    """
    CREATE TABLE cards (
        deck_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        variant TEXT NOT NULL,
        state TEXT NOT NULL,
        due TEXT NOT NULL,
        first_reviewed TEXT NOT NULL,
        PRIMARY KEY (deck_id, question_id, variant)
    );
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        answer_id INTEGER NOT NULL REFERENCES answers(id),
        deck_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        variant TEXT NOT NULL,
        rating INTEGER NOT NULL,
        reviewed_at TEXT NOT NULL
    );
    """,
    # 3: the deck's title with each session, so that the statistics of a deck whose file is
    # gone still name it.
    """
    ALTER TABLE sessions ADD COLUMN deck_title TEXT;
    """,
    # 4: cards the learner set aside: buried until a time (the next day), or suspended until
    # unsuspended. Apart from the FSRS state, which they leave as it was.
    """
    ALTER TABLE cards ADD COLUMN buried_until TEXT;
    ALTER TABLE cards ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;
    """,
    # 5: what the grader said of each answer, and the learner's "I was right" beside it: the
    # answer's row keeps the grader's credit and points; an override is a row of its own (NULL
    # verdicts are answers recorded before this migration).
    """
    ALTER TABLE answers ADD COLUMN verdict TEXT;
    CREATE TABLE overrides (
        answer_id INTEGER PRIMARY KEY REFERENCES answers(id),
        credit REAL NOT NULL,
        points INTEGER NOT NULL,
        overruled_at TEXT NOT NULL
    );
    """,
    # 6: a quiz's plan, to resume it where it was left: its questions in order, the
    # seed of its options' order, its time limit (engine.session.Plan, as JSON).
    """
    CREATE TABLE plans (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
        plan TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
"""Each nkquiz that changes the schema appends a migration; a database is brought up to date by
running the ones it lacks, in one transaction."""

Now = Callable[[], datetime]

_to_json = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(value, ensure_ascii=False)``, without making a new encoder for every answer."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def _key(key: CardKey) -> tuple[str, str]:
    return key.question_id, key.variant


@dataclass(frozen=True)
class DeckSummary:
    """What the home screen shows of a deck's history."""

    best_score: int | None
    last_played: datetime | None
    sessions: int


class NewerHistory(sqlite3.DatabaseError):
    """The history has a schema this nkquiz does not know: it is left as it is."""


class HistoryError(Exception):
    """The history could not be read or written (SQLite said why): what was not saved, as a
    :class:`~nkquiz.i18n.Message` for the learner."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
_REASONS = {
    "SQLITE_READONLY": "history_reason_read_only",
    "SQLITE_FULL": "history_reason_full",
    "SQLITE_BUSY": "history_reason_busy",
    "SQLITE_LOCKED": "history_reason_busy",
    "SQLITE_CORRUPT": "history_reason_damaged",
    "SQLITE_NOTADB": "history_reason_damaged",
}


def _error_name(error: sqlite3.Error) -> str:
    """SQLite's primary result code's name (``SQLITE_FULL``): an extended code's name
    (``SQLITE_READONLY_DBMOVED``) is cut to its primary."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return "_".join(name.split("_")[:2])


def _reason(error: sqlite3.Error) -> Message | str:
    """Why, in the learner's words when SQLite's code is one a learner can act on."""
    key = _REASONS.get(_error_name(error))
    return Message(key) if key else str(error)


F = TypeVar("F", bound=Callable[..., Any])


def _guarded(method: F) -> F:
    """``method`` raising :class:`HistoryError` for any SQLite error."""

    @functools.wraps(method)
    def guarded(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise HistoryError(
                Message("history_not_saved", path=self.path, reason=_reason(error))
            ) from error

    return guarded  # type: ignore[return-value]


def _guard_public_methods(cls: type[Store]) -> type[Store]:
    """Every public method of the store guarded, those added later too: no caller ever sees a
    ``sqlite3`` error, so none can forget one."""
    for name, value in list(vars(cls).items()):
        if callable(value) and not name.startswith("_"):
            setattr(cls, name, _guarded(value))
    return cls


class _BadRow(Exception):
    """A row of the history that cannot be read (a bad date, JSON, number or FSRS state)."""


def _when(text: str) -> datetime:
    """A time of the history: ISO 8601 with its offset (a naive time cannot be compared with the
    others, and would fail far from here)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"no time zone in {text!r}")
    return moment


def _finite(number: float) -> float:
    if not isinstance(number, int | float) or not math.isfinite(number):
        raise ValueError(f"not a finite number: {number!r}")
    return float(number)


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection. A history in WAL mode whose folder cannot be written has no
    ``-shm`` to share with writers, and SQLite refuses it read-only; then it is opened as
    immutable (no locks, no WAL: its last checkpoint, which a closed history is)."""
    uri = path.absolute().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    try:
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        return sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None)


@_guard_public_methods
class Store:
    """An open history database; ``read_only`` opens it so (``file:…?mode=ro``), for a history
    nkquiz may read but not write: every write then fails with :class:`HistoryError`."""

    def __init__(
        self,
        path: Path | str,
        now: Now = utc_now,
        *,
        read_only: bool = False,
        timeout: float = BUSY_TIMEOUT,
    ) -> None:
        self.path = path
        self._now = now
        self.read_only = read_only
        self.skipped: list[Message] = []
        """The rows skipped because they could not be read: each told once, by its table."""
        if read_only:
            self._db = _connect_read_only(Path(path), timeout)
        else:
            self._db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        try:
            if read_only:
                self._readable()
                return
            self._migrate()
            # WAL lets a second nkquiz read and write while this one does; NORMAL sync is safe
            # with WAL (a power cut may lose the last answer, never corrupt the file).
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # SQLite opens a file it may not write read-only without a word (BEGIN IMMEDIATE
            # still succeeds), and a lock held by another program shows only at the first
            # write: both are found now, at open, by writing the version as it is and rolling
            # back.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(f"PRAGMA user_version={self._version()}")
            finally:
                self._db.execute("ROLLBACK")
            self._check()
        except BaseException:
            self._db.close()
            raise

    def _readable(self) -> None:
        """A history opened read-only cannot be migrated: it must have this nkquiz's schema."""
        version = self._version()
        if version > SCHEMA_VERSION:
            raise NewerHistory(f"{self.path} was written by a newer nkquiz")
        if version < SCHEMA_VERSION:
            raise sqlite3.OperationalError(f"{self.path} needs an upgrade it cannot be given")
        self._check()

    def _check(self) -> None:
        """SQLite's quick check (pages and their structure; not every index entry, which the
        full integrity check reads): corrupt pages behind a valid header are found at open,
        not in the middle of a quiz. ``DatabaseError`` if the file is damaged."""
        if self.path == ":memory:":
            return
        (result,) = self._db.execute("PRAGMA quick_check(1)").fetchone()
        if result != "ok":
            raise sqlite3.DatabaseError(f"quick check: {result}")

    def _migrate(self) -> None:
        """Bring the database to this nkquiz's schema. The version is read again once the write
        lock is held, so that two nkquiz starting at once do not both migrate."""
        if self._version() == SCHEMA_VERSION:
            return
        with self._transaction():
            version = self._version()
            if version > SCHEMA_VERSION:
                raise NewerHistory(f"{self.path} was written by a newer nkquiz")
            for script in MIGRATIONS[version:]:
                for statement in filter(str.strip, script.split(";")):
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Several writes as one: all of them, or none if any fails. IMMEDIATE takes the write
        lock at once, so that another nkquiz writing at the same time waits (busy timeout)
        rather than failing half way."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:  # SQLite rolls back by itself on a full disk, an I/O error
                self._db.execute("ROLLBACK")
            raise

    def _version(self) -> int:
        version: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return version

    @property
    def saves(self) -> bool:
        """False for the stand-in used when the learner's folder cannot be written, and for a
        history opened read-only."""
        return self.path != ":memory:" and not self.read_only

    def _skip(self, table: str, row: Any, error: Exception) -> None:
        message = Message("history_bad_row", path=self.path, table=table, row=row, reason=error)
        if not any(m.values["table"] == table for m in self.skipped):
            self.skipped.append(message)

    def close(self) -> None:
        self._db.close()

    def start_session(self, deck_id: str, mode: str, total: int, title: str | None = None) -> int:
        """A new session of ``deck_id``; its ``title`` is kept to name the deck in statistics
        once its file is gone."""
        cursor = self._db.execute(
            "INSERT INTO sessions (deck_id, mode, started_at, total, deck_title)"
            " VALUES (?, ?, ?, ?, ?)",
            (deck_id, mode, self._now().isoformat(), total, title),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def overrule(self, answer_id: int, outcome: Outcome) -> None:
        """The learner overruled the grader on an answer: its credit and points as they now
        count. The answer's own row, with the grader's verdict, is left as it is."""
        self._db.execute(
            "INSERT OR REPLACE INTO overrides (answer_id, credit, points, overruled_at)"
            " VALUES (?, ?, ?, ?)",
            (answer_id, outcome.grade.credit, outcome.points, self._now().isoformat()),
        )

    def take_back_override(self, answer_id: int) -> None:
        """The learner took an override back before the next question: the grader's verdict
        holds, as if the override had never been made."""
        self._db.execute("DELETE FROM overrides WHERE answer_id = ?", (answer_id,))

    def record_reviews(
        self,
        session_id: int,
        deck_id: str,
        outcome: Outcome,
        keys: Sequence[CardKey],
        rate: Callable[[dict[CardKey, CardState | None]], Sequence[Review]],
    ) -> tuple[int, list[int]]:
        """Write one answer, a review of each card it rated and the cards' new schedules,
        together; the answer's id and the reviews' ids. The cards' states are read inside the
        write transaction and given to ``rate``, which schedules them: another nkquiz answering
        the same card meanwhile (a second browser tab) has its review built on, not lost."""
        with self._transaction():
            states = self._card_states_of(deck_id, keys)
            reviews = rate({key: states.get(key) for key in keys})
            answer_id = self._insert_answer(session_id, deck_id, outcome)
            review_ids = []
            for review in reviews:
                cursor = self._db.execute(
                    "INSERT INTO reviews (answer_id, deck_id, question_id, variant, rating,"
                    " reviewed_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        answer_id,
                        deck_id,
                        *_key(review.key),
                        int(review.rating),
                        self._now().isoformat(),
                    ),
                )
                assert cursor.lastrowid is not None
                review_ids.append(cursor.lastrowid)
                self._save_card(deck_id, review)
        return answer_id, review_ids

    def _card_states_of(self, deck_id: str, keys: Sequence[CardKey]) -> dict[CardKey, CardState]:
        states: dict[CardKey, CardState] = {}
        for key in keys:
            states |= self._card_states(deck_id, "AND question_id = ? AND variant = ?", *_key(key))
        return states

    def rerate(self, review_ids: Sequence[int], deck_id: str, reviews: Sequence[Review]) -> None:
        """The learner corrected the rating of reviews just made: their schedules follow."""
        with self._transaction():
            for review_id, review in zip(review_ids, reviews, strict=True):
                self._db.execute(
                    "UPDATE reviews SET rating = ? WHERE id = ?", (int(review.rating), review_id)
                )
                self._save_card(deck_id, review)

    def session_row(self, session_id: int) -> SessionRow:
        """What an answer may change of a session (it may finish it), to put it back on undo."""
        finished, score, total = self._db.execute(
            "SELECT finished_at, score, total FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return SessionRow(session_id, finished, score, total)

    def undo_answer(
        self,
        answer_id: int,
        deck_id: str,
        cards: Mapping[CardKey, CardState | None],
        session: SessionRow,
    ) -> None:
        """Take back an answer: its row and its reviews' are deleted, each card it rated is put
        back as it was (``None``: it had no row, never reviewed) and its session too. The history
        is then as if the answer had never been given; the rows' ids are free again, as SQLite
        reuses the largest."""
        with self._transaction():
            self._db.execute("DELETE FROM reviews WHERE answer_id = ?", (answer_id,))
            self._db.execute("DELETE FROM overrides WHERE answer_id = ?", (answer_id,))
            self._db.execute("DELETE FROM answers WHERE id = ?", (answer_id,))
            for key, state in cards.items():
                if state is None:
                    self._db.execute(
                        "DELETE FROM cards WHERE deck_id = ? AND question_id = ? AND variant = ?",
                        (deck_id, *_key(key)),
                    )
                else:
                    self._db.execute(
                        "UPDATE cards SET state = ?, due = ?, first_reviewed = ?,"
                        " buried_until = ?, suspended = ?"
                        " WHERE deck_id = ? AND question_id = ? AND variant = ?",
                        (
                            state.card.to_json(),
                            state.card.due.isoformat(),
                            state.first_reviewed.isoformat(),
                            state.buried_until.isoformat() if state.buried_until else None,
                            int(state.suspended),
                            deck_id,
                            *_key(key),
                        ),
                    )
            self._db.execute(
                "UPDATE sessions SET finished_at = ?, score = ?, total = ? WHERE id = ?",
                (session.finished_at, session.score, session.total, session.id),
            )

    def bury(self, deck_id: str, keys: Iterable[CardKey], until: datetime | None) -> None:
        """Keep the cards out of reviews until ``until`` (None: no longer buried)."""
        self._set_aside(deck_id, keys, "buried_until", until.isoformat() if until else None)

    def suspend(self, deck_id: str, keys: Iterable[CardKey], suspended: bool = True) -> None:
        """Keep the cards out of reviews until they are unsuspended (``suspended=False``)."""
        self._set_aside(deck_id, keys, "suspended", int(suspended))

    def _set_aside(self, deck_id: str, keys: Iterable[CardKey], column: str, value: Any) -> None:
        """Set aside each card of ``keys``. A card never reviewed (a flashcard's other
        direction, which a quiz does not ask) gets its row first, as a new FSRS card due now, so
        that setting a question aside keeps all of it out; brought back, it is asked as new
        cards are, counted among those due."""
        now = self._now()
        with self._transaction():
            for key in keys:
                self._db.execute(
                    "INSERT OR IGNORE INTO cards"
                    " (deck_id, question_id, variant, state, due, first_reviewed)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (deck_id, *_key(key), FsrsCard(due=now).to_json(), now.isoformat(),
                     now.isoformat()),
                )  # fmt: skip
                self._db.execute(
                    f"UPDATE cards SET {column} = ?"  # a column name of ours
                    " WHERE deck_id = ? AND question_id = ? AND variant = ?",
                    (value, deck_id, *_key(key)),
                )

    def unsuspend_question(self, deck_id: str, question_id: str) -> int:
        """Bring back every card of the question (suspended or buried); how many were set aside."""
        cursor = self._db.execute(
            "UPDATE cards SET suspended = 0, buried_until = NULL"
            " WHERE deck_id = ? AND question_id = ? AND (suspended OR buried_until IS NOT NULL)",
            (deck_id, question_id),
        )
        return cursor.rowcount

    def decks(self) -> dict[str, str | None]:
        """Every deck with a history, by id, with its title as last recorded (None if no session
        recorded one: sessions before nkquiz kept titles)."""
        rows = self._db.execute("SELECT deck_id, deck_title FROM sessions ORDER BY id").fetchall()
        rows += [(deck, None) for (deck,) in self._db.execute("SELECT DISTINCT deck_id FROM cards")]
        titles: dict[str, str | None] = {}
        for deck_id, title in rows:
            if title is not None or deck_id not in titles:
                titles[deck_id] = title or titles.get(deck_id)
        return dict(sorted(titles.items()))

    def card_states(self, deck_id: str) -> dict[CardKey, CardState]:
        """Every card of the deck with a schedule; a card whose row cannot be read is skipped
        (told in :attr:`skipped`), as if never reviewed."""
        return self._card_states(deck_id, "")

    def _card_states(self, deck_id: str, where: str, *args: str) -> dict[CardKey, CardState]:
        rows = self._db.execute(
            "SELECT question_id, variant, state, first_reviewed, buried_until, suspended"
            f" FROM cards WHERE deck_id = ? {where}",
            (deck_id, *args),
        )
        states = {}
        for question_id, variant, state, first, buried, suspended in rows:
            try:
                card = FsrsCard.from_json(state)
                _when(card.due.isoformat())
                states[CardKey(question_id, variant)] = CardState(
                    card, _when(first), _when(buried) if buried else None, bool(suspended)
                )
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                self._skip("cards", f"{question_id}/{variant}", error)
        return states

    def _insert_answer(self, session_id: int, deck_id: str, outcome: Outcome) -> int:
        cursor = self._db.execute(
            "INSERT INTO answers (session_id, deck_id, question_id, answer, credit, points,"
            " seconds, answered_at, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                deck_id,
                outcome.asked.question.id,
                _to_json(outcome.answer),
                outcome.grade.credit,
                outcome.points,
                outcome.seconds,
                self._now().isoformat(),
                outcome.grader_verdict_key,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _save_card(self, deck_id: str, review: Review) -> None:
        self._db.execute(
            "INSERT INTO cards (deck_id, question_id, variant, state, due, first_reviewed)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (deck_id, question_id, variant)"
            " DO UPDATE SET state = excluded.state, due = excluded.due",
            (
                deck_id,
                *_key(review.key),
                review.card.to_json(),
                review.card.due.isoformat(),
                review.first_reviewed.isoformat(),
            ),
        )

    def finish_session(self, session_id: int, score: int, total: int) -> None:
        """Every question of the session is answered: ``total`` of them, more than planned
        when a review asked missed cards again."""
        self._db.execute(
            "UPDATE sessions SET finished_at = ?, score = ?, total = ? WHERE id = ?",
            (self._now().isoformat(), score, total, session_id),
        )

    def reopen_session(self, session_id: int) -> None:
        """A question was added to a session marked finished (its last answer rated again)."""
        self._db.execute(
            "UPDATE sessions SET finished_at = NULL, score = NULL WHERE id = ?", (session_id,)
        )

    def answers(self, deck_id: str) -> list[AnswerRow]:
        """Every answer ever given in the deck, oldest first, with the credit that counts: the
        override's, when the learner overruled the grader."""
        rows = self._db.execute(
            "SELECT a.question_id, COALESCE(o.credit, a.credit), a.answered_at,"
            " CASE WHEN o.answer_id IS NULL THEN NULL ELSE a.answer END"
            " FROM answers a LEFT JOIN overrides o ON o.answer_id = a.id"
            " WHERE a.deck_id = ? ORDER BY a.id",
            (deck_id,),
        )
        answers = []
        for q, credit, at, given in rows:
            try:
                typed = None if given is None else _typed(json.loads(given))
                answers.append(AnswerRow(q, _finite(credit), _when(at), typed))
            except (ValueError, TypeError) as error:
                self._skip("answers", q, error)
        return answers

    def session_counts(self, deck_id: str) -> tuple[int, int]:
        """(finished, left in the middle) sessions of the deck."""
        finished, unfinished = self._db.execute(
            "SELECT COUNT(finished_at), COUNT(*) - COUNT(finished_at) FROM sessions"
            " WHERE deck_id = ?",
            (deck_id,),
        ).fetchone()
        return finished, unfinished

    def export_progress(self, deck_id: str | None = None) -> dict[str, Any]:
        """The whole history of one deck, or of all, as plain JSON data (see progress.py)."""
        where, where_session, where_answer = (
            ("WHERE deck_id = ?", "WHERE s.deck_id = ?", "WHERE a.deck_id = ?")
            if deck_id
            else ("", "", "")
        )
        args: tuple[str, ...] = (deck_id,) if deck_id else ()
        decks: dict[str, dict[str, list[Any]]] = {}

        def deck(name: str) -> dict[str, list[Any]]:
            return decks.setdefault(name, {"sessions": [], "cards": []})

        # Answers are read in one pass and grouped by session: the table has no index on its
        # session (it would slow every answer recorded), so a query per session would scan it
        # once per session.
        # An answer in a quiz reviews every card of its question (a reversed flashcard's two):
        # the join gives one row per review, gathered here under their answer.
        by_session: dict[int, list[dict[str, Any]]] = {}
        by_id: dict[int, dict[str, Any]] = {}
        for answer in self._dicts(
            "SELECT a.id, a.session_id, a.question_id, a.answer, a.credit, a.points, a.seconds,"
            " a.answered_at, a.verdict, r.variant, r.rating, r.reviewed_at,"
            " o.credit AS o_credit, o.points AS o_points, o.overruled_at FROM answers a"
            " LEFT JOIN reviews r ON r.answer_id = a.id"
            f" LEFT JOIN overrides o ON o.answer_id = a.id {where_answer}"
            " ORDER BY a.id, r.id",
            args,
        ):
            review = {key: answer.pop(key) for key in ("variant", "rating", "reviewed_at")}
            override = {
                "credit": answer.pop("o_credit"),
                "points": answer.pop("o_points"),
                "overruled_at": answer.pop("overruled_at"),
            }
            answer_id = answer.pop("id")
            if answer_id not in by_id:
                answer["answer"] = json.loads(answer["answer"])
                answer["reviews"] = []
                answer["override"] = override if override["credit"] is not None else None
                by_id[answer_id] = answer
                by_session.setdefault(answer.pop("session_id"), []).append(answer)
            if review["rating"] is not None:
                by_id[answer_id]["reviews"].append(review)
        sessions = self._dicts(
            "SELECT s.id, s.deck_id, s.mode, s.started_at, s.finished_at, s.total, s.score,"
            " s.deck_title, p.plan FROM sessions s LEFT JOIN plans p ON p.session_id = s.id"
            f" {where_session} ORDER BY s.id",
            args,
        )
        for session in sessions:
            answers = by_session.get(session.pop("id"), [])
            plan = json.loads(session["plan"]) if session["plan"] else None
            deck(session.pop("deck_id"))["sessions"].append(
                {**session, "plan": plan, "answers": answers}
            )
        cards = self._dicts(
            "SELECT deck_id, question_id, variant, state, due, first_reviewed, buried_until,"
            f" suspended FROM cards {where} ORDER BY deck_id, question_id, variant",
            args,
        )
        for card in cards:
            deck(card.pop("deck_id"))["cards"].append(
                {**card, "state": json.loads(card["state"]), "suspended": bool(card["suspended"])}
            )
        return {"nkquiz_progress": 1, "decks": decks}

    def _dicts(self, sql: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cursor = self._db.execute(sql, args)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def import_progress(self, data: dict[str, Any]) -> tuple[int, int]:
        """Add what ``data`` (validated by progress.py) holds and the history lacks: a session is
        known by its deck, mode and start, an answer by its session, question and time, so
        importing the same file twice adds nothing twice. A card's schedule, and whether it is set
        aside, is taken when it was reviewed later than ours. A session's plan comes with it, so
        that a quiz left unfinished resumes on the other machine. Returns (sessions added, answers
        added); all or nothing."""
        added_sessions = added_answers = 0
        with self._transaction():
            for deck, history in data["decks"].items():
                # What the history already holds of the deck, read once: looking each answer up
                # would scan the answers table (no index, see export_progress) once per answer.
                sessions = {
                    (mode, started): session_id
                    for session_id, mode, started in self._db.execute(
                        "SELECT id, mode, started_at FROM sessions WHERE deck_id = ?", (deck,)
                    )
                }
                answers = set(
                    self._db.execute(
                        "SELECT session_id, question_id, answered_at FROM answers"
                        " WHERE deck_id = ?",
                        (deck,),
                    )
                )
                for session in history["sessions"]:
                    known = sessions.get((session["mode"], session["started_at"]))
                    if known is not None:
                        session_id = known
                    else:
                        session_id = self._db.execute(
                            "INSERT INTO sessions (deck_id, mode, started_at, finished_at, total,"
                            " score, deck_title) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (
                                deck,
                                session["mode"],
                                session["started_at"],
                                session["finished_at"],
                                session["total"],
                                session["score"],
                                session.get("deck_title"),
                            ),
                        ).lastrowid
                        if session.get("plan"):
                            self._db.execute(
                                "INSERT INTO plans (session_id, plan) VALUES (?, ?)",
                                (session_id, _to_json(session["plan"])),
                            )
                        added_sessions += 1
                        sessions[session["mode"], session["started_at"]] = session_id
                    for answer in session["answers"]:
                        key = (session_id, answer["question_id"], answer["answered_at"])
                        if key not in answers:
                            self._import_answer(session_id, deck, answer)
                            answers.add(key)
                            added_answers += 1
                for card in history["cards"]:
                    self._import_card(deck, card)
        return added_sessions, added_answers

    def _import_answer(self, session_id: int, deck_id: str, answer: dict[str, Any]) -> None:
        answer_id = self._db.execute(
            "INSERT INTO answers (session_id, deck_id, question_id, answer, credit, points,"
            " seconds, answered_at, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                deck_id,
                answer["question_id"],
                _to_json(answer["answer"]),
                answer["credit"],
                answer["points"],
                answer["seconds"],
                answer["answered_at"],
                answer.get("verdict"),
            ),
        ).lastrowid
        if override := answer.get("override"):
            self._db.execute(
                "INSERT INTO overrides (answer_id, credit, points, overruled_at)"
                " VALUES (?, ?, ?, ?)",
                (answer_id, override["credit"], override["points"], override["overruled_at"]),
            )
        reviews = answer.get("reviews") or []
        if answer.get("review"):  # a file written before an answer could review several cards
            reviews = [answer["review"], *reviews]
        for review in reviews:
            self._db.execute(
                "INSERT INTO reviews (answer_id, deck_id, question_id, variant, rating,"
                " reviewed_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    answer_id,
                    deck_id,
                    answer["question_id"],
                    review["variant"],
                    review["rating"],
                    review["reviewed_at"],
                ),
            )

    def _import_card(self, deck_id: str, card: dict[str, Any]) -> None:
        theirs = FsrsCard.from_dict(card["state"])
        row = self._db.execute(
            "SELECT state FROM cards WHERE deck_id = ? AND question_id = ? AND variant = ?",
            (deck_id, card["question_id"], card["variant"]),
        ).fetchone()
        ours = FsrsCard.from_json(row[0]) if row else None
        if (
            ours
            and ours.last_review
            and theirs.last_review
            and ours.last_review >= theirs.last_review
        ):
            return
        self._db.execute(
            "INSERT OR REPLACE INTO cards (deck_id, question_id, variant, state, due,"
            " first_reviewed, buried_until, suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                deck_id,
                card["question_id"],
                card["variant"],
                theirs.to_json(),
                theirs.due.isoformat(),
                card["first_reviewed"],
                card.get("buried_until"),
                int(card.get("suspended", False)),
            ),
        )

    def deck_summary(self, deck_id: str) -> DeckSummary:
        """The best score counts whole plays only: a review or a retry of the missed questions
        asks a few chosen questions, so its score says nothing of the deck."""
        best, last, count = self._db.execute(
            "SELECT MAX(CASE WHEN mode = 'play' THEN score END), MAX(started_at), COUNT(*)"
            " FROM sessions WHERE deck_id = ?",
            (deck_id,),
        ).fetchone()
        try:
            last_played = _when(last) if last else None
        except ValueError as error:
            self._skip("sessions", deck_id, error)
            last_played = None
        return DeckSummary(best, last_played, count)

    # Resuming a quiz, and the learner's mistakes

    def save_plan(self, session_id: int, plan: Plan) -> None:
        """Keep what the session asks, so that it can be resumed if it is left unfinished."""
        data = {
            "questions": list(plan.question_ids),
            "seed": plan.seed,
            "time_limit": plan.time_limit,
            "until_right": plan.until_right,
        }
        self._db.execute(
            "INSERT OR REPLACE INTO plans (session_id, plan) VALUES (?, ?)",
            (session_id, _to_json(data)),
        )

    def unfinished_quiz(self, deck_id: str) -> Unfinished | None:
        """The deck's last quiz (not a review), if it was left before its end, with at least
        one answer (resuming a quiz left at once would only be playing it again), and its plan
        is known; the answers it was given, in order. A quiz left with no answer does not count
        as the last: it never hides the one left before it."""
        row = self._db.execute(
            "SELECT s.id, s.mode, s.finished_at, p.plan FROM sessions s"
            " LEFT JOIN plans p ON p.session_id = s.id"
            " WHERE s.deck_id = ? AND s.mode != 'review'"
            " AND (s.finished_at IS NOT NULL"
            " OR EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id))"
            " ORDER BY s.id DESC LIMIT 1",
            (deck_id,),
        ).fetchone()
        if row is None or row[2] is not None or row[3] is None:
            return None
        session_id, mode, _, text = row
        try:
            plan = _plan(json.loads(text))
            answers = [
                PastAnswer(
                    json.loads(answer),
                    _finite(credit),
                    points,
                    _finite(seconds),
                    None if o_credit is None else (_finite(o_credit), o_points),
                )
                for answer, credit, points, seconds, o_credit, o_points in self._db.execute(
                    "SELECT a.answer, a.credit, a.points, a.seconds, o.credit, o.points"
                    " FROM answers a LEFT JOIN overrides o ON o.answer_id = a.id"
                    " WHERE a.session_id = ? ORDER BY a.id",
                    (session_id,),
                )
            ]
        except (ValueError, TypeError, KeyError) as error:  # not resumable: played anew
            self._skip("plans", session_id, error)
            return None
        return Unfinished(session_id, mode, plan, answers) if answers else None

    def missed_last_session(self, deck_id: str) -> list[str]:
        """The questions not fully right in the deck's last session with answers, in the order
        they were asked."""
        rows = self._db.execute(
            "SELECT question_id FROM answers WHERE session_id = (SELECT MAX(session_id)"
            " FROM answers WHERE deck_id = ?) AND credit < 1 ORDER BY id",
            (deck_id,),
        )
        return list(dict.fromkeys(question_id for (question_id,) in rows))

    def most_missed(self, deck_id: str, limit: int) -> list[str]:
        """The ``limit`` questions of the deck missed most often, the most missed first (ties:
        the one missed last first)."""
        rows = self._db.execute(
            "SELECT question_id FROM answers WHERE deck_id = ? AND credit < 1"
            " GROUP BY question_id ORDER BY COUNT(*) DESC, MAX(id) DESC LIMIT ?",
            (deck_id, limit),
        )
        return [question_id for (question_id,) in rows]


def _plan(data: Any) -> Plan:
    """A quiz's plan as :meth:`Store.save_plan` wrote it; ``ValueError`` if it is not one."""
    questions, seed = data["questions"], data["seed"]
    time_limit, until_right = data["time_limit"], data["until_right"]
    if not (isinstance(questions, list) and all(isinstance(q, str) for q in questions)):
        raise ValueError("the plan's questions are not a list of ids")
    if not isinstance(seed, int) or not isinstance(until_right, bool):
        raise ValueError("the plan's seed or until_right is not of its type")
    if time_limit is not None and not _finite(time_limit) > 0:
        raise ValueError("the plan's time limit is not a positive number")
    return Plan(tuple(questions), seed, time_limit, until_right)


@dataclass(frozen=True)
class Unfinished:
    """A quiz left in the middle: its session, mode and plan, and the answers it was given."""

    session_id: int
    mode: str
    plan: Plan
    answers: list[PastAnswer]


@dataclass(frozen=True)
class SessionRow:
    """A session's columns that its answers change."""

    id: int
    finished_at: str | None
    score: int | None
    total: int


@dataclass(frozen=True)
class AnswerRow:
    """One answer of the history, as statistics need it."""

    question_id: str
    credit: float
    answered_at: datetime
    overruled: str | None = None
    """What was typed, when the learner overruled the grader on this answer."""


def _typed(answer: Any) -> str:
    """A typed answer as one line: the blanks of a cloze joined by " / "."""
    if isinstance(answer, list):
        return " / ".join(str(part) for part in answer)
    return str(answer)


def backup(path: Path, now: Now = utc_now) -> Path:
    """Copy the history at ``path`` into ``backups/`` beside it, with the time in its name, as
    Anki backs a collection up before a risky step; only the newest :data:`KEPT_BACKUPS` are
    kept. SQLite's backup API copies a consistent state, the WAL's answers included; a file it
    cannot read (damaged) is copied as its bytes. The copy's path; ``OSError`` or
    ``sqlite3.Error`` if it cannot be made (then nothing risky should be done)."""
    folder = path.parent / BACKUPS
    folder.mkdir(exist_ok=True)
    stem = f"history-{now():%Y%m%d-%H%M%S}"
    target = folder / f"{stem}.sqlite3"
    number = 1
    while target.exists():  # two backups in one second: both kept
        number += 1
        target = folder / f"{stem}-{number}.sqlite3"
    try:
        source = sqlite3.connect(
            Path(path).absolute().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT
        )
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, without -wal and -shm
        finally:
            copy.close()
            source.close()
    except sqlite3.DatabaseError:
        shutil.copyfile(path, target)
    copies = sorted(folder.glob("history-*.sqlite3"), key=lambda p: p.stat().st_mtime_ns)
    for old in copies[:-KEPT_BACKUPS]:
        old.unlink(missing_ok=True)
    return target


def open_store(
    folder: Path, now: Now = utc_now, *, timeout: float | None = None
) -> tuple[Store, Message | None]:
    """The history in ``folder``, and a warning for the learner when it could not be used as is
    (in the learner's language: see :class:`~nkquiz.i18n.Message`).

    A damaged database (SQLite cannot read it, or its quick check fails) is backed up, moved
    aside with its ``-wal`` and ``-shm``, the time in its name, and a new one started; one that
    cannot be written (a read-only file or folder, a lock held by another program) is opened
    read-only, so that its statistics still show; only when it cannot even be read is the store
    in memory, so the learner can still play. The warning then says progress is not saved.
    """
    path = folder / FILE_NAME
    timeout = BUSY_TIMEOUT if timeout is None else timeout  # read now: tests shorten it
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return Store(path, now, timeout=timeout), None
    except NewerHistory:
        return Store(":memory:", now), Message("history_newer", path=path)
    except sqlite3.DatabaseError as error:
        if path.is_file() and (
            _error_name(error) in _DAMAGED or not isinstance(error, sqlite3.OperationalError)
        ):
            return _moved_aside(path, error, now, timeout)
        return _read_only(path, error, now, timeout)
    except OSError as error:
        reason = os_reason(error)
        return Store(":memory:", now), Message("history_no_folder", path=folder, reason=reason)


def _read_only(path: Path, error: sqlite3.Error, now: Now, timeout: float) -> tuple[Store, Message]:
    """The history opened read-only, or in memory when it cannot even be read."""
    try:
        store = Store(path, now, read_only=True, timeout=timeout)
    except sqlite3.Error:
        return Store(":memory:", now), Message("history_unwritable", path=path)
    return store, Message("history_read_only", path=path, reason=_reason(error))


def _moved_aside(
    path: Path, error: sqlite3.Error, now: Now, timeout: float
) -> tuple[Store, Message]:
    """A damaged history backed up and moved aside, and a new one started (the learner is told
    where both went): never written into again, where a repair by hand may still find more."""
    try:
        copy = backup(path, now)
    except (OSError, sqlite3.Error):
        return Store(":memory:", now), Message("history_unwritable", path=path)
    aside = path.with_name(f"{FILE_NAME}.damaged-{now():%Y%m%d-%H%M%S}")
    for suffix in ("", "-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + suffix))
    reason = " ".join(str(error).split())  # the quick check's report, on one line
    message = Message("history_damaged", reason=reason, path=aside, backup=copy)
    return Store(path, now, timeout=timeout), message
